-- Scores of the calls that started in [from, to), grouped by the dimensions asked for (a group column is '' when
-- not asked for) and by period (bucket_s = 0: the whole range). Per score name and type: how many, the average of
-- the numbers (a boolean's is its share true), and the count of each label (categories, "true"/"false"). Only
-- resolved scores: their call's dimensions are known.
SELECT
    name,
    toString(data_type)                                                        AS data_type,
    if({g_service:UInt8} = 1, service, '')                                      AS g_service,
    if({g_provider:UInt8} = 1, provider, '')                                    AS g_provider,
    if({g_model:UInt8} = 1, if(response_model = '', request_model, response_model), '') AS g_model,
    if({g_request_model:UInt8} = 1, request_model, '')                          AS g_request_model,
    if({g_response_model:UInt8} = 1, response_model, '')                        AS g_response_model,
    if({g_prompt_fingerprint:UInt8} = 1, prompt_fingerprint, '')                AS g_prompt_fingerprint,
    if({g_prompt_version:UInt8} = 1, prompt_version, '')                        AS g_prompt_version,
    if({g_user:UInt8} = 1, user_id, '')                                         AS g_user,
    if({g_session:UInt8} = 1, session_id, '')                                   AS g_session,
    if({bucket_s:UInt32} = 0, toDateTime(0, 'UTC'),
       toStartOfInterval(call_time, toIntervalSecond(greatest({bucket_s:UInt32}, 1)), 'UTC')) AS period,
    count()                                                                    AS scored,
    avgIf(value, value IS NOT NULL AND data_type IN ('numeric', 'boolean'))    AS average,
    countIf(value IS NOT NULL AND data_type IN ('numeric', 'boolean'))         AS valued,
    sumMapIf([string_value], [toUInt64(1)], string_value != '' AND data_type IN ('categorical', 'boolean')) AS labels,
    labels.1                                                                   AS label_keys,
    labels.2                                                                   AS label_counts
FROM scores FINAL
WHERE project_id = {project:String}
  AND resolved
  AND data_type != 'text'
  AND call_time >= fromUnixTimestamp64Milli({from_ms:Int64}, 'UTC')
  AND call_time < fromUnixTimestamp64Milli({to_ms:Int64}, 'UTC')
  AND ({name:String} = '' OR name = {name:String})
  AND ({service:String} = '' OR service = {service:String})
  AND ({provider:String} = '' OR provider = {provider:String})
  AND ({model:String} = '' OR request_model = {model:String} OR response_model = {model:String})
  AND ({request_model:String} = '' OR request_model = {request_model:String})
  AND ({response_model:String} = '' OR response_model = {response_model:String})
  AND ({prompt_fingerprint:String} = '' OR prompt_fingerprint = {prompt_fingerprint:String})
  AND ({prompt_version:String} = '' OR prompt_version = {prompt_version:String})
  AND ({user_id:String} = '' OR user_id = {user_id:String})
  AND ({session_id:String} = '' OR session_id = {session_id:String})
  AND ({g_user:UInt8} = 0 OR user_id != '')
  AND ({g_session:UInt8} = 0 OR session_id != '')
GROUP BY name, data_type, g_service, g_provider, g_model, g_request_model, g_response_model, g_prompt_fingerprint,
         g_prompt_version, g_user, g_session, period
ORDER BY period, name, g_service, g_provider, g_model, g_request_model, g_response_model, g_prompt_fingerprint,
         g_prompt_version, g_user, g_session
