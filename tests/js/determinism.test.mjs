// Determinism: every fixture in tests/fixtures and every rule case, run through the WASM build and natively
// (examples/dump.rs), gives the same JSON. Floating-point pricing, Unicode folding, UTF-16 spans
// and map ordering are where a 32-bit WASM build could drift from a 64-bit native one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as wasm from 'wa-preflight';
import { ruleCases } from '../../scripts/rule-cases.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const fixtures = `${root}tests/fixtures`;
const json = (path) => JSON.parse(readFileSync(path, 'utf8'));

const cases = [];
const registry = json(`${fixtures}/send/templates.json`).data;
for (const f of readdirSync(`${fixtures}/templates`).sort()) {
  if (f.endsWith('.expected')) continue;
  cases.push({ kind: 'document', text: readFileSync(`${fixtures}/templates/${f}`, 'utf8'), from: f });
}
// The rules' cases, from their declarations (printed by the native build).
for (const { code, kind, index, send, case: item } of ruleCases()) {
  const from = `${code} ${kind}[${index}]`;
  if (send) {
    cases.push({ kind: 'send', payload: item.payload, templates: registry, state: item.state ?? null,
      now: item.now ?? null, from });
  } else {
    const template = item.template ?? item;
    cases.push({ kind: 'validate', template, options: item.template ? item.options ?? null : null, from });
    if (template && typeof template === 'object' && !Array.isArray(template)) {
      cases.push({ kind: 'classify', template, from }, { kind: 'render', template, params: null, from });
    }
  }
}
for (const f of readdirSync(`${fixtures}/render`).sort()) {
  if (!f.endsWith('.json')) continue;
  const { template, params } = json(`${fixtures}/render/${f}`);
  cases.push({ kind: 'render', template, params, from: f });
}
for (const f of readdirSync(`${fixtures}/corpus`).sort()) {
  const lang = f === 'policy.jsonl' ? 'en' : f.replace('.jsonl', '');
  for (const line of readFileSync(`${fixtures}/corpus/${f}`, 'utf8').split('\n').filter((l) => l.trim())) {
    const item = JSON.parse(line);
    const template = { name: 'corpus', language: item.language ?? lang, category: item.label ?? 'UTILITY',
      components: [{ type: 'BODY', text: item.text }] };
    cases.push({ kind: 'validate', template, options: null, from: f }, { kind: 'classify', template, from: f });
    const options = { language: template.language, ...(item.label ? { category: item.label } : {}) };
    cases.push({ kind: 'content', text: item.text, options, from: f }, { kind: 'content', text: item.text,
      options: { ...options, policy: '2019' }, from: f });
  }
}

