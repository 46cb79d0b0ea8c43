-- What each round of an evaluator's runner did: calls judged, judge errors, the judge's cost (its reported usage
-- priced with the project's prices), the last error, and the cursor it reached (the last stored call it read, by
-- ingested_at then trace and span id). One row per round with work, appended, never updated: a day's spend is the
-- sum of its rows (the budget), the cursor the latest row's (a new evaluator leader resumes there). Kept 90 days.
CREATE TABLE IF NOT EXISTS judge_rounds
(
    project_id          LowCardinality(String),
    evaluator_id        String,
    day                 Date,
    at                  DateTime64(3, 'UTC'),
    judged              UInt32,
    errors              UInt32,
    cost_usd            Float64,
    last_error          String,
    cursor_ingested_at  DateTime64(3, 'UTC'),
    cursor_trace_id     String,
    cursor_span_id      String
)
ENGINE = MergeTree
ORDER BY (project_id, evaluator_id, day, at)
TTL day + toIntervalDay(90)
