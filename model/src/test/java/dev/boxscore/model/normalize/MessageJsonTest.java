package dev.boxscore.model.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** The GenAI message form as built and written, and what is read as JSON. */
class MessageJsonTest {
  @Test
  void aMessageWithPartsIsWrittenCompactly() {
    ObjectNode message = MessageJson.message("assistant");
    MessageJson.parts(message).add(MessageJson.textPart("hi"));
    MessageJson.parts(message)
        .add(MessageJson.toolCallPart("call_1", "weather", MessageJson.arguments("{\"c\":1}")));
    ArrayNode messages = MessageJson.newArray().add(message);

    assertThat(MessageJson.write(messages))
        .isEqualTo(
            "[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":\"hi\"},"
                + "{\"type\":\"tool_call\",\"id\":\"call_1\",\"name\":\"weather\",\"arguments\":{\"c\":1}}]}]");
  }

  @Test
  void noMessagesAreWrittenAsNull() {
    assertThat(MessageJson.write(MessageJson.newArray())).isNull();
    assertThat(MessageJson.write(null)).isNull();
  }

  @Test
  void toolCallArgumentsStayJsonWhenTheyParseElseTheString() {
    assertThat(MessageJson.arguments("{\"city\":\"Paris\"}").isObject()).isTrue();
    assertThat(MessageJson.arguments("city=Paris").asText()).isEqualTo("city=Paris");
    assertThat(MessageJson.arguments(null)).isNull();
  }

  @Test
  void partsLeaveOutWhatIsNotKnown() {
    assertThat(MessageJson.toolCallPart(null, null, null).toString())
        .isEqualTo("{\"type\":\"tool_call\"}");
    assertThat(MessageJson.toolResponsePart(null, null).toString())
        .isEqualTo("{\"type\":\"tool_call_response\",\"response\":null}");
  }

  @Test
  void onlyObjectsAndArraysAreReadAsStructuredJson() {
    assertThat(MessageJson.parseStructured(" [1] ").isArray()).isTrue();
    assertThat(MessageJson.parseStructured("{\"a\":1}").isObject()).isTrue();
    assertThat(MessageJson.parseStructured("42")).isNull();
    assertThat(MessageJson.parseStructured("[not json")).isNull();
    assertThat(MessageJson.parse("not json")).isNull();
    assertThat(MessageJson.parse("42").asInt()).isEqualTo(42);
  }

  @Test
  void textOrNullIsNullForEmptyOrNonText() {
    assertThat(MessageJson.textOrNull(MessageJson.parse("\"x\""))).isEqualTo("x");
    assertThat(MessageJson.textOrNull(MessageJson.parse("\"\""))).isNull();
    assertThat(MessageJson.textOrNull(MessageJson.parse("1"))).isNull();
    assertThat(MessageJson.textOrNull(null)).isNull();
  }
}
