package dev.boxscore.model.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Other dialects' message shapes, converted to the GenAI form (compared as written JSON). */
class DialectMessagesTest {
  private static String json(Object node) {
    return node == null ? null : node.toString();
  }

  @Test
  void anOpenAiAssistantMessageWithToolCallsKeepsItsTextCallsAndFinishReason() {
    String converted =
        json(
            DialectMessages.fromOpenAiStyle(
                MessageJson.parse(
                    "{\"role\":\"assistant\",\"content\":\"checking\",\"finish_reason\":\"tool_calls\","
                        + "\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"weather\","
                        + "\"arguments\":\"{\\\"c\\\":1}\"}}]}"),
                "user"));

    assertThat(converted)
        .isEqualTo(
            "{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":\"checking\"},"
                + "{\"type\":\"tool_call\",\"id\":\"call_1\",\"name\":\"weather\",\"arguments\":{\"c\":1}}],"
                + "\"finish_reason\":\"tool_calls\"}");
  }

  @Test
  void aToolMessageBecomesAToolCallResponse() {
    assertThat(
            json(
                DialectMessages.fromOpenAiStyle(
                    MessageJson.parse(
                        "{\"role\":\"tool\",\"tool_call_id\":\"call_1\",\"content\":\"sunny\"}"),
                    "user")))
        .isEqualTo(
            "{\"role\":\"tool\",\"parts\":[{\"type\":\"tool_call_response\",\"id\":\"call_1\","
                + "\"response\":\"sunny\"}]}");
  }

  @Test
  void anthropicBlocksBecomeTextToolCallAndReasoningParts() {
    ArrayNode messages =
        DialectMessages.fromBody(
            MessageJson.parse(
                "{\"role\":\"assistant\",\"stop_reason\":\"tool_use\",\"content\":[{\"type\":\"thinking\","
                    + "\"thinking\":\"hm\"},{\"type\":\"text\",\"text\":\"let me look\"},{\"type\":\"tool_use\","
                    + "\"id\":\"tu_1\",\"name\":\"weather\",\"input\":{\"c\":1}}]}"),
            "assistant");

    assertThat(json(messages))
        .isEqualTo(
            "[{\"role\":\"assistant\",\"parts\":[{\"type\":\"reasoning\",\"content\":"
                + "\"hm\"},{\"type\":\"text\",\"content\":\"let me look\"},{\"type\":\"tool_call\",\"id\":\"tu_1\",\"name\":"
                + "\"weather\",\"arguments\":{\"c\":1}}],\"finish_reason\":\"tool_use\"}]");
  }

  @Test
  void anAnthropicRequestBodyPutsItsSystemFirst() {
    ArrayNode messages =
        DialectMessages.fromBody(
            MessageJson.parse(
                "{\"system\":\"be brief\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"),
            "user");

    assertThat(json(messages))
        .isEqualTo(
            "[{\"role\":\"system\",\"parts\":[{\"type\":\"text\",\"content\":"
                + "\"be brief\"}]},{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"hi\"}]}]");
  }

  @Test
  void openAiChoicesBecomeOneMessageEachWithTheirFinishReason() {
    ArrayNode messages =
        DialectMessages.fromBody(
            MessageJson.parse(
                "{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"a\"},\"finish_reason\":\"stop\"},"
                    + "{\"text\":\"b\",\"finish_reason\":\"length\"}]}"),
            "assistant");

    assertThat(json(messages))
        .isEqualTo(
            "[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":\"a\"}],"
                + "\"finish_reason\":\"stop\"},{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":\"b\"}],"
                + "\"finish_reason\":\"length\"}]");
  }

  @Test
  void anUnknownBodyIsNotMessages() {
    assertThat(DialectMessages.fromBody(MessageJson.parse("{\"foo\":1}"), "user")).isNull();
    assertThat(DialectMessages.fromBody(MessageJson.parse("[1]"), "user")).isNull();
  }

  @Test
  void looseTextIsOneMessageOfTheDefaultRole() {
    assertThat(json(DialectMessages.fromLooseContent("hello", "user")))
        .isEqualTo("[{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"hello\"}]}]");
    assertThat(
            json(
                DialectMessages.fromLooseContent(
                    "{\"role\":\"system\",\"content\":\"s\"}", "user")))
        .isEqualTo("[{\"role\":\"system\",\"parts\":[{\"type\":\"text\",\"content\":\"s\"}]}]");
  }

  @Test
  void genAiMessagesKeepThePartsFormAndConvertOpenAiStyleElements() {
    String value =
        "[{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"q\"}]},"
            + "{\"role\":\"assistant\",\"content\":\"a\"}]";

    assertThat(json(DialectMessages.genAiMessages(value, "user")))
        .isEqualTo(
            "[{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"q\"}]},"
                + "{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":\"a\"}]}]");
    assertThat(DialectMessages.genAiMessages("[1]", "user")).isNull();
    assertThat(DialectMessages.genAiMessages(42L, "user")).isNull();
  }

  @Test
  void systemInstructionsAreOneSystemMessageFromPartsOrText() {
    assertThat(
            json(
                DialectMessages.systemInstructions(
                    "[{\"type\":\"text\",\"content\":\"s\"},\"t\"]")))
        .isEqualTo(
            "{\"role\":\"system\",\"parts\":[{\"type\":\"text\",\"content\":\"s\"},"
                + "{\"type\":\"text\",\"content\":\"t\"}]}");
    assertThat(json(DialectMessages.systemInstructions("be brief")))
        .isEqualTo(
            "{\"role\":\"system\",\"parts\":[{\"type\":\"text\",\"content\":\"be brief\"}]}");
    assertThat(DialectMessages.systemInstructions("[]")).isNull();
  }

  @Test
  void flattenedFieldsBuildOneMessage() {
    Map<Integer, String[]> calls = new LinkedHashMap<>();
    calls.put(0, new String[] {"call_1", "weather", "{\"c\":1}"});

    assertThat(json(DialectMessages.fromFields("assistant", "ok", null, calls, "stop")))
        .isEqualTo(
            "{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":\"ok\"},{\"type\":\"tool_call\","
                + "\"id\":\"call_1\",\"name\":\"weather\",\"arguments\":{\"c\":1}}],\"finish_reason\":\"stop\"}");
    assertThat(json(DialectMessages.fromFields("tool", "sunny", "call_1", null, null)))
        .isEqualTo(
            "{\"role\":\"tool\",\"parts\":[{\"type\":\"tool_call_response\",\"id\":\"call_1\","
                + "\"response\":\"sunny\"}]}");
  }
}
