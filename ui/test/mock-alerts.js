/**
 * The alerting endpoints of the mock server (/api/v1/alerts/…), in memory, in the shapes of the alerts API
 * contract: rules CRUD with its 400 answers ("<field>: <problem>"), backtests computed from the fixtures' LLM calls,
 * alert instances, history events, channels with a test send, and silences.
 *
 * Simplifications (documented so tests do not rely on more): the mock evaluates only when asked —
 * `POST /__mock/alerts/evaluate` (no key needed, never part of the real API) — and an evaluation is the backtest of
 * the last 24 hours: a group is firing when its last firing is still open, pending when the condition holds but not
 * yet for `for`, no_data without any point. Points without data neither start nor resolve a firing. A test send or
 * delivery to a URL containing "fail" fails with HTTP 500; any other URL succeeds.
 */
import { swaps as analyticsSwaps } from './mock-analytics.js';
import {
  AlertsError, CHANNEL_TYPES, DIMENSIONS, DRIFT_METRICS, KINDS, METRICS, OPS, PAGERDUTY_URL, SEVERITIES, bad,
  durationMillis, iso, validateChannel, validateRule, validateSilence,
} from './mock-alert-validation.js';

const STATE_ORDER = ['firing', 'pending', 'no_data', 'error', 'inactive'];
const DAY = 86_400_000;
const MAX_RANGE = 31 * DAY;


/** Creates the in-memory store over the fixtures' LLM calls, seeded with a few rules, channels and a silence. */
export function createAlertsStore(calls, now = Date.now()) {
  const store = {
    calls, rules: new Map(), channels: new Map(), silences: new Map(), instances: new Map(), events: [], ids: 0,
  };
  const id = (prefix) => `${prefix}_${(0x5eed00000000 + (store.ids += 1) * 7919).toString(16).slice(-12)}`;
  store.newId = id;

  const ops = addChannel(store, { name: 'ops webhook', type: 'webhook', url: 'https://hooks.example.com/alerts' });
  const slack = addChannel(store, { name: '#llm-alerts', type: 'slack', url: 'https://hooks.slack.example/fail/T0/B0' });
  Object.assign(slack, {
    status: 'failing', consecutiveFailures: 3, lastError: 'HTTP 404 from hooks.slack.example: channel_not_found',
    lastAttemptAt: iso(now - 40 * 60_000),
  });
  addRule(store, {
    name: 'checkout p95 latency', kind: 'threshold', filter: { service: 'checkout-api' }, groupBy: ['model'],
    metric: 'latency_p95_ms', window: '1h', op: '>', threshold: 2500, warnThreshold: 1800, for: '10m',
    severity: 'critical', labels: { team: 'payments' },
    annotations: { summary: 'Checkout LLM calls are slow', runbook_url: 'https://runbooks.example.com/checkout-latency' },
    channels: [ops.id],
  }, { source: 'api' });
  addRule(store, {
    name: 'support-bot error rate', kind: 'threshold', filter: { service: 'support-bot' }, metric: 'error_rate',
    window: '1h', op: '>', threshold: 0.2, severity: 'warning', channels: [slack.id],
  }, { source: 'file' });
  addRule(store, {
    name: 'silent model swaps', kind: 'swap', window: '1h', severity: 'info', channels: [ops.id],
  }, { source: 'api' });
  addRule(store, {
    name: 'monthly LLM budget', kind: 'budget', period: 'month', amountUsd: 500, warnAtPercent: 80, severity: 'warning',
    channels: [ops.id],
  }, { source: 'api' });
  store.silences.set('sil_0000000000a1', {
    id: 'sil_0000000000a1', matchers: [{ name: 'alertname', value: 'silent model swaps', isRegex: false, isEqual: true }],
    startsAt: iso(now - 3 * 3_600_000), endsAt: iso(now - 3_600_000), comment: 'provider migration', createdBy: 'alice',
  });
  seedHistory(store, now);
  evaluate(store, now);
  return store;
}

