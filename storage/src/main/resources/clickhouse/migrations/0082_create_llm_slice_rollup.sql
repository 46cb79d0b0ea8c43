-- The aggregates of the rollups per service and per prompt (fingerprint and version), each with what a price is
-- looked up by (provider, request and response model), at seven resolutions. What the Analytics page asks most after
-- "by model" is "by service" and "by prompt version", and a service filter on "by model": the full rollups answer
-- those by merging one t-digest state per service x model x prompt x system fingerprint x period, and the states of
-- every row in the range are read even when a filter keeps a few. Here a "by service" question merges one state per
-- service x model x period.
--
-- slice: 'service' rows have prompt_fingerprint = prompt_version = ''; 'prompt' rows have service = ''. A question
-- reads one slice, chosen by ClickHouseAnalyticsReader from what it groups and filters by (SliceRollup).
--
-- resolution_s: 60, 300, 1800, 3600, 10800, 43200 and 86400: the UI's buckets (1 minute, 30 minutes, 3 hours,
-- 12 hours, 1 day), the hour, and 5 minutes for alert rules' usual windows (5, 10, 15 minutes). A question reads each
-- whole period of the largest resolution its bucket allows and the edges from the finer ones (RollupLevels): 30 days
-- of daily totals merge 30 rows per group instead of 720 hour rows (or 43,200 minutes), the 30-day chart's 12-hour
-- buckets 60.
--
-- ORDER BY (project_id, slice, resolution_s, period, service, prompt_fingerprint, prompt_version, provider,
-- request_model, response_model): one project, one slice, one resolution, then the time, so the few ranges of periods
-- a question reads (RollupLevels) are contiguous whatever the services: with the service ahead of the time, "by
-- service" read one granule per service, level and edge (70 granules of states for 5 services), 2.5 times the model
-- rollup's cost. A service filter reads the other services' rows of those periods too (a handful per period).
-- index_granularity 128: the states are what a question pays to read, and a granule's states are all read.
--
-- Aggregates as in llm_minute_rollup (the same t-digest states, documented relative error about 1%), so answers match
-- the full rollups' within that error; counts and token sums exactly.
CREATE TABLE IF NOT EXISTS llm_slice_rollup
(
    project_id             LowCardinality(String),
    slice                  LowCardinality(String),
    resolution_s           UInt32,
    service                LowCardinality(String),
    prompt_fingerprint     LowCardinality(String),
    prompt_version         LowCardinality(String),
    period                 DateTime('UTC'),
    provider               LowCardinality(String),
    request_model          LowCardinality(String),
    response_model         LowCardinality(String),
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
ORDER BY (project_id, slice, resolution_s, period, service, prompt_fingerprint, prompt_version, provider, request_model,
          response_model)
SETTINGS index_granularity = 128
