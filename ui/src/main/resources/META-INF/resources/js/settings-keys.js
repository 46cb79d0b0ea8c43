/**
 * The API keys tab: every key of the project (revoked ones too) with its scopes, rate limit, creation and last use;
 * the key this browser uses is marked. A new key is shown once, in a dialog; revoking asks first (and warns when it
 * is this browser's own key, whose next request will then be refused).
 */
import { h, replaceChildren } from './dom.js';
import { formatCount, formatDateTime, formatRelative } from './format.js';
import { fieldOfMessage, formField } from './alert-ui.js';
import { apiKeyStore } from './api-key.js';
import { isForbidden, needsAdminState } from './admin-access.js';
import { showKeySecret } from './key-secret-dialog.js';
import { describeError, errorState, loadingState } from './states.js';

export const KEY_SCOPES = Object.freeze([
  { id: 'ingest', label: 'ingest', hint: 'send spans to the collector' },
  { id: 'read', label: 'read', hint: 'read traces, analytics and alerts' },
  { id: 'admin', label: 'admin', hint: 'everything, including keys, the project and prices' },
]);
const MAX_REQUESTS_PER_SECOND = 1_000_000;

/** Whether a listed key is the one this browser sends (its prefix starts the stored key, and it is not revoked). */
export function isThisBrowsersKey(info, storedKey = apiKeyStore.get()) {
  return Boolean(storedKey && info.prefix && !info.revokedAt && storedKey.startsWith(info.prefix));
}

