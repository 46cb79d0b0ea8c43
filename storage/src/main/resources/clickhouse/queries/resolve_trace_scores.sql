-- Resolves scores of a whole trace (feedback on a trace, REST scores naming only a trace): a trace's score judges the
-- answer it ended with, so it is attributed to the trace's last LLM call (its service, model, prompt and user). A
-- trace without an LLM call stays unresolved (the score shows on the trace, not in analytics by model).
INSERT INTO scores
    (project_id, score_id, target, trace_id, span_id, session_id, response_id, name, data_type, value, string_value,
     comment, source, author, config_id, time, resolved, call_time, call_span_id, service, provider, request_model,
     response_model, prompt_fingerprint, prompt_version, user_id, retention_days, updated_at)
WITH pending AS
(
    SELECT *
    FROM scores FINAL
    WHERE NOT resolved AND target = 'trace' AND response_id = ''
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
    SELECT project_id, trace_id,
           argMax(span_id, start_time) AS span_id,
           argMax(session_id, start_time) AS session_id,
           toDateTime64(max(start_time), 3) AS start_ms,
           argMax(service, start_time) AS service,
           argMax(llm_provider, start_time) AS llm_provider,
           argMax(request_model, start_time) AS request_model,
           argMax(response_model, start_time) AS response_model,
           argMax(prompt_fingerprint, start_time) AS prompt_fingerprint,
           argMax(prompt_version, start_time) AS prompt_version,
           argMax(user_id, start_time) AS user_id,
           max(retention_days) AS retention_days
    FROM spans
    WHERE trace_id IN (SELECT trace_id FROM pending) AND is_llm
    GROUP BY project_id, trace_id
) AS c ON c.project_id = p.project_id AND c.trace_id = p.trace_id
