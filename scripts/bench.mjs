// `npm run bench`: speed and size of the built package, in one Node process. Prints a report,
// then one line of JSON. Not part of `npm test`: numbers are measured, never asserted.
// Run-to-run noise on these machines is large (about ±40 %): compare ratios within one run.
import { readdirSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { root } from './tools.mjs';
import { ruleCases } from './rule-cases.mjs';
import { TemplateDefinition } from '@kapso/whatsapp-cloud-api';

const pkg = join(root, 'pkg/node');
const wasmBytes = readFileSync(join(pkg, 'wa_preflight_bg.wasm'));
const glue = readFileSync(join(pkg, 'wa_preflight.js'));

const t0 = performance.now();
const wasm = createRequire(import.meta.url)(join(pkg, 'wa_preflight.js'));
wasm.version();
const coldStartMs = performance.now() - t0;

// The first call in a fresh Node process, the case of an edge worker after a cold start: each
// of FIRST_CALL_RUNS processes imports the package (its ESM entry) and makes one call, timed from
// before the import to the call's return, so the module's compilation, the data files it parses
// on first use and any other one-time set-up are all inside. The call alone is kept apart.
// Median over the processes.
const FIRST_CALL_RUNS = 7;
const firstCallChild = `
const { call, arg, opts } = JSON.parse(process.env.WA_FIRST_CALL);
const t0 = performance.now();
const m = await import(process.env.WA_ENTRY);
const t1 = performance.now();
const out = m[call](arg, opts);
const t2 = performance.now();
if (!out || typeof out.ok !== 'boolean') throw new Error(call + ' returned no report');
process.stdout.write(JSON.stringify({ total: t2 - t0, call: t2 - t1 }));
`;
function firstCall(call, arg, opts) {
  const runs = [];
  for (let i = 0; i < FIRST_CALL_RUNS; i++) {
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', firstCallChild], {
      encoding: 'utf8',
      env: { ...process.env, WA_ENTRY: new URL(`file://${join(pkg, 'index.mjs')}`).href, WA_FIRST_CALL: JSON.stringify({ call, arg, opts }) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    if (r.status !== 0) throw new Error(`first ${call}: the child process exited with ${r.status ?? r.signal}`);
    runs.push(JSON.parse(r.stdout));
  }
  const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return { total: median(runs.map((r) => r.total)), call: median(runs.map((r) => r.call)) };
}

// A 1,024-character body in accented Italian and Portuguese, with emoji and parameters.
const sentence = 'Olá {{1}}, a sua encomenda nº {{2}} já saiu! 🚚 Ciao, il tuo ordine è in consegna: più informazioni qui. ';
let body = '';
for (const ch of sentence.repeat(12)) {
  if (body.length + ch.length > 1024 - 'Grazie!'.length) break; // never split an emoji's surrogate pair
  body += ch;
}
body = `${body}Grazie!`.padEnd(1024, '!'); // exactly 1,024 UTF-16 units
const template = {
  name: 'consegna', language: 'it', category: 'UTILITY',
  components: [
    { type: 'HEADER', format: 'TEXT', text: 'Ordine {{1}} 📦', example: { header_text: ['IT-1'] } },
    { type: 'BODY', text: body, example: { body_text: [['Giulia', 'IT-20931']] } },
    { type: 'FOOTER', text: 'Negozio Esempio' },
    { type: 'BUTTONS', buttons: [{ type: 'URL', text: 'Traccia', url: 'https://negozio.example.it/t/{{1}}', example: ['https://negozio.example.it/t/IT-1'] }] },
  ],
};
const params = { header: ['IT-1'], body: ['Giulia', 'IT-20931'], buttons: { 0: 'IT-1' } };

function throughput(fn, ms = 1500) {
  for (let i = 0; i < 200; i++) fn(); // warm up
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < ms) {
    for (let i = 0; i < 50; i++) fn();
    n += 50;
  }
  return Math.round(n / ((performance.now() - start) / 1000));
}

function latencies(fn, n = 3000) {
  for (let i = 0; i < 200; i++) fn();
  const samples = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const s = performance.now();
    fn();
    samples[i] = (performance.now() - s) * 1000;
  }
  samples.sort();
  return { p50: samples[Math.floor(n * 0.5)], p99: samples[Math.floor(n * 0.99)] };
}

