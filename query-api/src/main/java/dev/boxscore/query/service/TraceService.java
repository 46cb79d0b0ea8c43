package dev.boxscore.query.service;

import dev.boxscore.query.api.ModelsResponse;
import dev.boxscore.query.api.ServicesResponse;
import dev.boxscore.query.api.TraceListResponse;
import dev.boxscore.query.api.TraceResponse;
import dev.boxscore.query.config.QueryConfig;
import dev.boxscore.query.mapping.TraceApiMapper;
import dev.boxscore.storage.SpanRow;
import dev.boxscore.storage.TracePage;
import dev.boxscore.storage.TraceQuery;
import dev.boxscore.storage.TraceReader;
import dev.boxscore.storage.clickhouse.ClickHouseStorage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Trace search and retrieval for one project at a time. */
@ApplicationScoped
public class TraceService {
  private final Instance<ClickHouseStorage> storage;
  private final QueryConfig config;

  TraceService(Instance<ClickHouseStorage> storage, QueryConfig config) {
    this.storage = storage;
    this.config = config;
  }

  private TraceReader reader() {
    return storage.get().traceReader();
  }

  public TraceListResponse find(TraceQuery query) {
    TracePage page = reader().findTraces(query);
    return new TraceListResponse(
        page.traces().stream().map(TraceApiMapper::summary).toList(),
        page.next() == null ? null : page.next().encode());
  }

  public Optional<TraceResponse> get(String projectId, String traceId) {
    List<SpanRow> spans = reader().getTrace(projectId, traceId, config.maxSpansPerTrace());
    if (spans.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new TraceResponse(traceId, spans.stream().map(TraceApiMapper::span).toList()));
  }

  public ServicesResponse services(String projectId, Instant since) {
    return new ServicesResponse(reader().services(projectId, since));
  }

  public ModelsResponse models(String projectId, Instant since) {
    return new ModelsResponse(reader().models(projectId, since));
  }
}
