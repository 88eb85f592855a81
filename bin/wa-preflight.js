#!/usr/bin/env node
// The wa-preflight command line: the same WASM build as the library, over files and stdin.
// The promised interface is ../shared/cli-contract.md: fields, flags and exit codes.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const wasm = require('../pkg/node/wa_preflight.js');

const USAGE = `usage: wa-preflight <command> [options] FILE...

commands:
  check FILE...     validate message templates (Graph API JSON)

FILE is a JSON file (one template, an array, a {"data": [...]} list response or JSON Lines),
a directory (its *.json, *.jsonl and *.ndjson files, recursively), or - for standard input.

options:
  --format text|json      human report (default) or JSON Lines, one object per template
  --as-of YYYY-MM-DD      rules and policies in force on that date (default: today)
  --policy current|2019   content policy era (default: current)
  --length-unit characters|utf16
                          unit of length limits (default: characters = code points)
  --rule CODE=LEVEL       turn a rule off or re-grade it (off, info, warning, error); repeatable
  -h, --help              this help
  -V, --version           the version

exit status: 0 all fine, 1 some template has an error, 2 usage error or unreadable input`;

class UsageError extends Error {}

function parseArgs(argv) {
  const opts = { format: 'text', policy: 'current', asOf: null, lengthUnit: undefined, rules: {}, files: [] };
  const value = (i, flag) => {
    if (i + 1 >= argv.length) throw new UsageError(`${flag} needs a value`);
    return argv[i + 1];
  };
  let i = 0;
  for (; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, null];
    const take = () => (inline !== null ? inline : value(i++, flag));
    switch (flag) {
      case '--format': opts.format = take(); break;
      case '--policy': opts.policy = take(); break;
      case '--as-of': opts.asOf = take(); break;
      case '--length-unit': opts.lengthUnit = take(); break;
      case '--rule': {
        const spec = take();
        const m = /^([A-Za-z0-9-]+)=(off|info|warning|error)$/.exec(spec);
        if (!m) throw new UsageError(`--rule takes CODE=off|info|warning|error, not '${spec}'`);
        opts.rules[m[1]] = m[2];
        break;
      }
      case '--': opts.files.push(...argv.slice(i + 1)); i = argv.length; break;
      default:
        if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option '${a}'`);
        opts.files.push(a);
    }
  }
  if (!['text', 'json'].includes(opts.format)) throw new UsageError(`--format takes text or json, not '${opts.format}'`);
  if (!['current', '2019'].includes(opts.policy)) throw new UsageError(`--policy takes current or 2019, not '${opts.policy}'`);
  if (opts.asOf !== null && !/^\d{4}-\d{2}-\d{2}$/.test(opts.asOf)) throw new UsageError(`--as-of takes YYYY-MM-DD, not '${opts.asOf}'`);
  if (opts.asOf !== null && Number.isNaN(Date.parse(`${opts.asOf}T00:00:00Z`))) throw new UsageError(`--as-of: '${opts.asOf}' is not a date`);
  if (opts.files.length === 0) throw new UsageError('no input files (use - for standard input)');
  return opts;
}

/** Expands directories into their JSON files, sorted, and keeps files and - as given. */
function expand(paths) {
  const out = [];
  for (const p of paths) {
    if (p === '-') { out.push(p); continue; }
    let st;
    try { st = statSync(p); } catch { out.push(p); continue; } // reported when read
    if (!st.isDirectory()) { out.push(p); continue; }
    const walk = (dir) => {
      for (const name of readdirSync(dir).sort()) {
        const full = join(dir, name);
        if (statSync(full).isDirectory()) walk(full);
        else if (/\.(json|jsonl|ndjson)$/i.test(name)) out.push(full);
      }
    };
    walk(p);
  }
  return out;
}

function readInput(file) {
  return file === '-' ? readFileSync(0, 'utf8') : readFileSync(file, 'utf8');
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
  lines.push(`  --> ${where} ${d.path || '(template)'}`);
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

function check(opts) {
  const options = { rules: opts.rules };
  if (opts.lengthUnit) options.lengthUnit = opts.lengthUnit;
  let index = 0;
  let unreadable = 0;
  let failed = 0;
  let checked = 0;
  for (const file of expand(opts.files)) {
    const name = file === '-' ? '<stdin>' : file;
    let items;
    try {
      items = wasm.parseDocument(readInput(file));
    } catch (e) {
      unreadable++;
      const where = e.line ? `${name}:${e.line}${e.column ? `:${e.column}` : ''}` : name;
      const reason = e.code === 'ENOENT' ? 'no such file' : e.code === 'EISDIR' ? 'is a directory' : e.message;
      console.error(`wa-preflight: ${where}: ${reason}`);
      continue;
    }
    const reports = wasm.validateTemplates(items, options);
    for (let i = 0; i < items.length; i++) {
      const report = reports[i];
      const out = { index, file: name, name: report.name, language: report.language, ok: report.ok, category: report.category, diagnostics: report.diagnostics };
      checked++;
      if (!report.ok) failed++;
      if (opts.format === 'json') {
        console.log(JSON.stringify(out));
      } else {
        const where = `${name}[${i}]`;
        const counts = ['error', 'warning', 'info']
          .map((s) => [s, report.diagnostics.filter((d) => d.severity === s).length])
          .filter(([, n]) => n > 0)
          .map(([s, n]) => `${n} ${s}${n > 1 ? 's' : ''}`);
        console.log(`${report.ok ? paint('32;1', 'ok  ') : paint('31;1', 'FAIL')} ${where} ${report.name ?? '(no name)'} (${report.language ?? '?'})${counts.length ? ': ' + counts.join(', ') : ''}`);
        for (const d of report.diagnostics) console.log(`${formatDiagnostic(d, items[i], where)}\n`);
      }
      index++;
    }
  }
  if (opts.format === 'text') {
    console.log(`${checked} template${checked === 1 ? '' : 's'} checked: ${checked - failed} ok, ${failed} with errors${unreadable ? `, ${unreadable} unreadable input${unreadable === 1 ? '' : 's'}` : ''}`);
  }
  return unreadable > 0 ? 2 : failed > 0 ? 1 : 0;
}

function main(argv) {
  const [command, ...rest] = argv;
  if (command === '-h' || command === '--help' || command === 'help') { console.log(USAGE); return 0; }
  if (command === '-V' || command === '--version') { console.log(wasm.version()); return 0; }
  if (command === undefined) throw new UsageError('no command');
  if (command !== 'check') throw new UsageError(`unknown command '${command}'`);
  if (rest.includes('-h') || rest.includes('--help')) { console.log(USAGE); return 0; }
  return check(parseArgs(rest));
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
