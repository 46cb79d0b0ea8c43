import { test } from 'node:test';
import assert from 'node:assert/strict';
import { screenshot } from './support/browser.js';
import { eventually, useSuite, visibleTraceIds, withPage } from './support/suite.js';
import { formatCost, formatCount } from '../src/main/resources/META-INF/resources/js/format.js';
import { filterTerm } from '../src/main/resources/META-INF/resources/js/filter-query.js';

const suite = useSuite();
const WEEK_MS = 7 * 24 * 3_600_000;

const pathOf = (url) => new URL(url).pathname;
const rowIds = (page, selector, field) => page.locator(selector).evaluateAll(
  (rows, name) => rows.map((row) => row.dataset[name]), field);

/** The last 7 days as the API's query string. */
function lastWeek() {
  const to = Date.now();
  return new URLSearchParams({ from: new Date(to - WEEK_MS).toISOString(), to: new Date(to).toISOString() });
}

/** Users of the last 7 days, as the API lists them; fails naming the data a real server must hold. */
async function recentUsers() {
  const { users } = await suite.oracle.get(`/api/v1/users?${lastWeek()}`);
  assert.ok(users.length > 0, 'the server needs LLM calls with a user id in the last 7 days for this test');
  return users;
}

test('the users page lists the API\'s users, sorts them and searches by prefix', async () => {
  const users = await recentUsers();
  let first = null;
  await withPage(suite, '/users', async ({ page }) => {
    const listed = (await (await first).json()).users;
    await page.locator('tr.user-row').first().waitFor();
    assert.deepEqual(await rowIds(page, 'tr.user-row', 'userId'), listed.map((user) => user.userId), 'rows in the API\'s order');
    const top = listed[0];
    const row = page.locator('tr.user-row').first();
    assert.equal(await row.locator('td[data-col="calls"]').textContent(), formatCount(top.calls));
    assert.equal(await row.locator('td[data-col="cost"]').textContent(), formatCost(top.costUsd));
    assert.equal(await page.locator('th[aria-sort="descending"]').textContent(), 'Cost ▼', 'sorted by cost by default');
    await screenshot(page, 'users');

    const [byCalls] = await Promise.all([
      page.waitForResponse((response) => pathOf(response.url()) === '/api/v1/users'
        && new URL(response.url()).searchParams.get('sort') === 'calls'),
      page.locator('button.sort-button[data-sort="calls"]').click(),
    ]);
    const sorted = (await byCalls.json()).users;
    await eventually(async () => JSON.stringify(await rowIds(page, 'tr.user-row', 'userId'))
      === JSON.stringify(sorted.map((user) => user.userId)), 'rows follow the calls order');
    assert.match(page.url(), /sort=calls/);

    const prefix = users[0].userId.slice(0, 1);
    const [searched] = await Promise.all([
      page.waitForResponse((response) => pathOf(response.url()) === '/api/v1/users'
        && new URL(response.url()).searchParams.get('prefix') === prefix),
      page.locator('[data-testid="user-search"]').fill(prefix),
    ]);
    const found = (await searched.json()).users;
    assert.ok(found.some((user) => user.userId === users[0].userId), 'the search finds the user');
    await eventually(async () => JSON.stringify(await rowIds(page, 'tr.user-row', 'userId'))
      === JSON.stringify(found.map((user) => user.userId)), 'rows are the search\'s answer');
  }, {
    beforeGoto: (page) => {
      first = page.waitForResponse((response) => pathOf(response.url()) === '/api/v1/users');
    },
  });
});

