-- Rolls up into llm_model_rollup's coarse rows (5 minutes to a day) the LLM spans stored before the view 0085
-- existed; later spans reach them through it. As 0013: start-up migrations run before ingest starts here.
INSERT INTO llm_model_rollup
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
    FROM spans FINAL
    ARRAY JOIN [toUInt32(300), toUInt32(1800), toUInt32(10800), toUInt32(43200), toUInt32(86400)] AS resolution
    WHERE is_llm
      AND ingested_at < (SELECT max(applied_at) FROM schema_migrations FINAL WHERE version = 85)
)
GROUP BY project_id, resolution_s, period, provider, request_model, response_model, system_fingerprint
