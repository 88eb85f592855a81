// Hostile input through the WASM build: deep nesting, huge texts, lone surrogates, NUL, wrong
// JS types for every export, and a million mixed calls on one instance. Every call returns a
// result or throws a WaPreflightError with a code, never a WebAssembly trap, and the instance
// keeps giving the right answers. No timing is asserted (the bench measures speed).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as wasm from 'wa-preflight';

const good = {
  name: 'order_update', language: 'en_US', category: 'UTILITY',
  components: [{ type: 'BODY', text: 'Hi {{1}}, your order {{2}} has shipped.', example: { body_text: [['Ana', 'A-1']] } }],
};
const reference = JSON.stringify(wasm.validateTemplate(good));
const stillWorks = () => assert.equal(JSON.stringify(wasm.validateTemplate(good)), reference, 'the instance still answers right');

/** Runs fn; passes if it returns, or throws the library's typed error. Fails on a trap or anything else. */
function typed(fn, label) {
  try {
    return { value: fn() };
  } catch (e) {
    assert.ok(!(e instanceof WebAssembly.RuntimeError), `${label}: WASM trap ${e.message}`);
    assert.ok(e instanceof Error, `${label}: threw a non-Error ${String(e)}`);
    assert.equal(e.name, 'WaPreflightError', `${label}: ${e.name}: ${e.message}`);
    assert.match(e.code, /^[A-Z_]+$/, `${label}: code`);
    assert.ok(e.message.length > 10, `${label}: message`);
    return { error: e };
  }
}

function nested(depth, make) {
  const top = make();
  let cur = top;
  for (let i = 0; i < depth; i++) {
    const next = make();
    if (Array.isArray(cur)) cur.push(next);
    else cur.a = next;
    cur = next;
  }
  return top;
}

test('100,000-deep objects, arrays and JSON text are refused with a typed error', () => {
  const deepObject = nested(100_000, () => ({}));
  const deepArray = nested(100_000, () => []);
  const deepText = '['.repeat(100_000) + ']'.repeat(100_000);
  const calls = {
    validateTemplate: (x) => wasm.validateTemplate(x),
    validateTemplates: (x) => wasm.validateTemplates(x),
    classifyTemplate: (x) => wasm.classifyTemplate(x),
    renderTemplate: (x) => wasm.renderTemplate(good, x),
    checkSend: (x) => wasm.checkSend(x),
    estimateCost: (x) => wasm.estimateCost(x),
    windowState: (x) => wasm.windowState(x, 0),
    options: (x) => wasm.validateTemplate(good, { rules: x }),
  };
  for (const [name, call] of Object.entries(calls)) {
    for (const [kind, input] of [['object', deepObject], ['array', deepArray], ['text', deepText]]) {
      const r = typed(() => call(input), `${name}(${kind})`);
      // A string is not a valid argument everywhere; where it is taken, the depth must stop it.
      if (kind !== 'text' || ['validateTemplate', 'validateTemplates', 'checkSend'].includes(name)) {
        assert.ok(r.error, `${name}(${kind}) was accepted`);
      }
      stillWorks();
    }
  }
  // Depth that a real template never needs, but JSON allows: refused by the 128-level limit.
  assert.equal(typed(() => wasm.validateTemplate(nested(200, () => ({})))).error.code, 'NOT_A_TEMPLATE');
});

test('lone surrogates and NUL from JS give reports with valid spans', () => {
  const texts = ['Order \uD800 {{1}} shipped', '\uDC00{{1}}', 'a\u0000b {{1}} c\u0000', '\uD83D', '{{1}}\uDBFF'];
  for (const text of texts) {
    const t = { ...good, components: [{ type: 'BODY', text, example: { body_text: [['x\uD800']] } }] };
    const report = typed(() => wasm.validateTemplate(t), JSON.stringify(text)).value;
    assert.ok(report, `report for ${JSON.stringify(text)}`);
    for (const d of report.diagnostics) {
      if (d.span) assert.ok(d.span.start <= d.span.end && d.span.end <= text.length, `${d.code} span ${JSON.stringify(d.span)}`);
    }
    const html = typed(() => wasm.renderTemplate(t, { body: ['\uDFFF<script>'] }), 'render').value.body.html;
    assert.doesNotMatch(html, /<script/);
    typed(() => wasm.renderMarkup(text), 'renderMarkup');
    typed(() => wasm.placeholderKeys(text), 'placeholderKeys');
    typed(() => wasm.checkContent(text), 'checkContent');
    // As JSON text the same template goes through the text path.
    typed(() => wasm.validateTemplate(JSON.stringify(t)), 'json text');
  }
  stillWorks();
});

test('a `__proto__` key of the input is an own property of the result, never its prototype', () => {
  const [doc] = wasm.parseDocument('{"__proto__": {"polluted": true}, "name": "x"}');
  assert.equal(Object.getPrototypeOf(doc), Object.prototype);
  assert.deepEqual(Object.keys(doc), ['__proto__', 'name']);
  assert.deepEqual(Object.getOwnPropertyDescriptor(doc, '__proto__').value, { polluted: true });
  assert.equal(doc.polluted, undefined);
  assert.equal({}.polluted, undefined);
  assert.equal(JSON.stringify(doc), '{"__proto__":{"polluted":true},"name":"x"}');
  stillWorks();
});

