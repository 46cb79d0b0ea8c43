import { test } from 'node:test';
import assert from 'node:assert/strict';
import { screenshot } from './support/browser.js';
import { useSuite, withPage, visibleTraceIds } from './support/suite.js';

const suite = useSuite();

test('a key in the URL fragment is stored, removed from the address bar and sent as a Bearer token', async () => {
  await withPage(suite, '/traces', async ({ page }) => {
    const listRequest = await page.waitForRequest((request) => request.url().includes('/api/v1/traces'));
    await visibleTraceIds(page);

    assert.equal(listRequest.headers().authorization, `Bearer ${suite.target.apiKey}`);
    assert.doesNotMatch(page.url(), /key=/, 'the key must not stay in the address bar');
    assert.match(page.url(), /#\/traces/);
    assert.equal(await page.evaluate(() => localStorage.getItem('boxscore.apiKey')), suite.target.apiKey);
    assert.match(await page.locator('#key-chip-value').textContent(), /^.{6}…$/, 'the header shows only a masked key');
  });
});

test('without a key the key form is shown, and entering the key loads the traces', async () => {
  await withPage(suite, '/traces', async ({ page }) => {
    const form = page.locator('form.key-form');
    await form.waitFor();
    assert.equal(await page.locator('.key-form-message').count(), 0, 'no error message on a first visit');

    await page.locator('#api-key-input').press('Enter');
    assert.equal(await page.locator('#api-key-input').getAttribute('aria-invalid'), 'true', 'an empty key is refused');

    await page.locator('#api-key-input').fill(suite.target.apiKey);
    await page.locator('#api-key-input').press('Enter');
    assert.ok((await visibleTraceIds(page)).length > 0);
    assert.equal(await page.evaluate(() => localStorage.getItem('boxscore.apiKey')), suite.target.apiKey);
  }, { withKey: false });
});

test('a key the server rejects (401) brings back the key form with the server message', async () => {
  const { context, page } = await openBrowserPage();
  try {
    const rejected = page.waitForResponse((response) => response.url().includes('/api/v1/') && response.status() === 401);
    await page.goto(`${suite.target.baseUrl}/#key=bx_wrong_key`);
    const answer = await (await rejected).json();

    const message = page.locator('.key-form-message');
    await message.waitFor();
    assert.match(await message.textContent(), /rejected the API key/);
    assert.ok((await message.textContent()).includes(answer.message), 'the server message is shown');
    assert.equal(await page.evaluate(() => localStorage.getItem('boxscore.apiKey')), null, 'a rejected key is forgotten');
    assert.equal(await page.locator('#key-chip').isHidden(), true);
    await screenshot(page, 'key-form-401');

    await page.locator('#api-key-input').fill(suite.target.apiKey);
    await page.getByRole('button', { name: 'Connect' }).click();
    assert.ok((await visibleTraceIds(page)).length > 0, 'the right key loads the list');
  } finally {
    await context.close();
  }
});

test('"Change" in the header forgets the key and asks for a new one', async () => {
  await withPage(suite, '/traces', async ({ page }) => {
    await visibleTraceIds(page);
    await page.locator('#change-key').click();
    await page.locator('form.key-form').waitFor();
    assert.equal(await page.evaluate(() => localStorage.getItem('boxscore.apiKey')), null);
  });
});

async function openBrowserPage() {
  const context = await suite.browser.newContext({ viewport: { width: 1440, height: 900 } });
  context.setDefaultTimeout(10_000);
  return { context, page: await context.newPage() };
}
