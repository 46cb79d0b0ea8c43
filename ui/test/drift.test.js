import { test } from 'node:test';
import assert from 'node:assert/strict';
import { screenshot } from './support/browser.js';
import { eventually, useSuite, withPage } from './support/suite.js';
import { formatCount } from '../src/main/resources/META-INF/resources/js/format.js';

const suite = useSuite();

const isPath = (path) => (request) => new URL(request.url()).pathname === path;

test('the swaps table lists each silent model swap the API reports, with what changed', async () => {
  let swapsRequest;
  await withPage(suite, '/drift?range=24h', async ({ page }) => {
    const url = new URL((await swapsRequest).url());
    const expected = (await suite.oracle.get(`${url.pathname}${url.search}`)).swaps;
    assert.ok(expected.length > 0, 'the server needs a request model whose response model changed in the last 24 hours');
    await page.locator('[data-testid="swaps-table"]').waitFor();
    const rows = page.locator('tr.swap-row');
    assert.equal(await rows.count(), expected.length);
    for (let index = 0; index < expected.length; index += 1) {
      const swap = expected[index];
      const change = await rows.nth(index).locator('td[data-col="change"]').textContent();
      assert.equal(await rows.nth(index).getAttribute('data-request-model'), swap.requestModel);
      assert.ok(change.includes(`${swap.fromResponseModel}`) && change.includes(`→ ${swap.toResponseModel}`),
        `the change ${change} names both response models`);
      const figures = await rows.nth(index).locator('td[data-col="before-after"]').textContent();
      assert.ok(figures.includes(`calls${formatCount(swap.before.calls)}${formatCount(swap.after.calls)}`), 'calls before and after');
    }
    await screenshot(page, 'drift-swaps');
  }, { beforeGoto: (page) => { swapsRequest = page.waitForRequest(isPath('/api/v1/drift/swaps')); } });
});

test('a drift check of a model shows every metric with its samples, and says when there are not enough', async () => {
  await withPage(suite, '/drift?range=24h', async ({ page }) => {
    const subject = page.locator('select[data-filter="subject"]');
    await eventually(async () => (await subject.locator('option').count()) > 1, 'the model dropdown is filled');
    const model = await subject.locator('option').nth(1).getAttribute('value');
    const [request] = await Promise.all([
      page.waitForRequest(isPath('/api/v1/drift')),
      subject.selectOption(model),
    ]);
    assert.equal(new URL(request.url()).searchParams.get('model'), model);
    const url = new URL(request.url());
    const expected = await suite.oracle.get(`${url.pathname}${url.search}`);

    await page.locator('[data-testid="drift-table"]').waitFor();
    const rows = page.locator('tr.drift-row');
    assert.equal(await rows.count(), expected.metrics.length);
    for (const metric of expected.metrics) {
      const row = page.locator(`tr.drift-row[data-metric="${metric.metric}"]`);
      assert.equal(await row.locator('td[data-col="samples"]').textContent(),
        `${formatCount(metric.baselineSamples)} / ${formatCount(metric.currentSamples)}`);
      assert.equal(await row.getAttribute('data-verdict'), metric.verdict);
      if (metric.verdict === 'insufficient_samples') {
        assert.equal(await row.locator('td[data-col="verdict"]').textContent(), 'not enough samples');
      }
    }
    if (expected.metrics.every((metric) => metric.verdict === 'insufficient_samples')) {
      assert.match(await page.locator('[data-testid="drift-verdict"]').textContent(),
        new RegExp(`Not enough samples .*at least ${formatCount(expected.minSamples)} calls`));
    }
    assert.match(page.url(), new RegExp(`subject=${encodeURIComponent(model)}`));
    await screenshot(page, 'drift-check');
  });
});