// Real templates by others (the category evaluation set): validated and classified.
for (const f of readdirSync(`${fixtures}/category-real`).sort()) {
  if (!f.endsWith('.jsonl')) continue;
  for (const line of readFileSync(`${fixtures}/category-real/${f}`, 'utf8').split('\n').filter((l) => l.trim())) {
    const { name, language, label, components } = JSON.parse(line);
    const template = { name, language, category: label, components };
    cases.push({ kind: 'validate', template, options: null, from: f }, { kind: 'classify', template, from: f },
      { kind: 'render', template, params: null, from: f });
  }
}
// Send requests others made, with Meta's answers: checked alone and against the registry.
for (const f of readdirSync(`${fixtures}/send-corpus`).sort()) {
  if (!f.endsWith('.jsonl')) continue;
  for (const line of readFileSync(`${fixtures}/send-corpus/${f}`, 'utf8').split('\n').filter((l) => l.trim())) {
    const { payload } = JSON.parse(line);
    cases.push({ kind: 'send', payload, templates: null, state: null, now: null, from: f },
      { kind: 'send', payload, templates: registry, state: null, now: '2026-11-02T10:00:00Z', from: f });
  }
}
// The XSS vectors, as markup, as template text and as parameter values.
for (const v of json(`${fixtures}/xss/vectors.json`).vectors) {
  for (const format of ['html', 'text', 'nodes']) cases.push({ kind: 'markup', text: v, format, from: 'xss' });
  const template = { name: 'xss', language: 'en', category: 'UTILITY', components: [
    { type: 'HEADER', format: 'TEXT', text: v }, { type: 'BODY', text: `Hello {{1}}, ${v}` }, { type: 'FOOTER', text: v }] };
  cases.push({ kind: 'render', template, params: { body: [v] }, from: 'xss' },
    { kind: 'validate', template, options: null, from: 'xss' });
}
// Prices, where floating point could drift: every market of the shipped cards and of the EUR
// card fixture, each category and a service message, across the pricing eras.
{
  const csv = readFileSync(`${fixtures}/send/rate-card-eur.csv`, 'utf8');
  const numbers = ['393331234567', '4915112345678', '5511987654321', '14155550123', '919812345678', '6281234567890',
    '971501234567', '2348031234567', '77011234567', '85291234567', '48501234567', '97455123456'];
  for (const day of ['2022-03-01', '2023-09-01', '2025-08-01', '2026-11-02']) {
    const events = [];
    numbers.forEach((to, i) => {
      const at = (h) => `${day}T${String(h).padStart(2, '0')}:${String(i).padStart(2, '0')}:00Z`;
      for (const category of ['marketing', 'utility', 'authentication']) {
        events.push({ at: at(1), direction: 'outbound', type: 'template', category, to });
      }
      events.push({ at: at(2), direction: 'inbound', from: to }, { at: at(3), direction: 'outbound', type: 'text', to },
        { at: at(4), direction: 'outbound', type: 'template', category: 'utility', to });
    });
    cases.push({ kind: 'price', timeline: { events }, options: {}, from: `prices ${day}` },
      { kind: 'price', timeline: { events }, options: { authenticationInternational: true, includeReported: true },
        from: `prices ${day}` });
    if (day >= '2025-08-01') {
      cases.push({ kind: 'price', timeline: { currency: 'EUR', events },
        options: { rateCards: [{ csv, effective: '2025-07-01', model: 'PMP' }] }, from: 'rate-card-eur.csv' });
    }
  }
}

function viaWasm(c) {
  try {
    switch (c.kind) {
      case 'document': return wasm.validateTemplates(c.text).map(({ index, ...report }) => report);
      case 'validate': return wasm.validateTemplate(c.template, c.options ?? undefined);
      case 'classify': return wasm.classifyTemplate(c.template);
      case 'render': return wasm.renderTemplate(c.template, c.params ?? undefined);
      case 'content': return wasm.checkContent(c.text, c.options);
      case 'send': return wasm.checkSend(c.payload, { templates: c.templates, state: c.state, now: c.now });
      case 'markup': return wasm.renderMarkup(c.text, c.format);
      case 'price': return wasm.estimateCost(c.timeline, c.options);
      default: throw new Error(c.kind);
    }
  } catch (e) {
    return { error: { code: e.code, message: e.message } };
  }
}

test('native and WASM builds give identical JSON for every fixture', () => {
  const native = spawnSync('cargo', ['run', '--quiet', '--example', 'dump'], {
    cwd: root, input: JSON.stringify(cases), encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['pipe', 'pipe', 'inherit'],
  });
  assert.equal(native.status, 0, 'examples/dump.rs ran');
  const expected = JSON.parse(native.stdout);
  assert.equal(expected.length, cases.length);
  const kinds = new Set(cases.map((c) => c.kind));
  assert.deepEqual([...kinds].sort(), ['classify', 'content', 'document', 'markup', 'price', 'render', 'send', 'validate']);
  assert.ok(cases.length > 500, `${cases.length} cases`);
  let errors = 0;
  cases.forEach((c, i) => {
    const got = JSON.parse(JSON.stringify(viaWasm(c)));
    if (got && got.error) errors++;
    assert.deepEqual(got, expected[i], `case ${i} (${c.kind} from ${c.from})`);
  });
  // Most cases succeed; the comparison is not one of error against error.
  assert.ok(errors < cases.length / 10, `${errors} of ${cases.length} cases are errors`);
  console.log(`${cases.length} cases, ${errors} errors`);
});
