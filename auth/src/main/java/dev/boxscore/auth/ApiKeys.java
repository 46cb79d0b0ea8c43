package dev.boxscore.auth;

import java.util.Optional;

/** Resolves the key a request presents to the principal it stands for. */
public interface ApiKeys {
  /** The principal of a key, or empty when the key is unknown or revoked. */
  Optional<Principal> authenticate(String key);

  /**
   * Notes that the principal's key was just used (its last-used time); nothing for keys that keep
   * none.
   */
  default void used(Principal principal) {}

  /** The key's own OTLP request rate limit per second, empty for the default. */
  default Optional<Integer> requestsPerSecond(Principal principal) {
    return Optional.empty();
  }

  /**
   * The key from an {@code Authorization} header value: {@code Bearer <key>} (scheme
   * case-insensitive); empty when the header is missing or of another scheme.
   */
  static Optional<String> bearerToken(String authorizationHeader) {
    if (authorizationHeader == null) {
      return Optional.empty();
    }
    String value = authorizationHeader.strip();
    if (value.length() > 7 && value.regionMatches(true, 0, "Bearer ", 0, 7)) {
      String token = value.substring(7).strip();
      return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }
    return Optional.empty();
  }
}
