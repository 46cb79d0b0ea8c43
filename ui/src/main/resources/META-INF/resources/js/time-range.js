/** Time range presets of the trace list; the range is always "the last N", recomputed at every refresh. */

export const TIME_RANGES = Object.freeze([
  { id: '15m', label: '15m', title: 'Last 15 minutes', millis: 15 * 60_000 },
  { id: '1h', label: '1h', title: 'Last hour', millis: 3_600_000 },
  { id: '6h', label: '6h', title: 'Last 6 hours', millis: 6 * 3_600_000 },
  { id: '24h', label: '24h', title: 'Last 24 hours', millis: 24 * 3_600_000 },
  { id: '7d', label: '7d', title: 'Last 7 days', millis: 7 * 24 * 3_600_000 },
  { id: '30d', label: '30d', title: 'Last 30 days', millis: 30 * 24 * 3_600_000 },
]);

export const DEFAULT_TIME_RANGE = '1h';

/** The preset with this id, or the default one for unknown ids. */
export function timeRange(id) {
  return TIME_RANGES.find((range) => range.id === id) ?? timeRange(DEFAULT_TIME_RANGE);
}

/** `{from, to}` as ISO-8601 instants for the preset, ending now. */
export function rangeBounds(id, now = Date.now()) {
  return { from: new Date(now - timeRange(id).millis).toISOString(), to: new Date(now).toISOString() };
}
