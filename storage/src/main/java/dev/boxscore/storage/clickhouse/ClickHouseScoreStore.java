package dev.boxscore.storage.clickhouse;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.GenericRecord;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.boxscore.storage.StorageException;
import dev.boxscore.storage.analytics.CallFilter;
import dev.boxscore.storage.analytics.Dimension;
import dev.boxscore.storage.analytics.RepeatingWindow;
import dev.boxscore.storage.scores.JudgedCall;
import dev.boxscore.storage.scores.Score;
import dev.boxscore.storage.scores.ScoreAggregate;
import dev.boxscore.storage.scores.ScoreAggregateQuery;
import dev.boxscore.storage.scores.ScoreDataType;
import dev.boxscore.storage.scores.ScoreQuery;
import dev.boxscore.storage.scores.ScoreSample;
import dev.boxscore.storage.scores.ScoreSource;
import dev.boxscore.storage.scores.ScoreStore;
import dev.boxscore.storage.scores.ScoreTarget;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToIntFunction;

/** Scores in {@code scores} (migration 0070): one row per id, the latest version wins. */
final class ClickHouseScoreStore implements ScoreStore {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<Dimension> GROUPABLE =
      List.of(
          Dimension.SERVICE,
          Dimension.PROVIDER,
          Dimension.MODEL,
          Dimension.REQUEST_MODEL,
          Dimension.RESPONSE_MODEL,
          Dimension.PROMPT_FINGERPRINT,
          Dimension.PROMPT_VERSION,
          Dimension.USER,
          Dimension.SESSION);

  private final BoundStatements client;
  private final ToIntFunction<String> retentionDays;

  ClickHouseScoreStore(Client client, ToIntFunction<String> retentionDays) {
    this.client = new BoundStatements(client);
    this.retentionDays = retentionDays;
  }

