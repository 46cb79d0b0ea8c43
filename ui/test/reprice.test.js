import { test } from 'node:test';
import assert from 'node:assert/strict';
import { screenshot } from './support/browser.js';
import { eventually, useSuite, withPage } from './support/suite.js';
import { formatCost } from '../src/main/resources/META-INF/resources/js/format.js';
import { priceText } from '../src/main/resources/META-INF/resources/js/usage-figures.js';

const suite = useSuite();

/** The project price the test adds: USD per 1M tokens, far from any list price, so every cost it sets is new. */
const PRICE = { input: 100, output: 300 };
/** Before every call the server holds, so the price applies to all of them. */
const EFFECTIVE_FROM = '2020-01-01';
/** A trace this small shows all its waterfall rows without scrolling. */
const MAX_SPANS = 30;
const TRACES_ROUTE = '/traces?range=7d&limit=500&live=off';

const isResponse = (path, method) => (response) => new URL(response.url()).pathname === path
  && response.request().method() === method;

/** Calls the target's API from Node with the suite's key. */
async function api(method, path, body) {
  const response = await fetch(`${suite.target.baseUrl}${path}`, {
    method,
    headers: { Authorization: `Bearer ${suite.target.apiKey}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw Object.assign(new Error(`${method} ${path} answered ${response.status}: ${text}`), { status: response.status });
  return text ? JSON.parse(text) : null;
}

/**
 * A call's cost at PRICE, as ModelPrice.cost computes it: input counts the cache reads and writes, which are billed
 * at the input price when the price sets none; output counts reasoning, billed at the output price.
 */
function costAtPrice(llm) {
  const cached = llm.cacheReadTokens + llm.cacheWriteTokens;
  const input = Math.max(0, llm.inputTokens - cached) + cached;
  return (input * PRICE.input + llm.outputTokens * PRICE.output) / 1e6;
}

/** A sum of USD amounts to the 9 decimals the API's amounts have, so it formats as the API's figure does. */
const usd = (amount) => Number(amount.toFixed(9));

/** An LLM call the test can re-price: priced by a built-in price, with reported token counts and a response model. */
const repriceable = (span) => Boolean(span.llm && typeof span.llm.costUsd === 'number' && span.llm.responseModel
  && span.llm.price?.origin === 'built-in' && span.llm.usageReported !== false && !span.llm.tokensEstimated);

test('a project price re-prices the trace list and the trace detail, and deleting it brings the old costs back', async () => {
  const { trace, summary } = await suite.oracle.findTrace(
    `at most ${MAX_SPANS} spans and an LLM call with reported tokens priced by a built-in price`,
    (candidate, listed) => candidate.spans.length <= MAX_SPANS && candidate.spans.some(repriceable)
      && typeof listed.costUsd === 'number');
  const span = trace.spans.find(repriceable);
  const { provider, price: builtIn } = span.llm;
  const family = builtIn.model; // the model family the built-in price is for, e.g. gpt-4o for gpt-4o-2024-08-06
  const ours = (entry) => entry.provider === provider && entry.model === family && entry.effectiveFrom === EFFECTIVE_FROM;
  assert.ok(!(await api('GET', '/api/v1/prices')).project.some(ours),
    `the project has no price of its own for ${provider} ${family} from ${EFFECTIVE_FROM} (the test adds and deletes it)`);

  // What the new price must make of the trace: its calls of the family served by the provider cost tokens × PRICE,
  // its other calls keep their cost.
  const isRepriced = (candidate) => candidate.llm?.provider === provider && candidate.llm.price?.model === family
    && typeof candidate.llm.costUsd === 'number';
  const llmSpans = trace.spans.filter((candidate) => candidate.llm);
  const newSpanCost = costAtPrice(span.llm);
  const newTraceCost = usd(llmSpans.filter((candidate) => typeof candidate.llm.costUsd === 'number')
    .reduce((sum, candidate) => sum + (isRepriced(candidate) ? costAtPrice(candidate.llm) : candidate.llm.costUsd), 0));
  assert.notEqual(formatCost(newTraceCost), formatCost(summary.costUsd), 'the new price shows a different trace cost');
  assert.notEqual(formatCost(newSpanCost), formatCost(span.llm.costUsd), 'the new price shows a different call cost');

  /**
   * Asserts the API's list answers `traceCost` for the trace and its detail the costs of the `origin` price for its
   * calls; returns the price of the chosen call.
   */
  async function apiAnswers(traceCost, origin) {
    const listed = (await suite.oracle.recentTraces()).find((candidate) => candidate.traceId === trace.traceId);
    assert.ok(listed, 'the trace is still listed in the last 7 days');
    assert.ok(Math.abs(listed.costUsd - traceCost) < 1e-9, `the trace list's costUsd ${listed.costUsd} is ${traceCost}`);
    const detail = await suite.oracle.trace(trace.traceId);
    for (const candidate of detail.spans.filter((other) => other.llm)) {
      const before = llmSpans.find((other) => other.spanId === candidate.spanId);
      const expected = origin === 'project' && isRepriced(before) ? costAtPrice(before.llm) : before.llm.costUsd;
      assert.ok(candidate.llm.costUsd === expected || Math.abs(candidate.llm.costUsd - expected) < 1e-9,
        `span ${candidate.spanId} costs ${candidate.llm.costUsd} in the detail, not ${expected}`);
    }
    const price = detail.spans.find((other) => other.spanId === span.spanId).llm.price;
    assert.equal(price.origin, origin, `the call is priced by the ${origin} price`);
    return price;
  }

  /** Opens the trace list, then the trace and its call, and checks the costs and the price they show. */
  async function pageShows(page, traceCost, spanCost, price) {
    await page.evaluate((route) => { window.location.hash = `#${route}`; }, TRACES_ROUTE);
    const row = page.locator(`tr.trace-row[data-trace-id="${trace.traceId}"]`);
    const costCell = row.locator('td[data-col="cost"]');
    await eventually(async () => (await costCell.textContent()) === formatCost(traceCost),
      `the trace list shows ${formatCost(traceCost)} for the trace`);
    await row.click();

    const total = page.locator('[data-testid="total-cost"]');
    await total.waitFor();
    // The figure without the "+ n unpriced calls" note.
    assert.equal(await total.evaluate((element) => element.firstChild.textContent), formatCost(traceCost), 'the trace header\'s cost');
    await page.locator(`.wf-row[data-span-id="${span.spanId}"]`).click();
    const panel = page.locator('[data-testid="span-panel"]');
    await panel.waitFor();
    assert.equal(await panel.locator('[data-testid="llm-cost"]').textContent(), formatCost(spanCost), 'the call\'s cost');
    assert.equal(await panel.locator('[data-testid="llm-price"]').textContent(), priceText(price), 'the price it was computed with');
  }

  const ourPrice = new URLSearchParams({ provider, model: family, effective_from: EFFECTIVE_FROM });
  const removePrice = () => api('DELETE', `/api/v1/prices?${ourPrice}`)
    .catch((error) => { if (error.status !== 404) throw error; });
  try {
    await withPage(suite, '/settings/prices', async ({ page }) => {
      await page.locator('[data-testid="add-price"]').click();
      const form = page.locator('[data-testid="price-form"]');
      await form.locator('input[name="provider"]').fill(provider);
      await form.locator('input[name="model"]').fill(family);
      await form.locator('input[name="input"]').fill(String(PRICE.input));
      await form.locator('input[name="output"]').fill(String(PRICE.output));
      await form.locator('input[name="effectiveFrom"]').fill(EFFECTIVE_FROM);
      await form.locator('input[name="source"]').fill('reprice test');
      assert.equal(await form.locator('input[name="anyProvider"]').isChecked(), false, 'the price is the provider\'s own');
      const [saved] = await Promise.all([
        page.waitForResponse(isResponse('/api/v1/prices', 'PUT')),
        form.getByRole('button', { name: 'Save price' }).click(),
      ]);
      assert.equal(saved.status(), 200, await saved.text());
      const priceRow = page.locator(`[data-testid="project-prices"] tr.price-row[data-provider="${provider}"]`
        + `[data-model="${family}"][data-effective-from="${EFFECTIVE_FROM}"]`);
      await priceRow.waitFor();

      const projectPrice = await apiAnswers(newTraceCost, 'project');
      assert.deepEqual([projectPrice.provider, projectPrice.model, Number(projectPrice.input), Number(projectPrice.output)],
        [provider, family, PRICE.input, PRICE.output], 'the call is priced by the price just added');
      await pageShows(page, newTraceCost, newSpanCost, projectPrice);
      await screenshot(page, 'reprice-project-price');

      // Deleting the price in the settings brings the built-in price, and the old costs, back.
      await page.locator('[data-nav="settings"]').click();
      await page.locator('a.tab[data-tab="prices"]').click();
      await priceRow.locator('[data-testid="delete-price"]').click();
      const [deleted] = await Promise.all([
        page.waitForResponse(isResponse('/api/v1/prices', 'DELETE')),
        priceRow.locator('[data-testid="confirm-delete-price"]').click(),
      ]);
      assert.equal(deleted.status(), 204);
      await eventually(async () => (await priceRow.count()) === 0, 'the price\'s row is gone');

      const builtInAgain = await apiAnswers(summary.costUsd, 'built-in');
      assert.deepEqual(builtInAgain, builtIn, 'the call is priced by its built-in price again');
      await pageShows(page, summary.costUsd, span.llm.costUsd, builtIn);
    });
  } finally {
    await removePrice(); // the project had no such price before (checked above), so whatever is left is the test's
  }
});
