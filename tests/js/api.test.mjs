// The public JS API, tested on the built package through its own exports map.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import * as esm from 'wa-preflight';

const cjs = createRequire(import.meta.url)('wa-preflight');
const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));

const template = (body, extra = {}) => ({
  name: 'order_update',
  language: 'en_US',
  category: 'UTILITY',
  components: [{ type: 'BODY', text: body, ...extra }],
});

test('ESM and CommonJS entries expose the same API', () => {
  for (const name of ['validateTemplate', 'validateTemplates', 'parseDocument', 'rules', 'version']) {
    assert.equal(typeof esm[name], 'function', `esm ${name}`);
    assert.equal(typeof cjs[name], 'function', `cjs ${name}`);
  }
  assert.equal(esm.version(), pkg.version);
});

test('validateTemplate: a clean template is ok', () => {
  const r = esm.validateTemplate(template('Hi {{1}}, your order has shipped.', { example: { body_text: [['Ana']] } }));
  assert.equal(r.ok, true);
  assert.deepEqual(r.diagnostics, []);
  assert.equal(r.name, 'order_update');
  assert.equal(r.category.declared, 'UTILITY');
  assert.ok(['MARKETING', 'UTILITY', 'AUTHENTICATION'].includes(r.category.predicted));
});

test('validateTemplate: diagnostics carry code, rule, severity, message, help, path and a JS span', () => {
  const body = '🎉 Grazie {{1}}';
  const r = esm.validateTemplate(template(body, { example: { body_text: [['Giulia']] } }));
  assert.equal(r.ok, false);
  const d = r.diagnostics.find((d) => d.code === 'WP201');
  assert.ok(d, JSON.stringify(r.diagnostics));
  assert.equal(d.rule, 'variable-at-edge');
  assert.equal(d.severity, 'error');
  assert.equal(d.path, 'components[0].text');
  assert.match(d.message, /ends with the parameter/);
  assert.equal(typeof d.help, 'string');
  assert.equal(body.slice(d.span.start, d.span.end), '{{1}}');
});

test('validateTemplate accepts JSON text and reports the same', () => {
  const t = template('Your order has shipped {{1}} days early.', { example: { body_text: [['2']] } });
  assert.deepEqual(esm.validateTemplate(JSON.stringify(t)), esm.validateTemplate(t));
});

test('misuse throws Error objects with a code, and the instance keeps working', () => {
  const cases = [
    [() => esm.validateTemplate(42), 'NOT_A_TEMPLATE'],
    [() => esm.validateTemplate(undefined), 'NOT_A_TEMPLATE'],
    [() => esm.validateTemplate('{"name": '), 'INVALID_JSON'],
    [() => esm.validateTemplate([template('x')]), 'NOT_A_TEMPLATE'],
    [() => esm.validateTemplate({ messaging_product: 'whatsapp', to: '39333', type: 'text' }), 'NOT_A_TEMPLATE'],
    [() => esm.validateTemplate(template('x'), 'strict'), 'INVALID_OPTIONS'],
    [() => esm.validateTemplate(template('x'), { lengthUnit: 'bytes' }), 'INVALID_OPTIONS'],
    [() => esm.validateTemplate(template('x'), { typo: true }), 'INVALID_OPTIONS'],
    [() => esm.validateTemplate(template('x'), { rules: { WP999: 'off' } }), 'INVALID_OPTIONS'],
    [() => esm.validateTemplate(template('x'), { asOf: '2025-02-30' }), 'INVALID_OPTIONS'],
    [() => esm.validateTemplate(template('x'), { asOf: true }), 'INVALID_OPTIONS'],
    [() => esm.parseDocument(12), 'INVALID_ARGUMENT'],
    [() => esm.parseDocument(''), 'EMPTY_INPUT'],
  ];
  for (const [call, code] of cases) {
    assert.throws(call, (e) => e instanceof Error && e.code === code && e.message.length > 0, code);
  }
  assert.equal(esm.validateTemplate(template('Your order has shipped today.')).ok, true);
});

test('JSON syntax errors say where', () => {
  assert.throws(() => esm.validateTemplate('{\n "name": "x",\n oops\n}'), (e) => e.code === 'INVALID_JSON' && e.line === 3);
});

