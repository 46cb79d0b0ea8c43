/**
 * Trace detail: header with totals, the span waterfall, and the side panel of the selected span.
 * The selected span is part of the address (`?span=`), so a link can point at one LLM call.
 */
import { h, replaceChildren, isTypingTarget, hasModifier } from './dom.js';
import { formatCost, formatCount, formatDateTime, formatDuration, formatTokens } from './format.js';
import { replaceHash, traceHref } from './router.js';
import { buildSpanTree, traceWindow } from './span-tree.js';
import { summarizeTrace } from './trace-summary.js';
import { traceScores } from './trace-scores.js';
import { createWaterfall } from './waterfall.js';
import { spanPanel } from './span-panel.js';
import { errorState, loadingState } from './states.js';
import { lastListHash } from './trace-list-view.js';

/** Mounts the detail view of `route.traceId` into `container`; returns `{unmount()}`. */
export function mountTraceDetail(container, { api, route }) {
  const traceId = route.traceId;
  const lifetime = new AbortController();
  const content = h('div', { class: 'detail-content' });
  let view = null; // {tree, bounds, waterfall, side, split} once loaded
  let selectedSpanId = route.params.get('span');

  replaceChildren(container, h('section', { class: 'page trace-detail-page' },
    h('nav', { class: 'breadcrumb', 'aria-label': 'Breadcrumb' },
      h('a', { href: lastListHash, 'data-testid': 'back-to-list' }, '← Traces'),
      h('span', { class: 'breadcrumb-sep', 'aria-hidden': 'true' }, '/'),
      h('span', { class: 'mono muted' }, traceId)),
    content));
  document.title = 'Trace · Boxscore';
  document.addEventListener('keydown', onKeyDown, { signal: lifetime.signal });
  load();

  return { unmount: () => lifetime.abort() };

  async function load() {
    replaceChildren(content, loadingState('Loading trace…'));
    try {
      const trace = await api.getTrace(traceId, { signal: lifetime.signal });
      render(trace.spans ?? [], trace.scores ?? []);
    } catch (error) {
      if (error.name === 'AbortError' || error.unauthorized) return;
      if (error.status === 404) {
        replaceChildren(content, h('div', { class: 'state state-empty', 'data-testid': 'trace-not-found' },
          h('div', { class: 'state-title' }, 'Trace not found'),
          h('div', { class: 'state-detail' }, error.message),
          h('p', { class: 'muted' }, 'Spans can take a few seconds to arrive, or the trace may be outside the retention period.'),
          h('div', { class: 'state-actions' },
            h('button', { type: 'button', class: 'btn', onClick: load }, 'Retry'),
            h('a', { class: 'btn btn-ghost', href: lastListHash }, 'Back to traces'))));
      } else {
        replaceChildren(content, errorState('Could not load this trace', error, load));
      }
    }
  }

  function render(spans, scores) {
    const tree = buildSpanTree(spans);
    const bounds = traceWindow(spans);
    const summary = summarizeTrace(spans, tree);
    const waterfall = createWaterfall(tree, bounds, { onSelect: select, signal: lifetime.signal });
    const side = h('div', { class: 'detail-side' });
    const split = h('div', { class: 'detail-split' }, h('div', { class: 'detail-main' }, waterfall.element), side);
    view = { tree, bounds, waterfall, side, split, scores };
    document.title = `${summary.rootName} · Trace · Boxscore`;
    const spanName = new Map(spans.map((span) => [span.spanId, span.name]));
    replaceChildren(content, traceHeader(summary),
      traceScores({ api, traceId, scores, spanName, onSelectSpan: select, signal: lifetime.signal }), split,
      h('div', { class: 'kbd-hints', 'aria-hidden': 'true' },
        h('kbd', null, 'j'), h('kbd', null, 'k'), ' select span  ', h('kbd', null, '←'), h('kbd', null, '→'),
        ' fold  ', h('kbd', null, 'Esc'), ' close panel / back'));
    if (selectedSpanId && tree.byId.has(selectedSpanId)) select(selectedSpanId);
    else showPanel(null);
  }

  function traceHeader(summary) {
    const costText = summary.llmCalls === 0 ? '—' : formatCost(summary.costUsd);
    return h('header', { class: 'trace-header', 'data-testid': 'trace-header' },
      h('div', { class: 'trace-title-row' },
        h('h1', { class: 'page-title trace-title' }, summary.rootName),
        summary.errorCount > 0 && h('span', { class: 'badge badge-error' },
          `${summary.errorCount} ${summary.errorCount === 1 ? 'error' : 'errors'}`)),
      h('div', { class: 'trace-meta' },
        h('span', null, 'Trace ', h('code', { class: 'mono', 'data-testid': 'trace-id' }, traceId)),
        copyButton(traceId),
        h('span', { class: 'muted' }, '·'),
        h('span', { class: 'num-font' }, formatDateTime(summary.startTime)),
        h('span', { class: 'muted' }, '·'),
        summary.services.map((service) => h('span', { class: 'chip' }, service))),
      h('dl', { class: 'stat-strip' },
        stat('Duration', formatDuration(summary.durationMs), 'total-duration'),
        stat('Spans', formatCount(summary.spanCount), 'total-spans'),
        stat('LLM calls', formatCount(summary.llmCalls), 'total-llm-calls'),
        stat('Tokens in', formatTokens(summary.inputTokens), 'total-tokens-in'),
        stat('Tokens out', formatTokens(summary.outputTokens), 'total-tokens-out'),
        stat('Cost', costText, 'total-cost', summary.costUsd == null && summary.llmCalls > 0 ? 'unpriced' : '',
          summary.unpricedCalls > 0 && summary.costUsd != null
            ? `+ ${summary.unpricedCalls} unpriced ${summary.unpricedCalls === 1 ? 'call' : 'calls'}` : null),
        summary.models.length > 0 && stat('Models', summary.models.join(', '), 'total-models', 'stat-text')));
  }

  function select(spanId) {
    if (!view || !view.tree.byId.has(spanId)) return;
    selectedSpanId = spanId;
    view.waterfall.setSelected(spanId);
    showPanel(view.tree.byId.get(spanId));
    replaceHash(traceHref(traceId, spanId));
  }

  function closePanel() {
    selectedSpanId = null;
    view.waterfall.setSelected(null);
    showPanel(null);
    replaceHash(traceHref(traceId));
  }

  function showPanel(node) {
    view.split.classList.toggle('has-panel', Boolean(node));
    if (node) {
      const scores = view.scores.filter((score) => score.target === 'span'
        && (score.spanId ?? score.call?.spanId) === node.span.spanId);
      replaceChildren(view.side, spanPanel(node, view.bounds.start, { onClose: closePanel, scores }));
    }
    else replaceChildren(view.side);
  }

  function onKeyDown(event) {
    if (!view || hasModifier(event)) return;
    if (isTypingTarget(event)) {
      if (event.key === 'Escape') event.target.blur();
      return;
    }
    const visible = view.waterfall.visibleSpanIds();
    const index = visible.indexOf(selectedSpanId);
    switch (event.key) {
      case 'j':
      case 'ArrowDown':
        event.preventDefault();
        select(visible[Math.min(visible.length - 1, index + 1)]);
        break;
      case 'k':
      case 'ArrowUp':
        event.preventDefault();
        select(visible[Math.max(0, index - 1)]);
        break;
      case 'ArrowLeft':
      case 'h': {
        if (!selectedSpanId) return;
        event.preventDefault();
        const node = view.tree.byId.get(selectedSpanId);
        const isOpen = node.children.length > 0 && !view.waterfall.isCollapsed(selectedSpanId);
        if (isOpen) view.waterfall.toggle(selectedSpanId, false);
        else if (node.parent) select(node.parent.span.spanId);
        break;
      }
      case 'ArrowRight':
      case 'l':
        if (!selectedSpanId) return;
        event.preventDefault();
        view.waterfall.toggle(selectedSpanId, true);
        break;
      case 'Escape':
        event.preventDefault();
        if (selectedSpanId) closePanel();
        else window.location.hash = lastListHash;
        break;
      default:
    }
  }
}

function stat(label, value, testId, valueClass = '', note = null) {
  return h('div', { class: 'stat' },
    h('dt', { class: 'stat-label' }, label),
    h('dd', { class: ['stat-value', valueClass], 'data-testid': testId }, value,
      note && h('span', { class: 'stat-note' }, note)));
}

function copyButton(text) {
  const button = h('button', {
    type: 'button', class: 'btn btn-ghost btn-small', title: 'Copy trace ID',
    onClick: async () => {
      try {
        await navigator.clipboard.writeText(text);
        button.textContent = 'Copied';
      } catch {
        button.textContent = 'Copy failed';
      }
      setTimeout(() => { button.textContent = 'Copy'; }, 1500);
    },
  }, 'Copy');
  return button;
}
