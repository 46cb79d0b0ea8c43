-- The aggregates of llm_minute_rollup/llm_hour_rollup keyed by model only (provider, request model, response model
-- and system fingerprint; no service or prompt), per minute and per hour in one table. The common questions (cost
-- by model, latency quantiles per model, silent swaps) group and filter by nothing else, and here they merge one
-- row per model and period instead of one per model x service x prompt version x fingerprint (90x fewer rows in the
-- benchmark, where merging the t-digest states of those rows was what cost the time). ClickHouseAnalyticsReader
-- reads this table whenever the question's group-by and filters allow it, the full rollups otherwise.
--
-- ORDER BY (project_id, resolution_s, period, provider, request_model, response_model, system_fingerprint): every
-- query is scoped to one project, one resolution (60 s or 3600 s, written by the two views 0011/0012) and a time
-- range, so those lead and prune the granules read; the rest is the identity of an aggregate row
-- (AggregatingMergeTree merges rows with equal sort keys). system_fingerprint is kept because swap detection needs
-- it and it changes rarely (few extra rows).
--
-- index_granularity = 256 (not the default 8192): a row's t-digest states are large and reading (deserializing)
-- them is most of a question's cost, so a question reads granules of 256 rows, not 8192 around the rows it asks for
-- (7 days of hour rows by model are about 1,000 rows; a default granule would read all 30 days' hour rows).
--
-- Aggregates as in llm_minute_rollup: t-digest quantile states (quantilesTDigest, documented relative error about
-- 1%, mergeable across periods and groups), so answers match the full rollups' within that error.
CREATE TABLE IF NOT EXISTS llm_model_rollup
(
    project_id             LowCardinality(String),
    resolution_s           UInt32,
    period                 DateTime('UTC'),
    provider               LowCardinality(String),
    request_model          LowCardinality(String),
    response_model         LowCardinality(String),
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
PARTITION BY toYYYYMM(period)
ORDER BY (project_id, resolution_s, period, provider, request_model, response_model, system_fingerprint)
SETTINGS index_granularity = 256
