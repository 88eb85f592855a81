#!/usr/bin/env node
// The wa-preflight command line: the same WASM build as the library, over files and stdin.
// Fields, flags and exit codes follow the project's CLI contract; extend, never rename.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const wasm = require('../pkg/node/wa_preflight.js');

const USAGE = `usage: wa-preflight <command> [options] FILE...

commands:
  check FILE...        validate message templates (Graph API JSON)
  send PAYLOAD...      check Cloud API send requests; predict the error Meta would return
  render --template FILE [--params JSON] [--html]
                       show a template with its values as the recipient sees it
  price TIMELINE...    what the outbound messages of a timeline cost, and which may be sent

FILE and PAYLOAD are JSON files (one object, an array, a {"data": [...]} list response or
JSON Lines), directories (their *.json, *.jsonl and *.ndjson files), or - for standard input.

common options:
  --format text|json      human report (default) or JSON Lines, one object per item
  --as-of YYYY-MM-DD      dated rules, limits, pricing eras, rate cards and markets in force on
                          that date (default: today; for send, the time of --now)
  --length-unit characters|utf16
                          unit of length limits (default: characters = code points)
  -h, --help              this help
  -V, --version           the version, and the date each data file describes and was checked

check:
  --policy current|2019   content policy era (default: the one in force on --as-of, else current)
  --rule CODE=LEVEL       turn a rule off or re-grade it (off, info, warning, error); repeatable

send:
  --templates FILE        the business's templates (a list response with status); without it
                          only the payload itself is checked, and the report says what was not
  --state FILE            per recipient: {"393331234567": {"last_inbound_at": "2025-08-01T09:00:00Z"}}
  --now ISO8601           the time of the send (default: now)
  --endpoint messages|marketing_messages
                          where the payloads go (default: messages)
  --limit NAME=N          override a limit of data/send-limits.json (N or null); repeatable
  --rule CODE=LEVEL       turn a rule off or re-grade it (off, info, warning, error); repeatable

price:
  --include-reported      use rates only providers report (no Meta text states them)
  --free-service N        service messages free per month from 2026-10-01 (disputed; default 0)
  --service-rate utility|authentication|unpriced
                          the column service messages are billed at from 2026-10-01 (default utility)
  --auth-international    the business qualifies for authentication-international rates
  --tiers FILE            volume tiers: [{"category": "utility", "from": 1, "to": 100000, "rate": 0.003}]
  --rate-card FILE        a rate card in Meta's CSV layout (any currency), used besides the shipped ones
  --rate-card-effective YYYY-MM-DD
                          its effective date, when its title line does not say

render:
  --template FILE         the template (with --name/--language when FILE holds several)
  --name NAME, --language CODE
  --params JSON           values: {"header": [...], "body": [...] | {...}, "buttons": {"0": "..."}}
                          as JSON text or a file name
  --use-examples          fill missing values from the template's samples
  --html                  print the bubble as HTML (every user character escaped)

exit status: 0 all fine, 1 some item has an error (for send: would be blocked),
             2 usage error or unreadable input`;

class UsageError extends Error {}

const COMMON = ['--format', '--as-of', '--length-unit'];
const FLAGS = {
  check: { values: [...COMMON, '--policy', '--rule'], switches: [] },
  send: { values: [...COMMON, '--templates', '--state', '--now', '--endpoint', '--limit', '--rule'], switches: [] },
  render: { values: [...COMMON, '--template', '--params', '--name', '--language'], switches: ['--html', '--use-examples'] },
  price: { values: [...COMMON, '--tiers', '--rate-card', '--rate-card-effective', '--free-service', '--service-rate'], switches: ['--include-reported', '--auth-international'] },
};

