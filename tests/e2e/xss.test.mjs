// The XSS corpus (tests/fixtures/xss/vectors.json, 150 vectors) through the demo in headless
// Chromium: each vector goes into the template as header, body, footer and button text and as
// parameter values (in the JSON's examples and typed into the parameter fields), and the test
// asserts that no script ran and that nothing active reached the DOM.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { openDemo } from './browser.mjs';

const { vectors } = JSON.parse(readFileSync(new URL('../fixtures/xss/vectors.json', import.meta.url), 'utf8'));
let demo;
let page;
const ran = [];

before(async () => {
  demo = await openDemo();
  page = await demo.browser.newPage();
  // Every vector calls alert(); any of these being called means script ran.
  await page.addInitScript(() => {
    window.__xss = [];
    for (const f of ['alert', 'confirm', 'prompt', 'print']) {
      window[f] = (...a) => window.__xss.push(`${f}(${a.join(',')})`);
    }
  });
  page.on('dialog', (d) => { ran.push(`dialog: ${d.message()}`); d.dismiss(); });
  page.on('pageerror', (e) => ran.push(`page error: ${e.message}`));
  await page.goto(demo.url);
  await page.waitForSelector('body[data-ready="true"]');
  await page.click('#tab-json');
});

after(async () => {
  await demo?.close();
});

/** Everything in the page that could run script or load something active. */
function audit() {
  const out = [];
  const outputs = ['#preview', '#diagnostics', '#body-marks', '#category', '#summary', '#cost']
    .map((s) => document.querySelector(s)).filter(Boolean);
  const active = 'script,iframe,frame,frameset,object,embed,svg,math,img,image,video,audio,style,link,meta,base,form,'
    + 'template,noscript,input,select,textarea,button,details,marquee,keygen,isindex';
  for (const root of outputs) {
    for (const e of root.querySelectorAll(active)) {
      // The demo's own controls in the cost panel are not user text.
      if (!(root.id === 'cost' && ['INPUT', 'SELECT', 'BUTTON'].includes(e.tagName) && e.id)) out.push(`<${e.tagName.toLowerCase()}> in #${root.id}`);
    }
  }
  for (const e of document.body.querySelectorAll('*')) {
    for (const a of e.attributes) {
      if (a.name.startsWith('on')) out.push(`${a.name} on <${e.tagName.toLowerCase()}>`);
      if (/^\s*(javascript|data|vbscript):/i.test(a.value) && a.name !== 'value') out.push(`${a.name}="${a.value}"`);
    }
  }
  for (const a of document.querySelectorAll('a[href]')) {
    const url = new URL(a.getAttribute('href'), location.href);
    if (!['http:', 'https:'].includes(url.protocol)) out.push(`a href ${a.getAttribute('href')}`);
  }
  return { problems: out, scripts: document.scripts.length, calls: window.__xss.slice() };
}

test(`${vectors.length} XSS vectors as template text and parameters: no script runs, nothing active in the DOM`, async () => {
  assert.ok(vectors.length >= 100, `${vectors.length} vectors`);
  const start = await page.evaluate(audit);
  assert.deepEqual(start.problems, [], 'the page is clean before the corpus');
  for (const [i, vector] of vectors.entries()) {
    const marker = `case${i}x`;
    const template = {
      name: 'xss_case', language: 'en_US', category: 'UTILITY',
      components: [
        { type: 'HEADER', format: 'TEXT', text: `H {{1}} ${vector}`, example: { header_text: [vector] } },
        { type: 'BODY', text: `${marker} {{1}} ${vector} and {{2}}.`, example: { body_text: [[vector, `*${vector}*`]] } },
        { type: 'FOOTER', text: vector },
        { type: 'BUTTONS', buttons: [
          { type: 'QUICK_REPLY', text: vector },
          { type: 'URL', text: vector, url: 'https://shop.example/t/{{1}}', example: [vector] },
        ] },
      ],
    };
    await page.fill('#json', JSON.stringify(template));
    await page.waitForFunction((m) => document.querySelector('#preview')?.textContent.includes(m), marker, { timeout: 5000 });
    await page.fill('#p-body_text-1', `p${i}y ${vector}`);
    await page.waitForFunction((m) => document.querySelector('#preview')?.textContent.includes(m), `p${i}y`, { timeout: 5000 });
    const r = await page.evaluate(audit);
    assert.deepEqual(r.problems, [], `vector ${i}: ${vector}`);
    assert.equal(r.scripts, start.scripts, `vector ${i} added a script element`);
    assert.deepEqual(r.calls, [], `vector ${i} ran script`);
    // The vector is shown as text: its visible characters are in the preview.
    const shown = await page.locator('#preview').textContent();
    assert.ok(shown.includes(`p${i}y`), `vector ${i}: parameter shown`);
  }
  assert.deepEqual(ran, [], 'no dialog and no page error');
});
