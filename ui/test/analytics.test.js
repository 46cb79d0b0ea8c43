import { test } from 'node:test';
import assert from 'node:assert/strict';
import { screenshot } from './support/browser.js';
import { eventually, useSuite, withPage } from './support/suite.js';
import { formatCost, formatCount, formatTokens } from '../src/main/resources/META-INF/resources/js/format.js';
import { filterTerm } from '../src/main/resources/META-INF/resources/js/filter-query.js';
import { mergeScores, scoresText } from '../src/main/resources/META-INF/resources/js/score-figures.js';

const suite = useSuite();

const isMetricsCall = (url) => new URL(url).pathname === '/api/v1/metrics';
/** The page's request for one row per group over the range (bucket 1d, grouped by `groupBy`). */
const isTableCall = (groupBy) => (request) => isMetricsCall(request.url())
  && new URL(request.url()).searchParams.get('bucket') === '1d'
  && new URL(request.url()).searchParams.get('group_by') === groupBy;

/** The API's own answer to the page's request, summed per group value, computed here independently of the UI. */
async function expectedGroups(requestUrl) {
  const url = new URL(requestUrl);
  const dimension = url.searchParams.get('group_by');
  const answer = await suite.oracle.get(`${url.pathname}${url.search}`);
  const groups = new Map();
  for (const row of answer.rows) {
    const key = row.group[dimension] ?? '';
    const group = groups.get(key) ?? { calls: 0, errors: 0, input: 0, output: 0, usd: null };
    group.calls += row.calls;
    group.errors += row.errors;
    group.input += row.tokens.input;
    group.output += row.tokens.output;
    if (row.cost.usd != null) group.usd = (group.usd ?? 0) + row.cost.usd;
    groups.set(key, group);
  }
  return groups;
}

function cell(page, group, column) {
  return page.locator(`tr.group-row[data-group="${group}"] td[data-col="${column}"]`);
}

test('the dashboard shows each model\'s calls, tokens and cost as the API counts them, and the totals', async () => {
  let tableRequest;
  await withPage(suite, '/analytics?range=24h', async ({ page }) => {
    const request = await tableRequest;
    await page.locator('[data-testid="group-table"]').waitFor();
    const expected = await expectedGroups(request.url());
    assert.ok(expected.size > 0, 'the server needs LLM calls in the last 24 hours');

    const shown = await page.locator('tr.group-row').evaluateAll((rows) => rows.map((row) => row.dataset.group));
    assert.deepEqual(new Set(shown), new Set(expected.keys()), 'one row per model the API reports');
    for (const [model, figures] of expected) {
      assert.equal(await cell(page, model, 'calls').textContent(), formatCount(figures.calls), `${model} calls`);
      assert.match(await cell(page, model, 'input-tokens').textContent(), new RegExp(`^${escape(formatTokens(figures.input))}`), `${model} input tokens`);
      assert.match(await cell(page, model, 'output-tokens').textContent(), new RegExp(`^${escape(formatTokens(figures.output))}`), `${model} output tokens`);
      const cost = await cell(page, model, 'cost').textContent();
      if (figures.usd == null) {
        assert.equal(cost, 'unpriced', `${model} has no price and is not shown as $0`);
      } else {
        assert.ok(cost.startsWith(formatCost(figures.usd)), `${model} cost ${cost} is ${formatCost(figures.usd)}`);
      }
    }

    const all = [...expected.values()];
    const tile = (id) => page.locator(`[data-tile="${id}"] .tile-value`).textContent();
    assert.equal(await tile('calls'), formatCount(all.reduce((sum, group) => sum + group.calls, 0)));
    assert.match(await tile('input-tokens'), new RegExp(`^${escape(formatTokens(all.reduce((sum, group) => sum + group.input, 0)))}`));
    assert.match(await tile('output-tokens'), new RegExp(`^${escape(formatTokens(all.reduce((sum, group) => sum + group.output, 0)))}`));
    const pricedUsd = all.filter((group) => group.usd != null).reduce((sum, group) => sum + group.usd, 0);
    assert.ok((await tile('cost')).startsWith(formatCost(pricedUsd)), 'total cost of the priced calls');
    if (all.some((group) => group.usd == null)) {
      assert.match(await tile('cost'), /unpriced/, 'calls without a price are called out next to the total');
    }
    for (const chart of ['chart-cost', 'chart-calls', 'chart-latency']) {
      assert.ok(await page.locator(`[data-testid="${chart}"] polyline, [data-testid="${chart}"] circle`).count() > 0, `${chart} is drawn`);
    }
    await screenshot(page, 'analytics');
  }, { beforeGoto: (page) => { tableRequest = page.waitForRequest(isTableCall('model')); } });
});

