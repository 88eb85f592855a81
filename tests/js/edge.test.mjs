// The edge-worker example runs in workerd (through miniflare) on 127.0.0.1 with a local
// stand-in for the Graph API.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { Miniflare } from 'miniflare';

const root = fileURLToPath(new URL('../../', import.meta.url));

test('the worker blocks bad sends with 422 and forwards good ones', async () => {
  const received = [];
  const upstream = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push({ url: req.url, body: JSON.parse(body), flag: req.headers['x-wa-preflight'] });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ messages: [{ id: 'wamid.TEST' }] }));
    });
  });
  await new Promise((r) => upstream.listen(0, '127.0.0.1', r));
  const mf = new Miniflare({
    modules: true,
    scriptPath: `${root}examples/edge-worker/worker.mjs`,
    modulesRoot: root,
    modulesRules: [
      { type: 'ESModule', include: ['**/*.js', '**/*.mjs'] },
      { type: 'CompiledWasm', include: ['**/*.wasm'] },
    ],
    compatibilityDate: '2026-04-01',
    bindings: { UPSTREAM: `http://127.0.0.1:${upstream.address().port}` },
  });
  try {
    const send = (payload) => mf.dispatchFetch('http://127.0.0.1/v21.0/123456/messages', {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload),
    });
    const good = {
      messaging_product: 'whatsapp', to: '393331234567', type: 'template',
      template: { name: 'short_note', language: { code: 'en_US' }, components: [{ type: 'body', parameters: [{ type: 'text', text: 'all good' }] }] },
    };
    const ok = await send(good);
    assert.equal(ok.status, 200);
    assert.deepEqual(await ok.json(), { messages: [{ id: 'wamid.TEST' }] });
    assert.equal(received.length, 1);
    assert.equal(received[0].url, '/v21.0/123456/messages');
    assert.equal(received[0].flag, 'allow');
    assert.deepEqual(received[0].body, good);

    const missing = await send({ ...good, template: { ...good.template, components: [] } });
    assert.equal(missing.status, 422);
    const body = await missing.json();
    assert.equal(body.error_code, 132000);
    assert.equal(body.diagnostics[0].code, 'WP501');

    const paused = await send({ ...good, template: { name: 'promo_paused', language: { code: 'en_US' } } });
    assert.equal((await paused.json()).error_code, 132015);

    // A malformed interactive message: a list with 11 rows, and a reply button with a 21-character title.
    const rows = (n, from) => Array.from({ length: n }, (_, i) => ({ id: `r${from + i}`, title: `Voce ${from + i}` }));
    const list = (sections) => ({ messaging_product: 'whatsapp', to: '393331234567', type: 'interactive',
      interactive: { type: 'list', body: { text: 'Il menu' }, action: { button: 'Vedi', sections } } });
    const tooMany = await send(list([{ title: 'Primi', rows: rows(6, 0) }, { title: 'Secondi', rows: rows(5, 6) }]));
    assert.equal(tooMany.status, 422);
    const tooManyBody = await tooMany.json();
    assert.deepEqual([tooManyBody.error_code, tooManyBody.diagnostics.map((d) => d.code)], [131009, ['WP541']]);
    assert.equal(tooManyBody.diagnostics[0].path, 'interactive.action.sections');
    const longTitle = await send({ messaging_product: 'whatsapp', to: '393331234567', type: 'interactive',
      interactive: { type: 'button', body: { text: 'Confermi?' }, action: { buttons: [{ type: 'reply', reply: { id: 'si', title: 'Sì, confermo la prenotazione' } }] } } });
    assert.equal(longTitle.status, 422);
    assert.equal((await longTitle.json()).error_code, 131009);
    // The same list with 10 rows is what Meta documents: it goes through.
    const fine = await send(list([{ title: 'Primi', rows: rows(5, 0) }, { title: 'Secondi', rows: rows(5, 5) }]));
    assert.equal(fine.status, 200);
    await fine.json();
    assert.equal(received.length, 2);
    // /marketing_messages takes marketing templates only.
    const viaMm = await mf.dispatchFetch('http://127.0.0.1/v23.0/123456/marketing_messages', {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(good),
    });
    assert.equal(viaMm.status, 422);
    assert.equal((await viaMm.json()).error_code, 134100);
    const notJson = await mf.dispatchFetch('http://127.0.0.1/x', { method: 'POST', body: '{oops' });
    assert.equal(notJson.status, 400);
    await notJson.text();
    assert.equal(received.length, 2, 'blocked requests never reach the upstream');
  } finally {
    await mf.dispose();
    upstream.close();
  }
});
