-- Every (response model, system fingerprint) that answered each request model in the range, with the first and
-- last minute seen: silent model swaps are the variants that first appear after another one was serving.
SELECT
    provider,
    request_model,
    response_model,
    system_fingerprint,
    min(minute)                                         AS first_minute,
    max(minute)                                         AS last_minute,
    sum(calls)                                          AS s_calls
FROM llm_minute_rollup
WHERE project_id = {project:String}
  AND minute >= toStartOfMinute(toDateTime({from_s:Int64}, 'UTC'))
  AND minute < toDateTime({to_s:Int64}, 'UTC')
  AND ({service:String} = '' OR service = {service:String})
  AND ({provider:String} = '' OR provider = {provider:String})
  AND ({model:String} = '' OR request_model = {model:String} OR response_model = {model:String})
  AND ({request_model:String} = '' OR request_model = {request_model:String})
  AND ({response_model:String} = '' OR response_model = {response_model:String})
  AND ({prompt_fingerprint:String} = '' OR prompt_fingerprint = {prompt_fingerprint:String})
  AND ({prompt_version:String} = '' OR prompt_version = {prompt_version:String})
GROUP BY provider, request_model, response_model, system_fingerprint
ORDER BY provider, request_model, first_minute, response_model, system_fingerprint
