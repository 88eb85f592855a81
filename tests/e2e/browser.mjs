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