function parseArgs(command, argv) {
  const spec = FLAGS[command];
  const opts = { format: 'text', rules: {}, limits: {}, files: [], switches: new Set() };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      opts.files.push(...argv.slice(i + 1));
      break;
    }
    if (!a.startsWith('-') || a === '-') {
      opts.files.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const flag = a.startsWith('--') && eq > 0 ? a.slice(0, eq) : a;
    if (spec.switches.includes(flag)) {
      opts.switches.add(flag);
      continue;
    }
    if (!spec.values.includes(flag)) throw new UsageError(`unknown option '${a}' for ${command}`);
    let value;
    if (eq > 0 && a.startsWith('--')) value = a.slice(eq + 1);
    else if (i + 1 < argv.length) value = argv[++i];
    else throw new UsageError(`${flag} needs a value`);
    if (flag === '--rule') {
      const m = /^([A-Za-z0-9-]+)=(off|info|warning|error)$/.exec(value);
      if (!m) throw new UsageError(`--rule takes CODE=off|info|warning|error, not '${value}'`);
      opts.rules[m[1]] = m[2];
    } else if (flag === '--limit') {
      const m = /^([a-z_.]+)=(\d+|null)$/.exec(value);
      if (!m) throw new UsageError(`--limit takes NAME=N or NAME=null, not '${value}'`);
      opts.limits[m[1]] = m[2] === 'null' ? null : Number(m[2]);
    } else {
      opts[flag.slice(2).replace(/-([a-z])/g, (_, c) => c.toUpperCase())] = value;
    }
  }
  if (!['text', 'json'].includes(opts.format)) throw new UsageError(`--format takes text or json, not '${opts.format}'`);
  if (opts.policy !== undefined && !['current', '2019'].includes(opts.policy)) throw new UsageError(`--policy takes current or 2019, not '${opts.policy}'`);
  if (opts.lengthUnit !== undefined && !['characters', 'utf16'].includes(opts.lengthUnit)) {
    throw new UsageError(`--length-unit takes characters or utf16, not '${opts.lengthUnit}'`);
  }
  // --as-of and --now pass through as given: the core reads every time (and says what is wrong).
  if (opts.endpoint !== undefined && !['messages', 'marketing_messages'].includes(opts.endpoint)) {
    throw new UsageError(`--endpoint takes messages or marketing_messages, not '${opts.endpoint}'`);
  }
  if (opts.freeService !== undefined && !/^\d+$/.test(opts.freeService)) throw new UsageError(`--free-service takes a count, not '${opts.freeService}'`);
  if (opts.serviceRate !== undefined && !['utility', 'authentication', 'unpriced'].includes(opts.serviceRate)) {
    throw new UsageError(`--service-rate takes utility, authentication or unpriced, not '${opts.serviceRate}'`);
  }
  if (command !== 'render' && opts.files.length === 0) throw new UsageError('no input files (use - for standard input)');
  return opts;
}

/** Expands directories into their JSON files, sorted, and keeps files and - as given. */
function expand(paths) {
  const out = [];
  for (const p of paths) {
    if (p === '-') {
      out.push(p);
      continue;
    }
    let st;
    try {
      st = statSync(p);
    } catch {
      out.push(p); // reported when read
      continue;
    }
    if (!st.isDirectory()) {
      out.push(p);
      continue;
    }
    const before = out.length;
    const walk = (dir) => {
      for (const name of readdirSync(dir).sort()) {
        const full = join(dir, name);
        if (statSync(full).isDirectory()) walk(full);
        else if (/\.(json|jsonl|ndjson)$/i.test(name)) out.push(full);
      }
    };
    walk(p);
    // A directory with nothing to check is a mistake worth saying, not a silent success.
    if (out.length === before) throw new UsageError(`${p}: no .json, .jsonl or .ndjson files in this directory`);
  }
  return out;
}

const readInput = (file) => (file === '-' ? readFileSync(0, 'utf8') : readFileSync(file, 'utf8'));

/** A one-line reason for a file that cannot be used. */
function unreadable(name, e) {
  const where = e.line ? `${name}:${e.line}${e.column ? `:${e.column}` : ''}` : name;
  const reason = e.code === 'ENOENT' ? 'no such file' : e.code === 'EISDIR' ? 'is a directory' : e.message;
  return `${where}: ${reason}`;
}

/** Reads a file given to an option (--templates, --state); a failure is exit 2. */
function optionFile(flag, file) {
  try {
    return wasm.parseDocument(readInput(file));
  } catch (e) {
    throw new UsageError(`${flag} ${unreadable(file, e)}`);
  }
}