/** Handles one /api/v1/alerts request; returns `[status, body]` or throws AlertsError. */
export function handleAlerts(store, method, path, params, body) {
  const rest = path.replace(/^\/api\/v1\/alerts/, '').replace(/\/$/, '');
  const now = Date.now();
  let match;
  if (rest === '' && method === 'GET') return [200, { alerts: listAlerts(store, params.get('state'), now) }];
  if (rest === '/events' && method === 'GET') return [200, listEvents(store, params)];
  if (rest === '/rules' && method === 'GET') return [200, { rules: [...store.rules.values()].map((rule) => withState(store, rule)) }];
  if (rest === '/rules' && method === 'POST') return [201, withState(store, addRule(store, validateRule(store, body), { source: 'api' }))];
  if (rest === '/rules/backtest' && method === 'POST') return [200, backtest(store, validateRule(store, body), params, now)];
  if ((match = /^\/rules\/([^/]+)\/backtest$/.exec(rest)) && method === 'POST') {
    return [200, backtest(store, ruleById(store, match[1]), params, now)];
  }
  if ((match = /^\/rules\/([^/]+)$/.exec(rest))) {
    const rule = ruleById(store, match[1]);
    if (method === 'GET') return [200, withState(store, rule)];
    if (rule.source === 'file' && (method === 'PUT' || method === 'DELETE')) {
      throw new AlertsError(409, `id: rule ${rule.id} is defined in a file and is read-only`);
    }
    if (method === 'PUT') {
      const updated = { ...withDefaults(validateRule(store, body)), id: rule.id, source: rule.source, version: rule.version + 1 };
      store.rules.set(rule.id, updated);
      return [200, withState(store, updated)];
    }
    if (method === 'DELETE') {
      store.rules.delete(rule.id);
      for (const key of [...store.instances.keys()]) if (key.startsWith(`${rule.id}|`)) store.instances.delete(key);
      return [204, null];
    }
  }
  if (rest === '/channels' && method === 'GET') return [200, { channels: [...store.channels.values()].map(channelView) }];
  if (rest === '/channels' && method === 'POST') {
    const channel = addChannel(store, validateChannel(body));
    return [201, { ...channelView(channel), secret: channel.type === 'webhook' ? channel.secret : undefined }];
  }
  if ((match = /^\/channels\/([^/]+)(\/test)?$/.exec(rest))) {
    const channel = store.channels.get(match[1]);
    if (!channel) throw new AlertsError(404, `id: no channel ${match[1]}`);
    if (match[2] && method === 'POST') {
      const attempt = deliver(store, channel, now);
      return [200, { status: attempt.status, httpStatus: attempt.httpStatus, error: attempt.error }];
    }
    if (!match[2] && method === 'DELETE') {
      store.channels.delete(channel.id);
      return [204, null];
    }
  }
  if (rest === '/silences' && method === 'GET') {
    return [200, { silences: [...store.silences.values()].map((silence) => silenceView(silence, now)).reverse() }];
  }
  if (rest === '/silences' && method === 'POST') {
    const silence = { id: store.newId('sil'), ...validateSilence(body, now) };
    store.silences.set(silence.id, silence);
    return [201, silenceView(silence, now)];
  }
  if ((match = /^\/silences\/([^/]+)$/.exec(rest)) && method === 'DELETE') {
    const silence = store.silences.get(match[1]);
    if (!silence) throw new AlertsError(404, `id: no silence ${match[1]}`);
    if (Date.parse(silence.endsAt) > now) silence.endsAt = iso(now);
    return [204, null];
  }
  throw new AlertsError(404, `No API endpoint ${method} ${path}`, 'not_found');
}

// ---- rules ---------------------------------------------------------------------------------------------------

