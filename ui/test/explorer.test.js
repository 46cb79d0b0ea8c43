import { test } from 'node:test';
import assert from 'node:assert/strict';
import { screenshot } from './support/browser.js';
import { eventually, useSuite, visibleTraceIds, withPage } from './support/suite.js';
import { filterTerm } from '../src/main/resources/META-INF/resources/js/filter-query.js';

const suite = useSuite();

const pathOf = (url) => new URL(url).pathname;
const isListCall = (url) => pathOf(url) === '/api/v1/traces';
const isSuggest = (url) => pathOf(url) === '/api/v1/traces/suggest';
const queryOf = (url) => new URL(url).searchParams.get('q');
const unique = (prefix) => `${prefix} ${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
const input = (page) => page.locator('[data-testid="filter-input"]');
const options = (page) => page.locator('[data-testid="suggestions"] [role="option"]');

/** The parameters of the page's hash route. */
function hashParams(page) {
  return new URLSearchParams(new URL(page.url()).hash.split('?')[1] ?? '');
}

/** Length of a request's from..to window. */
function spanMillis(url) {
  const params = new URL(url).searchParams;
  return Date.parse(params.get('to')) - Date.parse(params.get('from'));
}

/** Calls the target's API from Node with any method. */
async function api(method, path, body) {
  const response = await fetch(`${suite.target.baseUrl}${path}`, {
    method,
    headers: { Authorization: `Bearer ${suite.target.apiKey}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
  return text ? JSON.parse(text) : null;
}

/** Runs `q` from the bar; resolves with the list's answer once its rows are shown. */
async function runQuery(page, q) {
  await input(page).fill(q);
  const [response] = await Promise.all([
    page.waitForResponse((candidate) => isListCall(candidate.url()) && (queryOf(candidate.url()) ?? '') === q),
    input(page).press('Enter'),
  ]);
  return response;
}

test('the filter bar completes keys, then the server\'s values, and Enter runs the query', async () => {
  await withPage(suite, '/traces?range=7d&live=off', async ({ page }) => {
    await visibleTraceIds(page);
    await input(page).click();

    // The start of a term offers the keys the server lists.
    const [keysAnswer] = await Promise.all([
      page.waitForResponse((response) => isSuggest(response.url()) && !new URL(response.url()).searchParams.has('key')),
      page.keyboard.type('mo'),
    ]);
    assert.ok((await keysAnswer.json()).keys.includes('model'), 'the server lists the model key');
    await eventually(async () => (await options(page).allTextContents()).some((text) => text.startsWith('model')),
      'the key list offers model');
    assert.equal(await input(page).getAttribute('aria-expanded'), 'true');

    // Tab accepts it; after `model:` come the server's values, in its order.
    const [valuesAnswer] = await Promise.all([
      page.waitForResponse((response) => isSuggest(response.url()) && new URL(response.url()).searchParams.get('key') === 'model'),
      page.keyboard.press('Tab'),
    ]);
    assert.equal(await input(page).inputValue(), 'model:');
    const request = new URL(valuesAnswer.url()).searchParams;
    assert.ok(request.get('from') && request.get('to'), 'values are asked for the list\'s time range');
    const { values } = await valuesAnswer.json();
    assert.ok(values.length > 0, 'the server suggests a model (it needs LLM calls in the last 7 days)');
    await eventually(async () => (await options(page).count()) === values.length, 'every suggested value is offered');

    // Typing on narrows them (debounced: one request for the prefix), ↓ + Enter accepts one.
    const model = values[0];
    const prefix = model.slice(0, 2);
    const [narrowed] = await Promise.all([
      page.waitForResponse((response) => isSuggest(response.url())
        && new URL(response.url()).searchParams.get('prefix') === prefix),
      page.keyboard.type(prefix),
    ]);
    const narrowedValues = (await narrowed.json()).values;
    assert.ok(narrowedValues.includes(model), 'the narrowed list still has the model');
    await eventually(async () => (await options(page).count()) === narrowedValues.length, 'the narrowed values are offered');
    await page.keyboard.press('ArrowDown');
    assert.equal(await options(page).first().getAttribute('aria-selected'), 'true', 'the arrow chose the first value');
    await page.keyboard.press('Enter');
    const term = filterTerm('model', narrowedValues[0]);
    assert.equal(await input(page).inputValue(), `${term} `);
    assert.equal(await page.locator('[data-testid="suggestions"]').isHidden(), true, 'the list closed');

    // Esc closes an open list without running anything.
    await page.keyboard.type('sta');
    await options(page).first().waitFor();
    await page.keyboard.press('Escape');
    assert.equal(await page.locator('[data-testid="suggestions"]').isHidden(), true, 'Esc closed the list');
    await screenshot(page, 'explorer-filter-bar');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');

    // Enter with nothing chosen runs the query.
    const [list] = await Promise.all([
      page.waitForResponse((response) => isListCall(response.url()) && queryOf(response.url()) === term),
      page.keyboard.press('Enter'),
    ]);
    const { traces } = await list.json();
    await eventually(async () => JSON.stringify(await page.locator('tr.trace-row')
      .evaluateAll((rows) => rows.map((row) => row.dataset.traceId))) === JSON.stringify(traces.map((trace) => trace.traceId)),
    'the rows are the answer to the query');
    assert.equal(hashParams(page).get('q'), term, 'the query is in the address');
  });
});