/** The value at a diagnostic's JSON path (`components[1].buttons[0].text`) in an item. */
function resolvePath(item, path) {
  let cur = item;
  for (const part of path.match(/[^.[\]]+/g) || []) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = cur[/^\d+$/.test(part) && Array.isArray(cur) ? Number(part) : part];
  }
  return cur;
}

const COLOR = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code, s) => (COLOR ? `\x1b[${code}m${s}\x1b[0m` : s);
const SEVERITY_COLOR = { error: '31;1', warning: '33;1', info: '36;1' };

/** A compiler-style report of one diagnostic, with the offending line and a caret. */
function formatDiagnostic(d, item, where) {
  const lines = [`${paint(SEVERITY_COLOR[d.severity], `${d.severity}[${d.code}]`)} ${d.rule}: ${d.message}`];
  lines.push(`  --> ${where} ${d.path || '(item)'}`);
  const text = d.path ? resolvePath(item, d.path) : undefined;
  if (typeof text === 'string' && d.span) {
    const lineStart = text.lastIndexOf('\n', d.span.start - 1) + 1;
    let lineEnd = text.indexOf('\n', d.span.start);
    if (lineEnd === -1) lineEnd = text.length;
    const line = text.slice(lineStart, lineEnd);
    const lead = Array.from(text.slice(lineStart, d.span.start)).length;
    const width = Math.max(1, Array.from(text.slice(d.span.start, Math.min(d.span.end, lineEnd))).length);
    lines.push('   |', `   | ${line}`, `   | ${' '.repeat(lead)}${paint(SEVERITY_COLOR[d.severity], '^'.repeat(width))}`);
  }
  if (d.help) lines.push(`   = help: ${d.help}`);
  return lines.join('\n');
}

