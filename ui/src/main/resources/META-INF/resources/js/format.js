/**
 * Formatting of numbers, money, durations and times for display. Pure functions (no DOM), so Node tests
 * can import them to compute the text the page must show.
 */

const integerFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const DASH = '—';

/** Token counts with thousands separators: 12345 → "12,345"; missing → "—". */
export function formatTokens(count) {
  return isNumber(count) ? integerFormat.format(count) : DASH;
}

/** Plain integer counts (spans, calls): same separators as tokens. */
export function formatCount(count) {
  return formatTokens(count);
}

/**
 * USD cost with enough decimals for per-call LLM prices: ≥ $1 → 2 decimals, ≥ $0.01 → up to 4, smaller → up to 6.
 * null/undefined means the model has no known price → "unpriced".
 */
export function formatCost(usd) {
  if (!isNumber(usd)) return 'unpriced';
  if (usd === 0) return '$0.00';
  const magnitude = Math.abs(usd);
  if (magnitude < 0.000001) return usd > 0 ? '<$0.000001' : '>-$0.000001';
  const maximumFractionDigits = magnitude >= 1 ? 2 : magnitude >= 0.01 ? 4 : 6;
  return new Intl.NumberFormat('en-US', {
    style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits,
  }).format(usd);
}

/** A cost difference with its sign: "+$1.20", "-$0.0042"; null → "—" (nothing to compare). */
export function formatCostChange(usd) {
  if (!isNumber(usd)) return DASH;
  if (usd === 0) return '$0.00';
  return `${usd > 0 ? '+' : '-'}${formatCost(Math.abs(usd))}`;
}

/** Rates (0..1) as percentages: 0.0123 → "1.23%", 0 → "0%"; missing → "—". */
export function formatPercent(rate) {
  if (!isNumber(rate)) return DASH;
  if (rate === 0) return '0%';
  const percent = rate * 100;
  const maximumFractionDigits = Math.abs(percent) >= 10 ? 1 : 2;
  return `${new Intl.NumberFormat('en-US', { maximumFractionDigits }).format(percent)}%`;
}

/** Relative changes with their sign: 0.504 → "+50.4%", -0.1 → "-10%"; missing → "—". */
export function formatRelativeChange(ratio) {
  if (!isNumber(ratio)) return DASH;
  const text = formatPercent(Math.abs(ratio));
  return ratio > 0 ? `+${text}` : ratio < 0 ? `-${text}` : text;
}

/** Test p-values: "0.042", "<0.0001" (very small values are not meaningful to more digits); missing → "—". */
export function formatPValue(p) {
  if (!isNumber(p)) return DASH;
  if (p < 0.0001) return '<0.0001';
  return p >= 0.01 ? p.toFixed(3) : p.toPrecision(2);
}

/** Decimal figures such as tokens per call: up to one decimal with separators; missing → "—". */
export function formatDecimal(value) {
  if (!isNumber(value)) return DASH;
  return new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 }).format(value);
}

/** Scores (often 0 to 1, or 1 to 5): up to three decimals, 0.72 → "0.72", 4 → "4"; missing → "—". */
export function formatScore(value) {
  if (!isNumber(value)) return DASH;
  return new Intl.NumberFormat('en-US', { maximumFractionDigits: 3 }).format(value);
}

/** Durations: "0.42 ms", "8.5 ms", "123 ms", "1.23 s", "2m 05s", "1h 02m". Missing → "—". */
export function formatDuration(ms) {
  if (!isNumber(ms)) return DASH;
  if (ms === 0) return '0 ms';
  if (ms < 0) return `-${formatDuration(-ms)}`;
  if (ms < 1) return `${ms.toFixed(2)} ms`;
  if (ms < 10) return `${trimZeros(ms.toFixed(1))} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(2)} s`;
  const totalSeconds = Math.round(ms / 1000);
  if (totalSeconds < 3600) return `${Math.floor(totalSeconds / 60)}m ${pad2(totalSeconds % 60)}s`;
  return `${Math.floor(totalSeconds / 3600)}h ${pad2(Math.floor(totalSeconds / 60) % 60)}m`;
}

/** Full local timestamp with milliseconds: "2026-11-28 14:03:12.345". */
export function formatDateTime(iso) {
  const date = parseInstant(iso);
  if (!date) return DASH;
  return `${formatDate(date)} ${formatClock(date)}`;
}

/** Compact start time for tables: clock only for today, "Nov 27 14:03:12" for other days. */
export function formatStartTime(iso, now = new Date()) {
  const date = parseInstant(iso);
  if (!date) return DASH;
  if (formatDate(date) === formatDate(now)) return formatClock(date);
  const month = date.toLocaleString('en-US', { month: 'short' });
  return `${month} ${date.getDate()} ${formatClock(date).slice(0, 8)}`;
}

/** "just now", "42s ago", "5m ago", "3h ago", "2d ago". */
export function formatRelative(iso, now = new Date()) {
  const date = parseInstant(iso);
  if (!date) return '';
  const seconds = Math.round((now.getTime() - date.getTime()) / 1000);
  if (seconds < 5) return 'just now';
  if (seconds < 60) return `${seconds}s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m ago`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)}h ago`;
  return `${Math.floor(seconds / 86_400)}d ago`;
}

/** Milliseconds since the epoch, or NaN when the value is not a parseable instant. */
export function instantMillis(iso) {
  return parseInstant(iso)?.getTime() ?? Number.NaN;
}

/** Shortens a hex id for dense tables: "4bf92f3577b34da6a3ce929d0e0e4736" → "4bf92f35". */
export function shortId(id, length = 8) {
  return typeof id === 'string' && id.length > length ? id.slice(0, length) : (id ?? '');
}

/** Masks an API key for display: first 6 characters and an ellipsis. */
export function maskKey(key) {
  if (!key) return '';
  return key.length <= 8 ? '•'.repeat(key.length) : `${key.slice(0, 6)}…`;
}

function parseInstant(iso) {
  if (iso == null || iso === '') return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

function formatDate(date) {
  return `${date.getFullYear()}-${pad2(date.getMonth() + 1)}-${pad2(date.getDate())}`;
}

function formatClock(date) {
  return `${pad2(date.getHours())}:${pad2(date.getMinutes())}:${pad2(date.getSeconds())}.${String(date.getMilliseconds()).padStart(3, '0')}`;
}

function pad2(value) {
  return String(value).padStart(2, '0');
}

function trimZeros(text) {
  return text.replace(/\.0$/, '');
}

function isNumber(value) {
  return typeof value === 'number' && Number.isFinite(value);
}