export function mountKeySettings(container, { api }) {
  const lifetime = new AbortController();
  const options = { signal: lifetime.signal };
  const formSlot = h('div', null);
  const listSlot = h('div', null);
  const newButton = h('button', { type: 'button', class: 'btn btn-primary', 'data-testid': 'new-key', onClick: openForm }, 'New key');
  let dialog = null;
  let highlight = null; // keyId of a row just created

  replaceChildren(container, loadingState('Loading API keys…'));
  load();
  return {
    unmount: () => {
      lifetime.abort();
      dialog?.close();
    },
  };

  async function load() {
    try {
      const { keys } = await api.listKeys(options);
      if (!container.contains(listSlot)) {
        replaceChildren(container,
          h('div', { class: 'section-bar' },
            h('p', { class: 'muted' }, 'Keys authenticate senders of spans (ingest), readers of this UI and the API (read), and admins.'),
            h('div', { class: 'toolbar-spacer' }), newButton),
          formSlot, listSlot);
      }
      renderList(keys);
    } catch (error) {
      if (error.name === 'AbortError' || error.unauthorized) return;
      replaceChildren(container, isForbidden(error)
        ? needsAdminState(error, 'Managing API keys')
        : errorState('Could not load the API keys', error, () => {
          replaceChildren(container, loadingState('Loading API keys…'));
          load();
        }));
    }
  }

  function renderList(keys) {
    if (keys.length === 0) {
      replaceChildren(listSlot, h('div', { class: 'state state-empty', 'data-testid': 'no-keys' },
        h('div', { class: 'state-title' }, 'No API keys yet'),
        h('div', { class: 'state-detail' }, 'This browser uses a key fixed when the server started. Create keys for your services here.')));
      return;
    }
    // Active keys first, newest first within each group.
    const sorted = [...keys].sort((a, b) => Number(Boolean(a.revokedAt)) - Number(Boolean(b.revokedAt))
      || Date.parse(b.createdAt) - Date.parse(a.createdAt));
    const column = (label, className) => h('th', { scope: 'col', class: className }, label);
    replaceChildren(listSlot, h('table', { class: 'data-table keys-table', 'data-testid': 'keys-table' },
      h('thead', null, h('tr', null, column('Name'), column('Key'), column('Scopes'), column('Rate limit', 'num'),
        column('Created'), column('Last used'), column('Status'), column(''))),
      h('tbody', null, sorted.map(keyRow))));
    highlight = null;
  }

  function keyRow(info) {
    const own = isThisBrowsersKey(info);
    const revoked = Boolean(info.revokedAt);
    return h('tr', {
      class: ['key-row', revoked && 'is-revoked', own && 'is-own', info.keyId === highlight && 'is-new'],
      dataset: { keyId: info.keyId, prefix: info.prefix },
    },
    h('td', { 'data-col': 'name' }, h('strong', null, info.name),
      own && h('span', { class: 'badge badge-own', 'data-testid': 'own-key', title: 'The key this browser sends with every request' }, 'this browser\'s key')),
    h('td', { 'data-col': 'prefix', class: 'mono nowrap' }, `${info.prefix}…`),
    h('td', { 'data-col': 'scopes' }, info.scopes.map((scope) => h('span', { class: ['chip', 'scope-chip', `scope-${scope}`] }, scope))),
    h('td', { 'data-col': 'rate', class: 'num' }, info.requestsPerSecond == null
      ? h('span', { class: 'muted', title: 'The server\'s default OTLP request limit' }, 'default')
      : `${formatCount(info.requestsPerSecond)}/s`),
    h('td', { 'data-col': 'created', class: 'nowrap num-font', title: formatDateTime(info.createdAt) }, formatDateTime(info.createdAt).slice(0, 16)),
    h('td', { 'data-col': 'last-used', class: 'nowrap', title: info.lastUsedAt ? formatDateTime(info.lastUsedAt) : '' },
      info.lastUsedAt ? formatRelative(info.lastUsedAt) : h('span', { class: 'muted' }, 'never')),
    h('td', { 'data-col': 'status', class: 'nowrap' }, revoked
      ? h('span', { class: 'badge badge-muted', title: formatDateTime(info.revokedAt) }, `revoked ${formatDateTime(info.revokedAt).slice(0, 10)}`)
      : h('span', { class: 'badge badge-ok' }, 'active')),
    h('td', { class: 'actions' }, revoked ? null : revokeControl(info, own)));
  }

  function revokeControl(info, own) {
    const wrap = h('span', { class: 'delete-control' });
    const reset = () => replaceChildren(wrap, h('button', {
      type: 'button', class: 'btn btn-small btn-ghost danger-text', 'data-testid': 'revoke-key',
      'aria-label': `Revoke ${info.name}`, onClick: ask,
    }, 'Revoke'));
    const ask = () => {
      replaceChildren(wrap,
        h('span', { class: 'small confirm-text', 'data-testid': 'revoke-warning' }, own
          ? 'This browser uses this key: revoking it signs you out here.'
          : 'Requests with this key will be refused.'),
        h('button', { type: 'button', class: 'btn btn-small btn-danger', 'data-testid': 'confirm-revoke', onClick: revoke }, `Revoke ${info.name}`),
        h('button', { type: 'button', class: 'btn btn-small', onClick: reset }, 'Keep'));
      wrap.querySelector('.btn-danger').focus();
    };
    async function revoke() {
      for (const button of wrap.querySelectorAll('button')) button.disabled = true;
      try {
        await api.revokeKey(info.keyId, options);
        await load(); // with this browser's own key revoked, this is refused (401) and the key form takes over
      } catch (error) {
        if (error.name === 'AbortError' || error.unauthorized) return;
        replaceChildren(wrap, h('span', { class: 'inline-error small' }, describeError(error)));
      }
    }
    reset();
    return wrap;
  }

  function openForm() {
    newButton.hidden = true;
    const scopeBoxes = KEY_SCOPES.map((scope) => h('label', { class: 'check', title: scope.hint },
      h('input', { type: 'checkbox', name: 'scopes', value: scope.id, checked: scope.id === 'ingest' }),
      ` ${scope.label} `, h('span', { class: 'muted small' }, scope.hint)));
    const fields = {
      name: formField({
        name: 'name', label: 'Name',
        control: h('input', { class: 'input', name: 'name', autocomplete: 'off', placeholder: 'checkout ingest' }),
        hint: 'Says where the key is used, e.g. the service or person.',
      }),
      scopes: checkboxField('scopes', 'Scopes', scopeBoxes, 'Admin includes read and ingest.'),
      requestsPerSecond: formField({
        name: 'requestsPerSecond', label: 'Requests per second (optional)',
        control: h('input', {
          class: 'input', name: 'requestsPerSecond', type: 'number', inputmode: 'numeric', min: 1, max: MAX_REQUESTS_PER_SECOND, step: 1,
        }),
        hint: 'OTLP requests this key may send per second; empty for the server\'s default.',
      }),
    };
    const formError = h('div', { class: 'form-error', role: 'alert', hidden: true });
    const createButton = h('button', { type: 'submit', class: 'btn btn-primary' }, 'Create key');
    const form = h('form', { class: 'panel key-form-panel', novalidate: true, 'aria-labelledby': 'key-form-title', 'data-testid': 'key-form' },
      h('h2', { id: 'key-form-title', class: 'panel-title' }, 'New API key'),
      h('div', { class: 'form-grid' }, Object.values(fields).map((field) => field.element)),
      formError,
      h('div', { class: 'form-actions' }, createButton, h('button', { type: 'button', class: 'btn', onClick: close }, 'Cancel')));
    form.addEventListener('input', (event) => {
      const name = event.target.closest('[data-field]')?.dataset.field;
      fields[name]?.setError(null);
    });
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      formError.hidden = true;
      const name = fields.name.control.value.trim();
      const scopes = scopeBoxes.map((label) => label.querySelector('input')).filter((box) => box.checked).map((box) => box.value);
      const rateText = fields.requestsPerSecond.control.value.trim();
      const rate = Number(rateText);
      const problems = {
        name: !name ? 'is required' : name.length > 200 ? 'must be at most 200 characters' : null,
        scopes: scopes.length === 0 ? 'choose at least one scope' : null,
        requestsPerSecond: rateText !== '' && (!Number.isInteger(rate) || rate < 1 || rate > MAX_REQUESTS_PER_SECOND)
          ? `must be a whole number from 1 to ${formatCount(MAX_REQUESTS_PER_SECOND)}` : null,
      };
      for (const [field, problem] of Object.entries(problems)) fields[field].setError(problem);
      const first = Object.keys(problems).find((field) => problems[field]);
      if (first) {
        fields[first].control.focus();
        return;
      }
      createButton.disabled = true;
      try {
        const created = await api.createKey({ name, scopes, requestsPerSecond: rateText === '' ? null : rate }, options);
        close();
        highlight = created.info.keyId;
        dialog = showKeySecret(created, { onClose: () => { dialog = null; } });
        await load();
      } catch (error) {
        if (error.name === 'AbortError' || error.unauthorized) return;
        const { field, problem } = fieldOfMessage(error.message);
        if (error.status === 400 && fields[field]) {
          fields[field].setError(problem);
          fields[field].control.focus();
        } else {
          formError.hidden = false;
          replaceChildren(formError, `Could not create the key: ${describeError(error)}`);
        }
      } finally {
        createButton.disabled = false;
      }
    });
    replaceChildren(formSlot, form);
    fields.name.control.focus();

    function close() {
      replaceChildren(formSlot);
      newButton.hidden = false;
    }
  }
}

/** A fieldset of checkboxes with an error slot, shaped like formField's answer (`control` is the fieldset). */
function checkboxField(name, legend, boxes, hint) {
  const error = h('div', { class: 'field-error', id: `${name}-set-error`, role: 'alert', hidden: true });
  const control = h('fieldset', {
    class: 'checks checks-column', id: `${name}-set`, tabindex: -1, 'aria-describedby': `${name}-set-hint ${name}-set-error`,
  }, h('legend', { class: 'visually-hidden' }, legend), boxes);
  const element = h('div', { class: 'form-field', dataset: { field: name } },
    h('span', { class: 'form-label', 'aria-hidden': 'true' }, legend), control,
    h('div', { class: 'field-hint', id: `${name}-set-hint` }, hint), error);
  return {
    element,
    control,
    setError(message) {
      error.hidden = !message;
      replaceChildren(error, message ?? '');
      if (message) control.setAttribute('aria-invalid', 'true');
      else control.removeAttribute('aria-invalid');
    },
  };
}
