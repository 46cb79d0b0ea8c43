package dev.boxscore.collector.service;

import dev.boxscore.auth.ApiKeys;
import dev.boxscore.auth.Principal;
import dev.boxscore.auth.Scope;
import dev.boxscore.auth.directory.KeyDirectory;
import dev.boxscore.collector.config.CollectorConfig;
import dev.boxscore.collector.kafka.SpanPublisher;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * What happens to an OTLP export, whichever transport brought it: authenticate, rate-limit, check
 * the size, cut what is too long, validate, publish. Counts every span received and every rejection
 * by reason.
 */
@ApplicationScoped
public class TraceExportService {
  private final ApiKeys apiKeys;
  private final KeyDirectory directory;
  private final SpanPublisher publisher;
  private final CollectorConfig config;
  private final MeterRegistry meters;
  private final RateLimiter rateLimiter = new RateLimiter();
  private final Counter received;
  private final Counter truncated;

  TraceExportService(
      ApiKeys apiKeys,
      KeyDirectory directory,
      SpanPublisher publisher,
      CollectorConfig config,
      MeterRegistry meters) {
    this.apiKeys = apiKeys;
    this.directory = directory;
    this.publisher = publisher;
    this.config = config;
    this.meters = meters;
    this.received =
        Counter.builder("boxscore.spans.received")
            .description("Spans accepted by the collector and acknowledged by Kafka")
            .register(meters);
    this.truncated =
        Counter.builder("boxscore.values.truncated")
            .description("Values cut or attributes dropped by the collector's limits")
            .register(meters);
  }

  /**
   * Who sends the request: the principal of an {@code Authorization} header, or why there is none
   * to accept ({@link ExportResult.Unauthorized} for a missing or unknown key, {@link
   * ExportResult.Forbidden} for a valid key without the ingest scope).
   */
  public Authentication authenticate(String authorizationHeader) {
    Optional<Principal> principal =
        ApiKeys.bearerToken(authorizationHeader).flatMap(apiKeys::authenticate);
    if (principal.isEmpty()) {
      return new Authentication(null, unauthorized());
    }
    if (!principal.get().may(Scope.INGEST)) {
      return new Authentication(null, forbidden());
    }
    apiKeys.used(principal.get());
    return new Authentication(principal.get(), null);
  }

  /** A request's sender, or the refusal to answer it with (then {@code principal} is null). */
  public record Authentication(Principal principal, ExportResult refusal) {}

  public static ExportResult.Unauthorized unauthorized() {
    return new ExportResult.Unauthorized(
        "missing or invalid API key: send the header 'Authorization: Bearer <key>' with a key that may ingest");
  }

  public static ExportResult.Forbidden forbidden() {
    return new ExportResult.Forbidden(
        "this API key may not ingest: use a key with the ingest scope");
  }

  /**
   * Counts a request refused before it reached {@link #export} (malformed, unauthenticated, too
   * large) or by it. Reasons: malformed, unauthorized, too_large, rate_limited, invalid,
   * unavailable.
   */
  public void rejected(String reason) {
    meters.counter("boxscore.otlp.requests.rejected", "reason", reason).increment();
  }

  private void rejectedSpans(String reason, int spans) {
    rejected(reason);
    if (spans > 0) {
      meters.counter("boxscore.spans.rejected", "reason", reason).increment(spans);
    }
  }

  /** Validates and publishes; completes once Kafka acknowledged every accepted span, or failed. */
  public CompletionStage<ExportResult> export(
      Principal principal, ExportTraceServiceRequest request) {
    int spans = countSpans(request);
    int perSecond = apiKeys.requestsPerSecond(principal).orElse(config.requestsPerSecond());
    String bucket =
        principal.keyId() != null ? principal.keyId() : "static/" + principal.projectId();
    int wait = rateLimiter.acquire(bucket, perSecond);
    if (wait > 0) {
      rejectedSpans("rate_limited", spans);
      return CompletableFuture.completedFuture(
          new ExportResult.RateLimited(
              "rate limit of "
                  + perSecond
                  + " requests per second for this API key exceeded; retry after "
                  + wait
                  + " s",
              wait));
    }
    if (spans > config.maxSpansPerRequest()) {
      rejectedSpans("too_large", spans);
      return CompletableFuture.completedFuture(
          new ExportResult.TooLarge(
              "request holds "
                  + spans
                  + " spans; at most "
                  + config.maxSpansPerRequest()
                  + " are accepted per request"));
    }
    SpanLimits.Result limited =
        SpanLimits.apply(request, config.maxAttributes(), config.maxValueChars());
    truncated.increment(limited.truncations());
    int retentionDays = directory.retentionDays(principal.projectId());
    Instant oldest = Instant.now().minus(Duration.ofDays(retentionDays));
    SpanValidator.Result validated =
        SpanValidator.validate(
            limited.request(),
            oldest.getEpochSecond() * 1_000_000_000L + oldest.getNano(),
            retentionDays + " days: spans from " + oldest + " on are kept");
    if (validated.rejectedSpans() > 0) {
      meters
          .counter("boxscore.spans.rejected", "reason", "invalid")
          .increment(validated.rejectedSpans());
    }
    if (validated.acceptedSpans() == 0) {
      if (validated.rejectedSpans() > 0) {
        rejected("invalid");
        return CompletableFuture.completedFuture(
            new ExportResult.Invalid("no valid span in the request: " + validated.firstProblem()));
      }
      return CompletableFuture.completedFuture(new ExportResult.Accepted(0, 0, null));
    }
    return publisher
        .publish(principal.projectId(), validated.accepted())
        .<ExportResult>thenApply(
            ignored -> {
              received.increment(validated.acceptedSpans());
              return new ExportResult.Accepted(
                  validated.acceptedSpans(),
                  validated.rejectedSpans(),
                  validated.rejectedSpans() == 0
                      ? null
                      : validated.rejectedSpans()
                          + " invalid span(s) rejected; first: "
                          + validated.firstProblem());
            })
        .exceptionally(
            e -> {
              rejectedSpans("unavailable", validated.acceptedSpans());
              return new ExportResult.Unavailable(
                  "spans could not be queued, retry later: " + rootMessage(e));
            });
  }

  private static int countSpans(ExportTraceServiceRequest request) {
    int n = 0;
    for (ResourceSpans rs : request.getResourceSpansList()) {
      for (ScopeSpans ss : rs.getScopeSpansList()) {
        n += ss.getSpansCount();
      }
    }
    return n;
  }

  private static String rootMessage(Throwable e) {
    while (e.getCause() != null) {
      e = e.getCause();
    }
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }
}
