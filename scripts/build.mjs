// Builds the npm package into pkg/: the release WASM, bound for Node (CommonJS, with an ESM
// entry) and for browsers and workers (ES module with init()).
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { root, run } from './tools.mjs';
import { setup } from './setup.mjs';

// -O3 and -Oz came out within 0.1 % of each other in gzip size; -O3 keeps the speed. Binaryen
// also inlines every function that has one caller, whatever its size, which welded the rule
// stages into one 56 KB function (and the classifier, and each binding's shim): V8 then spent
// about 200 ms optimising such a body while the calls ran unoptimised. Off (and with the stages
// kept apart in Rust, see `rules::run`), the module is 5.6 KB smaller in gzip and as fast; over
// 3,000 validate + render calls V8's optimising compiles took about a fifth less time in all,
// and the longest under 90 ms (measured 2026-12-02).
const WASM_OPT = ['-O3', '--one-caller-inline-max-function-size=0'];

export function build() {
  run('cargo', ['build', '--release', '--target', 'wasm32-unknown-unknown', '--lib']);
  const wasm = join(root, 'target/wasm32-unknown-unknown/release/wa_preflight.wasm');
  const pkg = join(root, 'pkg');
  rmSync(pkg, { recursive: true, force: true });
  for (const target of ['nodejs', 'web']) {
    const out = join(pkg, target === 'nodejs' ? 'node' : 'web');
    mkdirSync(out, { recursive: true });
    run('wasm-bindgen', [wasm, '--out-dir', out, '--target', target, '--out-name', 'wa_preflight']);
    dropDisposeDeclaration(join(out, 'wa_preflight.d.ts'));
    inlineSnippet(out);
  }
  // Both bindings carry the same module: shrink it once with wasm-opt (npm `binaryen`; Debian's
  // older wasm-opt writes modules that fail to load) and share it.
  const bound = join(pkg, 'web/wa_preflight_bg.wasm');
  run(join(root, 'node_modules/.bin/wasm-opt'), [...WASM_OPT, bound, '-o', bound]);
  copyFileSync(bound, join(pkg, 'node/wa_preflight_bg.wasm'));
  // The root package is "type": "module"; the Node binding is CommonJS.
  writeFileSync(join(pkg, 'node/package.json'), '{ "type": "commonjs" }\n');
  writeFileSync(join(pkg, 'web/package.json'), '{ "type": "module" }\n');
  const names = Object.keys(createRequire(import.meta.url)(join(pkg, 'node/wa_preflight.js')))
    .filter((n) => !n.startsWith('__'));
  writeFileSync(
    join(pkg, 'node/index.mjs'),
    // `require`, not `import binding from`: importing CommonJS from ESM makes Node lex the whole
    // glue for its export names first, a few milliseconds of every cold start.
    `// ESM entry for Node: re-exports the CommonJS binding.\nimport { createRequire } from 'node:module';\n\n` +
      `const binding = createRequire(import.meta.url)('./wa_preflight.js');\n\n` +
      names.map((n) => `export const ${n} = binding.${n};`).join('\n') +
      '\n',
  );
  console.log(`\nbuilt pkg/ (exports: ${names.join(', ')})`);
}

// wasm-bindgen declares `[Symbol.dispose](): void` on every exported class (SendChecker), which
// type-checks only with `esnext.disposable` in the user's tsconfig `lib`: without it,
// `Symbol.dispose` does not exist and the package's own declarations fail to compile. A global
// `SymbolConstructor.dispose` of our own would clash with that lib for the users who have it, so
// the declaration goes: `free()` stays declared, and the glue still installs `Symbol.dispose`
// at run time where the engine has it (`using` works, only untyped).
function dropDisposeDeclaration(file) {
  const text = readFileSync(file, 'utf8');
  const out = text.replace(/^\s*\[Symbol\.dispose\]\(\): void;\n/gm, '');
  if (out === text) throw new Error(`${file}: no [Symbol.dispose] declaration to drop; check the wasm-bindgen output`);
  writeFileSync(file, out);
}

// The result decoder (src/wasm/wire.js) reaches the glue as a wasm-bindgen snippet, imported
// from snippets/…/src/wasm/wire.js with `import` (web) or `require` (Node). Node's binding is
// CommonJS and cannot `require` that ES module, and the package keeps one JS file per target
// (the demo's offline cache, workers and bundlers list it): its one function is copied in place
// of the import, and the snippets folder goes.
function inlineSnippet(out) {
  const file = join(out, 'wa_preflight.js');
  const glue = readFileSync(file, 'utf8');
  const source = readFileSync(join(root, 'src/wasm/wire.js'), 'utf8');
  const decoder = source.replace(/^export function wireDecode\(/m, 'function wireDecode(');
  const importLine = /^(?:import \{ wireDecode \} from '[^']*';|const \{ wireDecode \} = require\(String\.raw`[^`]*`\);)$/m;
  if (decoder === source || !importLine.test(glue)) {
    throw new Error(`${file}: no wireDecode import to inline; check src/wasm/wire.js and the wasm-bindgen output`);
  }
  writeFileSync(file, glue.replace(importLine, () => decoder));
  rmSync(join(out, 'snippets'), { recursive: true, force: true });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    setup();
    build();
  } catch (e) {
    console.error(`build failed: ${e.message}`);
    process.exit(1);
  }
}
