import { test } from 'node:test';
import assert from 'node:assert/strict';
import { screenshot } from './support/browser.js';
import { eventually, useSuite, withPage } from './support/suite.js';
import { formatCount } from '../src/main/resources/META-INF/resources/js/format.js';

const suite = useSuite();

const isPath = (path, method) => (request) => new URL(request.url()).pathname === path && (!method || request.method() === method);
const isResponse = (path, method) => (response) => isPath(path, method)(response.request());
const unique = (prefix) => `${prefix} ${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;

/** Calls the target's API from Node, as the oracle does, with any method. */
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

function field(page, name) {
  return page.locator(`[data-field="${name}"]`);
}

test('a rule made in the form: errors at their field, a live backtest preview, then saved and listed', async () => {
  await withPage(suite, '/alerts/new', async ({ page }) => {
    const name = unique('p95 latency');
    await page.locator('form.rule-form').waitFor();

    // Client-side checks: an empty name and a malformed duration, each shown at its field.
    await page.getByRole('button', { name: 'Create rule' }).click();
    assert.equal(await field(page, 'name').locator('.field-error').textContent(), 'is required');
    assert.equal(await page.getByLabel('Name', { exact: true }).getAttribute('aria-invalid'), 'true');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('name')), 'name', 'the first wrong field has the focus');
    await page.getByLabel('Name', { exact: true }).fill(name);
    assert.equal(await field(page, 'name').locator('.field-error').isHidden(), true, 'typing clears the error');
    await page.getByLabel('Metric').selectOption('latency_p95_ms');
    await page.getByLabel('Window').fill('10 minutes');
    await page.getByRole('button', { name: 'Create rule' }).click();
    assert.match(await field(page, 'window').locator('.field-error').textContent(), /must be a duration/);

    // The live preview: a backtest of the unsaved rule, debounced, with the would-have-fired count and shading.
    await page.getByLabel('Window').fill('1h');
    const [answer] = await Promise.all([
      page.waitForResponse((response) => isResponse('/api/v1/alerts/rules/backtest', 'POST')(response)
        && JSON.parse(response.request().postData()).threshold === 1000),
      page.getByRole('spinbutton', { name: 'Threshold', exact: true }).fill('1000'),
    ]);
    const backtest = await answer.json();
    const request = JSON.parse(answer.request().postData());
    assert.equal(request.metric, 'latency_p95_ms');
    assert.equal(request.window, '1h');
    const wouldFire = page.locator('[data-testid="would-fire"]');
    await eventually(async () => (await wouldFire.getAttribute('data-fired')) === String(backtest.fired), 'the preview shows the backtest');
    assert.match(await wouldFire.textContent(), new RegExp(`Would have fired ${formatCount(backtest.fired)} times? in the last 24 hours`));
    const chart = page.locator('[data-testid="preview-chart"]');
    assert.equal(await chart.locator('.chart-threshold.threshold-critical').count(), 1, 'the threshold line is drawn');
    assert.equal(await chart.locator('rect.chart-band').count(), backtest.firings.length, 'one shaded span per firing');
    if (backtest.firings.length) assert.ok(await page.locator('tr.firing-row').count() > 0, 'the firing intervals are listed');
    await screenshot(page, 'alerts-rule-form');

    // 7 days asks for a week.
    const [weekRequest] = await Promise.all([
      page.waitForRequest(isPath('/api/v1/alerts/rules/backtest', 'POST')),
      page.locator('button.segment[data-preview-range="7d"]').click(),
    ]);
    const url = new URL(weekRequest.url());
    const days = (Date.parse(url.searchParams.get('to')) - Date.parse(url.searchParams.get('from'))) / 86_400_000;
    assert.equal(days, 7);
    await eventually(async () => /in the last 7 days/.test(await wouldFire.textContent()), 'the preview covers 7 days');

    // The server's 400 goes to the field it names.
    if (suite.target.usesMock) {
      await page.getByLabel('Warning threshold').fill('5000');
      const [refused] = await Promise.all([
        page.waitForResponse((response) => isResponse('/api/v1/alerts/rules', 'POST')(response) && response.status() === 400),
        page.getByRole('button', { name: 'Create rule' }).click(),
      ]);
      const { message } = await refused.json();
      assert.match(message, /^warnThreshold: /);
      await eventually(async () => (await field(page, 'warnThreshold').locator('.field-error').textContent())
        === message.replace(/^warnThreshold: /, ''), 'the server message is shown at the warning threshold');
      await screenshot(page, 'alerts-rule-form-server-error');
      await page.getByLabel('Warning threshold').fill('800');
    }

    const [created] = await Promise.all([
      page.waitForResponse((response) => isResponse('/api/v1/alerts/rules', 'POST')(response) && response.status() === 201),
      page.getByRole('button', { name: 'Create rule' }).click(),
    ]);
    const rule = await created.json();
    const row = page.locator(`tr.rule-row[data-rule-id="${rule.id}"]`);
    await row.waitFor();
    assert.equal(await row.locator('.rule-link').textContent(), name);
    assert.match(await row.locator('td[data-col="condition"]').textContent(), /^p95 latency > 1\.00 s · 1h window/);
    await row.locator('td[data-col="sparkline"] svg.sparkline').waitFor();
    assert.equal(await row.locator('td[data-col="sparkline"] .spark-threshold').count() >= 1, true, 'the sparkline shows the threshold');
    await screenshot(page, 'alerts-rules');
    await api('DELETE', `/api/v1/alerts/rules/${rule.id}`);
  });
});

test('rule sparklines load lazily, at most three backtests at a time', async () => {
  let inFlight = 0;
  let most = 0;
  await withPage(suite, '/alerts', async ({ page }) => {
    const { rules } = await api('GET', '/api/v1/alerts/rules');
    await page.locator('[data-testid="rules-table"]').waitFor();
    await eventually(async () => (await page.locator('td[data-col="sparkline"][data-loaded="true"], td[data-col="sparkline"] .inline-error').count())
      === Math.min(rules.length, await page.locator('tr.rule-row').count()), 'every visible rule has its sparkline');
    assert.ok(most <= 3, `at most 3 backtests ran at once (saw ${most})`);
    const file = rules.find((rule) => rule.source === 'file');
    if (file) {
      assert.match(await page.locator(`tr.rule-row[data-rule-id="${file.id}"] .read-only`).textContent(), /read-only/);
      await page.locator(`tr.rule-row[data-rule-id="${file.id}"] .rule-link`).click();
      await page.locator('[data-testid="read-only-notice"]').waitFor();
      assert.equal(await page.getByRole('button', { name: 'Save changes' }).isDisabled(), true, 'a file rule cannot be saved');
      assert.equal(await page.getByLabel('Name', { exact: true }).isDisabled(), true);
    }
  }, {
    beforeGoto: (page) => page.route((url) => /\/api\/v1\/alerts\/rules\/[^/]+\/backtest$/.test(url.pathname), async (route) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      const response = await route.fetch();
      await new Promise((done) => setTimeout(done, 120)); // hold the answer so overlapping requests show
      inFlight -= 1;
      await route.fulfill({ response });
    }),
  });
});

test('a rule that fires shows in the header badge, in Alerts with a prefilled silence, and in History', async (t) => {
  if (!suite.target.usesMock) {
    t.skip('needs the mock server to evaluate rules on demand');
    return;
  }
  const rule = await api('POST', '/api/v1/alerts/rules', {
    name: unique('support-bot calls'), kind: 'threshold', filter: { service: 'support-bot' }, metric: 'calls', op: '>=',
    threshold: 1, window: '1h', severity: 'critical', annotations: { summary: 'support-bot <b>is</b> busy' },
  });
  await withPage(suite, '/traces', async ({ page, baseUrl }) => {
    const badge = page.locator('[data-testid="alert-badge"]');
    const before = (await api('GET', '/api/v1/alerts?state=firing')).alerts.length;
    if (before > 0) await eventually(async () => (await badge.getAttribute('data-count')) === String(before), 'the badge counts the firing alerts');

    // Watch it fire: the mock evaluates now; the badge refreshes on the next navigation.
    const evaluated = await (await fetch(`${baseUrl}/__mock/alerts/evaluate`, { method: 'POST' })).json();
    const firing = evaluated.alerts.filter((alert) => alert.state === 'firing');
    assert.ok(firing.some((alert) => alert.ruleId === rule.id), 'the new rule fires');
    await page.locator('[data-nav="analytics"]').click();
    await eventually(async () => (await badge.getAttribute('data-count')) === String(firing.length), `the badge shows ${firing.length}`);
    assert.equal(await badge.locator('.alert-badge-count').textContent(), String(firing.length));
    assert.equal(await badge.getAttribute('aria-label'), `${firing.length} alerts firing`);
    await screenshot(page, 'alerts-badge');

    await badge.click();
    const row = page.locator(`tr.alert-row[data-rule-id="${rule.id}"]`);
    await row.waitFor();
    assert.equal(await row.getAttribute('data-state'), 'firing');
    assert.equal(await page.locator('tr.alert-row').first().getAttribute('data-state'), 'firing', 'firing alerts come first');
    assert.equal(await row.locator('.muted.small').first().textContent(), 'support-bot <b>is</b> busy', 'server text stays text');
    const alert = firing.find((candidate) => candidate.ruleId === rule.id);
    assert.equal(await row.locator('td[data-col="value"]').textContent(), formatCount(alert.value));
    assert.equal(await row.locator('a', { hasText: 'Traces' }).getAttribute('href'), alert.url.replace(/^\//, ''));
    await screenshot(page, 'alerts-active');

    // Silence it from its row: the form comes prefilled with the alert's labels.
    await row.getByRole('link', { name: 'Silence…' }).click();
    await page.locator('[data-testid="silence-form"]').waitFor();
    const names = await page.locator('.matcher-name').evaluateAll((inputs) => inputs.map((input) => input.value));
    const values = await page.locator('.matcher-value').evaluateAll((inputs) => inputs.map((input) => input.value));
    assert.ok(names.includes('alertname') && values.includes(rule.name), 'alertname matcher prefilled');
    assert.ok(!names.includes('rule_id'), 'rule ids are not used as matchers');
    await page.getByLabel('Comment').fill('looking into it');
    await screenshot(page, 'alerts-silence-form');
    const [created] = await Promise.all([
      page.waitForResponse((response) => isResponse('/api/v1/alerts/silences', 'POST')(response) && response.status() === 201),
      page.getByRole('button', { name: 'Create silence' }).click(),
    ]);
    const silence = await created.json();
    await page.locator(`tr.silence-row[data-silence-id="${silence.id}"][data-state="active"]`).waitFor();
    await page.locator('[data-tab="active"]').click();
    await row.locator('.silenced').waitFor();

    // History: the transition to firing, filtered by the rule.
    await page.goto(`${baseUrl}/#/alerts/history?rule=${rule.id}`);
    await page.locator('li.event').first().waitFor();
    const transitions = page.locator('li.event[data-type="transition"][data-to="firing"]');
    assert.ok(await transitions.count() >= 1, 'the firing transition is listed');
    assert.match(await transitions.first().textContent(), /inactive → firing|pending → firing/);
    await screenshot(page, 'alerts-history');
    await api('DELETE', `/api/v1/alerts/silences/${silence.id}`);
  });
  await api('DELETE', `/api/v1/alerts/rules/${rule.id}`);
});

