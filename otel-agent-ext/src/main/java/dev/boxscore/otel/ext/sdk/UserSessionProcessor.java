package dev.boxscore.otel.ext.sdk;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import java.util.Locale;

/**
 * Records the end user and the conversation on every span started, so that a service gets users and
 * sessions with no code change: {@code user.id} and {@code session.id} from, in this order, the
 * current baggage's entries of those names, the application's SLF4J MDC under the configured keys
 * ({@code boxscore.user.mdc-key}, {@code boxscore.session.mdc-key}), and for the user a value fixed
 * for the JVM ({@code boxscore.user.id}). Values are trimmed, empty ones skipped, and cut to
 * {@value #MAX_LENGTH} characters. An attribute the span already has is kept. {@code
 * boxscore.user.capture=false} turns all of this off (no processor is registered).
 *
 * <p>Every span, not only LLM spans: the stock agent's own GenAI spans (openai-java chat) and a
 * user's spans around a call get them too, and a baggage lookup is all a span without configured
 * MDC keys pays.
 */
final class UserSessionProcessor implements SpanProcessor {
  /** The OTel attribute keys the collector reads (it also accepts enduser.id and others). */
  static final AttributeKey<String> USER_ID = AttributeKey.stringKey("user.id");

  static final AttributeKey<String> SESSION_ID = AttributeKey.stringKey("session.id");

  /** Longer values are cut: identifiers, not content. */
  static final int MAX_LENGTH = 256;

  private final String userMdcKey;
  private final String sessionMdcKey;
  private final String fixedUserId;

  /** Null when no MDC key is configured. */
  private final MdcReader mdc;

  UserSessionProcessor(String userMdcKey, String sessionMdcKey, String fixedUserId) {
    this.userMdcKey = normalize(userMdcKey);
    this.sessionMdcKey = normalize(sessionMdcKey);
    this.fixedUserId = normalize(fixedUserId);
    this.mdc = this.userMdcKey != null || this.sessionMdcKey != null ? new MdcReader() : null;
  }

  /**
   * The processor the settings ask for, or null when {@code boxscore.user.capture} is set to
   * anything but {@code true} (a misspelt opt-out records nothing rather than identifiers).
   */
  static UserSessionProcessor fromSettings() {
    String capture = setting("boxscore.user.capture");
    if (capture != null && !"true".equalsIgnoreCase(capture.trim())) {
      return null;
    }
    return new UserSessionProcessor(
        setting("boxscore.user.mdc-key"),
        setting("boxscore.session.mdc-key"),
        setting("boxscore.user.id"));
  }

  /**
   * A system property, else its environment variable ({@code boxscore.user.mdc-key} = {@code
   * BOXSCORE_USER_MDC_KEY}), as {@code ExtensionConfig} reads them; not through that class, which
   * would add a class and its set-up to the agent's start-up.
   */
  private static String setting(String property) {
    String value = System.getProperty(property);
    if (value == null) {
      value = System.getenv(property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
    }
    return value;
  }

  /** Trimmed, null when empty, at most {@value #MAX_LENGTH} characters (no half surrogate pair). */
  static String normalize(String value) {
    if (value == null) {
      return null;
    }
    String trimmed = value.trim();
    if (trimmed.isEmpty()) {
      return null;
    }
    if (trimmed.length() <= MAX_LENGTH) {
      return trimmed;
    }
    int end = MAX_LENGTH;
    if (Character.isHighSurrogate(trimmed.charAt(end - 1))) {
      end--;
    }
    return trimmed.substring(0, end);
  }

  @Override
  public void onStart(Context parentContext, ReadWriteSpan span) {
    try {
      Baggage baggage = Baggage.fromContext(parentContext);
      record(span, USER_ID, baggage.getEntryValue("user.id"), userMdcKey, fixedUserId);
      record(span, SESSION_ID, baggage.getEntryValue("session.id"), sessionMdcKey, null);
    } catch (Throwable t) {
      // never into the application: the span goes on without them
    }
  }

  private void record(
      ReadWriteSpan span,
      AttributeKey<String> key,
      String fromBaggage,
      String mdcKey,
      String fixed) {
    if (fromBaggage == null && mdcKey == null && fixed == null) {
      return;
    }
    if (span.getAttribute(key) != null) {
      return;
    }
    String value = normalize(fromBaggage);
    if (value == null && mdcKey != null) {
      value = normalize(mdc.get(mdcKey));
    }
    if (value == null) {
      value = fixed;
    }
    if (value != null) {
      span.setAttribute(key, value);
    }
  }

  @Override
  public boolean isStartRequired() {
    return true;
  }

  @Override
  public void onEnd(ReadableSpan span) {}

  @Override
  public boolean isEndRequired() {
    return false;
  }
}
