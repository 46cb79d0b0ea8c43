package dev.boxscore.alerting.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {
  private static final byte[] BODY =
      "what do ya want for nothing?".getBytes(StandardCharsets.UTF_8);

  @Test
  void signsWithHmacSha256InLowercaseHex() {
    // RFC 4231, test case 2.
    assertThat(WebhookSignature.sign("Jefe", BODY))
        .isEqualTo("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  }

  @Test
  void verifiesOnlyTheExactBodyAndSecret() {
    String header = WebhookSignature.sign("Jefe", BODY);
    assertThat(WebhookSignature.verify("Jefe", BODY, header)).isTrue();

    byte[] tampered = BODY.clone();
    tampered[0] ^= 1;
    assertThat(WebhookSignature.verify("Jefe", tampered, header)).isFalse();
    assertThat(WebhookSignature.verify("jefe", BODY, header)).isFalse();
    assertThat(WebhookSignature.verify("Jefe", BODY, header.substring(7))).isFalse();
    assertThat(WebhookSignature.verify("Jefe", BODY, header.toUpperCase())).isFalse();
    assertThat(WebhookSignature.verify("Jefe", BODY, null)).isFalse();
    assertThat(WebhookSignature.verify(null, BODY, header)).isFalse();
  }

  @Test
  void refusesToSignWithoutSecret() {
    assertThatThrownBy(() -> WebhookSignature.sign("", BODY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("secret:");
  }
}