test('the address holds the query: a reload shows the same list, and old service= links become q', async () => {
  const recent = await suite.oracle.recentTraces(100);
  assert.ok(recent.some((trace) => trace.hasError), 'the server needs a trace with an error in the last 7 days');
  await withPage(suite, `/traces?range=7d&live=off&q=${encodeURIComponent('status:error')}`, async ({ page }) => {
    const first = await visibleTraceIds(page);
    assert.equal(await input(page).inputValue(), 'status:error');
    assert.equal(await page.locator('tr.trace-row td[data-col="status"] .badge-error').count(), first.length,
      'every row of status:error has an error');
    const [again] = await Promise.all([
      page.waitForRequest((request) => isListCall(request.url()) && queryOf(request.url()) === 'status:error'),
      page.reload(),
    ]);
    assert.ok(again);
    await eventually(async () => (await input(page).inputValue()) === 'status:error', 'the bar shows the query again');
    assert.deepEqual(await visibleTraceIds(page), first, 'the reload shows the same list');
  });

  const service = recent[0].service;
  const listCalls = [];
  await withPage(suite, `/traces?range=7d&live=off&service=${encodeURIComponent(service)}`, async ({ page }) => {
    await visibleTraceIds(page);
    assert.equal(await input(page).inputValue(), filterTerm('service', service));
    assert.equal(hashParams(page).get('q'), filterTerm('service', service), 'the address now carries q');
    assert.equal(hashParams(page).get('service'), null, 'and no longer service=');
    assert.equal(queryOf(listCalls[0]), filterTerm('service', service), 'the first list call sends q');
  }, {
    beforeGoto: (page) => page.on('request', (request) => { if (isListCall(request.url())) listCalls.push(request.url()); }),
  });
});

