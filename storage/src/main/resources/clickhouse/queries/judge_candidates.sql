-- LLM calls of a project stored after the runner's cursor (by ingested_at, then trace and span id) and up to
-- {until} (now minus a small lag: a row inserted a moment ago with an earlier ingested_at is not skipped), matching
-- the evaluator's filter ('' = any), oldest first. No FINAL: a span stored twice is read once here (LIMIT 1 BY) and
-- a replayed one again later, which the score's id makes harmless. start_time bounds the scan to recent partitions:
-- calls that started more than {max_age_hours} before the cursor are not judged.
SELECT trace_id, span_id, start_time, service, llm_provider, request_model, response_model, prompt_fingerprint,
       prompt_version, user_id, llm_input, llm_output, ingested_at
FROM spans
WHERE project_id = {project:String}
  AND is_llm
  AND start_time >= fromUnixTimestamp64Milli({after_ms:Int64}, 'UTC') - toIntervalHour({max_age_hours:UInt32})
  AND (ingested_at, trace_id, span_id) > (fromUnixTimestamp64Milli({after_ms:Int64}, 'UTC'), {after_trace:String},
                                          {after_span:String})
  AND ingested_at <= fromUnixTimestamp64Milli({until_ms:Int64}, 'UTC')
  AND ({service:String} = '' OR service = {service:String})
  AND ({model:String} = '' OR request_model = {model:String} OR response_model = {model:String})
  AND ({prompt_version:String} = '' OR prompt_version = {prompt_version:String})
ORDER BY ingested_at, trace_id, span_id
LIMIT 1 BY trace_id, span_id
LIMIT {limit:UInt32}
