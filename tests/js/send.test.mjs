// checkSend, SendChecker and buildSendPayload on the built package; every send-time rule's
// fixtures run through the API (WASM under Node) and through `wa-preflight send`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkSend, checkContent, renderTemplate, SendChecker, buildSendPayload, rules, parseDocument } from 'wa-preflight';
import { ruleCases } from '../../scripts/rule-cases.mjs';

const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));
const templatesFile = join(fixtures, 'send/templates.json');
const templates = JSON.parse(readFileSync(templatesFile, 'utf8'));
const bin = fileURLToPath(new URL('../../bin/wa-preflight.js', import.meta.url));

/** Every send-time rule's cases: { code, kind, index, case }, from the rule declarations. */
const cases = ruleCases().filter((c) => c.send);

test('every send-time rule has fixtures', () => {
  const sendRules = [...new Set(ruleCases().filter((c) => c.send).map((c) => c.code))];
  assert.deepEqual(sendRules, rules().map((r) => r.code).filter((code) => sendRules.includes(code)));
  assert.ok(sendRules.length >= 20);
  for (const code of sendRules) {
    assert.ok(cases.some((c) => c.code === code && c.kind === 'fires'), `${code} fires`);
    assert.ok(cases.some((c) => c.code === code && c.kind === 'passes'), `${code} passes`);
  }
});

/** The options a case asks for besides its templates: state, time, endpoint. */
const caseOptions = (c) => ({
  ...(c.case.state ? { state: c.case.state } : {}),
  ...(c.case.now ? { now: c.case.now } : {}),
  ...(c.case.endpoint ? { endpoint: c.case.endpoint } : {}),
});

function expectFinding(c, report, label) {
  const codes = report.diagnostics.map((d) => d.code);
  const where = `${label} ${c.code} ${c.kind}[${c.index}]: ${codes.join(',')}`;
  assert.equal(codes.includes(c.code), c.kind === 'fires', where);
  assert.equal(report.error_code, c.case.error_code ?? null, where);
  assert.equal(report.ok, !report.diagnostics.some((d) => d.severity === 'error'), where);
  assert.equal(report.verdict, report.ok ? 'allow' : 'block', where);
  if (report.error_code !== null) assert.equal(report.verdict, 'block', where);
}

test('send fixtures through the API (WASM in Node)', () => {
  const checker = new SendChecker(templates);
  assert.equal(checker.size, templates.data.length);
  for (const c of cases) {
    const options = caseOptions(c);
    if (c.case.no_templates) {
      expectFinding(c, checkSend(c.case.payload, options), 'checkSend (payload alone)');
      continue;
    }
    expectFinding(c, checkSend(c.case.payload, { templates, ...options }), 'checkSend');
    expectFinding(c, checker.check(c.case.payload, options), 'SendChecker');
  }
});

test('send fixtures through the CLI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wa-preflight-send-'));
  // One run per distinct state and time, the payloads as JSON Lines.
  const groups = new Map();
  for (const c of cases) {
    const key = JSON.stringify([c.case.state ?? null, c.case.now ?? null, c.case.endpoint ?? null, !!c.case.no_templates]);
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(c);
  }
  let n = 0;
  for (const [key, group] of groups) {
    const [state, now, endpoint, noTemplates] = JSON.parse(key);
    const payloads = join(dir, `p${n}.jsonl`);
    writeFileSync(payloads, group.map((c) => JSON.stringify(c.case.payload)).join('\n'));
    const args = [bin, 'send', '--format', 'json', ...(noTemplates ? [] : ['--templates', templatesFile]), payloads];
    if (endpoint) args.push('--endpoint', endpoint);
    if (state) {
      writeFileSync(join(dir, `s${n}.json`), JSON.stringify(state));
      args.push('--state', join(dir, `s${n}.json`));
    }
    if (now) args.push('--now', now);
    const r = spawnSync(process.execPath, args, { encoding: 'utf8' });
    assert.equal(r.stderr, '');
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(lines.length, group.length);
    group.forEach((c, i) => {
      assert.equal(lines[i].index, i);
      for (const k of ['ok', 'verdict', 'error_code', 'alternatives', 'diagnostics', 'window', 'billing', 'skipped']) assert.ok(k in lines[i], k);
      expectFinding(c, lines[i], 'cli');
    });
    assert.equal(r.status, lines.some((l) => l.verdict === 'block') ? 1 : 0);
    n++;
  }
});

