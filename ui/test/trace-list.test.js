import { test } from 'node:test';
import assert from 'node:assert/strict';
import { screenshot } from './support/browser.js';
import { columnTexts, eventually, useSuite, visibleTraceIds, withPage } from './support/suite.js';
import { formatCost, formatDuration, formatTokens } from '../src/main/resources/META-INF/resources/js/format.js';
import { filterTerm } from '../src/main/resources/META-INF/resources/js/filter-query.js';

const suite = useSuite();

const isListCall = (url) => /\/api\/v1\/traces(\?|$)/.test(new URL(url).pathname + new URL(url).search);

test('rows show the API\'s traces with tokens, cost, duration and models', async () => {
  const known = new Map((await suite.oracle.recentTraces()).map((trace) => [trace.traceId, trace]));
  await withPage(suite, '/traces?range=7d', async ({ page }) => {
    const ids = await visibleTraceIds(page);
    assert.ok(ids.length > 0, 'the list has rows');
    const rows = page.locator('tr.trace-row');
    for (let index = 0; index < Math.min(ids.length, 10); index += 1) {
      const expected = known.get(ids[index]);
      assert.ok(expected, `row ${ids[index]} is a trace the API knows`);
      const cell = (column) => rows.nth(index).locator(`td[data-col="${column}"]`).textContent();
      // A trace with estimated tokens carries the "est." flag after its count.
      assert.equal(await cell('tokens-in'), formatTokens(expected.inputTokens) + (expected.estimatedCalls > 0 ? 'est.' : ''));
      assert.equal(await cell('tokens-out'), formatTokens(expected.outputTokens));
      assert.equal(await cell('duration'), formatDuration(expected.durationMs));
      assert.equal(await cell('spans'), formatTokens(expected.spanCount));
      assert.equal(await cell('user'), expected.userId ?? '', 'the user column shows the trace\'s user');
      assert.equal(await cell('session'), expected.sessionId ?? '', 'the session column shows the trace\'s session');
      if (expected.llmCalls > 0) assert.equal(await cell('cost'), formatCost(expected.costUsd));
      assert.ok((await cell('trace')).startsWith(expected.rootName), 'root name shown');
      assert.equal(await rows.nth(index).locator('.chip-model').count(), Math.min(3, expected.models.length));
      assert.equal(await rows.nth(index).locator('td[data-col="status"] .badge-error').count(), expected.hasError ? 1 : 0);
    }
    assert.ok((await columnTexts(page, 'tokens-in')).some((text) => text.includes(',')) || !suite.target.usesMock,
      'token counts have thousands separators');
    await screenshot(page, 'trace-list');
  });
});

test('a trace whose models have no price shows "unpriced"', async () => {
  const unpriced = (await suite.oracle.recentTraces()).find((trace) => trace.llmCalls > 0 && trace.costUsd == null);
  assert.ok(unpriced, 'the server needs a recent trace with an unpriced LLM call');
  await withPage(suite, '/traces?range=7d&limit=500', async ({ page }) => {
    await visibleTraceIds(page);
    const cost = page.locator(`tr.trace-row[data-trace-id="${unpriced.traceId}"] td[data-col="cost"]`);
    assert.equal(await cost.textContent(), 'unpriced');
    assert.match(await cost.getAttribute('class'), /unpriced/);
  });
});

test('a service chosen in the filter bar is sent as q, shows only that service and is kept in the address', async () => {
  await withPage(suite, '/traces?range=7d', async ({ page }) => {
    await visibleTraceIds(page);
    const input = page.locator('[data-testid="filter-input"]');
    const service = await chooseSuggestion(page, input, 'service');

    const [request] = await Promise.all([
      page.waitForRequest((candidate) => isListCall(candidate.url()) && queryOf(candidate.url()) === filterTerm('service', service)),
      input.press('Enter'),
    ]);
    const params = new URL(request.url()).searchParams;
    assert.ok(params.get('from') && params.get('to'), 'the time range is sent too');
    assert.equal(params.get('service'), null, 'the filter goes as q only');

    await eventually(async () => {
      const services = await columnTexts(page, 'service');
      return services.length > 0 && services.every((text) => text === service);
    }, `every row belongs to ${service}`);
    assert.equal(hashParams(page).get('q'), filterTerm('service', service), 'the query is in the address');
  });
});

