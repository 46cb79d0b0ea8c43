-- Which resolve_*_scores statements have work: the pending rows of the last {days} days by kind (each statement
-- reads spans, so one with nothing to resolve is not run). Without FINAL, so idx_resolved skips the resolved
-- granules: a row resolved but not yet merged away still counts, and its statement then finds nothing to do.
SELECT
    countIf(target = 'span' AND response_id = '')       AS spans,
    countIf(target = 'trace' AND response_id = '')      AS traces,
    countIf(response_id != '')                          AS responses,
    countIf(target = 'session' AND response_id = '')    AS sessions
FROM scores
WHERE NOT resolved
  AND time >= now64(3) - toIntervalDay({days:UInt32})
