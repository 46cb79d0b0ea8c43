-- Feeds llm_user_rollup from every insert into spans (user_id and session_id are spans' MATERIALIZED columns,
-- computed before the view sees the block). Like the other rollups' views it relies on ingest inserting each
-- span once.
CREATE MATERIALIZED VIEW IF NOT EXISTS llm_user_rollup_mv TO llm_user_rollup AS
SELECT
    project_id,
    user_id,
    session_id,
    toStartOfHour(start_time)                                          AS hour,
    llm_provider                                                       AS provider,
    request_model,
    response_model,
    count()                                                            AS calls,
    countIf(status_code = 'ERROR')                                     AS errors,
    countIf(usage_reported)                                            AS usage_calls,
    countIf(tokens_estimated)                                          AS estimated_calls,
    sum(input_tokens)                                                  AS input_tokens,
    sum(output_tokens)                                                 AS output_tokens,
    sum(cache_read_tokens)                                             AS cache_read_tokens,
    sum(cache_write_tokens)                                            AS cache_write_tokens,
    sum(reasoning_tokens)                                              AS reasoning_tokens,
    sum(duration_ns)                                                   AS duration_sum_ns,
    min(toDateTime64(start_time, 3, 'UTC'))                            AS first_seen,
    max(toDateTime64(start_time, 3, 'UTC'))                            AS last_seen,
    max(toDateTime64(start_time + toIntervalNanosecond(duration_ns), 3, 'UTC')) AS last_end,
    uniqState(trace_id)                                                AS traces,
    max(retention_days)                                                AS retention_days
FROM spans
WHERE is_llm AND (user_id != '' OR session_id != '')
GROUP BY project_id, user_id, session_id, hour, provider, request_model, response_model
