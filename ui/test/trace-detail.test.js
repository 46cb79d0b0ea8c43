import { test } from 'node:test';
import assert from 'node:assert/strict';
import { screenshot } from './support/browser.js';
import { eventually, useSuite, withPage } from './support/suite.js';
import { expectedSpanOrder } from './support/span-order.js';
import {
  formatCost, formatDuration, formatTokens,
} from '../src/main/resources/META-INF/resources/js/format.js';
import { priceText } from '../src/main/resources/META-INF/resources/js/usage-figures.js';

const suite = useSuite();

const hasOrphan = (trace) => {
  const ids = new Set(trace.spans.map((span) => span.spanId));
  return trace.spans.some((span) => span.parentSpanId && !ids.has(span.parentSpanId));
};
const isNested = (trace) => trace.spans.some((span) => span.parentSpanId
  && trace.spans.some((parent) => parent.spanId === span.parentSpanId && parent.parentSpanId));

test('the waterfall shows every span in tree order, indented, with orphans and header totals', async () => {
  const { trace } = await suite.oracle.findTrace('nested spans, LLM calls and an orphan span',
    (candidate) => isNested(candidate) && hasOrphan(candidate) && candidate.spans.some((span) => span.llm));
  const expected = expectedSpanOrder(trace.spans);

  await withPage(suite, `/traces/${trace.traceId}`, async ({ page }) => {
    const rows = page.locator('[data-testid="waterfall"] .wf-row');
    await rows.first().waitFor();
    const shown = await rows.evaluateAll((elements) => elements.map((row) => ({
      spanId: row.dataset.spanId, depth: Number(row.dataset.depth), orphan: row.classList.contains('is-orphan'),
    })));
    assert.deepEqual(shown, expected);

    const orphan = expected.find((row) => row.orphan);
    assert.match(await page.locator(`.wf-row[data-span-id="${orphan.spanId}"]`).textContent(), /orphan/);
    const deepest = expected.reduce((a, b) => (b.depth > a.depth ? b : a));
    const [rootIndent, deepIndent] = await Promise.all([expected[0], deepest].map((row) => page
      .locator(`.wf-row[data-span-id="${row.spanId}"] .wf-name`)
      .evaluate((element) => parseFloat(getComputedStyle(element).paddingLeft))));
    assert.ok(deepIndent > rootIndent, 'children are indented');

    const llmSpans = trace.spans.filter((span) => span.llm);
    for (const span of llmSpans) {
      const row = page.locator(`.wf-row[data-span-id="${span.spanId}"]`);
      assert.match(await row.getAttribute('class'), /is-llm/);
      const text = await row.textContent();
      assert.ok(text.includes(span.llm.responseModel || span.llm.requestModel), 'model shown on the row');
      assert.ok(text.includes(`${formatTokens(span.llm.inputTokens)} → ${formatTokens(span.llm.outputTokens)}`));
    }
    for (const span of trace.spans.filter((candidate) => candidate.status === 'ERROR')) {
      const row = page.locator(`.wf-row[data-span-id="${span.spanId}"]`);
      assert.match(await row.getAttribute('class'), /is-error/);
      const color = await row.locator('.wf-span-name').evaluate((element) => getComputedStyle(element).color);
      assert.equal(color, 'rgb(200, 38, 27)', 'error spans are red');
    }

    const header = (id) => page.locator(`[data-testid="${id}"]`).textContent();
    assert.equal(await header('total-spans'), String(trace.spans.length));
    assert.equal(await header('total-llm-calls'), String(llmSpans.length));
    assert.equal(await header('total-tokens-in'), formatTokens(llmSpans.reduce((sum, span) => sum + span.llm.inputTokens, 0)));
    assert.equal(await header('total-tokens-out'), formatTokens(llmSpans.reduce((sum, span) => sum + span.llm.outputTokens, 0)));
    await screenshot(page, 'trace-detail');
  });
});

