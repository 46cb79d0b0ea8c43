package dev.boxscore.storage.clickhouse;

import com.clickhouse.client.api.data_formats.RowBinaryFormatWriter;
import com.clickhouse.client.api.query.GenericRecord;
import dev.boxscore.storage.SpanRow;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/** Maps {@link SpanRow} to and from the columns of the {@code spans} table. */
final class SpanRowMapper {
  private SpanRowMapper() {}

  static void write(RowBinaryFormatWriter out, SpanRow row, int retentionDays) throws IOException {
    out.setValue("project_id", row.projectId());
    out.setValue("trace_id", row.traceId());
    out.setValue("span_id", row.spanId());
    out.setValue("parent_span_id", row.parentSpanId());
    out.setValue("name", row.name());
    out.setValue("kind", row.kind());
    out.setValue("service", row.service());
    out.setValue("scope_name", row.scopeName());
    out.setValue("scope_version", row.scopeVersion());
    out.setValue("start_time", utc(row.startTime()));
    out.setValue("duration_ns", row.durationNanos());
    out.setValue("status_code", row.statusCode());
    out.setValue("status_message", row.statusMessage());
    out.setValue("attributes", row.attributes());
    out.setValue("resource_attributes", row.resourceAttributes());
    out.setValue("events", row.eventsJson());
    out.setValue("is_llm", row.isLlm());
    out.setValue("llm_provider", row.llmProvider());
    out.setValue("llm_operation", row.llmOperation());
    out.setValue("request_model", row.requestModel());
    out.setValue("response_model", row.responseModel());
    out.setValue("usage_reported", row.usageReported());
    out.setValue("input_tokens", row.inputTokens());
    out.setValue("output_tokens", row.outputTokens());
    out.setValue("cache_read_tokens", row.cacheReadTokens());
    out.setValue("cache_write_tokens", row.cacheWriteTokens());
    out.setValue("reasoning_tokens", row.reasoningTokens());
    out.setValue("cost_usd", row.costUsd());
    out.setValue("ttft_ms", row.timeToFirstTokenMs());
    out.setValue("finish_reasons", row.finishReasons());
    out.setValue("response_id", row.responseId());
    out.setValue("streaming", row.streaming());
    out.setValue("system_fingerprint", row.systemFingerprint());
    out.setValue("prompt_fingerprint", row.promptFingerprint());
    out.setValue("prompt_version", row.promptVersion());
    out.setValue("llm_input", row.llmInput());
    out.setValue("llm_output", row.llmOutput());
    out.setValue("ingested_at", utc(row.ingestedAt()));
    out.setValue("tokens_estimated", row.tokensEstimated());
    out.setValue("retention_days", retentionDays);
    out.commitRow();
  }

  /** Reads a row of get_trace.sql (which selects every column but project_id and ingested_at). */
  static SpanRow read(String projectId, GenericRecord r) {
    return new SpanRow(
        projectId,
        r.getString("trace_id"),
        r.getString("span_id"),
        r.getString("parent_span_id"),
        r.getString("name"),
        r.getString("kind"),
        r.getString("service"),
        r.getString("scope_name"),
        r.getString("scope_version"),
        r.getInstant("start_time"),
        r.getLong("duration_ns"),
        r.getString("status_code"),
        r.getString("status_message"),
        stringMap(r.getObject("attributes")),
        stringMap(r.getObject("resource_attributes")),
        r.getString("events"),
        r.getBoolean("is_llm"),
        r.getString("llm_provider"),
        r.getString("llm_operation"),
        r.getString("request_model"),
        r.getString("response_model"),
        r.getBoolean("usage_reported"),
        r.getLong("input_tokens"),
        r.getLong("output_tokens"),
        r.getLong("cache_read_tokens"),
        r.getLong("cache_write_tokens"),
        r.getLong("reasoning_tokens"),
        r.hasValue("cost_usd") ? r.getBigDecimal("cost_usd").stripTrailingZeros() : null,
        r.hasValue("ttft_ms") ? r.getDouble("ttft_ms") : null,
        r.getList("finish_reasons"),
        r.getString("response_id"),
        r.hasValue("streaming") ? r.getBoolean("streaming") : null,
        r.getString("system_fingerprint"),
        r.getString("prompt_fingerprint"),
        r.getString("prompt_version"),
        r.getString("llm_input"),
        r.getString("llm_output"),
        null,
        r.getBoolean("tokens_estimated"));
  }

  static ZonedDateTime utc(Instant instant) {
    return instant.atZone(ZoneOffset.UTC);
  }

  static BigDecimal decimal(GenericRecord r, String column) {
    return r.getBigDecimal(column).stripTrailingZeros();
  }

  private static Map<String, String> stringMap(Object value) {
    Map<String, String> out = new LinkedHashMap<>();
    if (value instanceof Map<?, ?> map) {
      map.forEach((k, v) -> out.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
    }
    return out;
  }
}
