package dev.boxscore.otel.ext.rawhttp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the raw-HTTP layer reads from request and response bytes, including malformed and oversized
 * ones.
 */
class RawHttpParsingTest {
  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void jsonReaderReadsNestedValuesAndRejectsMalformedInputNamingTheOffset() {
    Object json = JsonReader.parse("{\"a\":{\"b\":[1,2.5,\"x\\n\\u00e9\",true,null]},\"n\":-3}");
    assertThat(JsonReader.path(json, "a", "b"))
        .isEqualTo(java.util.Arrays.asList(1L, 2.5, "x\né", true, null));
    assertThat(JsonReader.count(json, "n")).isNull();
    assertThatThrownBy(() -> JsonReader.parse("{\"a\":1,}")).hasMessageContaining("offset 7");
    assertThatThrownBy(() -> JsonReader.parse("{\"a\":1} x")).hasMessageContaining("trailing");
    assertThatThrownBy(() -> JsonReader.parse("[".repeat(100) + "]".repeat(100)))
        .hasMessageContaining("deeper");
    assertThatThrownBy(() -> JsonReader.parse("\"open")).hasMessageContaining("unterminated");
  }

  /**
   * The model a span starts with: the top-level member only, plain strings only; anything else is
   * left to later.
   */
  @Test
  void requestModelIsTheTopLevelPlainStringFoundByScanningBytes() {
    assertThat(RequestModel.of(utf8("{\"model\":\"gpt-4o-mini\",\"messages\":[]}")))
        .isEqualTo("gpt-4o-mini");
    // after a history with brackets, quotes, escapes and a nested "model" key inside strings and
    // objects
    assertThat(
            RequestModel.of(
                utf8(
                    " {\n \"messages\": [{\"role\":\"user\",\"content\":\"a \\\"model\\\": ] } {\"},"
                        + "{\"model\":\"nested\"}], \"response_format\": {\"model\": \"schema\"},\n \"model\" : \"claude-é\" }")))
        .isEqualTo("claude-é");
    // a value that is no plain string, a missing model, malformed and cut bodies: null, never an
    // exception
    assertThat(RequestModel.of(utf8("{\"model\":\"gpt\\u002d4\"}"))).isNull();
    assertThat(RequestModel.of(utf8("{\"model\":42}"))).isNull();
    assertThat(RequestModel.of(utf8("{\"messages\":[],\"stream\":true}"))).isNull();
    assertThat(RequestModel.of(utf8("{\"models\":\"a\",\"x\":{\"model\":\"b\"}}"))).isNull();
    assertThat(RequestModel.of(utf8("[{\"model\":\"a\"}]"))).isNull();
    assertThat(RequestModel.of(utf8("{\"model\":\"gpt"))).isNull();
    assertThat(RequestModel.of(utf8("{\"messages\":\"unterminated"))).isNull();
    assertThat(RequestModel.of(new byte[0])).isNull();
    // beyond the scanned bytes the full read finds it
    String late =
        "{\"messages\":[{\"content\":\""
            + "x".repeat(RequestModel.SCAN_BYTES)
            + "\"}],\"model\":\"m\"}";
    assertThat(RequestModel.of(utf8(late))).isNull();
    assertThat(JsonReader.text(JsonReader.parse(late, RawLlmCall.REQUEST_MEMBERS), "model"))
        .isEqualTo("m");
  }

  /**
   * Objects behave as ordered maps: document order, the last of a repeated name wins, large objects
   * too.
   */
  @ParameterizedTest
  @ValueSource(ints = {1, JsonObject.MAX_SCANNED, JsonObject.MAX_SCANNED + 1, 200})
  void objectsKeepDocumentOrderAndTheLastOfARepeatedName(int members) {
    StringBuilder json = new StringBuilder("{");
    Map<String, Object> expected = new LinkedHashMap<>();
    for (int i = 0; i < members; i++) {
      json.append(i == 0 ? "" : ",").append("\"m").append(i).append("\":").append(i);
      expected.put("m" + i, (long) i);
    }
    json.append(",\"m0\":\"again\"}");
    expected.put("m0", "again");

    @SuppressWarnings("unchecked")
    Map<String, Object> parsed = (Map<String, Object>) JsonReader.parse(json.toString());

    assertThat(parsed).isEqualTo(expected).hasSize(members);
    assertThat(parsed.keySet()).containsExactlyElementsOf(expected.keySet());
    assertThat(parsed.get("m0")).isEqualTo("again");
    assertThat(parsed.get("m" + (members - 1)))
        .isEqualTo(members == 1 ? "again" : (long) (members - 1));
    assertThat(parsed.get("absent")).isNull();
    assertThat(parsed.containsKey("absent")).isFalse();
  }

