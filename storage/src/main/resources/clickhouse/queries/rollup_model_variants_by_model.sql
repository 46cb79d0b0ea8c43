-- rollup_model_variants.sql read from llm_model_rollup's minute rows (keyed by model and fingerprint only), for
-- questions without a service or prompt filter: the same answer from far fewer rows.
SELECT
    provider,
    request_model,
    response_model,
    system_fingerprint,
    min(period)                                         AS first_minute,
    max(period)                                         AS last_minute,
    sum(calls)                                          AS s_calls
FROM llm_model_rollup
WHERE project_id = {project:String}
  AND resolution_s = 60
  AND period >= toStartOfMinute(toDateTime({from_s:Int64}, 'UTC'))
  AND period < toDateTime({to_s:Int64}, 'UTC')
  AND ({provider:String} = '' OR provider = {provider:String})
  AND ({model:String} = '' OR request_model = {model:String} OR response_model = {model:String})
  AND ({request_model:String} = '' OR request_model = {request_model:String})
  AND ({response_model:String} = '' OR response_model = {response_model:String})
GROUP BY provider, request_model, response_model, system_fingerprint
ORDER BY provider, request_model, first_minute, response_model, system_fingerprint
