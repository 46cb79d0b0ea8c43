-- Rolls up the LLM spans stored before the view 0083 existed; later spans reach llm_slice_rollup through it. As
-- 0013: spans a second process inserted in the instant between creating the view and recording it could be counted
-- twice; start-up migrations run before ingest starts here.
INSERT INTO llm_slice_rollup
SELECT
    project_id,
    slice,
    resolution_s,
    k_service                                                          AS service,
    k_prompt_fingerprint                                               AS prompt_fingerprint,
    k_prompt_version                                                   AS prompt_version,
    k_period                                                           AS period,
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
    countIf(ttft_ms IS NOT NULL)                                       AS ttft_calls,
    quantilesTDigestState(0.5, 0.9, 0.95, 0.99)(duration_ns)          AS duration_q,
    quantilesTDigestIfState(0.5, 0.95)(ifNull(ttft_ms, 0.), toUInt8(ttft_ms IS NOT NULL)) AS ttft_q,
    sumMap(tuple(CAST(finish_reasons, 'Array(String)'), arrayMap(r -> toUInt64(1), finish_reasons))) AS finish_reasons
FROM
(
    SELECT
        project_id,
        cut.1                                                          AS slice,
        cut.2                                                          AS resolution_s,
        if(cut.1 = 'service', service, '')                             AS k_service,
        if(cut.1 = 'prompt', prompt_fingerprint, '')                   AS k_prompt_fingerprint,
        if(cut.1 = 'prompt', prompt_version, '')                       AS k_prompt_version,
        toDateTime(intDiv(toUnixTimestamp(toDateTime(start_time, 'UTC')), cut.2) * cut.2, 'UTC') AS k_period,
        llm_provider, request_model, response_model, status_code, usage_reported, tokens_estimated, input_tokens,
        output_tokens, cache_read_tokens, cache_write_tokens, reasoning_tokens, duration_ns, ttft_ms, finish_reasons
    FROM spans FINAL
    ARRAY JOIN [('service', toUInt32(60)), ('service', toUInt32(300)), ('service', toUInt32(1800)),
                ('service', toUInt32(3600)), ('service', toUInt32(10800)), ('service', toUInt32(43200)),
                ('service', toUInt32(86400)), ('prompt', toUInt32(60)), ('prompt', toUInt32(300)),
                ('prompt', toUInt32(1800)), ('prompt', toUInt32(3600)), ('prompt', toUInt32(10800)),
                ('prompt', toUInt32(43200)), ('prompt', toUInt32(86400))] AS cut
    WHERE is_llm
      AND ingested_at < (SELECT max(applied_at) FROM schema_migrations FINAL WHERE version = 83)
)
GROUP BY project_id, slice, resolution_s, service, prompt_fingerprint, prompt_version, period, provider,
         request_model, response_model
