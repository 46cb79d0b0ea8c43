/**
 * Span waterfall: one row per span in tree order, indented by depth, with a time bar placed relative to the
 * trace start. LLM spans carry their model and token counts; error spans are red; orphans are flagged.
 * Subtrees fold with the toggle (or ←/→ on the selected row).
 *
 * Rows are virtualized so a trace of thousands of spans opens and scrolls at once: every row has the same height,
 * the row area is as tall as all rows together, and only the rows in the window's viewport (plus an overscan
 * above and below) are in the DOM, re-rendered as the page scrolls. Keyboard selection scrolls its row into view.
 */
import { h } from './dom.js';
import { formatDuration, formatTokens, instantMillis } from './format.js';
import { descendantCounts, visibleNodes } from './span-tree.js';
import { serviceColorSlot } from './service-color.js';

// No label at 100%: it would collide with the 75% one on narrow screens; the header shows the total.
const TICKS = [0, 0.25, 0.5, 0.75];
/** Height of every row in px: `.wf-row` in trace-detail.css has the same. */
export const ROW_HEIGHT = 30;
/** Rows rendered beyond each edge of the viewport, so fast scrolling rarely shows an empty stretch. */
export const OVERSCAN_ROWS = 20;

/**
 * @param tree result of buildSpanTree
 * @param bounds result of traceWindow (the trace's time span)
 * @param onSelect called with a spanId when a row is clicked
 * @param signal ends the scroll and resize listeners (the view's lifetime)
 * @returns `{element, setSelected(spanId), toggle(spanId, expand?), isCollapsed(spanId), visibleSpanIds()}`
 */
