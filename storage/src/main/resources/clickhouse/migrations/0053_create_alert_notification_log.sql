-- What each channel was last told about each notification group (Alertmanager's notification log): the alerts sent
-- as firing and as resolved, and when. Read when the evaluator starts, so a restarted or new leader neither repeats a
-- notification already delivered nor drops a resolve still owed. Latest row wins (ReplacingMergeTree(sent_at)).
CREATE TABLE IF NOT EXISTS alert_notification_log
(
    project_id  LowCardinality(String),
    channel_id  String,
    group_key   String,
    firing      Array(String),
    resolved    Array(String),
    sent_at     DateTime64(3, 'UTC'),
    recorded_at DateTime DEFAULT now()
)
ENGINE = ReplacingMergeTree(sent_at)
ORDER BY (project_id, channel_id, group_key)
TTL recorded_at + INTERVAL 30 DAY
