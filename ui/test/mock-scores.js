/**
 * The mock server's scores (issue 17): POST /api/v1/scores (one score or an array; stored once per id, a resend
 * replaces it; 400s name the field), GET /api/v1/scores?trace_id=…, and the scores of a trace for its detail.
 * In memory, per server; only what the UI uses of the real API.
 */

/** An API error with its status and message (a 400's message names the field first). */
export class ScoresError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

export function createScoreStore() {
  return { byId: new Map() };
}

/** True for the paths handleScores answers. */
export function handlesScores(path) {
  return /^\/api\/v1\/scores\/?$/.test(path);
}

/** `[status, answer]` of one scores request. */
export function handleScores(store, method, url, body) {
  if (method === 'GET') {
    const traceId = url.searchParams.get('trace_id');
    const scores = [...store.byId.values()]
      .filter((score) => !traceId || score.traceId === traceId)
      .sort((a, b) => b.timestamp.localeCompare(a.timestamp));
    return [200, { scores, limit: 100, offset: 0 }];
  }
  if (method !== 'POST') throw new ScoresError(405, `${method} is not allowed on /api/v1/scores`);
  const items = Array.isArray(body) ? body : [body];
  const stored = items.map((item, index) => score(item, Array.isArray(body) ? `[${index}].` : ''));
  for (const s of stored) store.byId.set(s.id, s);
  return [200, { stored: stored.length, ids: stored.map((s) => s.id) }];
}

/** The scores of one trace, oldest first, as GET /traces/{id} answers them. */
export function scoresOfTrace(store, traceId) {
  return [...store.byId.values()]
    .filter((score) => score.traceId === traceId)
    .sort((a, b) => a.timestamp.localeCompare(b.timestamp));
}

function score(item, at) {
  if (item == null || typeof item !== 'object') throw new ScoresError(400, `${at || 'body: '}must be a score object`);
  if (!item.traceId && !item.sessionId) {
    throw new ScoresError(400, `${at}traceId: a score needs a target: traceId (with spanId for one call), sessionId, or responseId`);
  }
  if (typeof item.name !== 'string' || !item.name) throw new ScoresError(400, `${at}name: is required (1 to 200 characters)`);
  if (item.value == null) throw new ScoresError(400, `${at}value: is required`);
  const dataType = item.dataType ?? (typeof item.value === 'boolean' ? 'boolean'
    : typeof item.value === 'string' ? 'categorical' : 'numeric');
  const value = dataType === 'boolean' ? (item.value ? 1 : 0) : (typeof item.value === 'number' ? item.value : null);
  return {
    id: item.id ?? `s_${Math.random().toString(16).slice(2)}`,
    target: item.spanId ? 'span' : item.traceId ? 'trace' : 'session',
    traceId: item.traceId ?? null,
    spanId: item.spanId ?? null,
    sessionId: item.sessionId ?? null,
    responseId: null,
    name: item.name,
    dataType,
    value,
    stringValue: dataType === 'boolean' ? String(Boolean(item.value)) : (typeof item.value === 'string' ? item.value : null),
    comment: item.comment ?? null,
    source: item.source ?? 'api',
    author: item.author ?? 'key',
    configId: null,
    timestamp: item.timestamp ?? new Date().toISOString(),
    call: null,
  };
}
