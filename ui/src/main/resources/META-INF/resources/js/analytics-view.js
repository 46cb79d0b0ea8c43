/**
 * Analytics dashboard: cost, calls, tokens, errors and latency of LLM calls over a time range, grouped by model,
 * service or prompt version and filtered by service, model, provider and prompt version. Tiles for the totals,
 * charts over time per group, a table per group; a model or service links to its traces.
 */
import { scoresText } from './score-figures.js';
import { h, replaceChildren } from './dom.js';
import { formatCost, formatCount, formatDuration, formatPercent, formatStartTime } from './format.js';
import { buildHash, replaceHash } from './router.js';
import { describeError, errorState, loadingState } from './states.js';
import { ANALYTICS_RANGES, TOTALS_BUCKET, analyticsBounds, analyticsRange } from './analytics-range.js';
import { groupKey, summarize, summarizeByGroup } from './metrics-rollup.js';
import { SERIES_COLORS, chartLegend, lineChart } from './svg-chart.js';
import { costFigure, durationFigure, tokensFigure } from './usage-figures.js';
import { fillOptions, filterSelect, segmented, toolbarField } from './toolbar.js';

/** What the table and charts can be grouped by (metrics API dimension names). */
export const GROUPINGS = Object.freeze([
  { id: 'model', label: 'Model' },
  { id: 'service', label: 'Service' },
  { id: 'prompt_version', label: 'Prompt version' },
]);
const FILTERS = Object.freeze([
  { name: 'service', label: 'Service', all: 'All services' },
  { name: 'model', label: 'Model', all: 'All models' },
  { name: 'provider', label: 'Provider', all: 'All providers' },
  { name: 'prompt_version', label: 'Prompt version', all: 'All versions' },
]);
const MAX_CHART_SERIES = SERIES_COLORS;

