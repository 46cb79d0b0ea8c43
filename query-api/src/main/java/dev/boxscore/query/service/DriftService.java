package dev.boxscore.query.service;

import dev.boxscore.model.TokenUsage;
import dev.boxscore.model.pricing.ModelPrice;
import dev.boxscore.model.pricing.PriceCatalog;
import dev.boxscore.query.api.DriftMetricResponse;
import dev.boxscore.query.api.DriftResponse;
import dev.boxscore.query.api.MetricsRowResponse;
import dev.boxscore.query.api.SwapResponse;
import dev.boxscore.query.api.SwapSideResponse;
import dev.boxscore.query.api.SwapsResponse;
import dev.boxscore.storage.analytics.CallFilter;
import dev.boxscore.storage.analytics.CallSample;
import dev.boxscore.storage.analytics.DriftSamples;
import dev.boxscore.storage.analytics.ModelVariant;
import dev.boxscore.storage.analytics.RepeatingWindow;
import dev.boxscore.storage.analytics.RollupQuery;
import dev.boxscore.storage.analytics.TimeWindow;
import dev.boxscore.query.scope.ProjectAnalytics;
import dev.boxscore.query.scope.ProjectScope;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.ToDoubleFunction;
import org.eclipse.microprofile.context.ManagedExecutor;

/** Drift of a subject between two windows, and silent model swaps. */
@ApplicationScoped
public class DriftService {
  private final ProjectScope scope;
  private final PricingService pricing;
  private final AnalyticsService analytics;
  private final ManagedExecutor executor;

  DriftService(ProjectScope scope, PricingService pricing, AnalyticsService analytics, ManagedExecutor executor) {
    this.scope = scope;
    this.pricing = pricing;
    this.analytics = analytics;
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
      int maxSamples) {}