test('a 10 MB body and 200,000 placeholders give capped diagnostics', () => {
  const huge = 'Your order has shipped. '.repeat(440_000); // 10.5 MB
  const big = typed(() => wasm.validateTemplate({ ...good, components: [{ type: 'BODY', text: huge }] }), '10MB').value;
  assert.ok(big.diagnostics.some((d) => d.code === 'WP130'), 'the body length limit (WP130) fires');
  const many = Array.from({ length: 200_000 }, (_, i) => `{{${i + 1}}}`).join(' x ');
  const report = typed(() => wasm.validateTemplate({ ...good, components: [{ type: 'BODY', text: many }] }), '200k').value;
  assert.equal(report.ok, false);
  // Findings are capped per rule and field, so the report stays small.
  assert.ok(report.diagnostics.length < 500, `${report.diagnostics.length} diagnostics`);
  assert.ok(JSON.stringify(report).length < 1_000_000);
  const preview = typed(() => wasm.renderTemplate({ ...good, components: [{ type: 'BODY', text: many }] }, {}), 'render 200k');
  assert.ok(preview.value || preview.error);
  assert.equal(typeof wasm.renderMarkup(`*${huge}*`), 'string');
  stillWorks();
});

const BAD_VALUES = [
  undefined, null, 0, -1, NaN, Infinity, 1e308, 2 ** 53 + 1, '', 'x', '{', '[]', '{"a":', true, [], [1, 'a'], {},
  { name: 42, components: 7 }, () => 1, Symbol('s'), 10n, new Map([['a', 1]]), new Date(0),
  new Uint8Array([0xff, 0xfe, 0x00]), Object.create(null), { toJSON() { throw new Error('boom'); } }, '\uD800',
];

test('wrong JS types for every exported function: a result or a typed error, never a trap', () => {
  const fns = Object.entries(wasm).filter(([name, f]) => typeof f === 'function' && name !== 'SendChecker');
  assert.ok(fns.length >= 15, `${fns.length} functions`);
  for (const [name, fn] of fns) {
    for (const bad of BAD_VALUES) {
      for (const args of [[bad], [good, bad], [bad, bad], ['+393331234567', bad], [bad, bad, bad]]) {
        typed(() => fn(...args), `${name}(${args.map((a) => typeof a).join(', ')})`);
      }
    }
  }
  for (const bad of BAD_VALUES) {
    const made = typed(() => new wasm.SendChecker(bad), 'new SendChecker');
    if (made.value) for (const b of BAD_VALUES) typed(() => made.value.check(b, b), 'SendChecker.check');
  }
  // Numbers where strings belong, inside a template: diagnostics, not exceptions.
  const numbers = { name: 42, language: 7, category: 1, components: [{ type: 3, text: 5, buttons: 'x' }] };
  const report = wasm.validateTemplate(numbers);
  assert.equal(report.ok, false);
  assert.ok(report.diagnostics.length >= 3);
  stillWorks();
});

test('1,000,000 mixed good and bad calls on one instance: right answers, bounded memory', () => {
  const markup = wasm.renderMarkup('*bold* _it_');
  const market = JSON.stringify(wasm.marketOf('+393331234567'));
  const calls = [
    () => assert.equal(wasm.renderMarkup('*bold* _it_'), markup),
    () => typed(() => wasm.validateTemplate(42), 'bad'),
    () => assert.equal(JSON.stringify(wasm.marketOf('+393331234567')), market),
    () => typed(() => wasm.checkSend('{'), 'bad'),
    () => typed(() => wasm.renderMarkup({}), 'bad'),
    () => typed(() => wasm.windowState('x', 'y'), 'bad'),
    () => typed(() => wasm.validateTemplate({ name: 'x', components: [{ type: 'BODY', text: '{{1}' }] }), 'bad template'),
    () => typed(() => wasm.classifyTemplate(nested(300, () => ({}))), 'deep'),
  ];
  const run = (n) => {
    for (let i = 0; i < n; i++) {
      calls[i % calls.length]();
      if (i % 1000 === 0) stillWorks();
    }
  };
  run(20_000); // warm up: the allocator settles
  const before = wasm.memoryBytes();
  run(1_000_000);
  const after = wasm.memoryBytes();
  assert.ok(after <= before + 2 * 1024 * 1024, `memory grew from ${before} to ${after} bytes`);
  stillWorks();
});

test('every CLI command on hostile files exits 1 or 2 with a message, never a stack trace', () => {
  const bin = fileURLToPath(new URL('../../bin/wa-preflight.js', import.meta.url));
  const d = mkdtempSync(join(tmpdir(), 'wa-preflight-hostile-'));
  const files = {
    'utf8.json': Buffer.from([0x7b, 0x22, 0x6e, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x22, 0x7d]),
    'deep.json': '{"a":'.repeat(100_000),
    'nul.json': '\u0000\u0000{}',
    'empty.json': '',
    'numbers.json': '[1, 2.5, -3]',
    'huge.json': JSON.stringify({ ...good, components: [{ type: 'BODY', text: 'x '.repeat(2_000_000) }] }),
  };
  for (const [name, body] of Object.entries(files)) writeFileSync(join(d, name), body);
  const cmds = (f) => [
    ['check', f],
    ['send', f, '--templates', f],
    ['send', f, '--templates', f, '--state', f, '--now', '2026-01-01T00:00:00Z'],
    ['render', '--template', f, '--params', '{}'],
    ['render', '--template', f, '--params', f],
    ['price', f],
  ];
  for (const name of Object.keys(files)) {
    for (const args of cmds(join(d, name))) {
      const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
      const label = `${args.join(' ')}`;
      assert.ok([0, 1, 2].includes(r.status), `${label}: exit ${r.status} ${r.stderr.slice(0, 300)}`);
      if (r.status !== 0) assert.ok((r.stderr + r.stdout).trim().length > 0, `${label}: no message`);
      assert.doesNotMatch(r.stderr, /^\s+at |RuntimeError|unreachable|panicked/m, `${label}: ${r.stderr.slice(0, 300)}`);
    }
  }
});
