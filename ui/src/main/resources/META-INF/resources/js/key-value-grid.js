/** A two-column label/value grid used by the span panel's summaries. */
import { h } from './dom.js';

/** rows: `[label, value, {mono, testId, class}?]`; rows whose value is undefined are left out. */
export function keyValueGrid(rows, className = '') {
  return h('dl', { class: ['kv-grid', className] },
    rows.filter(([, value]) => value !== undefined).map(([label, value, options = {}]) => [
      h('dt', null, label),
      h('dd', { class: [options.mono && 'mono', options.class], 'data-testid': options.testId }, value ?? '—'),
    ]));
}
