/**
 * The analytics endpoints of the mock server (/metrics, /drift, /drift/swaps, /compare, /what-if, /prices),
 * computed from the LLM calls of fixtures.js in the response shapes of the real query API, with its 400 answers
 * for the parameters the UI can get wrong. Quantiles are nearest-rank over the calls (the real API uses t-digest).
 */
import { FILLER_PRICE_PER_TOKEN, builtInPrice } from './fixtures.js';

const DIMENSIONS = ['service', 'provider', 'model', 'request_model', 'response_model', 'prompt_fingerprint', 'prompt_version'];
const FILTERS = ['service', 'provider', 'model', 'prompt_version'];
const MIN_DRIFT_SAMPLES = 50;

export class BadParameter extends Error {
  constructor(name, problem) {
    super(`${name}: ${problem}`);
  }
}

/**
 * Every LLM call of the fixtures, flattened for aggregation. `costUsd` reads the span's cost as priced now, so a
 * project price (mock-prices.js `reprice`) re-prices analytics and alerts too.
 */
export function llmCalls(fixtures) {
  const calls = [];
  for (const trace of fixtures.details.values()) {
    for (const span of trace.spans) {
      if (!span.llm) continue;
      const llm = span.llm;
      calls.push({
        time: Date.parse(span.startTime),
        service: span.service,
        provider: llm.provider ?? '',
        model: llm.responseModel || llm.requestModel,
        request_model: llm.requestModel ?? '',
        response_model: llm.responseModel ?? '',
        prompt_fingerprint: llm.promptFingerprint ?? '',
        prompt_version: llm.promptVersion ?? '',
        inputTokens: llm.inputTokens ?? 0,
        outputTokens: llm.outputTokens ?? 0,
        cacheReadTokens: llm.cacheReadTokens ?? 0,
        cacheWriteTokens: llm.cacheWriteTokens ?? 0,
        reasoningTokens: llm.reasoningTokens ?? 0,
        get costUsd() {
          return llm.costUsd;
        },
        durationMs: span.durationMs,
        ttftMs: llm.timeToFirstTokenMs,
        error: span.status === 'ERROR',
        finishReasons: llm.finishReasons ?? [],
        // An evaluator's helpfulness score on every other call: deterministic, differing by model.
        helpfulness: calls.length % 2 === 0 ? (/claude/.test(llm.requestModel ?? '') ? 0.9 : 0.7) : null,
      });
    }
  }
  return calls.sort((a, b) => a.time - b.time);
}

/** GET /api/v1/metrics */
export function metrics(calls, params) {
  const { from, to } = range(params, 24 * 3_600_000);
  const bucket = bucketMillis(params.get('bucket') ?? '1h');
  const groupBy = groupByOf(params.get('group_by'));
  const selected = filtered(calls, params, from, to);
  const rows = new Map();
  for (const call of selected) {
    const start = Math.floor(call.time / bucket) * bucket;
    const group = Object.fromEntries(groupBy.map((dimension) => [dimension, call[dimension]]));
    const key = `${start}|${JSON.stringify(group)}`;
    if (!rows.has(key)) rows.set(key, { start, group, calls: [] });
    rows.get(key).calls.push(call);
  }
  return {
    from: iso(from), to: iso(to), bucketSeconds: bucket / 1000, groupBy: [...groupBy].sort(),
    rows: [...rows.values()].sort((a, b) => a.start - b.start).map((row) => ({
      bucket: iso(row.start), group: row.group, ...figures(row.calls),
      ...(wantsScores(params) ? { scores: scoreFigures(row.calls) } : {}),
    })),
  };
}

function wantsScores(params) {
  return (params.get('fields') ?? '').split(',').map((field) => field.trim()).includes('scores');
}

