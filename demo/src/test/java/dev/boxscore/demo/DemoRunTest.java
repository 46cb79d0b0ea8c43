package dev.boxscore.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.boxscore.simulator.ProviderSimulator;
import dev.boxscore.simulator.RecordedRequest;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Runs the demo loop (without agent) against an in-process simulator and checks the calls that
 * reached it.
 */
class DemoRunTest {

  @Test
  void demoMakesEveryKindOfCallAndSurvivesProviderErrors() {
    try (ProviderSimulator sim =
        ProviderSimulator.builder().retryAfter(Duration.ofMillis(1)).start()) {
      DemoStats stats =
          DemoMain.run(new DemoOptions(URI.create(sim.baseUrl()), Duration.ZERO, 25, 7, 20));

      List<RecordedRequest> requests = recorded(sim, stats);
      assertThat(stats.requests()).isEqualTo(25);
      assertThat(stats.totalCalls()).isBetween(25, 75);
      for (LlmCall kind : LlmCall.values()) {
        assertThat(stats.calls(kind)).as(kind.name()).isPositive();
      }
      assertThat(stats.failedCalls()).isPositive();
      // Each failed call was tried twice (one retry); every other call once.
      assertThat(requests).hasSize(stats.totalCalls() + stats.failedCalls());
      long anthropic = requests.stream().filter(r -> r.path().equals("/v1/messages")).count();
      long failedAnthropic = requests.stream().filter(r -> r.status() == 529).count() / 2;
      assertThat(anthropic).isEqualTo(stats.calls(LlmCall.ANTHROPIC_MESSAGES) + failedAnthropic);
      long streams = requests.stream().filter(RecordedRequest::stream).count();
      long failedStreams =
          requests.stream().filter(r -> r.stream() && r.status() == 500).count() / 2;
      assertThat(streams)
          .isEqualTo(
              stats.calls(LlmCall.OPENAI_CHAT_STREAM)
                  + stats.calls(LlmCall.LANGCHAIN4J_STREAM)
                  + failedStreams);
      assertThat(requests)
          .extracting(RecordedRequest::model)
          .contains("gpt-4o-mini", "gpt-4o", "claude-haiku-4-5", "claude-sonnet-4-5");
      assertThat(requests)
          .extracting(RecordedRequest::status)
          .contains(200)
          .containsAnyOf(429, 500, 529)
          .doesNotContain(400, 401);
    }
  }

  /**
   * The simulator records a request after its response is sent, so the client can finish first:
   * wait until every call the demo made (each failed one twice, for its retry) is recorded.
   */
  private static List<RecordedRequest> recorded(ProviderSimulator sim, DemoStats stats) {
    int expected = stats.totalCalls() + stats.failedCalls();
    await().atMost(Duration.ofSeconds(10)).until(() -> sim.recordedRequests().size() >= expected);
    return sim.recordedRequests();
  }

  @Test
  void sameSeedMakesTheSameCalls() {
    assertThat(callsOf(11)).isEqualTo(callsOf(11));
  }

  private static List<String> callsOf(long seed) {
    try (ProviderSimulator sim =
        ProviderSimulator.builder().retryAfter(Duration.ofMillis(1)).start()) {
      DemoStats stats =
          DemoMain.run(new DemoOptions(URI.create(sim.baseUrl()), Duration.ZERO, 8, seed, 20));
      return recorded(sim, stats).stream()
          .map(r -> r.path() + " " + r.model() + " " + r.stream() + " " + r.status())
          .toList();
    }
  }

  @Test
  void optionsRequireTheSimulatorAndNameBadFlags() {
    assertThat(
            DemoOptions.parse(
                new String[] {
                  "--simulator",
                  "http://127.0.0.1:8090/",
                  "--iterations",
                  "3",
                  "--interval",
                  "500ms"
                }))
        .isEqualTo(
            new DemoOptions(URI.create("http://127.0.0.1:8090"), Duration.ofMillis(500), 3, 7, 10));
    assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--iterations", "3"}))
        .hasMessageContaining("--simulator");
    assertThatThrownBy(
            () ->
                DemoOptions.parse(new String[] {"--simulator", "http://h:1", "--iterations", "x"}))
        .hasMessageContaining("--iterations");
    assertThatThrownBy(
            () ->
                DemoOptions.parse(
                    new String[] {"--simulator", "http://h:1", "--error-percent", "101"}))
        .hasMessageContaining("--error-percent");
  }
}
