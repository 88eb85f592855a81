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
    const notJson = await mf.dispatchFetch('http://127.0.0.1/x', { method: 'POST', body: '{oops' });
    assert.equal(notJson.status, 400);
    await notJson.text();
    assert.equal(received.length, 1, 'blocked requests never reach the upstream');
  } finally {
    await mf.dispose();
    upstream.close();
  }
});