export function createWaterfall(tree, bounds, { onSelect, signal }) {
  const collapsed = new Set();
  const hiddenCounts = descendantCounts(tree);
  const siblingPosition = siblingPositions(tree);
  let selectedSpanId = null;
  let shown = []; // the nodes not folded away, in display order
  let shownIds = [];
  let indexOf = new Map(); // spanId → index in `shown` (first node of an id)
  let range = { first: 0, last: -1 };
  let rendered = new Map(); // node → its row element, for the rows in the DOM
  let frame = 0;

  const rowWindow = h('div', { class: 'wf-window' });
  const rows = h('div', { class: 'wf-rows', role: 'tree', 'aria-label': 'Spans' }, rowWindow);
  const header = h('div', { class: 'wf-header' },
    h('div', { class: 'wf-name-col' }, 'Span'),
    h('div', { class: 'wf-ticks' }, TICKS.map((fraction) => h('span', {
      class: 'wf-tick', style: { left: `${fraction * 100}%` },
    }, formatDuration(bounds.durationMs * fraction)))));
  const element = h('div', { class: 'waterfall', 'data-testid': 'waterfall' }, header, rows);

  const schedule = () => {
    if (!frame) frame = requestAnimationFrame(() => { frame = 0; renderRange(false); });
  };
  window.addEventListener('scroll', schedule, { passive: true, signal });
  window.addEventListener('resize', schedule, { passive: true, signal });
  signal?.addEventListener('abort', () => cancelAnimationFrame(frame));

  refresh();
  schedule(); // measured again once the view put the waterfall on the page
  return { element, setSelected, toggle, isCollapsed, visibleSpanIds };

  /** Recomputes the shown rows after folding and renders the viewport's rows anew. */
  function refresh() {
    shown = visibleNodes(tree, collapsed);
    shownIds = shown.map((node) => node.span.spanId);
    indexOf = new Map();
    shownIds.forEach((spanId, index) => { if (!indexOf.has(spanId)) indexOf.set(spanId, index); });
    rows.style.setProperty('height', `${shown.length * ROW_HEIGHT}px`);
    rendered = new Map(); // rows show their fold state: build them again
    renderRange(true);
  }

  /** Puts the rows of the viewport plus overscan in the DOM; `force` also when the range did not change. */
  function renderRange(force) {
    const { first, last } = viewportRange();
    if (!force && first === range.first && last === range.last) return;
    range = { first, last };
    const next = new Map();
    const elements = [];
    for (let index = first; index <= last; index += 1) {
      const node = shown[index];
      const rowElement = rendered.get(node) ?? row(node);
      next.set(node, rowElement);
      elements.push(rowElement);
    }
    rendered = next;
    rowWindow.style.setProperty('transform', `translateY(${first * ROW_HEIGHT}px)`);
    rowWindow.replaceChildren(...elements);
    markSelected();
  }

  /** Indexes of the first and last row to render; before the waterfall is on the page, the top of it. */
  function viewportRange() {
    if (shown.length === 0) return { first: 0, last: -1 };
    const top = rows.isConnected ? rows.getBoundingClientRect().top : 0;
    const viewTop = Math.max(0, -top);
    const viewBottom = Math.max(0, window.innerHeight - top);
    return {
      first: Math.min(shown.length - 1, Math.max(0, Math.floor(viewTop / ROW_HEIGHT) - OVERSCAN_ROWS)),
      last: Math.min(shown.length - 1, Math.ceil(viewBottom / ROW_HEIGHT) + OVERSCAN_ROWS),
    };
  }

  function row(node) {
    const { span } = node;
    const llm = span.llm;
    const isError = span.status === 'ERROR';
    const hasChildren = node.children.length > 0;
    const isCollapsed = collapsed.has(span.spanId);
    const showService = !node.parent || node.parent.span.service !== span.service;
    const [position, setSize] = siblingPosition.get(node) ?? [1, 1];
    return h('div', {
      class: ['wf-row', llm && 'is-llm', isError && 'is-error', node.orphan && 'is-orphan'],
      role: 'treeitem', 'aria-level': String(node.depth + 1), 'aria-selected': 'false',
      'aria-posinset': String(position), 'aria-setsize': String(setSize),
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
      isCollapsed && h('span', { class: 'wf-hidden-count' }, `+${hiddenCounts.get(node)}`)),
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
    let revealed = false;
    for (let ancestor = tree.byId.get(spanId)?.parent; ancestor; ancestor = ancestor.parent) {
      if (collapsed.delete(ancestor.span.spanId)) revealed = true;
    }
    if (revealed) refresh();
    if (spanId != null && indexOf.has(spanId)) scrollToRow(indexOf.get(spanId));
    markSelected();
  }

  /** Scrolls the page just enough for row `index` to be in view below the sticky headers, then renders it. */
  function scrollToRow(index) {
    if (!rows.isConnected) return;
    const rowTop = rows.getBoundingClientRect().top + index * ROW_HEIGHT;
    const visibleTop = header.getBoundingClientRect().bottom;
    if (rowTop < visibleTop) window.scrollBy(0, rowTop - visibleTop);
    else if (rowTop + ROW_HEIGHT > window.innerHeight) window.scrollBy(0, rowTop + ROW_HEIGHT - window.innerHeight);
    renderRange(false);
  }

  function markSelected() {
    for (const rowElement of rowWindow.children) {
      const selected = rowElement.dataset.spanId === selectedSpanId;
      rowElement.classList.toggle('is-selected', selected);
      rowElement.setAttribute('aria-selected', String(selected));
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
    refresh();
  }

  function isCollapsed(spanId) {
    return collapsed.has(spanId);
  }

  /** Span ids of every row not folded away (rendered or not), in display order. */
  function visibleSpanIds() {
    return shownIds;
  }
}

/** Each node's `[position, count]` among its siblings (roots count as siblings), for aria-posinset/-setsize. */
function siblingPositions(tree) {
  const positions = new Map();
  const number = (nodes) => nodes.forEach((node, index) => positions.set(node, [index + 1, nodes.length]));
  number(tree.roots);
  for (const node of tree.ordered) number(node.children);
  return positions;
}

function clampPercent(value) {
  return Number.isFinite(value) ? Math.min(100, Math.max(0, value)) : 0;
}
