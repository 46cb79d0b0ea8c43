-- One round of an evaluator's runner (see migration 0081).
INSERT INTO judge_rounds (project_id, evaluator_id, day, at, judged, errors, cost_usd, last_error,
                          cursor_ingested_at, cursor_trace_id, cursor_span_id)
SELECT {project:String}, {evaluator:String}, toDate(fromUnixTimestamp64Milli({at_ms:Int64}, 'UTC')),
       fromUnixTimestamp64Milli({at_ms:Int64}, 'UTC'), {judged:UInt32}, {errors:UInt32}, {cost:Float64},
       {last_error:String}, fromUnixTimestamp64Milli({cursor_ms:Int64}, 'UTC'), {cursor_trace:String},
       {cursor_span:String}
