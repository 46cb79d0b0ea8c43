-- Feeds llm_model_rollup's 5-minute, 30-minute, 3-hour, 12-hour and daily rows (resolution_s 300, 1800, 10800,
-- 43200, 86400: the UI's chart and total buckets, and alert rules' usual windows) from every insert into spans, next
-- to the minute and hour rows of 0011/0012: 30 days of totals by model merge 30 daily rows per model instead of 720
-- hourly ones (see RollupLevels). Periods are aligned to the Unix epoch, as the questions' buckets are. As the other
-- rollups' views, it relies on ingest inserting each span once.
CREATE MATERIALIZED VIEW IF NOT EXISTS llm_model_rollup_coarse_mv TO llm_model_rollup AS
SELECT
    project_id,
    resolution_s,
    k_period                                                           AS period,
    llm_provider                                                       AS provider,
    request_model,
    response_model,
    system_fingerprint,
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
    countIf(ttft_ms IS NOT NULL)                                       AS ttft_calls,
    quantilesTDigestState(0.5, 0.9, 0.95, 0.99)(duration_ns)          AS duration_q,
    quantilesTDigestIfState(0.5, 0.95)(ifNull(ttft_ms, 0.), toUInt8(ttft_ms IS NOT NULL)) AS ttft_q,
    sumMap(tuple(CAST(finish_reasons, 'Array(String)'), arrayMap(r -> toUInt64(1), finish_reasons))) AS finish_reasons
FROM
(
    SELECT
        project_id,
        resolution                                                     AS resolution_s,
        toDateTime(intDiv(toUnixTimestamp(toDateTime(start_time, 'UTC')), resolution) * resolution, 'UTC') AS k_period,
        llm_provider, request_model, response_model, system_fingerprint, status_code, usage_reported,
        tokens_estimated, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, reasoning_tokens,
        duration_ns, ttft_ms, finish_reasons
    FROM spans
    ARRAY JOIN [toUInt32(300), toUInt32(1800), toUInt32(10800), toUInt32(43200), toUInt32(86400)] AS resolution
    WHERE is_llm
)
GROUP BY project_id, resolution_s, period, provider, request_model, response_model, system_fingerprint
