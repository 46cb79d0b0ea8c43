/**
 * A small static + mock API server for the browser suite: serves the shipped UI files from
 * src/main/resources/META-INF/resources and answers the Boxscore query API with the canned data of fixtures.js.
 * A wrong or missing `Authorization: Bearer <key>` gets a 401 in the API's error format. Besides the start-up key
 * (admin, like the real server's bootstrap key) it accepts the keys created through /api/v1/admin/keys, with their
 * scopes (mock-admin.js); prices and their preview are in mock-prices.js, and a changed project price re-prices the
 * traces, spans and analytics at once, as the server's query-time costing does.
 *
 * Run it by hand with `npm run serve` (PORT, API_KEY and MOCK_LATENCY_MS are read from the environment).
 */
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildFixtures } from './fixtures.js';
import * as analytics from './mock-analytics.js';
import { AlertsError, createAlertsStore, evaluate, handleAlerts } from './mock-alerts.js';
import { AdminError, authenticate, createAdminStore, handleAdmin, refusal, used } from './mock-admin.js';
import { PricesError, createPriceStore, handlePrices, reprice } from './mock-prices.js';
import { EvaluatorsError, createEvaluatorStore, handleEvaluators } from './mock-evaluators.js';
import { BIG_TRACE_ID, bigTrace } from './big-trace-fixture.js';
import * as search from './mock-search.js';
import * as scores from './mock-scores.js';
import * as prompts from './mock-prompts.js';

const STATIC_ROOT = resolve(fileURLToPath(new URL('../src/main/resources/META-INF/resources/', import.meta.url)));
const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.json': 'application/json', '.png': 'image/png', '.ico': 'image/x-icon',
};
const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 1000;

/**
 * Starts the server on 127.0.0.1.
 * @param port 0 picks a free port
 * @param apiKey the only key the API accepts
 * @param latencyMs delay added to every API answer (to look at loading states)
 * @returns `{url, apiKey, close()}`
 */
export async function startMockServer({ port = 0, apiKey = 'bx_test_key', latencyMs = 0 } = {}) {
  const fixtures = buildFixtures();
  search.addUsersAndSessions(fixtures);
  fixtures.search = search.createSearchStore();
  fixtures.llmCalls = analytics.llmCalls(fixtures);
  fixtures.alerts = createAlertsStore(fixtures.llmCalls);
  fixtures.admin = createAdminStore(apiKey);
  fixtures.prices = createPriceStore();
  fixtures.scores = scores.createScoreStore();
  fixtures.prompts = prompts.createPromptStore();
  fixtures.evaluators = createEvaluatorStore();
  // Only reachable by its id: the list, analytics and the other tests see the same traces as without it.
  fixtures.details.set(BIG_TRACE_ID, bigTrace());
  const server = createServer((request, response) => {
    handle(request, response).catch((error) => {
      sendJson(response, 500, { error: 'internal', message: String(error?.message ?? error) });
    });
  });

  async function handle(request, response) {
    const url = new URL(request.url, 'http://localhost');
    if (url.pathname.startsWith('/api/')) {
      if (latencyMs) await new Promise((done) => setTimeout(done, latencyMs));
      const principal = authenticate(fixtures.admin, request.headers.authorization);
      if (!principal) {
        sendJson(response, 401, { error: 'unauthorized', message: 'Missing or invalid API key' });
        return;
      }
      const refused = refusal(principal, url.pathname);
      if (refused) {
        sendJson(response, 403, { error: 'forbidden', message: refused });
        return;
      }
      used(fixtures.admin, principal);
      if (search.handlesSearch(url.pathname)) {
        routeSearch(request.method, url, await readBody(request), response, fixtures);
        return;
      }
      if (url.pathname.startsWith('/api/v1/admin') || /^\/api\/v1\/prices(\/|$)/.test(url.pathname)) {
        routeSettings(request.method, url, await readBody(request), response, fixtures, principal);
        return;
      }
      if (scores.handlesScores(url.pathname)) {
        routeScores(request.method, url, await readBody(request), response, fixtures);
        return;
      }
      if (/^\/api\/v1\/evaluators(\/|$)/.test(url.pathname)) {
        routeEvaluators(request.method, url, await readBody(request), response, fixtures, principal);
        return;
      }
      if (url.pathname.startsWith('/api/v1/alerts')) {
        routeAlerts(request.method, url, await readBody(request), response, fixtures);
        return;
      }
      if (request.method !== 'GET') {
        sendJson(response, 405, { error: 'method_not_allowed', message: `${request.method} is not allowed on ${url.pathname}` });
        return;
      }
      routeApi(url, response, fixtures);
      return;
    }
    if (url.pathname === '/__mock/alerts/evaluate' && request.method === 'POST') {
      // Test-only: evaluate every alert rule now (the real server evaluates on each rule's interval).
      sendJson(response, 200, { alerts: evaluate(fixtures.alerts) });
      return;
    }
    await serveStatic(url.pathname, response);
  }

  await new Promise((done) => server.listen(port, '127.0.0.1', done));
  const address = server.address();
  return {
    url: `http://127.0.0.1:${address.port}`,
    apiKey,
    close: () => new Promise((done) => {
      server.closeAllConnections();
      server.close(done);
    }),
  };
}

