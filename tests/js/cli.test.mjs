// The `wa-preflight check` command, run as users run it, against ../shared/cli-contract.md.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../bin/wa-preflight.js', import.meta.url));
const fixtures = fileURLToPath(new URL('../fixtures/templates', import.meta.url));

function cli(args, input) {
  const r = spawnSync(process.execPath, [bin, ...args], { input, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
const lines = (s) => s.split('\n').filter(Boolean).map((l) => JSON.parse(l));

const good = { name: 'order_update', language: 'en_US', category: 'UTILITY', components: [{ type: 'BODY', text: 'Your order has shipped today.' }] };
const bad = { ...good, name: 'Order Update' };

function dir(files) {
  const d = mkdtempSync(join(tmpdir(), 'wa-preflight-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(d, name, '..'), { recursive: true });
    writeFileSync(join(d, name), text);
  }
  return d;
}

test('--format json over a directory: one object per template, contract fields, global index', () => {
  const r = cli(['check', '--format', 'json', fixtures]);
  assert.equal(r.code, 1, r.err);
  const items = lines(r.out);
  assert.equal(items.length, 13);
  items.forEach((item, i) => {
    assert.equal(item.index, i);
    for (const key of ['name', 'language', 'ok', 'category', 'diagnostics']) assert.ok(key in item, key);
    assert.ok(['MARKETING', 'UTILITY', 'AUTHENTICATION'].includes(item.category.predicted));
    assert.equal(typeof item.category.confidence, 'number');
    assert.ok(Array.isArray(item.category.reasons));
    assert.equal(item.ok, !item.diagnostics.some((d) => d.severity === 'error'));
    for (const d of item.diagnostics) {
      assert.deepEqual(Object.keys(d), ['code', 'rule', 'severity', 'message', 'help', 'path', 'span']);
      assert.match(d.code, /^WP\d{3}$/);
    }
  });
  const cm = items.find((i) => i.file.endsWith('it_cm_order_confirmation.json'));
  assert.deepEqual(cm.diagnostics.filter((d) => d.code === 'WP207').map((d) => d.span), [
    { start: 6, end: 9 }, { start: 154, end: 157 }, { start: 162, end: 165 },
  ]);
});

test('exit 0 when every template is fine, 1 when one has an error', () => {
  const d = dir({ 'good.json': JSON.stringify(good), 'sub/bad.jsonl': `${JSON.stringify(good)}\n${JSON.stringify(bad)}\n` });
  assert.equal(cli(['check', join(d, 'good.json')]).code, 0);
  const r = cli(['check', '--format=json', d]);
  assert.equal(r.code, 1);
  assert.deepEqual(lines(r.out).map((i) => [i.index, i.name, i.ok]), [[0, 'order_update', true], [1, 'order_update', true], [2, 'Order Update', false]]);
});

test('standard input with -', () => {
  const r = cli(['check', '--format', 'json', '-'], JSON.stringify({ data: [good, bad] }));
  assert.equal(r.code, 1);
  assert.deepEqual(lines(r.out).map((i) => i.ok), [true, false]);
});

test('unreadable input: exit 2, file and line on stderr, other files still reported', () => {
  const d = dir({ 'a.jsonl': `${JSON.stringify(good)}\n{"name":\n`, 'b.json': JSON.stringify(good) });
  const r = cli(['check', '--format', 'json', join(d, 'a.jsonl'), join(d, 'missing.json'), join(d, 'b.json')]);
  assert.equal(r.code, 2);
  assert.match(r.err, /a\.jsonl:2(:\d+)?: invalid JSON/);
  assert.match(r.err, /missing\.json: no such file/);
  assert.equal(r.err.trim().split('\n').length, 2);
  // The good first line of a.jsonl is still checked (a bad line costs only itself).
  assert.deepEqual(lines(r.out).map((i) => [i.index, i.file.endsWith('b.json'), i.line]), [[0, false, 1], [1, true, undefined]]);
});

test('usage errors exit 2 with a one-line reason', () => {
  for (const args of [[], ['lint', 'x.json'], ['check'], ['check', '--format', 'xml', 'x'], ['check', '--bogus', 'x'], ['check', '--rule', 'WP201', 'x']]) {
    const r = cli(args);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.err, /^wa-preflight: /, args.join(' '));
    assert.equal(r.out, '');
  }
});

test('--as-of and --now pass through: the core reads the time and says what is wrong', () => {
  const bad = cli(['check', '--as-of', '2025-13-45', '-'], JSON.stringify(good));
  assert.equal(bad.code, 2);
  assert.match(bad.err, /^wa-preflight: INVALID_OPTIONS: .*asOf: `2025-13-45` is not an ISO 8601/);
  assert.equal(cli(['check', '--as-of', '2025-12-03T10:00:00+01:00', '-'], JSON.stringify(good)).code, 0, 'an ISO 8601 time');
  const send = { messaging_product: 'whatsapp', to: '393331234567', type: 'text', text: { body: 'hi' } };
  const later = cli(['send', '--now', 'later', '-'], JSON.stringify(send));
  assert.equal(later.code, 2);
  assert.match(later.err, /now: `later` is not an ISO 8601/);
});

test('text format: compiler-style report with the offending line and a caret under the span', () => {
  const t = { ...good, components: [{ type: 'BODY', text: 'Riga uno\n{{1}}, il tuo ordine è partito.', example: { body_text: [['Giulia']] } }] };
  const r = cli(['check', '-'], JSON.stringify(t));
  assert.equal(r.code, 0, r.out); // a variable after the first line is not at the start of the body
  const edge = cli(['check', '-'], JSON.stringify({ ...t, components: [{ type: 'BODY', text: 'Ciao 👋 caro {{1}}', example: { body_text: [['Giulia']] } }] }));
  assert.equal(edge.code, 1);
  assert.match(edge.out, /error\[WP201\] variable-at-edge: body ends with the parameter \{\{1\}\}/);
  assert.match(edge.out, /--> <stdin>\[0\] components\[0\]\.text/);
  assert.match(edge.out, /\| Ciao 👋 caro \{\{1\}\}\n {3}\| {13}\^{5}\n/);
  assert.match(edge.out, /= help: /);
  assert.match(edge.out, /1 template checked: 0 ok, 1 with errors/);
  assert.match(r.out, /content reads as UTILITY \((high|medium|uncertain), [a-z-]+\)/);
  const promo = cli(['check', '-'], JSON.stringify({ ...good, category: 'UTILITY', components: [{ type: 'BODY', text: 'Saldi di fine stagione: 40% di sconto su tutto, solo questo weekend!' }] }));
  assert.match(promo.out, /content reads as MARKETING .*\n {2}category: Meta will approve it as MARKETING/);
});

test('--rule re-grades and --length-unit is passed through', () => {
  assert.equal(cli(['check', '--rule', 'WP101=warning', '-'], JSON.stringify(bad)).code, 0);
  const long = { ...good, components: [{ type: 'BODY', text: 'a'.repeat(1000) + '👍'.repeat(20) }] };
  assert.equal(cli(['check', '-'], JSON.stringify(long)).code, 0);
  assert.equal(cli(['check', '--length-unit', 'utf16', '-'], JSON.stringify(long)).code, 1);
});

test('check --as-of: the copy-code limit of that date (15 before 2025-12-03, 20 since)', () => {
  const coupon = { name: 'promo', language: 'en_US', category: 'MARKETING', components: [
    { type: 'BODY', text: 'Use this code for 20% off your next order.' },
    { type: 'BUTTONS', buttons: [{ type: 'COPY_CODE', example: 'SUMMERSALE2025XL' }] },
  ] };
  const input = JSON.stringify(coupon);
  const before = cli(['check', '--as-of', '2025-11-01', '-'], input);
  assert.equal(before.code, 1, before.out);
  assert.match(before.out, /error\[WP136\] copy-code-too-long: copy code is 16 characters; the limit is 15 before 2025-12-03/);
  const after = cli(['check', '--as-of', '2026-01-01', '--format', 'json', '-'], input);
  assert.equal(after.code, 0, after.out);
  assert.deepEqual(lines(after.out)[0].diagnostics.filter((d) => d.code === 'WP136'), []);
  assert.equal(cli(['check', '-'], input).code, 0, 'without --as-of: today');
  assert.equal(cli(['check', '--as-of=2025-12-02', '-'], input).code, 1);
});

test('--help and --version', () => {
  assert.match(cli(['--help']).out, /usage: wa-preflight/);
  assert.match(cli(['check', '--help']).out, /--format text\|json/);
  // The version on the first line, then each data file's dates.
  const version = cli(['--version']).out.split('\n');
  assert.match(version[0], /^\d+\.\d+\.\d+$/);
  assert.ok(version.includes('  data/rates.json: describes 2026-10-01, checked 2026-12-01'), version.join('\n'));
  assert.ok(version.filter((l) => /^  data\/[a-z-]+\.json: describes \d{4}-\d{2}-\d{2}, checked \d{4}-\d{2}-\d{2}$/.test(l)).length >= 10);
});

test('hostile files give findings or exit 2, never a crash', () => {
  const d = dir({
    'deep.json': '['.repeat(100000),
    'nul.json': '{"name": "a\\u0000b", "language": "en", "category": "UTILITY", "components": [{"type": "BODY", "text": "x\\u0000y"}]}',
    'numbers.json': '[1, "two", null, {"name": 3, "components": [5]}]',
  });
  const deep = cli(['check', join(d, 'deep.json')]);
  assert.equal(deep.code, 2);
  assert.match(deep.err, /deep\.json:1:\d+: invalid JSON/);
  const rest = cli(['check', '--format', 'json', join(d, 'nul.json'), join(d, 'numbers.json')]);
  assert.equal(rest.code, 1);
  assert.equal(lines(rest.out).length, 5);
  assert.doesNotMatch(rest.err, /at |RuntimeError|unreachable/);
});

test('check --as-of picks the content policy of that date unless --policy is given', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wa-policy-'));
  const file = join(dir, 'promo.json');
  writeFileSync(file, JSON.stringify({ name: 'order_shipped', language: 'en', category: 'UTILITY', components: [{ type: 'BODY', text: 'Your order shipped. Get 10% off your next one!' }] }));
  const codes = (args) => JSON.parse(cli(['check', '--format', 'json', ...args, file]).out).diagnostics.map((d) => d.code);
  assert.ok(codes(['--as-of', '2021-06-01']).includes('WP310'));
  assert.ok(!codes(['--as-of', '2026-11-01']).includes('WP310'));
  assert.ok(!codes(['--as-of', '2021-06-01', '--policy', 'current']).includes('WP310'));
});

test('one bad line of a JSON Lines stream: reported with its line number, exit 2, the other lines still checked', () => {
  const stream = `${JSON.stringify(good)}\n{bad\n${JSON.stringify(bad)}\n`;
  for (const args of [['check', '--format', 'json', '-'], ['check', '-']]) {
    const r = cli(args, stream);
    assert.equal(r.code, 2, r.err);
    assert.match(r.err, /<stdin>:2:2: invalid JSON/);
    assert.equal(r.err.trim().split('\n').length, 1, r.err);
    if (args.includes('json')) {
      const items = lines(r.out);
      assert.deepEqual(items.map((i) => [i.index, i.line, i.name, i.ok]), [[0, 1, 'order_update', true], [1, 3, 'Order Update', false]]);
    } else {
      assert.match(r.out, /ok {3}<stdin>:1 order_update/);
      assert.match(r.out, /FAIL <stdin>:3 Order Update/);
      assert.match(r.out, /2 templates checked: 1 ok, 1 with errors, 1 unreadable input/);
    }
  }
  // A JSON document (not JSON Lines) broken on a later line is still one unreadable input.
  const r = cli(['check', '-'], `{\n  "name": "x",\n  bad\n}`);
  assert.equal(r.code, 2);
  assert.match(r.err, /<stdin>:3:/);
  assert.match(r.out, /0 templates checked/);
});

test('send without --templates says which checks it could not run; empty directories and option files', () => {
  const request = { messaging_product: 'whatsapp', to: '393331234567', type: 'template', template: { name: 'order_update', language: { code: 'it' } } };
  const d = dir({ 'requests.jsonl': `${JSON.stringify(request)}\n${JSON.stringify(request)}\n`, 'empty/.keep': '' });
  const text = cli(['send', '--now', '2026-11-01T10:00:00Z', join(d, 'requests.jsonl')]);
  assert.equal(text.code, 0, text.err);
  assert.match(text.out, /2 requests checked: 2 ok as far as checked, 0 blocked/);
  assert.match(text.out, /\nnot checked: template: no templates were given/);
  const json = lines(cli(['send', '--format', 'json', '--now', '2026-11-01T10:00:00Z', join(d, 'requests.jsonl')]).out);
  assert.equal(json.length, 2);
  for (const item of json) assert.ok(item.skipped.some((s) => s.check === 'template'), JSON.stringify(item.skipped));
  // With the templates, the template check runs and is not listed.
  const templates = join(d, 'templates.json');
  writeFileSync(templates, JSON.stringify({ data: [{ ...good, language: 'it', status: 'APPROVED', id: '1' }] }));
  const checked = cli(['send', '--templates', templates, '--now', '2026-11-01T10:00:00Z', join(d, 'requests.jsonl')]);
  assert.doesNotMatch(checked.out, /not checked.*template:/);
  // An empty directory is a usage error.
  const empty = cli(['check', join(d, 'empty')]);
  assert.equal(empty.code, 2);
  assert.match(empty.err, /empty: no \.json, \.jsonl or \.ndjson files/);
  assert.equal(empty.out, '');
  // A missing option file is said once.
  const missing = cli(['send', '--templates', 'missing.json', join(d, 'requests.jsonl')]);
  assert.equal(missing.code, 2);
  assert.equal(missing.err.split('\n')[0], 'wa-preflight: --templates missing.json: no such file');
});
