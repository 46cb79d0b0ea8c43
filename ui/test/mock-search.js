/**
 * The mock server's side of the search contract (issue 16): the filter grammar `q=` with its 400s
 * (`q: position N: …`, N 1-based), full-text matches with snippets, the histogram, suggestions, saved views, users
 * and sessions. Users and sessions are added to the canned traces by addUsersAndSessions. In memory, per server.
 */
import { randomBytes } from 'node:crypto';
import { ESTIMATED_TRACE_ID, RICH_TRACE_ID } from './fixtures.js';

/** An API error: status, error code and message (the message of a 400 names its parameter first). */
export class SearchError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** GET /traces/suggest without key. */
export const SUGGEST_KEYS = Object.freeze([
  'service', 'model', 'provider', 'status', 'latency', 'ttft', 'cost', 'tokens', 'user', 'session', 'prompt', 'attr.',
]);
const VALUE_KEYS = new Set(['service', 'model', 'provider', 'status', 'user', 'session', 'prompt']);
const COMPARISON_KEYS = Object.freeze({ latency: 'duration', ttft: 'duration', cost: 'number', tokens: 'integer' });
const SUGGEST_VALUE_KEYS = 'service, model, provider, status, user, session, prompt, attr or attr.KEY';
const DAY_MS = 86_400_000;
const USERS = ['4711', 'ada', 'bob', 'carol@example.com', null];
/** The conversation of the rich trace: two traces of user 4711. */
export const SUPPORT_SESSION_ID = 'sess-4711-support';

/**
 * Gives traces a user and a session, as `user.id` / `session.id` attributes of their root span and as
 * `userId` / `sessionId` of their summary: the rich and the estimated trace are one conversation of user 4711,
 * the filler traces cycle through USERS (every fifth has none) in sessions of three traces.
 */
export function addUsersAndSessions(fixtures) {
  const assign = (traceId, userId, sessionId) => {
    const trace = fixtures.details.get(traceId);
    const root = trace.spans.find((span) => !span.parentSpanId) ?? trace.spans[0];
    if (userId) root.attributes = { ...root.attributes, 'user.id': userId };
    if (sessionId) root.attributes = { ...root.attributes, 'session.id': sessionId };
    const summary = fixtures.summaries.find((candidate) => candidate.traceId === traceId);
    Object.assign(summary, { userId: userId ?? null, sessionId: sessionId ?? null });
  };
  for (const summary of fixtures.summaries) Object.assign(summary, { userId: null, sessionId: null, match: null });
  assign(RICH_TRACE_ID, '4711', SUPPORT_SESSION_ID);
  assign(ESTIMATED_TRACE_ID, '4711', SUPPORT_SESSION_ID);
  const fillers = [...fixtures.details.keys()].slice(3); // in the order built: the rich, unpriced and estimated first
  fillers.forEach((traceId, index) => {
    const user = USERS[index % USERS.length];
    assign(traceId, user, user ? `sess-${user.replace(/[^a-z0-9]+/gi, '-')}-${Math.floor(index / 15)}` : null);
  });
}

export function createSearchStore() {
  return { views: new Map() };
}

/** True for the paths handleSearch answers. */
export function handlesSearch(path) {
  return /^\/api\/v1\/(traces\/(histogram|suggest)|views|users|sessions)(\/|$)/.test(path);
}

/**
 * Answers one request of these endpoints: `[status, body]` (body null for 204).
 * @param body the parsed JSON body, or undefined
 */
