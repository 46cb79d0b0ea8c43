/**
 * Time range presets of the analytics pages. Each range brings the bucket of its charts (about 50-100 points), so
 * a chart stays readable whatever the range; the range is always "the last N", recomputed at every load.
 */

export const ANALYTICS_RANGES = Object.freeze([
  { id: '1h', label: '1h', title: 'Last hour', millis: 3_600_000, bucket: '1m', bucketMillis: 60_000 },
  { id: '24h', label: '24h', title: 'Last 24 hours', millis: 24 * 3_600_000, bucket: '30m', bucketMillis: 30 * 60_000 },
  { id: '7d', label: '7d', title: 'Last 7 days', millis: 7 * 24 * 3_600_000, bucket: '3h', bucketMillis: 3 * 3_600_000 },
  { id: '30d', label: '30d', title: 'Last 30 days', millis: 30 * 24 * 3_600_000, bucket: '12h', bucketMillis: 12 * 3_600_000 },
]);

export const DEFAULT_ANALYTICS_RANGE = '24h';

/**
 * The largest bucket the metrics API accepts (1 day). Totals are read in buckets of this size, so a range
 * within one UTC day comes back as one row per group and its quantiles are exact.
 */
export const TOTALS_BUCKET = '1d';

/** The preset with this id, or the default one for unknown ids. */
export function analyticsRange(id) {
  return ANALYTICS_RANGES.find((range) => range.id === id) ?? analyticsRange(DEFAULT_ANALYTICS_RANGE);
}

/**
 * `{from, to}` as ISO-8601 instants ending now. The metrics API reads whole minutes, so `to` is rounded up to the
 * next minute: the current minute's calls are included and two loads within a minute ask the same question.
 */
export function analyticsBounds(id, now = Date.now()) {
  const to = Math.ceil(now / 60_000) * 60_000;
  return { from: new Date(to - analyticsRange(id).millis).toISOString(), to: new Date(to).toISOString() };
}
