package dev.boxscore.collector.otlp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/**
 * Decompression with a ceiling, so a small gzip bomb cannot make the collector allocate gigabytes.
 */
final class RequestBodies {
  private RequestBodies() {}

  static byte[] gunzip(byte[] compressed, int limit) throws IOException, BodyTooLargeException {
    try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(compressed))) {
      ByteArrayOutputStream out =
          new ByteArrayOutputStream(Math.min(limit, compressed.length * 4 + 64));
      byte[] buffer = new byte[16 * 1024];
      int total = 0;
      for (int n; (n = in.read(buffer)) != -1; ) {
        total += n;
        if (total > limit) {
          throw new BodyTooLargeException(limit);
        }
        out.write(buffer, 0, n);
      }
      return out.toByteArray();
    }
  }
}
