package dev.boxscore.server.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boxscore.ingest.mapping.SpanRowFactory;
import dev.boxscore.loadgen.GeneratedRequests;
import dev.boxscore.loadgen.LoadOptions;
import dev.boxscore.loadgen.LoadReport;
import dev.boxscore.loadgen.LoadRun;
import dev.boxscore.loadgen.Protocol;
import dev.boxscore.model.normalize.LlmSpanNormalizer;
import dev.boxscore.model.pricing.PriceCatalog;
import dev.boxscore.storage.SpanRow;
import dev.boxscore.wire.KafkaTopics;
import dev.boxscore.wire.OtlpTraceRequests;
import dev.boxscore.wire.SpanRecord;
import dev.boxscore.wire.SpanRecordCodec;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * Issue 18's one benchmark command: in one run on this machine, the raw limits of Kafka and of the
 * engine on the records and rows ingest handles, then the packaged one-machine server (a child JVM,
 * as {@code ./boxscore up} runs it, on a fresh data directory) under the load generator (in this
 * JVM, on the same cores) at 10,000 spans/s with freshness probes beside it, then as fast as it
 * takes for {@code benchmark.seconds} (60); the server's CPU by role and stage (its threads in
 * /proc), its resident memory, and the bytes on disk per span. Not part of the suite:
 *
 * <pre>
 * ./mvnw -B -o -pl server verify -Dit.test=IngestBenchmark -Dtest=none \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dui.browserTests.skip=true
 * </pre>
 *
 * {@code -Dbenchmark.jfr=true} records the server with JFR ({@code target/ingest-bench-*.jfr}).
 */
class IngestBenchmark {
  private static final int SECONDS = Integer.getInteger("benchmark.seconds", 60);
  private static final int WARMUP_SECONDS = Integer.getInteger("benchmark.warmupSeconds", 20);
  private static final int RAW_SECONDS = Integer.getInteger("benchmark.rawSeconds", 15);
  private static final double FRESH_RATE =
      Double.parseDouble(System.getProperty("benchmark.freshRate", "10000"));
  private static final int FRESH_SECONDS = Integer.getInteger("benchmark.freshSeconds", 30);
  private static final int BATCH = 2000;

  /** Ingest's batchMaxSpans (20,000 by default). */
  static final int INGEST_BATCH = Integer.getInteger("benchmark.ingestBatch", 20_000);

  private static final String KEY = "bx_ingest_benchmark_key";
  private static final PrintStream OUT = System.out;

  @Test
  void ingestAgainstTheRawLimitsOfKafkaAndTheEngine() throws Exception {
    Path work = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "ingest-bench-");
    OUT.printf(
        "ingest benchmark in %s; %d cores%n", work, Runtime.getRuntime().availableProcessors());

    // The traces every stage sees: the load generator's, 2,000 spans a request, no captured
    // content.
    GeneratedRequests generated = new GeneratedRequests(20261208L, 0);
    List<ExportTraceServiceRequest> requests = new ArrayList<>();
    Instant now = Instant.now();
    for (int i = 0; i < 100; i++) {
      requests.add(generated.request(i, BATCH, now));
    }
    List<SpanRecord> records = records(requests, now);
    long protobufBytes =
        requests.stream().mapToLong(ExportTraceServiceRequest::getSerializedSize).sum();
    OUT.printf(
        "input: %,d requests, %,d traces, %,d spans, %.0f bytes of OTLP protobuf a span%n",
        requests.size(), records.size(), requests.size() * BATCH, protobufBytes / (100.0 * BATCH));

    // 1. Kafka alone.
    List<RawKafkaLimit.Encoded> encoded = new ArrayList<>();
    for (SpanRecord r : records) {
      ProducerRecord<byte[], byte[]> pr = SpanRecordCodec.toProducerRecord(KafkaTopics.SPANS, r);
      int spans = OtlpTraceRequests.spanCount(r.spans());
      pr.headers().add(RawKafkaLimit.SPANS_HEADER, ByteBuffer.allocate(4).putInt(spans).array());
      encoded.add(new RawKafkaLimit.Encoded(pr, spans));
    }
    RawKafkaLimit kafka =
        RawKafkaLimit.measure(work.resolve("raw-kafka"), encoded, Duration.ofSeconds(RAW_SECONDS));
    encoded.clear();
    OUT.printf(
        "raw Kafka: produced %,.0f spans/s (%,d records, %.1f MB in %.1f s), produced and consumed"
            + " %,.0f spans/s%n",
        kafka.producedSpansPerSecond(),
        kafka.records(),
        kafka.bytes() / 1e6,
        kafka.produceSeconds(),
        kafka.consumedSpansPerSecond());

