-- Extracts into llm_prompt_templates the names and templates of the spans stored before the view 0088 existed; later
-- spans reach it through the view. As 0013: start-up migrations run before ingest starts here.
INSERT INTO llm_prompt_templates
SELECT
    project_id,
    prompt_fingerprint,
    prompt_version,
    toStartOfHour(start_time)                                          AS hour,
    argMaxIfState(p_name, start_time, toUInt8(p_name != ''))           AS name,
    argMaxIfState(p_template, start_time, toUInt8(p_template != ''))   AS template,
    maxIf(start_time, p_template != '')                                AS captured_at,
    countIf(p_template != '')                                          AS templates,
    max(retention_days)                                                AS retention_days
FROM
(
    SELECT
        project_id,
        prompt_fingerprint,
        prompt_version,
        start_time,
        retention_days,
        arrayFirst(v -> v != '', [attributes['gen_ai.prompt.name'], attributes['traceloop.prompt.key']]) AS p_name,
        arrayFirst(v -> v != '', [attributes['llm.prompt_template.template'],
                                  attributes['traceloop.prompt.template']])                            AS p_template
    FROM spans FINAL
    WHERE is_llm AND (prompt_fingerprint != '' OR prompt_version != '')
      AND ingested_at < (SELECT max(applied_at) FROM schema_migrations FINAL WHERE version = 88)
)
WHERE p_name != '' OR p_template != ''
GROUP BY project_id, prompt_fingerprint, prompt_version, hour
