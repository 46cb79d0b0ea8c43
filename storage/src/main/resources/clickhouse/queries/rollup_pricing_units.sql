-- Token sums per time bucket, requested dimensions, and what a price is looked up by (provider, request and
-- response model, UTC day): the query-api prices each row with the price valid on its day.
SELECT
    toStartOfInterval(minute, toIntervalSecond({bucket_s:UInt32}))              AS g_bucket,
    if({by_service:Bool}, service, '')                                         AS g_service,
    if({by_provider:Bool}, provider, '')                                       AS g_provider,
    if({by_model:Bool}, if(response_model != '', response_model, request_model), '') AS g_model,
    if({by_request_model:Bool}, request_model, '')                             AS g_request_model,
    if({by_response_model:Bool}, response_model, '')                           AS g_response_model,
    if({by_prompt_fingerprint:Bool}, prompt_fingerprint, '')                   AS g_prompt_fingerprint,
    if({by_prompt_version:Bool}, prompt_version, '')                           AS g_prompt_version,
    -- A call under each model it answers to (see Dimension.MODEL_KEY); one row as it is otherwise.
    arrayJoin(if({by_model_key:Bool},
                 arrayDistinct([request_model, if(response_model != '', response_model, request_model)]),
                 ['']))                                                        AS g_model_key,
    provider                                            AS p_provider,
    request_model                                       AS p_request_model,
    response_model                                      AS p_response_model,
    toDate(minute)                                      AS p_day,
    sum(calls)                                          AS s_calls,
    sum(usage_calls) + sum(estimated_calls)             AS s_token_calls,
    sum(errors)                                         AS s_errors,
    sum(estimated_calls)                                AS s_estimated_calls,
    sum(input_tokens)                                   AS s_input,
    sum(output_tokens)                                  AS s_output,
    sum(cache_read_tokens)                              AS s_cache_read,
    sum(cache_write_tokens)                             AS s_cache_write,
    sum(reasoning_tokens)                               AS s_reasoning
FROM
(
    -- Whole hours [hours_from_s, hours_to_s) from the hour table (an empty range when the bucket is under an
    -- hour), the minutes before and after them from the minute table. Written as two key ranges so the primary
    -- key skips the minute rows the hour table covers (their digest states are the costly part to read).
    SELECT minute, service, provider, request_model, response_model, prompt_fingerprint, prompt_version, system_fingerprint, calls, errors, usage_calls, estimated_calls, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, reasoning_tokens, duration_sum_ns, ttft_calls, duration_q, ttft_q, finish_reasons
    FROM llm_minute_rollup
    WHERE project_id = {project:String}
      AND ((minute >= toDateTime({from_s:Int64}, 'UTC') AND minute < toDateTime({hours_from_s:Int64}, 'UTC'))
           OR (minute >= toDateTime({hours_to_s:Int64}, 'UTC') AND minute < toDateTime({to_s:Int64}, 'UTC')))
    UNION ALL
    SELECT hour AS minute, service, provider, request_model, response_model, prompt_fingerprint, prompt_version, system_fingerprint, calls, errors, usage_calls, estimated_calls, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, reasoning_tokens, duration_sum_ns, ttft_calls, duration_q, ttft_q, finish_reasons
    FROM llm_hour_rollup
    WHERE project_id = {project:String}
      AND hour >= toDateTime({hours_from_s:Int64}, 'UTC')
      AND hour < toDateTime({hours_to_s:Int64}, 'UTC')
)
WHERE ({service:String} = '' OR service = {service:String})
  AND ({provider:String} = '' OR provider = {provider:String})
  AND ({model:String} = '' OR request_model = {model:String} OR response_model = {model:String})
  AND ({request_model:String} = '' OR request_model = {request_model:String})
  AND ({response_model:String} = '' OR response_model = {response_model:String})
  AND ({prompt_fingerprint:String} = '' OR prompt_fingerprint = {prompt_fingerprint:String})
  AND ({prompt_version:String} = '' OR prompt_version = {prompt_version:String})
GROUP BY g_bucket, g_service, g_provider, g_model, g_request_model, g_response_model, g_prompt_fingerprint, g_prompt_version, g_model_key, p_provider, p_request_model, p_response_model, p_day
ORDER BY g_bucket, g_service, g_provider, g_model, g_request_model, g_response_model, g_prompt_fingerprint, g_prompt_version, g_model_key, p_provider, p_request_model, p_response_model, p_day
