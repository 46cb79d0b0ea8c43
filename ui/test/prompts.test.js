import { test } from 'node:test';
import assert from 'node:assert/strict';
import { screenshot } from './support/browser.js';
import { eventually, useSuite, withPage } from './support/suite.js';
import { formatCount } from '../src/main/resources/META-INF/resources/js/format.js';
import { PROMPT_VERDICTS, testLabel } from '../src/main/resources/META-INF/resources/js/prompts-view.js';

const suite = useSuite();

const isPath = (path) => (request) => new URL(request.url()).pathname === path;

test('the Prompts page lists each prompt version, opens one prompt and compares two of its versions', async () => {
  let listRequest;
  await withPage(suite, '/traces', async ({ page }) => {
    // From the header, as a user gets there.
    [listRequest] = await Promise.all([
      page.waitForRequest(isPath('/api/v1/prompts')),
      page.locator('[data-nav="prompts"]').click(),
    ]);
    assert.equal(await page.locator('[data-nav="prompts"]').getAttribute('aria-current'), 'page');
    const listUrl = new URL(listRequest.url());
    const list = await suite.oracle.get(`${listUrl.pathname}${listUrl.search}`);
    const table = page.locator('[data-testid="prompts-table"]');
    await table.waitFor();
    const rows = page.locator('tr.prompt-row');
    assert.equal(await rows.count(), list.prompts.length, 'one row per fingerprint and version');
    for (const version of list.prompts) {
      const row = page.locator(`tr.prompt-row[data-fingerprint="${version.fingerprint ?? ''}"][data-version="${version.version ?? ''}"]`);
      assert.equal(await row.locator('td[data-col="calls"]').textContent(), formatCount(version.calls), `calls of ${version.version}`);
      for (const score of version.scores) {
        assert.ok((await row.locator(`[data-score="${score.name}"]`).textContent()).includes(`(${formatCount(score.scored)})`),
          `${score.name} of ${version.version}`);
      }
    }
    const perFingerprint = new Map();
    for (const version of list.prompts.filter((candidate) => candidate.fingerprint && candidate.version)) {
      perFingerprint.set(version.fingerprint, [...(perFingerprint.get(version.fingerprint) ?? []), version]);
    }
    // A prompt whose first two versions differ significantly (the server may hold others whose do not).
    let fingerprint;
    let versions;
    for (const [candidate, candidateVersions] of perFingerprint) {
      if (candidateVersions.length < 2) continue;
      const query = new URLSearchParams({
        a_fingerprint: candidate, a_version: candidateVersions[0].version,
        b_fingerprint: candidate, b_version: candidateVersions[1].version,
        from: listUrl.searchParams.get('from'), to: listUrl.searchParams.get('to'),
      });
      if ((await suite.oracle.get(`/api/v1/prompts/compare?${query}`)).significant) {
        [fingerprint, versions] = [candidate, candidateVersions];
        break;
      }
    }
    assert.ok(fingerprint, 'the server needs a prompt fingerprint with two versions that differ significantly in the last 7 days');
    await screenshot(page, 'prompts-list');

    // One prompt: its versions, the template of each and the timeline; the two latest versions compared at once.
    const [detailRequest, compareRequest] = await Promise.all([
      page.waitForRequest(isPath(`/api/v1/prompts/${encodeURIComponent(fingerprint)}`)),
      page.waitForRequest(isPath('/api/v1/prompts/compare')),
      page.locator(`tr.prompt-row[data-fingerprint="${fingerprint}"] td[data-col="prompt"] a`).first().click(),
    ]);
    const detailUrl = new URL(detailRequest.url());
    const detail = await suite.oracle.get(`${detailUrl.pathname}${detailUrl.search}`);
    await page.locator('[data-testid="prompt-timeline"]').waitFor();
    assert.equal(await page.locator('[data-testid="prompt-fingerprint"]').textContent(), fingerprint);
    assert.equal(await page.locator('tr.prompt-row').count(), detail.versions.length);
    for (const template of detail.templates.filter((candidate) => candidate.template)) {
      assert.equal(await page.locator(`.prompt-template[data-version="${template.version}"] pre`).textContent(), template.template);
    }
    const compareUrl = new URL(compareRequest.url());
    assert.equal(compareUrl.searchParams.get('a_fingerprint'), fingerprint);
    assert.deepEqual([compareUrl.searchParams.get('a_version'), compareUrl.searchParams.get('b_version')],
      detail.versions.map((version) => version.version).filter(Boolean).slice(-2));

    // Compare them the other way round, chosen by hand: B first, then A.
    const [first, second] = versions;
    await page.locator('[data-testid="prompt-tests"]').waitFor();
    await page.locator('select[data-filter="b"]').selectOption(first.version);
    const [request] = await Promise.all([
      page.waitForRequest((candidate) => isPath('/api/v1/prompts/compare')(candidate)
        && new URL(candidate.url()).searchParams.get('a_version') === second.version
        && new URL(candidate.url()).searchParams.get('b_version') === first.version),
      page.locator('select[data-filter="a"]').selectOption(second.version),
    ]);
    const url = new URL(request.url());
    const expected = await suite.oracle.get(`${url.pathname}${url.search}`);
    assert.ok(expected.significant, `${second.version} and ${first.version} of ${fingerprint} differ significantly`);
    await eventually(async () => (await page.locator('tr.prompt-test-row').count()) === expected.tests.length
      && (await page.locator('[data-testid="prompt-sides"] th').nth(1).textContent()) === `A: ${second.version}`,
    'the comparison of the chosen versions is shown');
    for (const result of expected.tests) {
      const row = page.locator(`tr.prompt-test-row[data-metric="${result.metric}"]`);
      assert.equal(await row.getAttribute('data-verdict'), result.verdict, result.metric);
      assert.equal(await row.locator('td[data-col="verdict"]').textContent(), PROMPT_VERDICTS[result.verdict].text);
      assert.equal(await row.locator('td[data-col="samples"]').textContent(),
        `${formatCount(result.baselineSamples)} / ${formatCount(result.currentSamples)}`);
    }
    const significant = expected.tests.filter((result) => result.verdict === 'drift').map((result) => testLabel(result.metric));
    assert.equal(await page.locator('[data-testid="prompt-compare-verdict"]').textContent(),
      `${first.version} differs significantly from ${second.version} in ${significant.join(', ')}`);
    for (const side of ['a', 'b']) {
      assert.equal(await page.locator(`[data-testid="prompt-sides"] tr[data-figure="calls"] td[data-col="${side}"]`).textContent(),
        formatCount(expected[side]?.calls ?? 0), `${side} calls`);
    }
    assert.match(page.url(), new RegExp(`#/prompts/${encodeURIComponent(fingerprint)}\\?.*a=${second.version}&b=${first.version}`));
    await screenshot(page, 'prompts-compare');
  });
});

test('an unknown prompt says it had no calls in the range', async () => {
  await withPage(suite, '/prompts/no-such-prompt', async ({ page }) => {
    await page.locator('.state-error').waitFor();
    assert.match(await page.locator('.state-error').textContent(), /No calls of this prompt in the range/);
  });
});
