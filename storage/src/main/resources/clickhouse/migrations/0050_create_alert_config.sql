-- Alerting configuration of each project: rules written through the API, notification channels and silences, one
-- JSON document per row (kind = 'rule' | 'channel' | 'silence'). The query API owns the documents' shape and
-- validation; storage keeps the latest version of each (ReplacingMergeTree(version), read with FINAL). A delete is a
-- newer row with deleted = true. A few thousand rows per project at most, so one narrow table is enough.
CREATE TABLE IF NOT EXISTS alert_config
(
    project_id  LowCardinality(String),
    kind        LowCardinality(String),
    id          String,
    body        String,
    deleted     Bool,
    version     UInt64,
    updated_at  DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (project_id, kind, id)
