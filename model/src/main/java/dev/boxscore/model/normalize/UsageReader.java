package dev.boxscore.model.normalize;

import static dev.boxscore.model.semconv.GenAiAttributes.OPERATION_NAME;
import static dev.boxscore.model.semconv.GenAiAttributes.USAGE_CACHE_READ_INPUT_TOKENS;
import static dev.boxscore.model.semconv.GenAiAttributes.USAGE_CACHE_WRITE_INPUT_TOKENS;
import static dev.boxscore.model.semconv.GenAiAttributes.USAGE_COMPLETION_TOKENS;
import static dev.boxscore.model.semconv.GenAiAttributes.USAGE_INPUT_TOKENS;
import static dev.boxscore.model.semconv.GenAiAttributes.USAGE_OUTPUT_TOKENS;
import static dev.boxscore.model.semconv.GenAiAttributes.USAGE_PROMPT_TOKENS;
import static dev.boxscore.model.semconv.GenAiAttributes.USAGE_REASONING_OUTPUT_TOKENS;
import static dev.boxscore.model.semconv.GenAiAttributes.USAGE_TOTAL_TOKENS;
import static dev.boxscore.model.semconv.OpenInferenceAttributes.SPAN_KIND;
import static dev.boxscore.model.semconv.OpenInferenceAttributes.TOKEN_COUNT_COMPLETION;
import static dev.boxscore.model.semconv.OpenInferenceAttributes.TOKEN_COUNT_COMPLETION_REASONING;
import static dev.boxscore.model.semconv.OpenInferenceAttributes.TOKEN_COUNT_PROMPT;
import static dev.boxscore.model.semconv.OpenInferenceAttributes.TOKEN_COUNT_PROMPT_CACHE_READ;
import static dev.boxscore.model.semconv.OpenInferenceAttributes.TOKEN_COUNT_PROMPT_CACHE_WRITE;
import static dev.boxscore.model.semconv.OpenInferenceAttributes.TOKEN_COUNT_TOTAL;
import static dev.boxscore.model.semconv.OpenLlmetryAttributes.LLM_REQUEST_TYPE;
import static dev.boxscore.model.semconv.OpenLlmetryAttributes.LLM_USAGE_COMPLETION_TOKENS;
import static dev.boxscore.model.semconv.OpenLlmetryAttributes.LLM_USAGE_PROMPT_TOKENS;
import static dev.boxscore.model.semconv.OpenLlmetryAttributes.LLM_USAGE_TOTAL_TOKENS;
import static dev.boxscore.model.semconv.OpenLlmetryAttributes.USAGE_REASONING_TOKENS;

import dev.boxscore.model.TokenUsage;
import dev.boxscore.model.semconv.GenAiAttributes;
import dev.boxscore.model.semconv.OpenLlmetryAttributes;
import java.util.Locale;

/**
 * Reads token usage from whichever dialect's keys are present and converts it to GenAI semantics
 * (input includes cache reads and writes, output includes reasoning); see {@link TokenUsage} for
 * the rules.
 */
final class UsageReader {

  record Result(TokenUsage usage, boolean anyReported) {}

  private UsageReader() {}

  static Result read(AttributeView view) {
    Long input =
        view.count(
            USAGE_INPUT_TOKENS, USAGE_PROMPT_TOKENS, TOKEN_COUNT_PROMPT, LLM_USAGE_PROMPT_TOKENS);
    Long output =
        view.count(
            USAGE_OUTPUT_TOKENS,
            USAGE_COMPLETION_TOKENS,
            TOKEN_COUNT_COMPLETION,
            LLM_USAGE_COMPLETION_TOKENS);
    Long total = view.count(TOKEN_COUNT_TOTAL, LLM_USAGE_TOTAL_TOKENS, USAGE_TOTAL_TOKENS);
    Long cacheRead =
        view.count(
            USAGE_CACHE_READ_INPUT_TOKENS,
            OpenLlmetryAttributes.USAGE_CACHE_READ_INPUT_TOKENS,
            TOKEN_COUNT_PROMPT_CACHE_READ);
    Long cacheWrite =
        view.count(
            GenAiAttributes.USAGE_CACHE_CREATION_INPUT_TOKENS,
            USAGE_CACHE_WRITE_INPUT_TOKENS,
            OpenLlmetryAttributes.USAGE_CACHE_CREATION_INPUT_TOKENS,
            TOKEN_COUNT_PROMPT_CACHE_WRITE);
    Long reasoning =
        view.count(
            USAGE_REASONING_OUTPUT_TOKENS,
            USAGE_REASONING_TOKENS,
            TOKEN_COUNT_COMPLETION_REASONING);

    boolean reported =
        input != null
            || output != null
            || total != null
            || cacheRead != null
            || cacheWrite != null
            || reasoning != null;
    if (!reported) {
      return new Result(TokenUsage.unreported(), false);
    }
    // A total alone fills in the side that is missing; embeddings have no output, so their total is
    // input.
    if (total != null) {
      if (input == null && output != null) {
        input = Math.max(0, total - output);
      } else if (output == null && input != null) {
        output = Math.max(0, total - input);
      } else if (input == null && isEmbeddings(view)) {
        input = total;
        output = 0L;
      }
    }
    long read = orZero(cacheRead);
    long write = orZero(cacheWrite);
    long in = orZero(input);
    if (in < read + write) {
      // Cannot be inclusive: an Anthropic-style count of uncached input only.
      in += read + write;
    }
    long think = orZero(reasoning);
    long out = orZero(output);
    if (out < think) {
      // Cannot include reasoning: a Gemini-style count of candidates only.
      out += think;
    }
    return new Result(TokenUsage.of(in, out, read, write, think), true);
  }

  private static boolean isEmbeddings(AttributeView view) {
    String op = view.text(OPERATION_NAME, LLM_REQUEST_TYPE, SPAN_KIND);
    return op != null && op.toLowerCase(Locale.ROOT).startsWith("embedding");
  }

  private static long orZero(Long value) {
    return value == null ? 0 : value;
  }
}
