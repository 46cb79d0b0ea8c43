package dev.boxscore.otel.ext.openaichat;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.core.ObjectMappers;
import com.openai.models.chat.completions.ChatCompletionChunk;
import org.junit.jupiter.api.Test;

/** Which chunks mark the time to first token: the first with output, as the application sees it. */
class ChunkOutputTest {
  private static ChatCompletionChunk chunk(String choicesJson) throws Exception {
    return ObjectMappers.jsonMapper()
        .readValue(
            """
        {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"gpt-4o-mini","choices":%s}"""
                .formatted(choicesJson),
            ChatCompletionChunk.class);
  }

  @Test
  void theOpeningRoleOnlyChunkIsNoOutput() throws Exception {
    assertThat(
            ChunkOutput.carriesOutput(
                chunk(
                    """
        [{"index":0,"delta":{"role":"assistant","content":"","refusal":null},"finish_reason":null}]""")))
        .isFalse();
  }

  @Test
  void aFinalChunkWithOnlyAFinishReasonOrOnlyUsageIsNoOutput() throws Exception {
    assertThat(
            ChunkOutput.carriesOutput(
                chunk("[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]")))
        .isFalse();
    assertThat(ChunkOutput.carriesOutput(chunk("[]"))).isFalse();
  }

  @Test
  void textRefusalAndToolCallsAreOutput() throws Exception {
    assertThat(ChunkOutput.carriesOutput(chunk("[{\"index\":0,\"delta\":{\"content\":\"Hi\"}}]")))
        .isTrue();
    assertThat(ChunkOutput.carriesOutput(chunk("[{\"index\":0,\"delta\":{\"refusal\":\"No.\"}}]")))
        .isTrue();
    assertThat(
            ChunkOutput.carriesOutput(
                chunk(
                    """
        [{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_1","type":"function",
        "function":{"name":"weather","arguments":""}}]}}]""")))
        .isTrue();
  }

  @Test
  void anyChoiceWithOutputCounts() throws Exception {
    assertThat(
            ChunkOutput.carriesOutput(
                chunk(
                    """
        [{"index":0,"delta":{"role":"assistant"}},{"index":1,"delta":{"content":"Hi"}}]""")))
        .isTrue();
  }

  @Test
  void aChunkTheSdkCannotTypeCountsAsOutputAndNeverThrows() throws Exception {
    // the application received it, so it is the first thing it saw; reading it must not throw into
    // user code
    assertThat(ChunkOutput.carriesOutput(chunk("\"not a list\""))).isTrue();
    assertThat(ChunkOutput.carriesOutput(chunk("[{\"index\":0,\"delta\":\"oops\"}]"))).isTrue();
  }
}
