package dev.boxscore.auth;

import java.util.List;
import java.util.Optional;

/** Asks each source in turn: the keys fixed at start-up first, then the project key directory. */
public final class CompositeApiKeys implements ApiKeys {
  private final List<ApiKeys> sources;

  public CompositeApiKeys(ApiKeys... sources) {
    this.sources = List.of(sources);
  }

  @Override
  public Optional<Principal> authenticate(String key) {
    for (ApiKeys source : sources) {
      Optional<Principal> p = source.authenticate(key);
      if (p.isPresent()) {
        return p;
      }
    }
    return Optional.empty();
  }

  @Override
  public void used(Principal principal) {
    sources.forEach(s -> s.used(principal));
  }

  @Override
  public Optional<Integer> requestsPerSecond(Principal principal) {
    for (ApiKeys source : sources) {
      Optional<Integer> r = source.requestsPerSecond(principal);
      if (r.isPresent()) {
        return r;
      }
    }
    return Optional.empty();
  }
}
