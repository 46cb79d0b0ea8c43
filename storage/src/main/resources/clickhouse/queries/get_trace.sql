-- Every span of one trace, in start order.
SELECT
    trace_id, span_id, parent_span_id, name, toString(kind) AS kind, service, scope_name, scope_version,
    start_time, duration_ns, toString(status_code) AS status_code, status_message,
    attributes, resource_attributes, events,
    is_llm, llm_provider, llm_operation, request_model, response_model, usage_reported,
    input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, reasoning_tokens,
    cost_usd, ttft_ms, finish_reasons, response_id, streaming, system_fingerprint,
    prompt_fingerprint, prompt_version, llm_input, llm_output, tokens_estimated
FROM spans FINAL
WHERE project_id = {project:String}
  AND trace_id = {trace_id:String}
ORDER BY start_time, span_id
LIMIT {limit:UInt32}
