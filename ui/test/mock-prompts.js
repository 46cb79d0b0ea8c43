/**
 * The mock server's prompt-version endpoints (/prompts, /prompts/{fingerprint}, /prompts/compare) in the response
 * shapes of the real query API, with its 400s and 404. Canned, relative to the server's start: a support prompt
 * whose v2 replaced v1 twelve hours ago (slower and less helpful, both significantly), and a summary prompt with
 * one version. In memory, per server.
 */
const HOUR_MS = 3_600_000;
const CALL_EVERY_MS = 6 * 60_000;

/** An API error: status, error code and message (the message of a 400 names its parameter first). */
export class PromptsError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** True for the paths handlePrompts answers. */
export function handlesPrompts(path) {
  return /^\/api\/v1\/prompts(\/|$)/.test(path);
}

/** The canned versions: each serves one call every 6 minutes between its start and end (hours before `now`). */
export function createPromptStore(now = Date.now()) {
  const minute = (t) => Math.floor(t / 60_000) * 60_000;
  const version = (fingerprint, name, id, startHoursAgo, endHoursAgo, figures) => ({
    fingerprint, name, version: id,
    start: minute(now - startHoursAgo * HOUR_MS), end: minute(now - endHoursAgo * HOUR_MS), ...figures,
  });
  return {
    versions: [
      version('fp-support-answer', 'support-answer', 'v1', 36, 12, {
        latencyP50: 810, latencyP95: 1900, costPerCall: 0.0051, helpfulness: 0.81,
        template: 'You answer support questions about orders.\nQuestion: {{question}}',
      }),
      version('fp-support-answer', 'support-answer', 'v2', 12, 0, {
        latencyP50: 1050, latencyP95: 2400, costPerCall: 0.0052, helpfulness: 0.72,
        template: 'You answer support questions about orders, citing the order page.\nQuestion: {{question}}',
      }),
      version('fp-summarise', 'summarise-ticket', 'v1', 20, 0, {
        latencyP50: 420, latencyP95: 900, costPerCall: 0.0009, helpfulness: null, template: null,
      }),
    ],
  };
}

/** Answers one GET; returns `[status, body]`. */
export function handlePrompts(store, url) {
  try {
    const path = url.pathname.replace(/\/$/, '');
    const q = url.searchParams;
    if (path === '/api/v1/prompts') return [200, list(store, q)];
    if (path === '/api/v1/prompts/compare') return [200, compare(store, q)];
    const fingerprint = decodeURIComponent(path.slice('/api/v1/prompts/'.length));
    return [200, detail(store, fingerprint, q)];
  } catch (error) {
    if (error instanceof PromptsError) return [error.status, { error: error.code, message: error.message }];
    throw error;
  }
}

function bad(name, problem) {
  return new PromptsError(400, 'bad_parameter', `${name}: ${problem}`);
}

function range(q) {
  const instant = (name, fallback) => {
    const value = q.get(name);
    if (!value) return fallback;
    const t = Date.parse(value);
    if (Number.isNaN(t)) throw bad(name, `must be an ISO-8601 instant such as 2026-11-28T10:15:30Z, got "${value}"`);
    return t;
  };
  const to = instant('to', Date.now());
  const from = instant('from', to - 7 * 24 * HOUR_MS);
  if (from >= to) throw bad('from', 'must be before to');
  return { from, to };
}

/** The calls of a version inside [from, to): one every 6 minutes of its life. */
function callTimes(version, from, to) {
  const times = [];
  for (let t = version.start; t <= version.end; t += CALL_EVERY_MS) if (t >= from && t < to) times.push(t);
  return times;
}

function figures(version, from, to) {
  const times = callTimes(version, from, to);
  if (times.length === 0) return null;
  const calls = times.length;
  const usd = Number((version.costPerCall * calls).toFixed(6));
  return {
    fingerprint: version.fingerprint, version: version.version, name: version.name,
    firstSeen: new Date(times[0]).toISOString(), lastSeen: new Date(times.at(-1)).toISOString(),
    calls, errors: 0, errorRate: 0,
    tokens: { input: 500 * calls, output: 120 * calls, cacheRead: 0, cacheWrite: 0, reasoning: 0, estimated: false, estimatedCalls: 0 },
    cost: { usd, pricedCalls: calls, unpricedCalls: 0, unpricedModels: [], estimated: false, usdPerPricedCall: version.costPerCall },
    latencyMs: { p50: version.latencyP50, p90: version.latencyP95 * 0.9, p95: version.latencyP95, p99: version.latencyP95 * 1.2, mean: version.latencyP50 * 1.1 },
    outputTokensPerCall: 120,
    scores: version.helpfulness == null ? []
      : [{ name: 'helpfulness', dataType: 'numeric', scored: calls, average: version.helpfulness, labels: {} }],
  };
}

function list(store, q) {
  const { from, to } = range(q);
  const prompts = store.versions.map((version) => figures(version, from, to)).filter(Boolean)
    .sort((x, y) => x.fingerprint.localeCompare(y.fingerprint) || x.firstSeen.localeCompare(y.firstSeen));
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString(), prompts };
}

