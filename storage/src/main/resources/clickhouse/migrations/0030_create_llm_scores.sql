-- Evaluation results (OTel GenAI `gen_ai.evaluation.result`): a quality score of one LLM call, from an online
-- evaluator, an LLM judge or user feedback. Filled by the views of 0031/0032 from what ingest stores in spans, so
-- scores need no second write path and are counted once for the same reason the rollups are.
--
-- span_id is the evaluated call unless response_id names it (then it is the call with that response id);
-- source_span_id and source_index say where the score was read (the span and its event position): a row's identity.
-- ReplacingMergeTree on that identity: read with FINAL, a span replayed after an ingest crash adds no score.
-- ORDER BY starts with project_id (every read is one project's), then trace_id, as the call it scores is found by
-- (trace_id, span_id). Kept for the project's retention like spans (retention_days copied from the span).
CREATE TABLE IF NOT EXISTS llm_scores
(
    project_id      LowCardinality(String),
    trace_id        String,
    span_id         String,
    response_id     String,
    source_span_id  String,
    source_index    UInt32,
    name            LowCardinality(String),
    value           Nullable(Float64),
    label           String,
    explanation     String,
    time            DateTime64(9, 'UTC'),
    retention_days  UInt16 DEFAULT 30,
    ingested_at     DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(ingested_at)
PARTITION BY toYYYYMM(time)
ORDER BY (project_id, trace_id, source_span_id, source_index, name)
TTL toDateTime(time) + toIntervalDay(retention_days)