/** The row's scores by name, as fields=…,scores answers them. */
function scoreFigures(calls) {
  const scored = calls.filter((call) => call.helpfulness != null);
  if (scored.length === 0) return {};
  return {
    helpfulness: {
      dataType: 'numeric', scored: scored.length, average: sum(scored, (call) => call.helpfulness) / scored.length, labels: {},
    },
  };
}

/** GET /api/v1/drift: the fixtures never hold enough calls, so every metric is "insufficient_samples". */
export function drift(calls, params) {
  const subject = {};
  for (const name of FILTERS) {
    const value = filterValue(params, name);
    if (value) subject[name] = value;
  }
  if (Object.keys(subject).length === 0) {
    throw new BadParameter('model', 'a subject is required: give model, service, provider, prompt_version or prompt_fingerprint');
  }
  const { from, to } = range(params, 3_600_000);
  const days = Number(params.get('baseline_days') ?? 7);
  const matches = (call) => Object.entries(subject).every(([name, value]) =>
    (name === 'model' ? call.request_model === value || call.response_model === value : call[name] === value));
  const current = calls.filter((call) => matches(call) && call.time >= from && call.time < to).length;
  const baselineWindows = [];
  let baseline = 0;
  for (let day = days; day >= 1; day -= 1) {
    const window = [from - day * 86_400_000, to - day * 86_400_000];
    baselineWindows.push(window.map(iso));
    baseline += calls.filter((call) => matches(call) && call.time >= window[0] && call.time < window[1]).length;
  }
  const metric = (name, test) => ({
    metric: name, test, baseline: null, current: null, change: null, relativeChange: null, pValue: null,
    baselineSamples: baseline, currentSamples: current, verdict: 'insufficient_samples',
  });
  return {
    subject, currentFrom: iso(from), currentTo: iso(to), baselineWindows, alpha: 0.01, minSamples: MIN_DRIFT_SAMPLES,
    minRelativeChange: 0.1, drifted: false,
    metrics: [
      metric('latency_ms', 'mann_whitney_u+kolmogorov_smirnov'), metric('ttft_ms', 'mann_whitney_u+kolmogorov_smirnov'),
      metric('cost_per_call_usd', 'mann_whitney_u+kolmogorov_smirnov'), metric('tokens_per_call', 'mann_whitney_u+kolmogorov_smirnov'),
      metric('output_tokens_per_call', 'mann_whitney_u+kolmogorov_smirnov'), metric('error_rate', 'chi_square_2x2'),
      metric('finish_reason_mix', 'chi_square_homogeneity'),
    ],
  };
}

/** GET /api/v1/drift/swaps: a request model answered by a response model that first appears after another one. */
export function swaps(calls, params) {
  const { from, to } = range(params, 24 * 3_600_000);
  const window = 3_600_000;
  const inRange = calls.filter((call) => call.time >= from && call.time < to);
  const byRequest = new Map();
  for (const call of inRange) {
    const key = `${call.provider}|${call.request_model}`;
    if (!byRequest.has(key)) byRequest.set(key, new Map());
    const variants = byRequest.get(key);
    if (!variants.has(call.response_model)) variants.set(call.response_model, Math.floor(call.time / 60_000) * 60_000);
  }
  const out = [];
  for (const [key, variants] of byRequest) {
    const ordered = [...variants.entries()].sort((a, b) => a[1] - b[1]);
    const [provider, requestModel] = key.split('|');
    for (let index = 1; index < ordered.length; index += 1) {
      const at = ordered[index][1];
      const side = (start, end) => {
        const f = figures(calls.filter((call) => call.request_model === requestModel && call.time >= start && call.time < end));
        return {
          calls: f.calls, latencyP50Ms: f.latencyMs.p50, latencyP95Ms: f.latencyMs.p95, costPerCallUsd: f.cost.usdPerPricedCall,
          outputTokensPerCall: f.outputTokensPerCall, errorRate: f.errorRate,
        };
      };
      out.push({
        provider, requestModel, at: iso(at), kind: 'response_model',
        fromResponseModel: ordered[index - 1][0], fromSystemFingerprint: '', toResponseModel: ordered[index][0], toSystemFingerprint: '',
        before: side(at - window, at), after: side(at, at + window),
      });
    }
  }
  return { from: iso(from), to: iso(to), comparisonWindowSeconds: window / 1000, swaps: out.sort((a, b) => Date.parse(a.at) - Date.parse(b.at)) };
}

