package dev.boxscore.model.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProviderNamesTest {

  private final LlmSpanNormalizer normalizer = new LlmSpanNormalizer();

  @ParameterizedTest(name = "{0}={1} -> {2}")
  @CsvSource({
    "gen_ai.provider.name, openai,             openai",
    "gen_ai.system,        openai,             openai",
    "gen_ai.system,        OpenAI,             openai",
    "gen_ai.system,        Anthropic,          anthropic",
    "gen_ai.system,        az.ai.openai,       azure.ai.openai",
    "gen_ai.system,        az.ai.inference,    azure.ai.inference",
    "gen_ai.system,        vertex_ai,          gcp.vertex_ai",
    "gen_ai.system,        VertexAI,           gcp.vertex_ai",
    "gen_ai.system,        gemini,             gcp.gemini",
    "gen_ai.system,        aws.bedrock,        aws.bedrock",
    "gen_ai.system,        AWS Bedrock,        aws.bedrock",
    "gen_ai.system,        MistralAI,          mistral_ai",
    "gen_ai.system,        Groq,               groq",
    "gen_ai.system,        Watsonx,            ibm.watsonx.ai",
    "gen_ai.system,        xai,                x_ai",
    "gen_ai.system,        Some New Vendor,    some new vendor",
    "llm.provider,         azure,              azure.ai.openai",
    "llm.provider,         google,             gcp.gen_ai",
    "llm.provider,         aws,                aws.bedrock",
    "llm.provider,         deepseek,           deepseek",
    "llm.system,           mistralai,          mistral_ai",
    "llm.system,           vertexai,           gcp.vertex_ai",
    "llm.system,           cohere,             cohere",
  })
  void providerValuesOfEveryDialectMapToGenAiNames(String key, String value, String expected) {
    Map<String, Object> attributes =
        Map.of(key, value, "gen_ai.operation.name", "chat", "gen_ai.request.model", "m");

    assertThat(normalizer.normalize("chat m", attributes, List.of()).orElseThrow().provider())
        .isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"openai.chat, openai", "anthropic.messages.create, anthropic", "ChatCompletion, "})
  void spanNamesNameTheProviderWhenNoAttributeDoes(String spanName, String expected) {
    Map<String, Object> attributes =
        Map.of("llm.request.type", "chat", "gen_ai.request.model", "m");

    assertThat(normalizer.normalize(spanName, attributes, List.of()).orElseThrow().provider())
        .isEqualTo(expected);
  }
}