// The comparison set: every template of the fixture documents in tests/fixtures/templates and of
// the send registry (valid ones and ones with findings), validated by our WASM build and by
// @kapso/whatsapp-cloud-api's template-definition validator (zod schemas). Kapso takes camelCase
// keys; the set is converted once, outside the timing.
const fixtures = join(root, 'tests/fixtures/templates');
const set = [];
for (const file of readdirSync(fixtures).sort()) {
  const raw = readFileSync(join(fixtures, file), 'utf8');
  if (file.endsWith('.jsonl')) set.push(...raw.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l)));
  else if (file.endsWith('.json')) {
    const doc = JSON.parse(raw);
    set.push(...(Array.isArray(doc) ? doc : doc.data ?? [doc]));
  }
}
set.push(...JSON.parse(readFileSync(join(root, 'tests/fixtures/send/templates.json'), 'utf8')).data);
const camel = (v) => (Array.isArray(v) ? v.map(camel)
  : v && typeof v === 'object'
    ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k.replace(/_([a-z])/g, (_, c) => c.toUpperCase()), camel(x)]))
    : v);
const kapsoSet = set.map(camel);
let kapsoAccepted = 0;
const kapsoValidate = () => {
  let ok = 0;
  for (const t of kapsoSet) {
    try {
      TemplateDefinition.buildTemplateDefinition(t);
      ok++;
    } catch {
      // a rejected template is a finished validation too
    }
  }
  kapsoAccepted = ok;
};
let ourAccepted = 0;
const ourValidate = () => {
  let ok = 0;
  for (const t of set) if (wasm.validateTemplate(t).ok) ok++;
  ourAccepted = ok;
};
// Interleaved: ten alternating rounds of 300 ms each, so both see the same machine state.
function interleaved(fns, rounds = 10, ms = 300) {
  const totals = fns.map(() => ({ n: 0, t: 0 }));
  fns.forEach((fn) => { for (let i = 0; i < 20; i++) fn(); });
  for (let r = 0; r < rounds; r++) {
    fns.forEach((fn, i) => {
      const start = performance.now();
      let n = 0;
      while (performance.now() - start < ms) { fn(); n++; }
      totals[i].n += n;
      totals[i].t += performance.now() - start;
    });
  }
  return totals.map(({ n, t }) => (n * set.length) / (t / 1000));
}
// The cost of the JS boundary alone: each template of the set as JSON text into WASM, parsed,
// and handed back as JS objects (parseDocument), with no validation at all. Its speed over
// Kapso's is a ceiling on validate_speedup_vs_kapso for an API that takes and returns objects.
const roundTrip = () => {
  for (const t of set) wasm.parseDocument(JSON.stringify(t));
};
// The same set as JSON text (what a server that receives a request body holds), each template
// stringified once, outside the timing; `validateTemplate` takes the text form as it is.
const setTexts = set.map((t) => JSON.stringify(t));
const ourValidateText = () => {
  for (const t of setTexts) wasm.validateTemplate(t);
};
const [setPerSec, kapsoPerSec, roundTripPerSec, textPerSec] = interleaved([ourValidate, kapsoValidate, roundTrip, ourValidateText]);

