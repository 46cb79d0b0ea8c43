/**
 * Folds the metrics API's rows (one per time bucket and group) into one figure per group, for tiles and tables.
 * Pure functions, no DOM. Counts, tokens and cost add up exactly. Quantiles do not add up: with one bucket per
 * group they are the API's exact figures; over several buckets they are the calls-weighted mean of the bucket
 * quantiles and flagged `approximate` (the API gives quantiles per bucket of at most one day).
 */
import { mergeScores } from './score-figures.js';

/** The key of a row's group, stable for the same dimension values: `service=a|model=b`, or '' without grouping. */
export function groupKey(group, groupBy) {
  return groupBy.map((dimension) => `${dimension}=${group?.[dimension] ?? ''}`).join('|');
}

/** A group's label: its values joined by " · ", "(none)" for an empty value, "All calls" without grouping. */
export function groupLabel(group, groupBy) {
  if (groupBy.length === 0) return 'All calls';
  return groupBy.map((dimension) => group?.[dimension] || '(none)').join(' · ');
}

/**
 * Folds rows into one summary per group, most expensive first (then most calls).
 * @returns `[{key, group, label, buckets, calls, errors, errorRate, tokens, cost, latencyMs, ttftMs}]`
 */
export function summarizeByGroup(rows, groupBy) {
  const byKey = new Map();
  for (const row of rows ?? []) {
    const key = groupKey(row.group, groupBy);
    if (!byKey.has(key)) byKey.set(key, []);
    byKey.get(key).push(row);
  }
  return [...byKey.entries()]
    .map(([key, groupRows]) => ({ key, ...summarize(groupRows, groupBy) }))
    .sort((a, b) => (b.cost.usd ?? -1) - (a.cost.usd ?? -1) || b.calls - a.calls || a.label.localeCompare(b.label));
}

/** Folds rows of any buckets and groups into one summary (for the tiles: rows of one group over the range). */
export function summarize(rows, groupBy = []) {
  const list = rows ?? [];
  const calls = sum(list, (row) => row.calls);
  const errors = sum(list, (row) => row.errors);
  const priced = list.filter((row) => row.cost?.usd != null);
  const ttftRows = list.filter((row) => row.ttftMs?.calls > 0);
  return {
    group: list[0]?.group ?? {},
    label: groupLabel(list[0]?.group, groupBy),
    buckets: list.length,
    scores: mergeScores(list),
    calls,
    errors,
    errorRate: calls > 0 ? errors / calls : null,
    tokens: {
      input: sum(list, (row) => row.tokens?.input),
      output: sum(list, (row) => row.tokens?.output),
      cacheRead: sum(list, (row) => row.tokens?.cacheRead),
      reasoning: sum(list, (row) => row.tokens?.reasoning),
      estimated: list.some((row) => row.tokens?.estimated),
      estimatedCalls: sum(list, (row) => row.tokens?.estimatedCalls),
    },
    cost: {
      // null when no call could be priced: an unknown price is never shown as $0.
      usd: priced.length > 0 ? roundUsd(sum(priced, (row) => row.cost.usd)) : null,
      pricedCalls: sum(list, (row) => row.cost?.pricedCalls),
      unpricedCalls: sum(list, (row) => row.cost?.unpricedCalls),
      unpricedModels: [...new Set(list.flatMap((row) => row.cost?.unpricedModels ?? []))].sort(),
      estimated: list.some((row) => row.cost?.estimated),
    },
    latencyMs: {
      p50: weighted(list, (row) => row.latencyMs?.p50, (row) => row.calls),
      p95: weighted(list, (row) => row.latencyMs?.p95, (row) => row.calls),
      p99: weighted(list, (row) => row.latencyMs?.p99, (row) => row.calls),
      approximate: list.filter((row) => row.latencyMs?.p50 != null).length > 1,
    },
    ttftMs: {
      calls: sum(ttftRows, (row) => row.ttftMs.calls),
      p50: weighted(ttftRows, (row) => row.ttftMs.p50, (row) => row.ttftMs.calls),
      p95: weighted(ttftRows, (row) => row.ttftMs.p95, (row) => row.ttftMs.calls),
      approximate: ttftRows.length > 1,
    },
  };
}

function sum(rows, value) {
  return rows.reduce((total, row) => total + (Number(value(row)) || 0), 0);
}

/** Weighted mean of the non-null values; the only value when there is one; null when there is none. */
function weighted(rows, value, weight) {
  let total = 0;
  let weights = 0;
  for (const row of rows) {
    const v = value(row);
    const w = weight(row) || 0;
    if (v == null || w <= 0) continue;
    total += v * w;
    weights += w;
  }
  return weights > 0 ? total / weights : null;
}

/** Sums of decimal prices pick up binary noise (0.1 + 0.2); 12 decimals are far below any displayed digit. */
function roundUsd(usd) {
  return Math.round(usd * 1e12) / 1e12;
}