export function handleSearch(fixtures, store, method, url, body) {
  const path = url.pathname.replace(/\/$/, '');
  const params = url.searchParams;
  try {
    if (path === '/api/v1/views') {
      if (method === 'GET') return [200, { views: sortedViews(store) }];
      if (method === 'POST') return saveView(store, body);
      return notAllowed(method, path);
    }
    const viewMatch = /^\/api\/v1\/views\/([^/]+)$/.exec(path);
    if (viewMatch) {
      if (method !== 'DELETE') return notAllowed(method, path);
      const id = decodeURIComponent(viewMatch[1]);
      if (!store.views.delete(id)) throw new SearchError(404, 'not_found', `No view ${id}`);
      return [204, null];
    }
    if (method !== 'GET') return notAllowed(method, path);
    if (path === '/api/v1/traces/histogram') return [200, histogram(fixtures, params)];
    if (path === '/api/v1/traces/suggest') return [200, suggest(fixtures, params)];
    if (path === '/api/v1/users') return [200, listUsers(fixtures, params)];
    if (path === '/api/v1/sessions') return [200, listSessions(fixtures, params)];
    const userMatch = /^\/api\/v1\/users\/([^/]+)$/.exec(path);
    if (userMatch) return [200, getUser(fixtures, decodeURIComponent(userMatch[1]), params)];
    const sessionMatch = /^\/api\/v1\/sessions\/([^/]+)$/.exec(path);
    if (sessionMatch) return [200, getSession(fixtures, decodeURIComponent(sessionMatch[1]), params)];
    return [404, { error: 'not_found', message: `No API endpoint ${path}` }];
  } catch (error) {
    if (error instanceof SearchError) return [error.status, { error: error.code, message: error.message }];
    throw error;
  }
}

/**
 * The summaries (already filtered by the list's other parameters) that match `q`, as copies with `match` set
 * when q has free text. Throws SearchError 400 for a malformed q.
 */
export function filterByQuery(fixtures, summaries, q) {
  const query = parseQuery(q);
  const out = [];
  for (const summary of summaries) {
    const result = evaluate(fixtures, query, summary);
    if (result) out.push({ ...summary, match: result.match ?? null });
  }
  return out;
}

// ---- the grammar ----

/**
 * Parses q into `{filters: [{negated, key, value | comparison}], words: [{negated, text}]}`.
 * Terms are separated by spaces; `-` negates; `"…"` quotes a value or a phrase.
 */
export function parseQuery(q) {
  const text = q ?? '';
  const filters = [];
  const words = [];
  const fail = (index, message) => {
    throw new SearchError(400, 'bad_parameter', `q: position ${index + 1}: ${message}`);
  };
  const isSpace = (char) => char !== undefined && /\s/.test(char);
  /** A quoted run starting at `start`: [content, index after the closing quote]. */
  const readQuoted = (start) => {
    const close = text.indexOf('"', start + 1);
    if (close < 0) fail(start, 'unclosed quote');
    if (close + 1 < text.length && !isSpace(text[close + 1])) fail(close + 1, 'expected a space after the closing quote');
    return [text.slice(start + 1, close), close + 1];
  };
  /** A bare run from `start` to the next space: [content, end]; a quote inside it is an error. */
  const readBare = (start) => {
    let end = start;
    while (end < text.length && !isSpace(text[end])) {
      if (text[end] === '"') fail(end, 'unexpected quote (quote the whole value or phrase)');
      end += 1;
    }
    return [text.slice(start, end), end];
  };

  let index = 0;
  while (index < text.length) {
    if (isSpace(text[index])) {
      index += 1;
      continue;
    }
    let negated = false;
    if (text[index] === '-') {
      negated = true;
      index += 1;
      if (index >= text.length || isSpace(text[index])) fail(index - 1, "expected a term after '-'");
    }
    if (text[index] === '"') {
      const [phrase, next] = readQuoted(index);
      if (!phrase.trim()) fail(index, 'empty phrase');
      words.push({ negated, text: phrase });
      index = next;
      continue;
    }
    const keyMatch = /^([A-Za-z][\w.-]*):/.exec(text.slice(index));
    if (!keyMatch) {
      const [word, next] = readBare(index);
      words.push({ negated, text: word });
      index = next;
      continue;
    }
    const keyStart = index;
    const key = keyMatch[1];
    const valueStart = index + keyMatch[0].length;
    if (!VALUE_KEYS.has(key) && !COMPARISON_KEYS[key] && !key.startsWith('attr.')) {
      fail(keyStart, `unknown key '${key}' (keys: ${SUGGEST_KEYS.join(' ')})`);
    }
    if (key === 'attr.') fail(keyStart + 'attr.'.length, "expected an attribute key after 'attr.'");
    if (valueStart >= text.length || isSpace(text[valueStart])) fail(valueStart, `expected a value after '${key}:'`);
    const [value, next] = text[valueStart] === '"' ? readQuoted(valueStart) : readBare(valueStart);
    if (value === '') fail(valueStart, `expected a value after '${key}:'`);
    index = next;
    if (COMPARISON_KEYS[key]) {
      filters.push({ negated, key, comparison: parseComparison(key, value, valueStart, fail) });
    } else if (key === 'status') {
      if (!['error', 'ok'].includes(value.toLowerCase())) fail(valueStart, `status must be error or ok, not '${value}'`);
      filters.push({ negated, key, value: value.toLowerCase() });
    } else {
      filters.push({ negated, key, value });
    }
  }
  return { filters, words };
}

