package dev.boxscore.query.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boxscore.model.semconv.GenAiAttributes;
import dev.boxscore.model.semconv.OpenInferenceAttributes;
import dev.boxscore.model.semconv.OpenLlmetryAttributes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The prompt name and template shown on /prompts are extracted at insert by a materialized view,
 * whose SQL cannot take the semconv constants as parameters: it must name the same keys, in the
 * same order of preference, or a dialect's templates silently stop showing.
 */
class PromptTemplateKeysTest {
  @Test
  void theViewReadsEachDialectsNameAndTemplateKeysInOrder() throws IOException {
    for (String migration :
        new String[] {
          "0088_create_llm_prompt_templates_mv.sql", "0089_backfill_llm_prompt_templates.sql"
        }) {
      String sql = resource("clickhouse/migrations/" + migration).replaceAll("\\s+", "");
      assertThat(sql)
          .as(migration)
          .contains(
              "[attributes['"
                  + GenAiAttributes.PROMPT_NAME
                  + "'],attributes['"
                  + OpenLlmetryAttributes.PROMPT_KEY
                  + "']])")
          .contains(
              "[attributes['"
                  + OpenInferenceAttributes.LLM_PROMPT_TEMPLATE
                  + "'],attributes['"
                  + OpenLlmetryAttributes.PROMPT_TEMPLATE
                  + "']])");
    }
  }

  private static String resource(String path) throws IOException {
    try (InputStream in = PromptTemplateKeysTest.class.getClassLoader().getResourceAsStream(path)) {
      assertThat(in).as(path).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
