// Validation of the mock's alerting requests, as the server answers them (400 naming the field).

export const KINDS = ['threshold', 'drift', 'swap', 'budget'];
export const METRICS = ['calls', 'errors', 'error_rate', 'cost_usd', 'cost_per_call_usd', 'input_tokens', 'output_tokens',
  'output_tokens_per_call', 'latency_p50_ms', 'latency_p90_ms', 'latency_p95_ms', 'latency_p99_ms', 'ttft_p50_ms', 'ttft_p95_ms',
  'score_avg'];
export const DRIFT_METRICS = METRICS.filter((metric) => /^(latency_|ttft_)/.test(metric)
  || ['cost_per_call_usd', 'output_tokens_per_call', 'error_rate', 'score_avg'].includes(metric));
export const OPS = ['>', '>=', '<', '<='];
export const SEVERITIES = ['critical', 'warning', 'info'];
export const DIMENSIONS = ['model', 'service', 'provider', 'prompt_version'];
export const CHANNEL_TYPES = ['webhook', 'slack', 'pagerduty'];
export const PAGERDUTY_URL = 'https://events.pagerduty.com/v2/enqueue';

export class AlertsError extends Error {
  constructor(status, message, code = status === 404 ? 'not_found' : status === 409 ? 'conflict' : 'bad_request') {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export const bad = (message) => new AlertsError(400, message);

/** Checks a rule body the way the contract describes; the message names the field. */
export function validateRule(store, body) {
  if (body == null || typeof body !== 'object') throw bad('body: must be a JSON object');
  const name = typeof body.name === 'string' ? body.name.trim() : '';
  if (!name) throw bad('name: is required');
  if (name.length > 200) throw bad('name: must be at most 200 characters');
  const kind = body.kind ?? 'threshold';
  if (!KINDS.includes(kind)) throw bad(`kind: must be one of ${KINDS.join(', ')}`);
  const rule = { name, kind };
  if (body.enabled != null) rule.enabled = Boolean(body.enabled);
  const filter = {};
  for (const [key, value] of Object.entries(body.filter ?? {})) {
    if (!['service', 'model', 'provider', 'promptVersion'].includes(key)) throw bad(`filter.${key}: unknown filter`);
    if (value != null && value !== '') {
      if (typeof value !== 'string' || value.length > 512) throw bad(`filter.${key}: must be a string of at most 512 characters`);
      filter[key] = value;
    }
  }
  rule.filter = filter;
  rule.groupBy = (body.groupBy ?? []).map((dimension, index) => {
    if (!DIMENSIONS.includes(dimension)) throw bad(`groupBy[${index}]: must be one of ${DIMENSIONS.join(', ')}`);
    return dimension;
  });
  for (const field of ['window', 'for', 'keepFiringFor', 'interval']) {
    if (body[field] == null || body[field] === '') continue;
    if (Number.isNaN(durationMillis(body[field]))) throw bad(`${field}: must be a duration such as 30s, 5m, 1h or 1h30m`);
    rule[field] = body[field];
  }
  if (rule.window && durationMillis(rule.window) < 60_000) throw bad('window: must be at least 1m');
  if (rule.interval && durationMillis(rule.interval) < 10_000) throw bad('interval: must be at least 10s');
  if (body.severity != null) {
    if (!SEVERITIES.includes(body.severity)) throw bad(`severity: must be one of ${SEVERITIES.join(', ')}`);
    rule.severity = body.severity;
  }
  if (body.score != null && kind !== 'threshold' && kind !== 'drift') throw bad('score: only for threshold and drift rules');
  if (kind === 'threshold' || kind === 'drift') {
    const metrics = kind === 'drift' ? DRIFT_METRICS : METRICS;
    if (typeof body.metric === 'string' && body.metric.startsWith('score') && !metrics.includes(body.metric)) {
      throw bad(`metric: unknown score metric "${body.metric}": score_avg (with score naming the score) is the score metric`);
    }
    if (!metrics.includes(body.metric)) throw bad(`metric: must be one of ${metrics.join(', ')}`);
    rule.metric = body.metric;
    if (body.metric === 'score_avg') {
      if (body.score == null) throw bad('score: required for metric score_avg: the score\'s name');
      if (typeof body.score !== 'string' || !body.score.trim()) throw bad('score: must not be blank');
      rule.score = body.score;
    } else if (body.score != null) {
      throw bad(`score: only for score metrics (score_avg); leave it out for ${body.metric}`);
    }
  }
  if (kind === 'drift' && body.op != null) {
    if (!OPS.includes(body.op)) throw bad(`op: must be one of ${OPS.join(' ')}`);
    rule.op = body.op;
  }
  if (kind === 'threshold') {
    const op = body.op ?? '>';
    if (!OPS.includes(op)) throw bad(`op: must be one of ${OPS.join(' ')}`);
    rule.op = op;
    if (typeof body.threshold !== 'number' || !Number.isFinite(body.threshold)) throw bad('threshold: must be a number');
    if (body.threshold < 0) throw bad('threshold: must not be negative');
    rule.threshold = body.threshold;
    if (body.warnThreshold != null) {
      if (typeof body.warnThreshold !== 'number' || !Number.isFinite(body.warnThreshold)) throw bad('warnThreshold: must be a number');
      const before = op.startsWith('>') ? body.warnThreshold < body.threshold : body.warnThreshold > body.threshold;
      if (!before) throw bad(`warnThreshold: must be crossed before threshold (${op.startsWith('>') ? 'below' : 'above'} ${body.threshold})`);
      rule.warnThreshold = body.warnThreshold;
    }
    if (body.minCalls != null) {
      if (!Number.isInteger(body.minCalls) || body.minCalls < 1) throw bad('minCalls: must be a whole number of at least 1');
      rule.minCalls = body.minCalls;
    }
  }
  if (kind === 'drift') {
    for (const [field, check, problem] of [
      ['baselineDays', (v) => Number.isInteger(v) && v >= 1 && v <= 28, 'must be a whole number from 1 to 28'],
      ['alpha', (v) => typeof v === 'number' && v > 0 && v < 1, 'must be between 0 and 1'],
      ['minChange', (v) => typeof v === 'number' && v >= 0, 'must be a number of at least 0'],
      ['minSamples', (v) => Number.isInteger(v) && v >= 1, 'must be a whole number of at least 1'],
    ]) {
      if (body[field] == null) continue;
      if (!check(body[field])) throw bad(`${field}: ${problem}`);
      rule[field] = body[field];
    }
  }
  if (kind === 'budget') {
    if (typeof body.amountUsd !== 'number' || !(body.amountUsd > 0)) throw bad('amountUsd: must be a positive number');
    rule.amountUsd = body.amountUsd;
    if (body.period != null && !['day', 'week', 'month'].includes(body.period)) throw bad('period: must be day, week or month');
    if (body.period) rule.period = body.period;
    if (body.timeZone) rule.timeZone = body.timeZone;
    if (body.warnAtPercent != null) {
      if (typeof body.warnAtPercent !== 'number' || body.warnAtPercent <= 0 || body.warnAtPercent >= 100) {
        throw bad('warnAtPercent: must be between 0 and 100');
      }
      rule.warnAtPercent = body.warnAtPercent;
    }
  }
  for (const field of ['labels', 'annotations']) {
    const map = body[field] ?? {};
    for (const [key, value] of Object.entries(map)) {
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) throw bad(`${field}.${key}: a name must be letters, digits and _`);
      if (typeof value !== 'string') throw bad(`${field}.${key}: must be a string`);
    }
    rule[field] = { ...map };
  }
  rule.channels = (body.channels ?? []).map((channelId, index) => {
    if (!store.channels.has(channelId)) throw bad(`channels[${index}]: no channel ${channelId}`);
    return channelId;
  });
  return rule;
}

export function validateChannel(body) {
  if (body == null || typeof body !== 'object') throw bad('body: must be a JSON object');
  const name = typeof body.name === 'string' ? body.name.trim() : '';
  if (!name) throw bad('name: is required');
  if (!CHANNEL_TYPES.includes(body.type)) throw bad(`type: must be one of ${CHANNEL_TYPES.join(', ')}`);
  const channel = { name, type: body.type };
  const url = body.url || (body.type === 'pagerduty' ? PAGERDUTY_URL : '');
  if (!url) throw bad('url: is required');
  if (!/^https?:\/\/[^\s/]+/.test(url)) throw bad('url: must be an http or https URL');
  channel.url = url;
  if (body.type === 'pagerduty' && !body.secret) throw bad('secret: the PagerDuty routing key is required');
  if (body.secret) channel.secret = body.secret;
  for (const field of ['groupWait', 'groupInterval', 'repeatInterval']) {
    if (body[field] == null) continue;
    if (Number.isNaN(durationMillis(body[field]))) throw bad(`${field}: must be a duration such as 30s, 5m or 4h`);
    channel[field] = body[field];
  }
  return channel;
}

export function validateSilence(body, now) {
  if (body == null || typeof body !== 'object') throw bad('body: must be a JSON object');
  const matchers = body.matchers ?? [];
  if (!Array.isArray(matchers) || matchers.length === 0) throw bad('matchers: at least one matcher is required');
  const clean = matchers.map((matcher, index) => {
    if (!matcher?.name) throw bad(`matchers[${index}].name: is required`);
    if (matcher.isRegex) {
      try {
        new RegExp(matcher.value ?? '');
      } catch {
        throw bad(`matchers[${index}].value: is not a valid regular expression`);
      }
    }
    return { name: matcher.name, value: matcher.value ?? '', isRegex: Boolean(matcher.isRegex), isEqual: matcher.isEqual !== false };
  });
  const startsAt = body.startsAt ? Date.parse(body.startsAt) : now;
  if (Number.isNaN(startsAt)) throw bad('startsAt: must be an ISO-8601 instant');
  const endsAt = Date.parse(body.endsAt ?? '');
  if (Number.isNaN(endsAt)) throw bad('endsAt: is required, as an ISO-8601 instant');
  if (endsAt <= startsAt) throw bad('endsAt: must be after startsAt');
  return {
    matchers: clean, startsAt: iso(startsAt), endsAt: iso(endsAt), comment: String(body.comment ?? ''),
    createdBy: String(body.createdBy || 'api key'),
  };
}

/** "1h30m" → milliseconds; NaN for anything else. */
export function durationMillis(text) {
  const match = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(String(text));
  if (!match || !match.slice(1).some(Boolean)) return Number.NaN;
  const [, d = 0, h = 0, m = 0, s = 0] = match.map((part) => Number(part ?? 0));
  return ((Number(d) * 24 + Number(h)) * 60 + Number(m)) * 60_000 + Number(s) * 1000;
}

export function iso(millis) {
  return new Date(millis).toISOString();
}
