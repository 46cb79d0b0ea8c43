package dev.boxscore.storage.clickhouse;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.GenericRecord;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.boxscore.storage.StorageException;
import dev.boxscore.storage.scores.ScoreCategory;
import dev.boxscore.storage.scores.ScoreConfig;
import dev.boxscore.storage.scores.ScoreConfigStore;
import dev.boxscore.storage.scores.ScoreDataType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Score configs in {@code score_configs} (migration 0077): every change is a new row version. */
final class ClickHouseScoreConfigStore implements ScoreConfigStore {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<List<ScoreCategory>> CATEGORIES = new TypeReference<>() {};

  private final BoundStatements client;

  ClickHouseScoreConfigStore(Client client) {
    this.client = new BoundStatements(client);
  }

  @Override
  public List<ScoreConfig> list(String projectId) {
    List<ScoreConfig> out = new ArrayList<>();
    try {
      for (GenericRecord r :
          client.queryAll(ScoreQueries.LIST_SCORE_CONFIGS, Map.of("project", projectId))) {
        out.add(config(r));
      }
    } catch (RuntimeException e) {
      throw new StorageException("reading score configs failed", e);
    }
    return out;
  }

  @Override
  public Optional<ScoreConfig> find(String projectId, String configId) {
    return list(projectId).stream().filter(c -> c.id().equals(configId)).findFirst();
  }

  @Override
  public void save(String projectId, ScoreConfig c) {
    Map<String, Object> p = new HashMap<>();
    p.put("project", projectId);
    p.put("id", c.id());
    p.put("name", c.name());
    p.put("data_type", c.dataType().apiName());
    p.put("min_value", c.min() == null ? "" : Double.toString(c.min()));
    p.put("max_value", c.max() == null ? "" : Double.toString(c.max()));
    p.put("description", c.description() == null ? "" : c.description());
    p.put("archived", c.archived() ? 1 : 0);
    p.put("created_ms", c.createdAt().toEpochMilli());
    p.put("updated_ms", Instant.now().toEpochMilli());
    try {
      p.put(
          "categories",
          JSON.writeValueAsString(c.categories() == null ? List.of() : c.categories()));
      client.execute(ScoreQueries.INSERT_SCORE_CONFIG, p);
    } catch (Exception e) {
      throw new StorageException("saving a score config failed", ClickHouseStorage.unwrap(e));
    }
  }

  private static ScoreConfig config(GenericRecord r) {
    List<ScoreCategory> categories;
    try {
      String json = r.getString("categories");
      categories = json == null || json.isEmpty() ? List.of() : JSON.readValue(json, CATEGORIES);
    } catch (JsonProcessingException e) {
      throw new StorageException("a stored score config has unreadable categories", e);
    }
    return new ScoreConfig(
        r.getString("config_id"),
        r.getString("name"),
        ScoreDataType.fromApiName(r.getString("data_type").toLowerCase(Locale.ROOT)).orElseThrow(),
        r.hasValue("min_value") ? r.getDouble("min_value") : null,
        r.hasValue("max_value") ? r.getDouble("max_value") : null,
        categories,
        r.getString("description"),
        r.getBoolean("archived"),
        r.getInstant("created_at"));
  }
}
