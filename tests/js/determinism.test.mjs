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

function viaWasm(c) {
  try {
    switch (c.kind) {
      case 'document': return wasm.validateTemplates(c.text).map(({ index, ...report }) => report);
      case 'validate': return wasm.validateTemplate(c.template, c.options ?? undefined);
      case 'classify': return wasm.classifyTemplate(c.template);
      case 'render': return wasm.renderTemplate(c.template, c.params ?? undefined);
      case 'content': return wasm.checkContent(c.text, c.options);
      case 'send': return wasm.checkSend(c.payload, { templates: c.templates, state: c.state, now: c.now });
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
  assert.deepEqual([...kinds].sort(), ['classify', 'content', 'document', 'render', 'send', 'validate']);
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
