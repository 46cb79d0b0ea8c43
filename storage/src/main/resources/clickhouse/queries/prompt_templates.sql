-- The prompt name and template text captured on the LLM calls of [from, to) per prompt fingerprint / version, each
-- from the latest call that carried it. Neither has a column: they are read from the span's original attributes,
-- under each dialect's key (bound lists, in order of preference: the first key a span has wins). Only the spans that name a
-- fingerprint or version read their attribute maps (PREWHERE on the narrow columns first). FINAL is not needed: a
-- span stored twice carries the same attributes.
SELECT
    prompt_fingerprint,
    prompt_version,
    argMaxIf(prompt_name, start_time, prompt_name != '')         AS p_name,
    argMaxIf(prompt_template, start_time, prompt_template != '') AS p_template,
    maxIf(start_time, prompt_template != '')                     AS captured_at,
    countIf(prompt_template != '')                               AS n_templates
FROM
(
    SELECT
        prompt_fingerprint,
        prompt_version,
        start_time,
        arrayFirst(v -> v != '', arrayMap(k -> attributes[k], {name_keys:Array(String)}))     AS prompt_name,
        arrayFirst(v -> v != '', arrayMap(k -> attributes[k], {template_keys:Array(String)})) AS prompt_template
    FROM spans
    PREWHERE project_id = {project:String}
      AND start_time >= fromUnixTimestamp64Milli({from_ms:Int64}, 'UTC')
      AND start_time < fromUnixTimestamp64Milli({to_ms:Int64}, 'UTC')
      AND is_llm
      AND (prompt_fingerprint != '' OR prompt_version != '')
      AND ({fingerprint:String} = '' OR prompt_fingerprint = {fingerprint:String})
)
GROUP BY prompt_fingerprint, prompt_version
ORDER BY prompt_fingerprint, prompt_version