  public DriftResponse drift(DriftQuery q) {
    // The project's prices (when not cached) are read while the engine samples the calls, not after it.
    CompletableFuture<PriceCatalog> prices = executor.supplyAsync(pricing::catalog);
    DriftSamples samples = reader().driftSamples(q.baseline(), RepeatingWindow.once(q.current()), q.subject(),
        q.maxSamples());
    List<CallSample> base = samples.baseline();
    List<CallSample> cur = samples.current();
    PriceCatalog catalog = Futures.joined(prices);
    DriftVerdicts verdicts = new DriftVerdicts(q.minSamples(), q.alpha(), q.minRelativeChange());
    List<DriftMetricResponse> metrics = new ArrayList<>();
    metrics.add(verdicts.distribution("latency_ms", values(base, CallSample::durationMs), values(cur,
        CallSample::durationMs)));
    metrics.add(verdicts.distribution("ttft_ms", ttft(base), ttft(cur)));
    metrics.add(verdicts.distribution("cost_per_call_usd", costs(base, catalog), costs(cur, catalog)));
    metrics.add(verdicts.distribution("tokens_per_call", tokens(base, true), tokens(cur, true)));
    metrics.add(verdicts.distribution("output_tokens_per_call", tokens(base, false), tokens(cur, false)));
    metrics.add(verdicts.rate("error_rate", errors(base), base.size(), errors(cur), cur.size()));
    metrics.add(verdicts.mix("finish_reason_mix", reasons(base), reasons(cur)));
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
        metrics.stream().anyMatch(m -> DriftVerdicts.DRIFT.equals(m.verdict())),
        metrics);
  }

  private static double[] values(List<CallSample> calls, ToDoubleFunction<CallSample> f) {
    return calls.stream().mapToDouble(f).toArray();
  }

  private static double[] ttft(List<CallSample> calls) {
    return calls.stream().filter(c -> c.ttftMs() != null).mapToDouble(CallSample::ttftMs).toArray();
  }

  private static double[] tokens(List<CallSample> calls, boolean total) {
    return calls.stream()
        .filter(CallSample::hasTokens)
        .mapToDouble(c -> total ? c.tokens().input() + c.tokens().output() : c.tokens().output())
        .toArray();
  }

  /** The models and day a price lookup depends on: thousands of sampled calls share a handful of them. */
  private record PriceKey(String provider, String requestModel, String responseModel, LocalDate day) {}

  private static double[] costs(List<CallSample> calls, PriceCatalog catalog) {
    List<Double> out = new ArrayList<>();
    Map<PriceKey, Optional<ModelPrice>> prices = new HashMap<>();
    for (CallSample c : calls) {
      if (!c.hasTokens()) {
        continue;
      }
      Optional<ModelPrice> price = prices.computeIfAbsent(
          new PriceKey(c.provider(), c.requestModel(), c.responseModel(),
              c.start().atZone(ZoneOffset.UTC).toLocalDate()),
          k -> price(catalog, c));
      price.ifPresent(
          p -> {
            var t = c.tokens();
            out.add(p.cost(new TokenUsage(t.input(), t.output(), t.cacheRead(), t.cacheWrite(), t.reasoning(),
                true)).doubleValue());
          });
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static Optional<ModelPrice> price(PriceCatalog catalog, CallSample c) {
    Optional<ModelPrice> price =
        catalog.find(blankToNull(c.provider()), c.responseModel().isEmpty() ? c.requestModel()
            : c.responseModel(), c.start());
    if (price.isEmpty() && !c.responseModel().isEmpty()) {
      price = catalog.find(blankToNull(c.provider()), c.requestModel(), c.start());
    }
    return price;
  }

  private static long errors(List<CallSample> calls) {
    return calls.stream().filter(CallSample::error).count();
  }

  private static List<List<String>> reasons(List<CallSample> calls) {
    return calls.stream().map(CallSample::finishReasons).toList();
  }

  private static String blankToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  /**
   * Swaps in [from, to): per (provider, request model), each (response model, system fingerprint) variant that
   * first answered after another variant had already answered in the range. A variant whose fingerprint is empty
   * (not reported) only counts when its response model is new.
   */
  public SwapsResponse swaps(Instant from, Instant to, CallFilter filter, Duration window) {
    List<ModelVariant> variants = reader().variants(from, to, filter);
    Map<String, List<ModelVariant>> byRequest = new LinkedHashMap<>();
    for (ModelVariant v : variants) {
      // Calls that name no answering model (failed calls, clients that record none) tell nothing about a swap.
      if (v.responseModel().isEmpty() && v.systemFingerprint().isEmpty()) {
        continue;
      }
      byRequest.computeIfAbsent(v.provider() + "\u0000" + v.requestModel(), k -> new ArrayList<>()).add(v);
    }
    PriceCatalog catalog = pricing.catalog();
    List<SwapResponse> swaps = new ArrayList<>();
    for (List<ModelVariant> list : byRequest.values()) {
      // Already ordered by first minute (rollup_model_variants.sql).
      Instant firstSeen = list.get(0).firstMinute();
      for (int i = 1; i < list.size(); i++) {
        ModelVariant next = list.get(i);
        if (!next.firstMinute().isAfter(firstSeen)) {
          continue;
        }
        ModelVariant prev = previous(list, i);
        boolean modelChanged = !next.responseModel().equals(prev.responseModel());
        boolean fingerprintChanged =
            !next.systemFingerprint().isEmpty() && !next.systemFingerprint().equals(prev.systemFingerprint());
        if (!modelChanged && !fingerprintChanged) {
          continue;
        }
        if (!modelChanged && seenModelAndFingerprint(list, i)) {
          continue;
        }
        CallFilter subject = CallFilter.ANY.withRequestModel(next.requestModel());
        Instant at = next.firstMinute();
        swaps.add(
            new SwapResponse(
                next.provider(),
                next.requestModel(),
                at,
                modelChanged ? "response_model" : "system_fingerprint",
                prev.responseModel(),
                prev.systemFingerprint(),
                next.responseModel(),
                next.systemFingerprint(),
                side(at.minus(window), at, subject, catalog),
                side(at, at.plus(window), subject, catalog)));
      }
    }
    swaps.sort(java.util.Comparator.comparing(SwapResponse::at));
    return new SwapsResponse(from, to, window.getSeconds(), swaps);
  }

  /** The variant that was answering just before list[i] appeared: the most recently seen earlier one. */
  private static ModelVariant previous(List<ModelVariant> list, int i) {
    ModelVariant best = list.get(0);
    for (int j = 0; j < i; j++) {
      ModelVariant v = list.get(j);
      if (v.firstMinute().isBefore(list.get(i).firstMinute()) && !v.lastMinute().isBefore(best.lastMinute())) {
        best = v;
      }
    }
    return best;
  }

  private static boolean seenModelAndFingerprint(List<ModelVariant> list, int i) {
    ModelVariant v = list.get(i);
    for (int j = 0; j < i; j++) {
      ModelVariant o = list.get(j);
      if (o.responseModel().equals(v.responseModel())
          && Objects.equals(o.systemFingerprint(), v.systemFingerprint())) {
        return true;
      }
    }
    return false;
  }

  private SwapSideResponse side(
      Instant from, Instant to, CallFilter subject, PriceCatalog catalog) {
    MetricsRowResponse r =
        analytics.single(new RollupQuery(from, to, AnalyticsService.WHOLE_RANGE, subject, Set.of()),
            subject, catalog);
    if (r == null) {
      return new SwapSideResponse(0, null, null, null, null, 0);
    }
    return new SwapSideResponse(r.calls(), r.latencyMs().p50(), r.latencyMs().p95(), r.cost().usdPerPricedCall(),
        r.outputTokensPerCall(), r.errorRate());
  }
}
