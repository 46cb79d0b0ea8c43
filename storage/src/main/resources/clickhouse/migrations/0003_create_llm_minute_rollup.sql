-- Per-minute aggregates of LLM calls, the source of /metrics, /compare, /what-if and swap detection, so those
-- answers read a few rows per minute instead of every span.
--
-- Cost is NOT stored: the token sums are priced at query time with the price valid on the bucket's day (built-in
-- catalog plus the project's own prices), so a corrected or new price re-prices history without rewriting data.
-- The token class sums are kept per (provider, request model, response model) because that is what a price is
-- looked up by.
--
-- ORDER BY (project_id, minute, service, provider, request_model, response_model, prompt_fingerprint,
-- prompt_version, system_fingerprint): every query is scoped to one project and a time range, so those lead and
-- prune the granules read; the remaining columns are the rollup's identity (AggregatingMergeTree merges rows with
-- equal sort keys). system_fingerprint is last: it changes rarely, so it adds few rows, and swap detection needs it.
--
-- Aggregates: sums as SimpleAggregateFunction(sum); latency and time to first token as t-digest states
-- (quantilesTDigest: mergeable across minutes and groups, small, documented relative error about 1%);
-- finish reasons as sumMap of (reason, count).
CREATE TABLE IF NOT EXISTS llm_minute_rollup
(
    project_id             LowCardinality(String),
    minute                 DateTime('UTC'),
    service                LowCardinality(String),
    provider               LowCardinality(String),
    request_model          LowCardinality(String),
    response_model         LowCardinality(String),
    prompt_fingerprint     LowCardinality(String),
    prompt_version         LowCardinality(String),
    system_fingerprint     LowCardinality(String),
    calls                  SimpleAggregateFunction(sum, UInt64),
    errors                 SimpleAggregateFunction(sum, UInt64),
    usage_calls            SimpleAggregateFunction(sum, UInt64),
    estimated_calls        SimpleAggregateFunction(sum, UInt64),
    input_tokens           SimpleAggregateFunction(sum, UInt64),
    output_tokens          SimpleAggregateFunction(sum, UInt64),
    cache_read_tokens      SimpleAggregateFunction(sum, UInt64),
    cache_write_tokens     SimpleAggregateFunction(sum, UInt64),
    reasoning_tokens       SimpleAggregateFunction(sum, UInt64),
    duration_sum_ns        SimpleAggregateFunction(sum, UInt64),
    ttft_calls             SimpleAggregateFunction(sum, UInt64),
    duration_q             AggregateFunction(quantilesTDigest(0.5, 0.9, 0.95, 0.99), UInt64),
    ttft_q                 AggregateFunction(quantilesTDigestIf(0.5, 0.95), Float64, UInt8),
    finish_reasons         SimpleAggregateFunction(sumMap, Tuple(Array(String), Array(UInt64)))
)
ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(minute)
ORDER BY (project_id, minute, service, provider, request_model, response_model, prompt_fingerprint, prompt_version,
          system_fingerprint)
