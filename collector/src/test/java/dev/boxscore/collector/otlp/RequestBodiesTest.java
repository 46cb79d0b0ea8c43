package dev.boxscore.collector.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Decompressing a gzip request body under a ceiling: what fits comes back whole, a bomb or garbage
 * is refused.
 */
class RequestBodiesTest {
  private static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    }
    return out.toByteArray();
  }

  private static byte[] random(int size) {
    byte[] data = new byte[size];
    new Random(7).nextBytes(data);
    return data;
  }

  @Test
  void aBodyUpToTheLimitComesBackWhole() throws Exception {
    byte[] data = random(100_000);
    assertThat(RequestBodies.gunzip(gzip(data), 100_000)).isEqualTo(data);
    assertThat(RequestBodies.gunzip(gzip(data), Integer.MAX_VALUE)).isEqualTo(data);
    assertThat(RequestBodies.gunzip(gzip(new byte[0]), 0)).isEmpty();
  }

  @Test
  void oneByteOverTheLimitIsRefused() throws Exception {
    byte[] data = random(100_001);
    assertThatThrownBy(() -> RequestBodies.gunzip(gzip(data), 100_000))
        .isInstanceOf(BodyTooLargeException.class)
        .hasMessage("request body exceeds the limit of 100000 bytes");
  }

  @Test
  void aGzipBombIsRefusedWithoutInflatingIt() throws Exception {
    // 64 MiB of zeros is about 64 KB compressed: refused at the 1 MiB ceiling, not inflated to 64
    // MiB first.
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      byte[] zeros = new byte[1 << 20];
      for (int i = 0; i < 64; i++) {
        gz.write(zeros);
      }
    }
    byte[] bomb = out.toByteArray();
    assertThat(bomb.length).isLessThan(1 << 20);
    assertThatThrownBy(() -> RequestBodies.gunzip(bomb, 1 << 20))
        .isInstanceOf(BodyTooLargeException.class);
  }

  @Test
  void aBodyThatIsNotGzipIsAnIoError() throws Exception {
    assertThatThrownBy(
            () ->
                RequestBodies.gunzip("plain text, no gzip".getBytes(StandardCharsets.UTF_8), 1000))
        .isInstanceOf(IOException.class);
    assertThatThrownBy(() -> RequestBodies.gunzip(new byte[0], 1000))
        .isInstanceOf(IOException.class);
    byte[] whole = gzip(random(10_000));
    assertThatThrownBy(
            () -> RequestBodies.gunzip(Arrays.copyOf(whole, whole.length / 2), 1_000_000))
        .as("cut short")
        .isInstanceOf(IOException.class);
  }
}
