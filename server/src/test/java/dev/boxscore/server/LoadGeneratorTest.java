package dev.boxscore.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boxscore.collector.CollectorRole;
import dev.boxscore.loadgen.LoadOptions;
import dev.boxscore.loadgen.LoadReport;
import dev.boxscore.loadgen.LoadRun;
import dev.boxscore.loadgen.Protocol;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The load generator of {@code ./boxscore load}, run as a library against this server: what it
 * sends is acknowledged and then found stored exactly once through the query API, and a wrong key
 * shows as every request refused with 401. Each run sends into a project of its own.
 */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedInfrastructure.class, restrictToAnnotatedClass = false)
class LoadGeneratorTest {
  @Inject CollectorRole collector;

  @TestHTTPResource("/")
  URI api;

  /**
   * A project of the run's own: its thousands of traces, users and sessions stay out of the
   * projects other test classes read (the browser suite's oracle picks the latest traces).
   */
  private static String key() {
    Projects.Created project = Projects.create("loadgen-" + UUID.randomUUID());
    return Projects.key(project.adminKey(), List.of("ingest", "read"), null)[0];
  }

  private LoadOptions.Builder options() {
    return LoadOptions.builder()
        .endpoint(URI.create("http://127.0.0.1:" + collector.httpPort() + "/v1/traces"))
        .api(api)
        .key(key())
        .verifySample(100)
        .verifyMaxWait(Duration.ofSeconds(60));
  }

  @Test
  void everyAcknowledgedSpanOverTwoConnectionsIsStoredExactlyOnce() throws Exception {
    LoadReport report = LoadRun.run(options().connections(2).batch(500).spans(3000).build());

    assertThat(report.spansSent()).isEqualTo(3000);
    assertThat(report.refused()).isEmpty();
    assertThat(report.spansAcknowledged()).isEqualTo(3000);
    assertThat(report.requestsAcknowledged()).isEqualTo(6);
    assertThat(report.llmAcknowledgedLow()).isEqualTo(report.llmSpansSent()).isPositive();
    assertThat(report.verification().llmCalls().stored()).isEqualTo(report.llmSpansSent());
    assertThat(report.verification().tracesChecked()).isEqualTo(100);
    assertThat(report.verification().tracesComplete()).isEqualTo(100);
    assertThat(report.verification().drainMillis()).isNotNull();
    assertThat(report.storedMatchesAcknowledged()).isTrue();
    assertThat(report.exitCode()).isEqualTo(LoadReport.OK);
    assertThat(report.acknowledgedPerSecond()).isPositive();
    assertThat(report.toText()).contains("exactly once", "OK: stored = acknowledged");
  }

  @Test
  void overGrpcTooWhatIsAcknowledgedIsStored() throws Exception {
    LoadReport report =
        LoadRun.run(
            options()
                .protocol(Protocol.GRPC)
                .endpoint(URI.create("http://127.0.0.1:" + collector.grpcPort()))
                .connections(1)
                .spans(1000)
                .build());

    assertThat(report.spansAcknowledged()).isEqualTo(1000);
    assertThat(report.storedMatchesAcknowledged()).isTrue();
    assertThat(report.exitCode()).isEqualTo(LoadReport.OK);
  }

  @Test
  void aWrongKeyIsRefusedWith401OnEveryRequestAndNotRetried() throws Exception {
    LoadReport report =
        LoadRun.run(options().key("bx_not_a_key").connections(2).batch(250).spans(1000).build());

    assertThat(report.refusedRequests("401")).isEqualTo(4);
    assertThat(report.attempts()).isEqualTo(4);
    assertThat(report.spansAcknowledged()).isZero();
    assertThat(report.spansGivenUp()).isEqualTo(1000);
    assertThat(report.verification()).isNull();
    assertThat(report.exitCode()).isEqualTo(LoadReport.NOTHING_ACKNOWLEDGED);
    assertThat(report.toText())
        .contains("refused 401:", "4 requests (1,000 spans)", "FAILED: nothing was acknowledged");
  }
}
