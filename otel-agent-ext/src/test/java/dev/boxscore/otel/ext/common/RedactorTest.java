package dev.boxscore.otel.ext.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RedactorTest {
  private final Redactor redactor = new Redactor(Pattern.compile("T-[0-9]{5}"), 200);

  @Test
  void removesEmailsCardsKeysAndTheUsersPattern() {
    assertThat(
            redactor.clean(
                "Mail jane.doe+x@mail.example.co.uk or call; card 4111 1111 1111 1111, "
                    + "also 5500-0000-0000-0004; key sk-proj-AbCdEf0123456789xyzQ and AKIAABCDEFGHIJKLMNOP; ticket T-12345"))
        .isEqualTo(
            "Mail [REDACTED_EMAIL] or call; card [REDACTED_CARD], also [REDACTED_CARD]; key [REDACTED_KEY] "
                + "and [REDACTED_KEY]; ticket [REDACTED]");
  }

  @Test
  void keepsNumbersThatAreNoCardNumbers() {
    // 16 digits failing the Luhn check: an order number, kept
    assertThat(redactor.clean("order 1234 5678 9012 3456 shipped"))
        .isEqualTo("order 1234 5678 9012 3456 shipped");
  }

  @Test
  void truncatesAfterRedacting() {
    String cleaned =
        new Redactor(null, 40).clean("x".repeat(30) + " jane@example.com " + "y".repeat(30));
    assertThat(cleaned).hasSize(40).endsWith("...[truncated]").doesNotContain("jane");
  }
}
