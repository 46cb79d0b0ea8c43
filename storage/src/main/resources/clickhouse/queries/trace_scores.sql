-- The scores of one trace (its calls' and its own), oldest first; found through the trace id's bloom index.
SELECT *
FROM scores FINAL
WHERE project_id = {project:String}
  AND trace_id = {trace_id:String}
ORDER BY time, score_id
