/**
 * Full-text matches of the trace list: where the query's words were found (`match` of a trace summary) as a
 * snippet whose highlight ranges are wrapped in <mark>. The snippet is text from the API and stays text.
 */
import { h } from './dom.js';

const FIELD_LABELS = Object.freeze({ output: 'output', input: 'input', name: 'span name', attribute: 'attribute' });

/** "in output", "in span name", "in attribute http.route". */
export function matchFieldLabel(match) {
  const label = FIELD_LABELS[match.field] ?? match.field ?? 'text';
  return match.field === 'attribute' && match.key ? `in ${label} ${match.key}` : `in ${label}`;
}

/**
 * The highlight ranges as sorted, non-overlapping `[start, end)` pairs inside a text of `length` UTF-16 units;
 * ranges out of bounds are cut, empty and malformed ones dropped.
 */
export function normalizeHighlights(highlights, length) {
  const ranges = (Array.isArray(highlights) ? highlights : [])
    .filter((range) => Array.isArray(range) && Number.isInteger(range[0]) && Number.isInteger(range[1]))
    .map(([start, end]) => [Math.max(0, start), Math.min(length, end)])
    .filter(([start, end]) => end > start)
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged = [];
  for (const range of ranges) {
    const last = merged[merged.length - 1];
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([...range]);
  }
  return merged;
}

/** The snippet as text nodes and <mark> elements. */
export function snippetNodes(snippet, highlights) {
  const text = String(snippet ?? '');
  const nodes = [];
  let at = 0;
  for (const [start, end] of normalizeHighlights(highlights, text.length)) {
    if (start > at) nodes.push(text.slice(at, start));
    nodes.push(h('mark', null, text.slice(start, end)));
    at = end;
  }
  if (at < text.length) nodes.push(text.slice(at));
  return nodes;
}

/** The block under a trace row: which field matched, then the snippet; `href` opens the matching span. */
export function matchSnippet(match, href) {
  return h('div', { class: 'match', 'data-testid': 'match', dataset: { field: match.field ?? '' } },
    h('a', { class: 'match-field', href, tabindex: '-1', title: 'Open the span that matched' }, matchFieldLabel(match)),
    h('span', { class: 'match-snippet' }, snippetNodes(match.snippet, match.highlights)));
}
