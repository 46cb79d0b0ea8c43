-- What the LLM calls of the listed traces (comma-separated hex ids) are priced by, with their token sums: one row per
-- trace, provider, request and response model and UTC day, as analytics price the rollups. The query-api prices
-- them at query time with the project's prices. Same time bounds as find_traces.sql, so the calls priced are the
-- calls it counted.
SELECT
    trace_id,
    llm_provider                                AS p_provider,
    request_model                               AS p_request_model,
    response_model                              AS p_response_model,
    toDate(start_time)                          AS p_day,
    count()                                     AS s_calls,
    countIf(status_code = 'ERROR')              AS s_errors,
    countIf(usage_reported OR tokens_estimated) AS s_token_calls,
    countIf(tokens_estimated)                   AS s_estimated_calls,
    sum(input_tokens)                           AS s_input,
    sum(output_tokens)                          AS s_output,
    sum(cache_read_tokens)                      AS s_cache_read,
    sum(cache_write_tokens)                     AS s_cache_write,
    sum(reasoning_tokens)                       AS s_reasoning
FROM spans FINAL
WHERE project_id = {project:String}
  AND trace_id IN (SELECT arrayJoin(splitByChar(',', {trace_ids:String})))
  AND start_time >= fromUnixTimestamp64Nano({from_ns:Int64}, 'UTC')
  AND start_time < fromUnixTimestamp64Nano({to_ns:Int64}, 'UTC')
  AND is_llm
GROUP BY trace_id, p_provider, p_request_model, p_response_model, p_day