/** GET /api/v1/compare */
export function compare(calls, params) {
  const a = required(params, 'a');
  const b = required(params, 'b');
  const { from, to } = range(params, 7 * 86_400_000);
  const service = filterValue(params, 'service');
  const single = (model) => {
    const selected = calls.filter((call) => call.time >= from && call.time < to && (!service || call.service === service)
      && (call.request_model === model || call.response_model === model));
    return selected.length === 0 ? null : { bucket: iso(from), group: {}, ...figures(selected) };
  };
  return {
    from: iso(from), to: iso(to), a: single(a), b: single(b), aModel: a, bModel: b,
    // The mock's only score: every call of the first model, as an online evaluator would grade it.
    scores: [{ name: 'helpfulness', a: { scored: 3, average: 0.9 }, b: null }],
    scoresNote: null,
  };
}

/** GET /api/v1/what-if */
export function whatIf(calls, params) {
  const target = required(params, 'model');
  const price = FILLER_PRICE_PER_TOKEN[target];
  if (price == null) throw new BadParameter('model', `no price is known for ${target}`);
  const { from, to } = range(params, 7 * 86_400_000);
  const service = filterValue(params, 'service');
  const source = filterValue(params, 'source_model');
  const selected = calls.filter((call) => call.time >= from && call.time < to && (!service || call.service === service)
    && (!source || call.request_model === source || call.response_model === source));
  const line = (name, list) => {
    const priced = list.filter((call) => call.costUsd != null);
    const actual = priced.length ? round(sum(priced, (call) => call.costUsd)) : null;
    const repriced = priced.length ? round(sum(priced, (call) => (call.inputTokens + call.outputTokens) * price)) : null;
    return {
      service: name, calls: list.length, comparedCalls: priced.length, actualUsd: actual, whatIfUsd: repriced,
      differenceUsd: actual == null ? null : round(repriced - actual), unpricedCalls: list.length - priced.length, estimated: false,
    };
  };
  const services = [...new Set(selected.map((call) => call.service))].sort();
  const provider = filterValue(params, 'target_provider') || (target.startsWith('claude') ? 'anthropic' : 'openai');
  return {
    from: iso(from), to: iso(to), targetModel: target, targetProvider: provider,
    targetProviderChosenBy: filterValue(params, 'target_provider') ? 'target_provider' : 'built-in price',
    targetPrices: [{
      origin: 'built-in', provider, model: target, anyProvider: true, input: price * 1e6, output: price * 1e6,
      cacheRead: null, cacheWrite: null, reasoning: null, effectiveFrom: '2024-01-01', source: 'mock',
    }],
    assumption: `Each call is re-priced with the same token counts it really used, at ${target}'s price valid on the call's day.`,
    services: services.map((name) => line(name, selected.filter((call) => call.service === name))),
    total: line('(total)', selected),
  };
}

/** GET /api/v1/prices */
export function prices() {
  return {
    project: [],
    builtIn: Object.keys(FILLER_PRICE_PER_TOKEN).map(builtInPrice),
  };
}