test('a view is saved, chosen from the views list and deleted; a 403 is shown plainly', async () => {
  const name = unique('errors only');
  let saved = null;
  try {
    await withPage(suite, `/traces?range=7d&live=off&q=${encodeURIComponent('status:error')}`, async ({ page }) => {
      await visibleTraceIds(page);
      await page.locator('[data-testid="save-view"]').click();
      const form = page.locator('[data-testid="save-view-form"]');
      await form.getByLabel('View name').fill(name);
      const [created] = await Promise.all([
        page.waitForResponse((response) => pathOf(response.url()) === '/api/v1/views' && response.request().method() === 'POST'),
        form.getByRole('button', { name: 'Save' }).click(),
      ]);
      assert.ok([200, 201].includes(created.status()), `the view was saved (HTTP ${created.status()})`);
      saved = await created.json();
      assert.deepEqual(JSON.parse(created.request().postData()), { name, q: 'status:error' });
      const item = page.locator(`.view-item[data-view-id="${saved.id}"]`);
      await item.waitFor();
      assert.match(await item.textContent(), new RegExp(name));
      await screenshot(page, 'explorer-views');

      // Another query, then the view brings status:error back.
      await page.keyboard.press('Escape');
      await runQuery(page, '');
      await page.locator('[data-testid="views-button"]').click();
      await Promise.all([
        page.waitForRequest((request) => isListCall(request.url()) && queryOf(request.url()) === 'status:error'),
        item.locator('.view-choose').click(),
      ]);
      assert.equal(await input(page).inputValue(), 'status:error');
      assert.equal(hashParams(page).get('q'), 'status:error');

      // Deleted from the list.
      await page.locator('[data-testid="views-button"]').click();
      const [deleted] = await Promise.all([
        page.waitForResponse((response) => pathOf(response.url()) === `/api/v1/views/${saved.id}`
          && response.request().method() === 'DELETE'),
        item.getByRole('button', { name: `Delete view ${name}` }).click(),
      ]);
      assert.equal(deleted.status(), 204);
      saved = null;
      await item.waitFor({ state: 'detached' });

      // A key without admin scope: the server's 403 is shown as it is.
      await page.route((url) => url.pathname === '/api/v1/views', (route) => (route.request().method() === 'POST'
        ? route.fulfill({
          status: 403, contentType: 'application/json',
          body: JSON.stringify({ error: 'forbidden', message: 'this key lacks the admin scope' }),
        })
        : route.continue()));
      await page.locator('[data-testid="save-view"]').click();
      await form.getByLabel('View name').fill(unique('not allowed'));
      await form.getByRole('button', { name: 'Save' }).click();
      const message = page.locator('[data-testid="views-error"]');
      await eventually(async () => /admin key.*this key lacks the admin scope \(HTTP 403\)/.test(await message.textContent()),
        'the 403 is shown with the server\'s message');
    });
  } finally {
    if (saved) await api('DELETE', `/api/v1/views/${saved.id}`).catch(() => {});
  }
});

test('a quoted phrase finds traces by their text and the snippet marks the match', async () => {
  let phrase = null;
  const { summary } = await suite.oracle.findTrace('an LLM call whose captured output has two words in a row', (trace) => {
    for (const span of trace.spans) {
      const text = (span.llm?.output ?? []).flatMap((message) => message.parts ?? [])
        .filter((part) => part.type === 'text').map((part) => part.content).join(' ');
      const words = /\b[A-Za-z]{2,} [A-Za-z]{2,}\b/.exec(text);
      if (words) {
        phrase = words[0];
        return true;
      }
    }
    return false;
  });
  await withPage(suite, '/traces?range=7d&live=off', async ({ page }) => {
    await visibleTraceIds(page);
    const q = `"${phrase.toUpperCase()}"`; // full-text search ignores case
    const answer = await (await runQuery(page, q)).json();
    const found = answer.traces.find((trace) => trace.traceId === summary.traceId);
    assert.ok(found, `the trace whose output says "${phrase}" is found`);
    assert.ok(found.match, 'a free-text query gives the trace its match');
    await eventually(async () => (await page.locator('tr.match-row').count()) === answer.traces.filter((trace) => trace.match).length,
      'every matched trace shows its snippet');

    const row = page.locator(`tr.match-row[data-match-for="${found.traceId}"]`);
    const marks = await row.locator('mark').allTextContents();
    const expected = found.match.highlights.map(([start, end]) => found.match.snippet.slice(start, end));
    assert.deepEqual(marks, expected, 'the highlight ranges are the marked text');
    assert.ok(phrase.toLowerCase().split(' ').every((word) => marks.some((mark) => mark.toLowerCase().includes(word))),
      'the phrase is marked (as one range or word by word)');
    assert.equal((await row.locator('.match-snippet').textContent()), found.match.snippet, 'the snippet is shown whole, as text');
    assert.match(await row.locator('.match-field').textContent(), new RegExp(`^in ${found.match.field === 'name' ? 'span name' : found.match.field}`));
    assert.equal(await row.locator('.match-field').getAttribute('href'),
      `#/traces/${found.traceId}?span=${encodeURIComponent(found.match.spanId)}`, 'the field links to the matching span');
    await screenshot(page, 'explorer-full-text');
  });
});

