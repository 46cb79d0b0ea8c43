package dev.boxscore.collector.service;

import dev.boxscore.auth.ApiKeys;
import dev.boxscore.auth.Principal;
import dev.boxscore.auth.Scope;
import dev.boxscore.collector.kafka.SpanPublisher;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** What happens to an OTLP export, whichever transport brought it: authenticate, validate, publish. */
@ApplicationScoped
public class TraceExportService {
  private final ApiKeys apiKeys;
  private final SpanPublisher publisher;

  TraceExportService(ApiKeys apiKeys, SpanPublisher publisher) {
    this.apiKeys = apiKeys;
    this.publisher = publisher;
  }

  /** The principal of an {@code Authorization} header, if it may ingest. */
  public Optional<Principal> authenticate(String authorizationHeader) {
    return ApiKeys.bearerToken(authorizationHeader)
        .flatMap(apiKeys::authenticate)
        .filter(principal -> principal.may(Scope.INGEST));
  }

  public static ExportResult.Unauthorized unauthorized() {
    return new ExportResult.Unauthorized(
        "missing or invalid API key: send the header 'Authorization: Bearer <key>' with a key that may ingest");
  }

  /** Validates and publishes; completes once Kafka acknowledged every accepted span, or failed. */
  public CompletionStage<ExportResult> export(Principal principal, ExportTraceServiceRequest request) {
    SpanValidator.Result validated = SpanValidator.validate(request);
    if (validated.acceptedSpans() == 0) {
      if (validated.rejectedSpans() > 0) {
        return CompletableFuture.completedFuture(
            new ExportResult.Invalid("no valid span in the request: " + validated.firstProblem()));
      }
      return CompletableFuture.completedFuture(new ExportResult.Accepted(0, 0, null));
    }
    return publisher
        .publish(principal.projectId(), validated.accepted())
        .<ExportResult>thenApply(
            ignored ->
                new ExportResult.Accepted(
                    validated.acceptedSpans(),
                    validated.rejectedSpans(),
                    validated.rejectedSpans() == 0
                        ? null
                        : validated.rejectedSpans() + " invalid span(s) rejected; first: " + validated.firstProblem()))
        .exceptionally(e -> new ExportResult.Unavailable("spans could not be queued, retry later: " + rootMessage(e)));
  }

  private static String rootMessage(Throwable e) {
    while (e.getCause() != null) {
      e = e.getCause();
    }
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }
}
