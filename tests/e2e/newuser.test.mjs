// What a new user meets in the demo (issue #16, items 1–8), in real headless Chromium: the
// preview's fidelity, carousels and offers, authentication templates, samples that follow the
// text, no stale results, a pasted list response, keyboard and screen-reader access (with
// axe-core), the cost date, and the server's answer to a malformed address. Screenshots go to
// tests/artifacts/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { request } from 'node:http';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { openEditor, waitForText as waitFor } from './browser.mjs';

const artifacts = fileURLToPath(new URL('../artifacts/', import.meta.url));
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
let demo;
let page;
let problems;

before(async () => {
  ({ demo, page, problems } = await openEditor());
  mkdirSync(artifacts, { recursive: true });
});

after(async () => {
  await demo?.close();
});

const text = (sel) => page.locator(sel).innerText();
const json = async () => JSON.parse(await page.inputValue('#json'));

const waitForText = (sel, re) => waitFor(page, sel, re);

async function pick(label) {
  await page.selectOption('#sample', { label });
  await page.waitForTimeout(50);
}

/** Pastes JSON text into the JSON tab as a user would, and comes back to the form. */
async function pasteJson(value) {
  await page.click('#tab-json');
  await page.fill('#json', value);
  await page.waitForTimeout(150);
}

const shot = (name, sel = '#preview') => page.locator(sel).screenshot({ path: `${artifacts}${name}.png` });

test('1. the preview keeps a ``` block\'s lines, inline code is not bold, a URL with markers is one link', async () => {
  const t = {
    name: 'promo_link', language: 'it', category: 'MARKETING',
    components: [{ type: 'BODY', text: 'Codice: ```riga uno\nriga due``` e `SCONTO10`.\nVai su https://x.com/_promo_ per _vedere_ tutto.' }],
  };
  await pasteJson(JSON.stringify(t));
  await waitForText('#preview', /Vai su/);
  const mono = await page.evaluate(() => {
    const m = document.querySelector('#preview code.wa-mono');
    const lineHeight = parseFloat(getComputedStyle(m).lineHeight) || parseFloat(getComputedStyle(m).fontSize) * 1.2;
    return { text: m.innerText, lines: m.getClientRects().length, height: m.getBoundingClientRect().height, lineHeight };
  });
  assert.equal(mono.text, 'riga uno\nriga due');
  assert.ok(mono.lines >= 2 || mono.height >= 1.8 * mono.lineHeight, JSON.stringify(mono));
  const inline = await page.evaluate(() => {
    const c = [...document.querySelectorAll('#preview code')].find((e) => !e.classList.contains('wa-mono'));
    const body = document.querySelector('#preview .wa-body p');
    return { text: c.textContent, weight: getComputedStyle(c).fontWeight, bodyWeight: getComputedStyle(body).fontWeight };
  });
  assert.equal(inline.text, 'SCONTO10');
  assert.equal(inline.weight, inline.bodyWeight);
  const links = await page.evaluate(() => [...document.querySelectorAll('#preview a')].map((a) => [a.getAttribute('href'), a.textContent]));
  assert.deepEqual(links, [['https://x.com/_promo_', 'https://x.com/_promo_']]);
  assert.deepEqual(await page.evaluate(() => [...document.querySelectorAll('#preview em')].map((e) => e.textContent)), ['vedere']);
  await shot('preview-markup');
  await page.click('#tab-form');
});

test('2. a carousel shows every card and asks for each card\'s samples; an offer shows its expiry', async () => {
  await pick('English — summer trips (carousel)');
  await waitForText('#preview', /Alpine week in Cortina, 7 nights from €690/);
  const cards = await page.evaluate(() => [...document.querySelectorAll('#preview .wa-card')].map((c) => ({
    media: c.querySelector('.wa-media')?.dataset.kind,
    body: c.querySelector('.wa-body')?.innerText,
    buttons: [...c.querySelectorAll('.wa-button')].map((b) => b.innerText),
  })));
  assert.deepEqual(cards, [
    { media: 'image', body: 'Alpine week in Cortina, 7 nights from €690.', buttons: ['Book now', 'Tell me more'] },
    { media: 'image', body: 'Seaside week in Puglia, 5 nights from €540.', buttons: ['Book now', 'Tell me more'] },
  ]);
  for (const id of ['p-body_text-1', 'p-c0-body_text-1', 'p-c0-body_text-2', 'p-c1-body_text-1', 'p-c1-body_text-2', 'p-c0-button-0', 'p-c1-button-0']) {
    assert.ok(await page.locator(`#${id}`).count(), `no sample input #${id}`);
  }
  assert.equal(await page.inputValue('#p-c1-button-0'), 'sea-5');
  await page.fill('#p-c1-body_text-1', 'Salento');
  await waitForText('#preview', /Seaside week in Salento/);
  const saved = await json();
  assert.deepEqual(saved.components[1].cards[1].components[1].example.body_text, [['Salento', '€540']]);
  assert.match(await page.locator('label[for="p-c1-body_text-1"]').innerText(), /Card 2/);
  await shot('preview-carousel');

  await pick('Português — oferta relâmpago (limited-time offer)');
  await waitForText('#preview', /Só hoje!/);
  assert.match(await text('#preview .wa-offer .wa-expiry'), /Offer ends/);
  assert.match(await text('#preview .wa-button[data-kind="copy_code"]'), /VERAO30/);
  await shot('preview-offer');
});

