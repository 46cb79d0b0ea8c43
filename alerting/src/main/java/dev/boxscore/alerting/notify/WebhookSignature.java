package dev.boxscore.alerting.notify;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@value #HEADER} header of webhook deliveries: {@code sha256=} and the lowercase hex
 * HMAC-SHA256 of the exact body bytes, keyed with the channel's secret (GitHub's scheme, which
 * receivers already know how to check).
 */
public final class WebhookSignature {
  public static final String HEADER = "X-Boxscore-Signature-256";
  static final String PREFIX = "sha256=";

  private WebhookSignature() {}

  /** The header value for {@code body}. */
  public static String sign(String secret, byte[] body) {
    if (secret == null || secret.isEmpty()) {
      throw new IllegalArgumentException("secret: required to sign a webhook");
    }
    return PREFIX + HexFormat.of().formatHex(hmac(secret, body));
  }

  /**
   * Whether {@code header} is the signature of {@code body} under {@code secret}; compares in
   * constant time so that a receiver does not leak how much of a forged signature was right.
   */
  public static boolean verify(String secret, byte[] body, String header) {
    if (secret == null || secret.isEmpty() || header == null || !header.startsWith(PREFIX)) {
      return false;
    }
    byte[] expected = sign(secret, body).getBytes(StandardCharsets.US_ASCII);
    byte[] given = header.getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, given);
  }

  private static byte[] hmac(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
