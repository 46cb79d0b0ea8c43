/**
 * Sessions: the conversations of a time range, newest first, optionally of one user (GET /sessions); and one
 * session (GET /sessions/{id}): its totals and its traces in the order they happened, each linked to its detail.
 */
import { h, replaceChildren } from './dom.js';
import {
  formatCost, formatCount, formatDateTime, formatDuration, formatStartTime, formatTokens, shortId,
} from './format.js';
import { buildHash, replaceHash, sessionHref, traceHref, userHref } from './router.js';
import { errorState, loadingState } from './states.js';
import { filterTerm } from './filter-query.js';
import { entityTiles } from './users-view.js';
import { userBounds, userRange, userRangePicker } from './user-range.js';

const LIMIT = 50;
const USER_DEBOUNCE_MS = 300;

/** Mounts the sessions list, or one session when the route has a session id; returns `{unmount()}`. */
export function mountSessions(container, { api, route }) {
  return route.sessionId != null ? mountSession(container, { api, route }) : mountSessionList(container, { api, route });
}

function mountSessionList(container, { api, route }) {
  const state = { range: userRange(route.params.get('range')).id, user: route.params.get('user') ?? '' };
  const lifetime = new AbortController();
  let generation = 0;
  let userTimer = null;
  const body = h('div', { class: 'sessions-body' });
  const userInput = h('input', {
    type: 'search', class: 'input', 'data-testid': 'session-user', value: state.user, 'aria-label': 'User id',
    placeholder: 'All users', autocomplete: 'off', spellcheck: 'false',
    onInput: () => {
      clearTimeout(userTimer);
      userTimer = setTimeout(() => changed({ user: userInput.value.trim() }), USER_DEBOUNCE_MS);
    },
  });
  const rangePicker = userRangePicker(state.range, (id) => changed({ range: id }));

  replaceChildren(container, h('section', { class: 'page sessions-page', 'aria-labelledby': 'sessions-title' },
    h('div', { class: 'page-header' }, h('h1', { id: 'sessions-title', class: 'page-title' }, 'Sessions')),
    h('div', { class: 'toolbar', role: 'toolbar', 'aria-label': 'Session user and time range' },
      h('label', { class: 'toolbar-field' }, h('span', { class: 'toolbar-label' }, 'User'), userInput),
      rangePicker.element,
      h('div', { class: 'toolbar-spacer' }),
      h('button', { type: 'button', class: 'btn', onClick: () => load() }, 'Refresh')),
    body));
  document.title = 'Sessions · Boxscore';
  rememberAddress();
  load();
  return {
    unmount() {
      lifetime.abort();
      clearTimeout(userTimer);
    },
  };

  function changed(change) {
    Object.assign(state, change);
    rememberAddress();
    load();
  }

  function rememberAddress() {
    replaceHash(buildHash('/sessions', { user: state.user, range: state.range === userRange().id ? '' : state.range }));
  }

  async function load() {
    const myGeneration = ++generation;
    if (!body.querySelector('table')) replaceChildren(body, loadingState('Loading sessions…'));
    try {
      const answer = await api.listSessions({ ...userBounds(state.range), user: state.user, limit: LIMIT }, { signal: lifetime.signal });
      if (myGeneration !== generation) return;
      render(answer.sessions ?? []);
    } catch (error) {
      if (error.name === 'AbortError' || error.unauthorized || myGeneration !== generation) return;
      replaceChildren(body, errorState('Could not load sessions', error, () => load()));
    }
  }

  function render(sessions) {
    if (sessions.length === 0) {
      replaceChildren(body, h('div', { class: 'state state-empty', 'data-testid': 'sessions-empty' },
        h('div', { class: 'state-title' }, state.user ? `No sessions of ${state.user} in this range` : 'No sessions in this range'),
        h('div', { class: 'state-detail' }, 'Only traces that carry a session id count here; try a longer range.')));
      return;
    }
    const range = state.range === userRange().id ? '' : state.range;
    replaceChildren(body,
      h('table', { class: 'data-table sessions-table', 'data-testid': 'sessions-table' },
        h('thead', null, h('tr', null,
          h('th', { class: 'col-status', scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Status')),
          h('th', { scope: 'col' }, 'Session'),
          h('th', { scope: 'col' }, 'User'),
          h('th', { scope: 'col' }, 'Started'),
          h('th', { scope: 'col', class: 'num' }, 'Duration'),
          h('th', { scope: 'col', class: 'num' }, 'Traces'),
          h('th', { scope: 'col', class: 'num' }, 'LLM calls'),
          h('th', { scope: 'col', class: 'num' }, 'Cost'))),
        h('tbody', null, sessions.map((session) => {
          const href = sessionHref(session.sessionId, { range });
          return h('tr', {
            class: ['session-row', 'entity-row', session.hasError && 'has-error'], dataset: { sessionId: session.sessionId },
            onClick: (event) => {
              if (!event.target.closest('a') && !window.getSelection()?.toString()) window.location.hash = href;
            },
          },
          h('td', { class: 'col-status', 'data-col': 'status' },
            session.hasError && h('span', { class: 'badge badge-error', title: 'A trace of this session has errors' }, 'error')),
          h('td', { 'data-col': 'session' }, h('a', { class: 'entity-link mono', href }, session.sessionId)),
          h('td', { 'data-col': 'user' }, session.userId != null && h('a', { class: 'entity-link', href: userHref(session.userId, { range }) }, session.userId)),
          h('td', { class: 'nowrap num-font', 'data-col': 'start', title: formatDateTime(session.start) }, formatStartTime(session.start)),
          h('td', { class: 'num', 'data-col': 'duration' }, formatDuration(session.durationMs)),
          h('td', { class: 'num', 'data-col': 'traces' }, formatCount(session.traces)),
          h('td', { class: 'num', 'data-col': 'calls' }, formatCount(session.calls)),
          h('td', { class: ['num', session.costUsd == null && 'unpriced'], 'data-col': 'cost' }, formatCost(session.costUsd)));
        }))),
      sessions.length >= LIMIT && h('p', { class: 'muted small list-note' }, `The newest ${LIMIT} sessions.`));
  }
}

function mountSession(container, { api, route }) {
  const sessionId = route.sessionId;
  const state = { range: userRange(route.params.get('range')).id };
  const lifetime = new AbortController();
  let generation = 0;
  const body = h('div', { class: 'session-body' });
  const links = h('div', { class: 'entity-links' });
  const rangePicker = userRangePicker(state.range, (id) => {
    state.range = id;
    rememberAddress();
    load();
  });

  replaceChildren(container, h('section', { class: 'page session-page', 'aria-labelledby': 'session-title' },
    h('nav', { class: 'breadcrumb' }, h('a', { href: '#/sessions', 'data-testid': 'back-to-sessions' }, '← Sessions')),
    h('div', { class: 'page-header' },
      h('h1', { id: 'session-title', class: 'page-title' }, 'Session ', h('span', { class: 'entity-id mono' }, sessionId)),
      links),
    h('div', { class: 'toolbar', role: 'toolbar', 'aria-label': 'Time range' }, rangePicker.element),
    body));
  document.title = `Session ${shortId(sessionId, 16)} · Boxscore`;
  rememberAddress();
  load();
  return { unmount: () => lifetime.abort() };

  function rememberAddress() {
    replaceHash(sessionHref(sessionId, { range: state.range === userRange().id ? '' : state.range }));
  }

  async function load() {
    const myGeneration = ++generation;
    replaceChildren(body, loadingState('Loading the session…'));
    try {
      const session = await api.getSession(sessionId, userBounds(state.range), { signal: lifetime.signal });
      if (myGeneration !== generation) return;
      render(session);
    } catch (error) {
      if (error.name === 'AbortError' || error.unauthorized || myGeneration !== generation) return;
      replaceChildren(links);
      if (error.status === 404) {
        replaceChildren(body, h('div', { class: 'state state-empty', 'data-testid': 'session-not-found' },
          h('div', { class: 'state-title' }, 'No traces of this session in this range'),
          h('div', { class: 'state-detail' }, `Nothing in the ${userRange(state.range).title.toLowerCase()}; try a longer range.`)));
      } else {
        replaceChildren(body, errorState('Could not load the session', error, () => load()));
      }
    }
  }

  function render(session) {
    const traces = [...(session.traceList ?? [])];
    const range = state.range === userRange().id ? '' : state.range;
    replaceChildren(links,
      session.userId != null && h('a', { class: 'btn', 'data-testid': 'session-user-link', href: userHref(session.userId, { range }) },
        `User ${session.userId}`),
      h('a', {
        class: 'btn', 'data-testid': 'session-traces',
        href: buildHash('/traces', { q: filterTerm('session', sessionId), range: state.range }),
      }, 'In the trace list'));
    const latency = traces.reduce((sum, trace) => sum + (trace.durationMs ?? 0), 0);
    const start = Date.parse(session.start ?? traces[0]?.startTime);
    replaceChildren(body,
      entityTiles([
        ['cost', 'Cost', formatCost(session.costUsd)],
        ['calls', 'LLM calls', formatCount(session.calls)],
        ['traces', 'Traces', formatCount(session.traces)],
        ['duration', 'Duration', formatDuration(session.durationMs)],
        ['latency', 'Latency, all traces', formatDuration(latency)],
        ['start', 'Started', h('span', { title: formatDateTime(session.start) }, formatStartTime(session.start))],
      ]),
      h('section', { class: 'panel' },
        h('div', { class: 'panel-header' },
          h('h2', { class: 'panel-title' }, 'Conversation'),
          h('span', { class: 'muted small' }, `${formatCount(traces.length)} ${traces.length === 1 ? 'trace' : 'traces'}, oldest first`),
          session.hasError && h('span', { class: 'badge badge-error' }, 'has errors')),
        h('table', { class: 'data-table conversation-table', 'data-testid': 'session-traces-table' },
          h('thead', null, h('tr', null,
            h('th', { scope: 'col', class: 'num' }, '#'),
            h('th', { class: 'col-status', scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Status')),
            h('th', { scope: 'col' }, 'Start time'),
            h('th', { scope: 'col', class: 'num' }, 'After start'),
            h('th', { scope: 'col' }, 'Trace'),
            h('th', { scope: 'col' }, 'Models'),
            h('th', { scope: 'col', class: 'num' }, 'LLM calls'),
            h('th', { scope: 'col', class: 'num' }, 'Tokens in / out'),
            h('th', { scope: 'col', class: 'num' }, 'Cost'),
            h('th', { scope: 'col', class: 'num' }, 'Duration'))),
          h('tbody', null, traces.map((trace, index) => {
            const href = traceHref(trace.traceId);
            return h('tr', {
              class: ['session-trace-row', 'entity-row', trace.hasError && 'has-error'], dataset: { traceId: trace.traceId },
              onClick: (event) => {
                if (!event.target.closest('a') && !window.getSelection()?.toString()) window.location.hash = href;
              },
            },
            h('td', { class: 'num muted', 'data-col': 'position' }, String(index + 1)),
            h('td', { class: 'col-status', 'data-col': 'status' },
              trace.hasError && h('span', { class: 'badge badge-error', title: 'This trace has spans with errors' }, 'error')),
            h('td', { class: 'nowrap num-font', 'data-col': 'start', title: formatDateTime(trace.startTime) }, formatStartTime(trace.startTime)),
            h('td', { class: 'num', 'data-col': 'offset' }, Number.isFinite(start) ? `+${formatDuration(Date.parse(trace.startTime) - start)}` : '—'),
            h('td', { class: 'col-trace', 'data-col': 'trace' },
              h('a', { class: 'trace-link', href }, trace.rootName || '(unnamed root)'),
              h('span', { class: 'mono muted trace-id' }, `${trace.service ?? ''} · ${shortId(trace.traceId)}`)),
            h('td', { class: 'col-models', 'data-col': 'models' }, (trace.models ?? []).map((model) => h('span', { class: 'chip chip-model' }, model))),
            h('td', { class: 'num', 'data-col': 'calls' }, formatCount(trace.llmCalls)),
            h('td', { class: 'num', 'data-col': 'tokens' }, `${formatTokens(trace.inputTokens)} / ${formatTokens(trace.outputTokens)}`),
            h('td', { class: ['num', trace.llmCalls > 0 && trace.costUsd == null && 'unpriced'], 'data-col': 'cost' },
              trace.llmCalls > 0 || trace.costUsd != null ? formatCost(trace.costUsd) : '—'),
            h('td', { class: 'num', 'data-col': 'duration' }, formatDuration(trace.durationMs)));
          })))));
  }
}
