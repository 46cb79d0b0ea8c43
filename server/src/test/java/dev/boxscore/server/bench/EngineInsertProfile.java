package dev.boxscore.server.bench;

import dev.boxscore.loadgen.GeneratedRequests;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The raw engine stage of {@link IngestBenchmark} alone, for work on the insert: ingest's rows into
 * the full schema, then again after dropping each view and index. Not part of the suite:
 *
 * <pre>
 * ./mvnw -B -o -pl server verify -Dit.test=EngineInsertProfile -Dtest=none \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dui.browserTests.skip=true
 * </pre>
 */
class EngineInsertProfile {
  @Test
  void insertOfIngestsRowsViewByView() throws Exception {
    Path work = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "engine-profile-");
    GeneratedRequests generated = new GeneratedRequests(20261208L, 0);
    List<ExportTraceServiceRequest> requests = new ArrayList<>();
    Instant now = Instant.now();
    for (int i = 0; i < 50; i++) {
      requests.add(generated.request(i, 2000, now));
    }
    RawEngineLimit engine =
        RawEngineLimit.measure(
            work,
            IngestBenchmark.rowBatches(IngestBenchmark.records(requests, now), now),
            Duration.ofSeconds(Integer.getInteger("benchmark.rawSeconds", 15)));
    System.out.printf(
        "engine insert %,.0f spans/s, gate look-up %,.0f spans/s, both %,.0f spans/s (%,d spans)%n",
        engine.insertSpansPerSecond(),
        engine.gateSpansPerSecond(),
        engine.ingestSpansPerSecond(),
        engine.spans());
    engine
        .withoutViews()
        .forEach(
            s ->
                System.out.printf(
                    "  %-50s %,12.0f spans/s%n", s.dropped(), s.insertSpansPerSecond()));
  }
}
