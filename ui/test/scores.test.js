import { test } from 'node:test';
import assert from 'node:assert/strict';
import { screenshot } from './support/browser.js';
import { eventually, useSuite, withPage } from './support/suite.js';

const suite = useSuite();

test('thumbs-down feedback with a comment is stored once, shown in the trace scores, and replaced when changed', async () => {
  const { trace } = await suite.oracle.findTrace('an LLM call', (candidate) => candidate.spans.some((span) => span.llm));
  const comment = `wrong order number ${Date.now()}`;
  let browserId;

  await withPage(suite, `/traces/${trace.traceId}`, async ({ page }) => {
    const scores = page.locator('[data-testid="trace-scores"]');
    await scores.waitFor();
    await page.locator('[data-testid="feedback-down"]').click();
    await page.locator('[data-testid="feedback-comment"]').fill(comment);
    await page.locator('[data-testid="feedback-send"]').click();
    await eventually(async () => /saved/.test(await page.locator('[data-testid="feedback-status"]').textContent()));
    const feedbackRow = scores.locator('tr[data-score-name="user_feedback"]');
    assert.match(await feedbackRow.locator('[data-testid="score-value"]').textContent(), /👎/);
    assert.equal(await feedbackRow.locator('[data-testid="score-comment"]').textContent(), comment);
    await screenshot(page, 'trace-feedback');
    browserId = await page.evaluate(() => localStorage.getItem('boxscore.feedback-author'));
  });

  // Stored: a new page (and the API) show it, once.
  const stored = (await suite.oracle.trace(trace.traceId)).scores.filter((score) => score.name === 'user_feedback'
    && score.comment === comment);
  assert.equal(stored.length, 1);
  assert.equal(stored[0].value, 0);
  assert.equal(stored[0].source, 'annotation');

  // The same browser later (its local storage kept).
  const sameBrowser = (page) => page.addInitScript((id) => {
    try {
      localStorage.setItem('boxscore.feedback-author', id);
    } catch {
      // about:blank has no storage; the app's page has
    }
  }, browserId);
  await withPage(suite, `/traces/${trace.traceId}`, async ({ page }) => {
    const feedbackRows = page.locator('[data-testid="trace-scores"] tr[data-score-name="user_feedback"]');
    await feedbackRows.first().waitFor();
    const mine = feedbackRows.filter({ hasText: comment });
    assert.equal(await mine.count(), 1);
    // The page remembers this browser's feedback: thumbs down is pressed; changing it replaces the score.
    assert.equal(await page.locator('[data-testid="feedback-down"]').getAttribute('aria-pressed'), 'true');
    await page.locator('[data-testid="feedback-up"]').click();
    await page.locator('[data-testid="feedback-send"]').click();
    await eventually(async () => /saved/.test(await page.locator('[data-testid="feedback-status"]').textContent()));
  }, { beforeGoto: sameBrowser });
  const after = (await suite.oracle.trace(trace.traceId)).scores.filter((score) => score.name === 'user_feedback'
    && score.comment === comment);
  assert.equal(after.length, 1, 'the changed feedback replaced the first');
  assert.equal(after[0].value, 1);
});

test('a score sent for one call shows in that span\'s panel, with its comment', async () => {
  const { trace } = await suite.oracle.findTrace('an LLM call', (candidate) => candidate.spans.some((span) => span.llm));
  const call = trace.spans.find((span) => span.llm);
  const comment = `cites the wrong policy ${Date.now()}`;
  const { baseUrl, apiKey } = suite.target;
  const answer = await fetch(`${baseUrl}/api/v1/scores`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${apiKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ traceId: trace.traceId, spanId: call.spanId, name: 'faithfulness', value: 0.25, comment }),
  });
  assert.equal(answer.status, 200, await answer.text());

  await withPage(suite, `/traces/${trace.traceId}?span=${call.spanId}`, async ({ page }) => {
    const panelScores = page.locator('[data-testid="span-panel"] [data-testid="span-scores"]');
    await panelScores.waitFor();
    assert.match(await panelScores.textContent(), new RegExp(`faithfulness.*0\\.25 — ${comment}`));
  });
});
