/**
 * Launches the system's Chromium through playwright-core (never a downloaded browser) and opens pages that
 * record browser-side errors, so a test can assert the page ran cleanly.
 */
import { access, constants, mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const CHROME_PATH = process.env.CHROME_PATH || '/usr/bin/chromium';
// Without the background-networking flags Chromium keeps dialling Google hosts that this closed network refuses.
const CHROME_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
export const SCREENSHOT_DIR = fileURLToPath(new URL('../../target/screenshots/', import.meta.url));

/** Starts Chromium; fails with install instructions when the binary is missing. */
export async function launchBrowser() {
  try {
    await access(CHROME_PATH, constants.X_OK);
  } catch {
    throw new Error(
      `Chromium was not found at ${CHROME_PATH}. The UI browser tests need it: install Debian's package with `
      + '`apt-get update && apt-get install -y chromium`, or point CHROME_PATH at a Chromium/Chrome binary.');
  }
  return chromium.launch({ executablePath: CHROME_PATH, args: CHROME_ARGS, headless: true });
}

/**
 * A fresh context (empty localStorage) and page, 1440×900.
 * @returns `{context, page, problems}`; `problems` collects uncaught page errors and console errors other than
 *   the browser's own "Failed to load resource" lines for the HTTP errors a test provokes on purpose.
 */
export async function openPage(browser, { viewport = { width: 1440, height: 900 } } = {}) {
  const context = await browser.newContext({ viewport, locale: 'en-US' });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      problems.push(`console error: ${message.text()}`);
    }
  });
  return { context, page, problems };
}

/**
 * Saves a full-page screenshot as target/screenshots/<name>.png. Chromium takes it by growing the viewport to the
 * page's height and shrinking it back, which leaves the page scrolled elsewhere until the next mouse or key event
 * moves it back: a click right after would press on one element and release on another. So the scroll position is
 * put back at once.
 */
export async function screenshot(page, name) {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const scrolled = await page.evaluate(() => [window.scrollX, window.scrollY]);
  await page.screenshot({ path: `${SCREENSHOT_DIR}${name}.png`, fullPage: true });
  await page.evaluate(([x, y]) => window.scrollTo(x, y), scrolled);
}
