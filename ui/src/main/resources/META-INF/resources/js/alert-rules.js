/**
 * The rules tab: one row per rule with its state, kind, condition, a sparkline of its metric over the last 24 h
 * against the threshold (from the rule's backtest, loaded when the row scrolls into view, three at a time) and its
 * firing count. Rules defined in a file are marked read-only.
 */
import { h, replaceChildren } from './dom.js';
import { formatCount, formatRelative, instantMillis } from './format.js';
import { RULE_KINDS, conditionText, formatMetricValue, groupText, scopeText, stateRank } from './alert-format.js';
import { severityBadge, stateBadge } from './alert-ui.js';
import { describeError, errorState, loadingState } from './states.js';
import { sparkline } from './svg-chart.js';
import { taskPool } from './task-pool.js';

const SPARKLINE_CONCURRENCY = 3;

export function mountRuleList(container, { api, route }) {
  const lifetime = new AbortController();
  const pool = taskPool(SPARKLINE_CONCURRENCY);
  const observer = 'IntersectionObserver' in window
    ? new IntersectionObserver((entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        observer.unobserve(entry.target);
        entry.target.loadSparkline?.();
      }
    }, { rootMargin: '200px' })
    : null;
  const highlighted = route.params.get('saved');

  load();
  return {
    unmount: () => {
      lifetime.abort();
      pool.clear();
      observer?.disconnect();
    },
  };

  async function load() {
    replaceChildren(container, loadingState('Loading alert rules…'));
    try {
      const { rules } = await api.listRules({ signal: lifetime.signal });
      render(rules);
    } catch (error) {
      if (error.name === 'AbortError' || error.unauthorized) return;
      replaceChildren(container, errorState('Could not load the alert rules', error, () => load()));
    }
  }

  function render(rules) {
    if (rules.length === 0) {
      replaceChildren(container, h('div', { class: 'state state-empty', 'data-testid': 'no-rules' },
        h('div', { class: 'state-title' }, 'No alert rules yet'),
        h('div', { class: 'state-detail' },
          'A rule watches a metric of your LLM calls (latency, errors, cost, drift, model swaps, budgets) and notifies your channels.'),
        h('a', { class: 'btn btn-primary', href: '#/alerts/new' }, 'Create a rule')));
      return;
    }
    const sorted = [...rules].sort((a, b) => stateRank(a.state) - stateRank(b.state) || a.name.localeCompare(b.name));
    const column = (label, className) => h('th', { scope: 'col', class: className }, label);
    replaceChildren(container, h('table', { class: 'data-table rules-table', 'data-testid': 'rules-table' },
      h('thead', null, h('tr', null,
        column('State'), column('Rule'), column('Kind'), column('Condition'), column('Last 24 h'),
        column('Firing', 'num'), column('Severity'), column('Evaluated'))),
      h('tbody', null, sorted.map(ruleRow))));
  }

  function ruleRow(rule) {
    const chartCell = h('td', { class: 'sparkline-cell', 'data-col': 'sparkline' },
      h('span', { class: 'sparkline-placeholder muted small' }, '…'));
    const row = h('tr', {
      class: ['rule-row', rule.id === highlighted && 'is-new', rule.enabled === false && 'is-disabled'],
      dataset: { ruleId: rule.id, state: rule.state ?? '' },
    },
    h('td', { 'data-col': 'state' }, stateBadge(rule.state), rule.enabled === false && h('div', { class: 'muted small' }, 'disabled')),
    h('td', { 'data-col': 'name' },
      h('a', { class: 'rule-link', href: `#/alerts/rules/${encodeURIComponent(rule.id)}` }, rule.name),
      (rule.readOnly || rule.source === 'file') && h('span', {
        class: 'badge badge-muted read-only', title: 'Defined in a rules file on the server; edit the file to change it',
      }, 'file · read-only'),
      scopeText(rule) && h('div', { class: 'muted small' }, scopeText(rule)),
      rule.lastError && h('div', { class: 'inline-error small' }, rule.lastError)),
    h('td', { 'data-col': 'kind' }, RULE_KINDS.find((kind) => kind.id === rule.kind)?.label ?? rule.kind),
    h('td', { 'data-col': 'condition' }, conditionText(rule)),
    chartCell,
    h('td', { class: ['num', rule.firing > 0 && 'has-errors'], 'data-col': 'firing' },
      formatCount(rule.firing ?? 0), rule.pending > 0 && h('div', { class: 'muted small' }, `${formatCount(rule.pending)} pending`)),
    h('td', { 'data-col': 'severity' }, severityBadge(rule.severity)),
    h('td', { class: 'muted small nowrap', 'data-col': 'evaluated', title: rule.lastEvaluatedAt ?? '' },
      rule.lastEvaluatedAt ? formatRelative(rule.lastEvaluatedAt) : 'not yet'));
    row.loadSparkline = () => pool.run(() => loadSparkline(rule, chartCell));
    if (observer) observer.observe(row);
    else row.loadSparkline();
    return row;
  }

  async function loadSparkline(rule, cell) {
    if (lifetime.signal.aborted) return;
    try {
      const answer = await api.backtestRule(rule.id, {}, { signal: lifetime.signal });
      replaceChildren(cell, ruleSparkline(rule, answer));
      cell.dataset.loaded = 'true';
    } catch (error) {
      if (error.name === 'AbortError' || error.unauthorized) return;
      replaceChildren(cell, h('span', { class: 'inline-error small', title: describeError(error) }, 'no preview'));
    }
  }
}

/** The sparkline of the series that came closest to firing (or of the only one), with its firings shaded. */
export function ruleSparkline(rule, answer) {
  const from = instantMillis(answer.from);
  const to = instantMillis(answer.to);
  const series = answer.series ?? [];
  if (series.length === 0 || series.every((line) => line.points.every((point) => point.value == null))) {
    return h('span', { class: 'muted small' }, 'no data');
  }
  const peak = (line) => Math.max(...line.points.map((point) => point.value ?? -Infinity));
  const line = series.reduce((best, candidate) => (peak(candidate) > peak(best) ? candidate : best));
  const key = JSON.stringify(line.group ?? {});
  const firings = (answer.firings ?? []).filter((firing) => JSON.stringify(firing.group ?? {}) === key
    || (rule.kind === 'swap'));
  const last = [...line.points].reverse().find((point) => point.value != null);
  const label = `${groupText(line.group) || rule.name}: last ${formatMetricValue(rule.metric, last?.value)}`
    + (answer.threshold != null ? ` against ${formatMetricValue(rule.metric, answer.threshold)}` : '')
    + `; fired ${formatCount(answer.fired ?? 0)} times in 24 h`;
  return h('div', { class: 'sparkline-wrap', title: label },
    sparkline({
      points: line.points.map((point) => ({ t: instantMillis(point.at), v: point.value })),
      from, to, threshold: answer.threshold, warnThreshold: answer.warnThreshold, label,
      bands: firings.map((firing) => ({ from: instantMillis(firing.firedAt), to: firing.resolvedAt ? instantMillis(firing.resolvedAt) : to })),
    }),
    h('span', { class: 'sparkline-note muted small' },
      series.length > 1 ? `${groupText(line.group)} · ${formatCount(answer.fired ?? 0)}×` : `${formatCount(answer.fired ?? 0)}×`));
}
