/**
 * The typed filter bar of the trace list: one input taking the filter grammar, with completion from the server
 * (keys at the start of a term, values after `key:`, debounced), and the server's 400 shown under it with the
 * position it names marked. Keys: ↑/↓ choose, Enter or Tab accept, Esc closes, Enter (nothing chosen) runs.
 */
import { h, replaceChildren } from './dom.js';
import {
  COMPARISON_EXAMPLES, FILTER_KEYS, KEY_HELP, completionContext, queryErrorPosition, quoteValue, replaceTerm, termAt,
} from './filter-query.js';
import { describeError } from './states.js';

const DEBOUNCE_MS = 150;
const SUGGEST_LIMIT = 20;

/**
 * Creates the bar.
 * @param api the API client
 * @param value the query shown at first
 * @param bounds returns the list's `{from, to}`, so suggested values are those of the shown time range
 * @param onSubmit called with the trimmed query when Enter is pressed (or the Run button clicked)
 * @returns `{element, input, setValue(q), showError(q, error)}`
 */
export function createFilterBar({ api, value, bounds, onSubmit }) {
  const listId = 'filter-suggestions';
  const input = h('input', {
    type: 'text', id: 'filter-input', class: 'input input-mono filter-input', 'data-testid': 'filter-input',
    value, spellcheck: 'false', autocomplete: 'off', autocapitalize: 'off',
    role: 'combobox', 'aria-autocomplete': 'list', 'aria-expanded': 'false', 'aria-controls': listId,
    'aria-describedby': 'filter-error', 'aria-keyshortcuts': '/', 'aria-label': 'Filter traces',
    placeholder: 'Filter: service:checkout model:gpt-4o status:error latency:>2s -user:bot "a phrase"',
  });
  const list = h('ul', { class: 'suggestions', id: listId, role: 'listbox', 'aria-label': 'Suggestions', 'data-testid': 'suggestions', hidden: true });
  const errorBox = h('div', { class: 'filter-error', id: 'filter-error', 'data-testid': 'filter-error', role: 'alert', hidden: true });
  const element = h('div', { class: 'filter-bar' },
    h('div', { class: 'filter-field' }, input, list),
    h('button', { type: 'button', class: 'btn btn-primary', 'data-testid': 'run-query', onClick: submit }, 'Run'),
    errorBox);

  let items = [];
  let active = -1;
  let ticket = 0; // bumps on every new completion; older answers are dropped
  let timer = null;
  let inFlight = null;
  let keysPromise = null;

  input.addEventListener('input', () => update());
  input.addEventListener('keydown', onKeyDown);
  input.addEventListener('blur', close);
  input.addEventListener('click', () => { if (!list.hidden) update({ immediate: true }); });

  return {
    element,
    input,
    setValue(q) {
      input.value = q;
      close();
    },
    showError,
  };

  function submit() {
    close();
    onSubmit(input.value.trim());
  }

  function onKeyDown(event) {
    const open = !list.hidden && items.length > 0;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!open) {
        update({ immediate: true, force: true });
        return;
      }
      setActive(event.key === 'ArrowDown'
        ? (active + 1) % items.length
        : (active <= 0 ? items.length - 1 : active - 1));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      if (open && active >= 0) accept(items[active]);
      else submit();
    } else if (event.key === 'Tab' && open && !event.shiftKey) {
      event.preventDefault();
      accept(items[Math.max(active, 0)]);
    } else if (event.key === 'Escape' && !list.hidden) {
      event.preventDefault();
      event.stopPropagation();
      close();
    }
  }

  /** Works out what to offer at the caret; `force` offers every key at an empty term (↓ on a new term). */
  function update({ immediate = false, force = false } = {}) {
    const myTicket = ++ticket;
    clearTimeout(timer);
    inFlight?.abort();
    const caret = input.selectionStart ?? input.value.length;
    const term = termAt(input.value, caret);
    const context = completionContext(term.before);
    if (!context || (context.kind === 'keys' && !context.prefix && !force)) {
      close();
      return;
    }
    const { negation } = context;
    if (context.kind === 'keys') {
      loadKeys().then((keys) => {
        if (myTicket !== ticket) return;
        const prefix = context.prefix.toLowerCase();
        show(term, keys.filter((key) => key.startsWith(prefix)).map((key) => ({
          label: key, detail: KEY_HELP[key] ?? '', kind: 'key',
          text: `${negation}${key}${key.endsWith('.') ? '' : ':'}`, more: true,
        })));
      });
    } else if (context.kind === 'examples') {
      show(term, COMPARISON_EXAMPLES[context.key].filter((example) => example.startsWith(context.prefix)).map((example) => ({
        label: `${context.key}:${example}`, detail: 'example', kind: 'example', text: `${negation}${context.key}:${example}`,
      })));
    } else {
      const ask = () => suggestValues(myTicket, term, context);
      if (immediate) ask();
      else timer = setTimeout(ask, DEBOUNCE_MS);
    }
  }

  async function suggestValues(myTicket, term, context) {
    const controller = new AbortController();
    inFlight = controller;
    const attrKeys = context.kind === 'attr-keys';
    try {
      const answer = await api.suggest({
        key: attrKeys ? 'attr' : context.key, prefix: context.prefix, ...bounds(), limit: SUGGEST_LIMIT,
      }, { signal: controller.signal });
      if (myTicket !== ticket) return;
      show(term, (answer.values ?? []).map((value) => (attrKeys
        ? { label: `attr.${value}`, detail: 'attribute', kind: 'key', text: `${context.negation}attr.${value}:`, more: true }
        : { label: value, detail: context.key, kind: 'value', text: `${context.negation}${context.key}:${quoteValue(value)}` })));
    } catch (error) {
      if (error.name === 'AbortError' || myTicket !== ticket) return;
      show(term, [], `No suggestions: ${describeError(error)}`);
    }
  }

  /** The keys the server lists (read once); the grammar's own list when it cannot be read. */
  function loadKeys() {
    keysPromise ??= api.suggest({}, {}).then((answer) => answer.keys ?? FILTER_KEYS, () => {
      keysPromise = null; // try again next time
      return FILTER_KEYS;
    });
    return keysPromise;
  }

  function show(term, options, note) {
    items = options.map((option) => ({ ...option, term }));
    active = -1;
    if (items.length === 0 && !note) {
      close();
      return;
    }
    replaceChildren(list,
      items.map((item, index) => h('li', {
        id: `filter-suggestion-${index}`, role: 'option', class: ['suggestion', `suggestion-${item.kind}`],
        'aria-selected': 'false', dataset: { value: item.text },
        onMousedown: (event) => {
          event.preventDefault(); // keeps the focus in the input
          accept(item);
        },
      }, h('span', { class: 'suggestion-label' }, item.label), item.detail && h('span', { class: 'suggestion-detail' }, item.detail))),
      note && h('li', { class: 'suggestion-note', role: 'presentation' }, note));
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    input.removeAttribute('aria-activedescendant');
  }

  function setActive(index) {
    active = index;
    list.querySelectorAll('[role="option"]').forEach((option, optionIndex) => {
      option.setAttribute('aria-selected', String(optionIndex === index));
      if (optionIndex === index) option.scrollIntoView({ block: 'nearest' });
    });
    input.setAttribute('aria-activedescendant', `filter-suggestion-${index}`);
  }

  /** Puts the item in place of its term; a key goes on to its values, a value ends the term with a space. */
  function accept(item) {
    const value = input.value;
    if (item.more) {
      const { text, caret } = replaceTerm(value, item.term, item.text);
      input.value = text;
      input.setSelectionRange(caret, caret);
      input.focus();
      update({ immediate: true });
      return;
    }
    const spaced = /\s/.test(value[item.term.end] ?? '') ? item.text : `${item.text} `;
    const { text, caret } = replaceTerm(value, item.term, spaced);
    input.value = text;
    const after = /\s/.test(text[caret - 1] ?? '') ? caret : caret + 1;
    input.setSelectionRange(after, after);
    input.focus();
    close();
  }

  function close() {
    ++ticket;
    clearTimeout(timer);
    inFlight?.abort();
    items = [];
    active = -1;
    list.hidden = true;
    replaceChildren(list);
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
  }

  /**
   * Shows why `q` was refused (null clears it). A `q: position N: …` message marks the N-th character of q (or
   * the end, when the query stopped short); clicking the mark puts the caret there.
   */
  function showError(q, error) {
    if (!error) {
      errorBox.hidden = true;
      replaceChildren(errorBox);
      input.removeAttribute('aria-invalid');
      return;
    }
    input.setAttribute('aria-invalid', 'true');
    errorBox.hidden = false;
    const located = queryErrorPosition(error.message);
    if (!located) {
      replaceChildren(errorBox, h('span', { class: 'filter-error-message' }, describeError(error)));
      return;
    }
    const index = Math.min(Math.max(located.position - 1, 0), q.length);
    const at = q.slice(index, index + 1);
    replaceChildren(errorBox,
      h('span', { class: 'filter-error-message' }, `Position ${located.position}: ${located.detail}`),
      h('code', { class: 'filter-error-query', 'data-testid': 'filter-error-query' },
        q.slice(0, index),
        h('mark', {
          class: ['filter-error-at', !at && 'at-end'], 'data-position': String(located.position),
          title: 'Put the cursor here', onClick: () => {
            input.focus();
            input.setSelectionRange(index, index);
          },
        }, at || ' '),
        q.slice(index + 1)));
    if (document.activeElement === input && input.value.trim() === q) input.setSelectionRange(index, index);
  }
}
