import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { SCREENSHOT_DIR } from './support/browser.js';
import { eventually, useSuite, withPage } from './support/suite.js';
import { expectedSpanOrder } from './support/span-order.js';
import { BIG_PROMPT_CHARS, BIG_PROMPT_END, BIG_TRACE_ID, BIG_TRACE_SPANS, bigTrace } from './big-trace-fixture.js';
import { FOLDED_CHARS, showAllLabel } from '../src/main/resources/META-INF/resources/js/long-text.js';
import { formatCount } from '../src/main/resources/META-INF/resources/js/format.js';

const suite = useSuite();

const MAX_ROWS_IN_DOM = 200;
/** A sanity bound only: the figure itself is written to the test output. */
const FIRST_ROW_BOUND_MS = 3_000;
const SCROLL_STEP_BOUND_MS = 1_000;

let cached;
/**
 * The big trace and its display order, from the target: the mock's, or the real server's (UiInBrowserTest sends a
 * 5,000-span trace of the same shape through the collector).
 */
async function bigTraceOfTarget() {
  if (!cached) {
    const trace = await suite.oracle.trace(BIG_TRACE_ID);
    assert.ok(trace?.spans?.length === BIG_TRACE_SPANS,
      `the target must hold trace ${BIG_TRACE_ID} with ${BIG_TRACE_SPANS} spans (UiInBrowserTest sends it)`);
    cached = { trace, order: expectedSpanOrder(trace.spans).map((row) => row.spanId) };
  }
  return cached;
}

/**
 * Opens the big trace's detail (`query` e.g. "?span=…"); the page records when its first waterfall row appeared
 * (window.__firstRowMs, since navigation start). `handed`: a trace the page gets from the test instead of the
 * target (the 2 MB prompt, which a real collector cuts at its value limit).
 */
async function withBigTrace(query, body, handed = null) {
  await withPage(suite, `/traces/${BIG_TRACE_ID}${query}`, body, {
    beforeGoto: async (page) => {
      if (handed) {
        await page.route((url) => url.pathname === `/api/v1/traces/${BIG_TRACE_ID}`, (route) => route.fulfill({ json: handed }));
      }
      await page.addInitScript(() => {
        new MutationObserver((changes, observer) => {
          if (document.querySelector('.wf-row')) {
            window.__firstRowMs = performance.now();
            observer.disconnect();
          }
        }).observe(document, { childList: true, subtree: true });
      });
    },
  });
}