function parseComparison(key, value, valueStart, fail) {
  const [, op = '=', operand] = /^(>=|<=|>|<|=)?(.*)$/s.exec(value);
  const at = valueStart + (value.length - operand.length);
  const kind = COMPARISON_KEYS[key];
  if (kind === 'duration') {
    const match = /^(\d+(?:\.\d+)?)(ms|s|m)$/.exec(operand);
    if (!match) fail(at, 'expected a duration such as 2s or 500ms (units ms, s, m)');
    return { op, value: Number(match[1]) * { ms: 1, s: 1000, m: 60_000 }[match[2]] };
  }
  if (kind === 'number' ? !/^\d+(\.\d+)?$/.test(operand) : !/^\d+$/.test(operand)) {
    fail(at, kind === 'number' ? 'expected a number such as 0.01' : 'expected a whole number such as 1000');
  }
  return { op, value: Number(operand) };
}

function compare(actual, { op, value }) {
  if (actual == null || !Number.isFinite(actual)) return false;
  switch (op) {
    case '>': return actual > value;
    case '>=': return actual >= value;
    case '<': return actual < value;
    case '<=': return actual <= value;
    default: return actual === value;
  }
}

// ---- evaluating a query against a trace ----

/** What a trace can be filtered on, read once per trace. */
const facts = new WeakMap();
function factsOf(fixtures, summary) {
  const trace = fixtures.details.get(summary.traceId);
  if (facts.has(trace)) return facts.get(trace);
  const llm = trace.spans.filter((span) => span.llm);
  const attributes = trace.spans.flatMap((span) => Object.entries(span.attributes ?? {}).map(([key, value]) => ({ span, key, value: String(value) })));
  const fieldOrder = { output: 0, input: 1, name: 2, attribute: 3 };
  const texts = [
    ...llm.flatMap((span) => [
      { span, field: 'output', key: null, text: messagesText(span.llm.output) },
      { span, field: 'input', key: null, text: messagesText(span.llm.input) },
    ]),
    ...trace.spans.map((span) => ({ span, field: 'name', key: null, text: span.name ?? '' })),
    ...attributes.map(({ span, key, value }) => ({ span, field: 'attribute', key, text: value })),
  ].filter((entry) => entry.text).sort((a, b) => fieldOrder[a.field] - fieldOrder[b.field]);
  const result = {
    service: new Set(trace.spans.map((span) => span.service)),
    model: new Set(llm.flatMap((span) => [span.llm.requestModel, span.llm.responseModel]).filter(Boolean)),
    provider: new Set(llm.map((span) => span.llm.provider).filter(Boolean)),
    prompt: new Set(llm.flatMap((span) => [span.llm.promptVersion, span.llm.promptFingerprint]).filter(Boolean)),
    status: new Set([summary.hasError ? 'error' : 'ok']),
    user: new Set(summary.userId ? [summary.userId] : []),
    session: new Set(summary.sessionId ? [summary.sessionId] : []),
    ttfts: llm.map((span) => span.llm.timeToFirstTokenMs).filter((ms) => ms != null),
    attributes,
    texts,
  };
  facts.set(trace, result);
  return result;
}

function messagesText(messages) {
  if (!Array.isArray(messages)) return '';
  return messages.flatMap((message) => (message.parts ?? []).map((part) => {
    if (part.type === 'text') return part.content ?? '';
    if (part.type === 'tool_call') return `${part.name}(${JSON.stringify(part.arguments ?? {})})`;
    if (part.type === 'tool_call_response') return JSON.stringify(part.response ?? null);
    return '';
  })).filter(Boolean).join('\n');
}