test('a malformed query shows the server\'s 400 under the bar with its position marked', async () => {
  await withPage(suite, '/traces?range=7d&live=off', async ({ page }) => {
    await visibleTraceIds(page);
    const q = 'status:error latency:>soon';
    const refused = await runQuery(page, q);
    assert.equal(refused.status(), 400);
    const { message } = await refused.json();
    const [, position, detail] = /^q: position (\d+): (.*)$/s.exec(message) ?? [];
    assert.ok(position, `the server names the position: ${message}`);

    const error = page.locator('[data-testid="filter-error"]');
    await error.waitFor();
    assert.match(await error.textContent(), new RegExp(`Position ${position}: ${detail.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    const mark = error.locator('mark.filter-error-at');
    assert.equal(await mark.getAttribute('data-position'), position);
    assert.equal(await mark.textContent(), q[Number(position) - 1] ?? ' ', 'the character at the position is marked');
    assert.equal(await error.locator('[data-testid="filter-error-query"]').textContent(),
      Number(position) > q.length ? `${q} ` : q, 'the query is shown around the mark');
    assert.equal(await input(page).getAttribute('aria-invalid'), 'true');
    await page.locator('[data-testid="query-error-state"]').waitFor();
    await screenshot(page, 'explorer-query-error');

    await runQuery(page, 'status:error');
    await error.waitFor({ state: 'hidden' });
    assert.equal(await input(page).getAttribute('aria-invalid'), null);
  });
});

test('dragging across the chart narrows the time range, and "Reset range" restores it', async () => {
  let firstHistogram = null;
  await withPage(suite, '/traces?range=24h&live=off', async ({ page }) => {
    const histogram = await firstHistogram;
    const chart = await histogram.json();
    assert.equal(new URL(histogram.url()).searchParams.get('buckets'), '60');
    assert.equal(chart.points.length > 0, true, 'every bucket is present');
    const plot = page.locator('[data-testid="histogram-plot"]');
    await plot.waitFor();
    await visibleTraceIds(page).catch(() => {}); // an empty day is fine: the chart still narrows
    const rangeFrom = Date.parse(chart.from);
    const rangeTo = Date.parse(chart.to);

    const box = await plot.boundingBox();
    const y = box.y + box.height / 2;
    const [narrowed] = await Promise.all([
      page.waitForRequest((request) => isListCall(request.url()) && spanMillis(request.url()) < rangeTo - rangeFrom),
      (async () => {
        await page.mouse.move(box.x + box.width * 0.4, y);
        await page.mouse.down();
        await page.mouse.move(box.x + box.width * 0.6, y, { steps: 6 });
        await page.mouse.up();
      })(),
    ]);
    const params = new URL(narrowed.url()).searchParams;
    const from = Date.parse(params.get('from'));
    const to = Date.parse(params.get('to'));
    assert.equal(params.get('from'), hashParams(page).get('from'), 'the narrowed range is in the address');
    assert.equal(params.get('to'), hashParams(page).get('to'));
    assert.ok(from >= rangeFrom && to <= rangeTo && to - from < rangeTo - rangeFrom, 'the range is narrower');
    const widthShare = (to - from) / (rangeTo - rangeFrom);
    assert.ok(widthShare > 0.05 && widthShare < 0.5, `about a fifth of the chart was selected (${widthShare.toFixed(2)})`);
    assert.equal(await page.locator('button.segment[data-range][aria-pressed="true"]').count(), 0, 'no preset is pressed');
    const reset = page.locator('[data-testid="reset-range"]');
    await reset.waitFor();
    await screenshot(page, 'explorer-narrowed');

    const [back] = await Promise.all([
      page.waitForRequest((request) => isListCall(request.url())),
      reset.click(),
    ]);
    const backParams = new URL(back.url()).searchParams;
    assert.equal(Math.round((Date.parse(backParams.get('to')) - Date.parse(backParams.get('from'))) / 3_600_000), 24);
    assert.equal(hashParams(page).has('from'), false, 'the address has the preset again');
    assert.equal(await page.locator('button.segment[data-range="24h"]').getAttribute('aria-pressed'), 'true');
  }, {
    beforeGoto: (page) => {
      firstHistogram = page.waitForResponse((response) => pathOf(response.url()) === '/api/v1/traces/histogram');
    },
  });
});
