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
    // Without a subject the page opens on the overview, which tests every model itself: let it
    // finish, so the request awaited below is the chosen model's check.
    await page.locator('[data-testid="drift-overview"]').waitFor();
    await eventually(async () => (await page.locator('tr.drift-overview-row').count())
      === (await page.locator('tr.drift-overview-row[data-verdict]').count()), 'the overview has tested every model');
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

test('without a subject, the overview tests every model at most four at a time, with its verdict and biggest change', async () => {
  let inFlight = 0;
  let most = 0;
  let drifting;
  const driftRequests = [];
  await withPage(suite, '/drift?range=24h', async ({ page }) => {
    const overview = page.locator('[data-testid="drift-overview"]');
    await overview.waitFor();
    const rows = page.locator('tr.drift-overview-row');
    await eventually(async () => (await rows.count()) > 1, 'the overview lists two or more models');
    const subjects = await rows.evaluateAll((list) => list.map((row) => row.dataset.subject));
    await eventually(async () => (await page.locator('tr.drift-overview-row[data-verdict]').count()) === subjects.length, 'every row has its verdict');
    assert.ok(most <= 4, `at most 4 drift tests at once (saw ${most})`);
    assert.deepEqual(new Set(driftRequests.map((url) => url.searchParams.get('model'))), new Set(subjects), 'one drift test per model');

    for (const url of driftRequests) {
      const model = url.searchParams.get('model');
      const row = page.locator(`tr.drift-overview-row[data-subject="${model}"]`);
      if (model === drifting) {
        assert.equal(await row.getAttribute('data-verdict'), 'drift');
        assert.equal(await row.locator('td[data-col="verdict"]').textContent(), 'drift');
        assert.match(await row.locator('td[data-col="change"]').textContent(), /^Latency \(median\) \+85%/, 'the biggest drifted metric');
        continue;
      }
      const expected = await suite.oracle.get(`${url.pathname}${url.search}`);
      const verdicts = expected.metrics.map((metric) => metric.verdict);
      const verdict = verdicts.includes('drift') ? 'drift' : verdicts.every((value) => value === 'insufficient_samples') ? 'insufficient_samples' : 'no_drift';
      assert.equal(await row.getAttribute('data-verdict'), verdict, `${model}'s verdict`);
    }
    await screenshot(page, 'drift-overview');

    // A row opens the full check of its model.
    const first = subjects[0];
    const [request] = await Promise.all([
      page.waitForRequest((candidate) => isPath('/api/v1/drift')(candidate) && new URL(candidate.url()).searchParams.get('model') === first),
      page.getByRole('button', { name: first, exact: true }).click(),
    ]);
    assert.ok(request);
    await page.locator('[data-testid="drift-table"]').waitFor();
    assert.equal(await page.locator('select[data-filter="subject"]').inputValue(), first);
    assert.match(page.url(), new RegExp(`subject=${encodeURIComponent(first)}`));

    // The switch lists services instead.
    await page.locator('select[data-filter="subject"]').selectOption('');
    await page.locator('button.segment[data-overview-kind="service"]').click();
    await eventually(async () => (await page.locator('tr.drift-overview-row').count()) > 0
      && (await page.locator('[data-testid="drift-overview"] thead th').first().textContent()) === 'Service', 'the overview lists services');
  }, {
    beforeGoto: (page) => page.route((url) => url.pathname === '/api/v1/drift', async (route) => {
      const url = new URL(route.request().url());
      driftRequests.push(url);
      inFlight += 1;
      most = Math.max(most, inFlight);
      // The first model tested is answered with a drift, so the overview shows one whatever the server holds.
      drifting ??= url.searchParams.get('model');
      const response = await route.fetch();
      await new Promise((done) => setTimeout(done, 100)); // hold answers so overlapping requests show
      inFlight -= 1;
      if (url.searchParams.get('model') !== drifting) return route.fulfill({ response });
      const body = await response.json();
      body.metrics = body.metrics.map((metric) => (metric.metric === 'latency_ms'
        ? { ...metric, verdict: 'drift', baseline: 1000, current: 1850, relativeChange: 0.85, pValue: 0.00002 }
        : metric.metric === 'cost_per_call_usd' ? { ...metric, verdict: 'drift', relativeChange: -0.4, pValue: 0.001 } : metric));
      return route.fulfill({ response, json: body });
    }),
  });
});

test('a subject\'s scores are drift metrics: a score that dropped shows with its mean, a share and a mix beside it', async () => {
  // Whatever the server holds, the check is answered with three scores added: helpfulness (numeric) dropped 10%.
  const scores = [
    { metric: 'score:helpfulness', test: 'mann_whitney_u', baseline: 0.8, current: 0.72, change: -0.08, relativeChange: -0.1,
      pValue: 2e-9, baselineSamples: 500, currentSamples: 500, verdict: 'drift' },
    { metric: 'score:resolved', test: 'chi_square_2x2', baseline: 0.9, current: 0.89, change: -0.01, relativeChange: -0.011,
      pValue: 0.6, baselineSamples: 500, currentSamples: 500, verdict: 'no_drift' },
    { metric: 'score:tone', test: 'chi_square_homogeneity', baseline: null, current: null, change: 0.02, relativeChange: null,
      pValue: 0.5, baselineSamples: 500, currentSamples: 500, verdict: 'no_drift' },
  ];
  await withPage(suite, '/drift?range=24h', async ({ page }) => {
    // The overview names the dropped score as the biggest change of every row.
    await page.locator('[data-testid="drift-overview"]').waitFor();
    const rows = page.locator('tr.drift-overview-row');
    await eventually(async () => (await rows.count()) > 0
      && (await rows.count()) === (await page.locator('tr.drift-overview-row[data-verdict]').count()), 'every row has its verdict');
    assert.equal(await rows.first().getAttribute('data-verdict'), 'drift');
    assert.match(await rows.first().locator('td[data-col="change"]').textContent(), /^Score “helpfulness” -10%/);

    await rows.first().locator('button.subject-button').click();
    await page.locator('[data-testid="drift-table"]').waitFor();
    const helpfulness = page.locator('tr.drift-row[data-metric="score:helpfulness"]');
    assert.equal(await helpfulness.getAttribute('data-verdict'), 'drift');
    const cells = await helpfulness.locator('td').allTextContents();
    assert.equal(cells[0], 'Score “helpfulness” (mean)');
    assert.deepEqual(cells.slice(1, 3), ['0.8', '0.72']);
    assert.equal(cells[6], '500 / 500');
    assert.match(await page.locator('[data-testid="drift-verdict"]').textContent(), /drift in Score “helpfulness”/);
    const resolved = await page.locator('tr.drift-row[data-metric="score:resolved"] td').allTextContents();
    assert.equal(resolved[0], 'Score “resolved” (share true)');
    assert.deepEqual(resolved.slice(1, 3), ['90%', '89%']);
    const tone = await page.locator('tr.drift-row[data-metric="score:tone"] td').allTextContents();
    assert.equal(tone[0], 'Score “tone” (mix)');
    assert.equal(tone[1], '—');
    await screenshot(page, 'drift-scores');
  }, {
    beforeGoto: (page) => page.route((url) => url.pathname === '/api/v1/drift', async (route) => {
      const response = await route.fetch();
      const body = await response.json();
      // The calls' own metrics are kept but not drifting, so the score is the biggest change.
      body.metrics = [...body.metrics.map((metric) => (metric.verdict === 'drift' ? { ...metric, verdict: 'no_drift' } : metric)), ...scores];
      body.drifted = true;
      return route.fulfill({ response, json: body });
    }),
  });
});
