package dev.boxscore.query.service;

import dev.boxscore.model.pricing.PriceCatalog;
import dev.boxscore.query.api.DriftMetricResponse;
import dev.boxscore.query.api.MetricsRowResponse;
import dev.boxscore.query.api.PromptCompareResponse;
import dev.boxscore.query.api.PromptDetailResponse;
import dev.boxscore.query.api.PromptListResponse;
import dev.boxscore.query.api.PromptTemplateResponse;
import dev.boxscore.query.api.PromptTimelinePointResponse;
import dev.boxscore.query.api.PromptVersionResponse;
import dev.boxscore.query.mapping.PromptApiMapper;
import dev.boxscore.query.scope.ProjectAnalytics;
import dev.boxscore.query.scope.ProjectScope;
import dev.boxscore.query.scope.ProjectScores;
import dev.boxscore.storage.analytics.CallFilter;
import dev.boxscore.storage.analytics.CallSample;
import dev.boxscore.storage.analytics.Dimension;
import dev.boxscore.storage.analytics.PricingUnit;
import dev.boxscore.storage.analytics.RepeatingWindow;
import dev.boxscore.storage.analytics.RollupQuery;
import dev.boxscore.storage.analytics.TimeWindow;
import dev.boxscore.storage.prompts.PromptReader;
import dev.boxscore.storage.prompts.PromptSeen;
import dev.boxscore.storage.prompts.PromptTemplate;
import dev.boxscore.storage.scores.ScoreAggregate;
import dev.boxscore.storage.scores.ScoreAggregateQuery;
import dev.boxscore.storage.scores.ScoreDataType;
import dev.boxscore.storage.scores.ScoreSample;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.context.ManagedExecutor;

/**
 * Prompt versions: the analytics figures grouped by prompt fingerprint and version (the rollups,
 * priced now), their scores, when each was seen, and two versions compared with the drift tests.
 */
@ApplicationScoped
public class PromptService {
  private static final Set<Dimension> BY_PROMPT =
      Set.of(Dimension.PROMPT_FINGERPRINT, Dimension.PROMPT_VERSION);

  private final ProjectScope scope;
  private final PricingService pricing;
  private final AnalyticsService analytics;
  private final ManagedExecutor executor;

  PromptService(
      ProjectScope scope,
      PricingService pricing,
      AnalyticsService analytics,
      ManagedExecutor executor) {
    this.scope = scope;
    this.pricing = pricing;
    this.analytics = analytics;
    this.executor = executor;
  }

  /** A prompt version's identity; "" where the calls named none. */
  private record Key(String fingerprint, String version) {}

  /** The versions of a range and the names and templates their calls carried. */
  private record Versions(List<PromptVersionResponse> versions, List<PromptTemplate> templates) {}

  public PromptListResponse list(Instant from, Instant to) {
    return new PromptListResponse(from, to, versions(from, to, null).versions());
  }

  /** Null when the fingerprint served no call in the range. */
  public PromptDetailResponse detail(
      String fingerprint, Instant from, Instant to, Duration bucket) {
    ProjectAnalytics reader = scope.analytics();
    CallFilter filter = byPrompt(fingerprint, null);
    CompletableFuture<List<PricingUnit>> units =
        executor.supplyAsync(
            () ->
                reader.pricingUnits(
                    new RollupQuery(from, to, bucket, filter, Set.of(Dimension.PROMPT_VERSION))));
    Versions found = versions(from, to, fingerprint);
    List<PromptVersionResponse> versions = found.versions();
    if (versions.isEmpty()) {
      Futures.joined(units);
      return null;
    }
    Map<Instant, Map<String, Long>> calls = new TreeMap<>();
    for (PricingUnit u : Futures.joined(units)) {
      calls
          .computeIfAbsent(u.group().bucket(), b -> new TreeMap<>())
          .merge(
              u.group().values().getOrDefault(Dimension.PROMPT_VERSION, ""), u.calls(), Long::sum);
    }
    List<PromptTimelinePointResponse> timeline = new ArrayList<>();
    calls.forEach(
        (at, perVersion) ->
            perVersion.forEach(
                (version, n) ->
                    timeline.add(
                        new PromptTimelinePointResponse(
                            at, PromptApiMapper.emptyToNull(version), n))));
    List<PromptTemplateResponse> templates =
        found.templates().stream()
            .map(
                t ->
                    new PromptTemplateResponse(
                        PromptApiMapper.emptyToNull(t.version()),
                        t.name(),
                        t.template(),
                        t.capturedAt()))
            .toList();
    String name =
        versions.stream()
            .map(PromptVersionResponse::name)
            .filter(Objects::nonNull)
            .reduce((first, later) -> later)
            .orElse(null);
    return new PromptDetailResponse(
        fingerprint, name, from, to, bucket.getSeconds(), versions, templates, timeline);
  }

