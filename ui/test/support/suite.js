/** Per-file fixture: the target server, one Chromium, the API oracle, and pages that must run without errors. */
import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, openPage } from './browser.js';
import { startTarget } from './target.js';
import { apiOracle } from './api-oracle.js';

const ACTION_TIMEOUT_MS = 10_000;

/** Registers before/after hooks; the returned object is filled in once `before` ran. */
export function useSuite() {
  const suite = {};
  before(async () => {
    suite.target = await startTarget();
    suite.browser = await launchBrowser();
    suite.oracle = apiOracle(suite.target);
  });
  after(async () => {
    await suite.browser?.close();
    await suite.target?.close();
  });
  return suite;
}

/**
 * Runs `body({page, context, baseUrl})` in a fresh browser context, then asserts the page logged no errors.
 * `hashRoute` (e.g. "/traces?range=7d") is opened with the API key in the fragment, as the launcher's URL does;
 * pass `withKey: false` to open it without a key; `beforeGoto(page)` runs before the page loads (e.g. to fake the clock).
 */
export async function withPage(suite, hashRoute, body, { withKey = true, beforeGoto } = {}) {
  const { context, page, problems } = await openPage(suite.browser);
  context.setDefaultTimeout(ACTION_TIMEOUT_MS);
  const apiCalls = recordApiCalls(page);
  try {
    const { baseUrl, apiKey } = suite.target;
    const fragment = withKey ? `#key=${encodeURIComponent(apiKey)}&${hashRoute}` : `#${hashRoute}`;
    await beforeGoto?.(page);
    await page.goto(`${baseUrl}/${fragment}`);
    await body({ page, context, baseUrl });
    assert.deepEqual(problems, [], 'the page logged errors');
  } catch (error) {
    // what the page showed and asked for: a failure on a CI machine must be readable from its log alone
    error.message += `\n--- page at failure ---\n${await describePage(page, apiCalls, problems)}`;
    throw error;
  } finally {
    // A route handler still waiting for the server (a slow real one) must not fail once the context is gone.
    await page.unrouteAll({ behavior: 'ignoreErrors' });
    await context.close();
  }
}

/** The page's last API calls as "GET /api/v1/… → 200" lines (oldest first), kept as they finish. */
function recordApiCalls(page) {
  const calls = [];
  const keep = (line) => {
    calls.push(line);
    if (calls.length > 12) calls.shift();
  };
  page.on('requestfinished', async (request) => {
    if (!request.url().includes('/api/')) return;
    const response = await request.response().catch(() => null);
    keep(`${request.method()} ${pathOf(request.url())} → ${response?.status() ?? '?'}`);
  });
  page.on('requestfailed', (request) => {
    if (request.url().includes('/api/')) keep(`${request.method()} ${pathOf(request.url())} → failed`);
  });
  return calls;
}

function pathOf(url) {
  const parsed = new URL(url);
  return parsed.pathname + parsed.search;
}

async function describePage(page, apiCalls, problems) {
  const text = await page.evaluate(() => document.getElementById('app')?.innerText ?? document.body.innerText)
    .catch((error) => `(page text unavailable: ${error.message})`);
  return [
    `address: ${page.url()}`,
    `focused: ${await page.evaluate(() => {
      const element = document.activeElement;
      return element ? `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}` : 'nothing';
    }).catch(() => '?')}`,
    `text: ${String(text).replace(/\s+/g, ' ').slice(0, 600)}`,
    `API calls: ${apiCalls.length ? `\n  ${apiCalls.join('\n  ')}` : 'none'}`,
    `page errors: ${problems.length ? problems.join('; ') : 'none'}`,
  ].join('\n');
}

/**
 * Waits until `check()` returns a truthy value (re-evaluated every `intervalMs`, 50 ms unless told), failing with
 * `message` after `timeoutMs` (10 s unless told).
 */
export async function eventually(check, message, timeoutMs = ACTION_TIMEOUT_MS, intervalMs = 50) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`${message}${lastError ? ` (last error: ${lastError.message})` : ''}`);
    }
    await new Promise((done) => setTimeout(done, intervalMs));
  }
}

/** Text of every cell of one column (`data-col`) of the trace table, in row order. */
export function columnTexts(page, column) {
  return page.locator(`tr.trace-row td[data-col="${column}"]`).allTextContents();
}

/** Waits for the trace table to have rows and returns their trace ids in order. */
export async function visibleTraceIds(page) {
  await page.locator('tr.trace-row').first().waitFor();
  return page.locator('tr.trace-row').evaluateAll((rows) => rows.map((row) => row.dataset.traceId));
}
