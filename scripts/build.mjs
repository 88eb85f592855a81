// Builds the npm package into pkg/: the release WASM, bound for Node (CommonJS, with an ESM
// entry) and for browsers and workers (ES module with init()).
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { root, run } from './tools.mjs';
import { setup } from './setup.mjs';

// -O3 and -Oz came out within 0.1 % of each other in gzip size; -O3 keeps the speed.
const WASM_OPT_LEVEL = '-O3';

export function build() {
  run('cargo', ['build', '--release', '--target', 'wasm32-unknown-unknown', '--lib']);
  const wasm = join(root, 'target/wasm32-unknown-unknown/release/wa_preflight.wasm');
  const pkg = join(root, 'pkg');
  rmSync(pkg, { recursive: true, force: true });
  for (const target of ['nodejs', 'web']) {
    const out = join(pkg, target === 'nodejs' ? 'node' : 'web');
    mkdirSync(out, { recursive: true });
    run('wasm-bindgen', [wasm, '--out-dir', out, '--target', target, '--out-name', 'wa_preflight']);
  }
  // Both bindings carry the same module: shrink it once with wasm-opt (npm `binaryen`; Debian's
  // older wasm-opt writes modules that fail to load) and share it.
  const bound = join(pkg, 'web/wa_preflight_bg.wasm');
  run(join(root, 'node_modules/.bin/wasm-opt'), [WASM_OPT_LEVEL, bound, '-o', bound]);
  copyFileSync(bound, join(pkg, 'node/wa_preflight_bg.wasm'));
  // The root package is "type": "module"; the Node binding is CommonJS.
  writeFileSync(join(pkg, 'node/package.json'), '{ "type": "commonjs" }\n');
  writeFileSync(join(pkg, 'web/package.json'), '{ "type": "module" }\n');
  const names = Object.keys(createRequire(import.meta.url)(join(pkg, 'node/wa_preflight.js')))
    .filter((n) => !n.startsWith('__'));
  writeFileSync(
    join(pkg, 'node/index.mjs'),
    `// ESM entry for Node: re-exports the CommonJS binding.\nimport binding from './wa_preflight.js';\n\n` +
      names.map((n) => `export const ${n} = binding.${n};`).join('\n') +
      '\n',
  );
  console.log(`\nbuilt pkg/ (exports: ${names.join(', ')})`);
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
