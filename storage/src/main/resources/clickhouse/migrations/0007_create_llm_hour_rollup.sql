-- The same aggregates as llm_minute_rollup per hour: long ranges read whole hours from here (24x fewer rows) and
-- only the partial hours at their edges from the minute table (see rollup_stats.sql), so a 7-day or 30-day
-- dashboard stays fast as data grows.
--
-- ORDER BY (project_id, hour, service, provider, request_model, response_model, prompt_fingerprint,
-- prompt_version, system_fingerprint): as llm_minute_rollup, project and time first to prune, then the identity of
-- an aggregate row.
CREATE TABLE IF NOT EXISTS llm_hour_rollup
(
    project_id             LowCardinality(String),
    hour                   DateTime('UTC'),
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
PARTITION BY toYYYYMM(hour)
ORDER BY (project_id, hour, service, provider, request_model, response_model, prompt_fingerprint, prompt_version,
          system_fingerprint)
