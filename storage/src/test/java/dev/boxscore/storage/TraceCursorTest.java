package dev.boxscore.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * The opaque page cursor: what it encodes decodes to the same place, and anything else is refused.
 */
class TraceCursorTest {
  private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";

  private static String encoded(String text) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void anEncodedCursorDecodesToTheSameStartAndTrace() {
    TraceCursor cursor = new TraceCursor(1_732_788_930_123_456_789L, TRACE_ID);
    assertThat(TraceCursor.decode(cursor.encode())).isEqualTo(cursor);
    TraceCursor first = new TraceCursor(1, TRACE_ID);
    assertThat(TraceCursor.decode(first.encode())).isEqualTo(first);
    TraceCursor last = new TraceCursor(Long.MAX_VALUE, TRACE_ID);
    assertThat(TraceCursor.decode(last.encode())).isEqualTo(last);
  }

  @Test
  void theEncodingIsUrlSafeWithoutPadding() {
    String text = new TraceCursor(1_732_788_930_123_456_789L, TRACE_ID).encode();
    assertThat(text).matches("[A-Za-z0-9_-]+");
    assertThat(text).isEqualTo(encoded("1732788930123456789:" + TRACE_ID));
  }

  @Test
  void aCursorWithABadStartOrTraceIdIsRefused() {
    assertRefused(encoded("0:" + TRACE_ID));
    assertRefused(encoded("-1:" + TRACE_ID));
    assertRefused(encoded("9223372036854775808:" + TRACE_ID));
    assertRefused(encoded("12.5:" + TRACE_ID));
    assertRefused(encoded(":" + TRACE_ID));
    assertRefused(encoded("1732788930:" + TRACE_ID.toUpperCase()));
    assertRefused(encoded("1732788930:" + TRACE_ID.substring(1)));
    assertRefused(encoded("1732788930:" + TRACE_ID + "0"));
    assertRefused(encoded("1732788930:' OR 1=1 --"));
    assertRefused(encoded("1732788930"));
  }

  @Test
  void textThatIsNotACursorIsRefused() {
    assertRefused("");
    assertRefused("not a cursor");
    assertRefused("%%%");
    assertRefused("MTczMjc4ODkzMDo="); // padded standard Base64 of "1732788930:"
    assertRefused(encoded("1732788930:" + TRACE_ID) + "!");
  }

  private static void assertRefused(String text) {
    assertThatThrownBy(() -> TraceCursor.decode(text))
        .as("decode(%s)", text)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("not a trace cursor");
  }
}
