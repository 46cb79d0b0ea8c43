-- What every channel of a project was last told about each notification group.
SELECT channel_id, group_key, firing, resolved, sent_at
FROM alert_notification_log FINAL
WHERE project_id = {project:String}
