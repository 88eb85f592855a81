// Debian's Chromium, headless, driven by playwright-core (npm browser downloads do not work on
// these machines), and the demo served on 127.0.0.1. Shared by the browser suites.
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/serve.mjs';

export async function openDemo() {
  const server = await serve(0);
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const url = `http://127.0.0.1:${server.address().port}/www/`;
  const close = async () => {
    await browser.close();
    server.close();
  };
  return { browser, url, close };
}

/**
 * The demo open in a 1280×900 page, ready, with its console errors and page errors collected
 * in `problems` (a test asserts it stays empty).
 */
export async function openEditor() {
  const demo = await openDemo();
  const page = await demo.browser.newPage({ viewport: { width: 1280, height: 900 } });
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  await page.goto(demo.url);
  await page.waitForSelector('body[data-ready="true"]');
  return { demo, page, problems };
}

/** Waits until the element's text matches `re`. */
export async function waitForText(page, sel, re) {
  await page.waitForFunction(([s, src]) => new RegExp(src).test(document.querySelector(s)?.innerText ?? ''), [sel, re.source], { timeout: 5000 });
}
