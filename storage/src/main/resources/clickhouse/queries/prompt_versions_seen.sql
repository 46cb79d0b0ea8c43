-- Each prompt fingerprint / version that served calls in the minutes [from, to), with its first and last minute and
-- its calls: the "seen" columns of /prompts (the figures come from rollup_stats.sql grouped by prompt). Read from the
-- per-minute rollup (0003) without its digest states, so the question costs a few narrow columns per minute. Calls
-- that name neither a fingerprint nor a version are not a prompt version and are left out.
SELECT
    prompt_fingerprint,
    prompt_version,
    min(minute)              AS first_minute,
    max(minute)              AS last_minute,
    toInt64(sum(calls))      AS n_calls
FROM llm_minute_rollup
WHERE project_id = {project:String}
  AND minute >= toStartOfMinute(toDateTime({from_s:Int64}, 'UTC'))
  AND minute < toDateTime({to_s:Int64}, 'UTC')
  AND (prompt_fingerprint != '' OR prompt_version != '')
  AND ({fingerprint:String} = '' OR prompt_fingerprint = {fingerprint:String})
GROUP BY prompt_fingerprint, prompt_version
ORDER BY prompt_fingerprint, first_minute, prompt_version
