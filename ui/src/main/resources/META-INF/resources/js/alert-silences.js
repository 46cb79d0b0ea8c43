/**
 * The silences tab: active, pending and expired silences with their matchers, and a form to create one (matcher
 * rows, a duration preset, a comment). #/alerts/silences?new=1&matcher=alertname%3D… opens the form prefilled, as
 * the "Silence…" action of an alert does. A silence mutes notifications only; alerts keep their state.
 */
import { h, replaceChildren } from './dom.js';
import { formatDateTime } from './format.js';
import { parseDuration } from './alert-format.js';
import { fieldOfMessage, radioGroup } from './alert-ui.js';
import { describeError, errorState, loadingState } from './states.js';

const PRESETS = Object.freeze([
  { id: '1h', label: '1h' }, { id: '4h', label: '4h' }, { id: '1d', label: '1 day' }, { id: 'custom', label: 'Custom' },
]);
const OPERATORS = Object.freeze([
  { id: '=', isRegex: false, isEqual: true }, { id: '!=', isRegex: false, isEqual: false },
  { id: '=~', isRegex: true, isEqual: true }, { id: '!~', isRegex: true, isEqual: false },
]);
const STATE_BADGES = { active: 'badge-warn', pending: 'badge-muted', expired: 'badge-muted' };

