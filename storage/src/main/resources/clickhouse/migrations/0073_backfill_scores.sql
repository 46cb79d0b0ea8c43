-- The scores of llm_scores (0030–0033) in the new table, with the same ids the views of 0071/0072 give them (a row
-- written both here and by a view collapses). Those on a call's own events take its columns now; the others are
-- left to resolve_scores. llm_scores did not record the row's kind: an evaluator span's score is the one whose
-- source span is not the judged span.
INSERT INTO scores
    (project_id, score_id, target, trace_id, span_id, session_id, response_id, name, data_type, value, string_value,
     comment, source, author, config_id, time, resolved, call_time, call_span_id, service, provider, request_model,
     response_model, prompt_fingerprint, prompt_version, user_id, retention_days, updated_at)
SELECT
    s.project_id,
    concat('otel:', s.trace_id, ':', s.source_span_id, ':',
           toString(if(s.source_span_id = s.span_id, s.source_index, 0))),
    'span', s.trace_id, s.span_id, '', s.response_id, s.name,
    if(isNull(s.value), 'categorical', 'numeric'), s.value, s.label, s.explanation, 'otel', '', '',
    toDateTime64(s.time, 3), false, toDateTime64(s.time, 3), '', '', '', '', '', '', '', '',
    s.retention_days, s.ingested_at
FROM llm_scores AS s FINAL
