-- The ingest duplicate gate: which spans of these traces (comma-separated hex ids) the project already has. Spans of
-- one trace always come through one Kafka partition, so one ingest consumer is the only writer of a trace.
SELECT trace_id, span_id
FROM spans
WHERE project_id = {project:String}
  AND trace_id IN (SELECT arrayJoin(splitByChar(',', {trace_ids:String})))
