package dev.boxscore.auth;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Keys fixed at start-up, such as the one-machine mode's bootstrap key. Only SHA-256 digests are
 * kept, and lookups compare digests, so the key itself does not stay in memory longer than needed.
 */
public final class StaticApiKeys implements ApiKeys {
  private final Map<String, Principal> byDigest = new HashMap<>();

  private StaticApiKeys() {}

  public static StaticApiKeys of(String key, Principal principal) {
    return new StaticApiKeys().with(key, principal);
  }

  public StaticApiKeys with(String key, Principal principal) {
    if (key == null || key.isBlank()) {
      throw new IllegalArgumentException("an API key must not be blank");
    }
    byDigest.put(digest(key), principal);
    return this;
  }

  @Override
  public Optional<Principal> authenticate(String key) {
    return key == null ? Optional.empty() : Optional.ofNullable(byDigest.get(digest(key)));
  }

  static String digest(String key) {
    return KeyDigests.digest(key);
  }
}