test('the history pages older events with the API\'s cursor and shows failed deliveries in red', async () => {
  await withPage(suite, '/alerts/history', async ({ page }) => {
    const first = await api('GET', '/api/v1/alerts/events?limit=50');
    await page.locator('[data-testid="history"], [data-testid="no-history"]').first().waitFor();
    if (first.events.length === 0) return;
    assert.equal(await page.locator('li.event').count(), first.events.length);
    const failed = first.events.filter((event) => event.type === 'delivery' && event.status !== 'ok');
    assert.equal(await page.locator('li.event-delivery.is-failed').count(), failed.length, 'one red entry per failed delivery');
    if (failed.length) assert.ok((await page.locator('li.event-delivery.is-failed .event-error').first().textContent()).length > 0);
    if (first.next) {
      const [request] = await Promise.all([
        page.waitForRequest(isPath('/api/v1/alerts/events')),
        page.locator('[data-testid="history-more"]').click(),
      ]);
      assert.equal(new URL(request.url()).searchParams.get('cursor'), first.next);
      const second = await api('GET', `/api/v1/alerts/events?limit=50&cursor=${encodeURIComponent(first.next)}`);
      await eventually(async () => (await page.locator('li.event').count()) === first.events.length + second.events.length, 'the older page is appended');
    }
  });
});

