-- Resolves scores of a session (a conversation): its user, from any span of the session. A session has no one call,
-- so its scores count by user, not by model or prompt.
INSERT INTO scores
    (project_id, score_id, target, trace_id, span_id, session_id, response_id, name, data_type, value, string_value,
     comment, source, author, config_id, time, resolved, call_time, call_span_id, service, provider, request_model,
     response_model, prompt_fingerprint, prompt_version, user_id, retention_days, updated_at)
WITH pending AS
(
    SELECT *
    FROM scores FINAL
    WHERE NOT resolved AND target = 'session' AND response_id = ''
      AND time >= now64(3) - toIntervalDay({days:UInt32})
    ORDER BY project_id, score_id
    LIMIT {limit:UInt32}
)
SELECT
    p.project_id, p.score_id, p.target, p.trace_id, p.span_id, p.session_id,
    p.response_id, p.name, p.data_type, p.value, p.string_value, p.comment, p.source, p.author, p.config_id, p.time,
    true, p.call_time, '', '', '', '', '', '', '', if(p.user_id = '', c.user_id, p.user_id), c.retention_days,
    greatest(now64(3), p.updated_at + toIntervalMillisecond(1))
FROM pending AS p
INNER JOIN
(
    SELECT project_id, session_id, any(user_id) AS user_id, max(retention_days) AS retention_days
    FROM spans
    WHERE session_id IN (SELECT session_id FROM pending)
    GROUP BY project_id, session_id
) AS c ON c.project_id = p.project_id AND c.session_id = p.session_id