test('3. authentication: the form sets its options and the preview shows Meta\'s text with a sample code', async () => {
  await pick('English — one-time code');
  await waitForText('#preview', /is your verification code/);
  assert.equal(await page.isVisible('#auth'), true);
  assert.equal(await page.isVisible('#f-body'), false);
  assert.equal(await page.isChecked('#a-security'), true);
  assert.equal(await page.inputValue('#a-expiry'), '10');
  assert.match(await text('#preview'), /^123456 is your verification code\. For your security, do not share this code\./);
  assert.match(await text('#preview'), /This code expires in 10 minutes\./);
  await page.uncheck('#a-security');
  await page.fill('#a-expiry', '5');
  await waitForText('#preview', /expires in 5 minutes/);
  assert.doesNotMatch(await text('#preview'), /For your security/);
  await page.selectOption('#a-otp', 'ONE_TAP');
  await page.waitForTimeout(150);
  const t = await json();
  assert.equal(t.components.find((c) => c.type === 'BUTTONS').buttons[0].otp_type, 'ONE_TAP');
  assert.equal(t.components.find((c) => c.type === 'FOOTER').code_expiration_minutes, 5);
  assert.equal(t.components.find((c) => c.type === 'BODY').add_security_recommendation, undefined);
  // A one-tap button needs its app: the findings say so rather than "Ready to submit".
  await waitForText('#diagnostics', /WP/);
  assert.doesNotMatch(await text('#summary'), /Ready to submit/);
  await shot('preview-authentication', '.layout');

  // Turning a written template into an authentication one: no old sample stands in as the code.
  await pick('Italiano — conferma d\'ordine');
  await waitForText('#preview', /Salve Giulia/);
  await page.selectOption('#f-category', 'AUTHENTICATION');
  await waitForText('#preview', /123456/);
  assert.doesNotMatch(await text('#preview'), /Giulia|Salve/);
  assert.match(await text('#preview'), /123456 è il tuo codice di verifica/);
  // And back: the written template returns.
  await page.selectOption('#f-category', 'UTILITY');
  await waitForText('#preview', /Salve Giulia/);
});

test('4. the samples follow the text: fewer placeholders, fewer samples', async () => {
  await pick('Italiano — cambio volo');
  await waitForText('#preview', /Gentile Marco/);
  assert.equal(await page.locator('#params input').count(), 5);
  await page.fill('#f-body', 'Gentile {{1}}, il tuo volo è in ritardo. Ci scusiamo per il disagio.');
  await waitForText('#preview', /il tuo volo è in ritardo/);
  assert.equal(await page.locator('#params input').count(), 1);
  assert.equal(await page.inputValue('#p-body_text-1'), 'Marco');
  assert.doesNotMatch(await text('#diagnostics'), /samples for/);
  const body = (await json()).components.find((c) => c.type === 'BODY');
  assert.deepEqual(body.example.body_text, [['Marco']]);
  // Named placeholders keep their samples by name.
  await pick('Español — recordatorio de cita');
  await page.fill('#f-body', 'Hola {{first_name}}, su cita sigue en pie.');
  await waitForText('#preview', /Hola Lucía, su cita sigue en pie/);
  const named = (await json()).components.find((c) => c.type === 'BODY').example.body_text_named_params;
  assert.deepEqual(named, [{ param_name: 'first_name', example: 'Lucía' }]);
  assert.doesNotMatch(await text('#diagnostics'), /WP225/);
});