  /** Parameters of one comparison; a side's null fingerprint or version means any. */
  public record CompareQuery(
      String aFingerprint,
      String aVersion,
      String bFingerprint,
      String bVersion,
      Instant from,
      Instant to,
      int minSamples,
      double alpha,
      double minRelativeChange,
      int maxSamples) {}

  public PromptCompareResponse compare(CompareQuery q) {
    CallFilter a = byPrompt(q.aFingerprint(), q.aVersion());
    CallFilter b = byPrompt(q.bFingerprint(), q.bVersion());
    ProjectAnalytics reader = scope.analytics();
    ProjectScores scores = scope.scores();
    CompletableFuture<PriceCatalog> prices = executor.supplyAsync(pricing::catalog);
    CompletableFuture<List<CallSample>> aCalls = executor.supplyAsync(() -> sample(reader, a, q));
    CompletableFuture<List<CallSample>> bCalls = executor.supplyAsync(() -> sample(reader, b, q));
    CompletableFuture<List<ScoreSample>> aScores =
        executor.supplyAsync(() -> scores.samples(q.from(), q.to(), a, null, q.maxSamples()));
    List<ScoreSample> bScores = scores.samples(q.from(), q.to(), b, null, q.maxSamples());
    PriceCatalog catalog = Futures.joined(prices);
    PromptVersionResponse aFigures = side(q.from(), q.to(), a, catalog);
    PromptVersionResponse bFigures = side(q.from(), q.to(), b, catalog);
    List<CallSample> base = Futures.joined(aCalls);
    List<CallSample> cur = Futures.joined(bCalls);
    DriftVerdicts verdicts = new DriftVerdicts(q.minSamples(), q.alpha(), q.minRelativeChange());
    List<DriftMetricResponse> tests = new ArrayList<>();
    tests.add(
        verdicts.distribution(
            "cost_per_call_usd",
            DriftService.costs(base, catalog),
            DriftService.costs(cur, catalog)));
    tests.add(
        verdicts.distribution(
            "latency_ms",
            DriftService.values(base, CallSample::durationMs),
            DriftService.values(cur, CallSample::durationMs)));
    tests.add(verdicts.distribution("ttft_ms", DriftService.ttft(base), DriftService.ttft(cur)));
    tests.add(
        verdicts.distribution(
            "tokens_per_call", DriftService.tokens(base, true), DriftService.tokens(cur, true)));
    tests.add(
        verdicts.distribution(
            "output_tokens_per_call",
            DriftService.tokens(base, false),
            DriftService.tokens(cur, false)));
    tests.add(
        verdicts.rate(
            "error_rate",
            DriftService.errors(base),
            base.size(),
            DriftService.errors(cur),
            cur.size()));
    tests.add(
        verdicts.mix("finish_reason_mix", DriftService.reasons(base), DriftService.reasons(cur)));
    tests.addAll(scoreTests(verdicts, Futures.joined(aScores), bScores));
    return new PromptCompareResponse(
        q.from(),
        q.to(),
        q.aFingerprint(),
        q.aVersion(),
        q.bFingerprint(),
        q.bVersion(),
        aFigures,
        bFigures,
        q.alpha(),
        q.minSamples(),
        q.minRelativeChange(),
        tests.stream().anyMatch(t -> DriftVerdicts.DRIFT.equals(t.verdict())),
        tests);
  }

  /**
   * One side's calls: the sampler reads a baseline and a current side under one filter in one
   * query, and here each side has its own filter, so each is the current side of its own read with
   * a one-millisecond baseline (its first millisecond) that costs next to nothing.
   */
  private static List<CallSample> sample(
      ProjectAnalytics reader, CallFilter filter, CompareQuery q) {
    TimeWindow window = new TimeWindow(q.from(), q.to());
    TimeWindow firstMilli = new TimeWindow(q.from(), q.from().plusMillis(1));
    return reader
        .driftSamples(
            RepeatingWindow.once(firstMilli), RepeatingWindow.once(window), filter, q.maxSamples())
        .current();
  }

  /** Per score name of either side, tested as drift tests a score ({@link ScoreDrift#metric}). */
  private static List<DriftMetricResponse> scoreTests(
      DriftVerdicts verdicts, List<ScoreSample> a, List<ScoreSample> b) {
    Map<String, ScoreDataType> types = new TreeMap<>();
    Map<String, List<ScoreSample>> aByName = new HashMap<>();
    Map<String, List<ScoreSample>> bByName = new HashMap<>();
    for (ScoreSample s : a) {
      types.putIfAbsent(s.name(), s.dataType());
      aByName.computeIfAbsent(s.name(), n -> new ArrayList<>()).add(s);
    }
    for (ScoreSample s : b) {
      types.putIfAbsent(s.name(), s.dataType());
      bByName.computeIfAbsent(s.name(), n -> new ArrayList<>()).add(s);
    }
    List<DriftMetricResponse> out = new ArrayList<>();
    types.forEach(
        (name, type) -> {
          List<ScoreSample> as = aByName.getOrDefault(name, List.of());
          List<ScoreSample> bs = bByName.getOrDefault(name, List.of());
          out.add(ScoreDrift.metric(ScoreDrift.PREFIX + name, type, as, bs, verdicts));
        });
    return out;
  }

