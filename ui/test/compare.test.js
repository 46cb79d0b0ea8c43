import { test } from 'node:test';
import assert from 'node:assert/strict';
import { screenshot } from './support/browser.js';
import { eventually, useSuite, withPage } from './support/suite.js';
import { formatCost, formatCount, formatDecimal } from '../src/main/resources/META-INF/resources/js/format.js';
import { priceText } from '../src/main/resources/META-INF/resources/js/usage-figures.js';

const suite = useSuite();

const isPath = (path) => (request) => new URL(request.url()).pathname === path;

/** Two models of the last 7 days that both have priced calls, from the API. */
async function twoPricedModels() {
  const to = new Date(Math.ceil(Date.now() / 60_000) * 60_000);
  const from = new Date(to.getTime() - 7 * 86_400_000);
  const query = new URLSearchParams({ from: from.toISOString(), to: to.toISOString(), bucket: '1d', group_by: 'model' });
  const rows = (await suite.oracle.get(`/api/v1/metrics?${query}`)).rows.filter((row) => row.cost.usd != null);
  const models = [...new Set(rows.map((row) => row.group.model))].sort();
  assert.ok(models.length >= 2, 'the server needs two priced models in the last 7 days');
  return models.slice(0, 2);
}

test('choosing models A and B shows the API\'s comparison side by side', async () => {
  const [a, b] = await twoPricedModels();
  await withPage(suite, '/compare', async ({ page }) => {
    await page.locator('[data-testid="compare-prompt"]').waitFor();
    await eventually(async () => (await page.locator('select[data-filter="a"] option').count()) > 2, 'the model lists are filled');
    await page.locator('select[data-filter="a"]').selectOption(a);
    const [request] = await Promise.all([
      page.waitForRequest((candidate) => isPath('/api/v1/compare')(candidate) && new URL(candidate.url()).searchParams.get('b') === b),
      page.locator('select[data-filter="b"]').selectOption(b),
    ]);
    const url = new URL(request.url());
    const expected = await suite.oracle.get(`${url.pathname}${url.search}`);
    const table = page.locator('[data-testid="compare-table"]');
    await table.waitFor();
    const value = (metric, side) => table.locator(`tr[data-metric="${metric}"] td[data-col="${side}"]`).textContent();
    for (const side of ['a', 'b']) {
      assert.equal(await value('calls', side), formatCount(expected[side]?.calls ?? 0), `${side} calls`);
      assert.ok((await value('cost', side)).startsWith(formatCost(expected[side].cost.usd)), `${side} cost`);
    }
    for (const score of expected.scores) {
      for (const side of ['a', 'b']) {
        const shown = score[side] ? `${formatDecimal(score[side].average)} (${formatCount(score[side].scored)} scored)` : '—';
        assert.equal(await value(`score-${score.name}`, side), shown, `${side} ${score.name} score`);
      }
    }
    if (expected.scores.length === 0) {
      assert.ok((await page.locator('body').textContent()).includes(expected.scoresNote));
    }
    assert.match(page.url(), new RegExp(`a=${encodeURIComponent(a)}&b=${encodeURIComponent(b)}`));
    await screenshot(page, 'compare');
  });
});

test('what-if re-prices the range as another model per service and in total, with the stated assumption', async () => {
  const [source, target] = await twoPricedModels();
  let whatIfRequest;
  await withPage(suite, `/compare?source=${encodeURIComponent(source)}&target=${encodeURIComponent(target)}`, async ({ page }) => {
    const url = new URL((await whatIfRequest).url());
    assert.equal(url.searchParams.get('model'), target);
    assert.equal(url.searchParams.get('source_model'), source);
    const expected = await suite.oracle.get(`${url.pathname}${url.search}`);
    await page.locator('[data-testid="what-if-table"]').waitFor();
    assert.equal(await page.locator('[data-testid="what-if-assumption"]').textContent(), expected.assumption);
    const priceLine = await page.locator('[data-testid="what-if-price"]').textContent();
    assert.ok(priceLine.includes(`served by ${expected.targetProvider}`), `${priceLine} names the provider`);
    assert.ok(expected.targetPrices.length > 0, 'the answer names the prices it applied');
    for (const price of expected.targetPrices) {
      assert.ok(priceLine.includes(priceText(price)), `${priceLine} shows ${priceText(price)}`);
    }
    for (const line of [...expected.services, { ...expected.total, service: '(total)' }]) {
      const row = page.locator(`tr.what-if-row[data-service="${line.service}"]`);
      assert.equal(await row.locator('[data-col="calls"]').textContent(), formatCount(line.calls), `${line.service} calls`);
      assert.equal(await row.locator('[data-col="actual"]').textContent(), formatCost(line.actualUsd), `${line.service} actual cost`);
      assert.equal(await row.locator('[data-col="what-if"]').textContent(), formatCost(line.whatIfUsd), `${line.service} what-if cost`);
    }
    await screenshot(page, 'what-if');
  }, { beforeGoto: (page) => { whatIfRequest = page.waitForRequest(isPath('/api/v1/what-if')); } });
});

test('re-pricing as a model without a price shows the API\'s message', async () => {
  await withPage(suite, '/compare', async ({ page }) => {
    await page.locator('[data-testid="what-if-prompt"]').waitFor();
    await page.locator('input[data-field="target"]').fill('acme-private-7');
    const [answer] = await Promise.all([
      page.waitForResponse((response) => isPath('/api/v1/what-if')(response.request()) && response.status() === 400),
      page.getByRole('button', { name: 'Re-price' }).click(),
    ]);
    const { message } = await answer.json();
    assert.match(message, /^model: no price is known for acme-private-7/);
    const error = page.locator('.state-error');
    await error.waitFor();
    assert.ok((await error.textContent()).includes(`${message} (HTTP 400)`));
    await screenshot(page, 'what-if-error');
  });
});

test('when the model list cannot be loaded, the page says why instead of leaving the dropdowns empty', async () => {
  await withPage(suite, '/compare', async ({ page }) => {
    const error = page.locator('.toolbar-error');
    await error.waitFor();
    assert.match(await error.textContent(), /Could not load the models: ClickHouse is not reachable \(HTTP 503\)/);
  }, {
    beforeGoto: (page) => page.route(/\/api\/v1\/models$/, (route) => route.fulfill({
      status: 503, contentType: 'application/json',
      body: JSON.stringify({ error: 'storage_unavailable', message: 'ClickHouse is not reachable' }),
    })),
  });
});
