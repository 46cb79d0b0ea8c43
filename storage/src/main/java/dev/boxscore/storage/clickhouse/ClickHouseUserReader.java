package dev.boxscore.storage.clickhouse;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.GenericRecord;
import dev.boxscore.storage.StorageException;
import dev.boxscore.storage.search.UnitPrice;
import dev.boxscore.storage.users.SessionTotals;
import dev.boxscore.storage.users.UserOrder;
import dev.boxscore.storage.users.UserPoint;
import dev.boxscore.storage.users.UserReader;
import dev.boxscore.storage.users.UserTotals;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Reads users and sessions from {@code llm_user_rollup} with {@link UserQueries}. */
final class ClickHouseUserReader implements UserReader {
  private final BoundStatements client;
  private final String projectId;

  ClickHouseUserReader(Client client, String projectId) {
    this.client = new BoundStatements(client);
    this.projectId = Objects.requireNonNull(projectId, "projectId");
  }

  @Override
  public String projectId() {
    return projectId;
  }

  @Override
  public List<UserTotals> users(
      Instant from, Instant to, String prefix, UserOrder order, int limit, List<UnitPrice> prices) {
    Map<String, Object> params = params(from, to, prices);
    params.put("prefix", prefix == null ? "" : prefix.toLowerCase(Locale.ROOT));
    params.put("limit", limit);
    return query(UserQueries.users(order), params).stream()
        .map(ClickHouseUserReader::user)
        .toList();
  }

  @Override
  public Optional<UserTotals> user(
      String userId, Instant from, Instant to, List<UnitPrice> prices) {
    Map<String, Object> params = params(from, to, prices);
    params.put("user", userId);
    return query(UserQueries.USER, params).stream().map(ClickHouseUserReader::user).findFirst();
  }

  @Override
  public List<UserPoint> userSeries(
      String userId, Instant from, Instant to, Duration bucket, List<UnitPrice> prices) {
    Map<String, Object> params = params(from, to, prices);
    params.put("user", userId);
    long seconds = Math.max(3600, bucket.toSeconds());
    params.put("bucket_s", seconds);
    Map<Long, GenericRecord> rows = new HashMap<>();
    for (GenericRecord r : query(UserQueries.USER_SERIES, params)) {
      rows.put(r.getLong("bucket"), r);
    }
    List<UserPoint> out = new ArrayList<>();
    long buckets = (Duration.between(from, to).toSeconds() + seconds - 1) / seconds;
    for (long i = 0; i < buckets; i++) {
      GenericRecord r = rows.get(i);
      Instant time = from.plusSeconds(i * seconds);
      out.add(
          r == null
              ? new UserPoint(time, 0, 0, 0)
              : new UserPoint(
                  time, r.getLong("n_calls"), r.getLong("n_errors"), r.getDouble("cost_usd")));
    }
    return out;
  }

  @Override
  public List<SessionTotals> sessions(
      Instant from, Instant to, String userId, int limit, List<UnitPrice> prices) {
    Map<String, Object> params = params(from, to, prices);
    params.put("user", userId == null ? "" : userId);
    params.put("limit", limit);
    return query(UserQueries.SESSIONS, params).stream().map(ClickHouseUserReader::session).toList();
  }

  @Override
  public Optional<SessionTotals> session(
      String sessionId, Instant from, Instant to, List<UnitPrice> prices) {
    Map<String, Object> params = params(from, to, prices);
    params.put("session", sessionId);
    return query(UserQueries.SESSION, params).stream()
        .map(ClickHouseUserReader::session)
        .findFirst();
  }

  private Map<String, Object> params(Instant from, Instant to, List<UnitPrice> prices) {
    Map<String, Object> params = new HashMap<>();
    params.put("project", projectId);
    params.put("from_ns", ClickHouseTraceReader.nanos(from));
    params.put("to_ns", ClickHouseTraceReader.nanos(to));
    CostSql.bind(params, "price", prices);
    return params;
  }

  private static UserTotals user(GenericRecord r) {
    return new UserTotals(
        r.getString("user_id"),
        r.getLong("n_calls"),
        r.getLong("n_errors"),
        r.getLong("n_traces"),
        r.getLong("n_sessions"),
        r.getLong("n_input"),
        r.getLong("n_output"),
        r.getDouble("cost_usd"),
        r.getLong("n_unpriced"),
        r.getInstant("seen_first"),
        r.getInstant("seen_last"));
  }

  private static SessionTotals session(GenericRecord r) {
    return new SessionTotals(
        r.getString("session_id"),
        r.getString("session_user"),
        r.getLong("n_traces"),
        r.getLong("n_calls"),
        r.getLong("n_errors"),
        r.getDouble("cost_usd"),
        r.getInstant("seen_first"),
        r.getInstant("seen_end"));
  }

  private List<GenericRecord> query(String sql, Map<String, Object> params) {
    try {
      return client.queryAll(sql, params);
    } catch (RuntimeException e) {
      throw new StorageException("query failed", e);
    }
  }
}
