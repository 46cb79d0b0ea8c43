-- Feeds llm_model_rollup's hour rows (resolution_s = 3600) from every insert into spans. As the other rollup views,
-- it sees each INSERT, not the merged table: it relies on ingest inserting each span once (its duplicate gate).
CREATE MATERIALIZED VIEW IF NOT EXISTS llm_model_rollup_hour_mv TO llm_model_rollup AS
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
FROM spans
WHERE is_llm
GROUP BY project_id, period, provider, request_model, response_model, system_fingerprint
