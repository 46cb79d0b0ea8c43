/**
 * Builds the span tree of a trace from parentSpanId links. Pure (no DOM).
 * Spans whose parent is not in the trace ("orphans", e.g. the parent was lost or is still in flight) become
 * roots marked `orphan`, so nothing the API returned is hidden. Siblings are ordered by start time.
 */
import { instantMillis } from './format.js';

/**
 * @returns `{roots, ordered, byId}`: `ordered` is every node in display order (depth-first), each node being
 *   `{span, children, depth, orphan, parent}`; `byId` maps spanId → node (first span wins on duplicate ids).
 */
export function buildSpanTree(spans) {
  const nodes = (spans ?? []).map((span) => ({ span, children: [], depth: 0, orphan: false, parent: null }));
  const byId = new Map();
  for (const node of nodes) {
    if (node.span.spanId && !byId.has(node.span.spanId)) byId.set(node.span.spanId, node);
  }

  const roots = [];
  for (const node of nodes) {
    const parentId = node.span.parentSpanId || null;
    const parent = parentId ? byId.get(parentId) : undefined;
    if (parent && parent !== node) {
      node.parent = parent;
      parent.children.push(node);
    } else {
      node.orphan = Boolean(parentId) && !parent;
      roots.push(node);
    }
  }

  for (const node of nodes) node.children.sort(byStart);
  roots.sort((a, b) => Number(a.orphan) - Number(b.orphan) || byStart(a, b));

  const ordered = [];
  const visited = new Set();
  const visit = (node, depth) => {
    if (visited.has(node)) return;
    visited.add(node);
    node.depth = depth;
    ordered.push(node);
    for (const child of node.children) visit(child, depth + 1);
  };
  for (const root of roots) visit(root, 0);
  // Spans caught in a parent cycle are reachable from no root: show them at the top level too.
  for (const node of nodes) {
    if (!visited.has(node)) {
      node.orphan = true;
      node.parent = null;
      roots.push(node);
      visit(node, 0);
    }
  }
  return { roots, ordered, byId };
}

/** The nodes to display when the subtrees of the spanIds in `collapsed` are folded. */
export function visibleNodes(tree, collapsed) {
  return tree.ordered.filter((node) => {
    for (let ancestor = node.parent; ancestor; ancestor = ancestor.parent) {
      if (collapsed.has(ancestor.span.spanId)) return false;
    }
    return true;
  });
}

/** `{start, end, durationMs}` in epoch milliseconds, covering every span of the trace. */
export function traceWindow(spans) {
  let start = Infinity;
  let end = -Infinity;
  for (const span of spans ?? []) {
    const spanStart = instantMillis(span.startTime);
    if (Number.isNaN(spanStart)) continue;
    start = Math.min(start, spanStart);
    end = Math.max(end, spanStart + Math.max(0, span.durationMs ?? 0));
  }
  if (start === Infinity) return { start: 0, end: 0, durationMs: 0 };
  return { start, end, durationMs: end - start };
}

function byStart(a, b) {
  return (instantMillis(a.span.startTime) || 0) - (instantMillis(b.span.startTime) || 0)
    || String(a.span.name ?? '').localeCompare(String(b.span.name ?? ''));
}
