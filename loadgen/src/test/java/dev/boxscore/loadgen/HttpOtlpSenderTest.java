package dev.boxscore.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HttpOtlpSenderTest {
  @Test
  void retryAfterIsReadInSeconds() {
    assertThat(HttpOtlpSender.retryAfter("3")).isEqualTo(Duration.ofSeconds(3));
    assertThat(HttpOtlpSender.retryAfter(" 0 ")).isEqualTo(Duration.ZERO);
    assertThat(HttpOtlpSender.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).isNull();
    assertThat(HttpOtlpSender.retryAfter(null)).isNull();
  }

  @Test
  void aRefusalsMessageIsReadFromItsStatusBody() {
    byte[] status =
        com.google.rpc.Status.newBuilder()
            .setCode(16)
            .setMessage("missing or invalid API key")
            .build()
            .toByteArray();
    assertThat(HttpOtlpSender.message(status)).isEqualTo("missing or invalid API key");
    assertThat(HttpOtlpSender.message("Bad Gateway".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("Bad Gateway");
  }
}