test('each model\'s scores show as the API aggregates them for its calls', async () => {
  let tableRequest;
  await withPage(suite, '/analytics?range=24h', async ({ page }) => {
    const request = await tableRequest;
    await page.locator('[data-testid="group-table"]').waitFor();
    const url = new URL(request.url());
    assert.match(url.searchParams.get('fields') ?? '', /scores/, 'the table asks for scores');
    const answer = await suite.oracle.get(`${url.pathname}${url.search}`);
    assert.ok(answer.rows.length > 0, 'the server needs LLM calls in the last 24 hours');
    const byModel = new Map();
    for (const row of answer.rows) byModel.set(row.group.model ?? '', [...(byModel.get(row.group.model ?? '') ?? []), row]);
    for (const [model, rows] of byModel) {
      assert.equal(await cell(page, model, 'scores').textContent(), scoresText(mergeScores(rows)), `${model} scores`);
    }
    if (suite.target.usesMock) {
      assert.ok(answer.rows.some((row) => Object.keys(row.scores ?? {}).length > 0), 'the mock scores some calls');
    }
  }, { beforeGoto: (page) => { tableRequest = page.waitForRequest(isTableCall('model')); } });
});

test('grouping by service or prompt version changes the table and is kept in the address', async () => {
  await withPage(suite, '/analytics?range=24h', async ({ page }) => {
    await page.locator('[data-testid="group-table"][data-group-by="model"]').waitFor();
    for (const dimension of ['service', 'prompt_version']) {
      const [request] = await Promise.all([
        page.waitForRequest(isTableCall(dimension)),
        page.locator(`button.segment[data-group="${dimension}"]`).click(),
      ]);
      await page.locator(`[data-testid="group-table"][data-group-by="${dimension}"]`).waitFor();
      const expected = await expectedGroups(request.url());
      const shown = await page.locator('tr.group-row').evaluateAll((rows) => rows.map((row) => row.dataset.group));
      assert.deepEqual(new Set(shown), new Set(expected.keys()), `one row per ${dimension}`);
      for (const [value, figures] of expected) {
        assert.equal(await cell(page, value, 'calls').textContent(), formatCount(figures.calls), `${dimension} ${value} calls`);
      }
      assert.match(page.url(), new RegExp(`group=${dimension}`));
    }
    await screenshot(page, 'analytics-by-prompt-version');
  });
});

test('a service filter narrows the table to that service\'s calls', async () => {
  let tableRequest;
  await withPage(suite, '/analytics?range=24h', async ({ page }) => {
    const unfiltered = await expectedGroups((await tableRequest).url());
    await page.locator('[data-testid="group-table"]').waitFor();
    const select = page.locator('select[data-filter="service"]');
    await eventually(async () => (await select.locator('option').count()) > 2, 'the service dropdown lists two or more services');
    const service = await select.locator('option').nth(1).getAttribute('value');

    const [request] = await Promise.all([
      page.waitForRequest((candidate) => isTableCall('model')(candidate) && new URL(candidate.url()).searchParams.get('service') === service),
      select.selectOption(service),
    ]);
    const narrowed = await expectedGroups(request.url());
    const total = (groups) => [...groups.values()].reduce((sum, group) => sum + group.calls, 0);
    assert.ok(total(narrowed) < total(unfiltered), 'the service has fewer calls than all services together');
    await eventually(async () => (await page.locator('[data-tile="calls"] .tile-value').textContent()) === formatCount(total(narrowed)),
      `the calls tile shows ${service}'s ${total(narrowed)} calls`);
    const shown = await page.locator('tr.group-row').evaluateAll((rows) => rows.map((row) => row.dataset.group));
    assert.deepEqual(new Set(shown), new Set(narrowed.keys()), `only the models ${service} called`);
    assert.match(page.url(), new RegExp(`service=${encodeURIComponent(service)}`));
  }, { beforeGoto: (page) => { tableRequest = page.waitForRequest(isTableCall('model')); } });
});

