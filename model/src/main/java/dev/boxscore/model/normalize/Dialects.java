package dev.boxscore.model.normalize;

import static dev.boxscore.model.semconv.OpenInferenceAttributes.EVENT_FIRST_TOKEN;
import static dev.boxscore.model.semconv.OpenLlmetryAttributes.COMPLETION_PREFIX;
import static dev.boxscore.model.semconv.OpenLlmetryAttributes.EVENT_COMPLETION_CHUNK;
import static dev.boxscore.model.semconv.OpenLlmetryAttributes.PROMPT_PREFIX;

import dev.boxscore.model.LlmDialect;
import dev.boxscore.model.semconv.OpenInferenceAttributes;
import dev.boxscore.model.semconv.OpenLlmetryAttributes;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Tells which dialects' keys a span carries. */
final class Dialects {

  private static final Set<String> OPENINFERENCE_KEYS =
      Set.of(
          OpenInferenceAttributes.LLM_MODEL_NAME,
          OpenInferenceAttributes.LLM_REQUEST_MODEL_NAME,
          OpenInferenceAttributes.LLM_RESPONSE_MODEL_NAME,
          OpenInferenceAttributes.LLM_PROVIDER,
          OpenInferenceAttributes.LLM_SYSTEM,
          OpenInferenceAttributes.LLM_INVOCATION_PARAMETERS,
          OpenInferenceAttributes.LLM_FINISH_REASON);

  private static final List<String> OPENINFERENCE_PREFIXES =
      List.of(
          "openinference.",
          "llm.token_count.",
          OpenInferenceAttributes.INPUT_MESSAGES_PREFIX,
          OpenInferenceAttributes.OUTPUT_MESSAGES_PREFIX,
          "llm.prompt_template.",
          "llm.cost.");

  private static final Set<String> OPENLLMETRY_KEYS =
      Set.of(
          OpenLlmetryAttributes.LLM_REQUEST_TYPE,
          OpenLlmetryAttributes.LLM_IS_STREAMING,
          OpenLlmetryAttributes.LLM_RESPONSE_FINISH_REASON,
          OpenLlmetryAttributes.LLM_RESPONSE_STOP_REASON,
          OpenLlmetryAttributes.LLM_REQUEST_MODEL,
          OpenLlmetryAttributes.LLM_RESPONSE_MODEL,
          OpenLlmetryAttributes.USAGE_CACHE_READ_INPUT_TOKENS,
          OpenLlmetryAttributes.USAGE_CACHE_CREATION_INPUT_TOKENS,
          OpenLlmetryAttributes.USAGE_REASONING_TOKENS,
          OpenLlmetryAttributes.OPENAI_SYSTEM_FINGERPRINT);

  private Dialects() {}

  static Set<LlmDialect> detect(Map<String, Object> attributes, List<SpanEvent> events) {
    Set<LlmDialect> found = EnumSet.noneOf(LlmDialect.class);
    for (String key : attributes.keySet()) {
      if (key == null) {
        continue;
      }
      if (OPENINFERENCE_KEYS.contains(key)
          || OPENINFERENCE_PREFIXES.stream().anyMatch(key::startsWith)) {
        found.add(LlmDialect.OPENINFERENCE);
      } else if (OPENLLMETRY_KEYS.contains(key)
          || key.startsWith(OpenLlmetryAttributes.TRACELOOP_PREFIX)
          || key.startsWith(OpenLlmetryAttributes.LLM_USAGE_PREFIX)
          || key.startsWith("gen_ai.openai.api_")
          || isFlattenedMessageKey(key)) {
        found.add(LlmDialect.OPENLLMETRY);
      } else if (key.startsWith("gen_ai.")) {
        found.add(LlmDialect.GEN_AI);
      }
    }
    for (SpanEvent event : events) {
      String name = event.name();
      if (name == null) {
        continue;
      }
      if (name.startsWith("gen_ai.")) {
        found.add(LlmDialect.GEN_AI);
      } else if (name.equals(EVENT_FIRST_TOKEN)) {
        found.add(LlmDialect.OPENINFERENCE);
      } else if (name.equals(EVENT_COMPLETION_CHUNK)) {
        found.add(LlmDialect.OPENLLMETRY);
      }
    }
    return found;
  }

  private static boolean isFlattenedMessageKey(String key) {
    return FlattenedMessages.present(Map.of(key, Boolean.TRUE), PROMPT_PREFIX)
        || FlattenedMessages.present(Map.of(key, Boolean.TRUE), COMPLETION_PREFIX);
  }
}
