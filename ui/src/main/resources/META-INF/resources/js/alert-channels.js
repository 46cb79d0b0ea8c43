/**
 * The channels tab: where notifications go (webhook, Slack, PagerDuty), each with its delivery status — failing
 * channels in red with their last error — a "Send test" button showing the result, and delete. The create form
 * asks per type: webhook URL and an optional signing secret (generated when left empty and shown once), Slack
 * webhook URL, PagerDuty routing key and an optional events URL.
 */
import { h, replaceChildren } from './dom.js';
import { formatDateTime, formatRelative } from './format.js';
import { fieldOfMessage, formField } from './alert-ui.js';
import { describeError, errorState, loadingState } from './states.js';

const TYPES = Object.freeze([
  { id: 'webhook', label: 'Webhook' }, { id: 'slack', label: 'Slack' }, { id: 'pagerduty', label: 'PagerDuty' },
]);

export function mountChannels(container, { api }) {
  const lifetime = new AbortController();
  const options = { signal: lifetime.signal };
  const formSlot = h('div', null);
  const secretSlot = h('div', { 'aria-live': 'polite' });
  const listSlot = h('div', null);
  const newButton = h('button', { type: 'button', class: 'btn btn-primary', 'data-testid': 'new-channel', onClick: openForm }, 'New channel');
  replaceChildren(container,
    h('div', { class: 'section-bar' },
      h('p', { class: 'muted' }, 'Rules notify these channels when an alert fires or resolves. Three failed deliveries in a row mark a channel failing.'),
      h('div', { class: 'toolbar-spacer' }), newButton),
    secretSlot, formSlot, listSlot);
  load();
  return { unmount: () => lifetime.abort() };

  async function load() {
    if (!listSlot.firstChild) replaceChildren(listSlot, loadingState('Loading channels…'));
    try {
      const { channels } = await api.listChannels(options);
      renderList(channels);
    } catch (error) {
      if (error.name === 'AbortError' || error.unauthorized) return;
      replaceChildren(listSlot, errorState('Could not load the channels', error, () => load()));
    }
  }

  function renderList(channels) {
    if (channels.length === 0) {
      replaceChildren(listSlot, h('div', { class: 'state state-empty', 'data-testid': 'no-channels' },
        h('div', { class: 'state-title' }, 'No channels yet'),
        h('div', { class: 'state-detail' }, 'Add a webhook, Slack or PagerDuty channel, then pick it in your rules.')));
      return;
    }
    const column = (label) => h('th', { scope: 'col' }, label);
    replaceChildren(listSlot, h('table', { class: 'data-table channels-table', 'data-testid': 'channels-table' },
      h('thead', null, h('tr', null, column('Channel'), column('Type'), column('Destination'), column('Status'), column('Last attempt'), column(''))),
      h('tbody', null, channels.map(channelRow))));
  }

  function channelRow(channel) {
    const failing = channel.status === 'failing';
    const result = h('div', { class: 'test-result', 'aria-live': 'polite', 'data-testid': 'test-result' });
    return h('tr', { class: ['channel-row', failing && 'is-failing'], dataset: { channelId: channel.id, status: channel.status ?? '' } },
      h('td', { 'data-col': 'name' }, h('strong', null, channel.name),
        h('div', { class: 'muted small mono' }, channel.id)),
      h('td', { 'data-col': 'type' }, TYPES.find((type) => type.id === channel.type)?.label ?? channel.type),
      h('td', { 'data-col': 'url', class: 'channel-url' }, h('span', { class: 'mono small' }, destination(channel.url)),
        channel.hasSecret && h('div', { class: 'muted small' }, channel.type === 'pagerduty' ? 'routing key set' : 'signed (secret set)')),
      h('td', { 'data-col': 'status' },
        h('span', { class: ['badge', failing ? 'badge-error' : 'badge-ok'] }, failing ? 'failing' : 'ok'),
        failing && channel.consecutiveFailures > 0 && h('span', { class: 'muted small' }, ` ${channel.consecutiveFailures} failures in a row`),
        channel.lastError && h('div', { class: ['small', failing ? 'inline-error' : 'muted'], 'data-col': 'last-error' }, channel.lastError)),
      h('td', { class: 'nowrap muted small', title: channel.lastAttemptAt ? formatDateTime(channel.lastAttemptAt) : '' },
        channel.lastAttemptAt ? formatRelative(channel.lastAttemptAt) : 'never'),
      h('td', { class: 'actions' },
        h('div', { class: 'action-row' },
          h('button', {
            type: 'button', class: 'btn btn-small', 'data-testid': 'send-test', 'aria-label': `Send a test notification to ${channel.name}`,
            onClick: (event) => sendTest(channel, event.currentTarget, result),
          }, 'Send test'),
          deleteControl(channel)),
        result));
  }

  async function sendTest(channel, button, result) {
    button.disabled = true;
    replaceChildren(result, h('span', { class: 'muted small' }, 'Sending…'));
    try {
      const answer = await api.testChannel(channel.id, options);
      const ok = answer.status === 'ok';
      result.dataset.status = answer.status;
      replaceChildren(result, h('span', { class: ['small', ok ? 'test-ok' : 'inline-error'] },
        ok ? `✓ Delivered${answer.httpStatus ? ` (HTTP ${answer.httpStatus})` : ''}`
          : `✗ Failed${answer.httpStatus ? ` (HTTP ${answer.httpStatus})` : ''}: ${answer.error ?? 'no detail'}`));
    } catch (error) {
      if (error.name === 'AbortError' || error.unauthorized) return;
      result.dataset.status = 'error';
      replaceChildren(result, h('span', { class: 'inline-error small' }, `Could not send: ${describeError(error)}`));
    } finally {
      button.disabled = false;
    }
  }

  function deleteControl(channel) {
    const wrap = h('span', { class: 'delete-control' });
    const reset = () => replaceChildren(wrap, h('button', {
      type: 'button', class: 'btn btn-small btn-ghost danger-text', 'aria-label': `Delete ${channel.name}`, onClick: ask,
    }, 'Delete'));
    const ask = () => {
      replaceChildren(wrap,
        h('button', { type: 'button', class: 'btn btn-small btn-danger', 'data-testid': 'confirm-delete', onClick: remove }, `Delete ${channel.name}`),
        h('button', { type: 'button', class: 'btn btn-small', onClick: reset }, 'Keep'));
      wrap.querySelector('button').focus();
    };
    async function remove() {
      try {
        await api.deleteChannel(channel.id, options);
        await load();
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
    replaceChildren(secretSlot);
    const typeSelect = h('select', { class: 'select', name: 'type' }, TYPES.map((type) => h('option', { value: type.id }, type.label)));
    const fields = {
      name: formField({ name: 'name', label: 'Name', control: h('input', { class: 'input', name: 'name', autocomplete: 'off', placeholder: 'ops webhook' }) }),
      type: formField({ name: 'type', label: 'Type', control: typeSelect }),
      url: formField({ name: 'url', label: 'URL', control: h('input', { class: 'input input-mono', name: 'url', type: 'url', autocomplete: 'off' }), wide: true }),
      secret: formField({ name: 'secret', label: 'Secret', control: h('input', { class: 'input input-mono', name: 'secret', autocomplete: 'off' }), wide: true }),
    };
    const error = h('div', { class: 'form-error', role: 'alert', hidden: true });
    const form = h('form', { class: 'panel channel-form', novalidate: true, 'aria-labelledby': 'channel-form-title', 'data-testid': 'channel-form' },
      h('h2', { id: 'channel-form-title', class: 'panel-title' }, 'New channel'),
      h('div', { class: 'form-grid' }, Object.values(fields).map((field) => field.element)),
      error,
      h('div', { class: 'form-actions' },
        h('button', { type: 'submit', class: 'btn btn-primary' }, 'Create channel'),
        h('button', { type: 'button', class: 'btn', onClick: close }, 'Cancel')));
    const byType = () => {
      const type = typeSelect.value;
      const set = (field, label, hint, placeholder) => {
        fields[field].element.querySelector('.form-label').textContent = label;
        fields[field].control.placeholder = placeholder;
        let hintElement = fields[field].element.querySelector('.field-hint');
        if (!hintElement) {
          hintElement = h('div', { class: 'field-hint', id: `${fields[field].control.id}-hint` });
          fields[field].element.querySelector('.field-error').before(hintElement);
          fields[field].control.setAttribute('aria-describedby', `${hintElement.id} ${fields[field].control.id}-error`);
        }
        hintElement.textContent = hint;
      };
      if (type === 'webhook') {
        set('url', 'URL', 'Boxscore POSTs a JSON body here.', 'https://hooks.example.com/alerts');
        set('secret', 'Signing secret (optional)', 'Signs each body as X-Boxscore-Signature-256. Leave empty to have one generated; it is shown once.', '');
      } else if (type === 'slack') {
        set('url', 'Slack incoming webhook URL', 'From your Slack app\'s Incoming Webhooks page.', 'https://hooks.slack.com/services/…');
      } else {
        set('secret', 'Routing key', 'The integration key of your PagerDuty service (Events API v2).', '');
        set('url', 'Events URL (optional)', 'Leave empty for https://events.pagerduty.com/v2/enqueue.', 'https://events.pagerduty.com/v2/enqueue');
      }
      fields.secret.element.hidden = type === 'slack';
      for (const field of Object.values(fields)) field.setError(null);
    };
    typeSelect.addEventListener('change', byType);
    byType();
    form.addEventListener('input', (event) => {
      const name = event.target.closest('[data-field]')?.dataset.field;
      if (name) fields[name]?.setError(null);
    });
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      error.hidden = true;
      const type = typeSelect.value;
      const body = { name: fields.name.control.value.trim(), type, url: fields.url.control.value.trim() || undefined };
      if (type !== 'slack' && fields.secret.control.value.trim()) body.secret = fields.secret.control.value.trim();
      const problems = {};
      if (!body.name) problems.name = 'is required';
      if (type !== 'pagerduty' && !body.url) problems.url = 'is required';
      else if (body.url && !/^https?:\/\/\S+$/i.test(body.url)) problems.url = 'must be an http or https URL';
      if (type === 'pagerduty' && !body.secret) problems.secret = 'the routing key is required';
      for (const [name, field] of Object.entries(fields)) field.setError(problems[name] ?? null);
      const first = Object.keys(fields).find((name) => problems[name]);
      if (first) {
        fields[first].control.focus();
        return;
      }
      try {
        const created = await api.createChannel(body, options);
        close();
        if (created.secret && !body.secret) showSecret(created);
        await load();
      } catch (failure) {
        if (failure.name === 'AbortError' || failure.unauthorized) return;
        const { field, problem } = fieldOfMessage(failure.message);
        if (failure.status === 400 && fields[field]) {
          fields[field].setError(problem);
          fields[field].control.focus();
        } else {
          error.hidden = false;
          replaceChildren(error, `Could not create the channel: ${describeError(failure)}`);
        }
      }
    });
    replaceChildren(formSlot, form);
    fields.name.control.focus();

    function close() {
      replaceChildren(formSlot);
      newButton.hidden = false;
    }
  }

  /** The generated webhook secret: shown once, right after creation, with a copy button. */
  function showSecret(channel) {
    const value = h('code', { class: 'secret-value', 'data-testid': 'channel-secret' }, channel.secret);
    const copied = h('span', { class: 'muted small', 'aria-live': 'polite' });
    replaceChildren(secretSlot, h('div', { class: 'notice notice-secret', role: 'status' },
      h('strong', null, `Signing secret of ${channel.name}`),
      h('p', null, 'Copy it now: it is not shown again. Verify each delivery\'s X-Boxscore-Signature-256 header (HMAC-SHA256 of the raw body) with it.'),
      h('div', { class: 'secret-row' }, value,
        h('button', {
          type: 'button', class: 'btn btn-small', onClick: async () => {
            try {
              await navigator.clipboard.writeText(channel.secret);
              copied.textContent = 'Copied';
            } catch {
              copied.textContent = 'Select the text and copy it';
            }
          },
        }, 'Copy'),
        copied,
        h('button', { type: 'button', class: 'btn btn-small btn-ghost', onClick: () => replaceChildren(secretSlot) }, 'Done'))));
  }
}

/** The URL without its path secrets: "https://hooks.slack.com/…" keeps only the origin and the first path part. */
function destination(url) {
  try {
    const parsed = new URL(url);
    const first = parsed.pathname.split('/').filter(Boolean)[0];
    return `${parsed.origin}${first ? `/${first}` : ''}${parsed.pathname.split('/').filter(Boolean).length > 1 ? '/…' : ''}`;
  } catch {
    return url ?? '—';
  }
}
