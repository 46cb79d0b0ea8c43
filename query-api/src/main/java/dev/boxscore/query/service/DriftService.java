package dev.boxscore.query.service;

import dev.boxscore.model.TokenUsage;
import dev.boxscore.model.pricing.ModelPrice;
import dev.boxscore.model.pricing.PriceCatalog;
import dev.boxscore.query.api.DriftMetricResponse;
import dev.boxscore.query.api.DriftResponse;
import dev.boxscore.query.scope.ProjectAnalytics;
import dev.boxscore.query.scope.ProjectScope;
import dev.boxscore.storage.analytics.CallFilter;
import dev.boxscore.storage.analytics.CallSample;
import dev.boxscore.storage.analytics.DriftSamples;
import dev.boxscore.storage.analytics.RepeatingWindow;
import dev.boxscore.storage.analytics.TimeWindow;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.ToDoubleFunction;
import org.eclipse.microprofile.context.ManagedExecutor;

/** Drift of a subject between two windows. */
@ApplicationScoped
public class DriftService {
  private final ProjectScope scope;
  private final PricingService pricing;
  private final ManagedExecutor executor;

  DriftService(ProjectScope scope, PricingService pricing, ManagedExecutor executor) {
    this.scope = scope;
    this.pricing = pricing;
    this.executor = executor;
  }

  private ProjectAnalytics reader() {
    return scope.analytics();
  }

  /** Parameters of one drift check. */
  public record DriftQuery(
      CallFilter subject,
      Map<String, String> subjectDescription,
      TimeWindow current,
      RepeatingWindow baseline,
      int minSamples,
      double alpha,
      double minRelativeChange,
      int maxSamples,
      double scoreMinRelativeChange) {}

  public DriftResponse drift(DriftQuery q) {
    return drift(q, true);
  }

  /**
   * The drift check, with the subject's scores or without them (a drift rule on a call metric needs
   * no score samples).
   */
  public DriftResponse drift(DriftQuery q, boolean withScores) {
    // The project's prices (when not cached) are read while the engine samples the calls, not after
    // it.
    CompletableFuture<PriceCatalog> prices = executor.supplyAsync(pricing::catalog);
    DriftVerdicts verdicts = new DriftVerdicts(q.minSamples(), q.alpha(), q.minRelativeChange());
    // A bounded quality score moves less than latency or cost: a 10 % lower helpfulness matters.
    DriftVerdicts scoreVerdicts =
        new DriftVerdicts(q.minSamples(), q.alpha(), q.scoreMinRelativeChange());
    // The scores' samples are separate queries (one per baseline window): read alongside the calls.
    CompletableFuture<List<DriftMetricResponse>> scores =
        withScores
            ? executor.supplyAsync(() -> scoreMetrics(q, null, scoreVerdicts))
            : CompletableFuture.completedFuture(List.of());
    DriftSamples samples =
        reader()
            .driftSamples(
                q.baseline(), RepeatingWindow.once(q.current()), q.subject(), q.maxSamples());
    List<CallSample> base = samples.baseline();
    List<CallSample> cur = samples.current();
    PriceCatalog catalog = Futures.joined(prices);
    List<DriftMetricResponse> metrics = new ArrayList<>();
    metrics.add(
        verdicts.distribution(
            "latency_ms",
            values(base, CallSample::durationMs),
            values(cur, CallSample::durationMs)));
    metrics.add(verdicts.distribution("ttft_ms", ttft(base), ttft(cur)));
    metrics.add(
        verdicts.distribution("cost_per_call_usd", costs(base, catalog), costs(cur, catalog)));
    metrics.add(verdicts.distribution("tokens_per_call", tokens(base, true), tokens(cur, true)));
    metrics.add(
        verdicts.distribution("output_tokens_per_call", tokens(base, false), tokens(cur, false)));
    metrics.add(verdicts.rate("error_rate", errors(base), base.size(), errors(cur), cur.size()));
    metrics.add(verdicts.mix("finish_reason_mix", reasons(base), reasons(cur)));
    metrics.addAll(Futures.joined(scores));
    List<Instant[]> windows =
        q.baseline().windows().stream().map(w -> new Instant[] {w.from(), w.to()}).toList();
    return new DriftResponse(
        q.subjectDescription(),
        q.current().from(),
        q.current().to(),
        windows,
        q.alpha(),
        q.minSamples(),
        q.minRelativeChange(),
        q.scoreMinRelativeChange(),
        metrics.stream().anyMatch(m -> DriftVerdicts.DRIFT.equals(m.verdict())),
        metrics);
  }

