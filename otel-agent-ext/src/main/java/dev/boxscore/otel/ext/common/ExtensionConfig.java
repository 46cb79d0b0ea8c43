package dev.boxscore.otel.ext.common;

import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The extension's settings, read once from system properties or the matching environment variables
 * ({@code boxscore.capture.max-length} = {@code BOXSCORE_CAPTURE_MAX_LENGTH}). Read directly rather
 * than through the agent's configuration API, whose alpha surface changes between agent minors.
 */
public final class ExtensionConfig {
  private static final ExtensionConfig INSTANCE = load();

  private final boolean captureContent;
  private final int maxContentLength;
  private final Pattern userRedaction;
  private final String promptVersion;

  ExtensionConfig(
      boolean captureContent, int maxContentLength, Pattern userRedaction, String promptVersion) {
    this.captureContent = captureContent;
    this.maxContentLength = maxContentLength;
    this.userRedaction = userRedaction;
    this.promptVersion = promptVersion;
  }

  public static ExtensionConfig get() {
    return INSTANCE;
  }

  static ExtensionConfig load() {
    boolean capture =
        Boolean.parseBoolean(
            setting(
                "boxscore.capture-message-content",
                setting("otel.instrumentation.genai.capture-message-content", "false")));
    int maxLength = 8192;
    try {
      maxLength =
          Math.max(16, Integer.parseInt(setting("boxscore.capture.max-length", "8192").trim()));
    } catch (NumberFormatException e) {
      // a bad value keeps the default: configuration must never break the application
    }
    Pattern user = null;
    String regex = setting("boxscore.capture.redact-regex", null);
    if (regex != null && !regex.isEmpty()) {
      try {
        user = Pattern.compile(regex);
      } catch (PatternSyntaxException e) {
        // an invalid user pattern turns content capture off rather than risk sending what it meant
        // to hide
        capture = false;
      }
    }
    String version = setting("boxscore.prompt.version", null);
    return new ExtensionConfig(
        capture, maxLength, user, version == null || version.isEmpty() ? null : version);
  }

  static String setting(String property, String fallback) {
    String value = System.getProperty(property);
    if (value == null) {
      value = System.getenv(property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
    }
    return value == null ? fallback : value;
  }

  public boolean captureContent() {
    return captureContent;
  }

  public int maxContentLength() {
    return maxContentLength;
  }

  public Pattern userRedaction() {
    return userRedaction;
  }

  /** The configured prompt version, or null. */
  public String promptVersion() {
    return promptVersion;
  }
}
