/**
 * Canned Boxscore data for the mock server, with times relative to `now` so every time-range preset has data.
 * It holds the cases the browser suite needs: a rich LLM trace (nested spans, two LLM calls, a request/response
 * model mismatch, a tool call, an error span, an orphan span and an XSS-bait span name), an unpriced LLM trace
 * whose content was not captured, and enough filler traces for "Load more".
 */

export const XSS_SPAN_NAME = '<img src=x onerror="window.__boxscoreXss=1">render reply';
export const RICH_TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
export const UNPRICED_TRACE_ID = '9a1c0e5d2b7f4e3c8d6a5b4c3d2e1f00';
export const ESTIMATED_TRACE_ID = '7e5d3c1b9a8f4e2d6c0b1a2f3e4d5c6b';
/** USD per token of the filler models, also the mock's price catalog. */
export const FILLER_PRICE_PER_TOKEN = { 'gpt-4o-mini': 0.00000015, 'claude-sonnet-4-5': 0.000003, 'text-embedding-3-small': 0.00000002 };

/** The mock's built-in price of a filler model (USD per 1M tokens): its catalog entry and its calls' price. */
export function builtInPrice(model) {
  const perMillion = FILLER_PRICE_PER_TOKEN[model] * 1e6;
  return {
    origin: 'built-in', provider: model.startsWith('claude') ? 'anthropic' : 'openai', model, anyProvider: true,
    input: perMillion, output: perMillion, cacheRead: null, cacheWrite: null, reasoning: null,
    effectiveFrom: '2024-01-01', source: 'mock',
  };
}

const SERVICES = ['checkout-api', 'support-bot', 'search-indexer', 'pricing-lab'];
const FILLER_MODELS = ['gpt-4o-mini', 'claude-sonnet-4-5', 'text-embedding-3-small'];

/** Builds `{summaries, details, services, models}`; summaries are newest first. */
export function buildFixtures(now = Date.now()) {
  const details = new Map();
  details.set(RICH_TRACE_ID, richTrace(now - 90_000));
  details.set(UNPRICED_TRACE_ID, unpricedTrace(now - 8 * 60_000));
  details.set(ESTIMATED_TRACE_ID, estimatedTrace(now - 9 * 60_000));
  const random = seededRandom(42);
  for (let index = 0; index < 70; index += 1) {
    // Spread from 20 minutes to ~5 days ago: a few per preset.
    const ageMs = 20 * 60_000 * Math.pow(1.09, index);
    const trace = fillerTrace(index, now - ageMs, random);
    details.set(trace.traceId, trace);
  }
  const summaries = [...details.values()].map(summarize)
    .sort((a, b) => Date.parse(b.startTime) - Date.parse(a.startTime));
  const services = [...new Set(summaries.map((summary) => summary.service))].sort();
  const models = [...new Set(summaries.flatMap((summary) => summary.models))].sort();
  return { summaries, details, services, models };
}

/** The list-row summary of a trace, computed the way the API documents it. */
export function summarize(trace) {
  const spans = trace.spans;
  const ids = new Set(spans.map((span) => span.spanId));
  const root = spans.find((span) => !span.parentSpanId) ?? spans.find((span) => !ids.has(span.parentSpanId)) ?? spans[0];
  const starts = spans.map((span) => Date.parse(span.startTime));
  const start = Math.min(...starts);
  const end = Math.max(...spans.map((span, index) => starts[index] + span.durationMs));
  const llm = spans.filter((span) => span.llm).map((span) => span.llm);
  return {
    traceId: trace.traceId,
    service: root.service,
    rootName: root.name,
    startTime: new Date(start).toISOString(),
    durationMs: Math.round((end - start) * 1000) / 1000,
    spanCount: spans.length,
    llmCalls: llm.length,
    inputTokens: llm.reduce((sum, call) => sum + call.inputTokens, 0),
    outputTokens: llm.reduce((sum, call) => sum + call.outputTokens, 0),
    costUsd: llm.length === 0 ? 0 : llm.every((call) => call.costUsd == null) ? null
      : Number(llm.reduce((sum, call) => sum + (call.costUsd ?? 0), 0).toFixed(9)),
    unpricedCalls: llm.filter((call) => call.costUsd == null).length,
    estimatedCalls: llm.filter((call) => call.tokensEstimated).length,
    models: [...new Set(llm.map((call) => call.responseModel || call.requestModel))],
    hasError: spans.some((span) => span.status === 'ERROR'),
  };
}