  @Test
  void membersOutsideTheReadSetAreLeftOutAtAnyDepthYetStillCheckedForStructure() {
    String body =
        "{\"id\":\"c1\",\"choices\":[{\"message\":{\"content\":\"a } ] \\\" b\",\"tool_calls\":[{\"x\":[1,{}]}]},"
            + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":-0},"
            + "\"content\":[{\"type\":\"text\",\"text\":\"hi\"}],\"n\":123456789012345678901}";
    Set<String> read =
        Set.of(
            "id", "choices", "finish_reason", "usage", "prompt_tokens", "completion_tokens", "n");
    Object json = JsonReader.parse(body, read);
    assertThat(new ArrayList<Object>(((Map<?, ?>) json).keySet()))
        .containsExactly("id", "choices", "usage", "n");
    assertThat(JsonReader.path(json, "choices"))
        .isEqualTo(List.of(Map.of("finish_reason", "stop")));
    assertThat(JsonReader.count(json, "usage", "prompt_tokens")).isEqualTo(12L);
    assertThat(JsonReader.path(json, "usage", "completion_tokens")).isEqualTo(0L);
    assertThat(JsonReader.path(json, "n")).isEqualTo(1.2345678901234568E20);
    // a passed-over value is still read to its end: a cut or unbalanced one is malformed, not
    // silently accepted
    assertThatThrownBy(() -> JsonReader.parse("{\"content\":[1,{\"a\":2}", read))
        .hasMessageContaining("unexpected end");
    assertThatThrownBy(() -> JsonReader.parse("{\"content\":\"open}", read))
        .hasMessageContaining("unterminated");
    assertThatThrownBy(
            () -> JsonReader.parse("{\"content\":" + "[".repeat(100) + "]".repeat(100) + "}", read))
        .hasMessageContaining("deeper");
    // a backslash escaped right before the closing quote, in a passed-over string and in a built
    // one
    assertThat(JsonReader.parse("{\"content\":\"C:\\\\\",\"id\":\"x\\\\\",\"n\":1}", read))
        .isEqualTo(Map.of("id", "x\\", "n", 1L));
    // "Aa" and "BB" share a hash, so a slot of the member-name cache: each name still reads as
    // itself
    for (int i = 0; i < 2; i++) {
      assertThat(JsonReader.parse("{\"Aa\":1,\"BB\":2,\"A\\u0061\":3}"))
          .isEqualTo(Map.of("Aa", 3L, "BB", 2L));
    }
    // JSON whitespace only: a non-breaking space is no separator
    assertThatThrownBy(() -> JsonReader.parse("{\"id\":\u00a01}"))
        .hasMessageContaining("unexpected character");
  }

  /**
   * Whole bodies of the three dialects, with every member the summary reads and the bulk it does
   * not.
   */
  private static final String[][] WHOLE_BODIES = {
    {
      "/v1/chat/completions",
      "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"model\":\"gpt-4o-2024-08-06\","
          + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Hello \\\"there\\\"\","
          + "\"tool_calls\":[{\"id\":\"t\",\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}}]},\"logprobs\":null,"
          + "\"finish_reason\":\"tool_calls\"},{\"index\":1,\"message\":{\"content\":\"x\"},\"finish_reason\":\"length\"}],"
          + "\"usage\":{\"prompt_tokens\":28,\"completion_tokens\":24,\"total_tokens\":52,"
          + "\"prompt_tokens_details\":{\"cached_tokens\":16},\"completion_tokens_details\":{\"reasoning_tokens\":8}}}"
    },
    {
      "/v1/messages",
      "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5\","
          + "\"content\":[{\"type\":\"text\",\"text\":\"Hi\"},{\"type\":\"tool_use\",\"id\":\"tu\",\"name\":\"f\","
          + "\"input\":{\"q\":[1,2]}}],\"stop_reason\":\"tool_use\",\"usage\":{\"input_tokens\":10,"
          + "\"output_tokens\":5,\"cache_read_input_tokens\":100,\"cache_creation_input_tokens\":7}}"
    },
    {
      "/v1/responses",
      "{\"id\":\"resp_1\",\"object\":\"response\",\"status\":\"incomplete\",\"model\":\"gpt-4.1\","
          + "\"instructions\":\"Be brief.\",\"output\":[{\"type\":\"message\",\"id\":\"m\",\"status\":\"completed\","
          + "\"content\":[{\"type\":\"output_text\",\"text\":\"Hi\"}]}],\"usage\":{\"input_tokens\":9,"
          + "\"output_tokens\":3,\"input_tokens_details\":{\"cached_tokens\":4},"
          + "\"output_tokens_details\":{\"reasoning_tokens\":2}}}"
    },
    {
      "/v1/embeddings",
      "{\"object\":\"list\",\"data\":[{\"object\":\"embedding\",\"index\":0,"
          + "\"embedding\":[0.1,-0.2]}],\"model\":\"text-embedding-3-small\",\"usage\":{\"prompt_tokens\":5,"
          + "\"total_tokens\":5}}"
    }
  };

