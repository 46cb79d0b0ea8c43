-- The scores of the calls that started in [from, to) and match the filter, for drift's tests: at most {max} per score
-- name, a reproducible pseudo-random sample (by the hash of the score id) when there are more.
SELECT name, toString(data_type) AS data_type, value, string_value, call_time
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
ORDER BY name, cityHash64(score_id)
LIMIT {max:UInt32} BY name
