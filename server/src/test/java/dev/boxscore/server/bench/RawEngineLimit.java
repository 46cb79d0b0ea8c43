package dev.boxscore.server.bench;

import dev.boxscore.embedded.clickhouse.EmbeddedClickHouse;
import dev.boxscore.storage.SpanRow;
import dev.boxscore.storage.SpanWriter;
import dev.boxscore.storage.clickhouse.ClickHouseStorage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What the engine alone takes on this machine: ingest's rows (built beforehand by ingest's row
 * factory from the same traces) written through the storage writer ingest uses, in ingest's batch
 * size, one insert after another for a fixed time, into the full schema with every view that fills
 * the rollups. Also timed apart: the duplicate gate's look-up that ingest runs before each insert.
 *
 * @param insertSpansPerSecond spans inserted per second of insert time
 * @param gateSpansPerSecond spans looked up per second of look-up time
 * @param ingestSpansPerSecond look-up and insert together, as ingest runs them
 * @param withoutViews the profile of an insert: the insert again after dropping each materialized
 *     view, then each data-skipping index of {@code spans}, one at a time, so the difference
 *     between two steps is what the dropped one cost
 */
record RawEngineLimit(
    List<Step> withoutViews,
    long spans,
    int batches,
    double insertSeconds,
    double gateSeconds,
    double insertSpansPerSecond,
    double gateSpansPerSecond,
    double ingestSpansPerSecond) {

  static RawEngineLimit measure(Path dir, List<List<SpanRow>> batches, Duration insertFor) {
    try (EmbeddedClickHouse engine = EmbeddedClickHouse.builder().dataDir(dir).build().start();
        ClickHouseStorage storage =
            ClickHouseStorage.builder()
                .url(engine.url())
                .username(engine.username())
                .password(engine.password())
                .socketTimeout(Duration.ofMinutes(2))
                .build()
                .start()) {
      SpanWriter writer = storage.spanWriter();
      writer.write(batches.get(0)); // warm-up: first insert into each table, outside the window
      long spans = 0;
      int count = 0;
      long insertNanos = 0;
      long gateNanos = 0;
      long deadline = System.nanoTime() + insertFor.toNanos();
      for (int i = 1; System.nanoTime() < deadline; i++) {
        List<SpanRow> batch = batches.get(i % batches.size());
        long t0 = System.nanoTime();
        writer.alreadyStored(batch);
        long t1 = System.nanoTime();
        writer.write(batch);
        long t2 = System.nanoTime();
        gateNanos += t1 - t0;
        insertNanos += t2 - t1;
        spans += batch.size();
        count++;
      }
      List<Step> steps = new ArrayList<>();
      HttpClient http = HttpClient.newHttpClient();
      for (String view : names(http, engine, VIEWS)) {
        sql(http, engine, "DROP VIEW boxscore.`" + view + "`");
        steps.add(new Step("- view " + view, insertRate(writer, batches)));
      }
      for (String index : names(http, engine, INDEXES)) {
        sql(http, engine, "ALTER TABLE boxscore.spans DROP INDEX `" + index + "`");
        steps.add(new Step("- index " + index, insertRate(writer, batches)));
      }
      return new RawEngineLimit(
          steps,
          spans,
          count,
          insertNanos / 1e9,
          gateNanos / 1e9,
          spans / (insertNanos / 1e9),
          spans / (gateNanos / 1e9),
          spans / ((insertNanos + gateNanos) / 1e9));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** What was dropped, and the insert's spans/s afterwards. */
  record Step(String dropped, double insertSpansPerSecond) {}

  private static final String VIEWS =
      "SELECT name FROM system.tables WHERE database = 'boxscore' AND engine = 'MaterializedView'"
          + " ORDER BY name FORMAT TSV";
  private static final String INDEXES =
      "SELECT name FROM system.data_skipping_indices WHERE database = 'boxscore'"
          + " AND table = 'spans' ORDER BY name FORMAT TSV";

  private static final int STEP_BATCHES = Integer.getInteger("benchmark.stepBatches", 6);

  private static double insertRate(SpanWriter writer, List<List<SpanRow>> batches) {
    long spans = 0;
    long start = System.nanoTime();
    for (int i = 0; i < STEP_BATCHES; i++) {
      List<SpanRow> batch = batches.get(i % batches.size());
      writer.write(batch);
      spans += batch.size();
    }
    return spans / ((System.nanoTime() - start) / 1e9);
  }

  private static List<String> names(HttpClient http, EmbeddedClickHouse engine, String query)
      throws IOException, InterruptedException {
    return sql(http, engine, query).lines().filter(l -> !l.isBlank()).toList();
  }

  private static String sql(HttpClient http, EmbeddedClickHouse engine, String sql)
      throws IOException, InterruptedException {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(engine.url() + "/"))
                .header("Authorization", engine.basicAuthorization())
                .POST(HttpRequest.BodyPublishers.ofString(sql))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("the engine answered " + r.statusCode() + ": " + r.body());
    }
    return r.body();
  }
}
