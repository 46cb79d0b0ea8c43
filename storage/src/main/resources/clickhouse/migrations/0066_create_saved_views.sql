-- Saved views of the trace explorer: a name and a filter query (the `q` grammar) per project. A change or a delete
-- is a new version of the row (deleted = true for a delete); readers use FINAL and skip deleted rows.
CREATE TABLE IF NOT EXISTS saved_views
(
    project_id  LowCardinality(String),
    view_id     String,
    name        String,
    query       String,
    created_at  DateTime64(3, 'UTC'),
    updated_at  DateTime64(3, 'UTC'),
    deleted     Bool
)
ENGINE = ReplacingMergeTree(updated_at)
ORDER BY (project_id, view_id)
