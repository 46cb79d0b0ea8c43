-- A page of a project's alert history, newest first, optionally of one rule, before a cursor (at, event_id).
SELECT at, event_id, type, rule_id, rule_name, group_json, from_state, to_state, value, values_json, channel_id,
       channel_name, notification, attempt, final, status, http_status, error
FROM alert_events
WHERE project_id = {project:String}
  AND at >= {from:DateTime64(3)} AND at < {to:DateTime64(3)}
  AND ({rule:String} = '' OR rule_id = {rule:String})
  AND (at, event_id) < ({cursor_at:DateTime64(3)}, {cursor_id:String})
ORDER BY at DESC, event_id DESC
LIMIT {limit:UInt32}
