-- The latest version of a project's alerting documents of one kind (deleted ones included: the caller skips them).
SELECT id, body, deleted, version
FROM alert_config FINAL
WHERE project_id = {project:String} AND kind = {kind:String}
ORDER BY id
