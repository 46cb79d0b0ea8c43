package dev.boxscore.storage.clickhouse;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.data_formats.ClickHouseBinaryFormatReader;
import com.clickhouse.client.api.query.GenericRecord;
import com.clickhouse.client.api.query.QueryResponse;
import dev.boxscore.storage.StorageException;
import dev.boxscore.storage.analytics.AnalyticsReader;
import dev.boxscore.storage.analytics.CallFilter;
import dev.boxscore.storage.analytics.CallHistogram;
import dev.boxscore.storage.analytics.CallSample;
import dev.boxscore.storage.analytics.CallStats;
import dev.boxscore.storage.analytics.Dimension;
import dev.boxscore.storage.analytics.DriftSamples;
import dev.boxscore.storage.analytics.Group;
import dev.boxscore.storage.analytics.ModelVariant;
import dev.boxscore.storage.analytics.PricingUnit;
import dev.boxscore.storage.analytics.RepeatingWindow;
import dev.boxscore.storage.analytics.RollupQuery;
import dev.boxscore.storage.analytics.ScoreAverage;
import dev.boxscore.storage.analytics.TimeWindow;
import dev.boxscore.storage.analytics.TokenSums;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the rollups and raw LLM spans with the statements in {@code clickhouse/queries}; all values
 * bound. A question that groups and filters by model dimensions only reads the model-keyed rollup
 * ({@link ModelRollup}).
 */
final class ClickHouseAnalyticsReader implements AnalyticsReader {
  private static final long MINUTE_S = 60;
  private static final long HOUR_S = 3600;
  private static final java.time.format.DateTimeFormatter HOUR_TEXT =
      java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
          .withZone(java.time.ZoneOffset.UTC);

  private final BoundStatements client;

  ClickHouseAnalyticsReader(Client client) {
    this.client = new BoundStatements(client);
  }

  @Override
  public List<CallStats> stats(String projectId, RollupQuery q) {
    List<CallStats> out = new ArrayList<>();
    String sql =
        ModelRollup.serves(q)
            ? AnalyticsQueries.ROLLUP_STATS_BY_MODEL
            : SliceRollup.serving(q).isPresent()
                ? AnalyticsQueries.ROLLUP_STATS_BY_SLICE
                : AnalyticsQueries.ROLLUP_STATS;
    for (GenericRecord r : query(sql, rollupParams(projectId, q))) {
      long ttftCalls = r.getLong("s_ttft_calls");
      long calls = r.getLong("s_calls");
      out.add(
          new CallStats(
              group(r, q),
              calls,
              r.getLong("s_errors"),
              r.getLong("s_usage_calls"),
              r.getLong("s_estimated_calls"),
              PricingUnitMapper.tokens(r),
              r.getLong("s_duration_ns") / 1e6,
              quantiles(r.getList("q_duration_ns"), calls > 0, 1e-6),
              ttftCalls,
              quantiles(r.getList("q_ttft_ms"), ttftCalls > 0, 1),
              finishReasons(r.getList("finish_keys"), r.getList("finish_counts"))));
    }
    return out;
  }

  @Override
  public List<PricingUnit> pricingUnits(String projectId, RollupQuery q) {
    List<PricingUnit> out = new ArrayList<>();
    String sql =
        ModelRollup.serves(q)
            ? AnalyticsQueries.ROLLUP_PRICING_UNITS_BY_MODEL
            : SliceRollup.serving(q).isPresent()
                ? AnalyticsQueries.ROLLUP_PRICING_UNITS_BY_SLICE
                : AnalyticsQueries.ROLLUP_PRICING_UNITS;
    for (GenericRecord r : query(sql, rollupParams(projectId, q))) {
      out.add(PricingUnitMapper.read(r, group(r, q)));
    }
    return out;
  }

  @Override
  public List<PricingUnit> userPricingUnits(
      String projectId, RollupQuery q, String userId, String sessionId) {
    Map<String, Object> params = rollupParams(projectId, q);
    params.put("user", blank(userId));
    params.put("session", blank(sessionId));
    List<PricingUnit> out = new ArrayList<>();
    for (GenericRecord r : query(AnalyticsQueries.USER_PRICING_UNITS, params)) {
      out.add(PricingUnitMapper.read(r, group(r, q)));
    }
    return out;
  }

  @Override
  public List<ModelVariant> variants(
      String projectId, Instant from, Instant to, CallFilter filter) {
    Map<String, Object> params = new HashMap<>();
    params.put("project", projectId);
    range(params, from, to);
    filter(params, filter);
    List<ModelVariant> out = new ArrayList<>();
    String sql =
        ModelRollup.serves(filter)
            ? AnalyticsQueries.ROLLUP_MODEL_VARIANTS_BY_MODEL
            : AnalyticsQueries.ROLLUP_MODEL_VARIANTS;
    for (GenericRecord r : query(sql, params)) {
      out.add(
          new ModelVariant(
              r.getString("provider"),
              r.getString("request_model"),
              r.getString("response_model"),
              r.getString("system_fingerprint"),
              r.getInstant("first_minute"),
              r.getInstant("last_minute"),
              r.getLong("s_calls")));
    }
    return out;
  }

