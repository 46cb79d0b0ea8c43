/**
 * Builds the span tree of a trace from parentSpanId links. Pure (no DOM).
 * Spans whose parent is not in the trace ("orphans", e.g. the parent was lost or is still in flight) become
 * roots marked `orphan`, so nothing the API returned is hidden. Siblings are ordered by start time.
 */
import { instantMillis } from './format.js';

/**
 * @returns `{roots, ordered, byId}`: `ordered` is every node in display order (depth-first), each node being
 *   `{span, children, depth, orphan, parent, start}`; `byId` maps spanId → node (first span wins on duplicate ids).
 */
export function buildSpanTree(spans) {
  // `start` (epoch millis) is parsed once: sorting thousands of spans would otherwise parse dates per comparison.
  const nodes = (spans ?? []).map((span) => ({
    span, children: [], depth: 0, orphan: false, parent: null, start: instantMillis(span.startTime) || 0,
  }));
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
  // Depth-first with a stack of its own: a chain of thousands of nested spans must not overflow the call stack.
  const visit = (root, rootDepth) => {
    const stack = [[root, rootDepth]];
    while (stack.length > 0) {
      const [node, depth] = stack.pop();
      if (visited.has(node)) continue;
      visited.add(node);
      node.depth = depth;
      ordered.push(node);
      for (let index = node.children.length - 1; index >= 0; index -= 1) stack.push([node.children[index], depth + 1]);
    }
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

/**
 * The nodes to display when the subtrees of the spanIds in `collapsed` are folded. One pass: in display order a
 * node's subtree is the run of deeper nodes right after it.
 */
export function visibleNodes(tree, collapsed) {
  const shown = [];
  let foldedDepth = -1; // depth of the folded node whose subtree is being skipped
  for (const node of tree.ordered) {
    if (foldedDepth >= 0 && node.depth > foldedDepth) continue;
    foldedDepth = collapsed.has(node.span.spanId) && node.children.length > 0 ? node.depth : -1;
    shown.push(node);
  }
  return shown;
}

/** How many nodes each node's subtree holds below it, as displayed (Map node → count). */
export function descendantCounts(tree) {
  const counts = new Map();
  const open = []; // [node, index] of the current node's ancestors, deepest last
  tree.ordered.forEach((node, index) => {
    while (open.length > 0 && open[open.length - 1][0].depth >= node.depth) {
      const [done, at] = open.pop();
      counts.set(done, index - at - 1);
    }
    open.push([node, index]);
  });
  for (const [done, at] of open) counts.set(done, tree.ordered.length - at - 1);
  return counts;
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
  return a.start - b.start || String(a.span.name ?? '').localeCompare(String(b.span.name ?? ''));
}