/** A screenshot of the viewport only: the page of 5,000 rows is too tall for a full-page one. */
async function screenshot(page, name) {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOT_DIR}${name}.png` });
}

const renderedIds = (page) => page.locator('.wf-row').evaluateAll((rows) => rows.map((row) => row.dataset.spanId));
const selectedId = (page) => page.locator('.wf-row.is-selected').getAttribute('data-span-id');

/** Whether the row of `spanId` is fully on screen, below the sticky topbar and waterfall header. */
function rowOnScreen(page, spanId) {
  return page.evaluate((id) => {
    const row = document.querySelector(`.wf-row[data-span-id="${id}"]`);
    if (!row) return false;
    const rect = row.getBoundingClientRect();
    return rect.top >= document.querySelector('.wf-header').getBoundingClientRect().bottom - 1
      && rect.bottom <= window.innerHeight + 1;
  }, spanId);
}

test('a 5,000-span trace opens fast, keeps few rows in the DOM and scrolls to its last span', async (t) => {
  const { trace, order } = await bigTraceOfTarget();
  assert.equal(trace.spans.length, BIG_TRACE_SPANS);

  await withBigTrace('', async ({ page }) => {
    await page.locator('.wf-row').first().waitFor();
    const firstRowMs = await (await page.waitForFunction(() => window.__firstRowMs)).jsonValue();
    const traceArrivedMs = await page.evaluate((id) => performance.getEntriesByType('resource')
      .find((entry) => entry.name.includes(`/api/v1/traces/${id}`))?.responseEnd, BIG_TRACE_ID);
    t.diagnostic(`time to first row: ${Math.round(firstRowMs)} ms since navigation start for ${formatCount(BIG_TRACE_SPANS)} spans, `
      + `${traceArrivedMs == null ? '?' : Math.round(firstRowMs - traceArrivedMs)} ms after the trace arrived`);
    assert.ok(firstRowMs < FIRST_ROW_BOUND_MS, `the first row appeared after ${Math.round(firstRowMs)} ms`);
    assert.equal(await page.locator('[data-testid="total-spans"]').textContent(), formatCount(BIG_TRACE_SPANS));

    const top = await renderedIds(page);
    assert.ok(top.length < MAX_ROWS_IN_DOM, `${top.length} rows in the DOM`);
    assert.deepEqual(top, order.slice(0, top.length), 'the first rows in tree order');

    // A sweep from top to bottom: every step shows rows where the viewport is, with few rows in the DOM.
    const sweep = await page.evaluate(async () => {
      const steps = [];
      const height = document.documentElement.scrollHeight;
      for (let step = 0; step <= 40; step += 1) {
        const started = performance.now();
        window.scrollTo(0, (height * step) / 40);
        await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
        steps.push({
          ms: performance.now() - started,
          rows: document.querySelectorAll('.wf-row').length,
          rowAtMiddle: Boolean(document.elementFromPoint(window.innerWidth / 4, window.innerHeight / 2)?.closest('.wf-row')),
        });
      }
      return steps;
    });
    const slowest = Math.max(...sweep.map((step) => step.ms));
    t.diagnostic(`scroll sweep: 41 jumps, slowest ${Math.round(slowest)} ms to the second frame; at most ${Math.max(...sweep.map((step) => step.rows))} rows in the DOM`);
    assert.ok(sweep.every((step) => step.rows < MAX_ROWS_IN_DOM), 'few rows in the DOM at every position');
    assert.ok(sweep.every((step) => step.rowAtMiddle), 'rows are shown wherever the page is scrolled');
    assert.ok(slowest < SCROLL_STEP_BOUND_MS, `the slowest scroll step took ${Math.round(slowest)} ms`);

    // The bottom: the last span is there, after the rows before it, and can be selected.
    const last = order[order.length - 1];
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    const lastRow = page.locator(`.wf-row[data-span-id="${last}"]`);
    await lastRow.waitFor();
    const bottom = await renderedIds(page);
    assert.ok(bottom.length < MAX_ROWS_IN_DOM, `${bottom.length} rows in the DOM`);
    assert.deepEqual(bottom, order.slice(order.length - bottom.length), 'the last rows in tree order');
    await lastRow.click();
    const panel = page.locator('[data-testid="span-panel"]');
    await panel.waitFor();
    assert.equal(await panel.locator('.span-panel-title').textContent(), trace.spans.find((span) => span.spanId === last).name);
    assert.equal(await selectedId(page), last);
    assert.match(page.url(), new RegExp(`span=${last}`));
    assert.ok(await page.evaluate(() => {
      const top = (selector) => document.querySelector(selector).getBoundingClientRect().top;
      return top('.topbar') === 0 && top('[data-testid="span-panel"]') > 0 && top('[data-testid="span-panel"]') < window.innerHeight / 2;
    }), 'the header and the span panel stay in view at the bottom of the trace');
    await screenshot(page, 'big-trace-last-span');

    await page.keyboard.press('k');
    assert.equal(await selectedId(page), order[order.length - 2]);
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    assert.equal(await selectedId(page), last, 'j stops at the last span');
  });
});

test('in a 5,000-span trace a linked span is scrolled into view, j/k keep the selection on screen, and folding works', async () => {
  const { trace, order } = await bigTraceOfTarget();
  const middle = order[Math.floor(order.length / 2)];

  await withBigTrace(`?span=${middle}`, async ({ page }) => {
    await page.locator('[data-testid="span-panel"]').waitFor();
    await eventually(() => rowOnScreen(page, middle), 'the linked span\'s row is on screen');
    assert.equal(await selectedId(page), middle);

    const start = order.indexOf(middle);
    for (let press = 0; press < 40; press += 1) await page.keyboard.press('j');
    assert.equal(await selectedId(page), order[start + 40]);
    assert.ok(await rowOnScreen(page, order[start + 40]), 'j scrolled the selection along');
    for (let press = 0; press < 60; press += 1) await page.keyboard.press('k');
    assert.equal(await selectedId(page), order[start - 20]);
    assert.ok(await rowOnScreen(page, order[start - 20]), 'k scrolled back up');
    assert.ok((await page.locator('.wf-row').count()) < MAX_ROWS_IN_DOM);
  });

  // Folding the last agent step hides its subtree: the row after it is the next root child, the page is shorter.
  const byName = (name) => trace.spans.find((span) => span.name === name);
  const step = byName('agent.step 50');
  const descendants = order.indexOf(byName('flush 1').spanId) - order.indexOf(step.spanId) - 1;
  await withBigTrace(`?span=${step.spanId}`, async ({ page }) => {
    const row = page.locator(`.wf-row[data-span-id="${step.spanId}"]`);
    await row.waitFor();
    const nextRowId = () => row.evaluate((element) => element.nextElementSibling?.dataset.spanId);
    const areaHeight = () => page.locator('.wf-rows').evaluate((element) => element.getBoundingClientRect().height);
    const fullHeight = await areaHeight();
    await page.keyboard.press('ArrowLeft');
    await eventually(async () => (await row.getAttribute('aria-expanded')) === 'false', 'the step is folded');
    assert.equal(await row.locator('.wf-hidden-count').textContent(), `+${descendants}`);
    assert.equal(await nextRowId(), byName('flush 1').spanId);
    assert.ok(Math.abs((fullHeight - await areaHeight()) - descendants * 30) < 1, 'the rows of the subtree take no room');
    await page.keyboard.press('ArrowRight');
    await eventually(async () => (await row.getAttribute('aria-expanded')) === 'true', 'the step is unfolded');
    assert.equal(await nextRowId(), order[order.indexOf(step.spanId) + 1]);
  });
});

test('a 2 MB prompt is shown folded to its start with "show all (2.0 MB)" and unfolds on click', async (t) => {
  // The mock's trace has it; a real server's collector cuts values at 64K characters, so there the page is handed
  // the generated trace (the rendering is what is tested).
  const trace = suite.target.usesMock ? (await bigTraceOfTarget()).trace : bigTrace();
  const span = trace.spans.find((candidate) => candidate.llm?.input?.some((message) => message.parts
    .some((part) => String(part.content ?? '').length >= BIG_PROMPT_CHARS)));
  const prompt = span.llm.input.flatMap((message) => message.parts).find((part) => part.content.length >= BIG_PROMPT_CHARS).content;

  await withBigTrace(`?span=${span.spanId}`, async ({ page }) => {
    const input = page.locator('[data-testid="conversation-input"]');
    await input.waitFor();
    const folded = input.locator('.message-text[data-folded="true"]');
    assert.equal(await folded.count(), 1, 'the big prompt is folded');
    const shown = await folded.textContent();
    assert.ok(shown.startsWith(prompt.slice(0, FOLDED_CHARS)), 'its first characters are shown');
    assert.ok(shown.length < FOLDED_CHARS + 10, `${shown.length} characters shown`);
    assert.ok(!shown.includes(BIG_PROMPT_END));
    const button = input.locator('[data-testid="show-all"]');
    assert.equal(await button.textContent(), 'show all (2.0 MB)');
    assert.equal(showAllLabel(prompt), 'show all (2.0 MB)');
    assert.equal(await input.locator('.message-text:not([data-folded])').count() > 0, true, 'short messages are not folded');
    await folded.scrollIntoViewIfNeeded();
    await screenshot(page, 'big-trace-folded-prompt');

    const started = Date.now();
    await button.click();
    const unfolded = input.locator('.message-text[data-folded="false"]');
    await unfolded.waitFor();
    assert.equal(await unfolded.evaluate((element) => element.textContent.length), prompt.length);
    assert.ok(await unfolded.evaluate((element, end) => element.textContent.endsWith(end), BIG_PROMPT_END), 'the whole prompt');
    t.diagnostic(`unfolding the 2 MB prompt took ${Date.now() - started} ms`);
    assert.equal(await button.count(), 0, 'the button is gone');
  }, suite.target.usesMock ? null : trace);
});
