-- score_samples.sql over repeating windows in one statement: the scores of the calls that started in any of the
-- windows (the first starts at start_ms; each is length_ms long and starts every_ms after the one before; times
-- of them) and match the filter, at most {max} per score name and window, each window's the same reproducible
-- pseudo-random sample score_samples.sql takes of it alone. Drift's baseline is 7 to 28 windows: one statement
-- instead of one per window (each paid the engine's per-statement floor).
SELECT name, toString(data_type) AS data_type, value, string_value, call_time,
       intDiv(toUnixTimestamp64Milli(call_time) - {start_ms:Int64}, {every_ms:Int64}) AS window_index
FROM scores FINAL
WHERE project_id = {project:String}
  AND resolved
  AND data_type != 'text'
  AND call_time >= fromUnixTimestamp64Milli({start_ms:Int64}, 'UTC')
  AND call_time < fromUnixTimestamp64Milli({start_ms:Int64} + ({times:Int64} - 1) * {every_ms:Int64} + {length_ms:Int64}, 'UTC')
  AND (toUnixTimestamp64Milli(call_time) - {start_ms:Int64}) % {every_ms:Int64} < {length_ms:Int64}
  AND ({name:String} = '' OR name = {name:String})
  AND ({service:String} = '' OR service = {service:String})
  AND ({provider:String} = '' OR provider = {provider:String})
  AND ({model:String} = '' OR request_model = {model:String} OR response_model = {model:String})
  AND ({request_model:String} = '' OR request_model = {request_model:String})
  AND ({response_model:String} = '' OR response_model = {response_model:String})
  AND ({prompt_fingerprint:String} = '' OR prompt_fingerprint = {prompt_fingerprint:String})
  AND ({prompt_version:String} = '' OR prompt_version = {prompt_version:String})
ORDER BY name, window_index, cityHash64(score_id)
LIMIT {max:UInt32} BY name, window_index