const ANALYTICS_ENDPOINTS = {
  '/api/v1/metrics': analytics.metrics,
  '/api/v1/drift': analytics.drift,
  '/api/v1/drift/swaps': analytics.swaps,
  '/api/v1/compare': analytics.compare,
  '/api/v1/what-if': analytics.whatIf,
};

function routeApi(url, response, fixtures) {
  const path = url.pathname;
  if (request(path, '/api/v1/services')) return sendJson(response, 200, { services: fixtures.services });
  if (request(path, '/api/v1/models')) return sendJson(response, 200, { models: fixtures.models });
  if (request(path, '/api/v1/traces')) return listTraces(url.searchParams, response, fixtures);
  if (prompts.handlesPrompts(path)) {
    const [status, answer] = prompts.handlePrompts(fixtures.prompts, url);
    return sendJson(response, status, answer);
  }
  const analyticsEndpoint = ANALYTICS_ENDPOINTS[path.replace(/\/$/, '')];
  if (analyticsEndpoint) {
    try {
      return sendJson(response, 200, analyticsEndpoint(fixtures.llmCalls, url.searchParams));
    } catch (error) {
      if (error instanceof analytics.BadParameter) return sendJson(response, 400, { error: 'bad_parameter', message: error.message });
      throw error;
    }
  }
  const match = /^\/api\/v1\/traces\/([^/]+)$/.exec(path);
  if (match) {
    const trace = fixtures.details.get(decodeURIComponent(match[1]));
    return trace
      ? sendJson(response, 200, { ...trace, scores: scores.scoresOfTrace(fixtures.scores, trace.traceId) })
      : sendJson(response, 404, { error: 'not_found', message: `No trace with id ${decodeURIComponent(match[1])}` });
  }
  return sendJson(response, 404, { error: 'not_found', message: `No API endpoint ${path}` });
}

function routeAlerts(method, url, text, response, fixtures) {
  let body;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      return sendJson(response, 400, { error: 'bad_request', message: 'body: is not valid JSON' });
    }
  }
  try {
    const [status, answer] = handleAlerts(fixtures.alerts, method, url.pathname, url.searchParams, body);
    if (answer == null) {
      response.writeHead(status, { 'Cache-Control': 'no-store' });
      return response.end();
    }
    return sendJson(response, status, answer);
  } catch (error) {
    if (error instanceof AlertsError) return sendJson(response, error.status, { error: error.code, message: error.message });
    throw error;
  }
}

/** POST and GET /api/v1/scores. */
function routeScores(method, url, text, response, fixtures) {
  let body;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      return sendJson(response, 400, { error: 'bad_parameter', message: 'body: is not valid JSON' });
    }
  }
  try {
    const [status, answer] = scores.handleScores(fixtures.scores, method, url, body);
    return sendJson(response, status, answer);
  } catch (error) {
    if (error instanceof scores.ScoresError) {
      return sendJson(response, error.status, { error: 'bad_parameter', message: error.message });
    }
    throw error;
  }
}

/** The search contract's endpoints: histogram, suggest, views, users and sessions. */
function routeSearch(method, url, text, response, fixtures) {
  let body;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      return sendJson(response, 400, { error: 'bad_request', message: 'body: is not valid JSON' });
    }
  }
  const [status, answer] = search.handleSearch(fixtures, fixtures.search, method, url, body);
  if (answer == null) {
    response.writeHead(status, { 'Cache-Control': 'no-store' });
    return response.end();
  }
  return sendJson(response, status, answer);
}

