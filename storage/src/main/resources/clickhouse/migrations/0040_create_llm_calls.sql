-- One narrow row per LLM call: what /drift samples (raw calls, not aggregates, because its tests compare whole
-- distributions). Filled by the view of 0041 from what ingest stores in spans; spans stays the record, this table only
-- makes "the calls of model X in these hours" cheap to read.
--
-- ORDER BY (project_id, request_model, hour, call_hash): every read is one project's; the request model leads so a
-- drift question about one model reads that model's rows and not the hour's other models' (drift reads the same hour
-- on 8 days: ordered by hour first, as spans is, it read every model's calls of those hours to keep a sixth of them in
-- the benchmark); a question naming a response model reads the request models that model answered (drift_samples.sql
-- finds them in llm_model_rollup); the hour next prunes to the windows asked for. call_hash = cityHash64(trace_id,
-- span_id) is the call's identity (ReplacingMergeTree collapses a span stored twice at merges) and the order of drift's
-- reproducible pseudo-random sample; 8 bytes instead of the two id strings. A 64-bit collision of two calls of one
-- model in one hour (about 3e-8 at a million calls) would drop one call from drift's sample only.
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
    ingested_at         DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(ingested_at)
PARTITION BY toYYYYMM(start_time)
ORDER BY (project_id, request_model, toStartOfHour(start_time), call_hash)
TTL toDateTime(start_time) + toIntervalDay(retention_days)
SETTINGS index_granularity = 1024