function addRule(store, fields, { source }) {
  const rule = { ...withDefaults(fields), id: store.newId('rul'), source, version: 1 };
  store.rules.set(rule.id, rule);
  return rule;
}

/** The contract's defaults under the given fields. */
function withDefaults(fields) {
  return {
    enabled: true, filter: {}, groupBy: [], op: '>', minCalls: 1, for: '0s', keepFiringFor: '0s', interval: '1m',
    severity: 'warning', labels: {}, annotations: {}, channels: [],
    window: fields.kind === 'threshold' || fields.kind == null ? '5m' : '1h',
    ...(fields.kind === 'drift' ? { baselineDays: 7, alpha: 0.01, minChange: 0.3, minSamples: 30 } : {}),
    ...(fields.kind === 'budget' ? { period: 'month', timeZone: 'UTC', warnAtPercent: 80 } : {}),
    ...withoutUndefined(fields),
  };
}

function ruleById(store, id) {
  const rule = store.rules.get(decodeURIComponent(id));
  if (!rule) throw new AlertsError(404, `id: no rule ${decodeURIComponent(id)}`);
  return rule;
}



// ---- backtests -----------------------------------------------------------------------------------------------

const METRIC_VALUE = {
  calls: (list) => list.length,
  errors: (list) => list.filter((call) => call.error).length,
  error_rate: (list) => list.filter((call) => call.error).length / list.length,
  cost_usd: (list) => round(sum(list, (call) => call.costUsd ?? 0)),
  cost_per_call_usd: (list) => {
    const priced = list.filter((call) => call.costUsd != null);
    return priced.length ? round(sum(priced, (call) => call.costUsd) / priced.length) : null;
  },
  input_tokens: (list) => sum(list, (call) => call.inputTokens),
  output_tokens: (list) => sum(list, (call) => call.outputTokens),
  output_tokens_per_call: (list) => sum(list, (call) => call.outputTokens) / list.length,
  latency_p50_ms: (list) => quantile(list.map((call) => call.durationMs), 0.5),
  latency_p90_ms: (list) => quantile(list.map((call) => call.durationMs), 0.9),
  latency_p95_ms: (list) => quantile(list.map((call) => call.durationMs), 0.95),
  latency_p99_ms: (list) => quantile(list.map((call) => call.durationMs), 0.99),
  ttft_p50_ms: (list) => quantile(list.map((call) => call.ttftMs).filter((v) => v != null), 0.5),
  ttft_p95_ms: (list) => quantile(list.map((call) => call.ttftMs).filter((v) => v != null), 0.95),
  // The mock's only score (see mock-analytics' compare): helpfulness 0.9 on the calls it grades.
  score_avg: () => 0.9,
};
const STEPS = [5, 10, 15, 30, 60, 180, 360, 720, 1440].map((minutes) => minutes * 60_000);