/** null when the trace does not match, else `{match}` (match null without free text). */
function evaluate(fixtures, query, summary) {
  const traceFacts = factsOf(fixtures, summary);
  const hasValue = (key, value) => {
    if (key.startsWith('attr.')) {
      const attribute = key.slice('attr.'.length);
      return traceFacts.attributes.some((entry) => entry.key === attribute && entry.value === value);
    }
    return key === 'status' ? traceFacts.status.has(value) : traceFacts[key].has(value);
  };
  const comparisonHolds = (key, comparison) => {
    if (key === 'latency') return compare(summary.durationMs, comparison);
    if (key === 'cost') return compare(summary.costUsd, comparison);
    if (key === 'tokens') return compare((summary.inputTokens ?? 0) + (summary.outputTokens ?? 0), comparison);
    return traceFacts.ttfts.some((ms) => compare(ms, comparison)); // ttft: any call's
  };
  // key:value terms of one key are ORed; comparisons and negations are ANDed
  const anyOf = new Map();
  for (const filter of query.filters) {
    if (filter.comparison) {
      if (comparisonHolds(filter.key, filter.comparison) === filter.negated) return null;
    } else if (filter.negated) {
      if (hasValue(filter.key, filter.value)) return null;
    } else {
      if (!anyOf.has(filter.key)) anyOf.set(filter.key, []);
      anyOf.get(filter.key).push(filter.value);
    }
  }
  for (const [key, values] of anyOf) if (!values.some((value) => hasValue(key, value))) return null;
  const contains = (entry, word) => pattern(word).test(entry.text);
  for (const word of query.words) {
    const found = traceFacts.texts.some((entry) => contains(entry, word.text));
    if (found === word.negated) return null;
  }
  const positive = query.words.filter((word) => !word.negated).map((word) => word.text);
  if (positive.length === 0) return { match: null };
  const entry = traceFacts.texts.find((candidate) => positive.some((word) => contains(candidate, word)));
  return { match: snippet(entry, positive) };
}

function pattern(word, flags = 'iu') {
  return new RegExp(word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), flags);
}

/** Up to 40 characters before the first hit and 80 after it, "…" where cut; every hit of every word marked. */
function snippet(entry, words) {
  const text = entry.text;
  const first = Math.min(...words.map((word) => text.search(pattern(word))).filter((at) => at >= 0));
  const start = Math.max(0, first - 40);
  const end = Math.min(text.length, first + 80);
  const prefix = start > 0 ? '…' : '';
  const body = text.slice(start, end).replace(/\s/g, ' '); // one for one: offsets stay
  const highlights = [];
  for (const word of words) {
    for (const hit of body.matchAll(pattern(word, 'giu'))) {
      highlights.push([prefix.length + hit.index, prefix.length + hit.index + hit[0].length]);
    }
  }
  highlights.sort((a, b) => a[0] - b[0]);
  return {
    spanId: entry.span.spanId, field: entry.field, key: entry.key,
    snippet: `${prefix}${body}${end < text.length ? '…' : ''}`, highlights,
  };
}

// ---- histogram and suggestions ----

function histogram(fixtures, params) {
  const { from, to } = readBounds(params, 3_600_000);
  const buckets = readInteger(params, 'buckets', 60, 1, 500);
  const matching = filterByQuery(fixtures, inRange(fixtures, from, to), params.get('q'));
  const bucketSeconds = Math.max(1, Math.ceil((to - from) / buckets / 1000));
  const bucketMs = bucketSeconds * 1000;
  const first = Math.floor(from / bucketMs) * bucketMs;
  const points = [];
  for (let t = first; t < to; t += bucketMs) points.push({ time: new Date(t).toISOString(), traces: 0, errors: 0 });
  for (const summary of matching) {
    const point = points[Math.floor((Date.parse(summary.startTime) - first) / bucketMs)];
    point.traces += 1;
    if (summary.hasError) point.errors += 1;
  }
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString(), bucketSeconds, points };
}

