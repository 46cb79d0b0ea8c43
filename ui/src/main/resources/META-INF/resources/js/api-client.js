/** Client for the Boxscore query API (same origin). Every call carries `Authorization: Bearer <key>`. */

/** An API failure: `status` is the HTTP status (0 when the server could not be reached). */
export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }

  get unauthorized() {
    return this.status === 401;
  }
}

/**
 * Creates the client.
 * @param getKey returns the current API key (or null)
 * @param onUnauthorized called with the ApiError when the server answers 401; the call still rejects
 * @param baseUrl prefix of every path; '' means the page's own origin
 */
export function createApiClient({ getKey, onUnauthorized = () => {}, baseUrl = '' }) {
  /**
   * One API call. `body` (an object) is sent as JSON; `quiet` keeps a 401 from calling onUnauthorized (for
   * background calls such as the header's alert badge, which must never take the page over).
   */
  async function call(method, path, query = {}, body = undefined, { signal, quiet = false } = {}) {
    const url = `${baseUrl}${path}${queryString(query)}`;
    const headers = { Accept: 'application/json', Authorization: `Bearer ${getKey() ?? ''}` };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let response;
    try {
      response = await fetch(url, {
        method, headers, signal, cache: 'no-store', body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      if (error.name === 'AbortError') throw error;
      throw new ApiError(0, 'network', 'Cannot reach the Boxscore server. Is it running?');
    }
    const answer = await readJson(response);
    if (!response.ok) {
      const error = new ApiError(
        response.status,
        answer?.error ?? `http_${response.status}`,
        answer?.message ?? `${response.status} ${response.statusText}`.trim(),
      );
      if (error.unauthorized && !quiet) onUnauthorized(error);
      throw error;
    }
    if (answer === undefined) {
      if (method === 'DELETE' || response.status === 204) return null;
      throw new ApiError(response.status, 'bad_response', `${path} did not return JSON`);
    }
    return answer;
  }

  const get = (path, query, options) => call('GET', path, query, undefined, options);
  const rule = (id) => `/api/v1/alerts/rules/${encodeURIComponent(id)}`;

  return {
    /**
     * One page of trace summaries, newest first: `{traces, nextCursor}`. `q` is the filter grammar of the search
     * contract; a malformed q rejects with status 400 and a message `q: position N: …`.
     */
    listTraces({ q, service, model, from, to, limit, cursor } = {}, options) {
      return get('/api/v1/traces', { q, service, model, from, to, limit, cursor }, options);
    },
    /** All spans of a trace and its scores: `{traceId, spans, scores}`; rejects with status 404 when it is unknown. */
    getTrace(traceId, options) {
      return get(`/api/v1/traces/${encodeURIComponent(traceId)}`, {}, options);
    },
    /** Stores one score or an array of them: `{stored, ids}`; 400 messages name the field. */
    postScores(body, options) {
      return call('POST', '/api/v1/scores', {}, body, options);
    },
    /** `{scores, limit, offset}`, newest first; query as GET /api/v1/scores takes it. */
    listScores(query = {}, options) {
      return get('/api/v1/scores', query, options);
    },
    /** `{services: [...]}` for the service filter. */
    listServices(options) {
      return get('/api/v1/services', {}, options);
    },
    /** `{models: [...]}` for the model filter. */
    listModels(options) {
      return get('/api/v1/models', {}, options);
    },

    // Explorer (see the search contract): histogram and suggestions for a q, saved views, users and sessions.
    /** Traces and errors per bucket, every bucket present, oldest first: `{from, to, bucketSeconds, points}`. */
    traceHistogram({ q, from, to, buckets } = {}, options) {
      return get('/api/v1/traces/histogram', { q, from, to, buckets }, options);
    },
    /** Without key `{keys}`; with key (e.g. "model", "attr", "attr.http.route") `{key, values}`, most frequent first. */
    suggest({ key, prefix, from, to, limit } = {}, options) {
      return get('/api/v1/traces/suggest', { key, prefix, from, to, limit }, options);
    },
    /** `{views: [{id, name, q, createdAt}]}` in name order. */
    listViews(options) {
      return get('/api/v1/views', {}, options);
    },
    /** Saves `{name, q}` (a view of the same name is replaced); needs an admin key. */
    saveView(body, options) {
      return call('POST', '/api/v1/views', {}, body, options);
    },
    deleteView(id, options) {
      return call('DELETE', `/api/v1/views/${encodeURIComponent(id)}`, {}, undefined, options);
    },
    /** `{users: [...]}`; sort is cost, calls or lastSeen (descending). */
    listUsers({ from, to, limit, prefix, sort } = {}, options) {
      return get('/api/v1/users', { from, to, limit, prefix, sort }, options);
    },
    /** A user's totals plus `series` per bucket; rejects with 404 when the user has no calls in the range. */
    getUser(userId, { from, to, bucket } = {}, options) {
      return get(`/api/v1/users/${encodeURIComponent(userId)}`, { from, to, bucket }, options);
    },
    /** `{sessions: [...]}`, newest first. */
    listSessions({ from, to, user, limit } = {}, options) {
      return get('/api/v1/sessions', { from, to, user, limit }, options);
    },
    /** A session's totals plus `traceList`, oldest first; rejects with 404 when it has no traces in the range. */
    getSession(sessionId, { from, to } = {}, options) {
      return get(`/api/v1/sessions/${encodeURIComponent(sessionId)}`, { from, to }, options);
    },
    /**
     * LLM-call metrics per time bucket and group: `{from, to, bucketSeconds, groupBy, rows}`.
     * query: from, to, bucket (e.g. "5m"), group_by (comma-separated), service, model, provider, prompt_version.
     */
    metrics(query, options) {
      return get('/api/v1/metrics', query, options);
    },
    /** Drift of a subject (model, service, provider or prompt_version) against its baseline: `{metrics, ...}`. */
    drift(query, options) {
      return get('/api/v1/drift', query, options);
    },
    /** Silent model swaps in [from, to): `{swaps, comparisonWindowSeconds, ...}`. */
    swaps(query, options) {
      return get('/api/v1/drift/swaps', query, options);
    },
    /** Models a and b side by side over [from, to): `{a, b, aModel, bModel, ...}` (a/b null without calls). */
    compare(query, options) {
      return get('/api/v1/compare', query, options);
    },
    /** Prompt fingerprints / versions seen in [from, to) with their figures: `{prompts, ...}`. */
    prompts(query, options) {
      return get('/api/v1/prompts', query, options);
    },
    /** One fingerprint: `{versions, templates, timeline, ...}`; rejects with status 404 without calls in the range. */
    prompt(fingerprint, query, options) {
      return get(`/api/v1/prompts/${encodeURIComponent(fingerprint)}`, query, options);
    },
    /** Two prompt versions side by side with a test per quantity: `{a, b, tests, significant, ...}`. */
    comparePrompts(query, options) {
      return get('/api/v1/prompts/compare', query, options);
    },
    /** The window's traffic re-priced as `model`: `{assumption, services, total, ...}`. */
    whatIf(query, options) {
      return get('/api/v1/what-if', query, options);
    },
    /** `{project, builtIn}` prices, USD per 1M tokens. */
    listPrices(options) {
      return get('/api/v1/prices', {}, options);
    },
    /** Adds or replaces (same provider, model, effectiveFrom) a project price; resolves with the stored price. */
    putPrice(body, options) {
      return call('PUT', '/api/v1/prices', {}, body, options);
    },
    /** Removes a project price (204). */
    deletePrice({ provider, model, effectiveFrom }, options) {
      return call('DELETE', '/api/v1/prices', { provider, model, effective_from: effectiveFrom }, undefined, options);
    },
    /** The last 30 days re-priced with an unsaved price: `{from, to, calls, currentCostUsd, newCostUsd, changeUsd}`. */
    previewPrice(body, options) {
      return call('POST', '/api/v1/prices/preview', {}, body, options);
    },

    // LLM-as-judge evaluators (read with a read key, changed with an admin key).
    /** `{evaluators: [{id, name, scoreName, dataType, model, samplingRate, enabled, apiKeySet, status, ...}]}` */
    listEvaluators(options) {
      return get('/api/v1/evaluators', {}, options);
    },
    /** Creates an evaluator; resolves with it (201). */
    createEvaluator(body, options) {
      return call('POST', '/api/v1/evaluators', {}, body, options);
    },
    /** Changes the fields given (e.g. `{enabled: false}`); resolves with the evaluator. */
    updateEvaluator(id, body, options) {
      return call('PUT', `/api/v1/evaluators/${encodeURIComponent(id)}`, {}, body, options);
    },
    /** Deletes an evaluator (204); its scores stay. */
    deleteEvaluator(id, options) {
      return call('DELETE', `/api/v1/evaluators/${encodeURIComponent(id)}`, {}, undefined, options);
    },

    // Administration (admin keys only; 403 otherwise): the caller's project and its API keys.
    /** `{id, name, retentionDays, createdAt}` */
    getProject(options) {
      return get('/api/v1/admin/project', {}, options);
    },
    /** Renames the project or changes its retention (`{name?, retentionDays?}`); resolves with the project. */
    updateProject(body, options) {
      return call('PUT', '/api/v1/admin/project', {}, body, options);
    },
    /** `{keys: [{keyId, name, prefix, scopes, requestsPerSecond, createdAt, revokedAt, lastUsedAt}]}`, oldest first. */
    listKeys(options) {
      return get('/api/v1/admin/keys', {}, options);
    },
    /** Creates a key (`{name, scopes, requestsPerSecond?}`): `{key, info}`; the key itself is in this answer only. */
    createKey(body, options) {
      return call('POST', '/api/v1/admin/keys', {}, body, options);
    },
    /** Revokes a key; resolves with its record, now with revokedAt. */
    revokeKey(keyId, options) {
      return call('DELETE', `/api/v1/admin/keys/${encodeURIComponent(keyId)}`, {}, undefined, options);
    },

    // Alerting (see the alerts API contract): rules, their backtests, alert instances, history, channels, silences.
    /** `{rules: [Rule…]}` */
    listRules(options) {
      return get('/api/v1/alerts/rules', {}, options);
    },
    getRule(id, options) {
      return get(rule(id), {}, options);
    },
    /** Creates a rule (body without id); resolves with the saved Rule. 400 messages start with the field name. */
    createRule(body, options) {
      return call('POST', '/api/v1/alerts/rules', {}, body, options);
    },
    updateRule(id, body, options) {
      return call('PUT', rule(id), {}, body, options);
    },
    deleteRule(id, options) {
      return call('DELETE', rule(id), {}, undefined, options);
    },
    /** Backtest of an unsaved rule over [from, to): `{series, firings, fired, threshold, …}`. */
    backtestDraft(body, { from, to } = {}, options) {
      return call('POST', '/api/v1/alerts/rules/backtest', { from, to }, body, options);
    },
    /** Backtest of a saved rule over [from, to). */
    backtestRule(id, { from, to } = {}, options) {
      return call('POST', `${rule(id)}/backtest`, { from, to }, undefined, options);
    },
    /** `{alerts: [Alert…]}`; state e.g. "firing". */
    listAlerts({ state } = {}, options) {
      return get('/api/v1/alerts', { state }, options);
    },
    /** Transitions and delivery attempts, newest first: `{events, next}`. */
    alertEvents({ from, to, rule: ruleId, limit, cursor } = {}, options) {
      return get('/api/v1/alerts/events', { from, to, rule: ruleId, limit, cursor }, options);
    },
    listChannels(options) {
      return get('/api/v1/alerts/channels', {}, options);
    },
    /** Creates a channel; a webhook's generated secret is in this answer only. */
    createChannel(body, options) {
      return call('POST', '/api/v1/alerts/channels', {}, body, options);
    },
    deleteChannel(id, options) {
      return call('DELETE', `/api/v1/alerts/channels/${encodeURIComponent(id)}`, {}, undefined, options);
    },
    /** Sends a test notification: `{status: "ok"|"failed", httpStatus, error}`. */
    testChannel(id, options) {
      return call('POST', `/api/v1/alerts/channels/${encodeURIComponent(id)}/test`, {}, undefined, options);
    },
    listSilences(options) {
      return get('/api/v1/alerts/silences', {}, options);
    },
    createSilence(body, options) {
      return call('POST', '/api/v1/alerts/silences', {}, body, options);
    },
    /** Expires a silence now. */
    expireSilence(id, options) {
      return call('DELETE', `/api/v1/alerts/silences/${encodeURIComponent(id)}`, {}, undefined, options);
    },
  };
}

function queryString(query) {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value != null && value !== '') params.set(name, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

async function readJson(response) {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
