package dev.boxscore.server;

import static dev.boxscore.server.GeneratedCalls.get;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.boxscore.model.pricing.ModelPrice;
import dev.boxscore.server.config.AuthConfig;
import dev.boxscore.storage.SpanRow;
import dev.boxscore.storage.clickhouse.ClickHouseStorage;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Silent model swaps and drift checks on generated calls of known ground truth, written with the
 * real span writer into the real embedded engine and read through the REST API. Each test uses its
 * own time range and service.
 */
@QuarkusTest
class DriftApiTest {
  @Inject ClickHouseStorage storage;
  @Inject AuthConfig auth;

  private void write(int n, Instant start, Duration step, Consumer<LlmRow> shape) {
    GeneratedCalls.write(storage, auth.bootstrapProject(), n, start, step, shape);
  }

  @Test
  void aSilentSwapIsFoundAtItsMinuteWithWhatChanged() {
    Instant start = Instant.parse("2024-11-06T10:00:00Z");
    write(
        120,
        start,
        Duration.ofSeconds(30),
        r -> {
          boolean after = !r.start.isBefore(start.plus(Duration.ofMinutes(37)));
          r.service = "swap-svc";
          r.requestModel = "gpt-4o-mini";
          r.responseModel = after ? "gpt-4o-mini-2025-01-01" : "gpt-4o-mini-2024-07-18";
          r.systemFingerprint = after ? "fp_b" : "fp_a";
          r.durationMs = after ? 200 : 100;
          r.input = 100;
          r.output = after ? 80 : 50;
        });
    write(
        120,
        start,
        Duration.ofSeconds(30),
        r -> {
          r.service = "swap-svc";
          r.requestModel = "gpt-4.1-mini";
          r.responseModel = "gpt-4.1-mini-2025-04-14";
          r.systemFingerprint =
              r.start.isBefore(start.plus(Duration.ofMinutes(20))) ? "fp_x" : "fp_y";
          r.input = 10;
          r.output = 10;
        });
    // After 10 minutes every 5th call names no answering model (as failed calls do): that is no
    // swap.
    write(
        120,
        start,
        Duration.ofSeconds(30),
        r -> {
          r.service = "swap-svc";
          r.requestModel = "gpt-4.1-nano";
          boolean unnamed =
              r.start.isAfter(start.plus(Duration.ofMinutes(10)))
                  && r.start.getEpochSecond() % 150 == 0;
          r.responseModel = unnamed ? "" : "gpt-4.1-nano-2025-04-14";
          r.error = r.responseModel.isEmpty();
        });
    JsonNode swaps =
        get(
                "/api/v1/drift/swaps",
                Map.of(
                    "from", "2024-11-06T10:00:00Z", "to", "2024-11-06T11:00:00Z", "window", "30m"))
            .path("swaps");
    assertThat(swaps.size()).as(swaps.toString()).isEqualTo(2);
    JsonNode fp = swaps.get(0);
    assertThat(fp.path("requestModel").asText()).isEqualTo("gpt-4.1-mini");
    assertThat(fp.path("at").asText()).isEqualTo("2024-11-06T10:20:00Z");
    assertThat(fp.path("kind").asText()).isEqualTo("system_fingerprint");
    JsonNode model = swaps.get(1);
    assertThat(model.path("requestModel").asText()).isEqualTo("gpt-4o-mini");
    assertThat(model.path("at").asText()).isEqualTo("2024-11-06T10:37:00Z");
    assertThat(model.path("kind").asText()).isEqualTo("response_model");
    assertThat(model.path("fromResponseModel").asText()).isEqualTo("gpt-4o-mini-2024-07-18");
    assertThat(model.path("toResponseModel").asText()).isEqualTo("gpt-4o-mini-2025-01-01");
    assertThat(model.path("before").path("calls").asLong()).isEqualTo(60);
    assertThat(model.path("after").path("calls").asLong()).isEqualTo(46);
    assertThat(model.path("before").path("latencyP50Ms").asDouble())
        .isCloseTo(100, org.assertj.core.api.Assertions.within(1.0));
    assertThat(model.path("after").path("latencyP50Ms").asDouble())
        .isCloseTo(200, org.assertj.core.api.Assertions.within(2.0));
    assertThat(model.path("before").path("outputTokensPerCall").asDouble()).isEqualTo(50.0);
    assertThat(model.path("after").path("outputTokensPerCall").asDouble()).isEqualTo(80.0);
    // 100 input and 50, then 80 output tokens per call at gpt-4o-mini's list price of that day.
    ModelPrice mini = ListPrices.of("openai", "gpt-4o-mini", Instant.parse("2024-11-06T10:37:00Z"));
    assertThat(model.path("before").path("costPerCallUsd").decimalValue())
        .isEqualByComparingTo(ListPrices.cost(mini, 100, 50));
    assertThat(model.path("after").path("costPerCallUsd").decimalValue())
        .isEqualByComparingTo(ListPrices.cost(mini, 100, 80));
  }

