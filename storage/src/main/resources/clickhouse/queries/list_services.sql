-- Services that sent spans in [from, to), for filter lists.
SELECT DISTINCT service
FROM spans
WHERE project_id = {project:String}
  AND start_time >= fromUnixTimestamp64Nano({from_ns:Int64}, 'UTC')
ORDER BY service
LIMIT 1000
