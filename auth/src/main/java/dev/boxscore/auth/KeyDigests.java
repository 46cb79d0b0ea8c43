package dev.boxscore.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Key generation and digests. Keys are 256 random bits, so a plain SHA-256 is enough to store them
 * (a slow password hash protects guessable secrets; these are not guessable) and lets a lookup be
 * one map access.
 */
public final class KeyDigests {
  private static final SecureRandom RANDOM = new SecureRandom();

  private KeyDigests() {}

  public static String newKey() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return "bx_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  public static String newId(String prefix) {
    byte[] bytes = new byte[8];
    RANDOM.nextBytes(bytes);
    return prefix + HexFormat.of().formatHex(bytes);
  }

  public static String digest(String key) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