  @Override
  public void write(String projectId, List<Score> scores) {
    if (scores.isEmpty()) {
      return;
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream(scores.size() * 256);
    long now = System.currentTimeMillis();
    int retention = retentionDays.applyAsInt(projectId);
    for (Score s : scores) {
      ObjectNode o = JSON.createObjectNode();
      o.put("project_id", projectId);
      o.put("score_id", s.id());
      o.put("target", s.target().apiName());
      o.put("trace_id", nn(s.traceId()));
      o.put("span_id", nn(s.spanId()));
      o.put("session_id", nn(s.sessionId()));
      o.put("response_id", nn(s.responseId()));
      o.put("name", s.name());
      o.put("data_type", s.dataType().apiName());
      if (s.value() == null) {
        o.putNull("value");
      } else {
        o.put("value", s.value());
      }
      o.put("string_value", nn(s.stringValue()));
      o.put("comment", nn(s.comment()));
      o.put("source", s.source().apiName());
      o.put("author", nn(s.author()));
      o.put("config_id", nn(s.configId()));
      o.put("time", s.time().toEpochMilli());
      JudgedCall c = s.call();
      o.put("resolved", c != null);
      o.put("call_time", (c == null ? s.time() : c.start()).toEpochMilli());
      o.put("call_span_id", c == null ? "" : nn(c.spanId()));
      o.put("service", c == null ? "" : nn(c.service()));
      o.put("provider", c == null ? "" : nn(c.provider()));
      o.put("request_model", c == null ? "" : nn(c.requestModel()));
      o.put("response_model", c == null ? "" : nn(c.responseModel()));
      o.put("prompt_fingerprint", c == null ? "" : nn(c.promptFingerprint()));
      o.put("prompt_version", c == null ? "" : nn(c.promptVersion()));
      o.put("user_id", c == null ? "" : nn(c.userId()));
      o.put("retention_days", retention);
      o.put("updated_at", now);
      try {
        body.write(JSON.writeValueAsBytes(o));
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      body.write('\n');
    }
    try {
      client.insertJsonRows(ScoreQueries.SCORES_TABLE, body.toByteArray());
    } catch (Exception e) {
      throw new StorageException("writing scores failed", ClickHouseStorage.unwrap(e));
    }
  }

  @Override
  public List<Score> forTrace(String projectId, String traceId) {
    List<Score> out = new ArrayList<>();
    for (GenericRecord r :
        query(ScoreQueries.TRACE_SCORES, Map.of("project", projectId, "trace_id", traceId))) {
      out.add(score(r));
    }
    return out;
  }

  @Override
  public List<Score> list(String projectId, ScoreQuery q) {
    Map<String, Object> p = new HashMap<>();
    p.put("project", projectId);
    p.put("from_ms", q.from() == null ? 0L : q.from().toEpochMilli());
    p.put("to_ms", q.to() == null ? Long.MAX_VALUE / 4 : q.to().toEpochMilli());
    p.put("name", nn(q.name()));
    p.put("source", q.source() == null ? "" : q.source().apiName());
    p.put("data_type", q.dataType() == null ? "" : q.dataType().apiName());
    p.put("trace_id", nn(q.traceId()));
    p.put("session_id", nn(q.sessionId()));
    p.put("user_id", nn(q.userId()));
    p.put("model", nn(q.model()));
    p.put("prompt_version", nn(q.promptVersion()));
    p.put("config_id", nn(q.configId()));
    p.put("limit", q.limit());
    p.put("offset", q.offset());
    List<Score> out = new ArrayList<>();
    for (GenericRecord r : query(ScoreQueries.LIST_SCORES, p)) {
      out.add(score(r));
    }
    return out;
  }

  @Override
  public List<ScoreAggregate> aggregates(String projectId, ScoreAggregateQuery q) {
    Map<String, Object> p = new HashMap<>();
    p.put("project", projectId);
    range(p, q.from(), q.to());
    ClickHouseAnalyticsReader.filter(p, q.filter());
    p.put("user_id", nn(q.userId()));
    p.put("session_id", nn(q.sessionId()));
    p.put("name", nn(q.name()));
    for (Dimension d : GROUPABLE) {
      p.put("g_" + d.apiName(), q.groupBy().contains(d) ? 1 : 0);
    }
    p.put("bucket_s", q.bucket() == null ? 0 : (int) q.bucket().toSeconds());
    List<ScoreAggregate> out = new ArrayList<>();
    for (GenericRecord r : query(ScoreQueries.SCORE_AGGREGATES, p)) {
      Map<Dimension, String> group = new EnumMap<>(Dimension.class);
      for (Dimension d : q.groupBy()) {
        group.put(d, r.getString("g_" + d.apiName()));
      }
      Map<String, Long> labels = new LinkedHashMap<>();
      List<Object> keys = r.getList("label_keys");
      List<Object> counts = r.getList("label_counts");
      for (int i = 0; i < keys.size(); i++) {
        labels.put(String.valueOf(keys.get(i)), ((Number) counts.get(i)).longValue());
      }
      long valued = r.getLong("valued");
      out.add(
          new ScoreAggregate(
              r.getString("name"),
              dataType(r.getString("data_type")),
              group,
              q.bucket() == null ? null : r.getInstant("period"),
              r.getLong("scored"),
              valued > 0 ? r.getDouble("average") : null,
              labels));
    }
    return out;
  }

  @Override
  public List<ScoreSample> samples(
      String projectId, Instant from, Instant to, CallFilter filter, String name, int maxPerName) {
    Map<String, Object> p = new HashMap<>();
    p.put("project", projectId);
    range(p, from, to);
    ClickHouseAnalyticsReader.filter(p, filter);
    p.put("name", nn(name));
    p.put("max", maxPerName);
    return samples(ScoreQueries.SCORE_SAMPLES, p);
  }

  @Override
  public List<ScoreSample> samples(
      String projectId, RepeatingWindow windows, CallFilter filter, String name, int maxPerName) {
    Map<String, Object> p = new HashMap<>();
    p.put("project", projectId);
    p.put("start_ms", windows.first().from().toEpochMilli());
    p.put("every_ms", windows.every().toMillis());
    p.put("length_ms", windows.length().toMillis());
    p.put("times", (long) windows.times());
    ClickHouseAnalyticsReader.filter(p, filter);
    p.put("name", nn(name));
    p.put("max", maxPerName);
    // Ordered by name, window, hash: per name, window after window, as one query per window gives.
    return samples(ScoreQueries.SCORE_SAMPLES_REPEATING, p);
  }

  private List<ScoreSample> samples(String sql, Map<String, Object> p) {
    List<ScoreSample> out = new ArrayList<>();
    for (GenericRecord r : query(sql, p)) {
      out.add(
          new ScoreSample(
              r.getString("name"),
              dataType(r.getString("data_type")),
              r.hasValue("value") ? r.getDouble("value") : null,
              r.getString("string_value"),
              r.getInstant("call_time")));
    }
    return out;
  }

  @Override
  public long resolvePending(int limit, int days) {
    List<GenericRecord> kinds = query(ScoreQueries.PENDING_SCORE_KINDS, Map.of("days", days));
    if (kinds.isEmpty()) {
      return 0;
    }
    GenericRecord k = kinds.get(0);
    Map<String, Object> p = Map.of("days", days, "limit", limit);
    long pending = 0;
    String[][] statements = {
      {"spans", ScoreQueries.RESOLVE_SPAN_SCORES},
      {"traces", ScoreQueries.RESOLVE_TRACE_SCORES},
      {"responses", ScoreQueries.RESOLVE_RESPONSE_SCORES},
      {"sessions", ScoreQueries.RESOLVE_SESSION_SCORES}
    };
    for (String[] s : statements) {
      long n = k.getLong(s[0]);
      pending += n;
      if (n > 0) {
        try {
          client.execute(s[1], p);
        } catch (Exception e) {
          throw new StorageException(
              "resolving scores of " + s[0] + " failed", ClickHouseStorage.unwrap(e));
        }
      }
    }
    return pending;
  }

  private static Score score(GenericRecord r) {
    boolean resolved = r.getBoolean("resolved");
    Instant callTime = r.getInstant("call_time");
    JudgedCall call =
        resolved
            ? new JudgedCall(
                callTime,
                r.getString("call_span_id"),
                r.getString("service"),
                r.getString("provider"),
                r.getString("request_model"),
                r.getString("response_model"),
                r.getString("prompt_fingerprint"),
                r.getString("prompt_version"),
                r.getString("user_id"))
            : null;
    return new Score(
        r.getString("score_id"),
        ScoreTarget.fromApiName(r.getString("target")).orElseThrow(),
        r.getString("trace_id"),
        r.getString("span_id"),
        r.getString("session_id"),
        r.getString("response_id"),
        r.getString("name"),
        dataType(r.getString("data_type")),
        r.hasValue("value") ? r.getDouble("value") : null,
        r.getString("string_value"),
        r.getString("comment"),
        ScoreSource.fromApiName(r.getString("source")).orElseThrow(),
        r.getString("author"),
        r.getString("config_id"),
        r.getInstant("time"),
        call);
  }

  private static ScoreDataType dataType(String s) {
    return ScoreDataType.fromApiName(s.toLowerCase(Locale.ROOT)).orElseThrow();
  }

  private static void range(Map<String, Object> p, Instant from, Instant to) {
    p.put("from_ms", from.toEpochMilli());
    p.put("to_ms", to.toEpochMilli());
  }

  private static String nn(String s) {
    return s == null ? "" : s;
  }

  private List<GenericRecord> query(String sql, Map<String, Object> params) {
    try {
      return client.queryAll(sql, params);
    } catch (RuntimeException e) {
      throw new StorageException("scores query failed", e);
    }
  }
}