/** Mounts the dashboard into `container`; returns `{unmount()}`. */
export function mountAnalytics(container, { api, route }) {
  const params = route.params;
  const state = {
    range: analyticsRange(params.get('range')).id,
    group: GROUPINGS.some((grouping) => grouping.id === params.get('group')) ? params.get('group') : 'model',
    filters: Object.fromEntries(FILTERS.map((filter) => [filter.name, params.get(filter.name) ?? ''])),
  };
  const lifetime = new AbortController();
  let generation = 0;

  const statusLine = h('div', { class: 'list-status', 'aria-live': 'polite' });
  const optionsError = h('div', { class: 'inline-error toolbar-error', role: 'alert' });
  const body = h('div', { class: 'analytics-body' });
  const selects = Object.fromEntries(FILTERS.map((filter) => {
    const select = filterSelect(filter.name, filter.all, state.filters[filter.name]);
    select.addEventListener('change', () => {
      state.filters[filter.name] = select.value;
      changed({ reloadOptions: false });
    });
    return [filter.name, select];
  }));
  const rangePicker = segmented({
    name: 'range', label: 'Time range', selected: state.range, options: ANALYTICS_RANGES,
    onSelect: (id) => { state.range = id; changed({ reloadOptions: true }); },
  });
  const groupPicker = segmented({
    name: 'group', label: 'Group by', selected: state.group, options: GROUPINGS,
    onSelect: (id) => { state.group = id; changed({ reloadOptions: false }); },
  });

  replaceChildren(container, h('section', { class: 'page analytics-page', 'aria-labelledby': 'analytics-title' },
    h('div', { class: 'page-header' },
      h('h1', { id: 'analytics-title', class: 'page-title' }, 'Analytics'),
      statusLine),
    h('div', { class: 'toolbar', role: 'toolbar', 'aria-label': 'Analytics range, grouping and filters' },
      rangePicker.element,
      groupPicker.element,
      FILTERS.map((filter) => toolbarField(filter.label, selects[filter.name])),
      h('div', { class: 'toolbar-spacer' }),
      h('button', { type: 'button', class: 'btn', onClick: () => load() }, 'Refresh'),
      optionsError),
    body));

  document.title = 'Analytics · Boxscore';
  rememberAddress();
  loadOptions();
  load();
  return { unmount: () => lifetime.abort() };

  function changed({ reloadOptions }) {
    rememberAddress();
    if (reloadOptions) loadOptions();
    load();
  }

  function rememberAddress() {
    replaceHash(buildHash('/analytics', { range: state.range, group: state.group, ...state.filters }));
  }

  /** Filter values with LLM calls in the range, from the metrics themselves (a total per day; usage only: no quantiles). */
  async function loadOptions() {
    try {
      const { from, to } = analyticsBounds(state.range);
      const answer = await api.metrics({
        from, to, bucket: TOTALS_BUCKET, group_by: FILTERS.map((filter) => filter.name).join(','), fields: 'usage',
      }, { signal: lifetime.signal });
      for (const filter of FILTERS) {
        const values = answer.rows.map((row) => row.group?.[filter.name]).filter(Boolean);
        fillOptions(selects[filter.name], values, state.filters[filter.name]);
      }
      replaceChildren(optionsError);
    } catch (error) {
      if (error.name === 'AbortError' || error.unauthorized) return;
      replaceChildren(optionsError, `Could not load the filter values: ${describeError(error)}`);
    }
  }

  async function load() {
    const myGeneration = ++generation;
    const range = analyticsRange(state.range);
    const { from, to } = analyticsBounds(state.range);
    const common = { from, to, ...state.filters };
    replaceChildren(body, loadingState('Loading metrics…'));
    replaceChildren(statusLine, 'Loading…');
    try {
      const options = { signal: lifetime.signal };
      const [overall, byGroup, series, markers] = await Promise.all([
        api.metrics({ ...common, bucket: TOTALS_BUCKET }, options),
        api.metrics({ ...common, bucket: TOTALS_BUCKET, group_by: state.group, fields: 'all,scores' }, options),
        api.metrics({ ...common, bucket: range.bucket, group_by: state.group }, options),
        loadMarkers(from, to),
      ]);
      if (myGeneration !== generation) return;
      render({ overall, byGroup, series, markers, from: Date.parse(from), to: Date.parse(to), range });
      replaceChildren(statusLine, `Updated ${formatStartTime(new Date().toISOString()).slice(0, 8)} · ${range.title}`);
    } catch (error) {
      if (error.name === 'AbortError' || error.unauthorized || myGeneration !== generation) return;
      replaceChildren(body, errorState('Could not load metrics', error, () => load()));
      replaceChildren(statusLine);
    }
  }

  /**
   * Events to mark on the charts, at their minute: silent model swaps (of the filtered model, if any) and alert
   * firings. Optional: a server without these endpoints, or an error, just draws no markers.
   */
  async function loadMarkers(from, to) {
    const options = { signal: lifetime.signal, quiet: true };
    const minute = (iso) => Math.floor(Date.parse(iso) / 60_000) * 60_000;
    const model = state.filters.model;
    const [swaps, firings] = await Promise.all([
      api.swaps({ from, to }, options).then((answer) => (answer.swaps ?? [])
        .filter((swap) => !model || [swap.requestModel, swap.fromResponseModel, swap.toResponseModel].includes(model))
        .filter((swap) => !state.filters.provider || swap.provider === state.filters.provider)
        .map((swap) => ({
          t: minute(swap.at), kind: 'swap',
          label: `Model swap: ${swap.requestModel} answered by ${swap.toResponseModel || swap.toSystemFingerprint || '?'} `
            + `instead of ${swap.fromResponseModel || swap.fromSystemFingerprint || '?'}`,
        })), () => []),
      api.alertEvents({ from, to, limit: 500 }, options).then((answer) => (answer.events ?? [])
        .filter((event) => event.type === 'transition' && event.to === 'firing')
        .map((event) => ({
          t: minute(event.at), kind: 'alert',
          label: `Alert firing: ${event.ruleName ?? event.ruleId}${Object.keys(event.group ?? {}).length
            ? ` (${Object.entries(event.group).map(([name, value]) => `${name} ${value}`).join(', ')})` : ''}`,
        })), () => []),
    ]);
    return [...swaps, ...firings];
  }

  function render({ overall, byGroup, series, markers = [], from, to, range }) {
    const groupBy = [state.group];
    const totals = summarize(overall.rows);
    const groups = summarizeByGroup(byGroup.rows, groupBy);
    if (totals.calls === 0) {
      replaceChildren(body, h('div', { class: 'state state-empty', 'data-testid': 'analytics-empty' },
        h('div', { class: 'state-title' }, 'No LLM calls in this range'),
        h('div', { class: 'state-detail' },
          hasFilters() ? 'No call matches these filters. Clear a filter or pick a longer range.'
            : 'LLM calls appear here once services send traces. Pick a longer range, or see Traces for how to send data.')));
      return;
    }
    replaceChildren(body,
      tiles(totals),
      charts(series.rows, groups, from, to, range, markers),
      h('section', { class: 'panel' },
        h('h2', { class: 'panel-title' }, `By ${GROUPINGS.find((grouping) => grouping.id === state.group).label.toLowerCase()}`),
        groupTable(groups)));
  }

  function hasFilters() {
    return Object.values(state.filters).some(Boolean);
  }

  function tiles(totals) {
    const tile = (id, label, value, detail) => h('div', { class: 'tile', 'data-tile': id },
      h('div', { class: 'tile-label' }, label),
      h('div', { class: 'tile-value' }, value),
      detail && h('div', { class: 'tile-detail muted' }, detail));
    return h('div', { class: 'tiles', 'data-testid': 'tiles' },
      tile('calls', 'LLM calls', formatCount(totals.calls)),
      tile('error-rate', 'Error rate', formatPercent(totals.errorRate), `${formatCount(totals.errors)} errors`),
      tile('cost', 'Cost', costFigure(totals.cost),
        totals.cost.usd != null && totals.cost.pricedCalls > 0 ? `${formatCost(totals.cost.usd / totals.cost.pricedCalls)} per priced call` : null),
      tile('input-tokens', 'Input tokens', tokensFigure(totals.tokens.input, totals.tokens),
        totals.tokens.cacheRead > 0 ? `${formatCount(totals.tokens.cacheRead)} cache reads` : null),
      tile('output-tokens', 'Output tokens', tokensFigure(totals.tokens.output, totals.tokens),
        totals.tokens.reasoning > 0 ? `${formatCount(totals.tokens.reasoning)} reasoning` : null),
      tile('latency-p50', 'Latency p50', durationFigure(totals.latencyMs.p50, totals.latencyMs.approximate)),
      tile('latency-p95', 'Latency p95', durationFigure(totals.latencyMs.p95, totals.latencyMs.approximate)),
      tile('ttft-p95', 'TTFT p95', durationFigure(totals.ttftMs.p95, totals.ttftMs.approximate),
        totals.ttftMs.calls > 0 ? `${formatCount(totals.ttftMs.calls)} streamed calls` : 'no streamed calls'));
  }

  function charts(rows, groups, from, to, range, markers) {
    const groupBy = [state.group];
    const shown = groups.slice(0, MAX_CHART_SERIES);
    const rowsByGroup = new Map(shown.map((group) => [group.key, new Map()]));
    for (const row of rows) rowsByGroup.get(groupKey(row.group, groupBy))?.set(Date.parse(row.bucket), row);
    const firstBucket = Math.floor(from / range.bucketMillis) * range.bucketMillis;
    const bucketTimes = [];
    for (let t = firstBucket; t < to; t += range.bucketMillis) bucketTimes.push(t);
    const line = (value, missing) => shown.map((group, index) => ({
      name: group.label,
      colorIndex: index,
      points: bucketTimes.map((t) => {
        const row = rowsByGroup.get(group.key).get(t);
        return { t: Math.max(t, from), v: row ? value(row) : missing };
      }),
    }));
    const cost = line((row) => row.cost?.usd ?? null, 0);
    return h('section', { class: 'panel' },
      h('div', { class: 'panel-header' },
        h('h2', { class: 'panel-title' }, 'Over time'),
        h('span', { class: 'muted small' }, `${range.bucket} buckets`
          + (groups.length > shown.length ? ` · top ${shown.length} of ${groups.length} by cost` : ''))),
      chartLegend(cost, [
        { kind: 'swap', label: 'model swap', count: markers.filter((marker) => marker.kind === 'swap').length },
        { kind: 'alert', label: 'alert firing', count: markers.filter((marker) => marker.kind === 'alert').length },
      ].filter((extra) => extra.count > 0).map((extra) => ({ ...extra, label: `${extra.label} (${formatCount(extra.count)})` }))),
      h('div', { class: 'charts' },
        lineChart({ title: 'Cost (USD)', series: cost, from, to, format: formatCost, testId: 'chart-cost', markers }),
        lineChart({ title: 'Calls', series: line((row) => row.calls, 0), from, to, format: formatCount, testId: 'chart-calls', markers }),
        lineChart({
          title: 'Latency p95', series: line((row) => row.latencyMs?.p95 ?? null, null), from, to,
          format: formatDuration, testId: 'chart-latency', markers,
        })));
  }

  function groupTable(groups) {
    const column = (label, numeric = true) => h('th', { scope: 'col', class: numeric ? 'num' : null }, label);
    return h('table', { class: 'data-table metrics-table', 'data-testid': 'group-table', 'data-group-by': state.group },
      h('thead', null, h('tr', null,
        column(GROUPINGS.find((grouping) => grouping.id === state.group).label, false),
        column('Calls'), column('Errors'), column('Input tokens'), column('Output tokens'), column('Cost'),
        column('Cost / call'), column('p50'), column('p95'), column('p99'), column('TTFT p95'), column('Scores', false))),
      h('tbody', null, groups.map((group) => h('tr', { class: 'group-row', dataset: { group: group.group[state.group] ?? '' } },
        h('td', { 'data-col': 'group' }, groupCell(group)),
        h('td', { class: 'num', 'data-col': 'calls' }, formatCount(group.calls)),
        h('td', { class: ['num', group.errors > 0 && 'has-errors'], 'data-col': 'errors' },
          formatCount(group.errors), h('span', { class: 'muted small' }, ` ${formatPercent(group.errorRate)}`)),
        h('td', { class: 'num', 'data-col': 'input-tokens' }, tokensFigure(group.tokens.input, group.tokens)),
        h('td', { class: 'num', 'data-col': 'output-tokens' }, tokensFigure(group.tokens.output, group.tokens)),
        h('td', { class: 'num', 'data-col': 'cost' }, costFigure(group.cost)),
        h('td', { class: 'num', 'data-col': 'cost-per-call' },
          group.cost.usd != null && group.cost.pricedCalls > 0 ? formatCost(group.cost.usd / group.cost.pricedCalls) : '—'),
        h('td', { class: 'num', 'data-col': 'p50' }, durationFigure(group.latencyMs.p50, group.latencyMs.approximate)),
        h('td', { class: 'num', 'data-col': 'p95' }, durationFigure(group.latencyMs.p95, group.latencyMs.approximate)),
        h('td', { class: 'num', 'data-col': 'p99' }, durationFigure(group.latencyMs.p99, group.latencyMs.approximate)),
        h('td', { class: 'num', 'data-col': 'ttft-p95' }, durationFigure(group.ttftMs.p95, group.ttftMs.approximate)),
        h('td', { class: 'scores-cell', 'data-col': 'scores' }, scoresText(group.scores))))));
  }

  /** Models and services open their traces; a prompt version narrows this dashboard to it. */
  function groupCell(group) {
    const value = group.group[state.group];
    if (!value) return h('span', { class: 'muted' }, '(none)');
    if (state.group === 'prompt_version') {
      return h('a', {
        class: 'group-link', title: 'Show only this prompt version',
        href: buildHash('/analytics', { range: state.range, group: state.group, ...state.filters, prompt_version: value }),
      }, value);
    }
    const traceFilters = { service: state.filters.service, model: state.filters.model, [state.group]: value };
    return h('a', {
      class: ['group-link', state.group === 'model' && 'mono'], title: `Traces of ${value} in this range`,
      href: buildHash('/traces', { ...traceFilters, range: state.range }),
    }, value);
  }
}

