/**
 * How alerting reads: metric names and units, a rule's condition as a sentence ("p95 latency > 2.00 s for 10m"),
 * duration strings ("1h30m") and alert states. Pure functions (no DOM), so Node tests can import them.
 */
import { formatCost, formatCount, formatDecimal, formatDuration, formatPercent, formatScore } from './format.js';

const money = (usd) => (usd == null ? '—' : formatCost(usd));

/** The metrics a rule can watch (contract order), with their label, unit hint and formatter. */
export const ALERT_METRICS = Object.freeze([
  { id: 'calls', label: 'calls', unit: 'calls', format: formatCount },
  { id: 'errors', label: 'errors', unit: 'errors', format: formatCount },
  { id: 'error_rate', label: 'error rate', unit: 'ratio, 0.05 = 5%', format: formatPercent },
  { id: 'cost_usd', label: 'cost', unit: 'USD', format: money },
  { id: 'cost_per_call_usd', label: 'cost per call', unit: 'USD', format: money },
  { id: 'input_tokens', label: 'input tokens', unit: 'tokens', format: formatCount },
  { id: 'output_tokens', label: 'output tokens', unit: 'tokens', format: formatCount },
  { id: 'output_tokens_per_call', label: 'output tokens per call', unit: 'tokens', format: formatDecimal },
  { id: 'latency_p50_ms', label: 'p50 latency', unit: 'ms', format: formatDuration },
  { id: 'latency_p90_ms', label: 'p90 latency', unit: 'ms', format: formatDuration },
  { id: 'latency_p95_ms', label: 'p95 latency', unit: 'ms', format: formatDuration },
  { id: 'latency_p99_ms', label: 'p99 latency', unit: 'ms', format: formatDuration },
  { id: 'ttft_p50_ms', label: 'p50 time to first token', unit: 'ms', format: formatDuration },
  { id: 'ttft_p95_ms', label: 'p95 time to first token', unit: 'ms', format: formatDuration },
  // The average of the score the rule names (a boolean's share true); its scale is the score's own.
  { id: 'score_avg', label: 'score average', unit: 'score', format: formatScore, score: true },
]);

/** Metrics a drift rule can test (the drift API's distributions and rates, and a score by its type). */
export const DRIFT_METRICS = Object.freeze(ALERT_METRICS.filter((metric) =>
  /^(latency_|ttft_)/.test(metric.id) || ['cost_per_call_usd', 'output_tokens_per_call', 'error_rate', 'score_avg'].includes(metric.id)));

/** Whether a metric is about the score a rule names (`score`) rather than the calls. */
export function isScoreMetric(id) {
  return Boolean(metricInfo(id).score);
}

export const RULE_KINDS = Object.freeze([
  { id: 'threshold', label: 'Threshold', hint: 'A metric crosses a fixed value' },
  { id: 'drift', label: 'Drift', hint: 'A metric drifts from its baseline (statistical test)' },
  { id: 'swap', label: 'Model swap', hint: 'A request model is answered by a new response model' },
  { id: 'budget', label: 'Budget', hint: 'Spend in a period reaches a budget' },
]);

export const OPERATORS = Object.freeze(['>', '>=', '<', '<=']);
export const SEVERITIES = Object.freeze(['critical', 'warning', 'info']);
export const GROUP_DIMENSIONS = Object.freeze(['model', 'service', 'provider', 'prompt_version']);

/** Alert and rule states, worst first, with the badge class each one shows. */
export const ALERT_STATES = Object.freeze({
  firing: { label: 'firing', badge: 'badge-error' },
  pending: { label: 'pending', badge: 'badge-warn' },
  no_data: { label: 'no data', badge: 'badge-muted' },
  error: { label: 'error', badge: 'badge-error' },
  inactive: { label: 'inactive', badge: 'badge-ok' },
});

/** Sort rank of a state: firing first. */
export function stateRank(state) {
  const index = Object.keys(ALERT_STATES).indexOf(state);
  return index < 0 ? 99 : index;
}

export function metricInfo(id) {
  return ALERT_METRICS.find((metric) => metric.id === id) ?? { id, label: id ?? '—', unit: '', format: formatDecimal };
}

/** Formats a value of a metric: 2000 ms → "2.00 s", 0.05 error rate → "5%". */
export function formatMetricValue(metricId, value) {
  if (value == null) return '—';
  return metricInfo(metricId).format(value);
}

/** A rule's condition in words, e.g. "p95 latency > 2.00 s for 10m", "drift of p95 latency vs 7 days". */
export function conditionText(rule) {
  const metric = isScoreMetric(rule.metric) ? { ...metricInfo(rule.metric), label: `${rule.score ?? 'score'} average` }
    : metricInfo(rule.metric);
  const forText = rule.for && parseDuration(rule.for) > 0 ? ` for ${rule.for}` : '';
  switch (rule.kind) {
    case 'drift': {
      const direction = rule.op?.startsWith('<') ? 'falls' : 'rises';
      return `${metric.label} ${rule.op ? `${direction} from` : 'drifts from'} its ${rule.baselineDays ?? 7}-day baseline (window ${rule.window ?? '1h'})`;
    }
    case 'swap':
      return `a request model is answered by a new response model (keeps firing ${rule.window ?? '1h'})`;
    case 'budget':
      return `${rule.period ?? 'month'}ly spend ≥ ${money(rule.amountUsd)} (warn at ${rule.warnAtPercent ?? 80}%)`;
    default:
      return `${metric.label} ${rule.op ?? '>'} ${formatMetricValue(rule.metric, rule.threshold)}${forText}`
        + (rule.window ? ` · ${rule.window} window` : '');
  }
}

/** A rule's filter and grouping in words: "service checkout · model gpt-4o · per model". */
export function scopeText(rule) {
  const parts = Object.entries(rule.filter ?? {}).filter(([, value]) => value).map(([name, value]) => `${name} ${value}`);
  if (rule.groupBy?.length) parts.push(`per ${rule.groupBy.join(', ')}`);
  return parts.join(' · ');
}

const UNIT_MILLIS = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000 };

/** "1h30m" → 5400000; NaN when the text is not a duration such as 30s, 5m, 1h, 1h30m, 7d. */
export function parseDuration(text) {
  const match = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(String(text ?? '').trim());
  if (!match || !match.slice(1).some(Boolean)) return Number.NaN;
  const [, d, h, m, s] = match.map(Number);
  return (d || 0) * UNIT_MILLIS.d + (h || 0) * UNIT_MILLIS.h + (m || 0) * UNIT_MILLIS.m + (s || 0) * UNIT_MILLIS.s;
}

/** A group's labels in words: "model gpt-4o · service checkout"; "" for no group. */
export function groupText(group) {
  return Object.entries(group ?? {}).map(([name, value]) => `${name} ${value}`).join(' · ');
}