/** The admin API and prices: the settings page's endpoints. */
function routeSettings(method, url, text, response, fixtures, principal) {
  let body;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      return sendJson(response, 400, { error: 'bad_parameter', message: 'body: is not valid JSON' });
    }
  }
  try {
    const [status, answer] = url.pathname.startsWith('/api/v1/admin')
      ? handleAdmin(fixtures.admin, method, url.pathname, body)
      : handlePrices(fixtures.prices, principal, method, url, body, fixtures.llmCalls);
    if (!url.pathname.startsWith('/api/v1/admin') && (method === 'PUT' || method === 'DELETE')) {
      reprice(fixtures, fixtures.prices.project); // a refused change threw above
    }
    if (answer == null) {
      response.writeHead(status, { 'Cache-Control': 'no-store' });
      return response.end();
    }
    return sendJson(response, status, answer);
  } catch (error) {
    if (error instanceof AdminError || error instanceof PricesError) {
      return sendJson(response, error.status, { error: error.code, message: error.message });
    }
    throw error;
  }
}

/** The LLM-as-judge evaluators (mock-evaluators.js). */
function routeEvaluators(method, url, text, response, fixtures, principal) {
  try {
    const body = text ? JSON.parse(text) : undefined;
    const [status, answer] = handleEvaluators(fixtures.evaluators, principal, method, url.pathname, body);
    if (answer == null) {
      response.writeHead(status, { 'Cache-Control': 'no-store' });
      return response.end();
    }
    return sendJson(response, status, answer);
  } catch (error) {
    if (error instanceof SyntaxError) return sendJson(response, 400, { error: 'bad_parameter', message: 'body: is not valid JSON' });
    if (error instanceof EvaluatorsError) return sendJson(response, error.status, { error: error.code, message: error.message });
    throw error;
  }
}

async function readBody(request) {
  const chunks = [];
  for await (const chunk of request) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

function listTraces(params, response, fixtures) {
  const limitText = params.get('limit');
  const limit = limitText == null ? DEFAULT_LIMIT : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    return sendJson(response, 400, { error: 'bad_request', message: `limit must be an integer from 1 to ${MAX_LIMIT}` });
  }
  const bounds = {};
  for (const name of ['from', 'to']) {
    const value = params.get(name);
    if (value == null || value === '') continue;
    bounds[name] = Date.parse(value);
    if (Number.isNaN(bounds[name])) {
      return sendJson(response, 400, { error: 'bad_request', message: `${name} must be an ISO-8601 instant` });
    }
  }
  let offset = 0;
  const cursor = params.get('cursor');
  if (cursor) {
    offset = Number(Buffer.from(cursor, 'base64url').toString('utf8').replace(/^offset:/, ''));
    if (!Number.isInteger(offset) || offset < 0) {
      return sendJson(response, 400, { error: 'bad_request', message: 'cursor is not valid' });
    }
  }
  const service = params.get('service');
  const model = params.get('model');
  const matching = fixtures.summaries.filter((summary) => {
    const start = Date.parse(summary.startTime);
    return (!service || summary.service === service)
      && (!model || usesModel(fixtures.details.get(summary.traceId), model))
      && (bounds.from === undefined || start >= bounds.from)
      && (bounds.to === undefined || start <= bounds.to);
  });
  let found = matching;
  try {
    if (params.get('q')) found = search.filterByQuery(fixtures, matching, params.get('q'));
  } catch (error) {
    if (error instanceof search.SearchError) return sendJson(response, error.status, { error: error.code, message: error.message });
    throw error;
  }
  const page = found.slice(offset, offset + limit);
  const next = offset + limit < found.length ? Buffer.from(`offset:${offset + limit}`).toString('base64url') : null;
  return sendJson(response, 200, { traces: page, nextCursor: next });
}

/** A trace matches a model filter when one of its LLM calls asked for or was answered by that model. */
function usesModel(trace, model) {
  return trace.spans.some((span) => span.llm && (span.llm.requestModel === model || span.llm.responseModel === model));
}

async function serveStatic(pathname, response) {
  const relative = pathname === '/' ? 'index.html' : decodeURIComponent(pathname).replace(/^\/+/, '');
  const file = normalize(join(STATIC_ROOT, relative));
  if (!file.startsWith(STATIC_ROOT + sep)) {
    sendJson(response, 403, { error: 'forbidden', message: 'Path outside the UI root' });
    return;
  }
  try {
    const body = await readFile(file);
    response.writeHead(200, {
      'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-store',
    });
    response.end(body);
  } catch {
    response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    response.end('Not found');
  }
}

function request(path, expected) {
  return path === expected || path === `${expected}/`;
}

function sendJson(response, status, body) {
  response.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  response.end(JSON.stringify(body));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const server = await startMockServer({
    port: Number(process.env.PORT ?? 8080),
    apiKey: process.env.API_KEY ?? 'bx_test_key',
    latencyMs: Number(process.env.MOCK_LATENCY_MS ?? 0),
  });
  console.log(`Boxscore UI mock server: ${server.url}/#key=${server.apiKey}`);
}