test('the window is reported with the send verdict', () => {
  const state = { 393331234567: { last_inbound_at: '2025-08-01T09:00:00Z' } };
  const text = { messaging_product: 'whatsapp', to: '+39 333 123 4567', type: 'text', text: { body: 'Ciao!' } };
  const open = checkSend(text, { state, now: '2025-08-01T10:30:00+00:00' });
  assert.deepEqual(open.window, { open: true, expires_at: '2025-08-02T09:00:00Z', remaining_seconds: 81000 });
  assert.equal(open.verdict, 'allow');
  const closed = checkSend(text, { state, now: Date.parse('2025-08-02T09:00:00Z') });
  assert.equal(closed.error_code, 131047);
  assert.equal(checkSend(text).window, null);
});

test('a marketing template to /messages warns from 2026-09-21 (WP554) and is still allowed', () => {
  const payload = { messaging_product: 'whatsapp', to: '393331234567', type: 'template', template: {
    name: 'cupom_verao', language: { code: 'pt_BR' }, components: [
      { type: 'header', parameters: [{ type: 'image', image: { link: 'https://cdn.example.com/verao.jpg' } }] },
      { type: 'body', parameters: [{ type: 'text', text: 'Ana' }] },
      { type: 'button', sub_type: 'copy_code', index: 0, parameters: [{ type: 'coupon_code', coupon_code: 'VERAO20' }] },
    ] } };
  const checker = new SendChecker(templates);
  const wp554 = (r) => r.diagnostics.filter((d) => d.code === 'WP554');
  const routed = checker.check(payload, { now: '2026-10-01T09:00:00Z' });
  assert.equal(routed.verdict, 'allow');
  const [d] = wp554(routed);
  assert.equal(d.severity, 'warning');
  assert.match(d.message, /since 2026-09-21 Meta routes marketing templates to `\/marketing_messages`; .* is reported to end on 2027-10-13 \(chatwoot discussion #16330, not confirmed by Meta\)$/);
  assert.match(d.help, /marketing_messages/);
  assert.match(wp554(checker.check(payload, { now: Date.parse('2027-10-13T00:00:00Z') }))[0].message, /was reported to end on 2027-10-13 .*this send may be refused$/);
  assert.equal(checker.check(payload, { now: Date.parse('2027-10-13T00:00:00Z') }).verdict, 'allow');
  assert.deepEqual(wp554(checker.check(payload, { now: '2026-09-20T23:59:59Z' })), []);
  assert.deepEqual(wp554(checker.check(payload, { now: '2026-10-01T09:00:00Z', endpoint: 'marketing_messages' })), []);
  assert.deepEqual(wp554(checkSend(payload, { now: '2026-10-01T09:00:00Z' })), [], 'no templates: no category');
});

test('buildSendPayload: a payload the checker accepts, for every kind of parameter', () => {
  const checker = new SendChecker(templates);
  const byName = (name, lang) => templates.data.find((t) => t.name === name && t.language === lang);
  const builds = [
    [byName('order_update', 'en_US'), { header: ['A-9'], body: ['Ana', 'A-9', 'Friday'], buttons: { 0: 'A-9', 1: { payload: 'help' } } }],
    [byName('cita', 'es'), { body: { first_name: 'Lucía', date: '12 de mayo' } }],
    [byName('login_code', 'en_US'), { body: ['482913'] }],
    [byName('cupom_verao', 'pt_BR'), { header: 'https://cdn.example.com/verao.jpg', body: ['Ana'], buttons: ['VERAO20'] }],
    [byName('pickup_point', 'en_US'), { header: { location: { latitude: 45.46, longitude: 9.19, name: 'Depot' } } }],
    [byName('viaggi_estate', 'it'), { body: ['Marco'], cards: [
      { header: 'https://cdn.example.com/a.jpg', body: ['499 €'], buttons: { 1: 'montagna' } },
      { header: { image: { id: '1234567890' } }, body: ['399 €'], buttons: { 0: { payload: 'mare' }, 1: 'mare' } },
    ] }],
    [byName('oferta_relampago', 'pt_PT'), { body: ['Rita'], buttons: ['VERAO30'], offer: { expiration_time_ms: 1767225600000 } }],
    [byName('codigo_acesso', 'pt_BR'), { body: ['482913'] }],
    [byName('accesso_rapido', 'it'), { buttons: ['482913'] }],
    [byName('catalogo_novita', 'it'), { body: ['Sara'] }],
    [byName('carrello_salvato', 'it'), { body: ['Luca'], buttons: { 0: { action: { thumbnail_product_retailer_id: 'sku1',
      sections: [{ title: 'Nel carrello', product_items: [{ product_retailer_id: 'sku1' }] }] } } } }],
    [byName('back_in_stock', 'en_US'), { header: { product: { product_retailer_id: 'sku1', catalog_id: '123456789' } }, body: ['Sam'] }],
    [byName('reserva_cita', 'es'), { buttons: { 0: { action: { flow_token: 'tok-1' } } } }],
    [byName('assistenza_chiamata', 'it'), { body: ['P-204'], buttons: { 0: { ttl_minutes: 60 } } }],
    [byName('scelti_per_te', 'en_US'), { body: ['Sam'], cards: [
      { header: { product: { product_retailer_id: 'sku1', catalog_id: '123456789' } } },
      { header: { product: { product_retailer_id: 'sku2', catalog_id: '123456789' } } },
    ] }],
  ];
  for (const [template, params] of builds) {
    const built = buildSendPayload(template, params, { to: '393331234567' });
    assert.deepEqual(built.diagnostics, [], template.name);
    const report = checker.check(built.payload);
    assert.equal(report.verdict, 'allow', `${template.name}: ${JSON.stringify(report.diagnostics)}`);
  }
  const named = buildSendPayload(byName('cita', 'es'), { body: { first_name: 'Lucía', date: 'hoy' } }, { to: '34600000000' });
  assert.deepEqual(named.payload.template.components[0].parameters.map((p) => p.parameter_name).sort(), ['date', 'first_name']);
  // Meta's documented authentication send: the code in the body and in the URL button at index 0,
  // for a template as listed and as created.
  for (const [name, lang] of [['login_code', 'en_US'], ['codigo_acesso', 'pt_BR']]) {
    const auth = buildSendPayload(byName(name, lang), { body: ['482913'] }, { to: '1555' }).payload.template.components;
    assert.deepEqual(auth.map((c) => [c.type, c.sub_type ?? null, c.index ?? null, c.parameters[0].text]),
      [['body', null, null, '482913'], ['button', 'url', 0, '482913']], name);
  }
  const catalog = buildSendPayload(byName('catalogo_novita', 'it'), { body: ['Sara'] }, { to: '1555' }).payload.template.components;
  assert.deepEqual(catalog[1], { type: 'button', sub_type: 'catalog', index: 0, parameters: [{ type: 'action', action: {} }] });
  const missing = buildSendPayload(byName('order_update', 'en_US'), { body: ['Ana'] }, { to: '1555' });
  assert.ok(missing.diagnostics.filter((d) => d.code === 'WP501').length >= 3);
  assert.throws(() => buildSendPayload(byName('order_update', 'en_US'), {}, {}), (e) => e.code === 'INVALID_OPTIONS');
});

test('rules re-grade send findings in every entry point, and the verdict follows them', () => {
  // WP501 (a placeholder without a value, 132000) and WP530 (an unknown key, 100, reported first).
  const payload = { ...cases.find((c) => c.code === 'WP501' && c.kind === 'fires').case.payload, colour: 'blue' };
  const checker = new SendChecker(templates);
  for (const [label, check] of [['checkSend', (o) => checkSend(payload, { templates, ...o })], ['SendChecker', (o) => checker.check(payload, o)]]) {
    const plain = check({});
    assert.deepEqual([plain.verdict, plain.error_code], ['block', 100], label);
    const keyInfo = check({ rules: { WP530: 'info' } });
    assert.deepEqual([keyInfo.verdict, keyInfo.error_code], ['block', 132000], label);
    assert.equal(keyInfo.diagnostics.find((d) => d.code === 'WP530').severity, 'info', label);
    const neither = check({ rules: { 'unexpected-key': 'off', WP501: 'warning' } });
    assert.deepEqual([neither.ok, neither.verdict, neither.error_code, neither.alternatives], [true, 'allow', null, []], label);
    assert.ok(!neither.diagnostics.some((d) => d.code === 'WP530'), label);
    assert.equal(neither.diagnostics.find((d) => d.code === 'WP501').severity, 'warning', label);
  }
  // A warning raised to an error blocks, with no Cloud API code to predict.
  const marketing = cases.find((c) => c.code === 'WP554' && c.kind === 'fires').case;
  const raised = checker.check(marketing.payload, { now: marketing.now, rules: { WP554: 'error' } });
  assert.deepEqual([raised.ok, raised.verdict, raised.error_code], [false, 'block', null]);
  // Built and rendered sends, and free text, take the same option.
  const template = { name: 'order_update', language: 'en_US', category: 'UTILITY',
    components: [{ type: 'BODY', text: 'Hi {{1}}, your order {{2}} has shipped.' }] };
  assert.ok(buildSendPayload(template, { body: ['Ana'] }, { to: '393331234567' }).diagnostics.some((d) => d.code === 'WP501'));
  assert.deepEqual(buildSendPayload(template, { body: ['Ana'] }, { to: '393331234567', rules: { WP501: 'off' } }).diagnostics, []);
  const preview = renderTemplate(template, { body: ['Ana'] }, { rules: { WP501: 'info' } });
  assert.equal(preview.ok, true);
  assert.equal(preview.diagnostics.find((d) => d.code === 'WP501').severity, 'info');
  const text = 'Scommetti ora sul casinò online!';
  assert.ok(checkContent(text, { language: 'it' }).diagnostics.some((d) => d.code === 'WP303'));
  assert.ok(!checkContent(text, { language: 'it', rules: { WP303: 'off' } }).diagnostics.some((d) => d.code === 'WP303'));
  for (const call of [
    () => buildSendPayload(template, {}, { to: '393331234567', rules: { WP999: 'off' } }),
    () => renderTemplate(template, {}, { rules: { WP999: 'off' } }),
    () => checkContent(text, { rules: { WP999: 'off' } }),
    () => checker.check(payload, { rules: { WP501: 'loud' } }),
  ]) assert.throws(call, (e) => e.code === 'INVALID_OPTIONS');
});

test('misuse throws typed errors; the instance keeps working', () => {
  assert.throws(() => checkSend(42), (e) => e.code === 'NOT_A_PAYLOAD');
  // JSON text is the body as Meta receives it: valid JSON that is not an object is the core's
  // WP520 finding (Meta answers 100), with the rule's help and code; re-gradable like any rule.
  for (const body of ['42', '[{"to": "39"}]', '"hi"', 'null']) {
    const r = checkSend(body);
    assert.equal(r.verdict, 'block', body);
    assert.equal(r.error_code, 100, body);
    assert.deepEqual(r.diagnostics.map((d) => [d.code, d.path, d.error_code]), [['WP520', '', 100]], body);
    assert.match(r.diagnostics[0].message, /^expected a send request object, found /);
    assert.ok(r.diagnostics[0].help);
    assert.deepEqual([r.window, r.billing, r.skipped], [null, null, []]);
  }
  assert.equal(checkSend('[]', { rules: { WP520: 'warning' } }).ok, true);
  assert.equal(new SendChecker([]).check('7').diagnostics[0].code, 'WP520');
  assert.throws(() => checkSend('{"to":'), (e) => e.code === 'INVALID_JSON');
  assert.throws(() => checkSend({}, { now: 'yesterday' }), (e) => e.code === 'INVALID_OPTIONS');
  assert.throws(() => checkSend({}, { state: { 39: { last_inbound_at: 'soon' } } }), (e) => e.code === 'INVALID_STATE');
  assert.throws(() => checkSend({}, { templatez: [] }), (e) => e.code === 'INVALID_OPTIONS');
  assert.throws(() => new SendChecker('{"data": ['), (e) => e.code === 'INVALID_JSON');
  assert.throws(() => new SendChecker(templates).check({}, { templates }), (e) => e.code === 'INVALID_OPTIONS');
  const empty = checkSend({});
  assert.equal(empty.verdict, 'block');
  // Required fields are missing: Meta documents 131008 and has answered 100 ("The parameter … is required").
  assert.deepEqual([empty.error_code, empty.alternatives], [131008, [100]]);
  assert.throws(() => checkSend({}, { endpoint: 'marketing' }), (e) => e.code === 'INVALID_OPTIONS');
  assert.throws(() => checkSend({}, { limits: { 'list.bdy': 3 } }), (e) => e.code === 'INVALID_OPTIONS' && /list\.bdy/.test(e.message));
  assert.throws(() => checkSend({}, { rules: { WP999: 'off' } }), (e) => e.code === 'INVALID_OPTIONS');
});

test('CLI send: text report, exit codes, unreadable option files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wa-preflight-cli-'));
  const payload = join(dir, 'p.json');
  writeFileSync(payload, JSON.stringify({ messaging_product: 'whatsapp', to: '393331234567', type: 'template',
    template: { name: 'promo_paused', language: { code: 'en_US' } } }));
  const run = (...args) => spawnSync(process.execPath, [bin, 'send', ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  const blocked = run('--templates', templatesFile, payload);
  assert.equal(blocked.status, 1);
  assert.match(blocked.stdout, /BLOCK .*p\.json\[0\] template promo_paused \(en_US\) to 393331234567 → 132015/);
  assert.match(blocked.stdout, /error\[WP523\] template-paused/);
  const alone = run(payload); // without templates only the payload itself is checked, and the report says so
  assert.equal(alone.status, 0);
  assert.match(alone.stdout, /not checked: template: no templates were given/);
  assert.match(alone.stdout, /not checked: consent: /);
  const mm = run('--templates', templatesFile, '--endpoint', 'marketing_messages', payload);
  assert.match(mm.stdout, /BLOCK .* → 132015/);
  assert.equal(run('--endpoint', 'sms', payload).status, 2);
  const interactive = join(dir, 'list.json');
  writeFileSync(interactive, JSON.stringify({ messaging_product: 'whatsapp', to: '393331234567', type: 'interactive',
    interactive: { type: 'list', body: { text: 'x'.repeat(2000) }, action: { button: 'Vedi', sections: [{ rows: [{ id: '1', title: 'Uno' }] }] } } }));
  const disputed = run(interactive);
  assert.equal(disputed.status, 0, disputed.stdout); // allowed: Meta's list page allows 4,096
  assert.match(disputed.stdout, /warning\[WP546\] disputed-limit/);
  assert.match(disputed.stdout, /not checked: window: /);
  const strict = run('--limit', 'list.body=1024', interactive);
  assert.equal(strict.status, 1);
  assert.match(strict.stdout, /BLOCK .* → 131009/);
  assert.equal(run('--limit', 'list.body=many', interactive).status, 2);
  const missing = run('--templates', join(dir, 'nope.json'), payload);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /--templates .*nope\.json: no such file/);
  assert.equal(run('--now', 'tomorrow', payload).status, 2);
  // An item that is not an object: the core's WP520 finding (Meta answers 100), not an error.
  const junk = join(dir, 'junk.json');
  writeFileSync(junk, '[[1], "text"]'); // a list of two items: an array and a string
  const j = run('--format', 'json', junk);
  assert.equal(j.status, 1);
  const reports = j.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(reports.map((r) => [r.index, r.verdict, r.error_code, r.diagnostics[0].code, r.diagnostics[0].message]), [
    [0, 'block', 100, 'WP520', 'expected a send request object, found an array'],
    [1, 'block', 100, 'WP520', 'expected a send request object, found a string'],
  ]);
  assert.match(run(junk).stdout, /error\[WP520\] invalid-send-payload: expected a send request object, found an array/);
});

