-- Scores of the spans stored before the views of 0031/0032 existed (later spans reach llm_scores through them). A
-- row written both here and by a view collapses: llm_scores is read with FINAL on the row's identity.
INSERT INTO llm_scores
SELECT
    project_id, trace_id, span_id,
    JSONExtractString(event, 'attributes', 'gen_ai.response.id'),
    span_id,
    toUInt32(event_index),
    JSONExtractString(event, 'attributes', 'gen_ai.evaluation.name'),
    toFloat64OrNull(trim(BOTH '"' FROM JSONExtractRaw(event, 'attributes', 'gen_ai.evaluation.score.value'))),
    JSONExtractString(event, 'attributes', 'gen_ai.evaluation.score.label'),
    JSONExtractString(event, 'attributes', 'gen_ai.evaluation.explanation'),
    start_time, retention_days, ingested_at
FROM spans FINAL
ARRAY JOIN
    JSONExtractArrayRaw(events) AS event,
    arrayEnumerate(JSONExtractArrayRaw(events)) AS event_index
WHERE position(events, 'gen_ai.evaluation.result') > 0
  AND JSONExtractString(event, 'name') = 'gen_ai.evaluation.result'
  AND JSONExtractString(event, 'attributes', 'gen_ai.evaluation.name') != ''
UNION ALL
SELECT
    project_id, trace_id, parent_span_id,
    attributes['gen_ai.response.id'],
    span_id,
    toUInt32(0),
    attributes['gen_ai.evaluation.name'],
    toFloat64OrNull(attributes['gen_ai.evaluation.score.value']),
    attributes['gen_ai.evaluation.score.label'],
    attributes['gen_ai.evaluation.explanation'],
    start_time, retention_days, ingested_at
FROM spans FINAL
WHERE attributes['gen_ai.evaluation.name'] != ''
