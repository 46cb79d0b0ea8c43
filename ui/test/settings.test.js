import { test } from 'node:test';
import assert from 'node:assert/strict';
import { screenshot } from './support/browser.js';
import { eventually, useSuite, withPage } from './support/suite.js';
import { formatCount } from '../src/main/resources/META-INF/resources/js/format.js';
import { previewText } from '../src/main/resources/META-INF/resources/js/price-preview.js';
import { perMillionText } from '../src/main/resources/META-INF/resources/js/settings-prices.js';
import { todayUtc } from '../src/main/resources/META-INF/resources/js/price-form.js';

const suite = useSuite();

const isPath = (path, method) => (request) => new URL(request.url()).pathname === path && (!method || request.method() === method);
const isResponse = (path, method) => (response) => isPath(path, method)(response.request());
const unique = (prefix) => `${prefix}-${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;

/** Calls the target's API from Node with any method, with the suite's key unless told. */
async function api(method, path, body, key = suite.target.apiKey) {
  const response = await fetch(`${suite.target.baseUrl}${path}`, {
    method,
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw Object.assign(new Error(`${method} ${path} answered ${response.status}: ${text}`), { status: response.status });
  return text ? JSON.parse(text) : null;
}

/** A key made for one test, revoked by `revoke()` (twice is fine: revoking is idempotent). */
async function temporaryKey(scopes) {
  const created = await api('POST', '/api/v1/admin/keys', { name: unique('settings test'), scopes });
  return { ...created, revoke: () => api('DELETE', `/api/v1/admin/keys/${created.info.keyId}`) };
}

/** Opens `hashRoute` with `key` as this browser's key instead of the suite's. */
function withKey(key, hashRoute, body) {
  return withPage(suite, `key=${encodeURIComponent(key)}&${hashRoute}`, body, { withKey: false });
}

const fieldError = (page, name) => page.locator(`[data-field="${name}"] .field-error`);

test('project: name and retention are checked at their field, a server 400 is shown there, and a change is saved', async () => {
  const original = await api('GET', '/api/v1/admin/project');
  try {
    await withPage(suite, '/settings', async ({ page }) => {
      const form = page.locator('[data-testid="project-form"]');
      await form.waitFor();
      assert.equal(await page.locator('[data-nav="settings"]').getAttribute('aria-current'), 'page', 'the header link is active');
      assert.equal(await page.locator('[data-testid="project-id"]').textContent(), original.id);
      const name = page.getByLabel('Name', { exact: true });
      const retention = page.getByLabel('Retention', { exact: true });
      assert.equal(await name.inputValue(), original.name);
      assert.equal(await retention.inputValue(), String(original.retentionDays));

      // The form's own checks, at the field, with the focus there.
      await retention.fill('');
      await name.fill('  ');
      await page.getByRole('button', { name: 'Save' }).click();
      assert.equal(await fieldError(page, 'name').textContent(), 'is required');
      assert.equal(await fieldError(page, 'retentionDays').textContent(), 'is required');
      assert.equal(await page.evaluate(() => document.activeElement?.name), 'name', 'the first wrong field has the focus');
      await name.fill(original.name);
      assert.equal(await fieldError(page, 'name').isHidden(), true, 'typing clears the error');
      await retention.fill('0');
      await page.getByRole('button', { name: 'Save' }).click();
      assert.equal(await fieldError(page, 'retentionDays').textContent(), `must be from 1 to ${formatCount(3650)} days`);

      // What the server refuses is shown at the field its message names: the request is changed on its way, as if
      // the form had let a wrong value through.
      await retention.fill('40');
      await page.route((url) => url.pathname === '/api/v1/admin/project', (route) => (route.request().method() === 'PUT'
        ? route.continue({ postData: JSON.stringify({ ...JSON.parse(route.request().postData()), retentionDays: 4000 }) })
        : route.continue()));
      const [refused] = await Promise.all([
        page.waitForResponse((response) => isResponse('/api/v1/admin/project', 'PUT')(response) && response.status() === 400),
        page.getByRole('button', { name: 'Save' }).click(),
      ]);
      const { message } = await refused.json();
      assert.match(message, /^retentionDays: /);
      await eventually(async () => (await fieldError(page, 'retentionDays').textContent()) === message.replace(/^retentionDays: /, ''),
        'the server message is shown at the retention field');
      assert.equal(await retention.getAttribute('aria-invalid'), 'true');
      await screenshot(page, 'settings-project-server-error');
      await page.unrouteAll({ behavior: 'ignoreErrors' });

      const newName = unique('Project');
      const newRetention = original.retentionDays === 3650 ? 3649 : original.retentionDays + 1;
      await name.fill(newName);
      await retention.fill(String(newRetention));
      const [saved] = await Promise.all([
        page.waitForResponse(isResponse('/api/v1/admin/project', 'PUT')),
        page.getByRole('button', { name: 'Save' }).click(),
      ]);
      assert.equal(saved.status(), 200);
      assert.deepEqual(JSON.parse(saved.request().postData()), { name: newName, retentionDays: newRetention });
      await eventually(async () => /^Saved\./.test(await page.locator('[data-testid="project-saved"]').textContent()), 'the page says it saved');
      const stored = await api('GET', '/api/v1/admin/project');
      assert.equal(stored.name, newName);
      assert.equal(stored.retentionDays, newRetention);
      await screenshot(page, 'settings-project');
    });
  } finally {
    await api('PUT', '/api/v1/admin/project', { name: original.name, retentionDays: original.retentionDays });
  }
});

test('API keys: a new key is shown once with a copy button, listed with its scopes, then revoked after confirmation', async () => {
  let created;
  try {
    await withPage(suite, '/settings/keys', async ({ page, context }) => {
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: suite.target.baseUrl });
      await page.locator('[data-testid="keys-table"], [data-testid="no-keys"]').first().waitFor();
      await page.locator('[data-testid="new-key"]').click();
      const form = page.locator('[data-testid="key-form"]');

      await page.locator('input[name="scopes"][value="ingest"]').uncheck();
      await page.getByLabel('Requests per second (optional)').fill('2.5');
      await form.getByRole('button', { name: 'Create key' }).click();
      assert.equal(await fieldError(page, 'name').textContent(), 'is required');
      assert.equal(await fieldError(page, 'scopes').textContent(), 'choose at least one scope');
      assert.match(await fieldError(page, 'requestsPerSecond').textContent(), /^must be a whole number from 1 to 1,000,000$/);

      const name = unique('settings key');
      await page.getByLabel('Name', { exact: true }).fill(name);
      await page.locator('input[name="scopes"][value="ingest"]').check();
      await page.locator('input[name="scopes"][value="read"]').check();
      await page.getByLabel('Requests per second (optional)').fill('50');
      const [answer] = await Promise.all([
        page.waitForResponse(isResponse('/api/v1/admin/keys', 'POST')),
        form.getByRole('button', { name: 'Create key' }).click(),
      ]);
      assert.equal(answer.status(), 201);
      assert.deepEqual(JSON.parse(answer.request().postData()), { name, scopes: ['ingest', 'read'], requestsPerSecond: 50 });
      created = await answer.json();

      const dialog = page.locator('[data-testid="key-secret-dialog"]');
      await dialog.waitFor();
      assert.equal(await dialog.evaluate((element) => element.open && element.matches(':modal')), true, 'a modal dialog');
      assert.equal(await dialog.locator('[data-testid="new-key-secret"]').inputValue(), created.key);
      assert.match(await dialog.locator('[data-testid="key-secret-warning"]').textContent(), /will not be shown again/);
      await dialog.locator('[data-testid="copy-key"]').click();
      await eventually(async () => (await dialog.locator('[data-testid="copy-status"]').getAttribute('data-copied')) === 'clipboard', 'copied');
      assert.equal(await page.evaluate(() => navigator.clipboard.readText()), created.key, 'the key is on the clipboard');
      await screenshot(page, 'settings-key-created');
      await dialog.getByRole('button', { name: 'Done' }).click();
      await eventually(async () => (await dialog.count()) === 0, 'the dialog is gone');
      assert.equal(await page.evaluate((key) => document.documentElement.outerHTML.includes(key)
        || [...document.querySelectorAll('input')].some((input) => input.value === key), created.key), false,
      'the key is nowhere on the page any more');

      const row = page.locator(`tr.key-row[data-key-id="${created.info.keyId}"]`);
      await row.waitFor();
      assert.equal(await row.locator('td[data-col="name"] strong').textContent(), name);
      assert.equal(await row.locator('td[data-col="prefix"]').textContent(), `${created.info.prefix}…`);
      assert.deepEqual(await row.locator('.scope-chip').allTextContents(), ['ingest', 'read']);
      assert.equal(await row.locator('td[data-col="rate"]').textContent(), '50/s');
      assert.equal(await row.locator('[data-testid="own-key"]').count(), 0, 'not this browser\'s key');
      await screenshot(page, 'settings-keys');

      await row.locator('[data-testid="revoke-key"]').click();
      assert.match(await row.locator('[data-testid="revoke-warning"]').textContent(), /will be refused/);
      const [revoked] = await Promise.all([
        page.waitForResponse(isResponse(`/api/v1/admin/keys/${created.info.keyId}`, 'DELETE')),
        row.locator('[data-testid="confirm-revoke"]').click(),
      ]);
      assert.equal(revoked.status(), 200);
      await eventually(async () => /revoked/i.test(await page.locator(`tr.key-row[data-key-id="${created.info.keyId}"] td[data-col="status"]`).textContent()),
        'the row shows the key revoked');
      assert.equal(await page.locator(`tr.key-row[data-key-id="${created.info.keyId}"] [data-testid="revoke-key"]`).count(), 0);
    });
    await assert.rejects(api('GET', '/api/v1/traces?limit=1', undefined, created.key), (error) => error.status === 401,
      'the revoked key is refused');
  } finally {
    if (created) await api('DELETE', `/api/v1/admin/keys/${created.info.keyId}`);
  }
});

test('without the clipboard, Copy selects the new key for copying by hand', async () => {
  let created;
  try {
    await withPage(suite, '/settings/keys', async ({ page }) => {
      await page.locator('[data-testid="new-key"]').click();
      await page.getByLabel('Name', { exact: true }).fill(unique('settings key'));
      const [answer] = await Promise.all([
        page.waitForResponse(isResponse('/api/v1/admin/keys', 'POST')),
        page.getByRole('button', { name: 'Create key' }).click(),
      ]);
      created = await answer.json();
      const dialog = page.locator('[data-testid="key-secret-dialog"]');
      await dialog.locator('[data-testid="copy-key"]').click();
      await eventually(async () => (await dialog.locator('[data-testid="copy-status"]').getAttribute('data-copied')) === 'selected',
        'the key is selected instead');
      const selection = await dialog.locator('[data-testid="new-key-secret"]').evaluate((input) => ({
        focused: document.activeElement === input, start: input.selectionStart, end: input.selectionEnd,
      }));
      assert.deepEqual(selection, { focused: true, start: 0, end: created.key.length });
      assert.match(await dialog.locator('[data-testid="copy-status"]').textContent(), /Ctrl\+C/);
      await page.keyboard.press('Escape');
      await eventually(async () => (await dialog.count()) === 0, 'Escape closes the dialog');
    }, {
      beforeGoto: (page) => page.addInitScript(() => {
        Object.defineProperty(navigator, 'clipboard', {
          value: { writeText: () => Promise.reject(new DOMException('refused', 'NotAllowedError')) },
        });
      }),
    });
  } finally {
    if (created) await api('DELETE', `/api/v1/admin/keys/${created.info.keyId}`);
  }
});

test('the key this browser uses is marked, and revoking it asks for a key again', async () => {
  const own = await temporaryKey(['admin']);
  try {
    await withKey(own.key, '/settings/keys', async ({ page }) => {
      const row = page.locator(`tr.key-row[data-key-id="${own.info.keyId}"]`);
      await row.waitFor();
      assert.equal(await row.locator('[data-testid="own-key"]').textContent(), 'this browser\'s key');
      assert.equal(await page.locator('[data-testid="own-key"]').count(), 1, 'only one key is marked');
      await screenshot(page, 'settings-keys-own');

      await row.locator('[data-testid="revoke-key"]').click();
      assert.match(await row.locator('[data-testid="revoke-warning"]').textContent(), /signs you out/);
      await row.locator('[data-testid="confirm-revoke"]').click();
      await page.locator('form.key-form').waitFor();
      assert.match(await page.locator('.key-form-message').textContent(), /rejected the API key/);
    });
  } finally {
    await own.revoke();
  }
});

test('a key without the admin scope gets "needs an admin key" instead of forms, and prices read-only', async () => {
  const reader = await temporaryKey(['read']);
  try {
    const refusal = await api('GET', '/api/v1/admin/project', undefined, reader.key).then(
      () => assert.fail('a read key may read the project'), (error) => error);
    assert.equal(refusal.status, 403);
    await withKey(reader.key, '/settings', async ({ page }) => {
      const notice = page.locator('[data-testid="needs-admin"]');
      await notice.waitFor();
      assert.match(await notice.textContent(), /needs an admin key/);
      assert.ok((await notice.textContent()).includes(JSON.parse(refusal.message.replace(/^[^{]*/, '')).message),
        'the server\'s reason is quoted');
      assert.equal(await page.locator('[data-testid="project-form"]').count(), 0, 'no form the server would refuse');
      await screenshot(page, 'settings-needs-admin');

      await page.locator('a.tab[data-tab="keys"]').click();
      await page.locator('[data-testid="needs-admin"]').waitFor();
      assert.equal(await page.locator('[data-testid="new-key"]').count(), 0);

      await page.locator('a.tab[data-tab="prices"]').click();
      await page.locator('[data-testid="prices-read-only"]').waitFor();
      const { builtIn } = await api('GET', '/api/v1/prices', undefined, reader.key);
      assert.equal(await page.locator('[data-testid="built-in-prices"] tr.price-row').count(), builtIn.length, 'the prices are shown');
      assert.equal(await page.locator('[data-testid="add-price"]').isVisible(), false);
      assert.equal(await page.locator('[data-testid="override-price"], [data-testid="delete-price"]').count(), 0);
    });
  } finally {
    await reader.revoke();
  }
});

test('prices: filtered by model, a built-in price overridden with a debounced preview and its 400 at the field', async () => {
  const { builtIn } = await api('GET', '/api/v1/prices');
  assert.ok(builtIn.length > 0, 'the server has a built-in price catalog');
  const price = builtIn[0];
  const previews = [];

  await withPage(suite, '/settings/prices', async ({ page }) => {
    page.on('request', (request) => {
      if (isPath('/api/v1/prices/preview', 'POST')(request)) previews.push(JSON.parse(request.postData()));
    });
    const builtInRows = page.locator('[data-testid="built-in-prices"] tr.price-row');
    await builtInRows.first().waitFor();
    assert.equal(await builtInRows.count(), builtIn.length);

    const needle = price.model.slice(0, Math.max(3, price.model.length - 2));
    await page.locator('[data-testid="price-filter"]').fill(needle);
    const expected = builtIn.filter((candidate) => candidate.model.toLowerCase().includes(needle.toLowerCase()));
    await eventually(async () => (await builtInRows.count()) === expected.length, 'only matching models remain');
    assert.ok((await builtInRows.evaluateAll((rows) => rows.map((row) => row.dataset.model)))
      .every((model) => model.toLowerCase().includes(needle.toLowerCase())));
    assert.match(page.url(), new RegExp(`#/settings/prices\\?model=${encodeURIComponent(needle).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));

    // Override prefills the form from the built-in row; its preview comes once the form is still.
    const row = page.locator(`[data-testid="built-in-prices"] tr.price-row[data-provider="${price.provider}"][data-model="${price.model}"][data-effective-from="${price.effectiveFrom}"]`);
    const [first] = await Promise.all([
      page.waitForResponse(isResponse('/api/v1/prices/preview', 'POST')),
      row.locator('[data-testid="override-price"]').click(),
    ]);
    const form = page.locator('[data-testid="price-form"]');
    const value = (name) => form.locator(`input[name="${name}"]`).inputValue();
    assert.equal(await value('provider'), price.provider);
    assert.equal(await value('model'), price.model);
    assert.equal(Number(await value('input')), Number(price.input));
    assert.equal(Number(await value('output')), Number(price.output));
    assert.equal(await value('cacheRead'), price.cacheRead == null ? '' : String(Number(price.cacheRead)));
    assert.equal(await value('effectiveFrom'), todayUtc());
    assert.equal(await form.locator('input[name="anyProvider"]').isChecked(), price.anyProvider);
    const firstBody = JSON.parse(first.request().postData());
    assert.deepEqual(Object.keys(firstBody).sort(), ['anyProvider', 'cacheRead', 'cacheWrite', 'effectiveFrom', 'input', 'model', 'output',
      'provider', 'reasoning', 'source']);
    const previewText_ = page.locator('[data-testid="price-preview-text"]');
    await eventually(async () => (await previewText_.textContent()) === previewText(await first.json()), 'the preview sentence');

    // Typing a new price asks once, after the typing stopped, with the typed value.
    const before = previews.length;
    const input = form.locator('input[name="input"]');
    await input.fill('');
    const [typed] = await Promise.all([
      page.waitForResponse((response) => isResponse('/api/v1/prices/preview', 'POST')(response)
        && JSON.parse(response.request().postData()).input === 12.5),
      input.pressSequentially('12.5', { delay: 60 }),
    ]);
    const answer = await typed.json();
    for (const name of ['from', 'to', 'calls', 'currentCostUsd', 'newCostUsd', 'changeUsd']) assert.ok(name in answer, `the preview answers ${name}`);
    await eventually(async () => (await previewText_.textContent()) === previewText(answer), 'the preview shows the new answer');
    assert.equal(previews.length - before, 1, `one preview for the typing (asked ${previews.length - before} times)`);
    await screenshot(page, 'settings-price-preview');

    // A value only the server refuses (too many decimals) is shown at its field, from the preview and from Save.
    await form.locator('input[name="cacheRead"]').fill('0.0000000001');
    const refusedPreview = await page.waitForResponse((response) => isResponse('/api/v1/prices/preview', 'POST')(response)
      && response.status() === 400);
    const { message } = await refusedPreview.json();
    assert.match(message, /^cacheRead: /);
    await eventually(async () => (await fieldError(page, 'cacheRead').textContent()) === message.replace(/^cacheRead: /, ''),
      'the preview\'s 400 is shown at the cache read field');
    const [refusedSave] = await Promise.all([
      page.waitForResponse(isResponse('/api/v1/prices', 'PUT')),
      form.locator('[data-testid="save-price"]').click(),
    ]);
    assert.equal(refusedSave.status(), 400);
    await eventually(async () => (await page.evaluate(() => document.activeElement?.name)) === 'cacheRead',
      'Save puts the focus on the field');
    await screenshot(page, 'settings-price-server-error');
    await form.getByRole('button', { name: 'Cancel' }).click();
    assert.equal(await form.count(), 0);
  });
});

