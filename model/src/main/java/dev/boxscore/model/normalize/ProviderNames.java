package dev.boxscore.model.normalize;

import java.util.Locale;
import java.util.Map;

/**
 * Maps provider names of every dialect ({@code gen_ai.provider.name}, the deprecated {@code
 * gen_ai.system}, OpenInference {@code llm.provider} / {@code llm.system}, OpenLLMetry's
 * capitalized values) to the {@code gen_ai.provider.name} well-known values.
 */
final class ProviderNames {

  /**
   * Keys are the lower-cased name without separators, so "Azure OpenAI", "az.ai.openai",
   * "azure_openai" meet.
   */
  private static final Map<String, String> CANONICAL =
      Map.ofEntries(
          Map.entry("openai", "openai"),
          Map.entry("anthropic", "anthropic"),
          Map.entry("awsbedrock", "aws.bedrock"),
          Map.entry("bedrock", "aws.bedrock"),
          Map.entry("amazonbedrock", "aws.bedrock"),
          // OpenInference llm.provider "aws" is Bedrock.
          Map.entry("aws", "aws.bedrock"),
          Map.entry("azaiopenai", "azure.ai.openai"),
          Map.entry("azureaiopenai", "azure.ai.openai"),
          Map.entry("azureopenai", "azure.ai.openai"),
          // OpenInference llm.provider "azure" is Azure OpenAI.
          Map.entry("azure", "azure.ai.openai"),
          Map.entry("azaiinference", "azure.ai.inference"),
          Map.entry("azureaiinference", "azure.ai.inference"),
          Map.entry("gcpgemini", "gcp.gemini"),
          Map.entry("gemini", "gcp.gemini"),
          Map.entry("googlegemini", "gcp.gemini"),
          Map.entry("googleaistudio", "gcp.gemini"),
          Map.entry("gcpvertexai", "gcp.vertex_ai"),
          Map.entry("vertexai", "gcp.vertex_ai"),
          Map.entry("vertex", "gcp.vertex_ai"),
          Map.entry("googlevertexai", "gcp.vertex_ai"),
          // "google" alone does not say which Google API served the call; gcp.gen_ai is the
          // registry's answer.
          Map.entry("google", "gcp.gen_ai"),
          Map.entry("gcpgenai", "gcp.gen_ai"),
          Map.entry("googlegenai", "gcp.gen_ai"),
          Map.entry("mistralai", "mistral_ai"),
          Map.entry("mistral", "mistral_ai"),
          Map.entry("deepseek", "deepseek"),
          Map.entry("cohere", "cohere"),
          Map.entry("groq", "groq"),
          Map.entry("ibmwatsonxai", "ibm.watsonx.ai"),
          Map.entry("watsonx", "ibm.watsonx.ai"),
          Map.entry("watsonxai", "ibm.watsonx.ai"),
          Map.entry("xai", "x_ai"),
          Map.entry("perplexity", "perplexity"),
          Map.entry("moonshotai", "moonshot_ai"),
          Map.entry("moonshot", "moonshot_ai"),
          Map.entry("ollama", "ollama"),
          Map.entry("togetherai", "together_ai"),
          Map.entry("together", "together_ai"),
          Map.entry("fireworks", "fireworks_ai"),
          Map.entry("fireworksai", "fireworks_ai"),
          Map.entry("openrouter", "openrouter"));

  private ProviderNames() {}

  /**
   * The canonical name, or the trimmed lower-cased input when it is not a known alias; null for
   * null.
   */
  static String normalize(String raw) {
    if (raw == null) {
      return null;
    }
    String lower = raw.trim().toLowerCase(Locale.ROOT);
    if (lower.isEmpty()) {
      return null;
    }
    String compact = lower.replaceAll("[\\s._\\-]", "");
    return CANONICAL.getOrDefault(compact, lower);
  }

  /**
   * Whether the name is a known alias (used to read a provider from a span name such as
   * "openai.chat").
   */
  static boolean isKnown(String raw) {
    return raw != null
        && CANONICAL.containsKey(raw.trim().toLowerCase(Locale.ROOT).replaceAll("[\\s._\\-]", ""));
  }
}
