/** Shared loading, error and empty-state blocks, so every view reports progress the same way. */
import { h } from './dom.js';

/** A centred spinner with a label, e.g. "Loading traces…". */
export function loadingState(label) {
  return h('div', { class: 'state state-loading', role: 'status', 'aria-live': 'polite' },
    h('span', { class: 'spinner', 'aria-hidden': 'true' }),
    h('span', null, label));
}

/** An error box naming what failed; `onRetry` adds a Retry button. */
export function errorState(title, error, onRetry) {
  return h('div', { class: 'state state-error', role: 'alert' },
    h('div', { class: 'state-title' }, title),
    h('div', { class: 'state-detail' }, describeError(error)),
    onRetry && h('button', { type: 'button', class: 'btn', onClick: onRetry }, 'Retry'));
}

/** Human text for an error, with the HTTP status when there is one. */
export function describeError(error) {
  if (error?.status) return `${error.message} (HTTP ${error.status})`;
  return error?.message ?? String(error);
}
