package dev.boxscore.auth.directory;

import dev.boxscore.auth.ApiKeyInfo;
import dev.boxscore.auth.KeyDigests;
import dev.boxscore.auth.Principal;
import dev.boxscore.auth.Project;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The directory in memory: the latest project, key and last-used record of the control topic for
 * each id, as the replay applies them. Request threads read it while the replay thread writes,
 * hence the concurrent maps.
 */
final class DirectoryStore {
  private final Map<String, Project> projects = new ConcurrentHashMap<>();
  private final Map<String, ApiKeyInfo> keys = new ConcurrentHashMap<>();
  private final Map<String, String> keyIdByDigest = new ConcurrentHashMap<>();
  private final Map<String, Instant> lastUsed = new ConcurrentHashMap<>();

  /** Applies one record of the control topic; tombstones and keys of no known kind are ignored. */
  void apply(String key, byte[] value) {
    if (value == null) {
      return;
    }
    if (key.startsWith(ControlRecords.PROJECT)) {
      Project p = ControlRecords.project(value);
      projects.put(p.id(), p);
    } else if (key.startsWith(ControlRecords.KEY)) {
      ApiKeyInfo k = ControlRecords.key(value);
      keys.put(k.keyId(), k);
      keyIdByDigest.put(k.digest(), k.keyId());
    } else if (key.startsWith(ControlRecords.USED)) {
      used(key.substring(ControlRecords.USED.length()), ControlRecords.used(value));
    }
  }

  /** Notes a use of a key; uses arrive from every process out of order, so the latest time wins. */
  void used(String keyId, Instant at) {
    lastUsed.merge(keyId, at, (a, b) -> a.isAfter(b) ? a : b);
  }

  /** The principal of a key that is known, not revoked, and of a known project. */
  Optional<Principal> authenticate(String key) {
    if (key == null) {
      return Optional.empty();
    }
    String keyId = keyIdByDigest.get(KeyDigests.digest(key));
    if (keyId == null) {
      return Optional.empty();
    }
    ApiKeyInfo info = keys.get(keyId);
    if (info == null || info.revoked() || !projects.containsKey(info.projectId())) {
      return Optional.empty();
    }
    return Optional.of(info.principal());
  }

  Optional<Project> project(String id) {
    return Optional.ofNullable(projects.get(id));
  }

  /** Projects, oldest first. */
  List<Project> projects() {
    return projects.values().stream().sorted(Comparator.comparing(Project::createdAt)).toList();
  }

  /** Retention of a project's spans; the default for projects not (yet) known here. */
  int retentionDays(String projectId) {
    Project p = projects.get(projectId);
    return p == null ? Project.DEFAULT_RETENTION_DAYS : p.retentionDays();
  }

  /** Keys of a project, revoked ones included, oldest first. */
  List<ApiKeyInfo> keys(String projectId) {
    return keys.values().stream()
        .filter(k -> k.projectId().equals(projectId))
        .sorted(Comparator.comparing(ApiKeyInfo::createdAt))
        .toList();
  }

  Optional<ApiKeyInfo> key(String keyId) {
    return keyId == null ? Optional.empty() : Optional.ofNullable(keys.get(keyId));
  }

  Optional<Instant> lastUsed(String keyId) {
    return Optional.ofNullable(lastUsed.get(keyId));
  }

  int projectCount() {
    return projects.size();
  }

  int keyCount() {
    return keys.size();
  }
}