    // 2. End to end at 10,000 spans/s with freshness probes, then 3. as fast as the server takes.
    Path data = work.resolve("server-data");
    List<String> jvm = new ArrayList<>();
    if (Boolean.getBoolean("benchmark.jfr")) {
      jvm.add(
          "-XX:StartFlightRecording=filename=" + work.resolve("server.jfr") + ",settings=profile");
    }
    Phase full;
    Phase fresh;
    FreshnessProbe probe;
    Map<String, Long> tables;
    try (OneMachineProcess server = OneMachineProcess.start(data, KEY, jvm, serverEnv())) {
      // JIT and first-insert warm-up at 10,000 spans/s, not reported. The 10,000 spans/s phase
      // comes before the full-speed one: after that, the engine merges its millions of spans for
      // minutes, which is not the steady state at 10,000 spans/s.
      loadPhase(server, FRESH_RATE, Duration.ofSeconds(WARMUP_SECONDS), null);
      probe = new FreshnessProbe(server.otlpHttp(), server.api(), KEY);
      fresh = loadPhase(server, FRESH_RATE, Duration.ofSeconds(FRESH_SECONDS + 10), probe);
      OUT.println(
          "server heap after the 10k/s phase (jcmd GC.heap_info):\n" + heapInfo(server.pid()));
      full = loadPhase(server, 0, Duration.ofSeconds(SECONDS), null);
    }
    tables = TableSizes.of(data.resolve("clickhouse"), "boxscore");
    if (Boolean.getBoolean("benchmark.jfr")) {
      OUT.print(JfrHotMethods.summary(work.resolve("server.jfr"), 25));
    }

    // 4. The engine alone, last: its library stays loaded in this JVM once opened.
    List<List<SpanRow>> batches = rowBatches(records.subList(0, records.size() / 2), now);
    records.clear();
    RawEngineLimit engine =
        RawEngineLimit.measure(
            work.resolve("raw-engine"), batches, Duration.ofSeconds(RAW_SECONDS));