function richTrace(start) {
  const resource = {
    'service.name': 'support-bot', 'service.version': '2.4.1', 'deployment.environment': 'staging',
    'telemetry.sdk.language': 'java', 'host.name': 'bot-7c9f',
  };
  const at = (offsetMs) => new Date(start + offsetMs).toISOString();
  const span = (fields) => ({
    service: 'support-bot', kind: 'INTERNAL', status: 'UNSET', statusMessage: '', attributes: {},
    resourceAttributes: resource, llm: null, ...fields,
  });
  return {
    traceId: RICH_TRACE_ID,
    spans: [
      // Deliberately not in tree order: the UI must build the tree itself.
      span({
        spanId: 'c0000000000000c3', parentSpanId: 'a0000000000000a2', name: 'chat claude-sonnet-4-5', kind: 'CLIENT',
        startTime: at(1460), durationMs: 1210.4,
        attributes: {
          'gen_ai.operation.name': 'chat', 'gen_ai.provider.name': 'anthropic',
          'gen_ai.request.model': 'claude-sonnet-4-5', 'gen_ai.usage.input_tokens': '2210',
          'gen_ai.usage.output_tokens': '184', 'server.address': 'api.anthropic.com',
        },
        llm: {
          provider: 'anthropic', operation: 'chat', requestModel: 'claude-sonnet-4-5', responseModel: 'claude-sonnet-4-5',
          inputTokens: 2210, outputTokens: 184, cacheReadTokens: 0, cacheWriteTokens: 1800, reasoningTokens: 0,
          costUsd: 0.01419, timeToFirstTokenMs: null, finishReasons: ['end_turn'], streaming: false,
          promptFingerprint: 'sha256:77c1e0a4', promptVersion: 'support-v3',
          input: [
            { role: 'system', parts: [{ type: 'text', content: 'You are the support assistant of Acme. Be brief.' }] },
            { role: 'user', parts: [{ type: 'text', content: 'Where is my order #1042?' }] },
            { role: 'tool', parts: [{ type: 'tool_call_response', id: 'call_7', response: { error: 'orders-service unavailable' } }] },
          ],
          output: [{
            role: 'assistant',
            parts: [{ type: 'text', content: 'Sorry, I cannot reach the order system right now. <b>Please</b> try again in a few minutes.' }],
          }],
        },
      }),
      span({
        spanId: 'a0000000000000a1', parentSpanId: null, name: 'POST /chat', kind: 'SERVER', status: 'OK',
        startTime: at(0), durationMs: 2841.2,
        attributes: { 'http.request.method': 'POST', 'url.path': '/chat', 'http.response.status_code': '200' },
      }),
      span({
        spanId: 'a0000000000000a2', parentSpanId: 'a0000000000000a1', name: 'agent.run', startTime: at(12), durationMs: 2700,
        attributes: { 'gen_ai.agent.name': 'support-agent' },
      }),
      span({
        spanId: 'b0000000000000b1', parentSpanId: 'a0000000000000a2', name: 'chat gpt-4o-mini', kind: 'CLIENT',
        startTime: at(30), durationMs: 934.7,
        attributes: {
          'gen_ai.operation.name': 'chat', 'gen_ai.provider.name': 'openai', 'gen_ai.request.model': 'gpt-4o-mini',
          'gen_ai.response.model': 'gpt-4o-mini-2024-07-18', 'gen_ai.request.temperature': '0.2',
          'gen_ai.usage.input_tokens': '12345', 'gen_ai.usage.output_tokens': '256', 'server.address': 'api.openai.com',
          'gen_ai.response.id': 'chatcmpl-9x8y7z',
        },
        llm: {
          provider: 'openai', operation: 'chat', requestModel: 'gpt-4o-mini', responseModel: 'gpt-4o-mini-2024-07-18',
          inputTokens: 12345, outputTokens: 256, cacheReadTokens: 10240, cacheWriteTokens: 0, reasoningTokens: 0,
          costUsd: 0.00123525, timeToFirstTokenMs: 412.5, finishReasons: ['tool_calls'], streaming: true,
          promptFingerprint: 'sha256:3b9a1c2e5f', promptVersion: 'support-v3',
          input: [
            { role: 'system', parts: [{ type: 'text', content: 'You are the support assistant of Acme. Be brief.' }] },
            { role: 'user', parts: [{ type: 'text', content: 'Where is my order #1042?' }] },
          ],
          output: [{
            role: 'assistant',
            parts: [
              { type: 'text', content: 'Let me look that up.' },
              { type: 'tool_call', id: 'call_7', name: 'lookup_order', arguments: { orderId: 1042, includeShipping: true } },
            ],
          }],
        },
      }),
      span({
        spanId: 'b0000000000000b2', parentSpanId: 'a0000000000000a2', name: 'execute_tool lookup_order',
        startTime: at(980), durationMs: 455.1, status: 'ERROR', statusMessage: 'orders-service returned 503',
        attributes: { 'gen_ai.tool.name': 'lookup_order', 'gen_ai.tool.call.id': 'call_7' },
      }),
      span({
        spanId: 'b0000000000000b3', parentSpanId: 'b0000000000000b2', name: 'GET /orders/{id}', kind: 'CLIENT',
        startTime: at(990), durationMs: 430.9, status: 'ERROR', statusMessage: 'HTTP 503 Service Unavailable',
        attributes: {
          'http.request.method': 'GET', 'url.full': 'http://orders:8080/orders/1042', 'http.response.status_code': '503',
          'error.type': '503',
        },
      }),
      span({
        spanId: 'd0000000000000d1', parentSpanId: 'a0000000000000a1', name: XSS_SPAN_NAME, startTime: at(2700), durationMs: 96.3,
        attributes: { 'template.html': '<script>window.__boxscoreXss=2</script>', 'template.name': 'reply.html' },
      }),
      span({
        spanId: 'e0000000000000e1', parentSpanId: 'ffffffffffffff99', name: 'cache.lookup', kind: 'CLIENT',
        startTime: at(5), durationMs: 3.4, service: 'session-cache',
        resourceAttributes: { 'service.name': 'session-cache', 'telemetry.sdk.language': 'go' },
        attributes: { 'db.system': 'redis', 'db.operation.name': 'GET' },
      }),
    ],
  };
}