function suggest(fixtures, params) {
  const key = params.get('key');
  if (!key) return { keys: SUGGEST_KEYS };
  if (!VALUE_KEYS.has(key) && key !== 'attr' && !(key.startsWith('attr.') && key.length > 'attr.'.length)) {
    throw new SearchError(400, 'bad_parameter', `key: must be one of ${SUGGEST_VALUE_KEYS}`);
  }
  const { from, to } = readBounds(params, 7 * DAY_MS);
  const limit = readInteger(params, 'limit', 20, 1, 100);
  const prefix = (params.get('prefix') ?? '').toLowerCase();
  const counts = new Map();
  for (const summary of inRange(fixtures, from, to)) {
    const traceFacts = factsOf(fixtures, summary);
    let values;
    if (key === 'attr') values = traceFacts.attributes.map((entry) => entry.key);
    else if (key.startsWith('attr.')) values = traceFacts.attributes.filter((entry) => entry.key === key.slice(5)).map((entry) => entry.value);
    else values = [...traceFacts[key]];
    for (const value of new Set(values)) counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  const values = [...counts].filter(([value]) => value.toLowerCase().startsWith(prefix))
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, limit).map(([value]) => value);
  return { key, values };
}

// ---- saved views ----

function sortedViews(store) {
  return [...store.views.values()].sort((a, b) => a.name.localeCompare(b.name));
}

function saveView(store, body) {
  const name = typeof body?.name === 'string' ? body.name.trim() : '';
  if (name.length < 1 || name.length > 100) throw new SearchError(400, 'bad_parameter', 'name: must be 1 to 100 characters');
  if (body.q != null && typeof body.q !== 'string') throw new SearchError(400, 'bad_parameter', 'q: must be a string');
  const q = body.q ?? '';
  parseQuery(q);
  const existing = [...store.views.values()].find((view) => view.name === name);
  if (existing) {
    existing.q = q;
    return [200, existing];
  }
  const view = { id: `view_${randomBytes(6).toString('hex')}`, name, q, createdAt: new Date().toISOString() };
  store.views.set(view.id, view);
  return [201, view];
}

// ---- users and sessions ----

function listUsers(fixtures, params) {
  const { from, to } = readBounds(params, 7 * DAY_MS);
  const limit = readInteger(params, 'limit', 50, 1, 1000);
  const sort = params.get('sort') ?? 'cost';
  const order = {
    cost: (user) => user.costUsd ?? -1, calls: (user) => user.calls, lastSeen: (user) => Date.parse(user.lastSeen),
  }[sort];
  if (!order) throw new SearchError(400, 'bad_parameter', 'sort: must be cost, calls or lastSeen');
  const prefix = (params.get('prefix') ?? '').toLowerCase();
  const users = [...groupBy(inRange(fixtures, from, to), 'userId')]
    .filter(([userId]) => userId.toLowerCase().startsWith(prefix))
    .map(([userId, traces]) => userTotals(userId, traces))
    .sort((a, b) => order(b) - order(a) || a.userId.localeCompare(b.userId));
  return { users: users.slice(0, limit) };
}

function getUser(fixtures, userId, params) {
  const { from, to } = readBounds(params, 7 * DAY_MS);
  if ((params.get('bucket') ?? 'day') !== 'day') throw new SearchError(400, 'bad_parameter', 'bucket: must be day');
  const traces = inRange(fixtures, from, to).filter((summary) => summary.userId === userId);
  if (traces.length === 0) throw new SearchError(404, 'not_found', `User ${userId} has no calls in this range`);
  const series = [];
  for (let t = Math.floor(from / DAY_MS) * DAY_MS; t < to; t += DAY_MS) {
    const day = traces.filter((summary) => Math.floor(Date.parse(summary.startTime) / DAY_MS) * DAY_MS === t);
    const totals = userTotals(userId, day);
    series.push({ time: new Date(t).toISOString(), calls: totals.calls, costUsd: totals.costUsd ?? 0, errors: totals.errors });
  }
  return { ...userTotals(userId, traces), series };
}

