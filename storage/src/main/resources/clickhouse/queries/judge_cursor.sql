-- Where an evaluator's runner stopped reading: the cursor of its latest round (no row: it has not run yet).
SELECT cursor_ingested_at, cursor_trace_id, cursor_span_id
FROM judge_rounds
WHERE project_id = {project:String}
  AND evaluator_id = {evaluator:String}
ORDER BY at DESC, cursor_ingested_at DESC, cursor_trace_id DESC, cursor_span_id DESC
LIMIT 1