function unpricedTrace(start) {
  const at = (offsetMs) => new Date(start + offsetMs).toISOString();
  const resource = { 'service.name': 'pricing-lab', 'telemetry.sdk.language': 'python' };
  return {
    traceId: UNPRICED_TRACE_ID,
    spans: [
      {
        spanId: 'f0000000000000f1', parentSpanId: '', name: 'experiment.run', service: 'pricing-lab', kind: 'INTERNAL',
        startTime: at(0), durationMs: 5230, status: 'OK', statusMessage: '', attributes: { 'experiment.id': 'exp-17' },
        resourceAttributes: resource, llm: null,
      },
      {
        spanId: 'f0000000000000f2', parentSpanId: 'f0000000000000f1', name: 'chat acme-experimental-1', service: 'pricing-lab',
        kind: 'CLIENT', startTime: at(120), durationMs: 5004, status: 'UNSET', statusMessage: '',
        attributes: { 'gen_ai.provider.name': 'acme', 'gen_ai.request.model': 'acme-experimental-1' },
        resourceAttributes: resource,
        llm: {
          provider: 'acme', operation: 'chat', requestModel: 'acme-experimental-1', responseModel: 'acme-experimental-1',
          inputTokens: 980, outputTokens: 1432, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 512,
          costUsd: null, timeToFirstTokenMs: 1830, finishReasons: ['stop'], streaming: true,
          promptFingerprint: null, promptVersion: null, input: null, output: null,
        },
      },
    ],
  };
}

