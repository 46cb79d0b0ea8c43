package dev.boxscore.query.service;

import dev.boxscore.query.api.ModelsResponse;
import dev.boxscore.query.api.ServicesResponse;
import dev.boxscore.query.api.TraceListResponse;
import dev.boxscore.query.api.TraceResponse;
import dev.boxscore.query.config.QueryConfig;
import dev.boxscore.query.mapping.TraceApiMapper;
import dev.boxscore.query.scope.ProjectScope;
import dev.boxscore.storage.SpanRow;
import dev.boxscore.storage.TracePage;
import dev.boxscore.storage.TraceQuery;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Trace search and retrieval in the caller's project (the only project {@link ProjectScope} hands out). */
@ApplicationScoped
public class TraceService {
  private final ProjectScope scope;
  private final QueryConfig config;

  TraceService(ProjectScope scope, QueryConfig config) {
    this.scope = scope;
    this.config = config;
  }

  public TraceListResponse find(TraceQuery query) {
    TracePage page = scope.traces().findTraces(query);
    return new TraceListResponse(
        page.traces().stream().map(TraceApiMapper::summary).toList(),
        page.next() == null ? null : page.next().encode());
  }

  public Optional<TraceResponse> get(String traceId) {
    List<SpanRow> spans = scope.traces().getTrace(traceId, config.maxSpansPerTrace());
    if (spans.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new TraceResponse(traceId, spans.stream().map(TraceApiMapper::span).toList()));
  }

  public ServicesResponse services(Instant since) {
    return new ServicesResponse(scope.traces().services(since));
  }

  public ModelsResponse models(Instant since) {
    return new ModelsResponse(scope.traces().models(since));
  }
}