const text = template.components[1].text;
const results = {
  wasm_bytes: wasmBytes.length,
  wasm_gzip_bytes: gzipSync(wasmBytes, { level: 9 }).length,
  js_glue_gzip_bytes: gzipSync(glue, { level: 9 }).length,
  cold_start_ms: Number(coldStartMs.toFixed(1)),
  validate_1024_per_sec: throughput(() => wasm.validateTemplate(template)),
  classify_per_sec: throughput(() => wasm.classifyTemplate(template)),
  check_content_per_sec: throughput(() => wasm.checkContent(text, { language: 'it' })),
  render_per_sec: throughput(() => wasm.renderTemplate(template, params)),
};
// The classifier's cost per 1,024-character body, result included.
results.classify_1024_us = Number((1e6 / results.classify_per_sec).toFixed(1));
// A campaign to 1,000,000 recipients spread over markets (numbers generated here).
const prefixes = ['39', '55', '91', '1212', '1809', '49', '34', '44', '62', '52', '33', '234', '971', '7', '61', '352'];
const recipients = Array.from({ length: 1_000_000 }, (_, i) => `+${prefixes[i % prefixes.length]}${String(100000000 + i).slice(-9)}`);
const campaignStart = performance.now();
const campaign = wasm.estimateCampaign({ category: 'utility', recipients, at: '2026-02-01T10:00:00Z' });
const campaignSeconds = (performance.now() - campaignStart) / 1000;
results.price_recipients_per_sec = Math.round(campaign.recipients / campaignSeconds);
results.campaign_1m_ms = Math.round(campaignSeconds * 1000);
const timeline = { events: Array.from({ length: 200 }, (_, i) => ({
  at: new Date(Date.parse('2025-08-01T00:00:00Z') + i * 1800_000).toISOString(),
  direction: i % 5 === 0 ? 'inbound' : 'outbound', type: i % 3 === 0 ? 'text' : 'template',
  category: ['marketing', 'utility', 'authentication'][i % 3], to: '+393331234567', from: '+393331234567',
})) };
results.price_timeline_events_per_sec = Math.round(throughput(() => wasm.estimateCost(timeline), 1000) * timeline.events.length);

// Send preflight over a realistic mix: every near miss of the send rules' fixtures (templates
// of every kind, interactive lists, buttons, carousels, flows, media, text, read receipts),
// each a request Meta takes, checked by a SendChecker holding the fixture registry.
const sendMix = ruleCases()
  .filter((c) => c.send && c.kind === 'passes' && !c.case.endpoint)
  .map((c) => c.case.payload);
const registry = JSON.parse(readFileSync(join(root, 'tests/fixtures/send/templates.json'), 'utf8'));
const checker = new wasm.SendChecker(registry);
const sendNow = Date.parse('2026-12-01T10:00:00Z');
const checkMix = () => { for (const p of sendMix) checker.check(p, { now: sendNow }); };
results.check_send_per_sec = Math.round(throughput(checkMix, 1500) * sendMix.length);
results.check_send_payload_only_per_sec = Math.round(throughput(() => { for (const p of sendMix) wasm.checkSend(p); }, 1000) * sendMix.length);
results.check_send_mix = sendMix.length;
results.check_send_mix_interactive = sendMix.filter((p) => p.type === 'interactive').length;
results.check_send_mix_template = sendMix.filter((p) => p.type === 'template').length;

const analyze = latencies(() => {
  wasm.validateTemplate(template);
  wasm.renderTemplate(template, params);
});
results.analyze_p50_us = Number(analyze.p50.toFixed(1));
results.analyze_p99_us = Number(analyze.p99.toFixed(1));
// A floor under analyze for any implementation that takes and returns these objects: the same
// input written as JSON and the same results made from JSON by the engine itself, with no
// checking in between. Its p99 is mostly the young-generation collections those objects cause.
const analyzeResults = [JSON.stringify(wasm.validateTemplate(template)), JSON.stringify(wasm.renderTemplate(template, params))];
const floor = latencies(() => {
  JSON.stringify(template);
  JSON.parse(analyzeResults[0]);
  JSON.stringify(params);
  JSON.parse(analyzeResults[1]);
});
results.analyze_js_floor_p50_us = Number(floor.p50.toFixed(1));
results.analyze_js_floor_p99_us = Number(floor.p99.toFixed(1));
results.validate_per_sec = Math.round(setPerSec);
results.kapso_validate_per_sec = Math.round(kapsoPerSec);
results.validate_speedup_vs_kapso = Number((setPerSec / kapsoPerSec).toFixed(2));
results.validate_text_per_sec = Math.round(textPerSec);
results.boundary_round_trip_per_sec = Math.round(roundTripPerSec);
results.boundary_ceiling_vs_kapso = Number((roundTripPerSec / kapsoPerSec).toFixed(2));