/** POST …/backtest: the rule's metric per step over [from, to) and when it would have fired. */
export function backtest(store, rule, params, now = Date.now()) {
  const to = instantParam(params, 'to') ?? Math.ceil(now / 60_000) * 60_000;
  const from = instantParam(params, 'from') ?? to - DAY;
  if (from >= to) throw bad('from: must be before to');
  if (to - from > MAX_RANGE) throw bad('from: the range must be at most 31 days');
  const step = STEPS.find((candidate) => (to - from) / candidate <= 200) ?? STEPS[STEPS.length - 1];
  const stepText = step >= 3_600_000 ? `${step / 3_600_000}h` : `${step / 60_000}m`;
  const calls = store.calls.filter((call) => matchesFilter(call, rule.filter));
  const groupOf = (call) => Object.fromEntries((rule.groupBy ?? []).map((dimension) => [dimension, call[dimension] || '']));
  const groups = new Map();
  for (const call of calls) {
    const group = groupOf(call);
    const key = JSON.stringify(group);
    if (!groups.has(key)) groups.set(key, { group, calls: [] });
    groups.get(key).calls.push(call);
  }
  if (groups.size === 0) groups.set('{}', { group: groupOf({}), calls: [] });
  const times = [];
  for (let t = from + step; t <= to; t += step) times.push(t);
  const result = { from: iso(from), to: iso(to), step: stepText, op: rule.op ?? '>', threshold: null, warnThreshold: null, series: [], firings: [], fired: 0 };

  if (rule.kind === 'swap') {
    const windowMs = durationMillis(rule.window ?? '1h');
    result.op = null;
    for (const { group, calls: list } of groups.values()) {
      result.series.push({ group, points: times.map((t) => ({ at: iso(t), value: countIn(list, t - step, t), calls: countIn(list, t - step, t) })) });
    }
    const found = analyticsSwaps(calls, new URLSearchParams({ from: iso(from - windowMs), to: iso(to) })).swaps;
    for (const swap of found) {
      const at = Date.parse(swap.at);
      const end = at + windowMs;
      if (end < from) continue;
      result.firings.push({ group: { model: swap.requestModel }, firedAt: swap.at, resolvedAt: end <= now ? iso(end) : null, peak: null });
    }
    result.fired = result.firings.length;
    return result;
  }

  if (rule.kind === 'budget') {
    result.op = '>=';
    result.threshold = rule.amountUsd;
    result.warnThreshold = rule.amountUsd * (rule.warnAtPercent ?? 80) / 100;
    for (const { group, calls: list } of groups.values()) {
      result.series.push({
        group,
        points: times.map((t) => {
          const spent = list.filter((call) => call.time >= periodStart(rule.period, t) && call.time < t);
          return { at: iso(t), value: round(sum(spent, (call) => call.costUsd ?? 0)), calls: spent.length };
        }),
      });
    }
  } else {
    const windowMs = Math.max(durationMillis(rule.window ?? '5m'), step);
    const value = METRIC_VALUE[rule.metric] ?? METRIC_VALUE.calls;
    if (rule.kind === 'threshold') {
      result.threshold = rule.threshold;
      result.warnThreshold = rule.warnThreshold ?? null;
    } else {
      result.op = null;
    }
    for (const { group, calls: list } of groups.values()) {
      result.series.push({
        group,
        points: times.map((t) => {
          const inWindow = list.filter((call) => call.time >= t - windowMs && call.time < t);
          const enough = inWindow.length >= (rule.minCalls ?? 1) && inWindow.length > 0;
          return { at: iso(t), value: enough ? value(inWindow) : null, calls: inWindow.length };
        }),
      });
    }
  }
  if (result.threshold != null) {
    const forMs = durationMillis(rule.for ?? '0s') || 0;
    for (const line of result.series) {
      const { firings, pendingSince } = firingsOf(line, result.op, result.threshold, forMs, step);
      result.firings.push(...firings);
      Object.defineProperty(line, 'pendingSince', { value: pendingSince, enumerable: false });
    }
    result.fired = result.firings.length;
  }
  return result;
}

function firingsOf(line, op, threshold, forMs, step) {
  const crosses = (value) => ({ '>': value > threshold, '>=': value >= threshold, '<': value < threshold, '<=': value <= threshold }[op]);
  const worse = (a, b) => (op.startsWith('>') ? Math.max(a, b) : Math.min(a, b));
  const firings = [];
  let pendingSince = null;
  let open = null;
  for (const point of line.points) {
    if (point.value == null) continue;
    const at = Date.parse(point.at);
    if (crosses(point.value)) {
      pendingSince ??= at - step;
      if (open) open.peak = worse(open.peak, point.value);
      else if (at - pendingSince >= forMs) {
        open = { group: line.group, firedAt: point.at, resolvedAt: null, peak: point.value };
        firings.push(open);
      }
    } else {
      pendingSince = null;
      if (open) open.resolvedAt = point.at;
      open = null;
    }
  }
  return { firings, pendingSince: open ? null : pendingSince };
}

