-- rollup_stats.sql read from llm_slice_rollup: the same columns, for questions that group and filter by one slice
-- (the slice parameter: 'service', or 'prompt' = fingerprint and version) and model dimensions only, where it merges far
-- fewer rows and reads only the filtered value's.
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
    sum(calls)                                          AS s_calls,
    sum(errors)                                         AS s_errors,
    sum(usage_calls)                                    AS s_usage_calls,
    sum(estimated_calls)                                AS s_estimated_calls,
    sum(input_tokens)                                   AS s_input,
    sum(output_tokens)                                  AS s_output,
    sum(cache_read_tokens)                              AS s_cache_read,
    sum(cache_write_tokens)                             AS s_cache_write,
    sum(reasoning_tokens)                               AS s_reasoning,
    sum(duration_sum_ns)                                AS s_duration_ns,
    sum(ttft_calls)                                     AS s_ttft_calls,
    arrayMap(x -> toFloat64(x), quantilesTDigestMerge(0.5, 0.9, 0.95, 0.99)(duration_q)) AS q_duration_ns,
    arrayMap(x -> toFloat64(x), quantilesTDigestIfMerge(0.5, 0.95)(ttft_q))             AS q_ttft_ms,
    sumMap(finish_reasons)                              AS s_finish,
    s_finish.1                                          AS finish_keys,
    s_finish.2                                          AS finish_counts
FROM
(
    -- llm_slice_rollup, the slice asked for (the caller uses it only when the question groups and filters by it and
    -- model dimensions only), each resolution over the ranges RollupLevels gives it: whole days, then whole 12-hour,
    -- 3-hour, hour, 30-minute and 5-minute periods and minutes at the edges, as far as the bucket allows. One scan with
    -- the levels' ranges OR-ed: each UNION ALL branch cost the engine about 4 ms more. The other slice's columns are
    -- the constant '' there, so the filters and groupings below read the same as in the full-rollup statement.
    SELECT period AS minute, service, prompt_fingerprint, prompt_version, provider, request_model, response_model, '' AS system_fingerprint, calls, errors, usage_calls, estimated_calls, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, reasoning_tokens, duration_sum_ns, ttft_calls, duration_q, ttft_q, finish_reasons
    FROM llm_slice_rollup
    WHERE project_id = {project:String}
      AND slice = {slice:String}
      AND ((resolution_s = 86400 AND ((period >= toDateTime({day_lo_from_s:Int64}, 'UTC') AND period < toDateTime({day_lo_to_s:Int64}, 'UTC'))
                                  OR (period >= toDateTime({day_hi_from_s:Int64}, 'UTC') AND period < toDateTime({day_hi_to_s:Int64}, 'UTC'))))
        OR (resolution_s = 43200 AND ((period >= toDateTime({h12_lo_from_s:Int64}, 'UTC') AND period < toDateTime({h12_lo_to_s:Int64}, 'UTC'))
                                  OR (period >= toDateTime({h12_hi_from_s:Int64}, 'UTC') AND period < toDateTime({h12_hi_to_s:Int64}, 'UTC'))))
        OR (resolution_s = 10800 AND ((period >= toDateTime({h3_lo_from_s:Int64}, 'UTC') AND period < toDateTime({h3_lo_to_s:Int64}, 'UTC'))
                                  OR (period >= toDateTime({h3_hi_from_s:Int64}, 'UTC') AND period < toDateTime({h3_hi_to_s:Int64}, 'UTC'))))
        OR (resolution_s = 3600 AND ((period >= toDateTime({hour_lo_from_s:Int64}, 'UTC') AND period < toDateTime({hour_lo_to_s:Int64}, 'UTC'))
                                  OR (period >= toDateTime({hour_hi_from_s:Int64}, 'UTC') AND period < toDateTime({hour_hi_to_s:Int64}, 'UTC'))))
        OR (resolution_s = 1800 AND ((period >= toDateTime({m30_lo_from_s:Int64}, 'UTC') AND period < toDateTime({m30_lo_to_s:Int64}, 'UTC'))
                                  OR (period >= toDateTime({m30_hi_from_s:Int64}, 'UTC') AND period < toDateTime({m30_hi_to_s:Int64}, 'UTC'))))
        OR (resolution_s = 300 AND ((period >= toDateTime({m5_lo_from_s:Int64}, 'UTC') AND period < toDateTime({m5_lo_to_s:Int64}, 'UTC'))
                                  OR (period >= toDateTime({m5_hi_from_s:Int64}, 'UTC') AND period < toDateTime({m5_hi_to_s:Int64}, 'UTC'))))
        OR (resolution_s = 60 AND ((period >= toDateTime({minute_lo_from_s:Int64}, 'UTC') AND period < toDateTime({minute_lo_to_s:Int64}, 'UTC'))
                                  OR (period >= toDateTime({minute_hi_from_s:Int64}, 'UTC') AND period < toDateTime({minute_hi_to_s:Int64}, 'UTC')))))
)
WHERE ({service:String} = '' OR service = {service:String})
  AND ({provider:String} = '' OR provider = {provider:String})
  AND ({model:String} = '' OR request_model = {model:String} OR response_model = {model:String})
  AND ({request_model:String} = '' OR request_model = {request_model:String})
  AND ({response_model:String} = '' OR response_model = {response_model:String})
  AND ({prompt_fingerprint:String} = '' OR prompt_fingerprint = {prompt_fingerprint:String})
  AND ({prompt_version:String} = '' OR prompt_version = {prompt_version:String})
GROUP BY g_bucket, g_service, g_provider, g_model, g_request_model, g_response_model, g_prompt_fingerprint, g_prompt_version, g_model_key
ORDER BY g_bucket, g_service, g_provider, g_model, g_request_model, g_response_model, g_prompt_fingerprint, g_prompt_version, g_model_key
