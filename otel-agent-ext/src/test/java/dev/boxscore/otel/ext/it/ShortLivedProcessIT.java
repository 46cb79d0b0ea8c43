package dev.boxscore.otel.ext.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.boxscore.otel.ext.it.OtlpReceiver.ReceivedSpan;
import dev.boxscore.simulator.ProviderSimulator;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A raw-HTTP LLM span is finished off the caller's thread (usage read, then ended); a process that
 * exits right after its last call must still export that span, complete, with the times of the
 * call. The child JVM runs under the same agent and extension as this one and exports to the same
 * receiver, with a batch delay so long that only the shutdown flush can send the spans.
 */
class ShortLivedProcessIT {
  private static final long TIMESTAMP_SLACK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

  @Test
  void theLastCallBeforeExitIsExportedWithItsUsageAndTimes() throws Exception {
    OtlpReceiver.get();
    try (ProviderSimulator sim = ProviderSimulator.builder().start()) {
      String[] printed = runChild(sim.baseUrl(), "4321").split(" ");
      String traceId = printed[1];
      long before = Long.parseLong(printed[2]);
      long after = Long.parseLong(printed[3]);

      List<ReceivedSpan> spans = Traces.awaitTrace(traceId, 3);
      assertThat(Traces.llmSpans(spans))
          .singleElement()
          .satisfies(
              span -> {
                assertThat(span.name()).isEqualTo("chat gpt-4o-mini");
                assertThat(span.attributes())
                    .contains(
                        entry("gen_ai.request.max_tokens", 4321L),
                        entry("gen_ai.response.model", "gpt-4o-mini-2024-07-18"),
                        entry("gen_ai.response.finish_reasons", List.of("stop")),
                        entry("gen_ai.usage.output_tokens", 24L));
                assertThat(span.attributes())
                    .containsKeys("gen_ai.response.id", "gen_ai.usage.input_tokens");
                // timestamps are the call's, taken on the caller's thread, not when the finisher
                // ended the span
                assertThat(span.span().getStartTimeUnixNano())
                    .isGreaterThanOrEqualTo(before - TIMESTAMP_SLACK_NANOS);
                assertThat(span.span().getEndTimeUnixNano())
                    .isGreaterThan(span.span().getStartTimeUnixNano())
                    .isLessThanOrEqualTo(after + TIMESTAMP_SLACK_NANOS);
              });
    }
  }

  /** Runs OneCallThenExit under this JVM's agent flags and returns its TRACE line. */
  private static String runChild(String baseUrl, String maxTokens) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    for (String argument : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (argument.startsWith("-javaagent:") || argument.startsWith("-Dotel.")) {
        command.add(argument);
      }
    }
    command.add("-Dotel.bsp.schedule.delay=600000");
    command.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            OneCallThenExit.class.getName(),
            baseUrl,
            maxTokens));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    List<String> output;
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      output = reader.lines().collect(Collectors.toList());
    }
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as("child output: %s", output).isZero();
    return output.stream()
        .filter(line -> line.startsWith("TRACE "))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no TRACE line in " + output));
  }
}
