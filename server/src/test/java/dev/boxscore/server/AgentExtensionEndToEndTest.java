package dev.boxscore.server;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.boxscore.collector.CollectorRole;
import dev.boxscore.simulator.ProviderSimulator;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The demo service in a child JVM with the stock OpenTelemetry agent and the Boxscore extension,
 * exporting to the collector under test: its LangChain4j calls come back through Kafka, ClickHouse
 * and the API as LLM spans with the prompt fingerprint, and the streaming ones with time to first
 * token.
 */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedInfrastructure.class, restrictToAnnotatedClass = false)
class AgentExtensionEndToEndTest {
  private static final Path DEMO = Path.of("..", "demo", "target").toAbsolutePath().normalize();
  private static final Path EXTENSION =
      Path.of("..", "otel-agent-ext", "target", "boxscore-otel-extension.jar")
          .toAbsolutePath()
          .normalize();
  private static final String SCOPE = "dev.boxscore.otel.langchain4j";

  @Inject CollectorRole collector;

  @Test
  void demoUnderAgentAndExtensionShowsLangChain4jSpansWithTimeToFirstTokenAndFingerprint()
      throws Exception {
    String service = "e2e-demo-" + UUID.randomUUID();
    String output;
    try (ProviderSimulator sim =
        ProviderSimulator.builder().timeToFirstToken(Duration.ofMillis(30)).start()) {
      output = runDemo(service, sim.baseUrl());
    }
    int chats = count(output, "LANGCHAIN4J_CHAT");
    int streams = count(output, "LANGCHAIN4J_STREAM");
    assertThat(streams).as(output).isPositive();
    assertThat(chats).as(output).isPositive();

    List<Map<String, Object>> llmSpans = new ArrayList<>();
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              llmSpans.clear();
              for (String traceId : PipelineTest.traceIds(service, 100, null)) {
                List<Map<String, Object>> spans =
                    given()
                        .auth()
                        .oauth2(EmbeddedInfrastructure.API_KEY)
                        .get("/api/v1/traces/" + traceId)
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("spans");
                spans.stream().filter(s -> SCOPE.equals(s.get("scopeName"))).forEach(llmSpans::add);
              }
              assertThat(llmSpans).hasSize(chats + streams);
            });

    List<Map<String, Object>> streamed =
        llmSpans.stream().filter(s -> Boolean.TRUE.equals(llm(s).get("streaming"))).toList();
    assertThat(streamed).hasSize(streams);
    for (Map<String, Object> span : llmSpans) {
      Map<String, Object> llm = llm(span);
      assertThat(span.get("name")).isEqualTo("chat gpt-4o-mini");
      assertThat(span.get("kind")).isEqualTo("CLIENT");
      assertThat(llm)
          .containsEntry("provider", "openai")
          .containsEntry("operation", "chat")
          .containsEntry("requestModel", "gpt-4o-mini")
          .containsEntry("responseModel", "gpt-4o-mini-2024-07-18")
          .containsEntry("usageReported", true);
      assertThat((String) llm.get("promptFingerprint")).matches("[0-9a-f]{16}");
      assertThat(((Number) llm.get("outputTokens")).longValue()).isPositive();
      if (Boolean.TRUE.equals(llm.get("streaming"))) {
        // the simulator waits 30 ms before the first chunk
        assertThat(((Number) llm.get("timeToFirstTokenMs")).doubleValue())
            .isGreaterThanOrEqualTo(30.0)
            .isLessThan(((Number) span.get("durationMs")).doubleValue());
      } else {
        assertThat(llm.get("timeToFirstTokenMs")).isNull();
      }
    }
    // two system prompts in the demo (short and policy), many questions: at most two fingerprints
    assertThat(llmSpans.stream().map(s -> llm(s).get("promptFingerprint")).distinct().count())
        .isBetween(1L, 2L);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> llm(Map<String, Object> span) {
    assertThat(span.get("llm")).as(span.toString()).isNotNull();
    return (Map<String, Object>) span.get("llm");
  }

  private String runDemo(String service, String simulatorUrl)
      throws IOException, InterruptedException {
    assertThat(DEMO.resolve("boxscore-demo.jar")).exists();
    assertThat(EXTENSION).exists();
    Path log = Files.createTempFile("e2e-demo", ".log");
    String java = ProcessHandle.current().info().command().orElse("java");
    Process process =
        new ProcessBuilder(
                java,
                "-Xmx256m",
                "-javaagent:" + DEMO.resolve("otel").resolve("opentelemetry-javaagent.jar"),
                "-Dotel.javaagent.extensions=" + EXTENSION,
                "-Dotel.service.name=" + service,
                "-Dotel.exporter.otlp.protocol=http/protobuf",
                "-Dotel.exporter.otlp.endpoint=http://127.0.0.1:" + collector.httpPort(),
                "-Dotel.exporter.otlp.headers=Authorization=Bearer%20"
                    + EmbeddedInfrastructure.API_KEY,
                "-Dotel.metrics.exporter=none",
                "-Dotel.logs.exporter=none",
                "-Dotel.bsp.schedule.delay=200",
                "-jar",
                DEMO.resolve("boxscore-demo.jar").toString(),
                "--simulator",
                simulatorUrl,
                "--iterations",
                "12",
                "--interval",
                "0",
                "--error-percent",
                "0")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    boolean exited = process.waitFor(120, TimeUnit.SECONDS);
    if (!exited) {
      process.destroyForcibly();
    }
    String output = Files.readString(log);
    Files.deleteIfExists(log);
    assertThat(exited).as(output).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output).contains("demo finished");
    return output;
  }

  private static int count(String output, String kind) {
    Matcher matcher = Pattern.compile("demo finished: .*\\b" + kind + "=(\\d+)").matcher(output);
    return matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
  }
}
