-- The projects with at least one alerting document of one kind that is not deleted: whose rules the evaluator runs.
SELECT DISTINCT project_id
FROM alert_config FINAL
WHERE kind = {kind:String} AND NOT deleted
ORDER BY project_id
