-- Models (requested or answered) seen on LLM spans in [from, to), for filter lists.
SELECT DISTINCT model
FROM spans
ARRAY JOIN [request_model, response_model] AS model
WHERE project_id = {project:String}
  AND is_llm
  AND model != ''
  AND start_time >= fromUnixTimestamp64Nano({from_ns:Int64}, 'UTC')
ORDER BY model
LIMIT 1000
