/** The "enter your API key" form, shown when no key is stored or the server rejected it (401). */
import { h, replaceChildren } from './dom.js';

/**
 * Renders the form into `container`.
 * @param message why the form is shown (e.g. the server's 401 message); null on first visit
 * @param onSubmit called with the trimmed key
 */
export function renderKeyForm(container, { message, onSubmit }) {
  const input = h('input', {
    id: 'api-key-input', name: 'apiKey', type: 'password', class: 'input input-mono', required: true,
    autocomplete: 'off', spellcheck: 'false', placeholder: 'bx_…', 'aria-describedby': 'api-key-help',
  });
  const form = h('form', {
    class: 'key-form card', 'aria-labelledby': 'key-form-title', novalidate: true,
    onSubmit: (event) => {
      event.preventDefault();
      const key = input.value.trim();
      if (!key) {
        input.focus();
        input.setAttribute('aria-invalid', 'true');
        return;
      }
      onSubmit(key);
    },
  },
  h('h1', { id: 'key-form-title', class: 'key-form-title' }, 'Enter your API key'),
  h('p', { id: 'api-key-help', class: 'muted' },
    'Boxscore needs the API key the launcher printed (it starts with ', h('code', null, 'bx_'),
    '). It is kept in this browser only.'),
  message && h('div', { class: 'key-form-message', role: 'alert' }, message),
  h('label', { class: 'field-label', for: 'api-key-input' }, 'API key'),
  h('div', { class: 'key-form-row' },
    input,
    h('button', { type: 'submit', class: 'btn btn-primary' }, 'Connect')));

  replaceChildren(container, h('div', { class: 'key-form-page' }, form));
  input.focus();
}
