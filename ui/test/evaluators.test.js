import { test } from 'node:test';
import assert from 'node:assert/strict';
import { screenshot } from './support/browser.js';
import { eventually, useSuite, withPage } from './support/suite.js';

const suite = useSuite();

const isResponse = (path, method) => (response) => new URL(response.url()).pathname === path && response.request().method() === method;
const unique = (prefix) => `${prefix}-${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
const fieldError = (page, name) => page.locator(`[data-field="${name}"] .field-error`);

async function api(method, path, body, key = suite.target.apiKey) {
  const response = await fetch(`${suite.target.baseUrl}${path}`, {
    method,
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
  return text ? JSON.parse(text) : null;
}

/** Fills the new-evaluator form with a judge that judges nothing here (its service has no calls). */
async function fillForm(page, name) {
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Score name', { exact: true }).fill('helpfulness');
  await page.getByLabel('Base URL', { exact: true }).fill('http://127.0.0.1:9/v1');
  await page.getByLabel('Judge model', { exact: true }).fill('sim-judge');
  await page.getByLabel('Judge API key', { exact: true }).fill('sk-ui-never-shown');
  await page.getByLabel('Only service', { exact: true }).fill(unique('no-calls'));
  await page.getByLabel('Sampling rate', { exact: true }).fill('0.25');
}

test('evaluators: the form checks its fields, shows a server 400 at its field, creates, pauses and deletes; the key is never shown', async () => {
  const name = unique('ui judge');
  await withPage(suite, '/settings/evaluators', async ({ page }) => {
    await page.locator('[data-testid="new-evaluator"]').waitFor();
    assert.equal(await page.locator('a.tab[data-tab="evaluators"]').getAttribute('aria-current'), 'page');
    await page.locator('[data-testid="new-evaluator"]').click();
    const form = page.locator('[data-testid="evaluator-form"]');
    await form.waitFor();

    // The form's own checks, at their fields.
    await page.getByLabel('Sampling rate', { exact: true }).fill('2');
    await page.getByRole('button', { name: 'Create' }).click();
    assert.equal(await fieldError(page, 'name').textContent(), 'is required');
    assert.equal(await fieldError(page, 'apiKey').textContent(), 'is required');
    assert.equal(await fieldError(page, 'samplingRate').textContent(), 'must be above 0 and at most 1');

    // What the server refuses is shown at the field it names (the body is changed on its way).
    await fillForm(page, name);
    const evaluatorsPath = (url) => url.pathname === '/api/v1/evaluators';
    await page.route(evaluatorsPath, (route) => (route.request().method() === 'POST'
      ? route.continue({ postData: JSON.stringify({ ...JSON.parse(route.request().postData()), baseUrl: 'ftp://judge' }) })
      : route.continue()));
    const [refused] = await Promise.all([
      page.waitForResponse((response) => isResponse('/api/v1/evaluators', 'POST')(response) && response.status() === 400),
      page.getByRole('button', { name: 'Create' }).click(),
    ]);
    const { message } = await refused.json();
    assert.match(message, /^baseUrl: /);
    await eventually(async () => (await fieldError(page, 'baseUrl').textContent()) === message.replace(/^baseUrl: /, ''),
      'the server message is shown at the base URL field');
    await page.unroute(evaluatorsPath);

    const [created] = await Promise.all([
      page.waitForResponse((response) => isResponse('/api/v1/evaluators', 'POST')(response) && response.status() === 201),
      page.getByRole('button', { name: 'Create' }).click(),
    ]);
    const { id } = await created.json();
    const row = page.locator(`[data-testid="evaluator-row"][data-evaluator-id="${id}"]`);
    await row.waitFor();
    assert.match(await row.textContent(), /sim-judge/);
    assert.match(await row.textContent(), /key set/);
    assert.match(await row.textContent(), /25%/);
    assert.equal(await row.locator('[data-testid="evaluator-status"]').textContent(), 'Judging');
    assert.equal((await page.content()).includes('sk-ui-never-shown'), false, 'the judge key is not on the page');
    await screenshot(page, 'settings-evaluators');

    await row.locator('[data-testid="toggle-evaluator"]').click();
    await eventually(async () => (await row.locator('[data-testid="evaluator-status"]').textContent()) === 'Paused', 'paused');
    assert.equal((await api('GET', `/api/v1/evaluators/${id}`)).enabled, false);

    await row.locator('[data-testid="delete-evaluator"]').click();
    await row.locator('[data-testid="delete-warning"]').waitFor();
    await Promise.all([
      page.waitForResponse((response) => isResponse(`/api/v1/evaluators/${id}`, 'DELETE')(response) && response.status() === 204),
      row.locator('[data-testid="confirm-delete"]').click(),
    ]);
    await eventually(async () => (await row.count()) === 0, 'the row is gone');
  });
});

test('evaluators: a read key sees the list and gets the "needs an admin key" state when creating', async () => {
  const read = await api('POST', '/api/v1/admin/keys', { name: unique('evaluators read'), scopes: ['read'] });
  try {
    await withPage(suite, `key=${encodeURIComponent(read.key)}&/settings/evaluators`, async ({ page }) => {
      await page.locator('[data-testid="new-evaluator"]').waitFor();
      await page.locator('[data-testid="new-evaluator"]').click();
      await fillForm(page, unique('refused judge'));
      await Promise.all([
        page.waitForResponse((response) => isResponse('/api/v1/evaluators', 'POST')(response) && response.status() === 403),
        page.getByRole('button', { name: 'Create' }).click(),
      ]);
      await page.locator('[data-testid="needs-admin"]').waitFor();
      assert.match(await page.locator('[data-testid="needs-admin"]').textContent(), /Creating an evaluator needs an admin key/);
    }, { withKey: false });
  } finally {
    await api('DELETE', `/api/v1/admin/keys/${read.info.keyId}`);
  }
});