  @Override
  public DriftSamples driftSamples(
      String projectId,
      RepeatingWindow baseline,
      RepeatingWindow current,
      CallFilter filter,
      int limitPerSide) {
    Map<String, Object> params = new HashMap<>();
    params.put("project", projectId);
    params.put("limit", limitPerSide);
    side(params, "baseline", baseline);
    side(params, "current", current);
    filter(params, filter);
    params.put("key_model", keyModel(filter));
    List<CallSample> baselineCalls = new ArrayList<>();
    List<CallSample> currentCalls = new ArrayList<>();
    // A call stored twice and not merged yet comes twice (the query reads without FINAL): keep it
    // once per side.
    List<Set<Long>> seen = List.of(new HashSet<>(), new HashSet<>());
    // Streamed row by row: thousands of rows, where queryAll's map per row would cost more than the
    // query.
    try (QueryResponse response = client.query(AnalyticsQueries.DRIFT_SAMPLES, params);
        ClickHouseBinaryFormatReader r = client.reader(response)) {
      while (r.hasNext()) {
        r.next();
        int side = r.getInteger("side");
        if (!seen.get(side).add(r.getLong("call_id"))) {
          continue;
        }
        boolean reported = r.getBoolean("usage_reported");
        boolean estimated = r.getBoolean("tokens_estimated");
        CallSample call =
            new CallSample(
                Instant.ofEpochMilli(r.getLong("t_ms")),
                r.getLong("duration_ns") / 1e6,
                r.hasValue("ttft_ms") ? r.getDouble("ttft_ms") : null,
                r.getBoolean("is_error"),
                reported || estimated,
                estimated,
                new TokenSums(
                    r.getLong("input_tokens"),
                    r.getLong("output_tokens"),
                    r.getLong("cache_read_tokens"),
                    r.getLong("cache_write_tokens"),
                    r.getLong("reasoning_tokens")),
                r.getList("finish_reasons"),
                r.getString("llm_provider"),
                r.getString("request_model"),
                r.getString("response_model"));
        (side == 0 ? baselineCalls : currentCalls).add(call);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageException("drift sample query interrupted", e);
    } catch (Exception e) {
      throw new StorageException("drift sample query failed", e);
    }
    return new DriftSamples(baselineCalls, currentCalls);
  }

  /**
   * The model llm_calls' rows are read by (see drift_samples.sql): the subject's most specific
   * model, or none.
   */
  private static String keyModel(CallFilter f) {
    if (f == null) {
      return "";
    }
    for (String m : new String[] {f.model(), f.requestModel(), f.responseModel()}) {
      if (m != null && !m.isEmpty()) {
        return m;
      }
    }
    return "";
  }

  private static void side(Map<String, Object> params, String side, RepeatingWindow windows) {
    List<TimeWindow> list = windows.windows();
    params.put(side + "_from_ms", list.get(0).from().toEpochMilli());
    params.put(side + "_to_ms", list.get(list.size() - 1).to().toEpochMilli());
    params.put(side + "_start_ms", windows.first().from().toEpochMilli());
    params.put(side + "_every_ms", windows.every().toMillis());
    params.put(side + "_times", windows.times());
    params.put(side + "_length_ms", windows.length().toMillis());
    TreeSet<Long> hours = new TreeSet<>();
    for (TimeWindow w : list) {
      long h = Math.floorDiv(w.from().getEpochSecond(), HOUR_S) * HOUR_S;
      for (;
          h < w.to().getEpochSecond() || (h == w.to().getEpochSecond() && w.to().getNano() > 0);
          h += HOUR_S) {
        hours.add(h);
      }
    }
    // The client writes array parameters as [v1, v2]: DateTime text needs its quotes (our own
    // digits only).
    params.put(
        side + "_hours",
        hours.stream().map(h -> "'" + HOUR_TEXT.format(Instant.ofEpochSecond(h)) + "'").toList());
  }

  @Override
  public List<ScoreAverage> scoreAverages(
      String projectId, Instant from, Instant to, CallFilter filter) {
    Map<String, Object> params = new HashMap<>();
    params.put("project", projectId);
    params.put("from_ms", from.toEpochMilli());
    params.put("to_ms", to.toEpochMilli());
    filter(params, filter);
    List<ScoreAverage> out = new ArrayList<>();
    for (GenericRecord r : query(AnalyticsQueries.SCORE_AVERAGES, params)) {
      out.add(new ScoreAverage(r.getString("name"), r.getLong("scored"), r.getDouble("average")));
    }
    return out;
  }

  @Override
  public List<CallHistogram> histograms(String projectId, Instant to) {
    Map<String, Object> params = new HashMap<>();
    params.put("project", projectId);
    params.put("to_ms", minuteCeiling(to) * 1000);
    params.put("le_ns", CallHistogram.BOUNDS.stream().map(Duration::toNanos).toList());
    params.put("le_ms", CallHistogram.BOUNDS.stream().map(b -> b.toNanos() / 1e6).toList());
    List<CallHistogram> out = new ArrayList<>();
    for (GenericRecord r : query(AnalyticsQueries.CALL_HISTOGRAMS, params)) {
      out.add(
          new CallHistogram(
              r.getString("service"),
              r.getString("provider"),
              r.getString("g_model"),
              r.getLong("calls"),
              counts(r.getList("latency_le")),
              r.getLong("duration_sum_ns"),
              r.getLong("ttft_calls"),
              counts(r.getList("ttft_le")),
              r.getDouble("ttft_sum_ms")));
    }
    return out;
  }

  private static long[] counts(List<Object> values) {
    if (values.size() != CallHistogram.BOUNDS.size()) {
      throw new IllegalStateException(
          "call_histograms.sql counts "
              + values.size()
              + " buckets, CallHistogram.BOUNDS has "
              + CallHistogram.BOUNDS.size());
    }
    long[] out = new long[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = ((Number) values.get(i)).longValue();
    }
    return out;
  }

  private static Map<String, Object> rollupParams(String projectId, RollupQuery q) {
    Map<String, Object> params = new HashMap<>();
    params.put("project", projectId);
    range(params, q.from(), q.to());
    params.put("bucket_s", q.bucket().getSeconds());
    wholeHours(params, q);
    RollupLevels.bind(
        params, (long) params.get("from_s"), (long) params.get("to_s"), q.bucket().getSeconds());
    params.put("slice", SliceRollup.serving(q).orElse(""));
    for (Dimension d : Dimension.values()) {
      params.put("by_" + d.apiName(), q.groupBy().contains(d));
    }
    filter(params, q.filter());
    return params;
  }

  /**
   * The whole hours inside the range, read from the hour table; none when buckets are shorter than
   * an hour or not whole hours (an hour row must fall into one bucket).
   */
  private static void wholeHours(Map<String, Object> params, RollupQuery q) {
    long from = (long) params.get("from_s");
    long to = (long) params.get("to_s");
    long hoursFrom = Math.floorDiv(from + HOUR_S - 1, HOUR_S) * HOUR_S;
    long hoursTo = Math.floorDiv(to, HOUR_S) * HOUR_S;
    boolean usable = q.bucket().getSeconds() % HOUR_S == 0 && hoursFrom < hoursTo;
    // Unusable: the empty hour range [to, to), so the minute ranges become [from, to) and [to, to).
    params.put("hours_from_s", usable ? hoursFrom : to);
    params.put("hours_to_s", usable ? hoursTo : to);
  }

  /** Minute precision: from rounded down (in SQL), to rounded up to the next whole minute. */
  private static void range(Map<String, Object> params, Instant from, Instant to) {
    params.put("from_s", Math.floorDiv(from.getEpochSecond(), MINUTE_S) * MINUTE_S);
    params.put("to_s", minuteCeiling(to));
  }

  /** The epoch second of the first whole minute at or after {@code to}. */
  private static long minuteCeiling(Instant to) {
    long toS = to.getEpochSecond() + (to.getNano() > 0 ? 1 : 0);
    return Math.floorDiv(toS + MINUTE_S - 1, MINUTE_S) * MINUTE_S;
  }

  /**
   * The call filter's bound parameters ("" for any), as every rollup and score statement names
   * them.
   */
  static void filter(Map<String, Object> params, CallFilter f) {
    CallFilter filter = f == null ? CallFilter.ANY : f;
    params.put("service", blank(filter.service()));
    params.put("provider", blank(filter.provider()));
    params.put("model", blank(filter.model()));
    params.put("request_model", blank(filter.requestModel()));
    params.put("response_model", blank(filter.responseModel()));
    params.put("prompt_fingerprint", blank(filter.promptFingerprint()));
    params.put("prompt_version", blank(filter.promptVersion()));
  }

  private static String blank(String s) {
    return s == null ? "" : s;
  }

  private static Group group(GenericRecord r, RollupQuery q) {
    Map<Dimension, String> values = new EnumMap<>(Dimension.class);
    for (Dimension d : q.groupBy()) {
      values.put(d, r.getString("g_" + d.apiName()));
    }
    return new Group(r.getInstant("g_bucket"), values);
  }

  private static Double[] quantiles(List<Object> values, boolean present, double scale) {
    Double[] out = new Double[values.size()];
    for (int i = 0; i < out.length; i++) {
      double v = ((Number) values.get(i)).doubleValue();
      out[i] = present && !Double.isNaN(v) ? v * scale : null;
    }
    return out;
  }

  private static Map<String, Long> finishReasons(List<Object> keys, List<Object> counts) {
    Map<String, Long> out = new LinkedHashMap<>();
    for (int i = 0; i < keys.size(); i++) {
      out.put(String.valueOf(keys.get(i)), ((Number) counts.get(i)).longValue());
    }
    return out;
  }

  private List<GenericRecord> query(String sql, Map<String, Object> params) {
    try {
      return client.queryAll(sql, params);
    } catch (RuntimeException e) {
      throw new StorageException("analytics query failed", e);
    }
  }

  static LocalDate day(Instant instant) {
    return instant.atZone(java.time.ZoneOffset.UTC).toLocalDate();
  }
}
