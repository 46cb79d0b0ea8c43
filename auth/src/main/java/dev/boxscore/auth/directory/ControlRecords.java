package dev.boxscore.auth.directory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.boxscore.auth.ApiKeyInfo;
import dev.boxscore.auth.Project;
import dev.boxscore.auth.Scope;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * The records of the control topic, as JSON. Record keys name what a value describes, so compaction
 * keeps the latest state of each: {@code project/<id>}, {@code key/<keyId>} and {@code
 * used/<keyId>} (last-used time).
 */
final class ControlRecords {
  static final String PROJECT = "project/";
  static final String KEY = "key/";
  static final String USED = "used/";
  private static final ObjectMapper JSON = new ObjectMapper();

  private ControlRecords() {}

  static byte[] project(Project p) {
    ObjectNode n = JSON.createObjectNode();
    n.put("id", p.id()).put("name", p.name()).put("retentionDays", p.retentionDays());
    n.put("createdAt", p.createdAt().toEpochMilli());
    return bytes(n);
  }

  static Project project(byte[] value) {
    JsonNode n = tree(value);
    return new Project(
        n.get("id").asText(),
        n.get("name").asText(),
        n.get("retentionDays").asInt(),
        Instant.ofEpochMilli(n.get("createdAt").asLong()));
  }

  static byte[] key(ApiKeyInfo k) {
    ObjectNode n = JSON.createObjectNode();
    n.put("keyId", k.keyId()).put("projectId", k.projectId()).put("name", k.name());
    n.put("digest", k.digest()).put("prefix", k.prefix());
    var scopes = n.putArray("scopes");
    k.scopes().forEach(s -> scopes.add(s.name()));
    if (k.requestsPerSecond() != null) {
      n.put("requestsPerSecond", k.requestsPerSecond());
    }
    n.put("createdAt", k.createdAt().toEpochMilli());
    if (k.revokedAt() != null) {
      n.put("revokedAt", k.revokedAt().toEpochMilli());
    }
    return bytes(n);
  }

  static ApiKeyInfo key(byte[] value) {
    JsonNode n = tree(value);
    Set<Scope> scopes = EnumSet.noneOf(Scope.class);
    n.get("scopes").forEach(s -> scopes.add(Scope.valueOf(s.asText())));
    return new ApiKeyInfo(
        n.get("keyId").asText(),
        n.get("projectId").asText(),
        n.get("name").asText(),
        scopes,
        n.get("digest").asText(),
        n.get("prefix").asText(),
        n.hasNonNull("requestsPerSecond") ? n.get("requestsPerSecond").asInt() : null,
        Instant.ofEpochMilli(n.get("createdAt").asLong()),
        n.hasNonNull("revokedAt") ? Instant.ofEpochMilli(n.get("revokedAt").asLong()) : null);
  }

  static byte[] used(Instant at) {
    return bytes(JSON.createObjectNode().put("at", at.toEpochMilli()));
  }

  static Instant used(byte[] value) {
    return Instant.ofEpochMilli(tree(value).get("at").asLong());
  }

  private static byte[] bytes(JsonNode n) {
    try {
      return JSON.writeValueAsBytes(n);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode tree(byte[] value) {
    try {
      return JSON.readTree(new String(value, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