test('a user\'s page shows totals and calls per day, and links to the user\'s traces', async () => {
  const [user] = await recentUsers();
  await withPage(suite, '/users', async ({ page }) => {
    const link = page.locator(`tr.user-row[data-user-id="${user.userId}"] a.entity-link`);
    const [answer] = await Promise.all([
      page.waitForResponse((response) => pathOf(response.url()) === `/api/v1/users/${encodeURIComponent(user.userId)}`),
      link.click(),
    ]);
    assert.equal(new URL(answer.url()).searchParams.get('bucket'), 'day');
    const detail = await answer.json();
    const tile = (id) => page.locator(`[data-tile="${id}"] .tile-value`).textContent();
    await page.locator('[data-testid="tiles"]').waitFor();
    assert.equal(await tile('calls'), formatCount(detail.calls));
    assert.equal(await tile('cost'), formatCost(detail.costUsd));
    assert.equal(await tile('traces'), formatCount(detail.traces));
    assert.equal(await page.locator('h1').textContent(), `User ${user.userId}`);
    const callsChart = page.locator('[data-testid="user-calls-chart"]');
    if (detail.series.some((point) => point.calls > 0)) {
      assert.equal(await callsChart.locator('circle.chart-dot').count(), detail.series.length, 'a point per day');
    }
    await screenshot(page, 'user');

    const [traces] = await Promise.all([
      page.waitForRequest((request) => pathOf(request.url()) === '/api/v1/traces'
        && new URL(request.url()).searchParams.get('q') === filterTerm('user', user.userId)),
      page.locator('[data-testid="user-traces"]').click(),
    ]);
    assert.ok(traces);
    await visibleTraceIds(page);
    await eventually(async () => (await page.locator('tr.trace-row td[data-col="user"]').allTextContents())
      .every((text) => text === user.userId), 'the trace list shows only this user\'s traces');
  });
});

test('sessions list a user\'s conversations, and a session shows its traces in order', async () => {
  const { sessions } = await suite.oracle.get(`/api/v1/sessions?${lastWeek()}`);
  const session = sessions.find((candidate) => candidate.userId && candidate.traces >= 2) ?? sessions[0];
  assert.ok(session, 'the server needs traces with a session id in the last 7 days for this test');
  const route = session.userId ? `/sessions?user=${encodeURIComponent(session.userId)}` : '/sessions';
  await withPage(suite, route, async ({ page }) => {
    const row = page.locator(`tr.session-row[data-session-id="${session.sessionId}"]`);
    await row.waitFor();
    if (session.userId) {
      assert.equal(await page.locator('[data-testid="session-user"]').inputValue(), session.userId);
      const users = await page.locator('tr.session-row td[data-col="user"]').allTextContents();
      assert.ok(users.every((text) => text === session.userId), 'only the user\'s sessions are listed');
    }
    assert.equal(await row.locator('td[data-col="traces"]').textContent(), formatCount(session.traces));
    await screenshot(page, 'sessions');

    const [answer] = await Promise.all([
      page.waitForResponse((response) => pathOf(response.url()) === `/api/v1/sessions/${encodeURIComponent(session.sessionId)}`),
      row.locator('a.entity-link').first().click(),
    ]);
    const detail = await answer.json();
    await page.locator('[data-testid="session-traces-table"]').waitFor();
    assert.deepEqual(await rowIds(page, 'tr.session-trace-row', 'traceId'), detail.traceList.map((trace) => trace.traceId),
      'the traces in the API\'s order, oldest first');
    const starts = detail.traceList.map((trace) => Date.parse(trace.startTime));
    assert.deepEqual(starts, [...starts].sort((a, b) => a - b), 'the API lists them oldest first');
    const tile = (id) => page.locator(`[data-tile="${id}"] .tile-value`).textContent();
    assert.equal(await tile('cost'), formatCost(detail.costUsd));
    assert.equal(await tile('calls'), formatCount(detail.calls));
    await screenshot(page, 'session');

    const first = detail.traceList[0];
    await page.locator(`tr.session-trace-row[data-trace-id="${first.traceId}"] a.trace-link`).click();
    await page.locator('[data-testid="waterfall"]').waitFor();
    assert.match(page.url(), new RegExp(`#/traces/${first.traceId}`));
  });
});

test('the header links to users and sessions, and the trace list links a trace\'s session', async () => {
  const withSession = (await suite.oracle.recentTraces()).find((trace) => trace.sessionId);
  assert.ok(withSession, 'the server needs a trace with a session id in the last 7 days for this test');
  await withPage(suite, '/traces?range=7d&limit=500&live=off', async ({ page }) => {
    await visibleTraceIds(page);
    const cell = page.locator(`tr.trace-row[data-trace-id="${withSession.traceId}"] td[data-col="session"] a`);
    assert.equal(await cell.textContent(), withSession.sessionId);
    await cell.click();
    await page.locator('[data-testid="session-traces-table"]').waitFor();
    assert.equal(await page.locator('[data-nav="sessions"]').getAttribute('aria-current'), 'page');
    await page.locator('[data-nav="users"]').click();
    await page.locator('tr.user-row, [data-testid="users-empty"]').first().waitFor();
    assert.equal(await page.locator('[data-nav="users"]').getAttribute('aria-current'), 'page');
  });
});
