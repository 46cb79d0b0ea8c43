-- The latest state of every alert of a project that is not deleted.
SELECT rule_id, group_key, group_json, state, since, active_at, fired_at, resolved_at, last_true_at, evaluated_at,
       value, values_json, error
FROM alert_instances FINAL
WHERE project_id = {project:String} AND NOT deleted
ORDER BY rule_id, group_key