// ---- evaluation, instances and history ------------------------------------------------------------------------

/** Evaluates every enabled rule at `now` (see the header); records transitions and deliveries. */
export function evaluate(store, now = Date.now()) {
  for (const rule of store.rules.values()) {
    if (rule.enabled === false) continue;
    const result = backtest(store, rule, new URLSearchParams(), now);
    const seen = new Set();
    const consider = (group, state, since, value) => {
      const key = `${rule.id}|${JSON.stringify(group)}`;
      seen.add(key);
      const previous = store.instances.get(key);
      const instance = previous ?? { ruleId: rule.id, group, state: 'inactive', since: iso(now) };
      if (instance.state !== state) {
        transition(store, rule, instance, state, value, now);
        instance.since = state === 'firing' && since ? since : iso(now);
        if (state === 'pending' || state === 'firing') instance.activeAt ??= instance.since;
      }
      Object.assign(instance, { state, value, lastEvaluatedAt: iso(now) });
      store.instances.set(key, instance);
    };
    if (rule.kind === 'swap') {
      for (const firing of result.firings) if (!firing.resolvedAt) consider(firing.group, 'firing', firing.firedAt, null);
    } else if (rule.kind === 'drift') {
      for (const line of result.series) consider(line.group, lastValue(line) == null ? 'no_data' : 'inactive', null, lastValue(line));
    } else {
      for (const line of result.series) {
        const open = result.firings.find((firing) => firing.group === line.group && !firing.resolvedAt);
        const value = lastValue(line);
        const state = open ? 'firing' : line.pendingSince != null ? 'pending' : value == null ? 'no_data' : 'inactive';
        consider(line.group, state, open?.firedAt, value);
      }
    }
    for (const [key, instance] of store.instances) {
      if (key.startsWith(`${rule.id}|`) && !seen.has(key) && instance.state !== 'inactive') {
        transition(store, rule, instance, 'inactive', null, now);
        Object.assign(instance, { state: 'inactive', since: iso(now), lastEvaluatedAt: iso(now) });
      }
    }
    rule.lastEvaluatedAt = iso(now);
    rule.lastError = null;
  }
  return listAlerts(store, null, now);
}

function transition(store, rule, instance, to, value, now) {
  const at = iso(now);
  store.events.push({
    at, type: 'transition', ruleId: rule.id, ruleName: rule.name, group: instance.group, from: instance.state, to,
    value, values: value == null ? {} : { value: String(value), threshold: String(rule.threshold ?? '') },
  });
  if (to !== 'firing' && instance.state !== 'firing') return;
  if (isSilenced(store, labelsOf(rule, instance.group), now)) return;
  for (const channelId of rule.channels ?? []) {
    const channel = store.channels.get(channelId);
    if (!channel) continue;
    const attempt = deliver(store, channel, now);
    store.events.push({
      at, type: 'delivery', ruleId: rule.id, ruleName: rule.name, group: instance.group, channelId, channelName: channel.name,
      notification: to === 'firing' ? 'firing' : 'resolved', attempt: 1, ...attempt,
    });
  }
}

/** The alert instances as the API lists them: firing first, then by since. */
function listAlerts(store, state, now) {
  const alerts = [];
  for (const instance of store.instances.values()) {
    const rule = store.rules.get(instance.ruleId);
    if (!rule || instance.state === 'inactive' || (state && instance.state !== state)) continue;
    alerts.push(alertView(store, rule, instance, now));
  }
  return alerts.sort((a, b) => STATE_ORDER.indexOf(a.state) - STATE_ORDER.indexOf(b.state) || Date.parse(b.since) - Date.parse(a.since));
}

