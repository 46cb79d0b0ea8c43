-- The columns of rollup_pricing_units.sql, from llm_user_rollup: token sums per bucket (whole hours: the table is
-- hourly), requested dimensions among user, session, provider and the models, and what a price is looked up by.
-- Only calls that name a user or a session are in that table; grouping by user (session) keeps the calls that name
-- one. Dimensions the table does not have (service, prompt) are refused before this runs.
SELECT
    toStartOfInterval(hour, toIntervalSecond({bucket_s:UInt32}))               AS g_bucket,
    if({by_user:Bool}, user_id, '')                                            AS g_user,
    if({by_session:Bool}, session_id, '')                                      AS g_session,
    if({by_provider:Bool}, provider, '')                                       AS g_provider,
    if({by_model:Bool}, if(response_model != '', response_model, request_model), '') AS g_model,
    if({by_request_model:Bool}, request_model, '')                             AS g_request_model,
    if({by_response_model:Bool}, response_model, '')                           AS g_response_model,
    provider                                            AS p_provider,
    request_model                                       AS p_request_model,
    response_model                                      AS p_response_model,
    toDate(hour)                                        AS p_day,
    sum(calls)                                          AS s_calls,
    sum(usage_calls) + sum(estimated_calls)             AS s_token_calls,
    sum(errors)                                         AS s_errors,
    sum(estimated_calls)                                AS s_estimated_calls,
    sum(input_tokens)                                   AS s_input,
    sum(output_tokens)                                  AS s_output,
    sum(cache_read_tokens)                              AS s_cache_read,
    sum(cache_write_tokens)                             AS s_cache_write,
    sum(reasoning_tokens)                               AS s_reasoning
FROM llm_user_rollup
WHERE project_id = {project:String}
  AND hour >= toStartOfHour(toDateTime({from_s:Int64}, 'UTC'))
  AND hour < toDateTime({to_s:Int64}, 'UTC')
  AND ({user:String} = '' OR user_id = {user:String})
  AND ({session:String} = '' OR session_id = {session:String})
  AND (NOT {by_user:Bool} OR user_id != '')
  AND (NOT {by_session:Bool} OR session_id != '')
  AND ({provider:String} = '' OR provider = {provider:String})
  AND ({model:String} = '' OR request_model = {model:String} OR response_model = {model:String})
  AND ({request_model:String} = '' OR request_model = {request_model:String})
  AND ({response_model:String} = '' OR response_model = {response_model:String})
GROUP BY g_bucket, g_user, g_session, g_provider, g_model, g_request_model, g_response_model, p_provider, p_request_model, p_response_model, p_day
ORDER BY g_bucket, g_user, g_session, g_provider, g_model, g_request_model, g_response_model, p_provider, p_request_model, p_response_model, p_day
