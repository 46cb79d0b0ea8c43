-- Score configs: what a score name means in a project (a numeric range, or categories with their numbers, or boolean,
-- or text). Scores naming a config are checked against it. Never deleted, archived: scores made under a config keep
-- it. categories is a JSON array of {"label", "value"}. Every change is a new row version, read with FINAL.
CREATE TABLE IF NOT EXISTS score_configs
(
    project_id   LowCardinality(String),
    config_id    String,
    name         String,
    data_type    Enum8('numeric' = 1, 'boolean' = 2, 'categorical' = 3, 'text' = 4),
    min_value    Nullable(Float64),
    max_value    Nullable(Float64),
    categories   String,
    description  String,
    archived     Bool,
    created_at   DateTime64(3, 'UTC'),
    updated_at   DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(updated_at)
ORDER BY (project_id, config_id)