function detail(store, fingerprint, q) {
  const { from, to } = range(q);
  const bucketText = q.get('bucket');
  const bucket = bucketText ? parseBucket(bucketText) : (to - from <= 3 * 24 * HOUR_MS ? HOUR_MS : 24 * HOUR_MS);
  const mine = store.versions.filter((version) => version.fingerprint === fingerprint);
  const versions = mine.map((version) => figures(version, from, to)).filter(Boolean);
  if (versions.length === 0) {
    throw new PromptsError(404, 'not_found', `no calls of prompt fingerprint ${fingerprint} in the range`);
  }
  const timeline = [];
  for (const version of mine) {
    const perBucket = new Map();
    for (const t of callTimes(version, from, to)) {
      const start = Math.floor(t / bucket) * bucket;
      perBucket.set(start, (perBucket.get(start) ?? 0) + 1);
    }
    for (const [start, calls] of perBucket) timeline.push({ bucket: new Date(start).toISOString(), version: version.version, calls });
  }
  timeline.sort((x, y) => x.bucket.localeCompare(y.bucket) || x.version.localeCompare(y.version));
  return {
    fingerprint, name: mine[0].name, from: new Date(from).toISOString(), to: new Date(to).toISOString(),
    bucketSeconds: bucket / 1000, versions,
    templates: mine.filter((version) => callTimes(version, from, to).length > 0).map((version) => ({
      version: version.version, name: version.name, template: version.template,
      capturedAt: version.template ? new Date(callTimes(version, from, to).at(-1)).toISOString() : null,
    })),
    timeline,
  };
}

function parseBucket(text) {
  const match = /^(\d+)([mhd])$/.exec(text);
  const ms = match ? Number(match[1]) * { m: 60_000, h: HOUR_MS, d: 24 * HOUR_MS }[match[2]] : NaN;
  if (!(ms >= 60_000 && ms <= 24 * HOUR_MS)) throw bad('bucket', `must be whole minutes from 1m to 1d, got "${text}"`);
  return ms;
}

/** The two support versions differ in latency and helpfulness (significantly); any other pair in nothing. */
function compare(store, q) {
  const side = (name) => ({ fingerprint: q.get(`${name}_fingerprint`) || null, version: q.get(`${name}_version`) || null });
  const a = side('a');
  const b = side('b');
  if (!a.fingerprint && !a.version) throw bad('a_version', 'side a needs a_fingerprint, a_version or both');
  if (!b.fingerprint && !b.version) throw bad('b_version', 'side b needs b_fingerprint, b_version or both');
  if (a.fingerprint === b.fingerprint && a.version === b.version) throw bad('b_version', 'side b must differ from side a');
  const { from, to } = range(q);
  const find = (s) => store.versions.find((version) => (!s.fingerprint || version.fingerprint === s.fingerprint)
    && (!s.version || version.version === s.version));
  const va = find(a);
  const vb = find(b);
  const fa = va ? figures(va, from, to) : null;
  const fb = vb ? figures(vb, from, to) : null;
  const n = (f) => Math.min(f?.calls ?? 0, 2000);
  const test = (metric, kind, baseline, current, pValue) => {
    const enough = n(fa) >= 30 && n(fb) >= 30;
    const relativeChange = baseline && current != null ? (current - baseline) / Math.abs(baseline) : null;
    return {
      metric, test: kind, baseline, current,
      change: enough && baseline != null && current != null ? current - baseline : null,
      relativeChange: enough ? relativeChange : null,
      pValue: enough ? pValue : null, baselineSamples: n(fa), currentSamples: n(fb),
      verdict: !enough ? 'insufficient_samples' : pValue < 0.01 && Math.abs(relativeChange ?? 0) >= 0.05 ? 'drift' : 'no_drift',
    };
  };
  const differ = va && vb && va.fingerprint === 'fp-support-answer' && va !== vb;
  const distribution = 'mann_whitney_u+kolmogorov_smirnov';
  const tests = [
    test('cost_per_call_usd', distribution, va?.costPerCall ?? null, vb?.costPerCall ?? null, 0.42),
    test('latency_ms', distribution, va?.latencyP50 ?? null, vb?.latencyP50 ?? null, differ ? 1.2e-9 : 0.61),
    test('ttft_ms', distribution, null, null, 1),
    test('tokens_per_call', distribution, 620, 620, 1),
    test('output_tokens_per_call', distribution, 120, 120, 1),
    test('error_rate', 'chi_square_2x2', 0, 0, 1),
    test('finish_reason_mix', 'chi_square_homogeneity', null, null, 1),
  ];
  tests[2] = { ...tests[2], verdict: 'insufficient_samples', baselineSamples: 0, currentSamples: 0, pValue: null, relativeChange: null, change: null };
  if (va?.helpfulness != null || vb?.helpfulness != null) {
    tests.push(test('score:helpfulness', distribution, va?.helpfulness ?? null, vb?.helpfulness ?? null, differ ? 3.4e-6 : 0.5));
  }
  return {
    from: new Date(from).toISOString(), to: new Date(to).toISOString(),
    aFingerprint: a.fingerprint, aVersion: a.version, bFingerprint: b.fingerprint, bVersion: b.version,
    a: fa, b: fb, alpha: 0.01, minSamples: 30, minRelativeChange: 0.05,
    significant: tests.some((t) => t.verdict === 'drift'), tests,
  };
}