test('clicking a model opens its traces, filtered by it over the same range', async () => {
  await withPage(suite, '/analytics?range=7d', async ({ page }) => {
    const link = page.locator('tr.group-row td[data-col="group"] a').first();
    await link.waitFor();
    const model = await link.textContent();
    const [listRequest] = await Promise.all([
      page.waitForRequest((request) => new URL(request.url()).pathname === '/api/v1/traces'),
      link.click(),
    ]);
    assert.equal(new URL(listRequest.url()).searchParams.get('q'), filterTerm('model', model));
    assert.match(page.url(), /#\/traces\?/);
    assert.equal(await page.locator('[data-testid="filter-input"]').inputValue(), filterTerm('model', model));
    assert.equal(await page.locator('button.segment[data-range="7d"]').getAttribute('aria-pressed'), 'true');
  });
});

test('an API error is shown with the API\'s message', async () => {
  const tooLong = 'x'.repeat(600);
  let refused;
  await withPage(suite, `/analytics?model=${tooLong}`, async ({ page }) => {
    const answer = await refused;
    const { message } = await answer.json();
    const error = page.locator('.state-error');
    await error.waitFor();
    assert.match(message, /^model: /, 'the API names the parameter');
    assert.ok((await error.textContent()).includes(`${message} (HTTP 400)`), 'the page shows the API message');
    await screenshot(page, 'analytics-error');
  }, { beforeGoto: (page) => { refused = page.waitForResponse((response) => isMetricsCall(response.url()) && response.status() === 400); } });
});

function escape(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

test('the charts mark each silent model swap and alert firing at its minute, with a tooltip and a legend entry', async () => {
  let swapsRequest;
  let eventsRequest;
  await withPage(suite, '/analytics?range=24h', async ({ page }) => {
    const swapsUrl = new URL((await swapsRequest).url());
    const swaps = (await suite.oracle.get(`${swapsUrl.pathname}${swapsUrl.search}`)).swaps;
    const eventsUrl = new URL((await eventsRequest).url());
    const firings = (await suite.oracle.get(`${eventsUrl.pathname}${eventsUrl.search}`).catch(() => ({ events: [] })))
      .events.filter((event) => event.type === 'transition' && event.to === 'firing');
    assert.ok(swaps.length > 0, 'the server needs a silent model swap in the last 24 hours');
    const chart = page.locator('[data-testid="chart-calls"]');
    await chart.locator('svg').waitFor();
    assert.equal(await chart.locator('g.chart-marker[data-marker="swap"]').count(), swaps.length, 'one marker per swap');
    assert.equal(await chart.locator('g.chart-marker[data-marker="alert"]').count(), firings.length, 'one marker per alert firing');
    const title = await chart.locator('g.chart-marker[data-marker="swap"] title').first().textContent();
    assert.match(title, new RegExp(`Model swap: ${escape(swaps[0].requestModel)} answered by`));
    assert.match(await page.locator('.chart-legend [data-legend="swap"]').textContent(), new RegExp(`model swap \\(${swaps.length}\\)`));
    await screenshot(page, 'analytics-markers');
  }, {
    beforeGoto: (page) => {
      swapsRequest = page.waitForRequest((request) => new URL(request.url()).pathname === '/api/v1/drift/swaps');
      eventsRequest = page.waitForRequest((request) => new URL(request.url()).pathname === '/api/v1/alerts/events');
    },
  });
});
