-- Rolls up the LLM spans stored before the views 0011 (minutes) and 0012 (hours) existed; later spans reach
-- llm_model_rollup through those views. Each resolution takes the spans ingested before its own view was recorded.
-- As 0005/0009: spans a second process inserted in the instant between creating a view and recording it could be
-- counted twice; start-up migrations run before ingest starts here.
INSERT INTO llm_model_rollup
SELECT
    project_id,
    toUInt32(60)                                                       AS resolution_s,
    toStartOfMinute(start_time) AS period,
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
FROM spans FINAL
WHERE is_llm
  AND ingested_at < (SELECT max(applied_at) FROM schema_migrations FINAL WHERE version = 11)
GROUP BY project_id, period, provider, request_model, response_model, system_fingerprint
UNION ALL
SELECT
    project_id,
    toUInt32(3600)                                                     AS resolution_s,
    toStartOfHour(start_time) AS period,
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
FROM spans FINAL
WHERE is_llm
  AND ingested_at < (SELECT max(applied_at) FROM schema_migrations FINAL WHERE version = 12)
GROUP BY project_id, period, provider, request_model, response_model, system_fingerprint
