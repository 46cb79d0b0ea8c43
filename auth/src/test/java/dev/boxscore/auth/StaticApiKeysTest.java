package dev.boxscore.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class StaticApiKeysTest {
  private final Principal ingestOnly = new Principal("default", Set.of(Scope.INGEST));
  private final ApiKeys keys = StaticApiKeys.of("bx_secret", ingestOnly);

  @Test
  void knownKeyResolvesToItsProjectAndScopes() {
    assertThat(keys.authenticate("bx_secret")).contains(ingestOnly);
    assertThat(ingestOnly.may(Scope.INGEST)).isTrue();
    assertThat(ingestOnly.may(Scope.READ)).isFalse();
    assertThat(new Principal("p", Set.of(Scope.ADMIN)).may(Scope.READ)).isTrue();
  }

  @Test
  void unknownOrMissingKeyIsRejected() {
    assertThat(keys.authenticate("bx_secre")).isEmpty();
    assertThat(keys.authenticate("")).isEmpty();
    assertThat(keys.authenticate(null)).isEmpty();
    assertThatThrownBy(() -> StaticApiKeys.of(" ", ingestOnly))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void bearerHeaderParsing() {
    assertThat(ApiKeys.bearerToken("Bearer bx_secret")).contains("bx_secret");
    assertThat(ApiKeys.bearerToken("bearer   bx_secret ")).contains("bx_secret");
    assertThat(ApiKeys.bearerToken("Basic Zm9vOmJhcg==")).isEmpty();
    assertThat(ApiKeys.bearerToken("Bearer ")).isEmpty();
    assertThat(ApiKeys.bearerToken(null)).isEmpty();
  }
}
