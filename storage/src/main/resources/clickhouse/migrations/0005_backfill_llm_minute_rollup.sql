-- Rolls up the LLM spans stored before the view existed (migration 0004 was recorded right after it created the
-- view; later spans reach the rollup through the view). Spans a second process inserted in the instant between
-- creating the view and recording it could be counted twice; start-up migrations run before ingest starts here.
INSERT INTO llm_minute_rollup
SELECT
    project_id,
    toStartOfMinute(start_time)                                        AS minute,
    service,
    llm_provider                                                       AS provider,
    request_model,
    response_model,
    prompt_fingerprint,
    prompt_version,
    system_fingerprint,
    count(),
    countIf(status_code = 'ERROR'),
    countIf(usage_reported),
    countIf(tokens_estimated),
    sum(input_tokens),
    sum(output_tokens),
    sum(cache_read_tokens),
    sum(cache_write_tokens),
    sum(reasoning_tokens),
    sum(duration_ns),
    countIf(ttft_ms IS NOT NULL),
    quantilesTDigestState(0.5, 0.9, 0.95, 0.99)(duration_ns),
    quantilesTDigestIfState(0.5, 0.95)(ifNull(ttft_ms, 0.), toUInt8(ttft_ms IS NOT NULL)),
    sumMap(tuple(CAST(finish_reasons, 'Array(String)'), arrayMap(r -> toUInt64(1), finish_reasons)))
FROM spans FINAL
WHERE is_llm
  AND ingested_at < (SELECT max(applied_at) FROM schema_migrations FINAL WHERE version = 4)
GROUP BY project_id, minute, service, provider, request_model, response_model, prompt_fingerprint, prompt_version,
         system_fingerprint