test('a malformed template yields diagnostics, not an exception', () => {
  const r = esm.validateTemplate({ name: 7, components: 'BODY' });
  assert.equal(r.ok, false);
  const codes = r.diagnostics.map((d) => d.code);
  assert.ok(codes.includes('WP001'), codes.join());
  assert.ok(codes.includes('WP002'), codes.join());
});

test('validateTemplates: arrays, list responses, JSON Lines text; index per item', () => {
  const good = template('Your order has shipped today.');
  const list = esm.validateTemplates({ data: [good, { ...good, name: 'Bad Name' }], paging: {} });
  assert.deepEqual(list.map((r) => [r.index, r.ok]), [[0, true], [1, false]]);
  const lines = `${JSON.stringify(good)}\n\n${JSON.stringify(good)}\n`;
  assert.equal(esm.validateTemplates(lines).length, 2);
  assert.equal(esm.validateTemplates([good, 'not a template'])[1].ok, false);
  assert.throws(() => esm.validateTemplates(`${JSON.stringify(good)}\n{"name":`), (e) => e.code === 'INVALID_JSON' && e.line === 2);
});

test('options: length unit and per-rule settings', () => {
  const body = 'a'.repeat(1000) + '👍'.repeat(20);
  const loose = esm.validateTemplate(template(body));
  assert.equal(loose.ok, true);
  assert.ok(!loose.diagnostics.some((d) => d.code === 'WP130'));
  const strict = esm.validateTemplate(template(body), { lengthUnit: 'utf16' });
  const long = strict.diagnostics.filter((d) => d.code === 'WP130');
  assert.equal(long.length, 1);
  assert.match(long[0].message, /1040 UTF-16 code units; the limit is 1024/);
  const warn = esm.validateTemplate({ ...template('Hello there, friend.'), name: 'Bad' }, { rules: { WP101: 'warning' } });
  assert.equal(warn.ok, true);
  assert.equal(warn.diagnostics[0].severity, 'warning');
  const shipped = template('Your order has shipped and arrives tomorrow.');
  // en_KE is not on Meta's list (its English codes run from en_AE to en_ZA): an error, unless the
  // caller knows better.
  const kenya = esm.validateTemplate({ ...shipped, language: 'en_KE' });
  assert.deepEqual(kenya.diagnostics.map((d) => [d.code, d.severity]), [['WP104', 'error']]);
  assert.equal(kenya.ok, false);
  assert.match(kenya.diagnostics[0].help, /`en`/);
  assert.deepEqual(esm.validateTemplate({ ...shipped, language: 'en_KE' }, { extraLanguages: ['en_KE'] }).diagnostics, []);
  assert.deepEqual(esm.validateTemplate({ ...shipped, language: 'en_AU' }).diagnostics, []);
});

test('parseDocument splits documents like the CLI does', () => {
  assert.equal(esm.parseDocument('[{"a":1},{"b":2}]').length, 2);
  assert.deepEqual(esm.parseDocument('{"data":[{"a":1}]}'), [{ a: 1 }]);
  assert.deepEqual(esm.parseDocument('{"a":1}\n{"a":2}'), [{ a: 1 }, { a: 2 }]);
});

test('rules() lists the registry with unique codes', () => {
  const list = esm.rules();
  assert.ok(list.length >= 80);
  assert.equal(new Set(list.map((r) => r.code)).size, list.length);
  const edge = list.find((r) => r.code === 'WP201');
  assert.equal(edge.name, 'variable-at-edge');
  assert.equal(edge.severity, 'error');
  assert.ok(list.filter((r) => r.uncertain).every((r) => r.severity !== 'error'));
});

test('the docs/rules.md shipped in the repository lists every code', () => {
  const doc = readFileSync(new URL('../../docs/rules.md', import.meta.url), 'utf8');
  for (const r of esm.rules()) assert.ok(doc.includes(`## ${r.code}`), r.code);
});

