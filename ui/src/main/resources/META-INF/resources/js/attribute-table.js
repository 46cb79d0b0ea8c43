/** Span and resource attributes as key/value tables with one search box that filters both by key or value. */
import { h, replaceChildren } from './dom.js';
import { foldableText } from './long-text.js';

/** The "Attributes" section for a span. */
export function attributeTables(span) {
  const groups = [
    { title: 'Span attributes', entries: sortedEntries(span.attributes), testId: 'span-attributes' },
    { title: 'Resource attributes', entries: sortedEntries(span.resourceAttributes), testId: 'resource-attributes' },
  ];
  const results = h('div', { class: 'attribute-results' });
  const search = h('input', {
    type: 'search', class: 'input input-small', placeholder: 'Filter attributes…', 'aria-label': 'Filter attributes',
    'data-testid': 'attribute-search', autocomplete: 'off', spellcheck: 'false',
    onInput: () => render(search.value),
  });
  render('');

  return h('section', { class: 'panel-section', 'aria-labelledby': 'attributes-title' },
    h('div', { class: 'panel-section-head' },
      h('h3', { class: 'panel-section-title', id: 'attributes-title' }, 'Attributes'),
      search),
    results);

  function render(filterText) {
    const needle = filterText.trim().toLowerCase();
    replaceChildren(results, groups.map(({ title, entries, testId }) => {
      const shown = needle
        ? entries.filter(([key, value]) => key.toLowerCase().includes(needle) || value.toLowerCase().includes(needle))
        : entries;
      return h('div', { class: 'attribute-group', 'data-testid': testId },
        h('div', { class: 'attribute-group-title' }, title,
          h('span', { class: 'muted' }, needle ? ` · ${shown.length} of ${entries.length}` : ` · ${entries.length}`)),
        shown.length === 0
          ? h('div', { class: 'muted small attribute-empty' }, entries.length === 0 ? 'None.' : 'No attribute matches.')
          : h('table', { class: 'kv-table' }, h('tbody', null, shown.map(([key, value]) => h('tr', null,
            h('th', { scope: 'row', class: 'mono' }, key),
            h('td', { class: 'mono' }, foldableText(value)))))));
    }));
  }
}

function sortedEntries(attributes) {
  return Object.entries(attributes ?? {})
    .map(([key, value]) => [key, typeof value === 'string' ? value : JSON.stringify(value)])
    .sort(([a], [b]) => a.localeCompare(b));
}
