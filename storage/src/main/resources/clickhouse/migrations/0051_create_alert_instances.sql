-- The state of every alert (one rule, one group), written by the evaluator after each round: what survives a restart
-- or a failover to another query process, so a firing alert is not notified again and a resolve found after a
-- restart is still delivered. ReplacingMergeTree(version) keeps the latest state of each; version is the evaluation
-- time in microseconds, so a late write of an older round never wins. Rows of deleted rules are removed with a
-- deleted = true version.
CREATE TABLE IF NOT EXISTS alert_instances
(
    project_id    LowCardinality(String),
    rule_id       String,
    group_key     String,
    group_json    String,
    state         LowCardinality(String),
    since         DateTime64(3, 'UTC'),
    active_at     Nullable(DateTime64(3, 'UTC')),
    fired_at      Nullable(DateTime64(3, 'UTC')),
    resolved_at   Nullable(DateTime64(3, 'UTC')),
    last_true_at  Nullable(DateTime64(3, 'UTC')),
    evaluated_at  DateTime64(3, 'UTC'),
    value         Nullable(Float64),
    values_json   String,
    error         String,
    deleted       Bool,
    version       UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (project_id, rule_id, group_key)