test('5. JSON that does not parse leaves no stale result; a list response offers its templates', async () => {
  await pick('Português — pedido enviado');
  await waitForText('#preview', /Olá Ana/);
  await pasteJson('{"name": "pedido_enviado", "components": [');
  await waitForText('#summary', /does not parse/);
  assert.equal(await page.locator('#diagnostics li').count(), 0);
  assert.equal(await text('#category'), '');
  assert.doesNotMatch(await text('#preview'), /Olá Ana/);
  assert.match(await text('#preview'), /No preview/);
  assert.doesNotMatch(await text('#cost'), /USD/);
  assert.equal(await page.locator('#params input').count(), 0);
  await shot('stale-json', '.layout');

  const list = {
    data: [
      { name: 'order_shipped', language: 'en_US', category: 'UTILITY', status: 'APPROVED', id: '1', components: [{ type: 'BODY', text: 'Your order {{1}} has shipped.', example: { body_text: [['A-1']] } }] },
      { name: 'pedido_pronto', language: 'pt_BR', category: 'UTILITY', status: 'APPROVED', id: '2', components: [{ type: 'BODY', text: 'Seu pedido {{1}} está pronto.', example: { body_text: [['B-2']] } }] },
    ],
    paging: { cursors: { before: 'a', after: 'b' } },
  };
  await pasteJson(JSON.stringify(list, null, 2));
  await page.waitForSelector('#picker:not([hidden])');
  assert.match(await text('#pick-label'), /list of 2 templates/);
  assert.deepEqual(await page.evaluate(() => [...document.querySelectorAll('#pick option')].map((o) => o.textContent)), ['1. order_shipped (en_US)', '2. pedido_pronto (pt_BR)']);
  await waitForText('#preview', /Your order A-1 has shipped/);
  assert.doesNotMatch(await text('#diagnostics'), /missing|WP001/i);
  await page.selectOption('#pick', '1');
  await waitForText('#preview', /Seu pedido B-2 está pronto/);
  assert.equal(await page.inputValue('#f-name'), 'pedido_pronto');
  await shot('list-picker', '.layout');
  await page.click('#tab-form');
});

test('6. focus stays in place after Remove and a type change; marks are reachable by keyboard; axe finds nothing', async () => {
  await pick('English — appointment reminder');
  await waitForText('#preview', /Hi Sam/);
  // Remove button 1 with the keyboard: the focus goes to the row that took its place.
  await page.focus('#b-remove-0');
  await page.keyboard.press('Enter');
  await page.waitForTimeout(100);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'b-remove-0');
  assert.equal(await page.locator('#buttons li').count(), 2);
  // Remove the last one: the focus goes to the one before.
  await page.focus('#b-remove-1');
  await page.keyboard.press('Enter');
  await page.waitForTimeout(100);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'b-remove-0');
  // A type change keeps the focus on the type.
  await page.focus('#b-type-0');
  await page.keyboard.press('ArrowDown');
  await page.waitForTimeout(150);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'b-type-0');

  // The explanation of a marked span, without a mouse.
  await page.fill('#f-body', '{{1}}, la tua visita è confermata per domani.');
  await page.waitForSelector('#body-marks mark.error');
  await page.focus('#f-body');
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => {
    const m = document.activeElement;
    return { tag: m.tagName, text: m.textContent, described: document.getElementById(m.getAttribute('aria-describedby'))?.innerText };
  });
  assert.equal(focused.tag, 'MARK');
  assert.equal(focused.text, '{{1}}');
  assert.match(focused.described, /WP201/);
  assert.match(await text('#mark-note'), /WP201/);
  await shot('keyboard-mark', '#form');

  // axe-core over the whole page, form and JSON tabs.
  await page.addScriptTag({ path: axePath });
  const audit = async () => page.evaluate(async () => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
  assert.deepEqual(await audit(), []);
  await pick('English — summer trips (carousel)');
  await waitForText('#preview', /Alpine week/);
  assert.deepEqual(await audit(), []);
  await pick('English — one-time code');
  await waitForText('#preview', /verification code/);
  assert.deepEqual(await audit(), []);
});

test('7. the cost date defaults to today where the user is', async () => {
  for (const timezoneId of ['Pacific/Kiritimati', 'Pacific/Pago_Pago']) {
    const context = await demo.browser.newContext({ timezoneId });
    const p = await context.newPage();
    await p.goto(demo.url);
    await p.waitForSelector('body[data-ready="true"]');
    const expected = new Intl.DateTimeFormat('en-CA', { timeZone: timezoneId, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
    assert.equal(await p.inputValue('#c-date'), expected, timezoneId);
    await context.close();
  }
});

/** A raw request: the path goes as written, not normalised by a URL parser. */
function get(path) {
  const port = new URL(demo.url).port;
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET' }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', reject);
    req.end();
  });
}

test('8. the server answers a malformed address with 400, keeps serving, and serves nothing outside www/ and pkg/', async () => {
  assert.equal(await get('/www/%E0%A4%A'), 400);
  assert.equal(await get('/www/%00.html'), 400);
  assert.equal(await get('/www/'), 200);
  assert.equal(await get('/pkg/web/wa_preflight.js'), 200);
  for (const path of ['/www/../package.json', '/www/%2e%2e/package.json', '/pkg/..%2fCargo.toml', '/tests/e2e/browser.mjs', '/scripts/serve.mjs', '/wwwx/', '/README.md']) {
    assert.equal(await get(path), 404, path);
  }
  // The page still works after the bad requests.
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  await page.screenshot({ path: `${artifacts}newuser-desktop.png`, fullPage: true });
  assert.deepEqual(problems, []);
});