  /**
   * 200 calls per window and service: latency log-normal around 800 ms, output ~200 tokens, 2%
   * errors.
   */
  private void writeDriftTraffic(
      String service, long seed, double latencyShift, double outputShift, int perWindow) {
    Random random = new Random(seed);
    Instant current = Instant.parse("2025-01-15T12:00:00Z");
    List<SpanRow> rows = new ArrayList<>();
    for (int day = 7; day >= 0; day--) {
      Instant windowStart = current.minus(Duration.ofDays(day));
      boolean isCurrent = day == 0;
      for (int i = 0; i < perWindow; i++) {
        LlmRow r =
            new LlmRow(
                auth.bootstrapProject(),
                windowStart.plusMillis((long) (random.nextDouble() * 3_600_000)));
        r.service = service;
        r.requestModel = "gpt-4o-mini";
        r.durationMs = 800 * Math.exp(0.3 * random.nextGaussian()) * (isCurrent ? latencyShift : 1);
        r.ttftMs = r.durationMs * 0.3;
        r.input = Math.max(1, Math.round(500 + 50 * random.nextGaussian()));
        r.output =
            Math.max(
                1, Math.round((200 + 20 * random.nextGaussian()) * (isCurrent ? outputShift : 1)));
        r.error = random.nextDouble() < 0.02;
        r.finish = List.of(random.nextDouble() < 0.95 ? "stop" : "length");
        rows.add(r.row());
      }
    }
    storage.spanWriter(GeneratedCalls.HISTORIC).write(rows);
  }

  private static JsonNode drift(String service, String minSamples) {
    return get(
        "/api/v1/drift",
        Map.of(
            "service",
            service,
            "from",
            "2025-01-15T12:00:00Z",
            "to",
            "2025-01-15T13:00:00Z",
            "min_samples",
            minSamples));
  }

  private static String verdict(JsonNode drift, String metric) {
    for (JsonNode m : drift.path("metrics")) {
      if (m.path("metric").asText().equals(metric)) {
        return m.path("verdict").asText();
      }
    }
    throw new AssertionError("no metric " + metric + " in " + drift);
  }

  @Test
  void driftIsFoundOnAShiftedStreamAndNotOnAnUnshiftedControlAcrossSeeds() {
    for (long seed = 1; seed <= 3; seed++) {
      writeDriftTraffic("drift-shift-" + seed, seed, 1.4, 1.3, 200);
      writeDriftTraffic("drift-ctrl-" + seed, 100 + seed, 1.0, 1.0, 200);
    }
    for (long seed = 1; seed <= 3; seed++) {
      JsonNode shifted = drift("drift-shift-" + seed, "50");
      assertThat(shifted.path("drifted").asBoolean()).as("seed %d: %s", seed, shifted).isTrue();
      assertThat(verdict(shifted, "latency_ms")).isEqualTo("drift");
      assertThat(verdict(shifted, "ttft_ms")).isEqualTo("drift");
      assertThat(verdict(shifted, "output_tokens_per_call")).isEqualTo("drift");
      assertThat(verdict(shifted, "cost_per_call_usd")).isEqualTo("drift");
      JsonNode latency = shifted.path("metrics").get(0);
      assertThat(latency.path("baselineSamples").asLong()).isEqualTo(1400);
      assertThat(latency.path("currentSamples").asLong()).isEqualTo(200);
      assertThat(latency.path("pValue").asDouble()).isLessThan(0.01);
      assertThat(latency.path("relativeChange").asDouble()).isBetween(0.25, 0.55);

      JsonNode control = drift("drift-ctrl-" + seed, "50");
      assertThat(control.path("drifted").asBoolean()).as("seed %d: %s", seed, control).isFalse();
      for (JsonNode m : control.path("metrics")) {
        assertThat(m.path("verdict").asText()).as("%s", m).isEqualTo("no_drift");
      }
    }
  }

  @Test
  void driftAgainstAnExplicitBaselineWindowAndWithACappedSample() {
    writeDriftTraffic("drift-explicit", 21, 1.4, 1.3, 200);
    // The day before only, instead of the same hour on each of the 7 days before.
    JsonNode explicit =
        get(
            "/api/v1/drift",
            Map.of(
                "service",
                "drift-explicit",
                "from",
                "2025-01-15T12:00:00Z",
                "to",
                "2025-01-15T13:00:00Z",
                "baseline_from",
                "2025-01-14T12:00:00Z",
                "baseline_to",
                "2025-01-14T13:00:00Z"));
    assertThat(explicit.path("baselineWindows")).hasSize(1);
    JsonNode latency = explicit.path("metrics").get(0);
    assertThat(latency.path("baselineSamples").asLong()).isEqualTo(200);
    assertThat(latency.path("currentSamples").asLong()).isEqualTo(200);
    assertThat(verdict(explicit, "latency_ms")).isEqualTo("drift");

    // max_samples caps each side (a hash sample), and the test still runs on what was read.
    JsonNode capped =
        get(
            "/api/v1/drift",
            Map.of(
                "service",
                "drift-explicit",
                "from",
                "2025-01-15T12:00:00Z",
                "to",
                "2025-01-15T13:00:00Z",
                "max_samples",
                "150"));
    assertThat(capped.path("metrics").get(0).path("baselineSamples").asLong()).isEqualTo(150);
    assertThat(capped.path("metrics").get(0).path("currentSamples").asLong()).isEqualTo(150);
    assertThat(verdict(capped, "latency_ms")).isEqualTo("drift");
  }

  @Test
  void driftRefusesAVerdictOnTooFewSamples() {
    writeDriftTraffic("drift-few", 7, 3.0, 3.0, 20);
    JsonNode few = drift("drift-few", "50");
    assertThat(few.path("drifted").asBoolean()).isFalse();
    for (JsonNode m : few.path("metrics")) {
      assertThat(m.path("verdict").asText()).isEqualTo("insufficient_samples");
      assertThat(m.path("pValue").isNull()).isTrue();
    }
    assertThat(few.path("metrics").get(0).path("currentSamples").asLong()).isEqualTo(20);
  }
}
