/** Side panel with everything about one span: overview, LLM summary, conversation, attributes. */
import { valueText } from './trace-scores.js';
import { h } from './dom.js';
import { formatDateTime, formatDuration, instantMillis } from './format.js';
import { keyValueGrid } from './key-value-grid.js';
import { llmSummary } from './llm-summary.js';
import { conversation } from './conversation.js';
import { attributeTables } from './attribute-table.js';

/**
 * @param node a span-tree node (`{span, orphan, parent}`)
 * @param traceStart epoch millis of the trace start, for the span's offset
 * @param onClose called by the close button
 */
export function spanPanel(node, traceStart, { onClose, scores = [] }) {
  const { span } = node;
  const isError = span.status === 'ERROR';
  const offset = instantMillis(span.startTime) - traceStart;
  return h('aside', { class: 'span-panel', 'data-testid': 'span-panel', 'aria-labelledby': 'span-panel-title' },
    h('header', { class: 'span-panel-header' },
      h('div', { class: 'span-panel-heading' },
        h('h2', { class: 'span-panel-title', id: 'span-panel-title' }, span.name || '(unnamed)'),
        h('div', { class: 'span-panel-meta' },
          statusBadge(span.status),
          span.llm && h('span', { class: 'badge badge-llm' }, 'LLM'),
          h('span', null, span.service ?? ''),
          span.kind && h('span', { class: 'muted' }, span.kind.toLowerCase()),
          h('span', { class: 'num-font' }, formatDuration(span.durationMs)))),
      h('button', {
        type: 'button', class: 'btn btn-ghost btn-icon', title: 'Close (Esc)', 'aria-label': 'Close span details',
        onClick: onClose,
      }, '✕')),
    h('div', { class: 'span-panel-body' },
      isError && h('div', { class: 'status-message', role: 'note' },
        h('strong', null, 'Error'), span.statusMessage ? `: ${span.statusMessage}` : ''),
      h('section', { class: 'panel-section' },
        keyValueGrid([
          ['Span ID', span.spanId, { mono: true }],
          ['Parent', node.orphan
            ? h('span', null, span.parentSpanId, ' ', h('span', { class: 'badge badge-warn' }, 'not in trace'))
            : span.parentSpanId || '— (root)', { mono: true }],
          ['Start', formatDateTime(span.startTime), { class: 'num-font' }],
          ['Offset', Number.isNaN(offset) ? '—' : `+${formatDuration(offset)}`, { class: 'num-font' }],
          ['Duration', formatDuration(span.durationMs), { class: 'num-font' }],
          ['Kind', span.kind],
          ['Status', span.status ?? 'UNSET'],
        ])),
      span.llm && llmSummary(span.llm, span.durationMs),
      scores.length > 0 && h('section', { class: 'panel-section', 'data-testid': 'span-scores' },
        h('h3', { class: 'panel-section-title' }, 'Scores'),
        keyValueGrid(scores.map((score) => [score.name, `${valueText(score)}${score.comment ? ` — ${score.comment}` : ''}`]))),
      span.llm && conversation(span.llm),
      attributeTables(span)));
}

function statusBadge(status) {
  if (status === 'ERROR') return h('span', { class: 'badge badge-error' }, 'error');
  if (status === 'OK') return h('span', { class: 'badge badge-ok' }, 'ok');
  return null;
}
