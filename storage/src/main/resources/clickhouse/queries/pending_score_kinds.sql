-- Which resolve_*_scores statements have work: the pending rows of the last {days} days by kind (each statement
-- reads spans, so one with nothing to resolve is not run).
SELECT
    countIf(target = 'span' AND response_id = '')       AS spans,
    countIf(target = 'trace' AND response_id = '')      AS traces,
    countIf(response_id != '')                          AS responses,
    countIf(target = 'session' AND response_id = '')    AS sessions
FROM scores FINAL
WHERE NOT resolved
  AND time >= now64(3) - toIntervalDay({days:UInt32})
