/**
 * How long the traces page takes to become usable in Chromium against a running Boxscore (BASE_URL, API_KEY):
 * from navigation start until the first page of traces is rendered and the filter bar takes input, for each
 * route given (default: the last 24 hours, 7 days and 30 days, and a filtered 7 days). Each route is opened
 * RUNS times (default 7) in a fresh page, one after the other (a page is closed once idle); the first run is a
 * warm-up. Prints one JSON line per route with the
 * median and the worst of the measured runs. A benchmark, not a test: `node bench/traces-page-interactive.mjs`.
 */
import { launchBrowser, openPage } from '../test/support/browser.js';

const baseUrl = process.env.BASE_URL;
const apiKey = process.env.API_KEY;
if (!baseUrl || !apiKey) {
  console.error('set BASE_URL and API_KEY');
  process.exit(2);
}
const runs = Number(process.env.RUNS || 7);
const routes = process.argv.slice(2).length > 0
  ? process.argv.slice(2)
  : ['#/traces?range=24h', '#/traces?range=7d', '#/traces?range=30d', '#/traces?range=7d&q=status%3Aerror'];

const browser = await launchBrowser();
try {
  for (const route of routes) {
    const times = [];
    for (let run = 0; run <= runs; run += 1) {
      const { context, page } = await openPage(browser);
      // The page moves a key in the fragment to localStorage, as on a user's first visit; the reload is then
      // what a user opening the route sees, and performance.now() counts from its navigation start.
      await page.goto(`${baseUrl}/#key=${encodeURIComponent(apiKey)}`);
      await page.waitForFunction(() => !location.hash.includes('key='));
      await page.goto(`${baseUrl}/${route}`);
      await page.reload({ waitUntil: 'commit' });
      await page.locator('[data-testid="trace-table"] tbody tr').first().waitFor({ timeout: 60_000 });
      await page.locator('[data-testid="filter-input"]').waitFor({ state: 'visible' });
      const ms = await page.evaluate(() => performance.now());
      if (run > 0) times.push(ms);
      // Let the page finish (the chart's request) so its queries do not run into the next page's.
      await page.waitForLoadState('networkidle');
      await context.close();
    }
    times.sort((a, b) => a - b);
    console.log(JSON.stringify({
      route, runs: times.length, medianMs: Math.round(times[Math.floor(times.length / 2)]),
      worstMs: Math.round(times[times.length - 1]),
    }));
  }
} finally {
  await browser.close();
}
