/**
 * Trace list, an explorer: a typed filter bar (the search grammar, in the address as q), saved views, a chart of
 * traces and errors over time that narrows the range when dragged, a dense table of trace summaries with the
 * full-text match under a row, "Load more" through the API's cursor, and loading / error / empty states.
 */
import { h, replaceChildren, isTypingTarget, hasModifier } from './dom.js';
import {
  formatCost, formatCount, formatDuration, formatStartTime, formatTokens, shortId, formatDateTime,
} from './format.js';
import { buildHash, replaceHash, sessionHref, traceHref, userHref } from './router.js';
import { TIME_RANGES, rangeBounds, timeRange } from './time-range.js';
import { errorState, loadingState, describeError } from './states.js';
import { sendDataHint } from './send-data-hint.js';
import { estimatedFlag } from './usage-figures.js';
import { createFilterBar } from './filter-bar.js';
import { queryErrorPosition, queryFromParams } from './filter-query.js';
import { createSavedViews } from './saved-views.js';
import { createTraceHistogram } from './trace-histogram.js';
import { matchSnippet } from './match-snippet.js';

const DEFAULT_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 500;
const REFRESH_INTERVAL_MS = 5000;
const MAX_MODEL_CHIPS = 3;
const HISTOGRAM_BUCKETS = 60;
const TABLE_COLUMNS = 13;

/** Remembers the list's last address so the detail view's "back" link returns to the same filters. */
export let lastListHash = '#/traces';