/** The aggregate figures of a set of calls, in the shape of a metrics row. */
function figures(calls) {
  const priced = calls.filter((call) => call.costUsd != null);
  const errors = calls.filter((call) => call.error).length;
  const durations = calls.map((call) => call.durationMs).sort((a, b) => a - b);
  const ttfts = calls.map((call) => call.ttftMs).filter((value) => value != null).sort((a, b) => a - b);
  const usd = priced.length ? round(sum(priced, (call) => call.costUsd)) : null;
  const finishReasons = {};
  for (const call of calls) for (const reason of call.finishReasons) finishReasons[reason] = (finishReasons[reason] ?? 0) + 1;
  return {
    calls: calls.length,
    errors,
    errorRate: calls.length ? errors / calls.length : 0,
    tokens: {
      input: sum(calls, (call) => call.inputTokens), output: sum(calls, (call) => call.outputTokens),
      cacheRead: sum(calls, (call) => call.cacheReadTokens), cacheWrite: 0, reasoning: sum(calls, (call) => call.reasoningTokens),
      estimated: false, estimatedCalls: 0,
    },
    cost: {
      usd, pricedCalls: priced.length, unpricedCalls: calls.length - priced.length,
      unpricedModels: [...new Set(calls.filter((call) => call.costUsd == null).map((call) => call.model))].sort(),
      estimated: false, usdPerPricedCall: usd == null ? null : round(usd / priced.length),
    },
    latencyMs: {
      p50: quantile(durations, 0.5), p90: quantile(durations, 0.9), p95: quantile(durations, 0.95), p99: quantile(durations, 0.99),
      mean: durations.length ? sum(durations, (value) => value) / durations.length : null,
    },
    ttftMs: { calls: ttfts.length, p50: quantile(ttfts, 0.5), p95: quantile(ttfts, 0.95) },
    outputTokensPerCall: calls.length ? sum(calls, (call) => call.outputTokens) / calls.length : null,
    finishReasons,
  };
}

function filtered(calls, params, from, to) {
  const wanted = Object.fromEntries(FILTERS.map((name) => [name, filterValue(params, name)]));
  return calls.filter((call) => call.time >= from && call.time < to
    && (!wanted.service || call.service === wanted.service)
    && (!wanted.provider || call.provider === wanted.provider)
    && (!wanted.model || call.request_model === wanted.model || call.response_model === wanted.model)
    && (!wanted.prompt_version || call.prompt_version === wanted.prompt_version));
}

function filterValue(params, name) {
  const value = params.get(name);
  if (value == null || value.trim() === '') return null;
  if (value.length > 512) throw new BadParameter(name, 'must be at most 512 characters');
  return value;
}

function required(params, name) {
  const value = filterValue(params, name);
  if (!value) throw new BadParameter(name, 'is required');
  return value;
}

function range(params, defaultMillis) {
  const to = instant(params, 'to') ?? Date.now();
  const from = instant(params, 'from') ?? to - defaultMillis;
  if (from >= to) throw new BadParameter('from', 'must be before to');
  return { from, to };
}

function instant(params, name) {
  const value = params.get(name);
  if (value == null || value === '') return null;
  const millis = Date.parse(value);
  if (Number.isNaN(millis)) throw new BadParameter(name, `must be an ISO-8601 instant such as 2026-11-28T10:15:30Z, got "${value}"`);
  return millis;
}

function bucketMillis(text) {
  const match = /^(\d{1,6})([mhd])$/.exec(text);
  const millis = match ? Number(match[1]) * { m: 60_000, h: 3_600_000, d: 86_400_000 }[match[2]] : NaN;
  if (!(millis >= 60_000 && millis <= 86_400_000)) throw new BadParameter('bucket', `must be whole minutes from 1m to 1d, got "${text}"`);
  return millis;
}

function groupByOf(text) {
  if (!text) return [];
  return text.split(',').map((part) => part.trim()).map((part) => {
    if (!DIMENSIONS.includes(part)) throw new BadParameter('group_by', `unknown dimension "${part}"; use ${DIMENSIONS.join(', ')}`);
    return part;
  });
}

function quantile(sorted, q) {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

function sum(list, value) {
  return list.reduce((total, item) => total + value(item), 0);
}

function round(usd) {
  return Math.round(usd * 1e9) / 1e9;
}

function iso(millis) {
  return new Date(millis).toISOString();
}
