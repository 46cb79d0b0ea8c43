/**
 * A big trace for the detail view's limits: 5,000 spans (an agent run of 50 steps, each with an LLM call and
 * tool calls with nested queries) whose first LLM call has a 2 MB prompt. The mock serves it by id only; the
 * browser test hands the same trace to the page itself when it runs against a real server.
 */

export const BIG_TRACE_ID = 'b19b19b19b19b19b19b19b19b19b19b1';
export const BIG_TRACE_SPANS = 5000;
/** The prompt's size in characters (all ASCII, so also its size in bytes) and its last words. */
export const BIG_PROMPT_CHARS = 2_000_000;
export const BIG_PROMPT_END = 'END OF THE BIG PROMPT';

const STEPS = 50;
const TOOLS_PER_STEP = 24;
const QUERIES_PER_TOOL = 3;

/** The trace in the API's shape: `{traceId, spans}`, spans in no particular order (roots last). */
export function bigTrace(now = Date.now()) {
  const start = now - 30 * 60_000;
  const at = (offsetMs) => new Date(start + offsetMs).toISOString();
  const resource = { 'service.name': 'batch-agent' };
  const spans = [];
  let next = 0;
  const add = (parentSpanId, name, offsetMs, durationMs, extra = {}) => {
    next += 1;
    const spanId = next.toString(16).padStart(16, '0');
    spans.push({
      spanId, parentSpanId, name, service: 'batch-agent', kind: 'INTERNAL', startTime: at(offsetMs), durationMs,
      status: 'UNSET', statusMessage: '', attributes: {}, resourceAttributes: resource, llm: null, ...extra,
    });
    return spanId;
  };

  const root = add(null, 'POST /batch', 0, 120_000, { kind: 'SERVER', status: 'OK' });
  for (let step = 0; step < STEPS; step += 1) {
    const stepStart = 100 + step * 2_300;
    const stepId = add(root, `agent.step ${step + 1}`, stepStart, 2_200);
    add(stepId, 'chat gpt-4o-mini', stepStart + 5, 600, { kind: 'CLIENT', llm: llmCall(step) });
    for (let tool = 0; tool < TOOLS_PER_STEP; tool += 1) {
      const toolStart = stepStart + 620 + tool * 60;
      const toolId = add(stepId, `tool.call ${tool + 1}`, toolStart, 55,
        tool === 7 && step % 10 === 3 ? { status: 'ERROR', statusMessage: 'tool timed out' } : {});
      for (let query = 0; query < QUERIES_PER_TOOL; query += 1) {
        add(toolId, `SELECT rows ${query + 1}`, toolStart + 2 + query * 17, 15, { kind: 'CLIENT' });
      }
    }
  }
  // Batch flushes after the agent, to make exactly BIG_TRACE_SPANS spans.
  for (let flush = 1; spans.length < BIG_TRACE_SPANS; flush += 1) add(root, `flush ${flush}`, 116_000 + flush * 10, 8);
  return { traceId: BIG_TRACE_ID, spans: spans.reverse() };
}

function llmCall(step) {
  const input = step === 0
    ? [{ role: 'system', parts: [{ type: 'text', content: 'Summarise each document.' }] },
      { role: 'user', parts: [{ type: 'text', content: bigPrompt() }] }]
    : [{ role: 'user', parts: [{ type: 'text', content: `Next document, part ${step + 1}.` }] }];
  return {
    provider: 'openai', operation: 'chat', requestModel: 'gpt-4o-mini', responseModel: 'gpt-4o-mini-2024-07-18',
    usageReported: true, tokensEstimated: false,
    inputTokens: step === 0 ? 500_000 : 900, outputTokens: 120, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0,
    costUsd: null, price: null, timeToFirstTokenMs: 180, finishReasons: ['stop'], streaming: false,
    promptFingerprint: null, promptVersion: null,
    input, output: [{ role: 'assistant', parts: [{ type: 'text', content: `Summary ${step + 1}.` }], finish_reason: 'stop' }],
  };
}

/** BIG_PROMPT_CHARS characters of numbered lines, ending with BIG_PROMPT_END. */
export function bigPrompt() {
  const lines = [];
  let length = 0;
  for (let line = 1; length < BIG_PROMPT_CHARS; line += 1) {
    const text = `Line ${line}: the quick brown fox jumps over the lazy dog again and again.\n`;
    lines.push(text);
    length += text.length;
  }
  return lines.join('').slice(0, BIG_PROMPT_CHARS - BIG_PROMPT_END.length) + BIG_PROMPT_END;
}