test('clicking an LLM span shows model, tokens, cost, time to first token and the messages', async () => {
  const llmSpanOf = (trace) => trace.spans.find((span) => span.llm && typeof span.llm.costUsd === 'number'
    && span.llm.timeToFirstTokenMs != null && Array.isArray(span.llm.input) && span.llm.input.length > 0
    && Array.isArray(span.llm.output) && span.llm.output.length > 0);
  const { trace } = await suite.oracle.findTrace('a priced LLM span with time to first token and captured messages',
    (candidate) => Boolean(llmSpanOf(candidate)));
  const span = llmSpanOf(trace);
  const { llm } = span;

  await withPage(suite, `/traces/${trace.traceId}`, async ({ page }) => {
    await page.locator(`.wf-row[data-span-id="${span.spanId}"]`).click();
    const panel = page.locator('[data-testid="span-panel"]');
    await panel.waitFor();
    const field = (id) => panel.locator(`[data-testid="${id}"]`).textContent();

    assert.equal(await panel.locator('.span-panel-title').textContent(), span.name);
    assert.ok((await field('llm-request-model')).startsWith(llm.requestModel));
    assert.ok((await field('llm-response-model')).startsWith(llm.responseModel ?? '—'));
    const differs = Boolean(llm.responseModel && llm.responseModel !== llm.requestModel);
    assert.equal(/differs from request/.test(await field('llm-response-model')), differs, 'model mismatch flagged');
    assert.equal(await field('tokens-input'), formatTokens(llm.inputTokens));
    assert.equal(await field('tokens-output'), formatTokens(llm.outputTokens));
    assert.equal(await field('tokens-cache-read'), formatTokens(llm.cacheReadTokens));
    assert.equal(await field('llm-cost'), formatCost(llm.costUsd));
    assert.equal(await field('llm-price'), priceText(llm.price), 'the price the cost was computed with');
    assert.equal(await field('llm-ttft'), formatDuration(llm.timeToFirstTokenMs));
    assert.equal(await field('llm-latency'), formatDuration(span.durationMs));
    assert.equal(await field('llm-provider'), llm.provider);
    for (const reason of llm.finishReasons ?? []) assert.ok((await field('llm-finish-reasons')).includes(reason));

    const input = panel.locator('[data-testid="conversation-input"] .message');
    assert.equal(await input.count(), llm.input.length);
    for (const [index, message] of llm.input.entries()) {
      assert.equal(await input.nth(index).getAttribute('data-role'), message.role);
      for (const part of message.parts.filter((candidate) => candidate.type === 'text')) {
        assert.ok((await input.nth(index).textContent()).includes(part.content), 'message text shown');
      }
    }
    const output = panel.locator('[data-testid="conversation-output"]');
    for (const call of llm.output.flatMap((message) => message.parts).filter((part) => part.type === 'tool_call')) {
      const block = output.locator('.tool-block', { hasText: call.name });
      assert.equal(await block.count(), 1, `tool call ${call.name} shown`);
      assert.deepEqual(JSON.parse(await block.locator('pre.json').textContent()),
        typeof call.arguments === 'string' ? JSON.parse(call.arguments) : call.arguments, 'arguments as JSON');
    }
    assert.match(page.url(), new RegExp(`span=${span.spanId}`), 'the selection is part of the address');
    await screenshot(page, 'trace-detail-llm-span');

    await panel.locator('[data-testid="conversation-output"]').scrollIntoViewIfNeeded();
    await screenshot(page, 'trace-detail-conversation');
  });
});

test('an unpriced LLM call shows "unpriced" and says when content was not captured', async () => {
  const unpricedSpanOf = (trace) => trace.spans.find((span) => span.llm && span.llm.costUsd == null && span.llm.input == null);
  const { trace } = await suite.oracle.findTrace('an unpriced LLM span without captured content',
    (candidate) => Boolean(unpricedSpanOf(candidate)));
  const span = unpricedSpanOf(trace);

  await withPage(suite, `/traces/${trace.traceId}?span=${span.spanId}`, async ({ page }) => {
    const panel = page.locator('[data-testid="span-panel"]');
    await panel.waitFor();
    assert.equal(await panel.locator('[data-testid="llm-cost"]').textContent(), 'unpriced');
    assert.match(await panel.locator('[data-testid="conversation-input"]').textContent(), /Content not captured/);
    if (trace.spans.filter((candidate) => candidate.llm).every((candidate) => candidate.llm.costUsd == null)) {
      assert.equal(await page.locator('[data-testid="total-cost"]').textContent(), 'unpriced');
    }
    await screenshot(page, 'trace-detail-unpriced');
  });
});

test('an LLM call whose provider reported no usage shows its tokens and their cost flagged as estimated', async () => {
  const estimatedSpanOf = (trace) => trace.spans.find((span) => span.llm?.tokensEstimated && span.llm.costUsd != null);
  const { trace } = await suite.oracle.findTrace('a priced LLM span with estimated tokens',
    (candidate) => Boolean(estimatedSpanOf(candidate)));
  const span = estimatedSpanOf(trace);

  await withPage(suite, `/traces/${trace.traceId}?span=${span.spanId}`, async ({ page }) => {
    const panel = page.locator('[data-testid="span-panel"]');
    await panel.waitFor();
    const tokens = panel.locator('[data-testid="llm-total-tokens"]');
    assert.ok((await tokens.textContent()).startsWith(formatTokens(span.llm.inputTokens + span.llm.outputTokens)));
    assert.equal(await tokens.locator('[data-flag="estimated"]').textContent(), 'est.');
    const cost = panel.locator('[data-testid="llm-cost"]');
    assert.equal(await cost.textContent(), `${formatCost(span.llm.costUsd)}est.`, 'the same cost analytics count');
    assert.equal(await cost.locator('[data-flag="estimated"]').textContent(), 'est.');
    await screenshot(page, 'trace-detail-estimated');
  });
});

