package dev.boxscore.auth.directory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boxscore.auth.ApiKeyInfo;
import dev.boxscore.auth.KeyDigests;
import dev.boxscore.auth.Principal;
import dev.boxscore.auth.Project;
import dev.boxscore.auth.Scope;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The directory's state from control records, as the replay hands them over (encoded as on the
 * topic).
 */
class DirectoryStoreTest {
  private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
  private static final String SECRET = "bx_secret-of-key-1";

  private final DirectoryStore store = new DirectoryStore();

  private void apply(Project p) {
    store.apply(ControlRecords.PROJECT + p.id(), ControlRecords.project(p));
  }

  private void apply(ApiKeyInfo k) {
    store.apply(ControlRecords.KEY + k.keyId(), ControlRecords.key(k));
  }

  private static ApiKeyInfo key(
      String keyId, String projectId, String secret, Instant createdAt, Instant revokedAt) {
    return new ApiKeyInfo(
        keyId,
        projectId,
        "ci",
        Set.of(Scope.INGEST),
        KeyDigests.digest(secret),
        secret.substring(0, 10),
        50,
        createdAt,
        revokedAt);
  }

  @Test
  void aKeyOfAKnownProjectAuthenticatesAsItsPrincipal() {
    apply(new Project("prj_a", "A", 7, T0));
    apply(key("key_1", "prj_a", SECRET, T0, null));

    assertThat(store.authenticate(SECRET))
        .contains(new Principal("prj_a", Set.of(Scope.INGEST), "key_1"));
    assertThat(store.authenticate("bx_other")).isEmpty();
    assertThat(store.authenticate(null)).isEmpty();
    assertThat(store.key("key_1").map(ApiKeyInfo::requestsPerSecond)).contains(50);
  }

  @Test
  void aKeyWhoseProjectIsNotKnownDoesNotAuthenticate() {
    apply(key("key_1", "prj_gone", SECRET, T0, null));

    assertThat(store.authenticate(SECRET)).isEmpty();
  }

  @Test
  void aLaterRecordOfTheSameKeyReplacesItSoARevokedKeyIsRefused() {
    apply(new Project("prj_a", "A", 7, T0));
    apply(key("key_1", "prj_a", SECRET, T0, null));
    apply(key("key_1", "prj_a", SECRET, T0, T0.plusSeconds(60)));

    assertThat(store.authenticate(SECRET)).isEmpty();
    assertThat(store.keys("prj_a"))
        .singleElement()
        .satisfies(k -> assertThat(k.revoked()).isTrue());
  }

  @Test
  void projectsAndTheirKeysAreListedOldestFirst() {
    apply(new Project("prj_b", "B", 7, T0.plusSeconds(10)));
    apply(new Project("prj_a", "A", 7, T0));
    apply(key("key_2", "prj_a", "bx_secret-of-key-2", T0.plusSeconds(5), null));
    apply(key("key_1", "prj_a", SECRET, T0, null));
    apply(key("key_3", "prj_b", "bx_secret-of-key-3", T0, null));

    assertThat(store.projects()).extracting(Project::id).containsExactly("prj_a", "prj_b");
    assertThat(store.keys("prj_a")).extracting(ApiKeyInfo::keyId).containsExactly("key_1", "key_2");
    assertThat(store.projectCount()).isEqualTo(2);
    assertThat(store.keyCount()).isEqualTo(3);
  }

  @Test
  void retentionIsTheProjectsOrTheDefaultForAnUnknownOne() {
    apply(new Project("prj_a", "A", 90, T0));

    assertThat(store.retentionDays("prj_a")).isEqualTo(90);
    assertThat(store.retentionDays("prj_unknown")).isEqualTo(Project.DEFAULT_RETENTION_DAYS);
  }

  @Test
  void theLatestUseWinsWhateverOrderTheUsesArriveIn() {
    store.apply(ControlRecords.USED + "key_1", ControlRecords.used(T0.plusSeconds(60)));
    store.apply(ControlRecords.USED + "key_1", ControlRecords.used(T0));
    assertThat(store.lastUsed("key_1")).contains(T0.plusSeconds(60));

    store.used("key_1", T0.plusSeconds(30));
    assertThat(store.lastUsed("key_1")).contains(T0.plusSeconds(60));
    store.used("key_1", T0.plusSeconds(90));
    assertThat(store.lastUsed("key_1")).contains(T0.plusSeconds(90));
    assertThat(store.lastUsed("key_2")).isEmpty();
  }

  @Test
  void tombstonesAndRecordsOfNoKnownKindChangeNothing() {
    apply(new Project("prj_a", "A", 7, T0));
    store.apply(ControlRecords.PROJECT + "prj_a", null);
    store.apply("future/x", "{}".getBytes(StandardCharsets.UTF_8));

    assertThat(store.project("prj_a")).isPresent();
    assertThat(store.projects()).hasSize(1);
  }
}