    report(kafka, engine, full, fresh, probe, tables);
    assertThat(full.report.storedMatchesAcknowledged())
        .as("every acknowledged span stored exactly once (full speed)")
        .isTrue();
    assertThat(fresh.report.storedMatchesAcknowledged())
        .as("every acknowledged span stored exactly once (10,000 spans/s)")
        .isTrue();
  }

  /** Ingest's rows of these records, in ingest's batches (of 20,000 spans by default). */
  static List<List<SpanRow>> rowBatches(List<SpanRecord> records, Instant ingestedAt) {
    SpanRowFactory factory = new SpanRowFactory(new LlmSpanNormalizer(), PriceCatalog.builtIn());
    List<List<SpanRow>> batches = new ArrayList<>();
    List<SpanRow> batch = new ArrayList<>();
    for (SpanRecord r : records) {
      batch.addAll(factory.rows(r, ingestedAt));
      if (batch.size() >= INGEST_BATCH) {
        batches.add(batch);
        batch = new ArrayList<>();
      }
    }
    return batches;
  }

  /** The load generator's traces as the collector splits them: one record per trace. */
  static List<SpanRecord> records(List<ExportTraceServiceRequest> requests, Instant receivedAt) {
    List<SpanRecord> records = new ArrayList<>();
    for (ExportTraceServiceRequest request : requests) {
      OtlpTraceRequests.splitByTrace(request)
          .forEach(
              (traceId, trace) -> records.add(new SpanRecord("bench", receivedAt, traceId, trace)));
    }
    return records;
  }

  /** One load run and what the server spent on it. */
  private record Phase(
      LoadReport report,
      double storedSeconds,
      Map<String, Double> cpuByName,
      double machineBusyCores,
      ProcessMemory memory) {

    double storedPerSecond() {
      return report.spansAcknowledged() / storedSeconds;
    }
  }

  private static Phase loadPhase(
      OneMachineProcess server, double rate, Duration duration, FreshnessProbe probe)
      throws Exception {
    LoadOptions options =
        LoadOptions.builder()
            .protocol(Protocol.HTTP)
            .endpoint(server.otlpHttp())
            .api(server.api())
            .key(KEY)
            .connections(LoadOptions.DEFAULT_CONNECTIONS)
            .batch(BATCH)
            .rate(rate)
            .duration(duration)
            .progress(OUT)
            .build();
    ThreadCpu before = ThreadCpu.sample(server.pid());
    long[] machineBefore = MachineCpu.sample();
    AtomicReference<ProcessMemory> peak = new AtomicReference<>(ProcessMemory.of(server.pid()));
    ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
    sampler.scheduleAtFixedRate(
        () -> {
          try {
            ProcessMemory m = ProcessMemory.of(server.pid());
            if (m.rssBytes() > peak.get().rssBytes()) {
              peak.set(m);
            }
          } catch (IOException gone) {
            // the process has ended; the peak so far stands
          }
        },
        500,
        500,
        TimeUnit.MILLISECONDS);
    Thread probes = null;
    if (probe != null) {
      // Probes start once the load runs at its rate (after its first 5 s), and stop before it does.
      probes =
          new Thread(
              () -> {
                try {
                  probe.run(
                      Duration.ofSeconds(5),
                      Duration.ofSeconds(FRESH_SECONDS),
                      Duration.ofMillis(100));
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              },
              "freshness-probes");
      probes.start();
    }
    LoadReport report = LoadRun.run(options);
    if (probes != null) {
      probes.join();
    }
    sampler.shutdownNow();
    ThreadCpu after = ThreadCpu.sample(server.pid());
    long[] machineAfter = MachineCpu.sample();
    Long drain = report.verification() == null ? null : report.verification().drainMillis();
    double stored = report.sendSeconds() + (drain == null ? Double.NaN : drain / 1000.0);
    OUT.println(report.toText());
    return new Phase(
        report,
        stored,
        after.since(before),
        MachineCpu.busyCores(machineBefore, machineAfter),
        peak.get());
  }

  private static void report(
      RawKafkaLimit kafka,
      RawEngineLimit engine,
      Phase full,
      Phase fresh,
      FreshnessProbe probe,
      Map<String, Long> tables) {
    StringBuilder s = new StringBuilder();
    double slowestRaw = Math.min(kafka.consumedSpansPerSecond(), engine.ingestSpansPerSecond());
    s.append("\n==== ingest benchmark ====\n");
    s.append(String.format("%-58s %14s%n", "stage", "spans/s"));
    s.append(row("raw: Kafka produce (collector's settings)", kafka.producedSpansPerSecond()));
    s.append(
        row("raw: Kafka produce + consume (ingest's settings)", kafka.consumedSpansPerSecond()));
    s.append(
        row(
            "raw: engine insert (ingest's rows, writer, batches of 20k)",
            engine.insertSpansPerSecond()));
    s.append(row("raw: duplicate gate look-up alone", engine.gateSpansPerSecond()));
    s.append(
        row("raw: engine look-up + insert, as ingest runs them", engine.ingestSpansPerSecond()));
    s.append("  the insert's profile: spans/s after dropping, one at a time,\n");
    engine
        .withoutViews()
        .forEach(st -> s.append(row("    " + st.dropped(), st.insertSpansPerSecond())));
    s.append(
        row(
            "end to end: acknowledged (full speed, " + SECONDS + " s)",
            full.report.acknowledgedPerSecond()));
    s.append(
        row("end to end: stored (acknowledged / time to last stored)", full.storedPerSecond()));
    s.append(
        String.format(
            "ratio stored / slowest raw stage: %.2f (slowest raw: %,.0f spans/s)%n",
            full.storedPerSecond() / slowestRaw, slowestRaw));
    s.append(
        String.format(
            "exactly once: full speed %s, 10k/s %s%n",
            verdict(full.report), verdict(fresh.report)));
    s.append(
        String.format(
            "freshness at %,.0f spans/s (acknowledged %,.0f/s): p50 %d ms, p99 %d ms, max %d ms"
                + " over %d probes (%d lost, %d refused)%n",
            FRESH_RATE,
            fresh.report.acknowledgedPerSecond(),
            probe.quantileMillis(0.5),
            probe.quantileMillis(0.99),
            probe.quantileMillis(1.0),
            probe.seen(),
            probe.lost(),
            probe.refused()));
    for (Phase p : List.of(full, fresh)) {
      String name = p == full ? "full speed" : String.format("%,.0f spans/s", FRESH_RATE);
      double window = p.storedSeconds;
      double spans = p.report.spansAcknowledged();
      s.append(
          String.format(
              "%nserver CPU at %s: %.2f cores of the machine's busy %.2f (client JVM %.2f cores);"
                  + " per 10,000 spans: CPU-seconds by stage%n",
              name,
              p.cpuByName.values().stream().mapToDouble(Double::doubleValue).sum() / window,
              p.machineBusyCores,
              p.report.clientCpuSeconds() / p.report.sendSeconds()));
      ThreadCpu.byStage(p.cpuByName)
          .forEach(
              (stage, seconds) ->
                  s.append(
                      String.format(
                          "  %-44s %6.2f cores  %6.3f s per 10k spans%n",
                          stage, seconds / window, seconds / spans * 10_000)));
      s.append("  busiest threads (name: CPU-seconds): ");
      p.cpuByName.entrySet().stream()
          .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
          .limit(14)
          .forEach(e -> s.append(String.format("%s: %.1f; ", e.getKey(), e.getValue())));
      s.append('\n');
      s.append(
          String.format(
              "  resident memory, peak sampled: %,d MB, of which the engine's library %,d MB"
                  + " (process peak VmHWM %,d MB)%n",
              p.memory.rssBytes() >> 20,
              p.memory.engineLibraryRssBytes() >> 20,
              p.memory.peakRssBytes() >> 20));
    }
    long spansStored = full.report.spansAcknowledged() + fresh.report.spansAcknowledged();
    double otlpBytes =
        full.report.bytesSent() * (double) full.report.spansAcknowledged() / full.report.spansSent()
            + fresh.report.bytesSent()
                * (double) fresh.report.spansAcknowledged()
                / fresh.report.spansSent();
    long all = tables.values().stream().mapToLong(Long::longValue).sum();
    long spansTable = tables.getOrDefault("spans", 0L);
    s.append(
        String.format(
            "%ndisk: %,d spans, %.0f bytes of OTLP protobuf a span; spans table %.1f bytes a span"
                + " (ratio %.1f), all tables %.1f bytes a span (ratio %.1f)%n",
            spansStored,
            otlpBytes / spansStored,
            spansTable / (double) spansStored,
            otlpBytes / spansTable,
            all / (double) spansStored,
            otlpBytes / all));
    s.append("  by table (bytes): ").append(tables).append('\n');
    OUT.print(s);
    try {
      Files.writeString(
          Path.of("target", "ingest-benchmark.txt"), s.toString(), StandardCharsets.UTF_8);
    } catch (Exception e) {
      OUT.println("could not write target/ingest-benchmark.txt: " + e);
    }
  }

  /** {@code -Dbenchmark.serverEnv=BOXSCORE_X=1,BOXSCORE_Y=2}: settings of the server under test. */
  private static Map<String, String> serverEnv() {
    Map<String, String> env = new java.util.LinkedHashMap<>();
    for (String pair : System.getProperty("benchmark.serverEnv", "").split(",")) {
      if (pair.contains("=")) {
        env.put(
            pair.substring(0, pair.indexOf('=')).strip(), pair.substring(pair.indexOf('=') + 1));
      }
    }
    if (!env.isEmpty()) {
      OUT.println("server settings: " + env);
    }
    return env;
  }

  private static String heapInfo(long pid) {
    try {
      Process jcmd =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                  Long.toString(pid),
                  "GC.heap_info")
              .redirectErrorStream(true)
              .start();
      return new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    } catch (Exception e) {
      return "(jcmd failed: " + e + ")";
    }
  }

  private static String verdict(LoadReport r) {
    if (r.verification() == null) {
      return "not checked (" + r.verificationSkipped() + ")";
    }
    var calls = r.verification().llmCalls();
    return String.format(
        "%s (LLM calls stored %,d of %,d acknowledged; %d/%d sampled traces exact)",
        r.storedMatchesAcknowledged() ? "yes" : "NO",
        calls == null ? -1 : calls.stored(),
        calls == null ? -1 : calls.expectedLow(),
        r.verification().tracesComplete(),
        r.verification().tracesChecked());
  }

  private static String row(String stage, double spansPerSecond) {
    return String.format("%-58s %,14.0f%n", stage, spansPerSecond);
  }
}
