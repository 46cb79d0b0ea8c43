-- A project's scores, newest first, by the score's own time; an empty parameter means "any".
SELECT *
FROM scores FINAL
WHERE project_id = {project:String}
  AND time >= fromUnixTimestamp64Milli({from_ms:Int64}, 'UTC')
  AND time < fromUnixTimestamp64Milli({to_ms:Int64}, 'UTC')
  AND ({name:String} = '' OR name = {name:String})
  AND ({source:String} = '' OR toString(source) = {source:String})
  AND ({data_type:String} = '' OR toString(data_type) = {data_type:String})
  AND ({trace_id:String} = '' OR trace_id = {trace_id:String})
  AND ({session_id:String} = '' OR session_id = {session_id:String})
  AND ({user_id:String} = '' OR user_id = {user_id:String})
  AND ({model:String} = '' OR request_model = {model:String} OR response_model = {model:String})
  AND ({prompt_version:String} = '' OR prompt_version = {prompt_version:String})
  AND ({config_id:String} = '' OR config_id = {config_id:String})
ORDER BY time DESC, score_id
LIMIT {limit:UInt32} OFFSET {offset:UInt32}