test('prices: a project price is added, changed and deleted', async () => {
  const model = unique('settings-test-model');
  const remove = () => api('DELETE', `/api/v1/prices?provider=openai&model=${encodeURIComponent(model)}&effective_from=2026-01-01`)
    .catch((error) => { if (error.status !== 404) throw error; });
  try {
    await withPage(suite, '/settings/prices', async ({ page }) => {
      await page.locator('[data-testid="add-price"]').click();
      const form = page.locator('[data-testid="price-form"]');
      await form.getByRole('button', { name: 'Save price' }).click();
      assert.equal(await fieldError(page, 'provider').textContent(), 'is required');
      assert.equal(await fieldError(page, 'model').textContent(), 'is required');
      assert.equal(await fieldError(page, 'input').textContent(), 'is required');
      assert.equal(await fieldError(page, 'output').textContent(), 'is required');

      await form.locator('input[name="provider"]').fill('openai');
      await form.locator('input[name="model"]').fill(model);
      await form.locator('input[name="input"]').fill('1.25');
      await form.locator('input[name="output"]').fill('5');
      await form.locator('input[name="reasoning"]').fill('-1');
      await form.locator('input[name="effectiveFrom"]').fill('2026-01-01');
      await form.locator('input[name="source"]').fill('settings test');
      await form.getByRole('button', { name: 'Save price' }).click();
      assert.match(await fieldError(page, 'reasoning').textContent(), /^must be between 0 and 1,000,000/);
      await form.locator('input[name="reasoning"]').fill('');
      const [saved] = await Promise.all([
        page.waitForResponse(isResponse('/api/v1/prices', 'PUT')),
        form.getByRole('button', { name: 'Save price' }).click(),
      ]);
      assert.equal(saved.status(), 200);
      assert.deepEqual(JSON.parse(saved.request().postData()), {
        provider: 'openai', model, anyProvider: false, input: 1.25, output: 5, cacheRead: null, cacheWrite: null,
        reasoning: null, effectiveFrom: '2026-01-01', source: 'settings test',
      });
      const row = page.locator(`[data-testid="project-prices"] tr.price-row[data-model="${model}"]`);
      await row.waitFor();
      assert.match(await page.locator('[data-testid="price-notice"]').textContent(), /Saved the project price/);
      assert.equal(await row.locator('td[data-col="input"]').textContent(), perMillionText(1.25));
      assert.equal(await row.locator('td[data-col="output"]').textContent(), perMillionText(5));
      assert.equal(await row.locator('td[data-col="cacheRead"]').textContent(), '—');
      assert.equal(await row.locator('td[data-col="source"]').textContent(), 'settings test');
      assert.ok((await api('GET', '/api/v1/prices')).project.some((entry) => entry.model === model), 'stored');
      await screenshot(page, 'settings-prices');

      // The same provider, model and day replace the price.
      await row.locator('[data-testid="edit-price"]').click();
      assert.equal(await form.locator('input[name="model"]').inputValue(), model);
      await form.locator('input[name="output"]').fill('4.5');
      await Promise.all([
        page.waitForResponse((response) => isResponse('/api/v1/prices', 'PUT')(response) && response.status() === 200),
        form.getByRole('button', { name: 'Save price' }).click(),
      ]);
      await eventually(async () => (await row.locator('td[data-col="output"]').textContent()) === perMillionText(4.5), 'the changed price');
      assert.equal(await page.locator(`[data-testid="project-prices"] tr.price-row[data-model="${model}"]`).count(), 1, 'replaced, not added');

      await row.locator('[data-testid="delete-price"]').click();
      const [deleted] = await Promise.all([
        page.waitForResponse(isResponse('/api/v1/prices', 'DELETE')),
        row.locator('[data-testid="confirm-delete-price"]').click(),
      ]);
      assert.equal(deleted.status(), 204);
      const query = new URL(deleted.url()).searchParams;
      assert.deepEqual([query.get('provider'), query.get('model'), query.get('effective_from')], ['openai', model, '2026-01-01']);
      await eventually(async () => (await row.count()) === 0, 'the row is gone');
      assert.ok(!(await api('GET', '/api/v1/prices')).project.some((entry) => entry.model === model), 'deleted');
    });
  } finally {
    await remove();
  }
});
