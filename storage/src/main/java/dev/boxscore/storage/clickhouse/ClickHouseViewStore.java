package dev.boxscore.storage.clickhouse;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.GenericRecord;
import dev.boxscore.storage.StorageException;
import dev.boxscore.storage.views.SavedView;
import dev.boxscore.storage.views.ViewStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Saved views in {@code saved_views} (migration 0066): every change is a new row version. */
final class ClickHouseViewStore implements ViewStore {
  private final BoundStatements client;

  ClickHouseViewStore(Client client) {
    this.client = new BoundStatements(client);
  }

  @Override
  public List<SavedView> list(String projectId) {
    List<SavedView> out = new ArrayList<>();
    for (GenericRecord r : query(Queries.LIST_SAVED_VIEWS, Map.of("project", projectId))) {
      out.add(view(r));
    }
    return out;
  }

  @Override
  public Optional<SavedView> find(String projectId, String viewId) {
    return list(projectId).stream().filter(v -> v.id().equals(viewId)).findFirst();
  }

  @Override
  public void save(String projectId, SavedView view) {
    write(projectId, view, false);
  }

  @Override
  public boolean delete(String projectId, String viewId) {
    Optional<SavedView> view = find(projectId, viewId);
    view.ifPresent(v -> write(projectId, v, true));
    return view.isPresent();
  }

  private void write(String projectId, SavedView view, boolean deleted) {
    try {
      client.execute(
          Queries.INSERT_SAVED_VIEW,
          Map.of(
              "project", projectId,
              "id", view.id(),
              "name", view.name(),
              "query", view.query(),
              "created_ms", view.createdAt().toEpochMilli(),
              "updated_ms", Instant.now().toEpochMilli(),
              "deleted", deleted ? 1 : 0));
    } catch (Exception e) {
      throw new StorageException("saving a view failed", ClickHouseStorage.unwrap(e));
    }
  }

  private static SavedView view(GenericRecord r) {
    return new SavedView(
        r.getString("view_id"),
        r.getString("name"),
        r.getString("query"),
        r.getInstant("created_at"));
  }

  private List<GenericRecord> query(String sql, Map<String, Object> params) {
    try {
      return client.queryAll(sql, params);
    } catch (RuntimeException e) {
      throw new StorageException("query failed", e);
    }
  }
}