// The same set and analyze workload natively (examples/bench.rs), for the cost of the WASM boundary.
const native = spawnSync('cargo', ['run', '--quiet', '--release', '--example', 'bench'], {
  cwd: root, input: JSON.stringify({ templates: set, analyze: { template, params } }), encoding: 'utf8',
  stdio: ['pipe', 'pipe', 'inherit'],
});
if (native.status === 0) {
  const n = JSON.parse(native.stdout);
  results.native_validate_per_sec = n.validate_per_sec;
  results.native_analyze_p50_us = n.analyze_p50_us;
  results.native_over_wasm = Number((n.validate_per_sec / setPerSec).toFixed(2));
} else {
  console.error('bench: the native bench did not run (cargo run --release --example bench)');
  results.native_over_wasm = null;
}

// First calls, each in fresh processes: validateTemplate of the 1,024-character template, and
// checkSend of a template request against the fixture registry, with a time.
const firstSend = sendMix.find((p) => p.type === 'template') ?? sendMix[0];
const firstValidate = firstCall('validateTemplate', template);
const firstCheck = firstCall('checkSend', firstSend, { templates: registry, now: sendNow });
results.first_call_ms = Number(firstValidate.total.toFixed(1));
results.first_check_send_ms = Number(firstCheck.total.toFixed(1));

console.log('wa-preflight bench (Node %s, %d-character accented body with emoji)', process.version, text.length);
for (const [k, v] of Object.entries(results)) console.log(`  ${k.padEnd(30)} ${v}`);
console.log(`  (validate, this run: wa-preflight ${results.validate_per_sec}/s with objects in and out, ` +
  `${results.validate_text_per_sec}/s with JSON text in; kapso ${results.kapso_validate_per_sec}/s; ` +
  `${results.validate_speedup_vs_kapso}x kapso's throughput)`);
console.log(`  (first calls: median of ${FIRST_CALL_RUNS} fresh processes, import included; the call alone took ` +
  `${firstValidate.call.toFixed(1)} ms for validateTemplate, ${firstCheck.call.toFixed(1)} ms for checkSend)`);
console.log('  (validate = templates of the set per second; validate_1024 = the 1,024-character template;');
console.log('   analyze = validate, which classifies and runs the policy scan, plus render;');
console.log("   analyze_js_floor = the same objects in and out through the engine's JSON alone, no checks;");
console.log(`   set = ${set.length} templates from tests/fixtures (we accept ${ourAccepted}, kapso ${kapsoAccepted}); kapso = @kapso/whatsapp-cloud-api`);
console.log('   TemplateDefinition.buildTemplateDefinition; native = examples/bench.rs on the same set;');
console.log('   boundary_round_trip = the set into WASM and back as objects with no validation, a ceiling;');
console.log(`   check_send = requests per second over the ${sendMix.length} near misses of the send rules (${results.check_send_mix_template} templates,`);
console.log(`   ${results.check_send_mix_interactive} interactive) with the fixture registry; payload_only = the same with no templates)`);
console.log(`   campaign: ${campaign.recipients} recipients in ${campaign.markets.length} markets, total ${campaign.total} ${campaign.currency})`);
console.log(JSON.stringify(results));