test('a model filter and the time range presets change the request', async () => {
  await withPage(suite, '/traces', async ({ page }) => {
    await visibleTraceIds(page);
    const input = page.locator('[data-testid="filter-input"]');
    const model = await chooseSuggestion(page, input, 'model');
    const [modelRequest] = await Promise.all([
      page.waitForRequest((request) => isListCall(request.url()) && queryOf(request.url()) === filterTerm('model', model)),
      input.press('Enter'),
    ]);
    assert.equal(spanMinutes(modelRequest.url()), 60, 'the default range is the last hour');

    const [rangeRequest] = await Promise.all([
      page.waitForRequest((request) => isListCall(request.url()) && spanMinutes(request.url()) === 15),
      page.locator('button.segment[data-range="15m"]').click(),
    ]);
    assert.equal(queryOf(rangeRequest.url()), filterTerm('model', model), 'the query is kept when the range changes');
    assert.equal(await page.locator('button.segment[data-range="15m"]').getAttribute('aria-pressed'), 'true');
    assert.match(page.url(), /range=15m/);
  });
});

test('"Load more" fetches the next page with nextCursor and appends it', async () => {
  const total = (await suite.oracle.recentTraces(12)).length;
  assert.ok(total > 5, 'the server needs more than 5 traces in the last 7 days');
  await withPage(suite, '/traces?range=7d&limit=5', async ({ page }) => {
    const firstAnswer = await page.waitForResponse((response) => isListCall(response.url()));
    const firstPage = await firstAnswer.json();
    const firstIds = await visibleTraceIds(page);
    assert.equal(firstIds.length, 5);
    assert.ok(firstPage.nextCursor, 'the first page has a cursor');

    const [moreRequest] = await Promise.all([
      page.waitForRequest((request) => isListCall(request.url()) && new URL(request.url()).searchParams.has('cursor')),
      page.locator('[data-testid="load-more"]').click(),
    ]);
    assert.equal(new URL(moreRequest.url()).searchParams.get('cursor'), firstPage.nextCursor);
    await eventually(async () => (await page.locator('tr.trace-row').count()) > 5, 'more rows appear');
    const allIds = await visibleTraceIds(page);
    assert.deepEqual(allIds.slice(0, 5), firstIds, 'the first page stays on top');
    assert.equal(new Set(allIds).size, allIds.length, 'no trace is listed twice');
  });
});

test('auto-refresh reloads every 5 s and stops when switched off', async () => {
  await withPage(suite, '/traces', async ({ page }) => {
    await visibleTraceIds(page);
    let listCalls = 0;
    page.on('request', (request) => { if (isListCall(request.url())) listCalls += 1; });
    await page.clock.fastForward(5_100);
    await eventually(() => listCalls >= 1, 'a refresh request after 5 s');
    assert.equal(await page.locator('tr.trace-row').count() > 0, true, 'a silent refresh keeps the table');

    await page.locator('label.toggle').click();
    assert.equal(await page.locator('#auto-refresh').isChecked(), false);
    assert.match(page.url(), /live=off/, 'the choice is part of the address');
    const beforeManual = listCalls;
    await page.clock.fastForward(20_000);
    await Promise.all([
      page.waitForRequest((request) => isListCall(request.url())),
      page.getByRole('button', { name: 'Refresh' }).click(),
    ]);
    assert.equal(listCalls, beforeManual + 1, 'only the manual refresh ran once auto-refresh was off');
  }, { beforeGoto: (page) => page.clock.install() });
});

