-- Scores recorded as their own span (an evaluator's span, child of the judged call, carrying the gen_ai.evaluation.*
-- attributes, as 0032 did for llm_scores). The parent span is the judged call, whose service, model and prompt the
-- evaluator span does not carry: resolve_scores fills them in. An evaluator may say who it is with
-- boxscore.score.source = llm_judge | annotation | api (default otel) and boxscore.score.author.
CREATE MATERIALIZED VIEW IF NOT EXISTS scores_from_spans_mv TO scores AS
SELECT
    project_id,
    concat('otel:', trace_id, ':', span_id, ':0')                                          AS score_id,
    'span'                                                                                 AS target,
    trace_id,
    parent_span_id                                                                         AS span_id,
    session_id,
    attributes['gen_ai.response.id']                                                       AS response_id,
    attributes['gen_ai.evaluation.name']                                                   AS name,
    if(isNull(value), 'categorical', 'numeric')                                            AS data_type,
    toFloat64OrNull(attributes['gen_ai.evaluation.score.value'])                           AS value,
    attributes['gen_ai.evaluation.score.label']                                            AS string_value,
    attributes['gen_ai.evaluation.explanation']                                            AS comment,
    if(attributes['boxscore.score.source'] IN ('api', 'llm_judge', 'annotation'),
       attributes['boxscore.score.source'], 'otel')                                        AS source,
    attributes['boxscore.score.author']                                                    AS author,
    ''                                                                                     AS config_id,
    toDateTime64(start_time, 3)                                                            AS time,
    false                                                                                  AS resolved,
    toDateTime64(start_time, 3)                                                            AS call_time,
    ''                                                                                     AS call_span_id,
    ''                                                                                     AS service,
    ''                                                                                     AS provider,
    ''                                                                                     AS request_model,
    ''                                                                                     AS response_model,
    ''                                                                                     AS prompt_fingerprint,
    ''                                                                                     AS prompt_version,
    user_id,
    retention_days,
    ingested_at                                                                            AS updated_at
FROM spans
WHERE attributes['gen_ai.evaluation.name'] != ''
