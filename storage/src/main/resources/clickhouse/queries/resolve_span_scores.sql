-- Resolves scores of a span (REST scores naming a span, evaluator spans' scores): a new version of each row with the
-- span's service, model, prompt and user, once that span is stored. Every project's pending rows at once, at most
-- {limit} per run, from the last {days} days (a span that never arrives leaves its score unresolved: it still shows
-- on its trace, not in analytics by model). The spans are found through their trace id's bloom index.
INSERT INTO scores
    (project_id, score_id, target, trace_id, span_id, session_id, response_id, name, data_type, value, string_value,
     comment, source, author, config_id, time, resolved, call_time, call_span_id, service, provider, request_model,
     response_model, prompt_fingerprint, prompt_version, user_id, retention_days, updated_at)
WITH pending AS
(
    SELECT *
    FROM scores FINAL
    WHERE NOT resolved AND target = 'span' AND response_id = ''
      AND time >= now64(3) - toIntervalDay({days:UInt32})
    ORDER BY project_id, score_id
    LIMIT {limit:UInt32}
)
SELECT
    p.project_id, p.score_id, p.target, p.trace_id, p.span_id, if(p.session_id = '', c.session_id, p.session_id),
    p.response_id, p.name, p.data_type, p.value, p.string_value, p.comment, p.source, p.author, p.config_id, p.time,
    true, c.start_ms, c.span_id, c.service, c.llm_provider, c.request_model, c.response_model, c.prompt_fingerprint,
    c.prompt_version, if(p.user_id = '', c.user_id, p.user_id), c.retention_days,
    greatest(now64(3), p.updated_at + toIntervalMillisecond(1))
FROM pending AS p
INNER JOIN
(
    SELECT project_id, trace_id, span_id, session_id, toDateTime64(start_time, 3) AS start_ms, service, llm_provider,
           request_model, response_model, prompt_fingerprint, prompt_version, user_id, retention_days
    FROM spans
    WHERE trace_id IN (SELECT trace_id FROM pending)
    LIMIT 1 BY project_id, trace_id, span_id
) AS c ON c.project_id = p.project_id AND c.trace_id = p.trace_id AND c.span_id = p.span_id
