/**
 * The project price form: provider, model family, the USD per 1M tokens of input, output, cache reads and
 * writes and reasoning, and the day it applies from. Prefilled to override a built-in price or change a project
 * one (the same provider, model and day replace it). While it is edited, a debounced preview says what the last 30
 * days would have cost with it; a 400 from the server ("input: …") is shown at the field it names.
 */
import { h, replaceChildren } from './dom.js';
import { fieldOfMessage, formField } from './alert-ui.js';
import { isForbidden } from './admin-access.js';
import { createPricePreview } from './price-preview.js';
import { describeError } from './states.js';

export const PRICE_FIELDS = Object.freeze([
  { name: 'input', label: 'Input', required: true },
  { name: 'output', label: 'Output', required: true },
  { name: 'cacheRead', label: 'Cache read', hint: 'Empty: billed as input.' },
  { name: 'cacheWrite', label: 'Cache write', hint: 'Empty: billed as input.' },
  { name: 'reasoning', label: 'Reasoning', hint: 'Empty: billed as output.' },
]);
const MAX_PRICE = 1_000_000;
const FIRST_DAY = '1970-01-01';
const LAST_DAY = '2149-06-06';

/** Today in UTC as YYYY-MM-DD: prices apply from a UTC day. */
export function todayUtc(now = new Date()) {
  return now.toISOString().slice(0, 10);
}

/**
 * @param initial a price to start from (`{provider, model, anyProvider, input, …, effectiveFrom, source}`) or null
 * @param title the form's heading
 * @param providers known provider names, offered while typing
 * @param onSaved called with the stored price
 * @param onCancel called by Cancel
 * @returns `{element, focus()}`
 */