test('CLI render: text, HTML and JSON', () => {
  const run = (...args) => spawnSync(process.execPath, [bin, 'render', '--template', templatesFile, ...args], { encoding: 'utf8' });
  const text = run('--name', 'order_update', '--language', 'it', '--params', '{"header":["A-7"],"body":["Giulia","A-7","*domani*"],"buttons":{"0":"A-7"}}');
  assert.equal(text.status, 0, text.stderr);
  assert.equal(text.stdout, '**Ordine A-7**\n\nCiao Giulia, il tuo ordine A-7 parte domani.\n\n[ Traccia → https://shop.example.com/track/A-7 ]\n\n[ Aiuto ]\n');
  const html = run('--name', 'order_update', '--language', 'en_US', '--use-examples', '--html');
  assert.equal(html.status, 0, html.stderr);
  assert.match(html.stdout, /<div class="wa-body"><p>Hi Ana, your order A-1001 ships on Monday\.<\/p><\/div>/);
  const hostile = run('--name', 'short_note', '--params', '{"body":["<img src=x onerror=alert(1)>"]}', '--html');
  assert.match(hostile.stdout, /&lt;img src=x onerror=alert\(1\)&gt;/);
  assert.doesNotMatch(hostile.stdout, /<img/);
  // The bubble is the core's: the same fragment renderTemplate gives with `html: true`.
  const [tpl] = parseDocument(readFileSync(templatesFile, 'utf8')).filter((t) => t.name === 'order_update' && t.language === 'en_US');
  assert.equal(html.stdout, `${renderTemplate(tpl, {}, { useExamples: true, html: true }).html}\n`);
  const json = JSON.parse(run('--name', 'short_note', '--format', 'json').stdout);
  assert.equal(json.ok, false);
  assert.equal(json.diagnostics[0].code, 'WP501');
  assert.equal(run('--name', 'short_note').status, 1);
  assert.equal(run().status, 2); // several templates in the file, none chosen
  assert.equal(run('--name', 'short_note', '--params', '{oops').status, 2);
});
