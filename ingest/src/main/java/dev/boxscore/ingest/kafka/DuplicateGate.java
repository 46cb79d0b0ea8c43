package dev.boxscore.ingest.kafka;

import dev.boxscore.storage.SpanKey;
import dev.boxscore.storage.SpanRow;
import dev.boxscore.storage.SpanWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Exactly-once into storage: drops spans of a batch that the batch holds twice (a client retry
 * landing in the same batch) or that storage already has (a retry in a later batch, or the replay
 * of a batch inserted before a crash let its offsets be committed). Sound because records are keyed
 * by trace id, so every span of a trace goes through one partition and thus one consumer: no other
 * writer can store the same span between the lookup and the insert.
 */
final class DuplicateGate {
  private DuplicateGate() {}

  static List<SpanRow> newRows(List<SpanRow> batch, SpanWriter writer) {
    Map<SpanKey, SpanRow> unique = new LinkedHashMap<>();
    for (SpanRow row : batch) {
      // The first copy wins: a retried request carries the same content.
      unique.putIfAbsent(SpanKey.of(row), row);
    }
    if (unique.isEmpty()) {
      return List.of();
    }
    Set<SpanKey> stored = writer.alreadyStored(unique.values());
    List<SpanRow> fresh = new ArrayList<>(unique.size() - stored.size());
    for (Map.Entry<SpanKey, SpanRow> e : unique.entrySet()) {
      if (!stored.contains(e.getKey())) {
        fresh.add(e.getValue());
      }
    }
    return fresh;
  }
}
