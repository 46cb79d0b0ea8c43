package dev.boxscore.model.tokens;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import dev.boxscore.model.LlmCall;
import dev.boxscore.model.TokenUsage;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;

/**
 * Estimates the tokens of a call whose provider reported no usage, from its captured content, with
 * the OpenAI tokenizers of jtokkit: {@code o200k_base} for the GPT-4o, GPT-4.1, GPT-5 and o-series
 * families, {@code cl100k_base} for every other model. Other makers' tokenizers are not public, so
 * for Claude, Gemini, Llama or Mistral the count is an approximation (typically within 10–20% for
 * English text); that is why the result is always flagged as estimated.
 *
 * <p>Input = the text of every message part plus 3 tokens per message and 3 for the reply's priming
 * (OpenAI's published chat accounting); output = the text of every output message part. Cache and
 * reasoning tokens cannot be known and stay 0. Thread-safe.
 */
public final class TokenEstimator {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int PER_MESSAGE = 3;
  private static final int REPLY_PRIMING = 3;

  private final Encoding o200k;
  private final Encoding cl100k;

  public TokenEstimator() {
    EncodingRegistry registry = Encodings.newLazyEncodingRegistry();
    this.o200k = registry.getEncoding(EncodingType.O200K_BASE);
    this.cl100k = registry.getEncoding(EncodingType.CL100K_BASE);
  }

  /**
   * An estimate of the call's usage, or empty when the provider reported usage (nothing to
   * estimate) or no content was captured. The returned usage has {@code reported == false}.
   */
  public Optional<TokenUsage> estimate(LlmCall call) {
    if (call == null
        || call.usage().reported()
        || (call.input() == null && call.output() == null)) {
      return Optional.empty();
    }
    Encoding encoding =
        encodingFor(call.responseModel() != null ? call.responseModel() : call.requestModel());
    long input = call.input() == null ? 0 : messagesTokens(encoding, call.input(), true);
    long output = call.output() == null ? 0 : messagesTokens(encoding, call.output(), false);
    return Optional.of(new TokenUsage(input, output, 0, 0, 0, false));
  }

  /** The tokenizer used for a model id. */
  Encoding encodingFor(String model) {
    String id = model == null ? "" : model.toLowerCase(Locale.ROOT);
    int slash = id.lastIndexOf('/');
    id = slash >= 0 ? id.substring(slash + 1) : id;
    if (id.startsWith("gpt-4o")
        || id.startsWith("gpt-4.1")
        || id.startsWith("gpt-5")
        || id.startsWith("chatgpt-4o")
        || id.matches("^o[134](-.*)?$")) {
      return o200k;
    }
    return cl100k;
  }

  private static long messagesTokens(Encoding encoding, String messagesJson, boolean input) {
    JsonNode root;
    try {
      root = JSON.readTree(messagesJson);
    } catch (IOException e) {
      // Not the normalized JSON form: count the raw text.
      return encoding.countTokens(messagesJson);
    }
    long tokens = 0;
    if (root != null && root.isArray()) {
      for (JsonNode message : root) {
        tokens += textTokens(encoding, message.path("parts")) + (input ? PER_MESSAGE : 0);
      }
      tokens += input && root.size() > 0 ? REPLY_PRIMING : 0;
    } else if (root != null) {
      tokens += textTokens(encoding, root);
    }
    return tokens;
  }

  /** Tokens of every text value under content/arguments/result/text keys, wherever they nest. */
  private static long textTokens(Encoding encoding, JsonNode node) {
    long tokens = 0;
    if (node.isArray()) {
      for (JsonNode child : node) {
        tokens += textTokens(encoding, child);
      }
    } else if (node.isObject()) {
      var fields = node.fields();
      while (fields.hasNext()) {
        var field = fields.next();
        JsonNode value = field.getValue();
        if (value.isTextual() && isText(field.getKey())) {
          tokens += encoding.countTokens(value.asText());
        } else if (value.isContainerNode()) {
          tokens +=
              isText(field.getKey())
                  ? encoding.countTokens(value.toString())
                  : textTokens(encoding, value);
        }
      }
    }
    return tokens;
  }

  private static boolean isText(String key) {
    return key.equals("content")
        || key.equals("arguments")
        || key.equals("result")
        || key.equals("text");
  }
}
