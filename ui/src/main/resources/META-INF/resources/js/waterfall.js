/**
 * Span waterfall: one row per span in tree order, indented by depth, with a time bar placed relative to the
 * trace start. LLM spans carry their model and token counts; error spans are red; orphans are flagged.
 * Subtrees fold with the toggle (or ←/→ on the selected row).
 */
import { h, replaceChildren } from './dom.js';
import { formatDuration, formatTokens, instantMillis } from './format.js';
import { visibleNodes } from './span-tree.js';
import { serviceColorSlot } from './service-color.js';

// No label at 100%: it would collide with the 75% one on narrow screens; the header shows the total.
const TICKS = [0, 0.25, 0.5, 0.75];

/**
 * @param tree result of buildSpanTree
 * @param bounds result of traceWindow (the trace's time span)
 * @param onSelect called with a spanId when a row is clicked
 * @returns `{element, setSelected(spanId), toggle(spanId, expand?), visibleSpanIds()}`
 */
export function createWaterfall(tree, bounds, { onSelect }) {
  const collapsed = new Set();
  let selectedSpanId = null;
  const rows = h('div', { class: 'wf-rows', role: 'tree', 'aria-label': 'Spans' });
  const element = h('div', { class: 'waterfall', 'data-testid': 'waterfall' },
    h('div', { class: 'wf-header' },
      h('div', { class: 'wf-name-col' }, 'Span'),
      h('div', { class: 'wf-ticks' }, TICKS.map((fraction) => h('span', {
        class: 'wf-tick', style: { left: `${fraction * 100}%` },
      }, formatDuration(bounds.durationMs * fraction))))),
    rows);

  render();
  return { element, setSelected, toggle, visibleSpanIds };

  function render() {
    replaceChildren(rows, visibleNodes(tree, collapsed).map(row));
    markSelected();
  }

  function row(node) {
    const { span } = node;
    const llm = span.llm;
    const isError = span.status === 'ERROR';
    const hasChildren = node.children.length > 0;
    const isCollapsed = collapsed.has(span.spanId);
    const showService = !node.parent || node.parent.span.service !== span.service;
    return h('div', {
      class: ['wf-row', llm && 'is-llm', isError && 'is-error', node.orphan && 'is-orphan'],
      role: 'treeitem', 'aria-level': String(node.depth + 1), 'aria-selected': 'false',
      'aria-expanded': hasChildren ? String(!isCollapsed) : null,
      dataset: { spanId: span.spanId ?? '', depth: String(node.depth) },
      onClick: () => onSelect(span.spanId),
    },
    h('div', { class: 'wf-name', style: { '--depth': String(node.depth) } },
      hasChildren
        ? h('button', {
          type: 'button', class: 'wf-toggle', tabindex: '-1',
          'aria-label': isCollapsed ? 'Expand children' : 'Collapse children',
          onClick: (event) => { event.stopPropagation(); toggle(span.spanId); },
        }, isCollapsed ? '▸' : '▾')
        : h('span', { class: 'wf-toggle-spacer', 'aria-hidden': 'true' }),
      isError && h('span', { class: 'wf-error-icon', title: span.statusMessage || 'Error' }, '!'),
      h('span', { class: 'wf-span-name', title: span.name ?? '' }, span.name || '(unnamed)'),
      showService && h('span', { class: `wf-service svc-${serviceColorSlot(span.service)}` }, span.service ?? ''),
      llm && h('span', { class: 'wf-llm', title: llm.responseModel || llm.requestModel || 'LLM call' },
        h('span', { class: 'wf-llm-tag' }, 'LLM'),
        h('span', { class: 'wf-llm-model' }, llm.responseModel || llm.requestModel || 'unknown model')),
      llm && h('span', { class: 'wf-llm-tokens', title: 'Input → output tokens' },
        `${formatTokens(llm.inputTokens)} → ${formatTokens(llm.outputTokens)}`),
      node.orphan && h('span', {
        class: 'badge badge-warn', title: `Parent span ${span.parentSpanId} is not part of this trace`,
      }, 'orphan'),
      isCollapsed && h('span', { class: 'wf-hidden-count' }, `+${countDescendants(node)}`)),
    timeline(span, isError));
  }

  function timeline(span, isError) {
    const total = Math.max(bounds.durationMs, 0.001);
    const offset = (instantMillis(span.startTime) || bounds.start) - bounds.start;
    const left = clampPercent((offset / total) * 100);
    const width = Math.min(100 - left, clampPercent(((span.durationMs ?? 0) / total) * 100));
    return h('div', { class: 'wf-timeline' },
      h('div', {
        class: ['wf-bar', span.llm && 'is-llm', isError && 'is-error', `svc-${serviceColorSlot(span.service)}`],
        style: { left: `${left}%`, width: `${width}%` },
      }),
      // Always right of the bar: the timeline keeps a right margin wide enough for the label.
      h('span', { class: 'wf-duration', style: { left: `${left + width}%` } }, formatDuration(span.durationMs)));
  }

  function setSelected(spanId) {
    selectedSpanId = spanId;
    // Reveal a selected span hidden in a folded subtree.
    for (let ancestor = tree.byId.get(spanId)?.parent; ancestor; ancestor = ancestor.parent) {
      if (collapsed.delete(ancestor.span.spanId)) render();
    }
    markSelected();
  }

  function markSelected() {
    for (const rowElement of rows.children) {
      const selected = rowElement.dataset.spanId === selectedSpanId;
      rowElement.classList.toggle('is-selected', selected);
      rowElement.setAttribute('aria-selected', String(selected));
      if (selected) rowElement.scrollIntoView({ block: 'nearest' });
    }
  }

  /** Folds or unfolds a subtree; `expand` forces a direction. */
  function toggle(spanId, expand) {
    const node = tree.byId.get(spanId);
    if (!node || node.children.length === 0) return;
    const shouldCollapse = expand === undefined ? !collapsed.has(spanId) : !expand;
    if (shouldCollapse === collapsed.has(spanId)) return;
    if (shouldCollapse) collapsed.add(spanId);
    else collapsed.delete(spanId);
    render();
  }

  function visibleSpanIds() {
    return [...rows.children].map((rowElement) => rowElement.dataset.spanId);
  }
}

function countDescendants(node) {
  return node.children.reduce((count, child) => count + 1 + countDescendants(child), 0);
}

function clampPercent(value) {
  return Number.isFinite(value) ? Math.min(100, Math.max(0, value)) : 0;
}
