-- LLM-as-judge evaluators: per project, a judge model, a prompt template and which calls it samples. The settings
-- are one JSON document (settings): they are read whole by the runner and the API, never filtered in SQL, and a new
-- setting then needs no migration. It holds the judge's API key and the evaluator's own ingest key (the runner exports
-- the judge's calls with it); the API never answers either. A change or delete is a new row version (deleted = true),
-- read with FINAL.
CREATE TABLE IF NOT EXISTS evaluators
(
    project_id    LowCardinality(String),
    evaluator_id  String,
    settings      String,
    created_at    DateTime64(3, 'UTC'),
    updated_at    DateTime64(3, 'UTC'),
    deleted       Bool
)
ENGINE = ReplacingMergeTree(updated_at)
ORDER BY (project_id, evaluator_id)
