package dev.boxscore.embedded.clickhouse;

import com.sun.net.httpserver.Headers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The one user the HTTP adapter answers, and the Host names it answers on. The engine holds every
 * tenant's data and its port is open to every process of the machine: without a credential any
 * local user or program could read it (and a web page could, through DNS rebinding, without the
 * Host check). The credential is taken in each way ClickHouse's HTTP interface takes one: {@code
 * Authorization: Basic}, {@code X-ClickHouse-User} / {@code X-ClickHouse-Key}, or the {@code user}
 * / {@code password} URL parameters.
 */
final class AdapterCredentials {
  private final String username;
  private final byte[] password;

  AdapterCredentials(String username, String password) {
    this.username = Objects.requireNonNull(username, "username");
    this.password = Objects.requireNonNull(password, "password").getBytes(StandardCharsets.UTF_8);
  }

  /** A credential for one start: 32 random bytes. */
  static String generatePassword() {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
  }

  String username() {
    return username;
  }

  String password() {
    return new String(password, StandardCharsets.UTF_8);
  }

  /** Whether the request presents this user and password (compared in constant time). */
  boolean accepts(Headers headers, Map<String, String> parameters) {
    String user = null;
    String key = null;
    String authorization = headers.getFirst("Authorization");
    if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      try {
        String decoded =
            new String(
                Base64.getDecoder().decode(authorization.substring(6).strip()),
                StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        if (colon >= 0) {
          user = decoded.substring(0, colon);
          key = decoded.substring(colon + 1);
        }
      } catch (IllegalArgumentException e) {
        return false;
      }
    } else if (headers.getFirst("X-ClickHouse-User") != null) {
      user = headers.getFirst("X-ClickHouse-User");
      key = headers.getFirst("X-ClickHouse-Key");
    } else {
      user = parameters.get("user");
      key = parameters.get("password");
    }
    return user != null
        && key != null
        && username.equals(user)
        && MessageDigest.isEqual(password, key.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Whether the Host header names this machine's loopback (or is absent, as from HTTP/1.0 clients).
   */
  static boolean loopbackHost(String hostHeader) {
    if (hostHeader == null || hostHeader.isBlank()) {
      return true;
    }
    String host = hostHeader.strip().toLowerCase(Locale.ROOT);
    if (host.startsWith("[")) {
      int end = host.indexOf(']');
      host = end < 0 ? host : host.substring(0, end + 1);
    } else if (host.indexOf(':') >= 0) {
      host = host.substring(0, host.indexOf(':'));
    }
    return host.equals("127.0.0.1") || host.equals("localhost") || host.equals("[::1]");
  }
}
