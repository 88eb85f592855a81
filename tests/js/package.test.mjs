// The packed tarball, installed into an empty project, works from ES modules, CommonJS, the
// CLI through npx, Deno and an esbuild bundle — running the README's own snippets.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const bin = (name) => join(root, 'node_modules/.bin', name);
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const snippets = Object.fromEntries([...readme.matchAll(/<!-- snippet: (\S+) -->\n```\w+\n([\s\S]*?)```/g)].map((m) => [m[1], m[2]]));
let dir;
let packed;

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: dir, encoding: 'utf8', ...opts });
  assert.equal(r.status, 0, `${cmd} ${args.join(' ')}\n${r.stdout.slice(0, 2000)}\n${r.stderr.slice(0, 2000)}`);
  return r.stdout.trim();
}

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'wa-preflight-consumer-'));
  const pack = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', dir], { cwd: root }));
  packed = pack[0];
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }));
  run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', join(dir, packed.filename)]);
});

after(() => rmSync(dir, { recursive: true, force: true }));

test('the tarball holds the package and nothing else', () => {
  const files = packed.files.map((f) => f.path);
  for (const f of ['package.json', 'README.md', 'bin/wa-preflight.js', 'pkg/node/wa_preflight.js', 'pkg/node/index.mjs',
    'pkg/node/wa_preflight.d.ts', 'pkg/web/wa_preflight.js', 'pkg/web/wa_preflight_bg.wasm']) {
    assert.ok(files.includes(f), f);
  }
  assert.ok(files.every((f) => /^(package\.json|README\.md|bin\/|pkg\/(node|web)\/)/.test(f)), files.join('\n'));
  const manifest = JSON.parse(readFileSync(join(dir, 'node_modules/wa-preflight/package.json'), 'utf8'));
  assert.equal(manifest.sideEffects, false);
});

test('README snippets: Node ES modules and CommonJS', () => {
  assert.ok(snippets['node-esm'] && snippets['node-cjs']);
  writeFileSync(join(dir, 'esm.mjs'), snippets['node-esm']);
  writeFileSync(join(dir, 'cjs.cjs'), snippets['node-cjs']);
  assert.equal(run(process.execPath, ['esm.mjs']), 'ok');
  assert.equal(run(process.execPath, ['cjs.cjs']), 'allow');
});

test('the CLI through npx', () => {
  writeFileSync(join(dir, 't.json'), JSON.stringify({ name: 'Bad Name', language: 'en', category: 'UTILITY', components: [{ type: 'BODY', text: 'Your order shipped.' }] }));
  // The version on the first line; the data files' dates follow.
  assert.match(run('npx', ['--no-install', 'wa-preflight', '--version']).split('\n')[0], /^\d+\.\d+\.\d+$/);
  const r = spawnSync('npx', ['--no-install', 'wa-preflight', 'check', '--format', 'json', 't.json'], { cwd: dir, encoding: 'utf8' });
  assert.equal(r.status, 1);
  assert.equal(JSON.parse(r.stdout).diagnostics[0].code, 'WP101');
});

test('README snippet: Deno', () => {
  writeFileSync(join(dir, 'deno.mjs'), snippets.deno);
  const out = run(bin('deno'), ['run', '--quiet', '--allow-read', '--allow-env', 'deno.mjs'], { env: { ...process.env, DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' } });
  assert.equal(out, '0.0691 USD');
});

test('README snippet: an esbuild bundle of the web build', () => {
  writeFileSync(join(dir, 'app.mjs'), snippets.bundler);
  run(bin('esbuild'), ['app.mjs', '--bundle', '--format=esm', '--platform=neutral', '--loader:.wasm=binary', '--target=es2022', '--outfile=out.mjs', '--log-level=error']);
  assert.equal(run(process.execPath, ['out.mjs']), 'MARKETING');
  // The bundle carries the WASM: it runs without the package next to it.
  rmSync(join(dir, 'node_modules/wa-preflight/pkg/web/wa_preflight_bg.wasm'));
  assert.equal(run(process.execPath, ['out.mjs']), 'MARKETING');
});
