-- An evaluator's work on one UTC day: calls judged, judge errors, the judge's cost, and its latest error.
SELECT sum(judged) AS day_judged, sum(errors) AS day_errors, sum(cost_usd) AS day_cost_usd,
       argMaxIf(last_error, at, last_error != '') AS day_last_error, maxIf(at, last_error != '') AS day_last_error_at
FROM judge_rounds
WHERE project_id = {project:String}
  AND evaluator_id = {evaluator:String}
  AND day = toDate({day:String})
