/**
 * Users: the users of the project's LLM calls in a time range (GET /users), sortable by cost, calls or last seen
 * and searchable by id prefix; and one user's page (GET /users/{id}) with totals, cost and calls per day, and links
 * to the user's traces and sessions.
 */
import { h, replaceChildren } from './dom.js';
import { formatCost, formatCount, formatDateTime, formatRelative, formatTokens } from './format.js';
import { buildHash, replaceHash, userHref } from './router.js';
import { errorState, loadingState } from './states.js';
import { lineChart } from './svg-chart.js';
import { filterTerm } from './filter-query.js';
import { userBounds, userRange, userRangePicker } from './user-range.js';

const LIMIT = 50;
const SEARCH_DEBOUNCE_MS = 250;
/** Sort orders of GET /users (all descending), by column. */
const SORTS = Object.freeze({ cost: 'Cost', calls: 'Calls', lastSeen: 'Last seen' });
const DEFAULT_SORT = 'cost';

/** Mounts the users list, or one user's page when the route has a user id; returns `{unmount()}`. */
export function mountUsers(container, { api, route }) {
  return route.userId != null ? mountUser(container, { api, route }) : mountUserList(container, { api, route });
}

function mountUserList(container, { api, route }) {
  const params = route.params;
  const state = {
    range: userRange(params.get('range')).id,
    sort: Object.hasOwn(SORTS, params.get('sort') ?? '') ? params.get('sort') : DEFAULT_SORT,
    prefix: params.get('prefix') ?? '',
  };
  const lifetime = new AbortController();
  let generation = 0;
  let searchTimer = null;

  const body = h('div', { class: 'users-body' });
  const search = h('input', {
    type: 'search', class: 'input', 'data-testid': 'user-search', value: state.prefix, 'aria-label': 'User id starts with',
    placeholder: 'User id starts with…', autocomplete: 'off', spellcheck: 'false',
    onInput: () => {
      clearTimeout(searchTimer);
      searchTimer = setTimeout(() => changed({ prefix: search.value.trim() }), SEARCH_DEBOUNCE_MS);
    },
  });
  const rangePicker = userRangePicker(state.range, (id) => changed({ range: id }));

  replaceChildren(container, h('section', { class: 'page users-page', 'aria-labelledby': 'users-title' },
    h('div', { class: 'page-header' }, h('h1', { id: 'users-title', class: 'page-title' }, 'Users')),
    h('div', { class: 'toolbar', role: 'toolbar', 'aria-label': 'User search and time range' },
      h('label', { class: 'toolbar-field' }, h('span', { class: 'toolbar-label' }, 'Search'), search),
      rangePicker.element,
      h('div', { class: 'toolbar-spacer' }),
      h('button', { type: 'button', class: 'btn', onClick: () => load() }, 'Refresh')),
    body));
  document.title = 'Users · Boxscore';
  rememberAddress();
  load();
  return {
    unmount() {
      lifetime.abort();
      clearTimeout(searchTimer);
    },
  };

  function changed(change) {
    Object.assign(state, change);
    rememberAddress();
    load();
  }

  function rememberAddress() {
    replaceHash(buildHash('/users', {
      range: state.range === userRange().id ? '' : state.range,
      sort: state.sort === DEFAULT_SORT ? '' : state.sort,
      prefix: state.prefix,
    }));
  }

  async function load() {
    const myGeneration = ++generation;
    if (!body.querySelector('table')) replaceChildren(body, loadingState('Loading users…'));
    try {
      const answer = await api.listUsers({
        ...userBounds(state.range), limit: LIMIT, prefix: state.prefix, sort: state.sort,
      }, { signal: lifetime.signal });
      if (myGeneration !== generation) return;
      render(answer.users ?? []);
    } catch (error) {
      if (error.name === 'AbortError' || error.unauthorized || myGeneration !== generation) return;
      replaceChildren(body, errorState('Could not load users', error, () => load()));
    }
  }

  function render(users) {
    if (users.length === 0) {
      replaceChildren(body, h('div', { class: 'state state-empty', 'data-testid': 'users-empty' },
        h('div', { class: 'state-title' }, state.prefix ? `No user id starts with "${state.prefix}"` : 'No users in this range'),
        h('div', { class: 'state-detail' },
          `Only LLM calls that carry a user id count here (${userRange(state.range).title.toLowerCase()}).`)));
      return;
    }
    const now = new Date();
    replaceChildren(body,
      h('table', { class: 'data-table users-table', 'data-testid': 'users-table' },
        h('thead', null, h('tr', null,
          h('th', { scope: 'col' }, 'User'),
          sortHeader('calls'),
          h('th', { scope: 'col', class: 'num' }, 'Traces'),
          h('th', { scope: 'col', class: 'num' }, 'Sessions'),
          h('th', { scope: 'col', class: 'num' }, 'Tokens in'),
          h('th', { scope: 'col', class: 'num' }, 'Tokens out'),
          sortHeader('cost'),
          h('th', { scope: 'col', class: 'num' }, 'Errors'),
          h('th', { scope: 'col' }, 'First seen'),
          sortHeader('lastSeen'))),
        h('tbody', null, users.map((user) => {
          const href = userHref(user.userId, { range: state.range === userRange().id ? '' : state.range });
          return h('tr', {
            class: 'user-row entity-row', dataset: { userId: user.userId },
            onClick: (event) => {
              if (!event.target.closest('a') && !window.getSelection()?.toString()) window.location.hash = href;
            },
          },
          h('td', { 'data-col': 'user' }, h('a', { class: 'entity-link', href }, user.userId)),
          h('td', { class: 'num', 'data-col': 'calls' }, formatCount(user.calls)),
          h('td', { class: 'num', 'data-col': 'traces' }, formatCount(user.traces)),
          h('td', { class: 'num', 'data-col': 'sessions' }, formatCount(user.sessions)),
          h('td', { class: 'num', 'data-col': 'tokens-in' }, formatTokens(user.inputTokens)),
          h('td', { class: 'num', 'data-col': 'tokens-out' }, formatTokens(user.outputTokens)),
          h('td', { class: ['num', user.costUsd == null && 'unpriced'], 'data-col': 'cost' }, formatCost(user.costUsd)),
          h('td', { class: ['num', user.errors > 0 && 'has-errors'], 'data-col': 'errors' }, formatCount(user.errors)),
          h('td', { class: 'nowrap', 'data-col': 'first-seen', title: formatDateTime(user.firstSeen) }, formatRelative(user.firstSeen, now)),
          h('td', { class: 'nowrap', 'data-col': 'last-seen', title: formatDateTime(user.lastSeen) }, formatRelative(user.lastSeen, now)));
        }))),
      users.length >= LIMIT && h('p', { class: 'muted small list-note' },
        `The first ${LIMIT} users by ${SORTS[state.sort].toLowerCase()}; search by id to find others.`));
  }

  function sortHeader(sort) {
    const current = state.sort === sort;
    return h('th', { scope: 'col', class: sort === 'lastSeen' ? null : 'num', 'aria-sort': current ? 'descending' : null },
      h('button', {
        type: 'button', class: ['sort-button', current && 'is-current'], dataset: { sort },
        title: `Sort by ${SORTS[sort].toLowerCase()}, highest first`, onClick: () => changed({ sort }),
      }, SORTS[sort], h('span', { class: 'sort-mark', 'aria-hidden': 'true' }, current ? ' ▼' : '')));
  }
}

