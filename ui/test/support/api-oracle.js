/**
 * Reads the same API as the page, from Node, so tests derive what the page must show from the server's own
 * answers. That keeps the suite valid against a real server with other data than the mock's fixtures.
 */

const WEEK_MS = 7 * 24 * 3_600_000;
const SCAN_LIMIT = 200; // traces whose detail findTrace reads at most

/** Creates an oracle for one target (`{baseUrl, apiKey}`). */
export function apiOracle({ baseUrl, apiKey }) {
  async function get(path) {
    const response = await fetch(`${baseUrl}${path}`, { headers: { Authorization: `Bearer ${apiKey}` } });
    if (!response.ok) throw new Error(`GET ${path} answered ${response.status}: ${await response.text()}`);
    return response.json();
  }

  /** Trace summaries of the last 7 days, newest first, following nextCursor up to `max` traces. */
  async function recentTraces(max = 500) {
    const from = new Date(Date.now() - WEEK_MS).toISOString();
    const traces = [];
    let cursor = null;
    do {
      const query = new URLSearchParams({ from, limit: '100', ...(cursor ? { cursor } : {}) });
      const page = await get(`/api/v1/traces?${query}`);
      traces.push(...page.traces);
      cursor = page.nextCursor;
    } while (cursor && traces.length < max);
    return traces;
  }

  return {
    get,
    recentTraces,
    trace: (traceId) => get(`/api/v1/traces/${encodeURIComponent(traceId)}`),

    /**
     * The first recent trace whose detail satisfies `predicate(trace)`; fails with `description` when none does,
     * so a run against a real server says which data it is missing.
     */
    async findTrace(description, predicate) {
      for (const summary of await recentTraces(SCAN_LIMIT)) {
        const trace = await get(`/api/v1/traces/${encodeURIComponent(summary.traceId)}`);
        if (predicate(trace, summary)) return { trace, summary };
      }
      throw new Error(`No trace of the last 7 days has ${description}; the server must hold such a trace for this test.`);
    },
  };
}
