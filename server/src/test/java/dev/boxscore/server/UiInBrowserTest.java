package dev.boxscore.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boxscore.collector.CollectorRole;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The UI's browser suite (ui/test, Playwright driving Debian's Chromium) against this real server:
 * the traces it needs are sent through the collector first, so the browser sees what a user of the
 * whole stack sees: a rich support trace, an unpriced call, plain web traces, and checkout calls
 * whose gpt-4o answers change response model (a silent swap) and prompt version between 20 and 5
 * minutes ago, for the analytics, drift and compare pages; and two versions of one prompt, the
 * newer slower and less helpful, for the prompts page.
 */
@QuarkusTest
class UiInBrowserTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final int SWAP_CALLS_PER_SIDE = 3;
  private static final Path UI = Path.of("..", "ui").toAbsolutePath().normalize();
  @Inject CollectorRole collector;

  @Test
  void browserSuitePassesAgainstTheRealServer() throws Exception {
    assertThat(UI.resolve("node_modules/playwright-core"))
        .as("run the ui module's build first (npm ci there installs the browser driver)")
        .exists();
    String richTrace = send(richTrace());
    String unpricedTrace = send(unpricedTrace());
    String estimatedTrace = send(estimatedTrace());
    for (int i = 0; i < 6; i++) {
      send(simpleTrace(i));
    }
    List<String> swapTraces = new ArrayList<>();
    for (int i = 0; i < SWAP_CALLS_PER_SIDE; i++) {
      swapTraces.add(send(swappedModelTrace(i, 20, "gpt-4o-2024-08-06", "support-v2", 600, 60)));
      swapTraces.add(send(swappedModelTrace(i, 5, "gpt-4o-2024-11-20", "support-v3", 900, 140)));
    }
    String bigTrace = send(bigTrace());
    String promptV1 = send(promptVersionTrace("ui-v1", 50, 500, 0.85));
    String promptV2 = send(promptVersionTrace("ui-v2", 25, 900, 0.65));
    PipelineTest.awaitTrace(richTrace, 7);
    PipelineTest.awaitTrace(unpricedTrace, 2);
    PipelineTest.awaitTrace(estimatedTrace, 1);
    for (String trace : swapTraces) {
      PipelineTest.awaitTrace(trace, 3);
    }
    PipelineTest.awaitTrace(bigTrace, BIG_TRACE_SPANS);
    PipelineTest.awaitTrace(promptV1, PROMPT_CALLS + 1);
    PipelineTest.awaitTrace(promptV2, PROMPT_CALLS + 1);

    Path log = Path.of("target", "ui-browser-suite.log");
    ProcessBuilder browserSuite =
        new ProcessBuilder("npm", "test")
            .directory(UI.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    browserSuite.environment().put("BASE_URL", "http://127.0.0.1:" + RestAssured.port);
    browserSuite.environment().put("API_KEY", EmbeddedInfrastructure.API_KEY);
    Process npm = browserSuite.start();
    boolean finished = npm.waitFor(10, TimeUnit.MINUTES);
    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(finished).as("browser suite finished within 10 minutes").isTrue();
    assertThat(npm.exitValue()).as(output).isZero();
  }

  private String send(String[] trace) throws IOException, InterruptedException {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + collector.httpPort() + "/v1/traces"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + EmbeddedInfrastructure.API_KEY)
                .POST(HttpRequest.BodyPublishers.ofString(trace[1]))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return trace[0];
  }

  /**
   * A support request: an agent step with an LLM call, an HTML-bait span, a failing query and an
   * orphan.
   */
  private static String[] richTrace() {
    String traceId = randomHex(16);
    String root = randomHex(8);
    String agent = randomHex(8);
    long t = now();
    String spans =
        String.join(
            ",",
            span(traceId, root, "", "POST /support", t, 900, 2, "", ""),
            span(traceId, agent, root, "agent.plan", t + ms(5), 800, 1, "", ""),
            span(
                traceId,
                randomHex(8),
                agent,
                "chat gpt-4o-mini",
                t + ms(10),
                600,
                3,
                "",
                attr("gen_ai.operation.name", "chat")
                    + ","
                    + attr("gen_ai.provider.name", "openai")
                    + ","
                    + attr("gen_ai.request.model", "gpt-4o-mini")
                    + ","
                    + attr("gen_ai.response.model", "gpt-4o-mini-2024-07-18")
                    + ","
                    + intAttr("gen_ai.usage.input_tokens", 1200)
                    + ","
                    + intAttr("gen_ai.usage.output_tokens", 80)
                    + ",{\"key\":\"gen_ai.response.time_to_first_chunk\",\"value\":{\"doubleValue\":0.18}},"
                    + attr(
                        "gen_ai.input.messages",
                        "[{\"role\":\"system\",\"parts\":[{\"type\":\"text\",\"content\":\"You help with orders.\"}]},"
                            + "{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"Where is order 42?\"}]}]")
                    + ","
                    + attr(
                        "gen_ai.output.messages",
                        "[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":\"It ships today.\"}],"
                            + "\"finish_reason\":\"stop\"}]")),
            span(
                traceId,
                randomHex(8),
                agent,
                "<img src=x onerror=alert(1)> tool",
                t + ms(620),
                50,
                1,
                "",
                ""),
            span(
                traceId,
                randomHex(8),
                root,
                "SELECT orders",
                t + ms(700),
                100,
                3,
                "connection reset by peer",
                attr("db.system", "postgresql")
                    + ","
                    + attr("db.statement", "SELECT * FROM orders WHERE id = $1")),
            span(traceId, randomHex(8), root, "render reply", t + ms(810), 40, 1, "", ""),
            span(
                traceId,
                randomHex(8),
                randomHex(8),
                "late callback (parent never arrived)",
                t + ms(850),
                20,
                1,
                "",
                ""));
    return new String[] {traceId, envelope("support-api", spans)};
  }

  /**
   * A call whose provider reported no usage, with captured content: Boxscore estimates and flags
   * its tokens.
   */
  private static String[] estimatedTrace() {
    String traceId = randomHex(16);
    String spans =
        span(
            traceId,
            randomHex(8),
            "",
            "chat gpt-4o-mini",
            now() - ms(2000),
            740,
            3,
            "",
            attr("gen_ai.operation.name", "chat")
                + ","
                + attr("gen_ai.provider.name", "openai")
                + ","
                + attr("gen_ai.request.model", "gpt-4o-mini")
                + ","
                + attr(
                    "gen_ai.input.messages",
                    "[{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"Where is my order 1234?\"}]}]")
                + ","
                + attr(
                    "gen_ai.output.messages",
                    "[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":\"It ships today.\"}]}]"));
    return new String[] {traceId, envelope("support-bot", spans)};
  }

  /** A trace whose only LLM call uses a model without a known price and captured no content. */
  private static String[] unpricedTrace() {
    String traceId = randomHex(16);
    String root = randomHex(8);
    long t = now();
    String spans =
        span(traceId, root, "", "nightly-summary", t, 500, 1, "", "")
            + ","
            + span(
                traceId,
                randomHex(8),
                root,
                "chat acme-private-7",
                t + ms(10),
                400,
                3,
                "",
                attr("gen_ai.operation.name", "chat")
                    + ","
                    + attr("gen_ai.provider.name", "acme")
                    + ","
                    + attr("gen_ai.request.model", "acme-private-7")
                    + ","
                    + intAttr("gen_ai.usage.input_tokens", 300)
                    + ","
                    + intAttr("gen_ai.usage.output_tokens", 40));
    return new String[] {traceId, envelope("batch-jobs", spans)};
  }

  /**
   * A checkout call asking for gpt-4o, {@code minutesAgo} minutes ago, answered by {@code
   * responseModel} under {@code promptVersion}, taking {@code latencyMs} and answering {@code
   * outputTokens}: the older and the newer answers make a silent model swap (slower and longer
   * after it) for the drift page, and give the analytics page a second service and two prompt
   * versions to group by.
   */
  private static String[] swappedModelTrace(
      int i,
      int minutesAgo,
      String responseModel,
      String promptVersion,
      long latencyMs,
      long outputTokens) {
    String traceId = randomHex(16);
    String root = randomHex(8);
    String chat = randomHex(8);
    long t = now() - TimeUnit.MINUTES.toNanos(minutesAgo) + ms(i * 1000L);
    // An online evaluator grades each answer (a child span of the call): the newer model's answers
    // score lower.
    String evaluation =
        span(
            traceId,
            randomHex(8),
            chat,
            "evaluate helpfulness",
            t + ms(latencyMs + 100L * i + 20),
            5,
            1,
            "",
            attr("gen_ai.evaluation.name", "helpfulness")
                + ","
                + attr(
                    "gen_ai.evaluation.score.value",
                    responseModel.endsWith("11-20") ? "0.6" : "0.9"));
    String spans =
        span(traceId, root, "", "POST /checkout/assist", t, latencyMs + 100 + 100L * i, 2, "", "")
            + ","
            + evaluation
            + ","
            + span(
                traceId,
                chat,
                root,
                "chat gpt-4o",
                t + ms(10),
                latencyMs + 100L * i,
                3,
                i == 0 ? "HTTP 429 rate limited" : "",
                attr("gen_ai.operation.name", "chat")
                    + ","
                    + attr("gen_ai.provider.name", "openai")
                    + ","
                    + attr("gen_ai.request.model", "gpt-4o")
                    + ","
                    + attr("gen_ai.response.model", responseModel)
                    + ","
                    + attr("boxscore.prompt.version", promptVersion)
                    + ","
                    // Two users, each with one conversation of several traces: the users and
                    // sessions pages.
                    + attr("user.id", "ui-user-" + (i % 2))
                    + ","
                    + attr("session.id", "ui-conversation-" + (i % 2))
                    + ","
                    + intAttr("gen_ai.usage.input_tokens", 500 + 10L * i)
                    + ","
                    + intAttr("gen_ai.usage.output_tokens", outputTokens + i));
    return new String[] {traceId, envelope("checkout", spans)};
  }

  private static final int PROMPT_CALLS = 30;

  /**
   * One support batch: {@link #PROMPT_CALLS} calls of version {@code version} of prompt
   * ui-support-prompt from {@code minutesAgo} minutes ago, 40 s apart, taking about {@code
   * latencyMs} and each scored about {@code helpfulness} by a gen_ai.evaluation.result event (which
   * resolves at insert): ui-v2 is slower and less helpful than ui-v1, for the Prompts page's
   * comparison.
   */
  private static String[] promptVersionTrace(
      String version, int minutesAgo, long latencyMs, double helpfulness) {
    String traceId = randomHex(16);
    String root = randomHex(8);
    long t0 = now() - TimeUnit.MINUTES.toNanos(minutesAgo);
    List<String> spans = new ArrayList<>();
    spans.add(span(traceId, root, "", "support batch", t0, PROMPT_CALLS * 40_000L, 1, "", ""));
    for (int i = 0; i < PROMPT_CALLS; i++) {
      long t = t0 + ms(i * 40_000L + 10);
      String call =
          span(
              traceId,
              randomHex(8),
              root,
              "chat gpt-4o-mini",
              t,
              latencyMs + (i * 37L) % 200,
              3,
              "",
              attr("gen_ai.operation.name", "chat")
                  + ","
                  + attr("gen_ai.provider.name", "openai")
                  + ","
                  + attr("gen_ai.request.model", "gpt-4o-mini")
                  + ","
                  + attr("boxscore.prompt.fingerprint", "ui-support-prompt")
                  + ","
                  + attr("boxscore.prompt.version", version)
                  + ","
                  + attr("gen_ai.prompt.name", "support-answer")
                  + ","
                  + attr("llm.prompt_template.template", "Answer {{question}} (" + version + ").")
                  + ","
                  + intAttr("gen_ai.usage.input_tokens", 400)
                  + ","
                  + intAttr("gen_ai.usage.output_tokens", 90));
      String score =
          "{\"timeUnixNano\":\""
              + (t + ms(1))
              + "\",\"name\":\"gen_ai.evaluation.result\",\"attributes\":["
              + attr("gen_ai.evaluation.name", "helpfulness")
              + ",{\"key\":\"gen_ai.evaluation.score.value\",\"value\":{\"doubleValue\":"
              + (helpfulness + (i % 5) * 0.02)
              + "}}]}";
      spans.add(call.substring(0, call.length() - 1) + ",\"events\":[" + score + "]}");
    }
    return new String[] {traceId, envelope("checkout", String.join(",", spans))};
  }

  private static String[] simpleTrace(int i) {
    String traceId = randomHex(16);
    return new String[] {
      traceId,
      envelope(
          "web",
          span(traceId, randomHex(8), "", "GET /page/" + i, now() - ms(i * 1000L), 30, 2, "", ""))
    };
  }

  /** The id ui/test/big-trace-fixture.js looks for. */
  private static final String BIG_TRACE_ID = "b19b19b19b19b19b19b19b19b19b19b1";

  private static final int BIG_TRACE_SPANS = 5000;

  /**
   * A 5,000-span agent run shaped like ui/test/big-trace-fixture.js (50 steps, each an LLM call and
   * 24 tool calls with 3 queries, then flushes): the big-trace browser test opens it from the real
   * server. Its first prompt is 60,000 characters (the collector cuts longer values at 65,536).
   */
  private static String[] bigTrace() {
    long start = now() - ms(30 * 60_000L);
    List<String> spans = new ArrayList<>();
    int[] next = {0};
    java.util.function.Function<String[], String> add =
        a -> {
          // a: parent, name, offsetMs, durationMs, kind, error, attributes
          next[0]++;
          String id = String.format("%016x", next[0]);
          spans.add(
              span(
                  BIG_TRACE_ID,
                  id,
                  a[0],
                  a[1],
                  start + ms(Long.parseLong(a[2])),
                  Long.parseLong(a[3]),
                  Integer.parseInt(a[4]),
                  a[5],
                  a[6]));
          return id;
        };
    String root = add.apply(new String[] {"", "POST /batch", "0", "120000", "2", "", ""});
    for (int step = 0; step < 50; step++) {
      long stepStart = 100 + step * 2_300L;
      String stepId =
          add.apply(
              new String[] {root, "agent.step " + (step + 1), "" + stepStart, "2200", "1", "", ""});
      String prompt = step == 0 ? "Line: the quick brown fox. ".repeat(2_222) : "Next part.";
      add.apply(
          new String[] {
            stepId,
            "chat gpt-4o-mini",
            "" + (stepStart + 5),
            "600",
            "3",
            "",
            attr("gen_ai.operation.name", "chat")
                + ","
                + attr("gen_ai.provider.name", "openai")
                + ","
                + attr("gen_ai.request.model", "gpt-4o-mini")
                + ","
                + intAttr("gen_ai.usage.input_tokens", 900)
                + ","
                + intAttr("gen_ai.usage.output_tokens", 120)
                + ","
                + attr("gen_ai.prompt.0.role", "user")
                + ","
                + attr("gen_ai.prompt.0.content", prompt)
          });
      for (int tool = 0; tool < 24; tool++) {
        long toolStart = stepStart + 620 + tool * 60L;
        String toolId =
            add.apply(
                new String[] {
                  stepId,
                  "tool.call " + (tool + 1),
                  "" + toolStart,
                  "55",
                  "1",
                  tool == 7 && step % 10 == 3 ? "tool timed out" : "",
                  ""
                });
        for (int query = 0; query < 3; query++) {
          add.apply(
              new String[] {
                toolId,
                "SELECT rows " + (query + 1),
                "" + (toolStart + 2 + query * 17L),
                "15",
                "3",
                "",
                ""
              });
        }
      }
    }
    for (int flush = 1; spans.size() < BIG_TRACE_SPANS; flush++) {
      add.apply(
          new String[] {root, "flush " + flush, "" + (116_000 + flush * 10L), "8", "1", "", ""});
    }
    return new String[] {BIG_TRACE_ID, envelope("batch-agent", String.join(",", spans))};
  }

  private static String envelope(String service, String spans) {
    return "{\"resourceSpans\":[{\"resource\":{\"attributes\":["
        + attr("service.name", service)
        + "]},\"scopeSpans\":[{\"scope\":{\"name\":\"ui-seed\"},\"spans\":["
        + spans
        + "]}]}]}";
  }

  private static String span(
      String traceId,
      String spanId,
      String parent,
      String name,
      long start,
      long durationMs,
      int kind,
      String errorMessage,
      String attributes) {
    String status =
        errorMessage.isEmpty()
            ? ""
            : ",\"status\":{\"code\":2,\"message\":\"" + errorMessage + "\"}";
    return "{\"traceId\":\""
        + traceId
        + "\",\"spanId\":\""
        + spanId
        + "\",\"parentSpanId\":\""
        + parent
        + "\",\"name\":\""
        + name
        + "\",\"kind\":"
        + kind
        + ",\"startTimeUnixNano\":\""
        + start
        + "\",\"endTimeUnixNano\":\""
        + (start + ms(durationMs))
        + "\",\"attributes\":["
        + attributes
        + "]"
        + status
        + "}";
  }

  private static String attr(String key, String value) {
    return "{\"key\":\""
        + key
        + "\",\"value\":{\"stringValue\":\""
        + value.replace("\"", "\\\"")
        + "\"}}";
  }

  private static String intAttr(String key, long value) {
    return "{\"key\":\"" + key + "\",\"value\":{\"intValue\":\"" + value + "\"}}";
  }

  private static long now() {
    return TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis());
  }

  private static long ms(long millis) {
    return TimeUnit.MILLISECONDS.toNanos(millis);
  }

  private static String randomHex(int bytes) {
    byte[] b = new byte[bytes];
    new SecureRandom().nextBytes(b);
    b[0] |= 1;
    return HexFormat.of().formatHex(b);
  }
}