test('validateTemplate and validateTemplates: asOf picks the copy-code limit of that date', () => {
  const coupon = (code) => ({
    name: 'promo', language: 'en_US', category: 'MARKETING',
    components: [
      { type: 'BODY', text: 'Use this code for 20% off your next order.' },
      { type: 'BUTTONS', buttons: [{ type: 'COPY_CODE', example: code }] },
    ],
  });
  const wp136 = (r) => r.diagnostics.filter((d) => d.code === 'WP136');
  const sixteen = coupon('SUMMERSALE2025XL');
  assert.deepEqual(wp136(esm.validateTemplate(sixteen)), [], 'today: 20');
  assert.deepEqual(wp136(esm.validateTemplate(sixteen, { asOf: '2026-01-01' })), []);
  const [old] = wp136(esm.validateTemplate(sixteen, { asOf: '2025-11-01' }));
  assert.equal(old.message, 'copy code is 16 characters; the limit is 15 before 2025-12-03');
  assert.deepEqual(old.span, { start: 15, end: 16 });
  // A Date is read through JSON, as its ISO text.
  assert.equal(wp136(esm.validateTemplate(sixteen, { asOf: new Date('2025-12-02T23:59:59Z') })).length, 1);
  assert.equal(wp136(esm.validateTemplate(sixteen, { asOf: '2025-12-03T00:00:00Z' })).length, 0);
  const list = cjs.validateTemplates([sixteen, coupon('SUMMER25')], { asOf: '2025-11-01' });
  assert.deepEqual(list.map((r) => wp136(r).length), [1, 0]);
  assert.throws(() => esm.validateTemplate(sixteen, { asOf: 'last year' }), (e) => e.code === 'INVALID_OPTIONS' && /asOf/.test(e.message));
});

test('misuse gets the right error code in our words: empty text, a SendChecker of no templates, a timeline that is not one', () => {
  for (const text of ['', '   \n', '\uFEFF']) {
    assert.throws(() => esm.validateTemplate(text), (e) => e.code === 'EMPTY_INPUT' && e.column === undefined, JSON.stringify(text));
  }
  assert.throws(() => esm.validateTemplate('{'), (e) => e.code === 'INVALID_JSON');
  for (const bad of [42, {}, null, undefined, true, 'x'.length, { templates: [] }]) {
    assert.throws(() => new esm.SendChecker(bad), (e) => e.code === 'INVALID_ARGUMENT' && /array|list response/.test(e.message), String(bad));
  }
  // What it does take: an array, a list response, one template, or JSON text.
  assert.equal(new esm.SendChecker([]).size, 0);
  assert.equal(new esm.SendChecker({ data: [] }).size, 0);
  assert.equal(new esm.SendChecker({ data: [{ ...template('Hi'), status: 'APPROVED' }] }).size, 1);
  assert.equal(new esm.SendChecker(template('Hi')).size, 1);
  assert.equal(new esm.SendChecker('[]').size, 0);
  for (const bad of [[], '[]', 7, 'null']) {
    assert.throws(() => esm.estimateCost(bad), (e) => e.code === 'INVALID_TIMELINE' && /"events"/.test(e.message) && !/struct|Timeline with/.test(e.message), String(bad));
  }
  assert.throws(() => esm.estimateCost({}), (e) => e.code === 'INVALID_TIMELINE' && /events/.test(e.message));
});

test('the declarations: renderMarkup overloads by format, before the generated catch-all; times take a Date', async () => {
  const dts = readFileSync(new URL('../../pkg/node/wa_preflight.d.ts', import.meta.url), 'utf8');
  const decls = [...dts.matchAll(/export function renderMarkup\(([^)]*)\): ([^;]+);/g)].map((m) => m[2].trim());
  assert.deepEqual(decls, ['string', 'BlockNode[]', 'string | BlockNode[]']);
  assert.match(dts, /export type TimeInput = string \| number \| Date;/);
  assert.match(dts, /now\?: TimeInput/);
  // And at run time the results match what the types promise.
  assert.equal(typeof esm.renderMarkup('*x*'), 'string');
  assert.equal(typeof esm.renderMarkup('*x*', 'text'), 'string');
  assert.ok(Array.isArray(esm.renderMarkup('*x*', 'nodes')));
  const at = new Date('2026-11-02T10:00:00Z');
  assert.deepEqual(esm.checkSend('{}', { now: at }), esm.checkSend('{}', { now: at.toISOString() }));
});
