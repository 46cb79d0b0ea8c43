-- Per channel of a project: the outcome of its last notifications (final attempts, newest first, at most 10) and
-- its last attempt, from which the API tells a failing channel (several failed notifications in a row).
SELECT channel_id,
       arraySlice(arrayReverseSort(x -> x.1, groupArrayIf((at, status), final)), 1, 10) AS last_notifications,
       max(at) AS last_attempt_at,
       argMaxIf(error, at, status = 'failed') AS last_error
FROM alert_events
WHERE project_id = {project:String} AND type = 'delivery' AND at >= now64(3) - INTERVAL 30 DAY
GROUP BY channel_id
