/**
 * The alerts tab: current alert instances, firing first, with their group, value against the threshold, since when,
 * a silenced marker, a link to the matching traces and a "Silence…" action prefilled with the alert's labels.
 */
import { h, replaceChildren } from './dom.js';
import { formatDateTime, formatRelative } from './format.js';
import { formatMetricValue, groupText, stateRank } from './alert-format.js';
import { groupChips, safeHref, severityBadge, stateBadge } from './alert-ui.js';
import { errorState, loadingState } from './states.js';

/** Labels that identify an alert but make poor silence matchers (a silence should outlive a rule's id). */
const SKIPPED_MATCHER_LABELS = new Set(['rule_id', 'severity']);

export function mountActiveAlerts(container, { api }) {
  const lifetime = new AbortController();
  load();
  return { unmount: () => lifetime.abort() };

  async function load() {
    replaceChildren(container, loadingState('Loading alerts…'));
    try {
      const [{ alerts }, ruleAnswer] = await Promise.all([
        api.listAlerts({}, { signal: lifetime.signal }),
        api.listRules({ signal: lifetime.signal }).catch(() => ({ rules: [] })),
      ]);
      render(alerts, new Map((ruleAnswer.rules ?? []).map((rule) => [rule.id, rule])));
    } catch (error) {
      if (error.name === 'AbortError' || error.unauthorized) return;
      replaceChildren(container, errorState('Could not load the alerts', error, () => load()));
    }
  }

  function render(alerts, rules) {
    const shown = alerts.filter((alert) => alert.state !== 'inactive')
      .sort((a, b) => stateRank(a.state) - stateRank(b.state) || Date.parse(b.since) - Date.parse(a.since));
    if (shown.length === 0) {
      replaceChildren(container, h('div', { class: 'state state-empty', 'data-testid': 'no-alerts' },
        h('div', { class: 'state-title' }, 'All clear'),
        h('div', { class: 'state-detail' }, 'No alert is firing or pending.')));
      return;
    }
    const column = (label, className) => h('th', { scope: 'col', class: className }, label);
    replaceChildren(container,
      h('div', { class: 'list-status', 'aria-live': 'polite' },
        `${shown.filter((alert) => alert.state === 'firing').length} firing · ${shown.length} active`,
        h('button', { type: 'button', class: 'btn btn-small', onClick: () => load() }, 'Refresh')),
      h('table', { class: 'data-table alerts-table', 'data-testid': 'alerts-table' },
        h('thead', null, h('tr', null,
          column('State'), column('Alert'), column('Value', 'num'), column('Threshold', 'num'), column('Since'),
          column('Severity'), column('Actions'))),
        h('tbody', null, shown.map((alert) => alertRow(alert, rules.get(alert.ruleId))))));
  }

  function alertRow(alert, rule) {
    const values = alert.values ?? {};
    const traces = safeHref(alert.url);
    return h('tr', {
      class: ['alert-row', `alert-${alert.state}`], dataset: { ruleId: alert.ruleId, state: alert.state, group: groupText(alert.group) },
    },
    h('td', { 'data-col': 'state' }, stateBadge(alert.state),
      alert.silenced && h('span', { class: 'badge badge-muted silenced', title: 'Notifications are silenced; the state is still tracked' }, 'silenced')),
    h('td', { 'data-col': 'alert' },
      h('a', { class: 'rule-link', href: `#/alerts/rules/${encodeURIComponent(alert.ruleId)}` }, alert.ruleName),
      h('div', null, groupChips(alert.group)),
      alert.annotations?.summary && h('div', { class: 'muted small' }, alert.annotations.summary)),
    h('td', { class: 'num', 'data-col': 'value' }, valueText(alert, rule, values.value ?? values.spent_usd ?? values.to_model)),
    h('td', { class: 'num muted', 'data-col': 'threshold' }, valueText(alert, rule, values.threshold ?? values.budget_usd)),
    h('td', { class: 'nowrap', 'data-col': 'since', title: formatDateTime(alert.since) }, formatRelative(alert.since)),
    h('td', { 'data-col': 'severity' }, severityBadge(alert.severity)),
    h('td', { class: 'nowrap actions', 'data-col': 'actions' },
      traces && h('a', { class: 'btn btn-small', href: traces }, 'Traces'),
      h('a', { class: 'btn btn-small', href: silenceHref(alert.labels), 'data-testid': 'silence-alert' }, 'Silence…'),
      alert.annotations?.runbook_url && safeHref(alert.annotations.runbook_url)
        && h('a', { class: 'btn btn-small btn-ghost', href: safeHref(alert.annotations.runbook_url), target: '_blank', rel: 'noopener noreferrer' }, 'Runbook')));
  }
}

/** The alert's value formatted for its metric; raw API text when the metric is unknown. */
function valueText(alert, rule, raw) {
  if (raw == null || raw === '') return '—';
  const number = Number(raw);
  if (!Number.isFinite(number)) return String(raw);
  if (alert.kind === 'budget') return `$${number.toFixed(2)}`;
  return rule?.metric ? formatMetricValue(rule.metric, number) : String(raw);
}

/** #/alerts/silences?new=1&matcher=alertname%3D… with the alert's identifying labels. */
export function silenceHref(labels) {
  const params = new URLSearchParams({ new: '1' });
  for (const [name, value] of Object.entries(labels ?? {})) {
    if (!SKIPPED_MATCHER_LABELS.has(name)) params.append('matcher', `${name}=${value}`);
  }
  return `#/alerts/silences?${params}`;
}
