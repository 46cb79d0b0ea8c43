-- Every span, LLM or not, one row each. LLM spans carry the normalized LLM columns; the original attributes are
-- kept verbatim in `attributes`.
--
-- ReplacingMergeTree on (project_id, hour, trace_id, span_id): a span the client sent twice (OTLP retry) or that
-- ingest inserted twice (crash between insert and offset commit) collapses to one row; readers use FINAL so the
-- duplicate is never seen before the merge happens.
-- ORDER BY starts with project_id (every query is scoped to one project) and the hour of the span (time-range
-- listing in find_traces.sql reads only the hours asked for); trace_id, span_id make the row's identity.
-- idx_trace_id serves get_trace.sql, which looks a trace up by id without knowing its time.
CREATE TABLE IF NOT EXISTS spans
(
    project_id          LowCardinality(String),
    trace_id            String,
    span_id             String,
    parent_span_id      String,
    name                String,
    kind                Enum8('UNSPECIFIED' = 0, 'INTERNAL' = 1, 'SERVER' = 2, 'CLIENT' = 3, 'PRODUCER' = 4, 'CONSUMER' = 5),
    service             LowCardinality(String),
    scope_name          LowCardinality(String),
    scope_version       LowCardinality(String),
    start_time          DateTime64(9, 'UTC'),
    duration_ns         UInt64,
    status_code         Enum8('UNSET' = 0, 'OK' = 1, 'ERROR' = 2),
    status_message      String,
    attributes          Map(LowCardinality(String), String),
    resource_attributes Map(LowCardinality(String), String),
    events              String CODEC(ZSTD(3)),
    is_llm              Bool,
    llm_provider        LowCardinality(String),
    llm_operation       LowCardinality(String),
    request_model       LowCardinality(String),
    response_model      LowCardinality(String),
    usage_reported      Bool,
    input_tokens        UInt64,
    output_tokens       UInt64,
    cache_read_tokens   UInt64,
    cache_write_tokens  UInt64,
    reasoning_tokens    UInt64,
    cost_usd            Nullable(Decimal64(12)),
    ttft_ms             Nullable(Float64),
    finish_reasons      Array(LowCardinality(String)),
    response_id         String,
    streaming           Nullable(Bool),
    system_fingerprint  LowCardinality(String),
    prompt_fingerprint  LowCardinality(String),
    prompt_version      LowCardinality(String),
    llm_input           String CODEC(ZSTD(3)),
    llm_output          String CODEC(ZSTD(3)),
    ingested_at         DateTime64(3, 'UTC'),
    INDEX idx_trace_id trace_id TYPE bloom_filter(0.001) GRANULARITY 1
)
ENGINE = ReplacingMergeTree(ingested_at)
PARTITION BY toYYYYMM(start_time)
ORDER BY (project_id, toStartOfHour(start_time), trace_id, span_id)
