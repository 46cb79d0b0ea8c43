-- Feeds llm_prompt_templates from every insert into spans: the LLM calls that name a prompt fingerprint or version
-- and carry a prompt name or template attribute. Extracting them here costs a map lookup per such call at insert;
-- calls without them are not kept.
-- The keys, in order of preference (the first a span has wins), are the dialects' own: GenAiAttributes.PROMPT_NAME and
-- OpenLlmetryAttributes.PROMPT_KEY for the name, OpenInferenceAttributes.LLM_PROMPT_TEMPLATE and
-- OpenLlmetryAttributes.PROMPT_TEMPLATE for the template (PromptTemplateKeysTest checks they are the same here).
CREATE MATERIALIZED VIEW IF NOT EXISTS llm_prompt_templates_mv TO llm_prompt_templates AS
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
    FROM spans
    WHERE is_llm AND (prompt_fingerprint != '' OR prompt_version != '')
)
WHERE p_name != '' OR p_template != ''
GROUP BY project_id, prompt_fingerprint, prompt_version, hour
