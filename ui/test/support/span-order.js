/**
 * The waterfall order the UI promises, written independently of the UI's span-tree.js: depth-first by
 * parentSpanId, siblings by start time then name; roots first, then spans whose parent is missing (orphans).
 */

/** @returns `[{spanId, depth, orphan}]` in display order. */
export function expectedSpanOrder(spans) {
  const ids = new Set(spans.map((span) => span.spanId));
  const childrenOf = new Map();
  const roots = [];
  for (const span of spans) {
    const parent = span.parentSpanId || null;
    if (parent && ids.has(parent)) {
      if (!childrenOf.has(parent)) childrenOf.set(parent, []);
      childrenOf.get(parent).push(span);
    } else {
      roots.push({ span, orphan: Boolean(parent) });
    }
  }
  const byStart = (a, b) => Date.parse(a.startTime) - Date.parse(b.startTime) || String(a.name).localeCompare(String(b.name));
  roots.sort((a, b) => Number(a.orphan) - Number(b.orphan) || byStart(a.span, b.span));
  const order = [];
  const walk = (span, depth, orphan) => {
    order.push({ spanId: span.spanId, depth, orphan });
    for (const child of (childrenOf.get(span.spanId) ?? []).sort(byStart)) walk(child, depth + 1, false);
  };
  for (const root of roots) walk(root.span, 0, root.orphan);
  return order;
}
