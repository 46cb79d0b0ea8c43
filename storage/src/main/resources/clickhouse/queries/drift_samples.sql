-- Raw LLM calls for a drift test, both sides in one query (one round trip; the engine runs the two parts in
-- parallel): side 0 = calls that started in a baseline window, side 1 = in a current window. Read from llm_calls
-- (0040), which keys each call by the models it answers to: {key_model} is the model the subject names (its model,
-- else its request model, else its response model), so the primary key reads only that model's rows; '' reads the
-- request rows, one per call. Each side's windows are {side}_times windows of {side}_length_ms, one every
-- {side}_every_ms from {side}_start_ms, tested with arithmetic on the start time (cheaper per row than a lambda over
-- a list of windows). A side's outer range and the hours its windows touch (`{side}_hours`, the sort key's third
-- column) prune too. Per side, up to {limit} calls ordered by call_hash, the hash of the span's identity: a
-- reproducible pseudo-random sample. The subject filter is the same in both parts. Counters are read as Int64 (the
-- client decodes UInt64 through BigInteger).
--
-- No FINAL (it cost 40% of the query in the benchmark): a call stored twice and not yet merged is read twice, next to
-- itself in call_hash order, and the reader keeps it once (ClickHouseAnalyticsReader.driftSamples). Ingest's
-- duplicate gate makes that rare; the rollups rely on it outright.
SELECT 0 AS side, *
FROM (
    SELECT
        toInt64(call_hash)                              AS call_id,
        toUnixTimestamp64Milli(start_time)              AS t_ms,
        toInt64(duration_ns)                            AS duration_ns,
        ttft_ms,
        is_error,
        usage_reported,
        tokens_estimated,
        toInt64(input_tokens)                           AS input_tokens,
        toInt64(output_tokens)                          AS output_tokens,
        toInt64(cache_read_tokens)                      AS cache_read_tokens,
        toInt64(cache_write_tokens)                     AS cache_write_tokens,
        toInt64(reasoning_tokens)                       AS reasoning_tokens,
        finish_reasons,
        llm_provider,
        request_model,
        response_model
    FROM llm_calls
    WHERE project_id = {project:String}
      AND ((model = {key_model:String} AND {key_model:String} != '') OR ({key_model:String} = '' AND request_row))
      AND start_time >= fromUnixTimestamp64Milli({baseline_from_ms:Int64}, 'UTC')
      AND start_time < fromUnixTimestamp64Milli({baseline_to_ms:Int64}, 'UTC')
      AND has({baseline_hours:Array(DateTime('UTC'))}, toStartOfHour(start_time))
      AND intDiv(t_ms - {baseline_start_ms:Int64}, {baseline_every_ms:Int64}) < {baseline_times:Int64}
      AND (t_ms - {baseline_start_ms:Int64}) % {baseline_every_ms:Int64} < {baseline_length_ms:Int64}
      AND ({service:String} = '' OR service = {service:String})
      AND ({provider:String} = '' OR llm_provider = {provider:String})
      AND ({model:String} = '' OR request_model = {model:String} OR response_model = {model:String})
      AND ({request_model:String} = '' OR request_model = {request_model:String})
      AND ({response_model:String} = '' OR response_model = {response_model:String})
      AND ({prompt_fingerprint:String} = '' OR prompt_fingerprint = {prompt_fingerprint:String})
      AND ({prompt_version:String} = '' OR prompt_version = {prompt_version:String})
    ORDER BY call_hash
    LIMIT {limit:UInt32}
)
UNION ALL
SELECT 1 AS side, *
FROM (
    SELECT
        toInt64(call_hash)                              AS call_id,
        toUnixTimestamp64Milli(start_time)              AS t_ms,
        toInt64(duration_ns)                            AS duration_ns,
        ttft_ms,
        is_error,
        usage_reported,
        tokens_estimated,
        toInt64(input_tokens)                           AS input_tokens,
        toInt64(output_tokens)                          AS output_tokens,
        toInt64(cache_read_tokens)                      AS cache_read_tokens,
        toInt64(cache_write_tokens)                     AS cache_write_tokens,
        toInt64(reasoning_tokens)                       AS reasoning_tokens,
        finish_reasons,
        llm_provider,
        request_model,
        response_model
    FROM llm_calls
    WHERE project_id = {project:String}
      AND ((model = {key_model:String} AND {key_model:String} != '') OR ({key_model:String} = '' AND request_row))
      AND start_time >= fromUnixTimestamp64Milli({current_from_ms:Int64}, 'UTC')
      AND start_time < fromUnixTimestamp64Milli({current_to_ms:Int64}, 'UTC')
      AND has({current_hours:Array(DateTime('UTC'))}, toStartOfHour(start_time))
      AND intDiv(t_ms - {current_start_ms:Int64}, {current_every_ms:Int64}) < {current_times:Int64}
      AND (t_ms - {current_start_ms:Int64}) % {current_every_ms:Int64} < {current_length_ms:Int64}
      AND ({service:String} = '' OR service = {service:String})
      AND ({provider:String} = '' OR llm_provider = {provider:String})
      AND ({model:String} = '' OR request_model = {model:String} OR response_model = {model:String})
      AND ({request_model:String} = '' OR request_model = {request_model:String})
      AND ({response_model:String} = '' OR response_model = {response_model:String})
      AND ({prompt_fingerprint:String} = '' OR prompt_fingerprint = {prompt_fingerprint:String})
      AND ({prompt_version:String} = '' OR prompt_version = {prompt_version:String})
    ORDER BY call_hash
    LIMIT {limit:UInt32}
)