  @Test
  void aWholeBodyBuiltWithTheReadMembersOnlySaysWhatTheFullTreeSays() {
    for (String[] body : WHOLE_BODIES) {
      LlmEndpoint endpoint = LlmEndpoint.detect("POST", "h", body[0]);
      ResponseSummary fromFullTree = new ResponseSummary(endpoint);
      fromFullTree.absorb(JsonReader.parse(body[1]));
      ResponseSummary fromBody = new ResponseSummary(endpoint);
      JsonBody json = new JsonBody(-1);
      byte[] bytes = utf8(body[1]);
      json.accept(bytes, 0, bytes.length);
      json.summarize(fromBody);
      assertThat(fromBody).as(body[0]).usingRecursiveComparison().isEqualTo(fromFullTree);
      assertThat(fromBody.model).as(body[0]).isNotNull();
      assertThat(fromBody.input).as(body[0]).isNotNull();
    }
  }

  @Test
  void aRequestBuiltWithTheReadMembersOnlyGivesTheSameSystemPrompt() {
    String request =
        "{\"model\":\"gpt-4o\",\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\","
            + "\"parameters\":{\"type\":\"object\"}}}],\"messages\":[{\"role\":\"system\",\"content\":\"You help.\"},"
            + "{\"role\":\"developer\",\"content\":[{\"type\":\"text\",\"text\":\"Be brief.\"}]},"
            + "{\"role\":\"user\",\"content\":\"Hi\"}],\"stream\":true,\"max_tokens\":64,\"temperature\":0.2,\"top_p\":1}";
    Object full = JsonReader.parse(request);
    Object read = JsonReader.parse(request, RawLlmCall.REQUEST_MEMBERS);
    assertThat(RawLlmCall.systemPrompt(read))
        .isEqualTo(RawLlmCall.systemPrompt(full))
        .isEqualTo("You help.\nBe brief.");
    for (String member : List.of("model", "stream", "max_tokens", "temperature", "top_p")) {
      assertThat(JsonReader.path(read, member)).as(member).isEqualTo(JsonReader.path(full, member));
    }
    assertThat(JsonReader.path(read, "tools")).isNull();
  }

  @Test
  void endpointsAreRecognizedByMethodAndPath() {
    assertThat(LlmEndpoint.detect("POST", "api.openai.com", "/v1/chat/completions").provider)
        .isEqualTo("openai");
    assertThat(
            LlmEndpoint.detect(
                    "POST", "x.openai.azure.com", "/openai/deployments/d/chat/completions")
                .provider)
        .isEqualTo("azure.ai.openai");
    assertThat(LlmEndpoint.detect("POST", "api.groq.com", "/openai/v1/chat/completions").provider)
        .isEqualTo("groq");
    assertThat(LlmEndpoint.detect("POST", "localhost", "/v1/messages").provider)
        .isEqualTo("anthropic");
    assertThat(LlmEndpoint.detect("POST", "localhost", "/v1/embeddings").operation)
        .isEqualTo("embeddings");
    assertThat(LlmEndpoint.detect("POST", "localhost", "/v1/completions").operation)
        .isEqualTo("text_completion");
    assertThat(LlmEndpoint.detect("GET", "localhost", "/v1/chat/completions")).isNull();
    assertThat(LlmEndpoint.detect("POST", "localhost", "/v1/models")).isNull();
    assertThat(LlmEndpoint.detect("POST", "localhost", "/chat/messages")).isNull();
    assertThat(LlmEndpoint.detect("post", "localhost", "/v1/chat/completions/").operation)
        .isEqualTo("chat");
    assertThat(LlmEndpoint.detect("POST", "localhost", "/")).isNull();
    assertThat(LlmEndpoint.detect("POST", "localhost", "")).isNull();
    assertThat(LlmEndpoint.detect("POST", "localhost", null)).isNull();
    assertThat(LlmEndpoint.detect(null, "localhost", "/v1/chat/completions")).isNull();
  }