export function createPriceForm({ api, signal, initial, title, providers = [], onSaved, onCancel }) {
  const start = initial ?? {};
  const input = (name, value, props = {}) => h('input', {
    class: 'input', name, value: value == null ? '' : String(value), autocomplete: 'off', spellcheck: 'false', ...props,
  });
  const fields = {
    provider: formField({
      name: 'provider', label: 'Provider',
      control: input('provider', start.provider, { list: 'price-providers', placeholder: 'openai' }),
    }),
    model: formField({
      name: 'model', label: 'Model',
      control: input('model', start.model, { class: 'input input-mono', placeholder: 'gpt-4o' }),
      hint: 'A model family: dated and prefixed ids of the family match it.',
    }),
  };
  for (const field of PRICE_FIELDS) {
    fields[field.name] = formField({
      name: field.name, label: field.required ? field.label : `${field.label} (optional)`,
      control: input(field.name, start[field.name], { type: 'number', inputmode: 'decimal', min: 0, max: MAX_PRICE, step: 'any' }),
      suffix: '$ / 1M tokens', hint: field.hint,
    });
  }
  fields.effectiveFrom = formField({
    name: 'effectiveFrom', label: 'Applies from',
    control: input('effectiveFrom', start.effectiveFrom ?? todayUtc(), { type: 'date', min: FIRST_DAY, max: LAST_DAY }),
    hint: 'UTC day. Calls from this day on are costed with this price, past ones included.',
  });
  fields.source = formField({
    name: 'source', label: 'Source (optional)',
    control: input('source', start.source, { placeholder: 'negotiated rate, contract 2026-11' }), wide: true,
  });
  const anyProvider = h('input', { type: 'checkbox', name: 'anyProvider', checked: Boolean(start.anyProvider) });
  const formError = h('div', { class: 'form-error', role: 'alert', hidden: true });
  const saveButton = h('button', { type: 'submit', class: 'btn btn-primary', 'data-testid': 'save-price' }, 'Save price');
  // A preview's 400 marks the field without taking the focus from where the user types.
  const preview = createPricePreview({ api, signal, onFieldError: (message) => showServerError(message, false) });
  let lastDraft = null;

  const form = h('form', { class: 'panel price-form', novalidate: true, 'aria-labelledby': 'price-form-title', 'data-testid': 'price-form' },
    h('h2', { id: 'price-form-title', class: 'panel-title' }, title),
    h('datalist', { id: 'price-providers' }, providers.map((provider) => h('option', { value: provider }))),
    h('div', { class: 'form-grid' },
      fields.provider.element, fields.model.element,
      h('div', { class: 'form-field form-field-wide', dataset: { field: 'anyProvider' } },
        h('label', { class: 'check' }, anyProvider, ' Also when another provider serves this model ',
          h('span', { class: 'muted small' }, '(e.g. GPT-4o on Azure, Claude on Bedrock)'))),
      PRICE_FIELDS.map((field) => fields[field.name].element),
      fields.effectiveFrom.element, fields.source.element),
    preview.element,
    formError,
    h('div', { class: 'form-actions' }, saveButton, h('button', { type: 'button', class: 'btn', onClick: () => onCancel?.() }, 'Cancel')));

  form.addEventListener('input', (event) => {
    const name = event.target.closest('[data-field]')?.dataset.field;
    fields[name]?.setError(null);
    formError.hidden = true;
    draftChanged();
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    formError.hidden = true;
    const { body, problems } = read();
    for (const [name, field] of Object.entries(fields)) field.setError(problems[name] ?? null);
    const first = Object.keys(fields).find((name) => problems[name]);
    if (first) {
      fields[first].control.focus();
      return;
    }
    saveButton.disabled = true;
    try {
      const saved = await api.putPrice(body, { signal });
      preview.cancel();
      onSaved?.(saved);
    } catch (error) {
      if (error.name === 'AbortError' || error.unauthorized) return;
      if (error.status === 400 && showServerError(error.message, true)) return;
      formError.hidden = false;
      replaceChildren(formError, isForbidden(error)
        ? `Changing prices needs an admin key: ${error.message}`
        : `Could not save the price: ${describeError(error)}`);
    } finally {
      saveButton.disabled = false;
    }
  });
  draftChanged();

  return { element: form, focus: () => (start.provider ? fields.input : fields.provider).control.focus() };

  /** Previews the draft when it is complete and passes the form's own checks. */
  function draftChanged() {
    const { body, problems } = read();
    const draft = Object.keys(problems).length === 0 ? body : null;
    const key = JSON.stringify(draft);
    if (key === lastDraft) return;
    lastDraft = key;
    preview.request(draft);
  }

  /** Puts a server message "field: problem" at its field; false when it names no field of the form. */
  function showServerError(message, focus) {
    const { field, problem } = fieldOfMessage(message);
    if (!fields[field]) return false;
    fields[field].setError(problem);
    if (focus) fields[field].control.focus();
    return true;
  }

  /** The request body, and what the form's own checks find wrong (field → problem). */
  function read() {
    const value = (name) => fields[name].control.value.trim();
    const problems = {};
    const body = {
      provider: value('provider'),
      model: value('model'),
      anyProvider: anyProvider.checked,
    };
    for (const name of ['provider', 'model']) {
      if (!body[name]) problems[name] = 'is required';
      else if (body[name].length > 200) problems[name] = 'must be at most 200 characters';
    }
    for (const field of PRICE_FIELDS) {
      const control = fields[field.name].control;
      const text = value(field.name);
      body[field.name] = text === '' ? null : Number(text);
      if (text === '' && control.validity.badInput) problems[field.name] = 'must be a number';
      else if (text === '' && field.required) problems[field.name] = 'is required';
      else if (text !== '' && !Number.isFinite(body[field.name])) problems[field.name] = 'must be a number';
      else if (body[field.name] < 0 || body[field.name] > MAX_PRICE) problems[field.name] = 'must be between 0 and 1,000,000 USD per 1M tokens';
    }
    body.effectiveFrom = value('effectiveFrom');
    if (!body.effectiveFrom) {
      problems.effectiveFrom = fields.effectiveFrom.control.validity.badInput ? 'must be a date' : 'is required';
    } else if (body.effectiveFrom < FIRST_DAY || body.effectiveFrom > LAST_DAY) {
      problems.effectiveFrom = `must be between ${FIRST_DAY} and ${LAST_DAY}`;
    }
    body.source = fields.source.control.value.trim();
    if (body.source.length > 512) problems.source = 'must be at most 512 characters';
    return { body, problems };
  }
}
