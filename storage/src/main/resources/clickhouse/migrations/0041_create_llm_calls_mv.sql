-- Feeds llm_calls from every insert into spans: one row per LLM span under its request model, and one more under its
-- response model when that differs (see 0040). As the rollups' views, it sees each INSERT and relies on ingest
-- inserting each span once (its duplicate gate); a span inserted twice anyway collapses at merges, and drift keeps it
-- once before that.
CREATE MATERIALIZED VIEW IF NOT EXISTS llm_calls_mv TO llm_calls AS
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
FROM spans
WHERE is_llm
