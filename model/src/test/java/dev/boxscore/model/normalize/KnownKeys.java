package dev.boxscore.model.normalize;

import dev.boxscore.model.semconv.BoxscoreAttributes;
import dev.boxscore.model.semconv.GenAiAttributes;
import dev.boxscore.model.semconv.OpenInferenceAttributes;
import dev.boxscore.model.semconv.OpenLlmetryAttributes;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/**
 * Every attribute key constant of the semconv classes, plus flattened message keys, for robustness
 * tests.
 */
final class KnownKeys {

  private KnownKeys() {}

  static List<String> all() {
    List<String> keys = new ArrayList<>();
    for (Class<?> type :
        List.of(
            GenAiAttributes.class,
            OpenInferenceAttributes.class,
            OpenLlmetryAttributes.class,
            BoxscoreAttributes.class)) {
      for (Field field : type.getFields()) {
        if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
          try {
            keys.add((String) field.get(null));
          } catch (IllegalAccessException e) {
            throw new AssertionError(e);
          }
        }
      }
    }
    keys.addAll(
        List.of(
            "gen_ai.prompt.0.role",
            "gen_ai.prompt.0.content",
            "gen_ai.prompt.0.tool_calls.0.arguments",
            "gen_ai.completion.0.content",
            "gen_ai.completion.0.finish_reason",
            "llm.input_messages.0.message.role",
            "llm.input_messages.0.message.content",
            "llm.input_messages.0.message.contents.0.message_content.text",
            "llm.input_messages.0.message.tool_calls.0.tool_call.function.arguments",
            "llm.output_messages.0.message.content"));
    return keys;
  }
}