test('span names and attribute values from the API are shown as text, never run as HTML', async () => {
  const baitOf = (trace) => trace.spans.find((span) => /<[a-z]/i.test(span.name ?? ''));
  const { trace } = await suite.oracle.findTrace('a span whose name contains HTML markup', (candidate) => Boolean(baitOf(candidate)));
  const span = baitOf(trace);

  await withPage(suite, `/traces/${trace.traceId}`, async ({ page }) => {
    const row = page.locator(`.wf-row[data-span-id="${span.spanId}"]`);
    await row.waitFor();
    assert.equal(await row.locator('.wf-span-name').textContent(), span.name, 'the name is shown literally');
    assert.equal(await page.locator('.waterfall img, .waterfall script').count(), 0, 'no element was created from the name');

    await row.click();
    const panel = page.locator('[data-testid="span-panel"]');
    assert.equal(await panel.locator('.span-panel-title').textContent(), span.name);
    for (const [key, value] of Object.entries(span.attributes ?? {})) {
      assert.equal(await panel.locator('[data-testid="span-attributes"] tr', { hasText: key }).locator('td').textContent(), value);
    }
    assert.equal(await page.locator('#app img, #app script').count(), 0);
    assert.equal(await page.evaluate(() => window.__boxscoreXss), undefined, 'no injected code ran');
  });
});

test('an error span shows its status message, and the attribute search filters keys and values', async () => {
  const { trace } = await suite.oracle.findTrace('an error span with a status message and attributes',
    (candidate) => candidate.spans.some((span) => span.status === 'ERROR' && span.statusMessage
      && Object.keys(span.attributes ?? {}).length >= 2));
  const span = trace.spans.find((candidate) => candidate.status === 'ERROR' && candidate.statusMessage
    && Object.keys(candidate.attributes ?? {}).length >= 2);

  await withPage(suite, `/traces/${trace.traceId}`, async ({ page }) => {
    await page.locator(`.wf-row[data-span-id="${span.spanId}"]`).click();
    const panel = page.locator('[data-testid="span-panel"]');
    assert.ok((await panel.locator('.status-message').textContent()).includes(span.statusMessage));

    const attributeRows = panel.locator('[data-testid="span-attributes"] tbody tr');
    assert.equal(await attributeRows.count(), Object.keys(span.attributes).length);
    const [key, value] = Object.entries(span.attributes)[0];
    await panel.locator('[data-testid="attribute-search"]').fill(key);
    await eventually(async () => (await attributeRows.count()) >= 1
      && (await attributeRows.allTextContents()).every((text) => text.toLowerCase().includes(key.toLowerCase())),
    'only matching attributes remain');
    await panel.locator('[data-testid="attribute-search"]').fill(value);
    assert.ok((await attributeRows.allTextContents()).some((text) => text.includes(value)), 'values are searched too');
    await panel.locator('[data-testid="attribute-search"]').fill('no-such-attribute-anywhere');
    assert.equal(await attributeRows.count(), 0);
    assert.match(await panel.locator('[data-testid="span-attributes"]').textContent(), /No attribute matches/);
  });
});

test('keyboard: j/k select spans, Escape closes the panel and then returns to the list', async () => {
  const { trace } = await suite.oracle.findTrace('at least two spans', (candidate) => candidate.spans.length >= 2);
  const order = expectedSpanOrder(trace.spans);

  await withPage(suite, `/traces/${trace.traceId}`, async ({ page }) => {
    await page.locator('.wf-row').first().waitFor();
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await page.locator('[data-testid="span-panel"]').waitFor();
    assert.equal(await page.locator('.wf-row.is-selected').getAttribute('data-span-id'), order[1].spanId);
    await page.keyboard.press('k');
    assert.equal(await page.locator('.wf-row.is-selected').getAttribute('data-span-id'), order[0].spanId);

    await page.keyboard.press('Escape');
    assert.equal(await page.locator('[data-testid="span-panel"]').count(), 0);
    assert.doesNotMatch(page.url(), /span=/);
    await page.keyboard.press('Escape');
    await page.locator('tr.trace-row, [data-testid="empty-state"]').first().waitFor();
    assert.match(page.url(), /#\/traces($|\?)/);
  });
});

test('an unknown trace id shows "Trace not found" with the server message', async () => {
  await withPage(suite, '/traces/00000000000000000000000000000000', async ({ page }) => {
    const notFound = page.locator('[data-testid="trace-not-found"]');
    await notFound.waitFor();
    assert.match(await notFound.textContent(), /Trace not found/);
    await notFound.getByRole('link', { name: 'Back to traces' }).click();
    await page.locator('tr.trace-row, [data-testid="empty-state"]').first().waitFor();
  });
});