  /** One side's figures as one version (all versions of a fingerprint when no version is named). */
  private PromptVersionResponse side(
      Instant from, Instant to, CallFilter filter, PriceCatalog catalog) {
    MetricsRowResponse row =
        analytics.single(
            new RollupQuery(from, to, Duration.ofDays(1), filter, Set.of()), filter, catalog);
    List<PromptSeen> seen =
        scope.prompts().seen(from, to, filter.promptFingerprint()).stream()
            .filter(
                s -> filter.promptVersion() == null || filter.promptVersion().equals(s.version()))
            .toList();
    List<ScoreAggregate> scores =
        scope
            .scores()
            .aggregates(
                new ScoreAggregateQuery(from, to, filter, null, null, null, List.of(), null));
    return PromptApiMapper.version(
        filter.promptFingerprint(),
        filter.promptVersion(),
        null,
        seen.stream().map(PromptSeen::firstSeen).min(Comparator.naturalOrder()).orElse(null),
        seen.stream().map(PromptSeen::lastSeen).max(Comparator.naturalOrder()).orElse(null),
        row,
        scores);
  }

  /**
   * Each (fingerprint, version) seen in the range, only {@code fingerprint}'s when not null, with
   * its figures, scores and name; ordered by fingerprint, then first seen.
   */
  private Versions versions(Instant from, Instant to, String fingerprint) {
    ProjectAnalytics reader = scope.analytics();
    PromptReader prompts = scope.prompts();
    ProjectScores scores = scope.scores();
    CallFilter filter = byPrompt(fingerprint, null);
    RollupQuery query = new RollupQuery(from, to, AnalyticsService.WHOLE_RANGE, filter, BY_PROMPT);
    CompletableFuture<PriceCatalog> prices = executor.supplyAsync(pricing::catalog);
    CompletableFuture<List<PricingUnit>> units =
        executor.supplyAsync(() -> reader.pricingUnits(query));
    CompletableFuture<List<dev.boxscore.storage.analytics.CallStats>> stats =
        executor.supplyAsync(() -> reader.stats(query));
    CompletableFuture<List<ScoreAggregate>> scored =
        executor.supplyAsync(
            () ->
                scores.aggregates(
                    new ScoreAggregateQuery(
                        from,
                        to,
                        filter,
                        null,
                        null,
                        null,
                        List.of(Dimension.PROMPT_FINGERPRINT, Dimension.PROMPT_VERSION),
                        null)));
    CompletableFuture<List<PromptTemplate>> templates =
        executor.supplyAsync(() -> prompts.templates(from, to, fingerprint));
    List<PromptSeen> seen = prompts.seen(from, to, fingerprint);
    Map<Key, MetricsRowResponse> rows = new HashMap<>();
    for (MetricsRowResponse r :
        AnalyticsService.rows(
            Futures.joined(units), Futures.joined(stats), Futures.joined(prices))) {
      rows.put(
          new Key(
              r.group().getOrDefault(Dimension.PROMPT_FINGERPRINT.apiName(), ""),
              r.group().getOrDefault(Dimension.PROMPT_VERSION.apiName(), "")),
          r);
    }
    Map<Key, List<ScoreAggregate>> scoresByKey = new HashMap<>();
    for (ScoreAggregate s : Futures.joined(scored)) {
      scoresByKey
          .computeIfAbsent(
              new Key(
                  s.group().getOrDefault(Dimension.PROMPT_FINGERPRINT, ""),
                  s.group().getOrDefault(Dimension.PROMPT_VERSION, "")),
              k -> new ArrayList<>())
          .add(s);
    }
    Map<Key, String> names = new HashMap<>();
    List<PromptTemplate> captured = Futures.joined(templates);
    for (PromptTemplate t : captured) {
      if (t.name() != null) {
        names.put(new Key(t.fingerprint(), t.version()), t.name());
      }
    }
    List<PromptVersionResponse> out = new ArrayList<>(seen.size());
    for (PromptSeen s : seen) {
      Key key = new Key(s.fingerprint(), s.version());
      out.add(
          PromptApiMapper.version(
              s.fingerprint(),
              s.version(),
              names.get(key),
              s.firstSeen(),
              s.lastSeen(),
              rows.get(key),
              scoresByKey.getOrDefault(key, List.of())));
    }
    return new Versions(out, captured);
  }

  private static CallFilter byPrompt(String fingerprint, String version) {
    return new CallFilter(null, null, null, null, null, fingerprint, version);
  }
}