test('a silence made from scratch lasts its preset and can be expired', async () => {
  await withPage(suite, '/alerts/silences', async ({ page }) => {
    await page.locator('[data-testid="new-silence"]').click();
    await page.getByRole('button', { name: 'Create silence' }).click();
    assert.match(await page.locator('[data-testid="silence-error"]').textContent(), /^matchers: /, 'a silence needs a matcher');
    await page.getByLabel('Label name').fill('team');
    await page.getByLabel('Label value').fill(unique('payments'));
    await page.locator('label[for="silence-duration-4h"]').click();
    const [created] = await Promise.all([
      page.waitForResponse((response) => isResponse('/api/v1/alerts/silences', 'POST')(response) && response.status() === 201),
      page.getByRole('button', { name: 'Create silence' }).click(),
    ]);
    const body = JSON.parse(created.request().postData());
    assert.equal(Date.parse(body.endsAt) - Date.parse(body.startsAt), 4 * 3_600_000, 'the 4h preset');
    assert.deepEqual(body.matchers[0], { name: 'team', value: body.matchers[0].value, isRegex: false, isEqual: true });
    const silence = await created.json();
    const row = page.locator(`tr.silence-row[data-silence-id="${silence.id}"]`);
    await row.waitFor();
    assert.equal(await row.getAttribute('data-state'), 'active');
    await screenshot(page, 'alerts-silences');
    await Promise.all([
      page.waitForResponse((response) => response.request().method() === 'DELETE' && response.url().endsWith(`/silences/${silence.id}`)),
      row.locator('[data-testid="expire-silence"]').click(),
    ]);
    await page.locator(`tr.silence-row[data-silence-id="${silence.id}"][data-state="expired"]`).waitFor();
    assert.equal(await page.locator(`tr.silence-row[data-silence-id="${silence.id}"] [data-testid="expire-silence"]`).count(), 0);
  });
});