function alertView(store, rule, instance, now) {
  const labels = labelsOf(rule, instance.group);
  const filter = rule.filter ?? {};
  const traceQuery = new URLSearchParams(withoutUndefined({
    model: instance.group.model ?? filter.model, service: instance.group.service ?? filter.service, range: '1h',
  }));
  const values = rule.kind === 'budget'
    ? { spent_usd: String(instance.value ?? ''), budget_usd: String(rule.amountUsd) }
    : rule.kind === 'swap' ? { model: instance.group.model ?? '' }
      : { value: String(instance.value ?? ''), threshold: String(rule.threshold ?? ''), window: rule.window ?? '' };
  return {
    ruleId: rule.id, ruleName: rule.name, kind: rule.kind, severity: rule.severity, group: instance.group, labels,
    annotations: rule.annotations ?? {}, state: instance.state, since: instance.since, activeAt: instance.activeAt ?? instance.since,
    lastEvaluatedAt: instance.lastEvaluatedAt, value: instance.value ?? null,
    threshold: rule.kind === 'budget' ? rule.amountUsd : rule.threshold ?? null, values,
    silenced: isSilenced(store, labels, now), url: `/#/traces?${traceQuery}`,
  };
}

function labelsOf(rule, group) {
  return { alertname: rule.name, rule_id: rule.id, severity: rule.severity, ...group, ...(rule.labels ?? {}) };
}

/** A rule's state and counts, derived from its instances when the rule is read. */
export function withState(store, rule) {
  const instances = [...store.instances.values()].filter((instance) => instance.ruleId === rule.id);
  const states = instances.map((instance) => instance.state);
  const state = STATE_ORDER.find((candidate) => states.includes(candidate)) ?? 'inactive';
  return {
    ...rule, readOnly: rule.source === 'file', state,
    firing: states.filter((value) => value === 'firing').length, pending: states.filter((value) => value === 'pending').length,
  };
}

function listEvents(store, params) {
  const from = instantParam(params, 'from') ?? -Infinity;
  const to = instantParam(params, 'to') ?? Infinity;
  const ruleId = params.get('rule');
  const limit = params.get('limit') == null ? 100 : Number(params.get('limit'));
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw bad('limit: must be a whole number from 1 to 1000');
  let offset = 0;
  if (params.get('cursor')) {
    offset = Number(Buffer.from(params.get('cursor'), 'base64url').toString('utf8'));
    if (!Number.isInteger(offset) || offset < 0) throw bad('cursor: is not valid');
  }
  const matching = store.events
    .map((event, index) => ({ event, index }))
    .filter(({ event }) => Date.parse(event.at) >= from && Date.parse(event.at) < to && (!ruleId || event.ruleId === ruleId))
    .sort((a, b) => Date.parse(b.event.at) - Date.parse(a.event.at) || b.index - a.index)
    .map(({ event }) => event);
  const page = matching.slice(offset, offset + limit);
  return {
    events: page,
    next: offset + limit < matching.length ? Buffer.from(String(offset + limit)).toString('base64url') : null,
  };
}