/** Mounts the list into `container`; returns `{unmount()}`. */
export function mountTraceList(container, { api, route }) {
  const params = route.params;
  const state = {
    q: queryFromParams(params),
    range: timeRange(params.get('range')).id,
    custom: customRange(params), // {from, to} epoch millis while the chart narrowed the range, else null
    live: params.get('live') !== 'off',
    pageSize: clamp(Number.parseInt(params.get('limit'), 10) || DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE),
    traces: [],
    nextCursor: null,
    query: null,
    loaded: false,
    loading: false,
    loadingMore: false,
    error: null,
    refreshError: null,
    updatedAt: null,
    activeTraceId: null,
  };
  const lifetime = new AbortController();
  let generation = 0; // bumps on every first-page load; stale answers are dropped
  let refreshTimer = null;

  const filterBar = createFilterBar({
    api, value: state.q, bounds: () => listBounds(), onSubmit: (q) => setFilter({ q }),
  });
  const savedViews = createSavedViews({
    api, currentQuery: () => state.q, signal: lifetime.signal,
    onChoose: (q) => {
      filterBar.setValue(q);
      setFilter({ q });
    },
  });
  const histogram = createTraceHistogram({ onSelect: (from, to) => setFilter({ custom: { from, to } }) });
  const rangeButtons = TIME_RANGES.map((range) => h('button', {
    type: 'button', class: 'segment', title: range.title, dataset: { range: range.id },
    'aria-pressed': String(range.id === state.range && !state.custom),
    onClick: () => setFilter({ range: range.id, custom: null }),
  }, range.label));
  const customRangeField = h('div', { class: 'toolbar-field custom-range', 'data-testid': 'custom-range' });
  const liveToggle = h('input', {
    type: 'checkbox', id: 'auto-refresh', checked: state.live,
    onChange: () => setFilter({ live: liveToggle.checked }),
  });
  const statusLine = h('div', { class: 'list-status', 'aria-live': 'polite' });
  const body = h('div', { class: 'list-body' });
  const footer = h('div', { class: 'list-footer' });

  replaceChildren(container, h('section', { class: 'page trace-list-page', 'aria-labelledby': 'traces-title' },
    h('div', { class: 'page-header' },
      h('h1', { id: 'traces-title', class: 'page-title' }, 'Traces'),
      statusLine),
    h('div', { class: 'explorer-query', role: 'search' }, filterBar.element, savedViews.element),
    h('div', { class: 'toolbar', role: 'toolbar', 'aria-label': 'Trace time range and refresh' },
      h('div', { class: 'toolbar-field' },
        h('span', { class: 'toolbar-label', id: 'range-label' }, 'Time range'),
        h('div', { class: 'segmented', role: 'group', 'aria-labelledby': 'range-label' }, rangeButtons)),
      customRangeField,
      h('div', { class: 'toolbar-spacer' }),
      h('label', { class: 'toggle', for: 'auto-refresh', title: `Reload every ${REFRESH_INTERVAL_MS / 1000} s` },
        liveToggle, h('span', { class: 'toggle-track', 'aria-hidden': 'true' }), h('span', null, 'Auto-refresh 5s')),
      h('button', {
        type: 'button', class: 'btn', title: 'Reload now (r)', 'aria-keyshortcuts': 'r', onClick: () => loadFirstPage(),
      }, 'Refresh')),
    histogram.element,
    body,
    footer,
    h('div', { class: 'kbd-hints', 'aria-hidden': 'true' },
      h('kbd', null, 'j'), h('kbd', null, 'k'), ' move  ', h('kbd', null, 'Enter'), ' open  ',
      h('kbd', null, 'r'), ' refresh  ', h('kbd', null, '/'), ' filter')));

  document.addEventListener('keydown', onKeyDown, { signal: lifetime.signal });
  document.addEventListener('visibilitychange', scheduleRefresh, { signal: lifetime.signal });
  document.title = 'Traces · Boxscore';
  rememberAddress();
  renderCustomRange();
  loadFirstPage();
  scheduleRefresh();

  return {
    unmount() {
      lifetime.abort();
      clearInterval(refreshTimer);
    },
  };

  function setFilter(change) {
    Object.assign(state, change);
    for (const button of rangeButtons) {
      button.setAttribute('aria-pressed', String(button.dataset.range === state.range && !state.custom));
    }
    renderCustomRange();
    rememberAddress();
    scheduleRefresh();
    if ('live' in change) {
      renderStatus();
      if (state.live) loadFirstPage({ silent: true });
    } else {
      loadFirstPage();
    }
  }

  function rememberAddress() {
    lastListHash = buildHash('/traces', {
      q: state.q,
      range: state.range === timeRange().id ? '' : state.range,
      from: state.custom ? new Date(state.custom.from).toISOString() : '',
      to: state.custom ? new Date(state.custom.to).toISOString() : '',
      live: state.live ? '' : 'off',
      limit: state.pageSize === DEFAULT_PAGE_SIZE ? '' : state.pageSize,
    });
    replaceHash(lastListHash);
  }

  function scheduleRefresh() {
    clearInterval(refreshTimer);
    refreshTimer = null;
    if (state.live && !state.custom && !document.hidden) { // a narrowed range does not move: nothing to refresh
      refreshTimer = setInterval(() => {
        if (!state.loading && !state.loadingMore) loadFirstPage({ silent: true });
      }, REFRESH_INTERVAL_MS);
    }
  }

  /** The list's window: the narrowed range, or the preset ending now. */
  function listBounds() {
    if (state.custom) return { from: new Date(state.custom.from).toISOString(), to: new Date(state.custom.to).toISOString() };
    return rangeBounds(state.range);
  }

  function renderCustomRange() {
    customRangeField.hidden = !state.custom;
    if (!state.custom) {
      replaceChildren(customRangeField);
      return;
    }
    const from = new Date(state.custom.from).toISOString();
    const to = new Date(state.custom.to).toISOString();
    replaceChildren(customRangeField,
      h('span', { class: 'toolbar-label' }, 'Narrowed to'),
      h('span', { class: 'custom-range-value' },
        h('span', { class: 'num-font', title: `${from} – ${to}` }, `${formatDateTime(from)} – ${formatDateTime(to)}`),
        h('button', {
          type: 'button', class: 'btn btn-small', 'data-testid': 'reset-range',
          title: `Back to the ${timeRange(state.range).title.toLowerCase()}`, onClick: () => setFilter({ custom: null }),
        }, 'Reset range')));
  }

  /** The chart for the same query and window as the list; a failure stays in the chart. */
  async function loadHistogram(myGeneration, query) {
    try {
      const answer = await api.traceHistogram({ ...query, buckets: HISTOGRAM_BUCKETS }, { signal: lifetime.signal });
      if (myGeneration === generation) histogram.render(answer);
    } catch (error) {
      if (error.name === 'AbortError' || error.unauthorized || myGeneration !== generation) return;
      if (isQueryError(error)) histogram.clear();
      else histogram.showError(error);
    }
  }

  /** Loads the newest page. Silent loads (auto-refresh) keep the table and as many rows as are shown. */
  async function loadFirstPage({ silent = false } = {}) {
    const myGeneration = ++generation;
    const { from, to } = listBounds();
    const query = { q: state.q, from, to };
    // The chart is asked for once the list has answered: over a month it costs the engine far more than
    // the first page, and asked at once it would hold the list back on a small machine.
    if (!silent) histogram.loading();
    const limit = silent ? clamp(Math.max(state.pageSize, state.traces.length), 1, MAX_PAGE_SIZE) : state.pageSize;
    state.loading = true;
    if (!silent || !state.loaded) {
      state.loaded = false;
      state.error = null;
      renderBody();
    }
    try {
      const page = await api.listTraces({ ...query, limit }, { signal: lifetime.signal });
      if (myGeneration !== generation) return;
      const knownIds = silent && state.loaded ? new Set(state.traces.map((trace) => trace.traceId)) : null;
      Object.assign(state, {
        traces: page.traces ?? [], nextCursor: page.nextCursor ?? null, query,
        loaded: true, error: null, refreshError: null, updatedAt: new Date(),
      });
      filterBar.showError(state.q, null);
      renderBody(knownIds);
    } catch (error) {
      if (error.name === 'AbortError' || error.unauthorized || myGeneration !== generation) return;
      if (isQueryError(error)) {
        // The query itself is wrong: say where, under the bar, rather than as a failure of the list.
        filterBar.showError(state.q, error);
        Object.assign(state, { error, loaded: false, traces: [], nextCursor: null });
        renderBody();
      } else if (silent && state.loaded) {
        state.refreshError = error;
      } else {
        state.error = error;
        renderBody();
      }
    } finally {
      if (myGeneration === generation) {
        state.loading = false;
        renderStatus();
        loadHistogram(myGeneration, query);
      }
    }
  }

  async function loadMore() {
    if (!state.nextCursor || state.loadingMore) return;
    const myGeneration = generation;
    state.loadingMore = true;
    renderFooter();
    try {
      const page = await api.listTraces(
        { ...state.query, limit: state.pageSize, cursor: state.nextCursor }, { signal: lifetime.signal });
      if (myGeneration !== generation) return;
      const seen = new Set(state.traces.map((trace) => trace.traceId));
      state.traces = state.traces.concat((page.traces ?? []).filter((trace) => !seen.has(trace.traceId)));
      state.nextCursor = page.nextCursor ?? null;
      state.loadingMore = false;
      renderBody();
    } catch (error) {
      if (error.name === 'AbortError' || error.unauthorized) return;
      state.loadingMore = false;
      renderFooter(error);
    } finally {
      state.loadingMore = false;
      renderStatus();
    }
  }

  function renderBody(knownIds = null) {
    if (state.error && isQueryError(state.error)) {
      replaceChildren(body, h('div', { class: 'state state-empty', 'data-testid': 'query-error-state' },
        h('div', { class: 'state-title' }, 'The filter has an error'),
        h('div', { class: 'state-detail' }, 'Correct the query above and press Enter.')));
    } else if (state.error) {
      replaceChildren(body, errorState('Could not load traces', state.error, () => loadFirstPage()));
    } else if (!state.loaded) {
      replaceChildren(body, loadingState('Loading traces…'));
    } else if (state.traces.length === 0) {
      replaceChildren(body, sendDataHint({ filtered: Boolean(state.q || state.custom) }));
    } else {
      const hadFocus = body.contains(document.activeElement);
      replaceChildren(body, traceTable(state.traces, knownIds));
      if (hadFocus) focusRow(state.activeTraceId, false);
    }
    renderFooter();
    renderStatus();
  }

  function renderFooter(error) {
    if (!state.loaded || state.traces.length === 0) {
      replaceChildren(footer);
      return;
    }
    replaceChildren(footer,
      h('span', { class: 'muted' }, `${formatCount(state.traces.length)} ${state.traces.length === 1 ? 'trace' : 'traces'} shown`),
      state.nextCursor
        ? h('button', {
          type: 'button', class: 'btn', 'data-testid': 'load-more', disabled: state.loadingMore, onClick: loadMore,
        }, state.loadingMore ? 'Loading…' : 'Load more')
        : h('span', { class: 'muted' }, '· end of results'),
      error && h('span', { class: 'inline-error', role: 'alert' }, `Could not load more: ${describeError(error)}`));
  }

  function renderStatus() {
    replaceChildren(statusLine,
      state.live && h('span', { class: 'live-dot', title: 'Auto-refresh is on' }),
      state.loading && state.loaded ? 'Refreshing…'
        : state.updatedAt ? `Updated ${formatStartTime(state.updatedAt.toISOString()).slice(0, 8)}` : '',
      state.refreshError && h('span', { class: 'inline-error' }, ` · Refresh failed: ${describeError(state.refreshError)}`));
  }

  function traceTable(traces, knownIds) {
    const longest = Math.max(1, ...traces.map((trace) => trace.durationMs ?? 0));
    const now = new Date();
    if (!traces.some((trace) => trace.traceId === state.activeTraceId)) state.activeTraceId = traces[0].traceId;
    return h('table', { class: 'data-table trace-table', 'data-testid': 'trace-table' },
      h('thead', null, h('tr', null,
        h('th', { class: 'col-status', scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Status')),
        h('th', { scope: 'col' }, 'Start time'),
        h('th', { scope: 'col' }, 'Trace'),
        h('th', { scope: 'col' }, 'Service'),
        h('th', { scope: 'col' }, 'User'),
        h('th', { scope: 'col' }, 'Session'),
        h('th', { scope: 'col' }, 'Models'),
        h('th', { scope: 'col', class: 'num' }, 'Spans'),
        h('th', { scope: 'col', class: 'num' }, 'LLM calls'),
        h('th', { scope: 'col', class: 'num' }, 'Tokens in'),
        h('th', { scope: 'col', class: 'num' }, 'Tokens out'),
        h('th', { scope: 'col', class: 'num' }, 'Cost'),
        h('th', { scope: 'col', class: 'num col-duration' }, 'Duration'))),
      h('tbody', null, traces.map((trace) => [traceRow(trace, longest, now, knownIds), trace.match && matchRow(trace)])));
  }

  function traceRow(trace, longest, now, knownIds) {
    const href = traceHref(trace.traceId);
    const models = trace.models ?? [];
    return h('tr', {
      class: ['trace-row', trace.hasError && 'has-error', knownIds && !knownIds.has(trace.traceId) && 'is-new'],
      dataset: { traceId: trace.traceId },
      tabindex: trace.traceId === state.activeTraceId ? '0' : '-1',
      onClick: (event) => {
        if (event.target.closest('a') || window.getSelection()?.toString()) return;
        window.location.hash = href;
      },
      onFocus: () => { state.activeTraceId = trace.traceId; },
    },
    h('td', { class: 'col-status', 'data-col': 'status' },
      trace.hasError && h('span', { class: 'badge badge-error', title: 'This trace has spans with errors' }, 'error')),
    h('td', { class: 'nowrap num-font', 'data-col': 'start', title: formatDateTime(trace.startTime) },
      formatStartTime(trace.startTime, now)),
    h('td', { class: 'col-trace', 'data-col': 'trace' },
      h('a', { class: 'trace-link', href, tabindex: '-1' }, trace.rootName || '(unnamed root)'),
      h('span', { class: 'mono muted trace-id' }, shortId(trace.traceId))),
    h('td', { 'data-col': 'service' }, h('span', { class: 'service-name' }, trace.service ?? '')),
    h('td', { class: 'col-user', 'data-col': 'user' }, trace.userId != null && h('a', {
      class: 'entity-link', href: userHref(trace.userId), title: `User ${trace.userId}`, tabindex: '-1',
    }, trace.userId)),
    h('td', { class: 'col-session', 'data-col': 'session' }, trace.sessionId != null && h('a', {
      class: 'entity-link mono', href: sessionHref(trace.sessionId), title: `Session ${trace.sessionId}`, tabindex: '-1',
    }, trace.sessionId)),
    h('td', { class: 'col-models', 'data-col': 'models' },
      models.slice(0, MAX_MODEL_CHIPS).map((model) => h('span', { class: 'chip chip-model' }, model)),
      models.length > MAX_MODEL_CHIPS && h('span', { class: 'chip chip-more', title: models.slice(MAX_MODEL_CHIPS).join(', ') },
        `+${models.length - MAX_MODEL_CHIPS}`)),
    h('td', { class: 'num', 'data-col': 'spans' }, formatCount(trace.spanCount)),
    h('td', { class: 'num', 'data-col': 'llm-calls' }, formatCount(trace.llmCalls)),
    h('td', { class: 'num', 'data-col': 'tokens-in' }, formatTokens(trace.inputTokens),
      trace.estimatedCalls > 0 && estimatedFlag(
        `${trace.estimatedCalls} ${trace.estimatedCalls === 1 ? 'call' : 'calls'} reported no token usage; their tokens are estimated`)),
    h('td', { class: 'num', 'data-col': 'tokens-out' }, formatTokens(trace.outputTokens)),
    costCell(trace),
    h('td', { class: 'num col-duration', 'data-col': 'duration' },
      h('span', { class: 'duration-cell' },
        h('span', { class: 'duration-track', 'aria-hidden': 'true' },
          h('span', {
            class: ['duration-fill', trace.hasError && 'is-error'],
            style: { width: `${Math.max(2, ((trace.durationMs ?? 0) / longest) * 100)}%` },
          })),
        formatDuration(trace.durationMs))));
  }

  /** The row under a trace that a full-text query matched: the field and the snippet, linked to the span. */
  function matchRow(trace) {
    return h('tr', {
      class: ['match-row', trace.hasError && 'has-error'], dataset: { matchFor: trace.traceId },
      onClick: (event) => {
        if (event.target.closest('a') || window.getSelection()?.toString()) return;
        window.location.hash = traceHref(trace.traceId, trace.match.spanId);
      },
    }, h('td', { colspan: String(TABLE_COLUMNS) }, matchSnippet(trace.match, traceHref(trace.traceId, trace.match.spanId))));
  }

  function costCell(trace) {
    if (!trace.llmCalls && trace.costUsd == null) {
      return h('td', { class: 'num muted', 'data-col': 'cost', title: 'No LLM calls' }, '—');
    }
    const unpriced = trace.costUsd == null;
    return h('td', {
      class: ['num', unpriced && 'unpriced'], 'data-col': 'cost',
      title: unpriced ? 'At least one model of this trace has no known price' : `${trace.costUsd} USD`,
    }, formatCost(trace.costUsd));
  }

  function onKeyDown(event) {
    if (isTypingTarget(event) || hasModifier(event)) return;
    const rows = [...body.querySelectorAll('tr.trace-row')];
    const index = rows.findIndex((row) => row.dataset.traceId === state.activeTraceId);
    const inTable = body.contains(document.activeElement);
    // The first j/k only puts the focus on the remembered row; later ones move it.
    if (event.key === 'j' || (event.key === 'ArrowDown' && inTable)) {
      event.preventDefault();
      moveFocus(rows, inTable ? index + 1 : Math.max(index, 0));
    } else if (event.key === 'k' || (event.key === 'ArrowUp' && inTable)) {
      event.preventDefault();
      moveFocus(rows, inTable ? index - 1 : Math.max(index, 0));
    } else if (event.key === 'Enter' && event.target instanceof HTMLElement && event.target.matches('tr.trace-row')) {
      event.preventDefault();
      window.location.hash = traceHref(event.target.dataset.traceId);
    } else if (event.key === 'r') {
      event.preventDefault();
      loadFirstPage();
    } else if (event.key === '/') {
      event.preventDefault();
      filterBar.input.focus();
      filterBar.input.select();
    }
  }

  function moveFocus(rows, index) {
    if (rows.length === 0) return;
    const row = rows[clamp(index, 0, rows.length - 1)];
    focusRow(row.dataset.traceId, true);
  }

  function focusRow(traceId, scroll) {
    const rows = body.querySelectorAll('tr.trace-row');
    let target = null;
    for (const row of rows) {
      const active = row.dataset.traceId === traceId;
      row.tabIndex = active ? 0 : -1;
      if (active) target = row;
    }
    if (!target) return;
    state.activeTraceId = traceId;
    target.focus({ preventScroll: !scroll });
    if (scroll) target.scrollIntoView({ block: 'nearest' });
  }
}

/** A 400 about q (`q: position N: …`): the user's query is wrong, not the list. */
function isQueryError(error) {
  return error?.status === 400 && queryErrorPosition(error.message) != null;
}

/** The narrowed range of the address (`from` and `to`, both instants, from before to), or null. */
function customRange(params) {
  const from = Date.parse(params.get('from') ?? '');
  const to = Date.parse(params.get('to') ?? '');
  return Number.isFinite(from) && Number.isFinite(to) && from < to ? { from, to } : null;
}

function clamp(value, min, max) {
  return Math.min(max, Math.max(min, value));
}
