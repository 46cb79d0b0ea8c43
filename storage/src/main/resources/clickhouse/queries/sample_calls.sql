-- Raw LLM calls that started in any of the windows [starts_ms[i], ends_ms[i]), for distribution tests. The outer
-- range [from_ms, to_ms) covering all windows and the hours the windows touch (`hours`, the sort key's second
-- column) let the primary key prune; ordering by a hash of the span's identity
-- makes LIMIT a reproducible pseudo-random sample.
SELECT
    toUnixTimestamp64Milli(start_time)                  AS t_ms,
    duration_ns,
    ttft_ms,
    status_code = 'ERROR'                               AS is_error,
    usage_reported,
    tokens_estimated,
    input_tokens,
    output_tokens,
    cache_read_tokens,
    cache_write_tokens,
    reasoning_tokens,
    finish_reasons,
    llm_provider,
    request_model,
    response_model
FROM spans FINAL
WHERE project_id = {project:String}
  AND is_llm
  AND start_time >= fromUnixTimestamp64Milli({from_ms:Int64}, 'UTC')
  AND start_time < fromUnixTimestamp64Milli({to_ms:Int64}, 'UTC')
  AND has({hours:Array(DateTime('UTC'))}, toStartOfHour(start_time))
  AND arrayExists((s, e) -> toUnixTimestamp64Milli(start_time) >= s AND toUnixTimestamp64Milli(start_time) < e,
                  {starts_ms:Array(Int64)}, {ends_ms:Array(Int64)})
  AND ({service:String} = '' OR service = {service:String})
  AND ({provider:String} = '' OR llm_provider = {provider:String})
  AND ({model:String} = '' OR request_model = {model:String} OR response_model = {model:String})
  AND ({request_model:String} = '' OR request_model = {request_model:String})
  AND ({response_model:String} = '' OR response_model = {response_model:String})
  AND ({prompt_fingerprint:String} = '' OR prompt_fingerprint = {prompt_fingerprint:String})
  AND ({prompt_version:String} = '' OR prompt_version = {prompt_version:String})
ORDER BY cityHash64(trace_id, span_id)
LIMIT {limit:UInt32}
