-- One narrow row per LLM call: what /drift samples (raw calls, not aggregates, because its tests compare whole
-- distributions). Filled by the view of 0041 from what ingest stores in spans; spans stays the record, this table only
-- makes "the calls of model X in these hours" cheap to read: spans is ordered by hour first, so drift read every span
-- of the hours it compares (every model's LLM calls, and all non-LLM spans) to keep the subject's calls.
--
-- ORDER BY (project_id, request_model, hour, call_hash): every read is one project's; the request model clusters each
-- model's calls, so a question naming a request model reads only its rows (primary key) and one naming "model X"
-- (asked for or answered by X, say gpt-4o answered by gpt-4o-2024-08-06) reads only the granules whose
-- (request model, response model) pairs can match (idx_models, a set of the pairs per granule, is exact for that OR);
-- the hour next prunes to the windows asked for. call_hash = cityHash64(trace_id, span_id) is the call's identity
-- (ReplacingMergeTree collapses a span stored twice at merges) and the order of drift's reproducible pseudo-random
-- sample; 8 bytes instead of the two id strings. A 64-bit collision of two calls of one model in one hour (about 3e-8
-- at a million calls) would drop one call from drift's sample only.
--
-- index_granularity = 1024 (not 8192): one model's hour is a few thousand rows, and a question reads the granules
-- around the hours it asks for. Kept for the project's retention like spans (retention_days copied from the span).
--
-- Sorted by hash, times and counters are random within a granule: start_time is kept in milliseconds (drift's
-- windows are whole milliseconds, and the cast truncates, so a call stays in the same window) and counters use T64
-- (drops the unused high bits) before ZSTD.
CREATE TABLE IF NOT EXISTS llm_calls
(
    project_id          LowCardinality(String),
    start_time          DateTime64(3, 'UTC') CODEC(T64, ZSTD(1)),
    call_hash           UInt64,
    service             LowCardinality(String),
    llm_provider        LowCardinality(String),
    request_model       LowCardinality(String),
    response_model      LowCardinality(String),
    prompt_fingerprint  LowCardinality(String),
    prompt_version      LowCardinality(String),
    duration_ns         UInt64 CODEC(T64, ZSTD(1)),
    ttft_ms             Nullable(Float64) CODEC(ZSTD(1)),
    is_error            Bool,
    usage_reported      Bool,
    tokens_estimated    Bool,
    input_tokens        UInt64 CODEC(T64, ZSTD(1)),
    output_tokens       UInt64 CODEC(T64, ZSTD(1)),
    cache_read_tokens   UInt64 CODEC(T64, ZSTD(1)),
    cache_write_tokens  UInt64 CODEC(T64, ZSTD(1)),
    reasoning_tokens    UInt64 CODEC(T64, ZSTD(1)),
    finish_reasons      Array(LowCardinality(String)),
    retention_days      UInt16 DEFAULT 30,
    ingested_at         DateTime64(3, 'UTC'),
    INDEX idx_models (request_model, response_model) TYPE set(16) GRANULARITY 1
)
ENGINE = ReplacingMergeTree(ingested_at)
PARTITION BY toYYYYMM(start_time)
ORDER BY (project_id, request_model, toStartOfHour(start_time), call_hash)
TTL toDateTime(start_time) + toIntervalDay(retention_days)
SETTINGS index_granularity = 1024