/** A call whose provider reported no usage: tokens estimated from the captured content, priced from the estimate. */
function estimatedTrace(start) {
  const at = (offsetMs) => new Date(start + offsetMs).toISOString();
  const resource = { 'service.name': 'support-bot' };
  const text = (role, content) => ({ role, parts: [{ type: 'text', content }] });
  return {
    traceId: ESTIMATED_TRACE_ID,
    spans: [
      {
        spanId: 'e0000000000000e1', parentSpanId: '', name: 'chat gpt-4o-mini', service: 'support-bot', kind: 'CLIENT',
        startTime: at(0), durationMs: 740, status: 'UNSET', statusMessage: '',
        attributes: { 'gen_ai.provider.name': 'openai', 'gen_ai.request.model': 'gpt-4o-mini' },
        resourceAttributes: resource,
        llm: {
          provider: 'openai', operation: 'chat', requestModel: 'gpt-4o-mini', responseModel: null,
          usageReported: false, tokensEstimated: true,
          inputTokens: 14, outputTokens: 5, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0,
          // Estimated tokens are priced like reported ones (and flagged), as analytics price them.
          costUsd: 0.0000051, timeToFirstTokenMs: null, finishReasons: [], streaming: null,
          price: {
            origin: 'built-in', provider: 'openai', model: 'gpt-4o-mini', anyProvider: true, input: 0.15, output: 0.6,
            cacheRead: 0.075, cacheWrite: null, reasoning: null, effectiveFrom: '2024-07-18', source: 'mock',
          },
          promptFingerprint: null, promptVersion: null,
          input: [text('user', 'Where is my order 1234?')], output: [text('assistant', 'It ships today.')],
        },
      },
    ],
  };
}

function fillerTrace(index, start, random) {
  const service = SERVICES[index % SERVICES.length];
  const model = FILLER_MODELS[index % FILLER_MODELS.length];
  const traceId = hex(random, 32);
  const rootId = hex(random, 16);
  const llmId = hex(random, 16);
  const inputTokens = Math.round(200 + random() * 6000);
  const outputTokens = model.startsWith('text-embedding') ? 0 : Math.round(20 + random() * 900);
  const llmDuration = Math.round(150 + random() * 3000);
  const resource = { 'service.name': service };
  const failed = index % 9 === 4;
  const at = (offsetMs) => new Date(start + offsetMs).toISOString();
  return {
    traceId,
    spans: [
      {
        spanId: rootId, parentSpanId: null, name: index % 2 ? `POST /api/${service.split('-')[0]}` : `job ${service}`,
        service, kind: 'SERVER', startTime: at(0), durationMs: llmDuration + 40, status: failed ? 'ERROR' : 'OK',
        statusMessage: failed ? 'upstream timeout' : '', attributes: {}, resourceAttributes: resource, llm: null,
      },
      {
        spanId: llmId, parentSpanId: rootId, name: `chat ${model}`, service, kind: 'CLIENT', startTime: at(20),
        durationMs: llmDuration, status: 'UNSET', statusMessage: '', attributes: { 'gen_ai.request.model': model },
        resourceAttributes: resource,
        llm: {
          provider: model.startsWith('claude') ? 'anthropic' : 'openai', operation: 'chat', requestModel: model,
          responseModel: model, inputTokens, outputTokens, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0,
          costUsd: Number(((inputTokens + outputTokens) * FILLER_PRICE_PER_TOKEN[model]).toFixed(9)),
          price: builtInPrice(model),
          timeToFirstTokenMs: Math.round(llmDuration / 4), finishReasons: ['stop'], streaming: index % 3 === 0,
          promptFingerprint: null, promptVersion: index % 2 ? 'v2' : 'v1', input: null, output: null,
        },
      },
    ],
  };
}

function seededRandom(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function hex(random, length) {
  let text = '';
  while (text.length < length) text += Math.floor(random() * 16).toString(16);
  return text;
}