/** History of the seeded rules: the transitions and deliveries their backtests say happened over the last day. */
function seedHistory(store, now) {
  for (const rule of store.rules.values()) {
    const result = backtest(store, rule, new URLSearchParams({ to: iso(now - 30 * 60_000) }), now - 30 * 60_000);
    for (const firing of result.firings) {
      const fired = Date.parse(firing.firedAt);
      const base = { type: 'transition', ruleId: rule.id, ruleName: rule.name, group: firing.group };
      store.events.push({ ...base, at: iso(fired - 60_000), from: 'inactive', to: 'pending', value: firing.peak, values: {} });
      store.events.push({ ...base, at: firing.firedAt, from: 'pending', to: 'firing', value: firing.peak, values: {} });
      for (const channelId of rule.channels) {
        const channel = store.channels.get(channelId);
        const failed = channel.url.includes('fail');
        for (let attempt = 1; attempt <= (failed ? 3 : 1); attempt += 1) {
          store.events.push({
            at: iso(fired + (attempt - 1) * 30_000), type: 'delivery', ruleId: rule.id, ruleName: rule.name, group: firing.group,
            channelId, channelName: channel.name, notification: 'firing', attempt,
            status: failed ? 'failed' : 'ok', httpStatus: failed ? 404 : 200, error: failed ? 'HTTP 404: channel_not_found' : null,
          });
        }
      }
      if (firing.resolvedAt) {
        store.events.push({ ...base, at: firing.resolvedAt, from: 'firing', to: 'inactive', value: null, values: {} });
      }
    }
  }
  store.events.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

// ---- channels and silences ------------------------------------------------------------------------------------

function addChannel(store, fields) {
  const channel = {
    groupWait: '30s', groupInterval: '5m', repeatInterval: '4h', status: 'ok', consecutiveFailures: 0, lastError: null,
    lastAttemptAt: null, ...fields, id: store.newId('chn'),
  };
  if (channel.type === 'webhook' && !channel.secret) channel.secret = `whsec_${channel.id.slice(4)}${'a7c3'.repeat(6)}`;
  store.channels.set(channel.id, channel);
  return channel;
}

function channelView(channel) {
  const { secret, ...rest } = channel;
  return { ...rest, hasSecret: Boolean(secret) };
}


function deliver(store, channel, now) {
  const failed = channel.url.includes('fail');
  const attempt = failed
    ? { status: 'failed', httpStatus: 500, error: `HTTP 500 Internal Server Error from ${new URL(channel.url).host}` }
    : { status: 'ok', httpStatus: channel.type === 'pagerduty' ? 202 : 200, error: null };
  channel.lastAttemptAt = iso(now);
  channel.consecutiveFailures = failed ? channel.consecutiveFailures + 1 : 0;
  channel.lastError = failed ? attempt.error : channel.lastError;
  channel.status = channel.consecutiveFailures >= 3 ? 'failing' : 'ok';
  return attempt;
}


function silenceView(silence, now) {
  const state = Date.parse(silence.endsAt) <= now ? 'expired' : Date.parse(silence.startsAt) > now ? 'pending' : 'active';
  return { ...silence, state };
}

function isSilenced(store, labels, now) {
  return [...store.silences.values()].some((silence) => silenceView(silence, now).state === 'active'
    && silence.matchers.every((matcher) => {
      const value = labels[matcher.name] ?? '';
      const equal = matcher.isRegex ? new RegExp(`^(?:${matcher.value})$`).test(value) : value === matcher.value;
      return equal === matcher.isEqual;
    }));
}

// ---- helpers --------------------------------------------------------------------------------------------------

function matchesFilter(call, filter = {}) {
  return (!filter.service || call.service === filter.service)
    && (!filter.provider || call.provider === filter.provider)
    && (!filter.model || call.request_model === filter.model || call.response_model === filter.model)
    && (!filter.promptVersion || call.prompt_version === filter.promptVersion);
}

function periodStart(period, t) {
  const date = new Date(t);
  if (period === 'day') return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  if (period === 'week') return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() - ((date.getUTCDay() + 6) % 7));
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
}

function lastValue(line) {
  for (let index = line.points.length - 1; index >= 0; index -= 1) if (line.points[index].value != null) return line.points[index].value;
  return null;
}

function countIn(list, from, to) {
  return list.filter((call) => call.time >= from && call.time < to).length;
}


function instantParam(params, name) {
  const value = params.get(name);
  if (value == null || value === '') return null;
  const millis = Date.parse(value);
  if (Number.isNaN(millis)) throw bad(`${name}: must be an ISO-8601 instant such as 2026-12-07T14:00:00Z`);
  return millis;
}

function quantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

function sum(list, value) {
  return list.reduce((total, item) => total + value(item), 0);
}

function round(usd) {
  return Math.round(usd * 1e9) / 1e9;
}


function withoutUndefined(object) {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined));
}

export { AlertsError, durationMillis };