  @Test
  void aBodyArrivingInReadOnlyBuffersIsReadWholeAndTheBuffersAreLeftAlone() {
    byte[] bytes =
        utf8(
            "{\"id\":\"chatcmpl-1\",\"model\":\"gpt-4o-mini\",\"choices\":[{\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":7},\"pad\":\""
                + "x".repeat(3000)
                + "\"}");
    JsonBody json = new JsonBody(-1);
    List<java.nio.ByteBuffer> chunks = new ArrayList<>();
    for (int i = 0; i < bytes.length; i += 700) {
      chunks.add(
          java.nio.ByteBuffer.wrap(bytes, i, Math.min(700, bytes.length - i))
              .slice()
              .asReadOnlyBuffer());
    }
    for (java.nio.ByteBuffer chunk : chunks) {
      json.accept(chunk.duplicate());
    }
    ResponseSummary summary =
        new ResponseSummary(LlmEndpoint.detect("POST", "h", "/v1/chat/completions"));
    json.summarize(summary);

    assertThat(summary.id).isEqualTo("chatcmpl-1");
    assertThat(summary.finishReasons).containsExactly("stop");
    assertThat(summary.input).isEqualTo(12);
    assertThat(summary.output).isEqualTo(7);
    assertThat(chunks).allSatisfy(chunk -> assertThat(chunk.position()).isZero());
  }

  @Test
  void sseEventsSplitAcrossArbitraryChunksAreReadOnceEach() {
    String stream =
        "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\","
            + "\"model\":\"claude-x\",\"usage\":{\"input_tokens\":5,\"cache_read_input_tokens\":100,"
            + "\"cache_creation_input_tokens\":7}}}\r\n\r\n"
            + "data: not json\n\ndata: [DONE]\n\n"
            + "data: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"max_tokens\"},\"usage\":{\"output_tokens\":9}}";
    List<Object> events = new ArrayList<>();
    SseEvents sse = new SseEvents(events::add);
    byte[] bytes = utf8(stream);
    for (int i = 0; i < bytes.length; i += 7) {
      sse.accept(bytes, i, Math.min(7, bytes.length - i));
    }
    sse.finish();

    assertThat(events).hasSize(2);
    ResponseSummary summary = new ResponseSummary(LlmEndpoint.detect("POST", "h", "/v1/messages"));
    events.forEach(summary::absorb);
    assertThat(summary.id).isEqualTo("msg_1");
    assertThat(summary.finishReasons).containsExactly("max_tokens");
    assertThat(summary.input).isEqualTo(5);
    assertThat(summary.cacheRead).isEqualTo(100);
    assertThat(summary.cacheWrite).isEqualTo(7);
    assertThat(summary.output).isEqualTo(9);
  }

  @Test
  void onlyEventsWithOutputCountAsTheFirstToken() {
    assertThat(
            ResponseSummary.carriesOutput(
                JsonReader.parse(
                    "{\"choices\":[{\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}")))
        .isFalse();
    assertThat(
            ResponseSummary.carriesOutput(
                JsonReader.parse("{\"choices\":[{\"delta\":{\"content\":\"Hi\"}}]}")))
        .isTrue();
    assertThat(ResponseSummary.carriesOutput(JsonReader.parse("{\"type\":\"message_start\"}")))
        .isFalse();
    assertThat(
            ResponseSummary.carriesOutput(JsonReader.parse("{\"type\":\"content_block_delta\"}")))
        .isTrue();
    assertThat(
            ResponseSummary.carriesOutput(
                JsonReader.parse("{\"type\":\"response.output_text.delta\"}")))
        .isTrue();
    assertThat(ResponseSummary.carriesOutput(JsonReader.parse("{\"type\":\"response.created\"}")))
        .isFalse();
  }

  @Test
  void anOversizedSseLineIsSkippedAndTheNextOneStillRead() {
    List<Object> events = new ArrayList<>();
    SseEvents sse = new SseEvents(events::add);
    byte[] huge = utf8("data: {\"x\":\"" + "a".repeat(SseEvents.MAX_LINE_BYTES + 10) + "\"}\n");
    sse.accept(huge, 0, huge.length);
    byte[] next = utf8("data: {\"id\":\"ok\"}\n");
    sse.accept(next, 0, next.length);

    assertThat(events)
        .singleElement()
        .satisfies(e -> assertThat(JsonReader.text(e, "id")).isEqualTo("ok"));
  }

  @Test
  void aBodyTooLargeToKeepIsReadFromItsEdges() {
    StringBuilder body = new StringBuilder("{\"object\":\"list\",\"data\":[");
    while (body.length() < 3 * JsonBody.MAX_WHOLE_BYTES) {
      body.append("{\"embedding\":[0.1,0.2,0.3,0.4,0.5,0.6,0.7,0.8],\"model\":\"decoy\"},");
    }
    body.append(
        "{}],\"model\":\"text-embedding-3-small\",\"usage\":{\"prompt_tokens\":812,\"total_tokens\":812}}");
    JsonBody json = new JsonBody(-1);
    byte[] bytes = utf8(body.toString());
    for (int i = 0; i < bytes.length; i += 8192) {
      json.accept(bytes, i, Math.min(8192, bytes.length - i));
    }
    ResponseSummary summary =
        new ResponseSummary(LlmEndpoint.detect("POST", "h", "/v1/embeddings"));
    json.summarize(summary);

    assertThat(summary.model).isEqualTo("text-embedding-3-small");
    assertThat(summary.input).isEqualTo(812);
  }

  /**
   * However the bytes arrive (one chunk larger than the limit included), the head keeps the id and
   * the model.
   */
  @ParameterizedTest
  @ValueSource(ints = {8192, 100_003, Integer.MAX_VALUE})
  void aChatAnswerTooLargeToKeepKeepsItsHeadAndTail(int chunk) {
    String body =
        "{\"id\":\"chatcmpl-big\",\"object\":\"chat.completion\",\"model\":\"gpt-4o-mini-2024-07-18\","
            + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\""
            + "lorem ipsum ".repeat(2 * JsonBody.MAX_WHOLE_BYTES / 12)
            + "\"},\"finish_reason\":\"length\"}],"
            + "\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":4096,\"total_tokens\":4108}}";
    byte[] bytes = utf8(body);
    JsonBody json = new JsonBody(-1);
    for (int i = 0; i < bytes.length; i += Math.min(chunk, bytes.length - i)) {
      json.accept(bytes, i, Math.min(chunk, bytes.length - i));
    }
    ResponseSummary summary =
        new ResponseSummary(LlmEndpoint.detect("POST", "h", "/v1/chat/completions"));
    json.summarize(summary);

    assertThat(json.keptBytes()).isEqualTo(2 * JsonBody.EDGE_BYTES);
    assertThat(summary.id).isEqualTo("chatcmpl-big");
    assertThat(summary.model).isEqualTo("gpt-4o-mini-2024-07-18");
    assertThat(summary.input).isEqualTo(12);
    assertThat(summary.output).isEqualTo(4096);
  }

  @Test
  void aBodyThatIsNoJsonSaysNothing() {
    JsonBody json = new JsonBody(-1);
    byte[] html = utf8("<html>502 Bad Gateway</html>");
    json.accept(html, 0, html.length);
    ResponseSummary summary =
        new ResponseSummary(LlmEndpoint.detect("POST", "h", "/v1/chat/completions"));
    json.summarize(summary);

    assertThat(summary.id).isNull();
    assertThat(summary.input).isNull();
  }

  @Test
  void systemPromptsOfEveryDialectFeedTheFingerprint() {
    assertThat(RawLlmCall.systemPrompt(JsonReader.parse("{\"instructions\":\"Be brief.\"}")))
        .isEqualTo("Be brief.");
    assertThat(
            RawLlmCall.systemPrompt(
                JsonReader.parse(
                    "{\"system\":[{\"type\":\"text\",\"text\":\"A\"},{\"type\":\"text\",\"text\":\"B\"}]}")))
        .isEqualTo("A\nB");
    assertThat(
            RawLlmCall.systemPrompt(
                JsonReader.parse(
                    "{\"messages\":[{\"role\":\"developer\",\"content\":\"D\"},"
                        + "{\"role\":\"user\",\"content\":\"U\"}]}")))
        .isEqualTo("D");
    assertThat(RawLlmCall.systemPrompt(Map.of())).isNull();
  }
}
