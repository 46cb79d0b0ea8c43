-- The prompt name and template text captured on LLM calls, per prompt fingerprint / version and hour: what /prompts
-- shows next to each version. They have no span column; reading them from every span's attribute map at question time
-- cost 0.4 s for a day and 1.9 s for 7 days of 10M spans (every call of a versioned prompt read its whole map). The
-- view 0088 extracts them once, at insert, from the few calls that carry one.
--
-- ORDER BY (project_id, prompt_fingerprint, prompt_version, hour): a question reads one project's versions over a
-- range of hours (whole hours: a template captured up to 59 minutes outside the range may show). Kept for the
-- project's retention like spans.
CREATE TABLE IF NOT EXISTS llm_prompt_templates
(
    project_id          LowCardinality(String),
    prompt_fingerprint  LowCardinality(String),
    prompt_version      LowCardinality(String),
    hour                DateTime('UTC'),
    name                AggregateFunction(argMaxIf, String, DateTime64(9, 'UTC'), UInt8),
    template            AggregateFunction(argMaxIf, String, DateTime64(9, 'UTC'), UInt8),
    captured_at         SimpleAggregateFunction(max, DateTime64(9, 'UTC')),
    templates           SimpleAggregateFunction(sum, UInt64),
    retention_days      SimpleAggregateFunction(max, UInt16)
)
ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(hour)
ORDER BY (project_id, prompt_fingerprint, prompt_version, hour)
TTL hour + toIntervalDay(retention_days)