test('channels: a webhook\'s generated secret is shown once, test sends report success and failure, delete', async () => {
  await withPage(suite, '/alerts/channels', async ({ page }) => {
    await page.locator('[data-testid="new-channel"]').click();
    await page.getByRole('button', { name: 'Create channel' }).click();
    assert.equal(await field(page, 'name').locator('.field-error').textContent(), 'is required');

    const okName = unique('ops hook');
    await page.getByLabel('Name', { exact: true }).fill(okName);
    await page.getByLabel('URL', { exact: true }).fill('https://hooks.example.com/boxscore-test');
    const [created] = await Promise.all([
      page.waitForResponse((response) => isResponse('/api/v1/alerts/channels', 'POST')(response) && response.status() === 201),
      page.getByRole('button', { name: 'Create channel' }).click(),
    ]);
    const channel = await created.json();
    assert.ok(channel.secret, 'the API generated a secret');
    assert.equal(await page.locator('[data-testid="channel-secret"]').textContent(), channel.secret);
    const row = page.locator(`tr.channel-row[data-channel-id="${channel.id}"]`);
    await row.waitFor();
    assert.ok(!(await row.textContent()).includes(channel.secret), 'the list never shows the secret');
    await screenshot(page, 'alerts-channel-secret');

    const [tested] = await Promise.all([
      page.waitForResponse(isResponse(`/api/v1/alerts/channels/${channel.id}/test`, 'POST')),
      row.locator('[data-testid="send-test"]').click(),
    ]);
    const okResult = await tested.json();
    const result = row.locator('[data-testid="test-result"]');
    await eventually(async () => (await result.getAttribute('data-status')) === okResult.status, 'the test result is shown');
    if (okResult.status === 'ok') assert.match(await result.textContent(), /Delivered/);

    // A Slack URL that cannot work (.invalid never resolves): the test send fails and says why.
    await page.locator('[data-testid="new-channel"]').click();
    await page.getByLabel('Type').selectOption('slack');
    assert.equal(await field(page, 'secret').isHidden(), true, 'Slack has no secret field');
    const badName = unique('broken slack');
    await page.getByLabel('Name', { exact: true }).fill(badName);
    await page.getByLabel('Slack incoming webhook URL').fill('https://fail.invalid/services/T0/B0/x');
    const [badCreated] = await Promise.all([
      page.waitForResponse((response) => isResponse('/api/v1/alerts/channels', 'POST')(response) && response.status() === 201),
      page.getByRole('button', { name: 'Create channel' }).click(),
    ]);
    const bad = await badCreated.json();
    const badRow = page.locator(`tr.channel-row[data-channel-id="${bad.id}"]`);
    await badRow.waitFor();
    const [badTest] = await Promise.all([
      page.waitForResponse(isResponse(`/api/v1/alerts/channels/${bad.id}/test`, 'POST')),
      badRow.locator('[data-testid="send-test"]').click(),
    ]);
    const failure = await badTest.json();
    assert.equal(failure.status, 'failed');
    const badResult = badRow.locator('[data-testid="test-result"]');
    await eventually(async () => (await badResult.getAttribute('data-status')) === 'failed', 'the failure is shown');
    assert.ok((await badResult.textContent()).includes(failure.error), 'with the error the API gave');
    assert.equal(await badResult.locator('.inline-error').count(), 1, 'in red');
    await screenshot(page, 'alerts-channels');

    for (const [id, label] of [[bad.id, badName], [channel.id, okName]]) {
      await page.getByRole('button', { name: `Delete ${label}`, exact: true }).click();
      await Promise.all([
        page.waitForResponse((response) => response.request().method() === 'DELETE' && response.url().endsWith(`/channels/${id}`)),
        page.locator(`tr.channel-row[data-channel-id="${id}"] [data-testid="confirm-delete"]`).click(),
      ]);
      await page.locator(`tr.channel-row[data-channel-id="${id}"]`).waitFor({ state: 'detached' });
    }
  });
});

for (const status of [401, 404, 500]) {
  test(`the header badge stays hidden and the page works when the alerts endpoint answers ${status}`, async () => {
    await withPage(suite, '/traces', async ({ page }) => {
      await page.locator('tr.trace-row').first().waitFor();
      assert.equal(await page.locator('[data-testid="alert-badge"]').isHidden(), true);
      assert.equal(await page.locator('.key-form').count(), 0, 'the key form is not shown');
    }, {
      beforeGoto: (page) => page.route((url) => url.pathname === '/api/v1/alerts', (route) => route.fulfill({
        status, contentType: 'application/json', body: JSON.stringify({ error: 'x', message: `answered ${status}` }),
      })),
    });
  });
}