export function mountSilences(container, { api, route }) {
  const lifetime = new AbortController();
  const options = { signal: lifetime.signal };
  const formSlot = h('div', null);
  const listSlot = h('div', null);
  const newButton = h('button', { type: 'button', class: 'btn btn-primary', 'data-testid': 'new-silence', onClick: () => openForm([]) }, 'New silence');
  replaceChildren(container,
    h('div', { class: 'section-bar' },
      h('p', { class: 'muted' }, 'A silence mutes notifications of the alerts it matches. Their state is still tracked and shown.'),
      h('div', { class: 'toolbar-spacer' }), newButton),
    formSlot, listSlot);
  if (route.params.get('new')) {
    openForm(route.params.getAll('matcher').map((text) => {
      const at = text.indexOf('=');
      return { name: at < 0 ? text : text.slice(0, at), value: at < 0 ? '' : text.slice(at + 1), isRegex: false, isEqual: true };
    }));
  }
  load();
  return { unmount: () => lifetime.abort() };

  async function load() {
    if (!listSlot.firstChild) replaceChildren(listSlot, loadingState('Loading silences…'));
    try {
      const { silences } = await api.listSilences(options);
      renderList(silences);
    } catch (error) {
      if (error.name === 'AbortError' || error.unauthorized) return;
      replaceChildren(listSlot, errorState('Could not load the silences', error, () => load()));
    }
  }

  function renderList(silences) {
    const order = { active: 0, pending: 1, expired: 2 };
    const sorted = [...silences].sort((a, b) => (order[a.state] ?? 3) - (order[b.state] ?? 3) || Date.parse(b.endsAt) - Date.parse(a.endsAt));
    if (sorted.length === 0) {
      replaceChildren(listSlot, h('div', { class: 'state state-empty', 'data-testid': 'no-silences' },
        h('div', { class: 'state-title' }, 'No silences'),
        h('div', { class: 'state-detail' }, 'Silence an alert from the Alerts tab, or create one here.')));
      return;
    }
    const column = (label) => h('th', { scope: 'col' }, label);
    replaceChildren(listSlot, h('table', { class: 'data-table silences-table', 'data-testid': 'silences-table' },
      h('thead', null, h('tr', null, column('State'), column('Matchers'), column('Starts'), column('Ends'), column('Comment'), column(''))),
      h('tbody', null, sorted.map((silence) => h('tr', { class: 'silence-row', dataset: { silenceId: silence.id, state: silence.state } },
        h('td', { 'data-col': 'state' }, h('span', { class: ['badge', STATE_BADGES[silence.state] ?? 'badge-muted'] }, silence.state)),
        h('td', { 'data-col': 'matchers' }, silence.matchers.map((matcher) => h('span', { class: 'chip matcher mono' },
          `${matcher.name}${OPERATORS.find((op) => op.isRegex === matcher.isRegex && op.isEqual === matcher.isEqual)?.id ?? '='}"${matcher.value}"`))),
        h('td', { class: 'nowrap num-font', title: formatDateTime(silence.startsAt) }, formatDateTime(silence.startsAt).slice(0, 16)),
        h('td', { class: 'nowrap num-font', title: formatDateTime(silence.endsAt) }, formatDateTime(silence.endsAt).slice(0, 16),
          silence.state === 'active' && h('div', { class: 'muted small' }, `ends ${relativeFuture(silence.endsAt)}`)),
        h('td', { 'data-col': 'comment' }, silence.comment || h('span', { class: 'muted' }, '—'),
          silence.createdBy && h('div', { class: 'muted small' }, `by ${silence.createdBy}`)),
        h('td', { class: 'actions' }, silence.state !== 'expired' && h('button', {
          type: 'button', class: 'btn btn-small', 'data-testid': 'expire-silence',
          'aria-label': `Expire silence ${silence.matchers.map((matcher) => `${matcher.name} ${matcher.value}`).join(', ')}`,
          onClick: (event) => expire(silence, event.currentTarget),
        }, 'Expire')))))));
  }

  async function expire(silence, button) {
    button.disabled = true;
    try {
      await api.expireSilence(silence.id, options);
      await load();
    } catch (error) {
      if (error.name === 'AbortError' || error.unauthorized) return;
      button.disabled = false;
      button.after(h('div', { class: 'inline-error small', role: 'alert' }, describeError(error)));
    }
  }

  function openForm(matchers) {
    newButton.hidden = true;
    const rows = h('div', { class: 'matcher-rows' });
    const addRow = (matcher = { name: '', value: '', isRegex: false, isEqual: true }) => {
      const op = OPERATORS.find((candidate) => candidate.isRegex === matcher.isRegex && candidate.isEqual === matcher.isEqual) ?? OPERATORS[0];
      const row = h('div', { class: 'matcher-row' },
        h('input', { class: 'input input-mono matcher-name', value: matcher.name, placeholder: 'alertname', 'aria-label': 'Label name', autocomplete: 'off' }),
        h('select', { class: 'select select-narrow matcher-op', 'aria-label': 'Match' },
          OPERATORS.map((candidate) => h('option', { value: candidate.id, selected: candidate === op }, candidate.id))),
        h('input', { class: 'input matcher-value', value: matcher.value, placeholder: 'value', 'aria-label': 'Label value', autocomplete: 'off' }),
        h('button', { type: 'button', class: 'btn btn-ghost btn-icon', 'aria-label': 'Remove this matcher', onClick: () => row.remove() }, '×'));
      rows.append(row);
      return row;
    };
    for (const matcher of matchers.length ? matchers : [undefined]) addRow(matcher);
    const preset = radioGroup({ name: 'silence-duration', legend: 'Duration', options: PRESETS, selected: '1h', onChange: (id) => { customWrap.hidden = id !== 'custom'; } });
    const custom = h('input', { class: 'input input-mono input-duration', value: '2h', id: 'silence-custom', autocomplete: 'off' });
    const customWrap = h('label', { class: 'inline-field', hidden: true, for: 'silence-custom' }, 'for ', custom);
    const comment = h('textarea', { class: 'input textarea', id: 'silence-comment', rows: 2, placeholder: 'Why, e.g. "deploying checkout v2"' });
    const error = h('div', { class: 'form-error', role: 'alert', hidden: true, 'data-testid': 'silence-error' });
    const form = h('form', { class: 'panel silence-form', novalidate: true, 'aria-labelledby': 'silence-form-title', 'data-testid': 'silence-form' },
      h('h2', { id: 'silence-form-title', class: 'panel-title' }, 'New silence'),
      h('fieldset', { class: 'form-section' },
        h('legend', { class: 'form-label' }, 'Matchers (all must match an alert\'s labels)'),
        rows,
        h('button', { type: 'button', class: 'btn btn-small', onClick: () => addRow().querySelector('input').focus() }, '+ Matcher')),
      h('div', { class: 'silence-when' }, preset.element, customWrap),
      h('div', { class: 'form-field form-field-wide' }, h('label', { class: 'form-label', for: 'silence-comment' }, 'Comment'), comment),
      error,
      h('div', { class: 'form-actions' },
        h('button', { type: 'submit', class: 'btn btn-primary' }, 'Create silence'),
        h('button', { type: 'button', class: 'btn', onClick: close }, 'Cancel')));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const body = readForm();
      if (body.problem) {
        showError(body.problem);
        return;
      }
      try {
        await api.createSilence(body, options);
        close();
        await load();
      } catch (failure) {
        if (failure.name === 'AbortError' || failure.unauthorized) return;
        showError(fieldOfMessage(failure.message).field ? failure.message : describeError(failure));
      }
    });
    replaceChildren(formSlot, form);
    (rows.querySelector('.matcher-value:placeholder-shown') ?? comment).focus();

    function readForm() {
      const list = [...rows.children].map((row) => {
        const op = OPERATORS.find((candidate) => candidate.id === row.querySelector('.matcher-op').value);
        return { name: row.querySelector('.matcher-name').value.trim(), value: row.querySelector('.matcher-value').value, isRegex: op.isRegex, isEqual: op.isEqual };
      }).filter((matcher) => matcher.name || matcher.value);
      if (list.length === 0) return { problem: 'matchers: add at least one matcher' };
      const unnamed = list.findIndex((matcher) => !matcher.name);
      if (unnamed >= 0) return { problem: `matchers[${unnamed}].name: is required` };
      const choice = preset.value();
      const millis = parseDuration(choice === 'custom' ? custom.value : choice);
      if (!(millis > 0)) return { problem: 'duration: must be a duration such as 30m, 2h or 3d' };
      const now = Date.now();
      return { matchers: list, startsAt: new Date(now).toISOString(), endsAt: new Date(now + millis).toISOString(), comment: comment.value.trim() };
    }

    function showError(message) {
      error.hidden = false;
      replaceChildren(error, message);
    }

    function close() {
      replaceChildren(formSlot);
      newButton.hidden = false;
      if (route.params.get('new')) window.history.replaceState(null, '', '#/alerts/silences');
    }
  }
}

function relativeFuture(iso) {
  const minutes = Math.round((Date.parse(iso) - Date.now()) / 60_000);
  if (minutes < 1) return 'in under a minute';
  if (minutes < 120) return `in ${minutes}m`;
  if (minutes < 48 * 60) return `in ${Math.round(minutes / 60)}h`;
  return `in ${Math.round(minutes / 1440)}d`;
}
