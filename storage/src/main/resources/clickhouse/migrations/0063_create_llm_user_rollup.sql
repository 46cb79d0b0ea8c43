-- LLM calls per end user, conversation (session), hour and what a price is looked up by: what /users and
-- /sessions read, and analytics grouped or filtered by user or session. The model rollups cannot take the user:
-- one row per user per hour would multiply their rows by the number of users.
--
-- ORDER BY (project_id, user_id, session_id, hour, provider, request_model, response_model): a user's cost over 30
-- days reads that user's rows only; a session is found through idx_session (its user is not known beforehand).
-- Calls with neither a user nor a session are not kept here. Kept for the project's retention like spans.
CREATE TABLE IF NOT EXISTS llm_user_rollup
(
    project_id             LowCardinality(String),
    user_id                String,
    session_id             String,
    hour                   DateTime('UTC'),
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
    first_seen             SimpleAggregateFunction(min, DateTime64(3, 'UTC')),
    last_seen              SimpleAggregateFunction(max, DateTime64(3, 'UTC')),
    last_end               SimpleAggregateFunction(max, DateTime64(3, 'UTC')),
    traces                 AggregateFunction(uniq, String),
    retention_days         SimpleAggregateFunction(max, UInt16),
    INDEX idx_session session_id TYPE bloom_filter(0.01) GRANULARITY 1
)
ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(hour)
ORDER BY (project_id, user_id, session_id, hour, provider, request_model, response_model)
TTL hour + toIntervalDay(retention_days)
