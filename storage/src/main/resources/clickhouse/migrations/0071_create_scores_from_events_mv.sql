-- Scores recorded as gen_ai.evaluation.result events on the evaluated span itself (as 0031 did for llm_scores): the
-- span is the judged call, so the row is resolved at insert. A score naming a gen_ai.response.id judges the call
-- with that response id, found later by resolve_scores. A numeric score sent as a string ("4.5") is a number too; a
-- label without a value is categorical. score_id: trace/span/event position, so a replayed span replaces its scores.
CREATE MATERIALIZED VIEW IF NOT EXISTS scores_from_events_mv TO scores AS
SELECT
    project_id,
    concat('otel:', trace_id, ':', span_id, ':', toString(event_index))                    AS score_id,
    'span'                                                                                 AS target,
    trace_id,
    span_id,
    session_id,
    JSONExtractString(event, 'attributes', 'gen_ai.response.id')                           AS response_id,
    JSONExtractString(event, 'attributes', 'gen_ai.evaluation.name')                       AS name,
    if(isNull(value), 'categorical', 'numeric')                                            AS data_type,
    toFloat64OrNull(trim(BOTH '"' FROM JSONExtractRaw(event, 'attributes', 'gen_ai.evaluation.score.value'))) AS value,
    JSONExtractString(event, 'attributes', 'gen_ai.evaluation.score.label')                AS string_value,
    JSONExtractString(event, 'attributes', 'gen_ai.evaluation.explanation')                AS comment,
    'otel'                                                                                 AS source,
    ''                                                                                     AS author,
    ''                                                                                     AS config_id,
    toDateTime64(start_time, 3)                                                            AS time,
    response_id = ''                                                                       AS resolved,
    toDateTime64(start_time, 3)                                                            AS call_time,
    if(response_id = '', span_id, '')                                                      AS call_span_id,
    if(response_id = '', service, '')                                                      AS service,
    if(response_id = '', llm_provider, '')                                                 AS provider,
    if(response_id = '', request_model, '')                                                AS request_model,
    if(response_id = '', response_model, '')                                               AS response_model,
    if(response_id = '', prompt_fingerprint, '')                                           AS prompt_fingerprint,
    if(response_id = '', prompt_version, '')                                               AS prompt_version,
    user_id,
    retention_days,
    ingested_at                                                                            AS updated_at
FROM spans
ARRAY JOIN
    JSONExtractArrayRaw(events)                                                            AS event,
    arrayEnumerate(JSONExtractArrayRaw(events))                                            AS event_index
WHERE position(events, 'gen_ai.evaluation.result') > 0
  AND JSONExtractString(event, 'name') = 'gen_ai.evaluation.result'
  AND JSONExtractString(event, 'attributes', 'gen_ai.evaluation.name') != ''
