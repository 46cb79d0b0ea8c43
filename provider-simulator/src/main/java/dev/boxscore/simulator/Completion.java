package dev.boxscore.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The simulated answer to a {@link Prompt}, before it is rendered in a provider's format.
 *
 * <p>Tool-call rule (deterministic): the model calls a tool when tools are offered, the
 * conversation does not end with a tool result, the tool choice is not "none", and either the tool
 * choice requires a tool (required / any / a named tool) or the last user message contains a tool's
 * name (case-insensitive; the first such tool in offer order) or the phrase "use a tool" (the first
 * tool). Arguments fill every property of the tool's schema: the first enum value, else for strings
 * the last capitalised word of the user message (e.g. a city) or "example", 1 for numbers, true for
 * booleans, [] for arrays, {} for objects.
 *
 * <p>The judge model answers a score ({@link JudgeReply}).
 *
 * <p>Otherwise the reply is {@code outputTokens} generated words, cut to the request's output cap
 * (finish reason "length"). Reasoning-style models add twice the visible tokens as reasoning
 * tokens.
 */
record Completion(
    String responseModel,
    List<String> words,
    ToolCall toolCall,
    boolean truncated,
    int inputTokens,
    int cachedTokens,
    int cacheCreationTokens,
    int outputTokens,
    int reasoningTokens) {

  record ToolCall(String name, String argumentsJson) {}

  private static final Pattern CAPITALISED = Pattern.compile("\\b\\p{Lu}[\\p{L}\\p{N}-]*");

  String text() {
    return TextGenerator.join(words);
  }

  /** Output tokens including reasoning, as OpenAI's completion_tokens counts them. */
  int totalOutputTokens() {
    return outputTokens + reasoningTokens;
  }

  static Completion plan(
      Prompt prompt,
      Scenario scenario,
      String responseModel,
      Provider provider,
      int cacheMinTokens) {
    int input = prompt.inputTokens();
    int cached = 0;
    int created = 0;
    if (provider == Provider.OPENAI) {
      if (scenario.cache() != CacheMode.MISS && input >= cacheMinTokens) {
        cached = (input / 128) * 128;
      }
    } else if (prompt.cacheablePrefix() != null && scenario.cache() != CacheMode.MISS) {
      int prefix =
          Math.min(input, TokenCounter.count(prompt.cacheablePrefix()) + TokenCounter.PER_MESSAGE);
      if (scenario.cache() == CacheMode.WRITE) {
        created = prefix;
      } else {
        cached = prefix;
      }
    }

    if (JudgeReply.isJudge(prompt.model())) {
      List<String> verdict = JudgeReply.words(prompt.texts());
      return new Completion(
          responseModel, verdict, null, false, input, cached, created, verdict.size(), 0);
    }
    ToolCall toolCall = toolCall(prompt);
    if (toolCall != null) {
      int out = TokenCounter.count(toolCall.name() + " " + toolCall.argumentsJson());
      return new Completion(
          responseModel,
          List.of(),
          toolCall,
          false,
          input,
          cached,
          created,
          out,
          reasoning(prompt.model(), out));
    }
    int wanted = scenario.outputTokens();
    boolean truncated = prompt.maxOutputTokens() != null && prompt.maxOutputTokens() < wanted;
    int count = truncated ? Math.max(1, prompt.maxOutputTokens()) : wanted;
    List<String> words = TextGenerator.words(prompt.seed(), count);
    return new Completion(
        responseModel,
        words,
        null,
        truncated,
        input,
        cached,
        created,
        words.size(),
        reasoning(prompt.model(), words.size()));
  }

  private static int reasoning(String requestModel, int visible) {
    return ModelRouter.isReasoning(requestModel) ? 2 * visible : 0;
  }

  private static ToolCall toolCall(Prompt prompt) {
    if (prompt.tools().isEmpty()
        || prompt.lastIsToolResult()
        || prompt.toolChoice().mode() == Prompt.ToolChoice.Mode.NONE) {
      return null;
    }
    Prompt.Tool chosen =
        switch (prompt.toolChoice().mode()) {
          case NAMED ->
              prompt.tools().stream()
                  .filter(t -> t.name().equals(prompt.toolChoice().name()))
                  .findFirst()
                  .orElse(prompt.tools().get(0));
          case REQUIRED -> mentioned(prompt).orElse(prompt.tools().get(0));
          default ->
              mentioned(prompt)
                  .orElseGet(
                      () ->
                          prompt
                                  .lastUserText()
                                  .toLowerCase(java.util.Locale.ROOT)
                                  .contains("use a tool")
                              ? prompt.tools().get(0)
                              : null);
        };
    if (chosen == null) {
      return null;
    }
    return new ToolCall(
        chosen.name(), arguments(chosen.parameters(), prompt.lastUserText()).toString());
  }

  private static java.util.Optional<Prompt.Tool> mentioned(Prompt prompt) {
    String text = prompt.lastUserText().toLowerCase(java.util.Locale.ROOT);
    return prompt.tools().stream()
        .filter(t -> text.contains(t.name().toLowerCase(java.util.Locale.ROOT)))
        .findFirst();
  }

  private static ObjectNode arguments(JsonNode schema, String userText) {
    ObjectNode args = JsonNodeFactory.instance.objectNode();
    JsonNode properties = schema == null ? null : schema.get("properties");
    if (properties == null || !properties.isObject()) {
      return args;
    }
    properties
        .fields()
        .forEachRemaining(
            property -> {
              JsonNode spec = property.getValue();
              String name = property.getKey();
              if (spec.has("enum") && spec.get("enum").isArray() && spec.get("enum").size() > 0) {
                args.set(name, spec.get("enum").get(0));
                return;
              }
              switch (spec.path("type").asText("string")) {
                case "integer", "number" -> args.put(name, 1);
                case "boolean" -> args.put(name, true);
                case "array" -> args.putArray(name);
                case "object" -> args.putObject(name);
                default -> args.put(name, lastCapitalisedWord(userText));
              }
            });
    return args;
  }

  private static String lastCapitalisedWord(String text) {
    Matcher matcher = CAPITALISED.matcher(text);
    String last = null;
    boolean first = true;
    while (matcher.find()) {
      // The sentence's first word is capitalised for grammar, not because it names something.
      if (!(first && matcher.start() == firstLetter(text))) {
        last = matcher.group();
      }
      first = false;
    }
    return last == null ? "example" : last;
  }

  private static int firstLetter(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (Character.isLetter(text.charAt(i))) {
        return i;
      }
    }
    return -1;
  }
}
