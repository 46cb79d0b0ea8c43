-- Latency and time-to-first-token histograms of one project's LLM calls that started before {to_ms}, per service,
-- provider and model (the response model, else the request model, as the rollups' `model`): the buckets of
-- /api/v1/metrics/prometheus. The rollups keep t-digest states, which cannot give bucket counts, so this reads the
-- narrow llm_calls (0040), its request rows only (one per call; a call answered by another model has a second row).
-- One pass, one countIf per bound: {le_ns} / {le_ms} are the 10 bounds of CallHistogram.BOUNDS in the columns'
-- units, and each count is cumulative (calls at most that long), as Prometheus' `le` buckets are. A NULL ttft_ms
-- (no streamed first token) is in no TTFT bucket. Counters are read as Int64 (the client decodes UInt64 through
-- BigInteger).
--
-- No FINAL, as the rollups the other counters come from: a call stored twice and not merged yet counts twice in both,
-- so a histogram's _count stays equal to the calls counter (ingest's duplicate gate makes that rare).
SELECT
    service,
    llm_provider                                                AS provider,
    if(response_model != '', response_model, request_model)     AS g_model,
    toInt64(count())                                            AS calls,
    toInt64(sum(duration_ns))                                   AS duration_sum_ns,
    [
        toInt64(countIf(duration_ns <= arrayElement({le_ns:Array(UInt64)}, 1))),
        toInt64(countIf(duration_ns <= arrayElement({le_ns:Array(UInt64)}, 2))),
        toInt64(countIf(duration_ns <= arrayElement({le_ns:Array(UInt64)}, 3))),
        toInt64(countIf(duration_ns <= arrayElement({le_ns:Array(UInt64)}, 4))),
        toInt64(countIf(duration_ns <= arrayElement({le_ns:Array(UInt64)}, 5))),
        toInt64(countIf(duration_ns <= arrayElement({le_ns:Array(UInt64)}, 6))),
        toInt64(countIf(duration_ns <= arrayElement({le_ns:Array(UInt64)}, 7))),
        toInt64(countIf(duration_ns <= arrayElement({le_ns:Array(UInt64)}, 8))),
        toInt64(countIf(duration_ns <= arrayElement({le_ns:Array(UInt64)}, 9))),
        toInt64(countIf(duration_ns <= arrayElement({le_ns:Array(UInt64)}, 10)))
    ]                                                           AS latency_le,
    toInt64(countIf(ttft_ms IS NOT NULL))                       AS ttft_calls,
    toFloat64(sum(ifNull(ttft_ms, 0)))                          AS ttft_sum_ms,
    [
        toInt64(countIf(ttft_ms <= arrayElement({le_ms:Array(Float64)}, 1))),
        toInt64(countIf(ttft_ms <= arrayElement({le_ms:Array(Float64)}, 2))),
        toInt64(countIf(ttft_ms <= arrayElement({le_ms:Array(Float64)}, 3))),
        toInt64(countIf(ttft_ms <= arrayElement({le_ms:Array(Float64)}, 4))),
        toInt64(countIf(ttft_ms <= arrayElement({le_ms:Array(Float64)}, 5))),
        toInt64(countIf(ttft_ms <= arrayElement({le_ms:Array(Float64)}, 6))),
        toInt64(countIf(ttft_ms <= arrayElement({le_ms:Array(Float64)}, 7))),
        toInt64(countIf(ttft_ms <= arrayElement({le_ms:Array(Float64)}, 8))),
        toInt64(countIf(ttft_ms <= arrayElement({le_ms:Array(Float64)}, 9))),
        toInt64(countIf(ttft_ms <= arrayElement({le_ms:Array(Float64)}, 10)))
    ]                                                           AS ttft_le
FROM llm_calls
WHERE project_id = {project:String}
  AND request_row
  AND start_time < fromUnixTimestamp64Milli({to_ms:Int64}, 'UTC')
GROUP BY service, provider, g_model
ORDER BY service, provider, g_model
