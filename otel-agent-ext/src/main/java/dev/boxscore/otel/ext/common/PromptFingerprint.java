package dev.boxscore.otel.ext.common;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * A stable fingerprint of a prompt template: the system instructions with their variable parts
 * (ids, e-mail addresses, dates, numbers, whitespace) normalized, hashed with SHA-256 and cut to 16
 * hex digits. The user's input is not part of it, so one prompt answering different questions keeps
 * one fingerprint.
 */
public final class PromptFingerprint {
  private static final Pattern UUID =
      Pattern.compile(
          "\\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\b");
  private static final Pattern EMAIL =
      Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
  private static final Pattern DATE =
      Pattern.compile(
          "\\b\\d{4}-\\d{2}-\\d{2}(?:[T ]\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?(?:Z|[+-]\\d{2}:?\\d{2})?)?\\b");
  private static final Pattern HEX_ID =
      Pattern.compile("\\b(?=[0-9a-fA-F]*[0-9])[0-9a-fA-F]{12,}\\b");
  private static final Pattern NUMBER = Pattern.compile("\\d+(?:[.,]\\d+)*");
  private static final Pattern TEMPLATE_VARIABLE = Pattern.compile("\\{\\{\\s*[^}]*\\}\\}");
  private static final Pattern SPACE = Pattern.compile("\\s+");
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  /**
   * Fingerprints of recent system prompts: an application has a handful, sent on every call, and
   * normalizing one takes six regex passes and a SHA-256. Bounded (cleared when full), as prompts
   * may embed per-user text.
   */
  private static final Map<String, String> RECENT = new ConcurrentHashMap<String, String>();

  private static final int MAX_RECENT = 256;
  private static final int MAX_CACHED_LENGTH = 16 * 1024;

  private PromptFingerprint() {}

  /** The fingerprint of {@code template}, or null when there is no text. */
  public static String of(String template) {
    if (template == null) {
      return null;
    }
    if (template.length() > MAX_CACHED_LENGTH) {
      return compute(template);
    }
    String known = RECENT.get(template);
    if (known != null) {
      return known;
    }
    String computed = compute(template);
    if (computed != null) {
      if (RECENT.size() >= MAX_RECENT) {
        RECENT.clear();
      }
      RECENT.put(template, computed);
    }
    return computed;
  }

  private static String compute(String template) {
    String normalized = normalize(template);
    if (normalized.isEmpty()) {
      return null;
    }
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(normalized.getBytes(StandardCharsets.UTF_8));
      char[] out = new char[16];
      for (int i = 0; i < 8; i++) {
        out[2 * i] = HEX[(digest[i] >> 4) & 0xf];
        out[2 * i + 1] = HEX[digest[i] & 0xf];
      }
      return new String(out);
    } catch (NoSuchAlgorithmException e) {
      return null;
    }
  }

  static String normalize(String text) {
    String result = TEMPLATE_VARIABLE.matcher(text).replaceAll("<var>");
    result = UUID.matcher(result).replaceAll("<id>");
    result = EMAIL.matcher(result).replaceAll("<email>");
    result = DATE.matcher(result).replaceAll("<date>");
    result = HEX_ID.matcher(result).replaceAll("<id>");
    result = NUMBER.matcher(result).replaceAll("<n>");
    return SPACE.matcher(result).replaceAll(" ").trim();
  }
}
