-- Scores recorded as their own span (an evaluator's span, child of the evaluated call, carrying the
-- gen_ai.evaluation.* attributes): the parent span is the call it scores.
CREATE MATERIALIZED VIEW IF NOT EXISTS llm_scores_from_spans_mv TO llm_scores AS
SELECT
    project_id,
    trace_id,
    parent_span_id                                                                      AS span_id,
    attributes['gen_ai.response.id']                                                    AS response_id,
    span_id                                                                             AS source_span_id,
    toUInt32(0)                                                                         AS source_index,
    attributes['gen_ai.evaluation.name']                                                AS name,
    toFloat64OrNull(attributes['gen_ai.evaluation.score.value'])                        AS value,
    attributes['gen_ai.evaluation.score.label']                                         AS label,
    attributes['gen_ai.evaluation.explanation']                                         AS explanation,
    start_time                                                                          AS time,
    retention_days,
    ingested_at
FROM spans
WHERE attributes['gen_ai.evaluation.name'] != ''
