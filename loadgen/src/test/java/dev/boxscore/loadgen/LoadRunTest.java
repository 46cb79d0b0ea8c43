package dev.boxscore.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sending side's accounting against a scripted server: retries, refusals, partial success. */
class LoadRunTest {
  private static final ExportAnswer OK = ExportAnswer.accepted("200", 0, "");
  private static final ExportAnswer UNAVAILABLE =
      ExportAnswer.refused("503", true, Duration.ZERO, "Kafka cannot take the spans");

  /** Answers from the script, then the last answer again. */
  private static final class Scripted implements OtlpSender {
    private final Deque<ExportAnswer> script;
    private ExportAnswer last;
    int calls;

    Scripted(List<ExportAnswer> answers) {
      script = new ArrayDeque<>(answers);
    }

    @Override
    public synchronized ExportAnswer export(ExportTraceServiceRequest request) {
      calls++;
      if (!script.isEmpty()) {
        last = script.poll();
      }
      return last;
    }

    @Override
    public void close() {}
  }

  private static LoadOptions.Builder options() {
    return LoadOptions.builder().key("k").verify(false).connections(1).batch(100).spans(300);
  }

  @Test
  void aRefusalIsRetriedHonouringRetryAfterAndCountedByStatus() throws Exception {
    Scripted server = new Scripted(List.of(UNAVAILABLE, UNAVAILABLE, OK));
    LoadReport report = LoadRun.run(options().build(), () -> server);

    assertThat(report.spansSent()).isEqualTo(300);
    assertThat(report.requestsSent()).isEqualTo(3);
    assertThat(report.attempts()).isEqualTo(5);
    assertThat(report.refusedRequests("503")).isEqualTo(2);
    assertThat(report.refused().get("503").spans()).isEqualTo(200);
    assertThat(report.refused().get("503").message()).isEqualTo("Kafka cannot take the spans");
    assertThat(report.spansAcknowledged()).isEqualTo(300);
    assertThat(report.llmAcknowledgedLow()).isEqualTo(report.llmSpansSent());
    assertThat(report.spansGivenUp()).isZero();
    assertThat(report.exitCode()).isEqualTo(LoadReport.OK);
    assertThat(report.toText()).contains("not checked: --no-verify");
  }

  @Test
  void aClientErrorOtherThan429IsNotRetried() throws Exception {
    Scripted server =
        new Scripted(List.of(ExportAnswer.refused("400", false, null, "span 3: bad trace id")));
    LoadReport report = LoadRun.run(options().build(), () -> server);

    assertThat(report.attempts()).isEqualTo(3);
    assertThat(report.refusedRequests("400")).isEqualTo(3);
    assertThat(report.spansAcknowledged()).isZero();
    assertThat(report.spansGivenUp()).isEqualTo(300);
    assertThat(report.exitCode()).isEqualTo(LoadReport.NOTHING_ACKNOWLEDGED);
  }

  @Test
  void aRequestRefusedOnEveryAttemptIsGivenUp() throws Exception {
    Scripted server = new Scripted(List.of(UNAVAILABLE));
    LoadReport report = LoadRun.run(options().spans(100).maxAttempts(3).build(), () -> server);

    assertThat(server.calls).isEqualTo(3);
    assertThat(report.refusedRequests("503")).isEqualTo(3);
    assertThat(report.spansGivenUp()).isEqualTo(100);
    assertThat(report.spansAcknowledged()).isZero();
  }

  @Test
  void aPartialSuccessAcknowledgesTheRestAndTheLlmCallsAsARange() throws Exception {
    Scripted server = new Scripted(List.of(ExportAnswer.accepted("200", 10, "10 spans invalid")));
    LoadReport report = LoadRun.run(options().build(), () -> server);

    assertThat(report.spansAcknowledged()).isEqualTo(270);
    assertThat(report.spansRejected()).isEqualTo(30);
    assertThat(report.llmAcknowledgedHigh()).isEqualTo(report.llmSpansSent());
    assertThat(report.llmAcknowledgedLow()).isEqualTo(report.llmSpansSent() - 30);
  }

  @Test
  void aDurationRunSendsUntilItEnds() throws Exception {
    Scripted server = new Scripted(List.of(OK));
    LoadReport report =
        LoadRun.run(options().duration(Duration.ofMillis(300)).rate(2000).build(), () -> server);

    // 2,000 spans/s for 0.3 s in requests of 100: the first goes at once, then one every 50 ms,
    // none once the time is up.
    assertThat(report.requestsSent()).isBetween(1L, 7L);
    assertThat(report.spansAcknowledged()).isEqualTo(report.spansSent());
  }
}
