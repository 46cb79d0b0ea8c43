package dev.boxscore.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SimulatorCommandLineTest {

  @Test
  void flagsConfigureTheSimulator() {
    ProviderSimulator.Builder builder =
        SimulatorCommandLine.parse(
            new String[] {
              "--port",
              "0",
              "--output-tokens=4",
              "--model-swap",
              "gpt-4o=gpt-4o-2025-01-01@1",
              "--error-kinds",
              "overloaded",
              "--ttft",
              "0ms"
            });
    try (ProviderSimulator sim = builder.start()) {
      String body = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
      var first =
          RawHttp.json(
              RawHttp.post(sim, "/v1/chat/completions", body, "Authorization", "Bearer k"));
      var second =
          RawHttp.json(
              RawHttp.post(sim, "/v1/chat/completions", body, "Authorization", "Bearer k"));

      assertThat(first.at("/usage/completion_tokens").asInt()).isEqualTo(4);
      assertThat(second.get("model").asText()).isEqualTo("gpt-4o-2025-01-01");
      assertThat(sim.baseUrl()).matches("http://127\\.0\\.0\\.1:\\d+");
    }
  }

  @Test
  void helpReturnsNoBuilderAndBadFlagsNameTheFlag() {
    assertThat(SimulatorCommandLine.parse(new String[] {"--help"})).isNull();
    assertThatThrownBy(() -> SimulatorCommandLine.parse(new String[] {"--port", "x"}))
        .hasMessageContaining("--port")
        .hasMessageContaining("not a number");
    assertThatThrownBy(() -> SimulatorCommandLine.parse(new String[] {"--error-rate", "2"}))
        .hasMessageContaining("--error-rate");
    assertThatThrownBy(() -> SimulatorCommandLine.parse(new String[] {"--bogus", "1"}))
        .hasMessageContaining("--bogus");
    assertThatThrownBy(() -> SimulatorCommandLine.parse(new String[] {"--latency"}))
        .hasMessageContaining("needs a value");
  }
}
