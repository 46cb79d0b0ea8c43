-- One narrow row per LLM call and model it answers to: what /drift samples (raw calls, not aggregates, because its
-- tests compare whole distributions). Filled by the view of 0041 from what ingest stores in spans; spans stays the
-- record, this table only makes "the calls of model X in these hours" cheap to read: spans is ordered by hour first,
-- so drift read every span of the hours it compares (every model's LLM calls, and all non-LLM spans) to keep the
-- subject's calls.
--
-- A call is written once under its request model (request_row = true) and, when the provider answered with another
-- model (gpt-4o -> gpt-4o-2024-08-06), once more under its response model: a question about model X ("request or
-- response model is X") then reads only the rows keyed X, and each call is among them at most once. A question that
-- names no model reads the request rows only.
--
-- Measured against the alternatives (one row per call with a rollup subquery listing the request models a response
-- model answered, or a skip index of model pairs): the second row costs ~0.3 s of insert per 333k spans and no
-- extra read; the subquery added two table reads to every drift question, the index 1.7 s per 333k spans inserted.
--
-- ORDER BY (project_id, model, hour, call_hash): every read is one project's; the model leads so a drift question
-- about one model reads that model's rows only; the hour next prunes to the windows asked for (drift reads the same
-- hour on 8 days). call_hash = cityHash64(trace_id, span_id) is the call's identity (ReplacingMergeTree collapses a
-- span stored twice at merges; drift keeps it once before that) and the order of drift's reproducible pseudo-random
-- sample; 8 bytes instead of the two id strings. A 64-bit collision of two calls of one model in one hour (about 3e-8
-- at a million calls) would drop one call from drift's sample only.
--
-- index_granularity = 1024 (not 8192): one model's hour is a few thousand rows, and a question reads the granules
-- around the hours it asks for. Kept for the project's retention like spans (retention_days copied from the span).
--
-- Sorted by hash, times and counters are random within a granule: start_time is kept in milliseconds (drift's
-- windows are whole milliseconds, and the cast truncates, so a call stays in the same window) and counters use T64
-- (drops the unused high bits) before ZSTD: in the benchmark (15M rows) 398 MiB instead of 556 MiB with the defaults.
CREATE TABLE IF NOT EXISTS llm_calls
(
    project_id          LowCardinality(String),
    model               LowCardinality(String),
    request_row         Bool,
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
ORDER BY (project_id, model, toStartOfHour(start_time), call_hash)
TTL toDateTime(start_time) + toIntervalDay(retention_days)
SETTINGS index_granularity = 1024
