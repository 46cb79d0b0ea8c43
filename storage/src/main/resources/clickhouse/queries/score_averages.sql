-- Average of each evaluation score over the LLM calls that started in [from, to) and match the filter. A score
-- that names a response id (gen_ai.response.id: the spec's way to point at a call from elsewhere) belongs to the
-- call with that response id; any other score to the call with its (trace_id, span_id). Scores are recorded at or
-- after their call, so only those since `from` are read.
WITH
    calls AS
    (
        SELECT trace_id, span_id, response_id
        FROM spans FINAL
        WHERE project_id = {project:String}
          AND is_llm
          AND start_time >= fromUnixTimestamp64Milli({from_ms:Int64}, 'UTC')
          AND start_time < fromUnixTimestamp64Milli({to_ms:Int64}, 'UTC')
          AND ({service:String} = '' OR service = {service:String})
          AND ({provider:String} = '' OR llm_provider = {provider:String})
          AND ({model:String} = '' OR request_model = {model:String} OR response_model = {model:String})
          AND ({request_model:String} = '' OR request_model = {request_model:String})
          AND ({response_model:String} = '' OR response_model = {response_model:String})
          AND ({prompt_fingerprint:String} = '' OR prompt_fingerprint = {prompt_fingerprint:String})
          AND ({prompt_version:String} = '' OR prompt_version = {prompt_version:String})
    ),
    scores AS
    (
        SELECT trace_id, span_id, response_id, name, value
        FROM llm_scores FINAL
        WHERE project_id = {project:String}
          AND time >= fromUnixTimestamp64Milli({from_ms:Int64}, 'UTC')
          AND value IS NOT NULL
    )
SELECT
    name,
    count()                                             AS scored,
    avg(value)                                          AS average
FROM
(
    SELECT s.name AS name, s.value AS value
    FROM scores AS s
    INNER JOIN calls AS c ON s.trace_id = c.trace_id AND s.span_id = c.span_id
    WHERE s.response_id = ''
    UNION ALL
    SELECT s.name AS name, s.value AS value
    FROM scores AS s
    INNER JOIN calls AS c ON s.response_id = c.response_id
    WHERE s.response_id != ''
)
GROUP BY name
ORDER BY name
