/**
 * The history tab: a timeline of alert events, newest first — state transitions and notification delivery attempts
 * (failures in red) — filterable by rule (#/alerts/history?rule=<id>), paged with the API's `next` cursor.
 */
import { h, replaceChildren } from './dom.js';
import { formatDateTime, formatRelative } from './format.js';
import { formatMetricValue } from './alert-format.js';
import { groupChips, stateBadge } from './alert-ui.js';
import { buildHash, replaceHash } from './router.js';
import { describeError, errorState, loadingState } from './states.js';
import { toolbarField } from './toolbar.js';

const PAGE_SIZE = 50;

export function mountAlertHistory(container, { api, route }) {
  const lifetime = new AbortController();
  const options = { signal: lifetime.signal };
  let ruleId = route.params.get('rule') ?? '';
  let generation = 0;
  let rules = new Map();
  const ruleSelect = h('select', { class: 'select', 'data-filter': 'rule' }, h('option', { value: '' }, 'All rules'));
  const list = h('ol', { class: 'timeline', 'data-testid': 'history', 'aria-label': 'Alert events, newest first' });
  const footer = h('div', { class: 'list-footer' });
  const body = h('div', null);
  ruleSelect.addEventListener('change', () => {
    ruleId = ruleSelect.value;
    replaceHash(buildHash('/alerts/history', { rule: ruleId }));
    load();
  });
  replaceChildren(container,
    h('div', { class: 'toolbar', role: 'toolbar', 'aria-label': 'History filters' },
      toolbarField('Rule', ruleSelect),
      h('div', { class: 'toolbar-spacer' }),
      h('button', { type: 'button', class: 'btn', onClick: () => load() }, 'Refresh')),
    body);
  loadRules();
  load();
  return { unmount: () => lifetime.abort() };

  async function loadRules() {
    try {
      const answer = await api.listRules(options);
      rules = new Map(answer.rules.map((rule) => [rule.id, rule]));
      const ids = new Set(answer.rules.map((rule) => rule.id));
      replaceChildren(ruleSelect, h('option', { value: '' }, 'All rules'),
        answer.rules.map((rule) => h('option', { value: rule.id }, rule.name)),
        ruleId && !ids.has(ruleId) && h('option', { value: ruleId }, ruleId));
      ruleSelect.value = ruleId;
    } catch {
      // The filter keeps its "All rules" entry; the timeline still loads.
    }
  }

  async function load(cursor = null) {
    const myGeneration = cursor ? generation : ++generation;
    if (!cursor) replaceChildren(body, loadingState('Loading alert history…'));
    try {
      const answer = await api.alertEvents({ rule: ruleId || undefined, limit: PAGE_SIZE, cursor }, options);
      if (myGeneration !== generation) return;
      if (!cursor) {
        replaceChildren(list);
        replaceChildren(body, answer.events.length === 0
          ? h('div', { class: 'state state-empty', 'data-testid': 'no-history' },
            h('div', { class: 'state-title' }, 'No alert events'),
            h('div', { class: 'state-detail' }, 'State changes and notifications of your rules show up here.'))
          : [list, footer]);
      }
      list.append(...answer.events.map(eventItem));
      replaceChildren(footer, answer.next
        ? h('button', { type: 'button', class: 'btn', 'data-testid': 'history-more', onClick: (event) => {
          event.currentTarget.disabled = true;
          load(answer.next);
        } }, 'Load older events')
        : h('span', { class: 'muted' }, 'Start of the history.'));
    } catch (error) {
      if (error.name === 'AbortError' || error.unauthorized || myGeneration !== generation) return;
      if (cursor) replaceChildren(footer, h('span', { class: 'inline-error' }, `Could not load more: ${describeError(error)}`));
      else replaceChildren(body, errorState('Could not load the alert history', error, () => load()));
    }
  }

  function eventItem(event) {
    const time = h('time', { class: 'event-time num-font', datetime: event.at, title: formatDateTime(event.at) },
      formatDateTime(event.at).slice(0, 19), h('span', { class: 'muted small' }, ` · ${formatRelative(event.at)}`));
    const rule = h('a', { class: 'rule-link', href: `#/alerts/rules/${encodeURIComponent(event.ruleId)}` }, event.ruleName ?? event.ruleId);
    if (event.type === 'delivery') {
      const failed = event.status !== 'ok';
      return h('li', { class: ['event', 'event-delivery', failed && 'is-failed'], dataset: { type: 'delivery', status: event.status ?? '' } },
        time,
        h('div', { class: 'event-body' },
          h('span', { class: ['badge', failed ? 'badge-error' : 'badge-muted'] }, failed ? 'delivery failed' : 'delivered'),
          ' ', event.notification ?? 'notification', ' of ', rule, ' to ',
          h('strong', null, event.channelName ?? event.channelId),
          event.attempt > 1 && h('span', { class: 'muted' }, ` · attempt ${event.attempt}`),
          event.httpStatus != null && h('span', { class: 'muted' }, ` · HTTP ${event.httpStatus}`),
          groupChips(event.group) && h('div', null, groupChips(event.group)),
          event.error && h('div', { class: 'event-error' }, event.error)));
    }
    const metric = rules.get(event.ruleId)?.metric;
    return h('li', { class: ['event', 'event-transition', `to-${event.to}`], dataset: { type: 'transition', to: event.to ?? '' } },
      time,
      h('div', { class: 'event-body' },
        rule, ' ',
        stateBadge(event.from), h('span', { class: 'arrow', 'aria-label': 'to' }, ' → '), stateBadge(event.to),
        event.value != null && h('span', { class: 'muted' }, ` at ${metric ? formatMetricValue(metric, event.value) : event.value}`),
        groupChips(event.group) && h('div', null, groupChips(event.group))));
  }
}