function mountUser(container, { api, route }) {
  const userId = route.userId;
  const state = { range: userRange(route.params.get('range')).id };
  const lifetime = new AbortController();
  let generation = 0;
  const body = h('div', { class: 'user-body' });
  const links = h('div', { class: 'entity-links' });
  const rangePicker = userRangePicker(state.range, (id) => {
    state.range = id;
    rememberAddress();
    load();
  });

  replaceChildren(container, h('section', { class: 'page user-page', 'aria-labelledby': 'user-title' },
    h('nav', { class: 'breadcrumb' }, h('a', { href: '#/users', 'data-testid': 'back-to-users' }, '← Users')),
    h('div', { class: 'page-header' },
      h('h1', { id: 'user-title', class: 'page-title' }, 'User ', h('span', { class: 'entity-id' }, userId)),
      links),
    h('div', { class: 'toolbar', role: 'toolbar', 'aria-label': 'Time range' }, rangePicker.element),
    body));
  document.title = `User ${userId} · Boxscore`;
  rememberAddress();
  load();
  return { unmount: () => lifetime.abort() };

  function rememberAddress() {
    const range = state.range === userRange().id ? '' : state.range;
    replaceHash(userHref(userId, { range }));
    replaceChildren(links,
      h('a', {
        class: 'btn', 'data-testid': 'user-traces',
        href: buildHash('/traces', { q: filterTerm('user', userId), range: state.range }),
      }, 'Traces of this user'),
      h('a', { class: 'btn', 'data-testid': 'user-sessions', href: buildHash('/sessions', { user: userId, range }) }, 'Sessions'));
  }

  async function load() {
    const myGeneration = ++generation;
    replaceChildren(body, loadingState('Loading the user…'));
    const { from, to } = userBounds(state.range);
    try {
      const user = await api.getUser(userId, { from, to, bucket: 'day' }, { signal: lifetime.signal });
      if (myGeneration !== generation) return;
      render(user, Date.parse(from), Date.parse(to));
    } catch (error) {
      if (error.name === 'AbortError' || error.unauthorized || myGeneration !== generation) return;
      if (error.status === 404) {
        replaceChildren(body, h('div', { class: 'state state-empty', 'data-testid': 'user-not-found' },
          h('div', { class: 'state-title' }, `No calls by ${userId} in this range`),
          h('div', { class: 'state-detail' }, `Nothing in the ${userRange(state.range).title.toLowerCase()}; try a longer range.`)));
      } else {
        replaceChildren(body, errorState('Could not load the user', error, () => load()));
      }
    }
  }

  function render(user, from, to) {
    const series = (user.series ?? []).map((point) => ({ ...point, t: Date.parse(point.time) }))
      .filter((point) => Number.isFinite(point.t)).sort((a, b) => a.t - b.t);
    const start = Math.min(from, ...series.map((point) => point.t));
    replaceChildren(body,
      entityTiles([
        ['cost', 'Cost', formatCost(user.costUsd)],
        ['calls', 'LLM calls', formatCount(user.calls)],
        ['traces', 'Traces', formatCount(user.traces)],
        ['sessions', 'Sessions', formatCount(user.sessions)],
        ['tokens', 'Tokens in / out', `${formatTokens(user.inputTokens)} / ${formatTokens(user.outputTokens)}`],
        ['errors', 'Errors', formatCount(user.errors)],
        ['first-seen', 'First seen', h('span', { title: formatDateTime(user.firstSeen) }, formatRelative(user.firstSeen))],
        ['last-seen', 'Last seen', h('span', { title: formatDateTime(user.lastSeen) }, formatRelative(user.lastSeen))],
      ]),
      h('section', { class: 'panel' },
        h('div', { class: 'panel-header' }, h('h2', { class: 'panel-title' }, 'Per day')),
        h('div', { class: 'charts' },
          lineChart({
            title: 'Cost (USD)', testId: 'user-cost-chart', from: start, to, format: formatCost,
            series: [{ name: 'Cost', colorIndex: 0, points: series.map((point) => ({ t: point.t, v: point.costUsd ?? null })) }],
          }),
          lineChart({
            title: 'LLM calls', testId: 'user-calls-chart', from: start, to, format: formatCount,
            series: [{ name: 'Calls', colorIndex: 1, points: series.map((point) => ({ t: point.t, v: point.calls ?? 0 })) }],
          }))));
  }
}

/** A row of figures: `[[id, label, text]]`. */
export function entityTiles(figures) {
  return h('div', { class: 'tiles', 'data-testid': 'tiles' }, figures.map(([id, label, value]) => h('div', { class: 'tile', 'data-tile': id },
    h('div', { class: 'tile-label' }, label),
    h('div', { class: 'tile-value' }, value))));
}
