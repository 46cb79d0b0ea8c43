package dev.boxscore.query.service.judge;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Which calls an evaluator judges: a call is selected when the SHA-256 of evaluator id, trace id
 * and span id, read as a number in [0, 1), is below the sampling rate. The choice depends on
 * nothing else, so a replay of the same calls (or another runner) judges the same ones, and two
 * evaluators sample independently.
 */
public final class JudgeSampling {
  private JudgeSampling() {}

  public static boolean selected(String evaluatorId, String traceId, String spanId, double rate) {
    return position(evaluatorId, traceId, spanId) < rate;
  }

  /** The call's place in [0, 1) for this evaluator. */
  static double position(String evaluatorId, String traceId, String spanId) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256")
              .digest(
                  (evaluatorId + '\n' + traceId + '\n' + spanId).getBytes(StandardCharsets.UTF_8));
      // The top 53 bits: every double in [0, 1) they make is exact.
      return (ByteBuffer.wrap(hash).getLong() >>> 11) * 0x1.0p-53;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }
}
