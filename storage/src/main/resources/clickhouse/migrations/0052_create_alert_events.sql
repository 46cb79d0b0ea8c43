-- Alert history: every state transition and every delivery attempt, newest first per project. event_id breaks ties
-- of one millisecond for the page cursor. Kept 90 days from when it was recorded (not from `at`: a replay or a
-- backtest-like run may record events dated long ago).
CREATE TABLE IF NOT EXISTS alert_events
(
    project_id    LowCardinality(String),
    at            DateTime64(3, 'UTC'),
    event_id      String,
    type          LowCardinality(String),
    rule_id       String,
    rule_name     String,
    group_json    String,
    from_state    LowCardinality(String),
    to_state      LowCardinality(String),
    value         Nullable(Float64),
    values_json   String,
    channel_id    String,
    channel_name  String,
    notification  LowCardinality(String),
    attempt       UInt16,
    final         Bool,
    status        LowCardinality(String),
    http_status   Nullable(UInt16),
    error         String,
    recorded_at   DateTime DEFAULT now()
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(at)
ORDER BY (project_id, at, event_id)
TTL recorded_at + INTERVAL 90 DAY
