// `npm run fuzz [-- --seconds N] [target ...]`: runs the cargo-fuzz targets in fuzz/ (default: all
// four, 600 s each), seeded from the test fixtures. New interesting inputs land in
// fuzz/corpus/<target>/, which is minimised afterwards and committed: `cargo test --test
// fuzz_corpus` replays it on every `npm test`. A crash stops the run; its input is in
// fuzz/artifacts/<target>/ — add it to the corpus once fixed.
//
// cargo-fuzz needs nightly flags; only stable is guaranteed here, so RUSTC_BOOTSTRAP=1 allows them.
import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { root, output, run } from './tools.mjs';
import { ruleCases } from './rule-cases.mjs';

const TARGETS = ['validate', 'markup', 'send', 'pricing'];
const args = process.argv.slice(2);
let seconds = 600;
const chosen = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--seconds') seconds = Number(args[++i]);
  else if (TARGETS.includes(args[i])) chosen.push(args[i]);
  else {
    console.error(`usage: npm run fuzz -- [--seconds N] [${TARGETS.join('|')} ...]`);
    process.exit(2);
  }
}
if (!Number.isFinite(seconds) || seconds <= 0) {
  console.error('--seconds must be a positive number');
  process.exit(2);
}
const env = { ...process.env, RUSTC_BOOTSTRAP: '1' };
if (output('cargo', ['fuzz', '--version']) === null) run('cargo', ['install', '--locked', 'cargo-fuzz']);

// Seeds from the fixtures, written fresh each run.
const fixtures = join(root, 'tests/fixtures');
const seeds = { validate: [], markup: [], send: [], pricing: [] };
for (const f of readdirSync(join(fixtures, 'templates'))) {
  if (!f.endsWith('.expected')) seeds.validate.push(readFileSync(join(fixtures, 'templates', f), 'utf8'));
}
for (const { case: item } of ruleCases()) {
  if (item.payload) seeds.send.push(JSON.stringify(item.payload));
  else {
    const template = item.template ?? item;
    seeds.validate.push(JSON.stringify(template));
    const parts = Array.isArray(template.components) ? template.components : [];
    for (const c of parts) if (typeof c?.text === 'string') seeds.markup.push(c.text);
  }
}
for (const f of readdirSync(join(fixtures, 'corpus'))) {
  for (const line of readFileSync(join(fixtures, 'corpus', f), 'utf8').split('\n')) {
    if (line.trim()) seeds.markup.push(JSON.parse(line).text ?? '');
  }
}
const at = (h) => new Date(Date.parse('2026-01-05T08:00:00Z') + h * 3600_000).toISOString();
seeds.pricing.push(
  JSON.stringify({ events: [
    { at: at(0), direction: 'inbound', type: 'text', from: '+393331234567' },
    { at: at(1), direction: 'outbound', type: 'template', category: 'utility', to: '+393331234567' },
    { at: at(30), direction: 'outbound', type: 'template', category: 'marketing', to: '+393331234567' },
  ] }),
  JSON.stringify({ currency: 'USD', events: [
    { at: '2024-05-01T10:00:00Z', direction: 'outbound', type: 'template', category: 'authentication', to: '+919812345678' },
    { at: '2025-08-01T10:00:00Z', direction: 'outbound', type: 'template', category: 'marketing', to: '+5511987654321' },
  ] }),
);

const summary = [];
for (const target of chosen.length ? chosen : TARGETS) {
  const seedDir = join(root, 'target/fuzz-seeds', target);
  rmSync(seedDir, { recursive: true, force: true });
  mkdirSync(seedDir, { recursive: true });
  for (const s of seeds[target]) {
    writeFileSync(join(seedDir, createHash('sha1').update(s).digest('hex')), s);
  }
  const corpus = join(root, 'fuzz/corpus', target);
  mkdirSync(corpus, { recursive: true });
  console.log(`\n== fuzz ${target}: ${seconds} s, ${seeds[target].length} seeds`);
  // libFuzzer's progress goes to a log file: far more than a pipe buffer holds.
  const logFile = join(root, 'target', `fuzz-${target}.log`);
  const fd = openSync(logFile, 'w');
  const r = spawnSync('cargo', ['fuzz', 'run', '--release', target, corpus, seedDir, '--',
    `-max_total_time=${seconds}`, '-max_len=8192', '-rss_limit_mb=2048', '-timeout=10', '-print_final_stats=1'],
  { cwd: join(root, 'fuzz'), env, stdio: ['ignore', 'inherit', fd] });
  closeSync(fd);
  const log = readFileSync(logFile, 'utf8');
  const runs = /Done (\d+) runs in (\d+) second/.exec(log);
  const line = { target, ok: r.status === 0, runs: runs ? Number(runs[1]) : null, seconds: runs ? Number(runs[2]) : null };
  summary.push(line);
  if (r.status !== 0) {
    console.error(log.split('\n').slice(-60).join('\n'));
    console.error(`fuzz ${target}: a crash or failure (exit ${r.status ?? r.signal}); the input is in fuzz/artifacts/${target}/, the log in ${logFile}`);
    break;
  }
  // Keep the corpus small enough to commit and to replay in the tests.
  spawnSync('cargo', ['fuzz', 'cmin', '--release', target, corpus], { cwd: join(root, 'fuzz'), env, stdio: 'ignore' });
  console.log(`fuzz ${target}: ${line.runs} runs in ${line.seconds} s, no crash; corpus ${readdirSync(corpus).length} inputs`);
}
console.log(JSON.stringify(summary));
process.exit(summary.every((s) => s.ok) ? 0 : 1);
