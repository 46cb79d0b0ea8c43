-- Scores: a quality judgement of a call, a trace or a session, from code (the REST API or the OTel
-- gen_ai.evaluation.result event / evaluator span), an LLM judge, or a person (feedback in the UI). The field's one
-- score model (Langfuse, Phoenix, LangSmith, Opik): a name; a value that is numeric, boolean (1/0), categorical (a
-- label, optionally with a number) or text; a comment; a source and author; a target.
--
-- One row per score_id, the client's idempotency key (for OTel scores: trace/span/event position, so a replayed span
-- adds nothing). ReplacingMergeTree(updated_at) on (project_id, score_id), read with FINAL: a resend or an update of
-- the same id replaces the row. Not partitioned by time: a resend may carry another timestamp, and rows only collapse
-- within one partition.
--
-- The call a score judges (its service, model, prompt version, user) is copied into the row once known
-- (resolved = true), so analytics by model or prompt version read this table alone: scores on the evaluated span's
-- own events know it at insert; the others (REST, evaluator spans, response ids) are resolved by the query role's
-- resolve_scores statement, which writes a new version of the row. call_time is the judged call's start (the score's
-- own time until resolved): analytics put a score in the period of the answer it judges. idx_resolved lets the
-- resolver's check for pending rows skip the granules where every row is resolved.
CREATE TABLE IF NOT EXISTS scores
(
    project_id          LowCardinality(String),
    score_id            String,
    target              Enum8('span' = 1, 'trace' = 2, 'session' = 3),
    trace_id            String,
    span_id             String,
    session_id          String,
    response_id         String,
    name                LowCardinality(String),
    data_type           Enum8('numeric' = 1, 'boolean' = 2, 'categorical' = 3, 'text' = 4),
    value               Nullable(Float64),
    string_value        String,
    comment             String,
    source              Enum8('api' = 1, 'otel' = 2, 'llm_judge' = 3, 'annotation' = 4),
    author              String,
    config_id           String,
    time                DateTime64(3, 'UTC'),
    resolved            Bool,
    call_time           DateTime64(3, 'UTC'),
    call_span_id        String,
    service             LowCardinality(String),
    provider            LowCardinality(String),
    request_model       LowCardinality(String),
    response_model      LowCardinality(String),
    prompt_fingerprint  LowCardinality(String),
    prompt_version      LowCardinality(String),
    user_id             String,
    retention_days      UInt16 DEFAULT 30,
    updated_at          DateTime64(3, 'UTC'),
    INDEX idx_trace trace_id TYPE bloom_filter(0.001) GRANULARITY 1,
    INDEX idx_session session_id TYPE bloom_filter(0.01) GRANULARITY 1,
    INDEX idx_call_time call_time TYPE minmax GRANULARITY 1,
    INDEX idx_resolved resolved TYPE minmax GRANULARITY 1
)
ENGINE = ReplacingMergeTree(updated_at)
ORDER BY (project_id, score_id)
TTL toDateTime(time) + toIntervalDay(retention_days)