test('an empty result explains how to send data to the OTLP endpoints', async () => {
  // Auto-refresh off and the key press checked, as below: a swallowed 'r' used to wait for the 5 s refresh instead.
  await withPage(suite, '/traces?live=off', async ({ page }) => {
    await page.locator('[data-testid="empty-state"], tr.trace-row').first().waitFor();
    await page.route(/\/api\/v1\/traces\?/, (route) => route.fulfill({
      status: 200, contentType: 'application/json', body: JSON.stringify({ traces: [], nextCursor: null }),
    }));
    await page.bringToFront();
    const refreshed = page.waitForRequest(/\/api\/v1\/traces\?/);
    await page.keyboard.press('r');
    await refreshed;
    const empty = page.locator('[data-testid="empty-state"]');
    await empty.waitFor();
    const text = await empty.textContent();
    assert.match(text, /No traces yet/);
    assert.match(text, /http:\/\/127\.0\.0\.1:4318/);
    assert.match(text, /127\.0\.0\.1:4317/);
    assert.match(text, /-javaagent:/);
    await screenshot(page, 'trace-list-empty');
  });
});

test('an API error shows an error state, and Retry loads the list', async () => {
  // Auto-refresh off: a refresh already in flight when 'r' is pressed would swallow the key press.
  await withPage(suite, '/traces?live=off', async ({ page }) => {
    await visibleTraceIds(page);
    await page.route(/\/api\/v1\/traces\?/, (route) => route.fulfill({
      status: 503, contentType: 'application/json',
      body: JSON.stringify({ error: 'storage_unavailable', message: 'ClickHouse is not reachable' }),
    }));
    // Key presses go to the page that has the browser's focus: make sure it is this one (under load a page just
    // opened may not have it yet), then see that the key really asked for the list again.
    await page.bringToFront();
    const refreshed = page.waitForRequest(/\/api\/v1\/traces\?/);
    await page.keyboard.press('r');
    await refreshed;
    const error = page.locator('.state-error');
    await error.waitFor();
    assert.match(await error.textContent(), /Could not load traces.*ClickHouse is not reachable \(HTTP 503\)/s);
    await screenshot(page, 'trace-list-error');

    await page.unroute(/\/api\/v1\/traces\?/);
    await error.getByRole('button', { name: 'Retry' }).click();
    assert.ok((await visibleTraceIds(page)).length > 0);
  });
});

test('j/k move through the rows and Enter opens the trace', async () => {
  await withPage(suite, '/traces?range=7d', async ({ page }) => {
    const ids = await visibleTraceIds(page);
    assert.ok(ids.length >= 2, 'needs two traces');
    await page.keyboard.press('j'); // focuses the first row
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.traceId), ids[1]);
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="waterfall"]').waitFor();
    assert.match(page.url(), new RegExp(`#/traces/${ids[1]}`));
  });
});

/**
 * Types `key:` into the filter bar and accepts the first value the server suggests (↓, Enter): the bar then holds
 * `key:value `. Returns the value.
 */
async function chooseSuggestion(page, input, key) {
  await input.click();
  const [answer] = await Promise.all([
    page.waitForResponse((response) => new URL(response.url()).pathname === '/api/v1/traces/suggest'
      && new URL(response.url()).searchParams.get('key') === key),
    input.fill(`${key}:`),
  ]);
  const { values } = await answer.json();
  assert.ok(values.length > 0, `the server suggests a ${key} (it needs traces with one in the range)`);
  await page.locator('[data-testid="suggestions"] [role="option"]').first().waitFor();
  await input.press('ArrowDown');
  await input.press('Enter');
  assert.equal(await input.inputValue(), `${filterTerm(key, values[0])} `, 'the chosen value completes the term');
  return values[0];
}

/** The parameters of the page's hash route. */
function hashParams(page) {
  return new URLSearchParams(new URL(page.url()).hash.split('?')[1] ?? '');
}

function queryOf(url) {
  return new URL(url).searchParams.get('q');
}

/** Length of the request's from..to window in minutes. */
function spanMinutes(url) {
  const params = new URL(url).searchParams;
  return Math.round((Date.parse(params.get('to')) - Date.parse(params.get('from'))) / 60_000);
}
