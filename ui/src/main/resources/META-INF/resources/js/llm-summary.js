/** The LLM part of the span panel: provider, models, tokens by class, cost, latency and prompt identity. */
import { h } from './dom.js';
import { formatCost, formatDuration, formatTokens } from './format.js';
import { keyValueGrid } from './key-value-grid.js';
import { estimatedFlag, priceText } from './usage-figures.js';

/** Section for `span.llm`; `durationMs` of the span is the call's latency. */
export function llmSummary(llm, durationMs) {
  const modelsDiffer = Boolean(llm.requestModel && llm.responseModel && llm.requestModel !== llm.responseModel);
  const tokenClasses = [
    ['Input', llm.inputTokens, 'tokens-input'],
    ['Output', llm.outputTokens, 'tokens-output'],
    ['Cache read', llm.cacheReadTokens, 'tokens-cache-read'],
    ['Cache write', llm.cacheWriteTokens, 'tokens-cache-write'],
    ['Reasoning', llm.reasoningTokens, 'tokens-reasoning'],
  ];
  const total = (llm.inputTokens ?? 0) + (llm.outputTokens ?? 0);
  const unpriced = typeof llm.costUsd !== 'number';
  // The provider reported no usage: the counts are Boxscore's estimate, and so is a cost priced from them (flagged,
  // as analytics flag it: the same call costs the same everywhere).
  const estimated = Boolean(llm.tokensEstimated);

  return h('section', { class: 'panel-section', 'data-testid': 'llm-summary', 'aria-labelledby': 'llm-summary-title' },
    h('h3', { class: 'panel-section-title', id: 'llm-summary-title' }, 'LLM call'),
    h('div', { class: 'llm-headline' },
      h('div', { class: 'stat' },
        h('div', { class: 'stat-label' }, 'Cost'),
        h('div', {
          class: ['stat-value', unpriced && 'unpriced'], 'data-testid': 'llm-cost',
          title: unpriced ? 'No price is known for this model' : `${llm.costUsd} USD (${priceText(llm.price)})`,
        }, formatCost(llm.costUsd),
        !unpriced && estimated && estimatedFlag('Priced from Boxscore\'s token estimate: the provider reported no usage'))),
      h('div', { class: 'stat' },
        h('div', { class: 'stat-label' }, 'Tokens'),
        h('div', { class: 'stat-value', 'data-testid': 'llm-total-tokens' }, formatTokens(total),
          estimated && estimatedFlag('The provider reported no token usage; Boxscore estimated these counts from the captured content'))),
      h('div', { class: 'stat' },
        h('div', { class: 'stat-label' }, 'Latency'),
        h('div', { class: 'stat-value', 'data-testid': 'llm-latency' }, formatDuration(durationMs))),
      h('div', { class: 'stat' },
        h('div', { class: 'stat-label', title: 'Time to first token' }, 'First token'),
        h('div', { class: 'stat-value', 'data-testid': 'llm-ttft' }, formatDuration(llm.timeToFirstTokenMs)))),
    keyValueGrid([
      ['Provider', llm.provider, { testId: 'llm-provider' }],
      ['Price', priceText(llm.price), { testId: 'llm-price' }],
      ['Operation', llm.operation, { testId: 'llm-operation' }],
      ['Request model', llm.requestModel, { mono: true, testId: 'llm-request-model' }],
      ['Response model', h('span', null, llm.responseModel ?? '—',
        modelsDiffer && h('span', {
          class: 'badge badge-warn', title: 'The provider answered with a different model than requested',
        }, 'differs from request')),
      { mono: true, testId: 'llm-response-model', class: modelsDiffer && 'differs' }],
      ['Finish reasons', (llm.finishReasons ?? []).length
        ? h('span', null, llm.finishReasons.map((reason) => h('span', { class: 'chip' }, reason)))
        : '—', { testId: 'llm-finish-reasons' }],
      ['Streaming', llm.streaming == null ? '—' : llm.streaming ? 'yes' : 'no', { testId: 'llm-streaming' }],
      ['Prompt fingerprint', llm.promptFingerprint || '—', { mono: true, testId: 'llm-prompt-fingerprint' }],
      ['Prompt version', llm.promptVersion || '—', { mono: true, testId: 'llm-prompt-version' }],
    ]),
    h('table', { class: 'token-table', 'data-testid': 'token-table' },
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Tokens'), h('th', { scope: 'col', class: 'num' }, 'Count'))),
      h('tbody', null, tokenClasses.map(([label, count, testId]) => h('tr', { class: count ? null : 'is-zero' },
        h('th', { scope: 'row' }, label),
        h('td', { class: 'num', 'data-testid': testId }, formatTokens(count))))),
      h('tfoot', null, h('tr', null, h('th', { scope: 'row' }, 'Total (in + out)'),
        h('td', { class: 'num' }, formatTokens(total))))));
}
