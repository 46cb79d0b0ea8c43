-- Scores recorded as span events named gen_ai.evaluation.result on the evaluated span itself (how SDKs without a
-- logs pipeline report them). Events are stored as JSON text in spans.events; the position() test skips the JSON parse
-- for the spans without such an event. A numeric score sent as a string ("4.5") is read as a number too.
CREATE MATERIALIZED VIEW IF NOT EXISTS llm_scores_from_events_mv TO llm_scores AS
SELECT
    project_id,
    trace_id,
    span_id,
    JSONExtractString(event, 'attributes', 'gen_ai.response.id')                        AS response_id,
    span_id                                                                             AS source_span_id,
    toUInt32(event_index)                                                                  AS source_index,
    JSONExtractString(event, 'attributes', 'gen_ai.evaluation.name')                    AS name,
    toFloat64OrNull(trim(BOTH '"' FROM JSONExtractRaw(event, 'attributes', 'gen_ai.evaluation.score.value'))) AS value,
    JSONExtractString(event, 'attributes', 'gen_ai.evaluation.score.label')             AS label,
    JSONExtractString(event, 'attributes', 'gen_ai.evaluation.explanation')             AS explanation,
    start_time                                                                          AS time,
    retention_days,
    ingested_at
FROM spans
ARRAY JOIN
    JSONExtractArrayRaw(events)                                                         AS event,
    arrayEnumerate(JSONExtractArrayRaw(events))                                         AS event_index
WHERE position(events, 'gen_ai.evaluation.result') > 0
  AND JSONExtractString(event, 'name') = 'gen_ai.evaluation.result'
  AND JSONExtractString(event, 'attributes', 'gen_ai.evaluation.name') != ''
