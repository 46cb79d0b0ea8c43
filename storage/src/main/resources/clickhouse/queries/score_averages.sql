-- Each score's average over the calls that started in [from, to) and match the filter (compare's score table): the
-- scores resolved to their call (resolve_scores), numeric and boolean ones (a boolean's average is its share true).
SELECT
    name,
    count()                                             AS scored,
    avg(value)                                          AS average
FROM scores FINAL
WHERE project_id = {project:String}
  AND resolved
  AND value IS NOT NULL
  AND data_type IN ('numeric', 'boolean')
  AND call_time >= fromUnixTimestamp64Milli({from_ms:Int64}, 'UTC')
  AND call_time < fromUnixTimestamp64Milli({to_ms:Int64}, 'UTC')
  AND ({service:String} = '' OR service = {service:String})
  AND ({provider:String} = '' OR provider = {provider:String})
  AND ({model:String} = '' OR request_model = {model:String} OR response_model = {model:String})
  AND ({request_model:String} = '' OR request_model = {request_model:String})
  AND ({response_model:String} = '' OR response_model = {response_model:String})
  AND ({prompt_fingerprint:String} = '' OR prompt_fingerprint = {prompt_fingerprint:String})
  AND ({prompt_version:String} = '' OR prompt_version = {prompt_version:String})
GROUP BY name
ORDER BY name
