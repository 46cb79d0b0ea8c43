package dev.boxscore.alerting.state;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/** Stable keys and fingerprints of alert groups. */
public final class GroupKeys {
  private GroupKeys() {}

  /**
   * The group's entries sorted by name, {@code name=value} joined by commas; names and values are
   * percent-escaped where they hold a separator, so two groups never share a key.
   */
  public static String of(Map<String, String> group) {
    StringBuilder b = new StringBuilder();
    for (Map.Entry<String, String> e : new TreeMap<>(group).entrySet()) {
      if (b.length() > 0) {
        b.append(',');
      }
      b.append(escape(e.getKey())).append('=').append(escape(e.getValue()));
    }
    return b.toString();
  }

  /** 16 hex digits identifying one rule's alert for one group, across restarts and processes. */
  public static String fingerprint(String projectId, String ruleId, Map<String, String> group) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(
          (escape(projectId) + '/' + escape(ruleId) + '/' + of(group))
              .getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha.digest(), 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String escape(String s) {
    return s.replace("%", "%25").replace(",", "%2C").replace("=", "%3D").replace("/", "%2F");
  }
}
