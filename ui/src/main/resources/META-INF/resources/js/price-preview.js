/**
 * What an unsaved price would do: POST /api/v1/prices/preview re-prices the last 30 days of the project's calls
 * with it. Asked for after the form stops changing (debounced); an answer to an older draft is dropped.
 */
import { h, replaceChildren } from './dom.js';
import { formatCost, formatCount, formatDateTime } from './format.js';
import { describeError } from './states.js';

export const PREVIEW_DEBOUNCE_MS = 400;
const MINUS = '\u2212';

/**
 * The preview sentence for an answer `{calls, currentCostUsd, newCostUsd, changeUsd}`: "With this price, the last
 * 30 days would cost $10.00 instead of $12.50 (−$2.50, 1,234 calls)."
 */
export function previewText({ calls, currentCostUsd, newCostUsd, changeUsd }) {
  if (!calls) return 'No call of the last 30 days matches this price, so it changes no cost so far.';
  const callText = `${formatCount(calls)} ${calls === 1 ? 'call' : 'calls'}`;
  if (currentCostUsd == null) {
    return `With this price, the last 30 days would cost ${formatCost(newCostUsd)} (${callText}, unpriced until now).`;
  }
  return `With this price, the last 30 days would cost ${formatCost(newCostUsd)} instead of ${formatCost(currentCostUsd)} `
    + `(${signedUsd(changeUsd)}, ${callText}).`;
}

/** "+$1.20", "−$2.50" (a real minus sign), "no change". */
export function signedUsd(usd) {
  if (usd == null || Number(usd) === 0) return 'no change';
  return usd > 0 ? `+${formatCost(usd)}` : `${MINUS}${formatCost(-usd)}`;
}

/**
 * The preview box.
 * @param api the API client
 * @param signal the view's lifetime
 * @param onFieldError called with (field, problem) when the server refuses the draft with a 400 naming a field
 * @returns `{element, request(body|null), cancel()}`: request(null) says the draft is not complete yet
 */
export function createPricePreview({ api, signal, onFieldError }) {
  const element = h('div', { class: 'price-preview', 'data-testid': 'price-preview', 'aria-live': 'polite', dataset: { state: 'idle' } });
  let timer = null;
  let inFlight = null;
  let generation = 0;
  idle();
  signal?.addEventListener('abort', cancel);
  return { element, request, cancel };

  function request(body) {
    cancel();
    if (!body) {
      idle();
      return;
    }
    element.dataset.state = 'waiting';
    element.setAttribute('aria-busy', 'true');
    timer = setTimeout(() => run(body), PREVIEW_DEBOUNCE_MS);
  }

  function cancel() {
    clearTimeout(timer);
    inFlight?.abort();
    inFlight = null;
    generation += 1;
  }

  async function run(body) {
    const mine = generation;
    inFlight = new AbortController();
    element.dataset.state = 'loading';
    try {
      const answer = await api.previewPrice(body, { signal: inFlight.signal });
      if (mine !== generation) return;
      element.dataset.state = 'ready';
      element.removeAttribute('aria-busy');
      const range = answer.from && answer.to ? `Calls from ${formatDateTime(answer.from)} to ${formatDateTime(answer.to)}` : '';
      replaceChildren(element,
        h('span', { class: 'price-preview-label' }, 'Preview'),
        h('span', { class: ['price-preview-text', answer.changeUsd > 0 && 'is-more', answer.changeUsd < 0 && 'is-less'], title: range, 'data-testid': 'price-preview-text' },
          previewText(answer)));
    } catch (error) {
      if (error.name === 'AbortError' || mine !== generation) return;
      element.dataset.state = 'error';
      element.removeAttribute('aria-busy');
      if (error.status === 400) onFieldError?.(error.message);
      replaceChildren(element, h('span', { class: 'price-preview-label' }, 'Preview'),
        h('span', { class: 'inline-error' }, `Not available: ${describeError(error)}`));
    } finally {
      if (mine === generation) inFlight = null;
    }
  }

  function idle() {
    element.dataset.state = 'idle';
    element.removeAttribute('aria-busy');
    replaceChildren(element, h('span', { class: 'price-preview-label' }, 'Preview'),
      h('span', { class: 'muted' }, 'Fill in provider, model, input and output prices and the day it applies from to see what the last 30 days would have cost.'));
  }
}
