-- The ingest duplicate gate: which spans of these traces (comma-separated hex ids) the project already has. Spans of
-- one trace always come through one Kafka partition, so one ingest consumer is the only writer of a trace. A stored
-- copy has the candidate's start time: the range of the candidates' start times bounds the look-up to the batch's
-- hours (the sort key), where without it every granule of the project's history passed the trace id bloom filter
-- (2,800 ids in one IN: 0.9 s a batch on 10M spans, growing with the history).
SELECT trace_id, span_id
FROM spans
WHERE project_id = {project:String}
  AND start_time >= fromUnixTimestamp64Nano({from_ns:Int64}, 'UTC')
  AND start_time <= fromUnixTimestamp64Nano({to_ns:Int64}, 'UTC')
  AND trace_id IN (SELECT arrayJoin(splitByChar(',', {trace_ids:String})))
