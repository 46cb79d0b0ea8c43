-- One row per trace that started in [from, to), newest first, keyset-paginated on (start, trace_id).
-- An empty filter parameter means "no filter"; a trace matches a service or model if any of its spans does.
-- Cost is not read here: the query-api prices the page's calls at query time (trace_pricing_units.sql).
SELECT
    trace_id,
    argMin(service, (parent_span_id != '', start_time))             AS root_service,
    argMin(name, (parent_span_id != '', start_time))                AS root_name,
    min(start_time)                                                 AS trace_start,
    toUInt64(greatest(max(toUnixTimestamp64Nano(start_time) + toInt64(duration_ns))
                      - min(toUnixTimestamp64Nano(start_time)), 0))  AS trace_duration_ns,
    count()                                                         AS span_count,
    countIf(is_llm)                                                 AS llm_calls,
    sumIf(input_tokens, is_llm)                                     AS total_input_tokens,
    sumIf(output_tokens, is_llm)                                    AS total_output_tokens,
    countIf(is_llm AND tokens_estimated)                            AS estimated_calls,
    arraySort(groupUniqArrayIf(if(response_model != '', response_model, request_model), is_llm)) AS models,
    countIf(status_code = 'ERROR') > 0                              AS has_error
FROM spans FINAL
WHERE project_id = {project:String}
  AND start_time >= fromUnixTimestamp64Nano({from_ns:Int64}, 'UTC')
  AND start_time < fromUnixTimestamp64Nano({to_ns:Int64}, 'UTC')
GROUP BY trace_id
HAVING ({service:String} = '' OR countIf(service = {service:String}) > 0)
   AND ({model:String} = '' OR countIf(is_llm AND (request_model = {model:String} OR response_model = {model:String})) > 0)
   AND ({cursor_start_ns:Int64} = 0
        OR toUnixTimestamp64Nano(trace_start) < {cursor_start_ns:Int64}
        OR (toUnixTimestamp64Nano(trace_start) = {cursor_start_ns:Int64} AND trace_id < {cursor_trace_id:String}))
ORDER BY trace_start DESC, trace_id DESC
LIMIT {limit:UInt32}
