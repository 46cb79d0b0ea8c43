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
  async function get(path, query = {}, { signal } = {}) {
    const url = `${baseUrl}${path}${queryString(query)}`;
    let response;
    try {
      response = await fetch(url, {
        headers: { Accept: 'application/json', Authorization: `Bearer ${getKey() ?? ''}` },
        signal,
        cache: 'no-store',
      });
    } catch (error) {
      if (error.name === 'AbortError') throw error;
      throw new ApiError(0, 'network', 'Cannot reach the Boxscore server. Is it running?');
    }
    const body = await readJson(response);
    if (!response.ok) {
      const error = new ApiError(
        response.status,
        body?.error ?? `http_${response.status}`,
        body?.message ?? `${response.status} ${response.statusText}`.trim(),
      );
      if (error.unauthorized) onUnauthorized(error);
      throw error;
    }
    if (body === undefined) throw new ApiError(response.status, 'bad_response', `${path} did not return JSON`);
    return body;
  }

  return {
    /** One page of trace summaries, newest first: `{traces, nextCursor}`. */
    listTraces({ service, model, from, to, limit, cursor } = {}, options) {
      return get('/api/v1/traces', { service, model, from, to, limit, cursor }, options);
    },
    /** All spans of a trace: `{traceId, spans}`; rejects with status 404 when it is unknown. */
    getTrace(traceId, options) {
      return get(`/api/v1/traces/${encodeURIComponent(traceId)}`, {}, options);
    },
    /** `{services: [...]}` for the service filter. */
    listServices(options) {
      return get('/api/v1/services', {}, options);
    },
    /** `{models: [...]}` for the model filter. */
    listModels(options) {
      return get('/api/v1/models', {}, options);
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
    /** The window's traffic re-priced as `model`: `{assumption, services, total, ...}`. */
    whatIf(query, options) {
      return get('/api/v1/what-if', query, options);
    },
    /** `{project, builtIn}` prices, USD per 1M tokens. */
    listPrices(options) {
      return get('/api/v1/prices', {}, options);
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
