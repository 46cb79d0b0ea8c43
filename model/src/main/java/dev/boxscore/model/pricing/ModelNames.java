package dev.boxscore.model.pricing;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Model id normalization and family matching for prices.
 *
 * <p>An id is lower-cased, loses any path ({@code openai/gpt-4o}, {@code models/gemini-1.5-pro},
 * ARNs), Bedrock's region and vendor prefixes ({@code us.anthropic.}, {@code meta.}), and has dots
 * turned into dashes so that {@code claude-sonnet-4.5} and {@code claude-sonnet-4-5} meet. A family
 * pattern matches an id that starts with it and continues only with version noise: dates ({@code
 * -2024-07-18}, {@code -20241022}, {@code @20241022}), short version numbers ({@code -001}, {@code
 * -2411}), {@code -v2:0}, {@code -latest}, {@code -preview}, {@code -exp}, {@code -instruct},
 * {@code -versatile}, {@code -instant}, and a {@code -0} minor release. So {@code gpt-4o} does not
 * match {@code gpt-4o-mini} and {@code claude-opus-4} does not match {@code claude-opus-4-1}.
 */
final class ModelNames {

  private static final Pattern REGION_PREFIX =
      Pattern.compile("^(us|eu|apac|global|us-gov|jp|au|ca)\\.");
  private static final Pattern VENDOR_PREFIX =
      Pattern.compile(
          "^(anthropic|meta|mistral|amazon|cohere|ai21|deepseek|openai|qwen|writer|google)\\.(?=.)");
  private static final Pattern VERSION_SUFFIX =
      Pattern.compile(
          "(?:[-@](?:\\d{4}-\\d{2}-\\d{2}|\\d{8}|\\d{4}|\\d{3}|\\d{2}-\\d{2}|0|v\\d+(?::\\d+)?"
              + "|latest|preview|exp|instruct|versatile|instant))*+(?::\\d+)?");

  /** Longer ids are not model names; the bound also keeps matching cheap on hostile input. */
  private static final int MAX_ID_LENGTH = 200;

  private ModelNames() {}

  static String normalize(String model) {
    String id = model.trim().toLowerCase(Locale.ROOT);
    int slash = id.lastIndexOf('/');
    if (slash >= 0) {
      id = id.substring(slash + 1);
    }
    id = REGION_PREFIX.matcher(id).replaceFirst("");
    id = VENDOR_PREFIX.matcher(id).replaceFirst("");
    return id.replace('.', '-');
  }

  /** Whether the normalized id belongs to the normalized family pattern. */
  static boolean matches(String normalizedPattern, String normalizedModel) {
    return normalizedModel.length() <= MAX_ID_LENGTH
        && normalizedModel.startsWith(normalizedPattern)
        && VERSION_SUFFIX.matcher(normalizedModel.substring(normalizedPattern.length())).matches();
  }
}
