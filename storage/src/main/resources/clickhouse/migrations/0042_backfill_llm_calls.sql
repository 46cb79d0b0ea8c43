-- The LLM calls stored before the view of 0041 existed (later ones reach llm_calls through it). A call written both
-- here and by the view (stored in the instant between the two migrations) collapses at merges, and drift keeps it once
-- before that; so the engine's dedup of each insert block (optimize_on_insert) is not needed.
INSERT INTO llm_calls SETTINGS optimize_on_insert = 0
SELECT
    project_id,
    arrayJoin(if(response_model = '' OR response_model = request_model, [request_model],
                 [request_model, response_model]))         AS model,
    model = request_model                                  AS request_row,
    start_time,
    cityHash64(trace_id, span_id)                          AS call_hash,
    service,
    llm_provider,
    request_model,
    response_model,
    prompt_fingerprint,
    prompt_version,
    duration_ns,
    ttft_ms,
    status_code = 'ERROR'                                  AS is_error,
    usage_reported,
    tokens_estimated,
    input_tokens,
    output_tokens,
    cache_read_tokens,
    cache_write_tokens,
    reasoning_tokens,
    finish_reasons,
    retention_days,
    ingested_at
FROM spans FINAL
WHERE is_llm
