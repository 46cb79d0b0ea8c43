package dev.boxscore.otel.ext.openaichat;

import com.openai.models.chat.completions.ChatCompletionChunk;
import java.util.List;
import java.util.Optional;

/**
 * Whether a chat-completion chunk carries output (text, a refusal, audio, a tool or function call):
 * the first such chunk marks the time to first token. OpenAI opens every stream with a role-only
 * chunk at once, before any token.
 */
final class ChunkOutput {
  private ChunkOutput() {}

  static boolean carriesOutput(ChatCompletionChunk chunk) {
    try {
      for (ChatCompletionChunk.Choice choice : chunk.choices()) {
        ChatCompletionChunk.Choice.Delta delta = choice.delta();
        if (nonEmpty(delta.content())
            || nonEmpty(delta.refusal())
            || delta.audio().isPresent()
            || delta.functionCall().isPresent()
            || hasItems(delta.toolCalls())) {
          return true;
        }
      }
      return false;
    } catch (Throwable t) {
      // a chunk the SDK cannot type (unknown shape): the application still got something
      return true;
    }
  }

  private static boolean nonEmpty(Optional<String> text) {
    return text.isPresent() && !text.get().isEmpty();
  }

  private static boolean hasItems(Optional<? extends List<?>> items) {
    return items.isPresent() && !items.get().isEmpty();
  }
}