function counts(diagnostics) {
  return ['error', 'warning', 'info']
    .map((s) => [s, diagnostics.filter((d) => d.severity === s).length])
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}${n > 1 ? 's' : ''}`);
}

/**
 * A JSON Lines document read line by line, once the core has refused it whole: the items of
 * every line that parses, with their line numbers, and each bad line reported (with its number)
 * and counted. `null` when the text is not JSON Lines (its first line is no JSON value alone).
 */
function jsonLines(name, text, skipped) {
  const lines = text.split(/\r?\n/);
  const first = lines.findIndex((l) => l.trim());
  try {
    wasm.parseDocument(lines[first] ?? '');
  } catch {
    return null;
  }
  const items = [];
  const numbers = [];
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    try {
      for (const item of wasm.parseDocument(line)) {
        items.push(item);
        numbers.push(i + 1);
      }
    } catch (e) {
      skipped.count++;
      console.error(`wa-preflight: ${unreadable(name, { ...e, message: e.message.replace(/ at line \d+, column \d+/, ''), line: i + 1 })}`);
    }
  });
  return [items, numbers];
}

/**
 * The items of every input file, as `[name, items, lines]` (`lines`: each item's line number in
 * a JSON Lines file, else undefined); unreadable files and bad JSON Lines lines are reported on
 * stderr and counted in `skipped.count`.
 */
function* inputs(files, skipped) {
  for (const file of expand(files)) {
    const name = file === '-' ? '<stdin>' : file;
    let text;
    try {
      text = readInput(file);
      yield [name, wasm.parseDocument(text)];
    } catch (e) {
      // One bad line of a JSON Lines stream: the other lines are still checked.
      const lines = e.code === 'INVALID_JSON' && e.line > 1 ? jsonLines(name, text, skipped) : null;
      if (lines) {
        yield [name, ...lines];
        continue;
      }
      skipped.count++;
      console.error(`wa-preflight: ${unreadable(name, e)}`);
    }
  }
}

/** Runs `evaluate` over every item of every input; prints per item; returns the exit status. */
function overInputs(opts, evaluate, describe, noun) {
  let index = 0;
  const skipped = { count: 0 };
  let failed = 0;
  const notRun = new Map();
  for (const [name, items, lines] of inputs(opts.files, skipped)) {
    const results = evaluate(items);
    results.forEach((result, i) => {
      if (!result.ok) failed++;
      for (const s of result.skipped ?? []) notRun.set(s.check, { reason: s.reason, count: (notRun.get(s.check)?.count ?? 0) + 1 });
      if (opts.format === 'json') {
        console.log(JSON.stringify({ index, file: name, ...(lines ? { line: lines[i] } : {}), ...result }));
      } else {
        const where = lines ? `${name}:${lines[i]}` : `${name}[${i}]`;
        const c = counts(result.diagnostics);
        console.log(`${describe(result, items[i], where)}${c.length ? ': ' + c.join(', ') : ''}`);
        for (const s of result.skipped ?? []) console.log(`  not checked: ${s.check}: ${s.reason}`);
        for (const d of result.diagnostics) console.log(`${formatDiagnostic(d, items[i], where)}\n`);
      }
      index++;
    });
  }
  if (opts.format === 'text') {
    const n = skipped.count;
    console.log(`${index} ${noun}${index === 1 ? '' : 's'} checked: ${index - failed} ok${notRun.size ? ' as far as checked' : ''}, ${failed} ${noun === 'request' ? 'blocked' : 'with errors'}${n ? `, ${n} unreadable input${n === 1 ? '' : 's'}` : ''}`);
    // What the core could not check, said again under the count, so "ok" is not read as more.
    for (const [check, { reason, count }] of notRun) {
      console.log(`not checked${count === index ? '' : ` in ${count} of ${index}`}: ${check}: ${reason}`);
    }
  }
  return skipped.count > 0 ? 2 : failed > 0 ? 1 : 0;
}

function check(opts) {
  const options = { rules: opts.rules, ...(opts.policy ? { policy: opts.policy } : {}) };
  if (opts.lengthUnit) options.lengthUnit = opts.lengthUnit;
  if (opts.asOf) options.asOf = opts.asOf;
  return overInputs(
    opts,
    (items) =>
      wasm.validateTemplates(items, options).map((r) => ({
        name: r.name, language: r.language, ok: r.ok, category: r.category, diagnostics: r.diagnostics,
      })),
    (r, _item, where) => {
      const head = `${r.ok ? paint('32;1', 'ok  ') : paint('31;1', 'FAIL')} ${where} ${r.name ?? '(no name)'} (${r.language ?? '?'})`;
      // The core's category verdict, as it says it: the content's category, and what Meta does
      // with the declared one when that differs.
      const c = r.category;
      const cat = `${head} · content reads as ${c.predicted} (${c.band}, ${c.basis})`;
      return c.outcome && c.outcome.action !== 'approved' ? `${cat}\n  category: ${c.outcome.note}` : cat;
    },
    'template',
  );
}

function send(opts) {
  const now = opts.now ?? new Date().toISOString();
  const state = opts.state ? optionFile('--state', opts.state) : undefined;
  if (state && (state.length !== 1 || typeof state[0] !== 'object' || Array.isArray(state[0]))) {
    throw new UsageError('--state must hold one JSON object keyed by recipient number');
  }
  let checker = null;
  if (opts.templates) {
    const templates = optionFile('--templates', opts.templates);
    try {
      checker = new wasm.SendChecker(templates);
    } catch (e) {
      throw new UsageError(`--templates ${opts.templates}: ${e.message}`);
    }
  }
  const sendOptions = {
    now,
    ...(opts.asOf ? { asOf: opts.asOf } : {}),
    rules: opts.rules,
    limits: opts.limits,
    ...(state ? { state: state[0] } : {}),
    ...(opts.lengthUnit ? { lengthUnit: opts.lengthUnit } : {}),
    ...(opts.endpoint ? { endpoint: opts.endpoint } : {}),
  };
  return overInputs(
    opts,
    (items) =>
      items.map((item) => {
        // The item goes as the JSON text Meta would receive: one that is not an object gets its
        // WP520 finding from the core.
        const body = JSON.stringify(item);
        try {
          const r = checker ? checker.check(body, sendOptions) : wasm.checkSend(body, sendOptions);
          return { ok: r.ok, verdict: r.verdict, error_code: r.error_code, alternatives: r.alternatives, diagnostics: r.diagnostics, window: r.window, billing: r.billing, skipped: r.skipped };
        } catch (e) {
          if (e.code === 'INVALID_STATE' || e.code === 'INVALID_OPTIONS') throw new UsageError(e.message);
          throw e;
        }
      }),
    (r, item, where) => {
      const what = item?.type === 'template' ? `template ${item?.template?.name ?? '?'} (${item?.template?.language?.code ?? '?'})` : `${item?.type ?? '?'} message`;
      const verdict = r.ok ? paint('32;1', 'allow') : paint('31;1', 'BLOCK');
      const cost = r.billing ? ` (${r.billing.billable ? (r.billing.rate === null ? 'billed, rate unknown' : `${r.billing.rate.toFixed(4)} ${r.billing.currency} ${r.billing.category}`) : `free: ${r.billing.type}`})` : '';
      const notes = (r.billing?.notices ?? []).map((n) => `\n  ${paint('36', 'info')}: ${n.message}`).join('');
      return `${verdict} ${where} ${what} to ${item?.to ?? '?'}${r.error_code ? ` → ${r.error_code}` : ''}${cost}${notes}`;
    },
    'request',
  );
}

function bubbleText(p) {
  const out = [];
  if (p.header) out.push(p.header.kind === 'text' ? `**${p.header.plain}**` : `[${p.header.kind}]`);
  if (p.offer) out.push(`[${p.offer.text}]`);
  if (p.body) out.push(p.body.plain);
  if (p.footer) out.push(p.footer.plain);
  const shown = p.layout.visible.map((i) => p.buttons[i]);
  for (const b of shown) out.push(`[ ${b.text}${b.url ? ` → ${b.url}` : ''}${b.phone_number ? ` → ${b.phone_number}` : ''}${b.code ? ` (${b.code})` : ''} ]`);
  if (p.layout.see_all_options) out.push('[ See all options ]');
  p.cards.forEach((c, i) => {
    out.push(`--- card ${i + 1}${c.header ? ` [${c.header.kind}]` : ''}`);
    if (c.body) out.push(c.body.plain);
    for (const b of c.buttons) out.push(`[ ${b.text}${b.url ? ` → ${b.url}` : ''} ]`);
  });
  return out.join('\n\n');
}

function render(opts) {
  if (!opts.template) throw new UsageError('render needs --template FILE');
  if (opts.files.length > 0) throw new UsageError(`unexpected argument '${opts.files[0]}'`);
  let items;
  try {
    items = wasm.parseDocument(readInput(opts.template));
  } catch (e) {
    console.error(`wa-preflight: ${unreadable(opts.template, e)}`);
    return 2;
  }
  const matches = items.filter((t) => (!opts.name || t?.name === opts.name) && (!opts.language || t?.language === opts.language));
  if (matches.length !== 1) {
    throw new UsageError(matches.length === 0 ? `no template matches in ${opts.template}` : `${opts.template} holds ${matches.length} templates; choose one with --name and --language`);
  }
  let params = {};
  if (opts.params !== undefined) {
    const text = !opts.params.trim().startsWith('{') && !opts.params.trim().startsWith('[') && existsSync(opts.params) ? readFileSync(opts.params, 'utf8') : opts.params;
    try {
      params = JSON.parse(text);
    } catch (e) {
      throw new UsageError(`--params is not JSON: ${e.message}`);
    }
  }
  const html = opts.switches.has('--html') && opts.format !== 'json';
  const options = { useExamples: opts.switches.has('--use-examples'), ...(html ? { html } : {}), ...(opts.lengthUnit ? { lengthUnit: opts.lengthUnit } : {}) };
  let preview;
  try {
    preview = wasm.renderTemplate(matches[0], params, options);
  } catch (e) {
    throw new UsageError(`${e.code ? `${e.code}: ` : ''}${e.message}`);
  }
  if (opts.format === 'json') console.log(JSON.stringify(preview));
  // The bubble as HTML is the core's (render.rs, every user character escaped).
  else console.log(html ? preview.html : bubbleText(preview));
  for (const d of preview.diagnostics) console.error(formatDiagnostic(d, params, '--params'));
  return preview.ok ? 0 : 1;
}

function price(opts) {
  const options = {
    includeReported: opts.switches.has('--include-reported'),
    authenticationInternational: opts.switches.has('--auth-international'),
    ...(opts.asOf ? { asOf: opts.asOf } : {}),
    ...(opts.freeService !== undefined ? { freeServiceMessagesPerMonth: Number(opts.freeService) } : {}),
    ...(opts.serviceRate ? { serviceRate: opts.serviceRate } : {}),
  };
  if (opts.tiers) {
    const tiers = optionFile('--tiers', opts.tiers);
    options.tiers = tiers.length === 1 && Array.isArray(tiers[0]) ? tiers[0] : tiers;
  }
  if (opts.rateCard) {
    let csv;
    try {
      csv = readFileSync(opts.rateCard, 'utf8');
    } catch (e) {
      throw new UsageError(`--rate-card ${unreadable(opts.rateCard, e)}`);
    }
    try {
      wasm.loadRateCard(csv, opts.rateCardEffective ? { effective: opts.rateCardEffective } : {});
    } catch (e) {
      throw new UsageError(`--rate-card ${opts.rateCard}: ${e.message}`);
    }
    options.rateCards = [{ csv, ...(opts.rateCardEffective ? { effective: opts.rateCardEffective } : {}) }];
  }
  let index = 0;
  let status = 0;
  const skipped = { count: 0 };
  for (const [name, items] of inputs(opts.files, skipped)) {
    items.forEach((item, i) => {
      let r;
      try {
        r = wasm.estimateCost(item, options);
      } catch (e) {
        if (e.code === 'INVALID_OPTIONS') throw new UsageError(e.message);
        console.error(`wa-preflight: ${name}[${i}]: ${e.message}`);
        status = 2;
        return;
      }
      if (r.messages.some((m) => !m.allowed) && status === 0) status = 1;
      if (opts.format === 'json') {
        console.log(JSON.stringify({ index, file: name, ...r }));
      } else {
        console.log(`${name}[${i}]: ${r.messages.length} outbound message${r.messages.length === 1 ? '' : 's'}, total ${r.total.toFixed(4)} ${r.currency}${r.unpriced ? ` (+ ${r.unpriced} billed without a known rate)` : ''}`);
        for (const m of r.messages) {
          const ev = item.events[m.event];
          const what = `${ev.at} ${ev.type ?? 'text'}${ev.category ? ` ${ev.category}` : ''} → ${m.market ?? '?'}`;
          const verdict = !m.allowed ? paint('31;1', `REFUSED (${m.type}${m.error_code ? `, ${m.error_code}` : ''})`) : m.billable ? `${m.rate === null ? 'billed, rate unknown' : `${m.rate.toFixed(4)} ${r.currency}`} ${m.category}` : `free (${m.type})`;
          console.log(`  #${m.event} ${what}: ${verdict}${m.conversation ? ` [${m.conversation}]` : ''}${m.pricing_model ? ` ${m.pricing_model}` : ''}${m.reason ? ` (${m.reason})` : ''}`);
        }
        for (const n of r.notices) console.log(`  ${paint('36', 'info')}: ${n.message}`);
      }
      index++;
    });
  }
  return skipped.count > 0 ? 2 : status;
}

function main(argv) {
  const [command, ...rest] = argv;
  if (command === '-h' || command === '--help' || command === 'help') {
    console.log(USAGE);
    return 0;
  }
  if (command === '-V' || command === '--version') {
    console.log(wasm.version());
    for (const f of wasm.dataFiles()) console.log(`  ${f.file}: describes ${f.effective ?? '?'}, checked ${f.last_checked ?? '?'}`);
    return 0;
  }
  if (command === undefined) throw new UsageError('no command');
  if (!FLAGS[command]) throw new UsageError(`unknown command '${command}'`);
  if (rest.includes('-h') || rest.includes('--help')) {
    console.log(USAGE);
    return 0;
  }
  const opts = parseArgs(command, rest);
  return { check, send, render, price }[command](opts);
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  if (e instanceof UsageError) {
    console.error(`wa-preflight: ${e.message}\n${USAGE.split('\n')[0]}`);
  } else {
    console.error(`wa-preflight: ${e.code ? `${e.code}: ` : ''}${e.message}`);
  }
  process.exitCode = 2;
}