  /**
   * The drift of one score of the subject ({@code score:<name>}), or null when neither window has
   * it: what a drift rule on a score tests, without the calls' metrics.
   */
  public DriftMetricResponse scoreDrift(DriftQuery q, String name) {
    DriftVerdicts verdicts = new DriftVerdicts(q.minSamples(), q.alpha(), q.minRelativeChange());
    List<DriftMetricResponse> metrics = scoreMetrics(q, name, verdicts);
    return metrics.isEmpty() ? null : metrics.get(0);
  }

  private List<DriftMetricResponse> scoreMetrics(
      DriftQuery q, String name, DriftVerdicts verdicts) {
    return ScoreDrift.metrics(
        scope.scores(), q.subject(), q.baseline(), q.current(), name, q.maxSamples(), verdicts);
  }

  static double[] values(List<CallSample> calls, ToDoubleFunction<CallSample> f) {
    return calls.stream().mapToDouble(f).toArray();
  }

  static double[] ttft(List<CallSample> calls) {
    return calls.stream().filter(c -> c.ttftMs() != null).mapToDouble(CallSample::ttftMs).toArray();
  }

  static double[] tokens(List<CallSample> calls, boolean total) {
    return calls.stream()
        .filter(CallSample::hasTokens)
        .mapToDouble(c -> total ? c.tokens().input() + c.tokens().output() : c.tokens().output())
        .toArray();
  }

  /**
   * The models and day a price lookup depends on: thousands of sampled calls share a handful of
   * them.
   */
  private record PriceKey(
      String provider, String requestModel, String responseModel, LocalDate day) {}

  static double[] costs(List<CallSample> calls, PriceCatalog catalog) {
    List<Double> out = new ArrayList<>();
    Map<PriceKey, Optional<ModelPrice>> prices = new HashMap<>();
    for (CallSample c : calls) {
      if (!c.hasTokens()) {
        continue;
      }
      Optional<ModelPrice> price =
          prices.computeIfAbsent(
              new PriceKey(
                  c.provider(),
                  c.requestModel(),
                  c.responseModel(),
                  c.start().atZone(ZoneOffset.UTC).toLocalDate()),
              k -> price(catalog, c));
      price.ifPresent(
          p -> {
            var t = c.tokens();
            out.add(
                p.cost(
                        new TokenUsage(
                            t.input(),
                            t.output(),
                            t.cacheRead(),
                            t.cacheWrite(),
                            t.reasoning(),
                            true))
                    .doubleValue());
          });
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static Optional<ModelPrice> price(PriceCatalog catalog, CallSample c) {
    Optional<ModelPrice> price =
        catalog.find(
            blankToNull(c.provider()),
            c.responseModel().isEmpty() ? c.requestModel() : c.responseModel(),
            c.start());
    if (price.isEmpty() && !c.responseModel().isEmpty()) {
      price = catalog.find(blankToNull(c.provider()), c.requestModel(), c.start());
    }
    return price;
  }

  static long errors(List<CallSample> calls) {
    return calls.stream().filter(CallSample::error).count();
  }

  static List<List<String>> reasons(List<CallSample> calls) {
    return calls.stream().map(CallSample::finishReasons).toList();
  }

  private static String blankToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
