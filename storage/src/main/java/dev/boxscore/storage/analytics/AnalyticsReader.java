package dev.boxscore.storage.analytics;

import java.time.Instant;
import java.util.List;

/**
 * Reads LLM-call analytics of one project. Every method takes the project first and reads only its
 * rows. Aggregates come from the rollups (the model-keyed one when a question groups and filters by
 * model dimensions only, else the full per-minute and per-hour ones); {@link #samples} reads raw
 * spans.
 */
public interface AnalyticsReader {
  /** Counts, token sums, latency/TTFT quantiles and finish reasons per group and bucket. */
  List<CallStats> stats(String projectId, RollupQuery query);

  /** Token sums per group, bucket, provider, models and day: what cost is computed from. */
  List<PricingUnit> pricingUnits(String projectId, RollupQuery query);

  /**
   * {@link #pricingUnits} of the calls that name an end user or a session (the per-user rollup,
   * hourly), grouped by {@link Dimension#USER}, {@link Dimension#SESSION}, the provider and the
   * models; {@code userId} / {@code sessionId} (null: any) narrow them. The query's filter may name
   * the provider and models only.
   */
  List<PricingUnit> userPricingUnits(
      String projectId, RollupQuery query, String userId, String sessionId);

  /**
   * Every (response model, fingerprint) that answered each request model in [from, to), by first
   * minute.
   */
  List<ModelVariant> variants(String projectId, Instant from, Instant to, CallFilter filter);

  /**
   * Per side, up to {@code limitPerSide} calls matching {@code filter} that started in any of that
   * side's windows, a pseudo-random sample (by span id hash) when there are more; both sides read
   * in one query. A call in both sides' windows is in both samples.
   */
  DriftSamples driftSamples(
      String projectId,
      RepeatingWindow baseline,
      RepeatingWindow current,
      CallFilter filter,
      int limitPerSide);

  /**
   * Each evaluation score's average over the calls matching {@code filter} that started in [from,
   * to).
   */
  List<ScoreAverage> scoreAverages(String projectId, Instant from, Instant to, CallFilter filter);

  /**
   * Latency and TTFT bucket counts per (service, provider, model) of the stored calls that started
   * before {@code to} (taken at minute precision, rounded up, as a rollup query's end), ordered by
   * service, provider and model. Read from the calls themselves, so kept for the project's
   * retention.
   */
  List<CallHistogram> histograms(String projectId, Instant to);
}
