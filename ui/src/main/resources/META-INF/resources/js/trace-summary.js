/** Totals of one trace (the detail header), computed from its spans. Pure (no DOM). */
import { traceWindow } from './span-tree.js';

/**
 * @param tree the result of buildSpanTree for the same spans
 * @returns `{rootName, startTime, durationMs, spanCount, llmCalls, inputTokens, outputTokens, costUsd,
 *   unpricedCalls, errorCount, services, models}`; costUsd sums the priced calls (null when no call is priced).
 */
export function summarizeTrace(spans, tree) {
  const bounds = traceWindow(spans);
  const llmSpans = spans.filter((span) => span.llm);
  const priced = llmSpans.filter((span) => typeof span.llm.costUsd === 'number');
  const firstRoot = tree.roots.find((node) => !node.orphan) ?? tree.roots[0];
  return {
    rootName: firstRoot?.span.name ?? '(no spans)',
    startTime: spans.length ? new Date(bounds.start).toISOString() : null,
    durationMs: bounds.durationMs,
    spanCount: spans.length,
    llmCalls: llmSpans.length,
    inputTokens: sum(llmSpans, (span) => span.llm.inputTokens),
    outputTokens: sum(llmSpans, (span) => span.llm.outputTokens),
    costUsd: priced.length ? sum(priced, (span) => span.llm.costUsd) : null,
    unpricedCalls: llmSpans.length - priced.length,
    errorCount: spans.filter((span) => span.status === 'ERROR').length,
    services: unique(spans.map((span) => span.service)),
    models: unique(llmSpans.map((span) => span.llm.responseModel || span.llm.requestModel)),
  };
}

function sum(items, value) {
  return items.reduce((total, item) => total + (Number(value(item)) || 0), 0);
}

function unique(values) {
  return [...new Set(values.filter(Boolean))];
}
