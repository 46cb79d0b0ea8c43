-- The prompt name and template text captured on the LLM calls of the hours of [from, to) per prompt fingerprint /
-- version, each from the latest call that carried it: read from llm_prompt_templates (0087), which the view 0088
-- fills at insert from the calls' attributes.
SELECT
    prompt_fingerprint,
    prompt_version,
    argMaxIfMerge(name)                                  AS p_name,
    argMaxIfMerge(template)                              AS p_template,
    max(captured_at)                                     AS captured_at,
    sum(templates)                                       AS n_templates
FROM llm_prompt_templates
WHERE project_id = {project:String}
  AND hour >= toStartOfHour(fromUnixTimestamp64Milli({from_ms:Int64}, 'UTC'))
  AND hour < fromUnixTimestamp64Milli({to_ms:Int64}, 'UTC')
  AND ({fingerprint:String} = '' OR prompt_fingerprint = {fingerprint:String})
GROUP BY prompt_fingerprint, prompt_version
ORDER BY prompt_fingerprint, prompt_version