function userTotals(userId, traces) {
  const priced = traces.filter((summary) => summary.costUsd != null);
  const starts = traces.map((summary) => Date.parse(summary.startTime));
  return {
    userId,
    calls: sum(traces, 'llmCalls'),
    traces: traces.length,
    sessions: new Set(traces.map((summary) => summary.sessionId).filter(Boolean)).size,
    inputTokens: sum(traces, 'inputTokens'),
    outputTokens: sum(traces, 'outputTokens'),
    costUsd: priced.length ? Number(sum(priced, 'costUsd').toFixed(9)) : (traces.length ? null : 0),
    errors: traces.filter((summary) => summary.hasError).length,
    firstSeen: traces.length ? new Date(Math.min(...starts)).toISOString() : null,
    lastSeen: traces.length ? new Date(Math.max(...starts)).toISOString() : null,
  };
}

function listSessions(fixtures, params) {
  const { from, to } = readBounds(params, 7 * DAY_MS);
  const limit = readInteger(params, 'limit', 50, 1, 1000);
  const user = params.get('user');
  const sessions = [...groupBy(inRange(fixtures, from, to), 'sessionId')]
    .map(([sessionId, traces]) => sessionTotals(sessionId, traces))
    .filter((session) => !user || session.userId === user)
    .sort((a, b) => Date.parse(b.start) - Date.parse(a.start));
  return { sessions: sessions.slice(0, limit) };
}

function getSession(fixtures, sessionId, params) {
  const { from, to } = readBounds(params, 7 * DAY_MS);
  const traces = inRange(fixtures, from, to).filter((summary) => summary.sessionId === sessionId);
  if (traces.length === 0) throw new SearchError(404, 'not_found', `Session ${sessionId} has no traces in this range`);
  const traceList = [...traces].sort((a, b) => Date.parse(a.startTime) - Date.parse(b.startTime))
    .map((summary) => ({ ...summary, match: null }));
  return { ...sessionTotals(sessionId, traces), traceList };
}

function sessionTotals(sessionId, traces) {
  const start = Math.min(...traces.map((summary) => Date.parse(summary.startTime)));
  const end = Math.max(...traces.map((summary) => Date.parse(summary.startTime) + summary.durationMs));
  const priced = traces.filter((summary) => summary.costUsd != null);
  return {
    sessionId,
    userId: traces.find((summary) => summary.userId)?.userId ?? null,
    traces: traces.length,
    calls: sum(traces, 'llmCalls'),
    costUsd: priced.length ? Number(sum(priced, 'costUsd').toFixed(9)) : null,
    start: new Date(start).toISOString(),
    end: new Date(end).toISOString(),
    durationMs: end - start,
    hasError: traces.some((summary) => summary.hasError),
  };
}

// ---- helpers ----

function groupBy(summaries, field) {
  const groups = new Map();
  for (const summary of summaries) {
    const key = summary[field];
    if (!key) continue;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(summary);
  }
  return groups;
}

function inRange(fixtures, from, to) {
  return fixtures.summaries.filter((summary) => {
    const start = Date.parse(summary.startTime);
    return start >= from && start < to;
  });
}

function sum(items, field) {
  return items.reduce((total, item) => total + (item[field] ?? 0), 0);
}

/** from and to (ISO-8601; to defaults to now, from to `defaultSpanMs` before to) as epoch millis. */
function readBounds(params, defaultSpanMs) {
  const read = (name) => {
    const text = params.get(name);
    if (text == null || text === '') return null;
    const millis = Date.parse(text);
    if (Number.isNaN(millis)) throw new SearchError(400, 'bad_parameter', `${name}: must be an ISO-8601 instant`);
    return millis;
  };
  const to = read('to') ?? Date.now();
  const from = read('from') ?? to - defaultSpanMs;
  if (from >= to) throw new SearchError(400, 'bad_parameter', 'from: must be before to');
  return { from, to };
}

function readInteger(params, name, fallback, min, max) {
  const text = params.get(name);
  if (text == null || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new SearchError(400, 'bad_parameter', `${name}: must be an integer from ${min} to ${max}`);
  }
  return value;
}

function notAllowed(method, path) {
  return [405, { error: 'method_not_allowed', message: `${method} is not allowed on ${path}` }];
}
