package dev.boxscore.otel.ext.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.core.ObjectMappers;
import com.openai.models.responses.ResponseStreamEvent;
import org.junit.jupiter.api.Test;

/**
 * Which Responses API stream events mark the time to first token: the first delta, not the opening
 * events.
 */
class ResponseEventOutputTest {
  private static ResponseStreamEvent event(String json) throws Exception {
    return ObjectMappers.jsonMapper().readValue(json, ResponseStreamEvent.class);
  }

  @Test
  void theOpeningEventsAreNoOutput() throws Exception {
    assertThat(
            ResponseEventOutput.carriesOutput(
                event(
                    """
        {"type":"response.created","sequence_number":0,"response":{"id":"resp_1","object":"response"}}""")))
        .isFalse();
    assertThat(
            ResponseEventOutput.carriesOutput(
                event(
                    """
        {"type":"response.in_progress","sequence_number":1,"response":{"id":"resp_1","object":"response"}}""")))
        .isFalse();
  }

  @Test
  void textAndToolCallDeltasAreOutput() throws Exception {
    assertThat(
            ResponseEventOutput.carriesOutput(
                event(
                    """
        {"type":"response.output_text.delta","sequence_number":4,"item_id":"msg_1","output_index":0,
         "content_index":0,"delta":"Hi","logprobs":[]}""")))
        .isTrue();
    assertThat(
            ResponseEventOutput.carriesOutput(
                event(
                    """
        {"type":"response.function_call_arguments.delta","sequence_number":4,"item_id":"fc_1","output_index":0,
         "delta":"{\\"city\\""}""")))
        .isTrue();
  }

  @Test
  void anEventOfAnUnknownKindIsNoOutputAndNeverThrows() throws Exception {
    assertThat(
            ResponseEventOutput.carriesOutput(
                event("{\"type\":\"response.something_new\",\"x\":1}")))
        .isFalse();
  }
}
