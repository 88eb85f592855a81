// `npm test`: installs what is missing, then runs every suite. Stops at the first failure.
import { root, run } from './tools.mjs';
import { setup } from './setup.mjs';
import { build } from './build.mjs';

const suites = [
  ['format', () => run('cargo', ['fmt', '--check'])],
  ['clippy (native)', () => run('cargo', ['clippy', '--all-targets', '--', '-D', 'warnings'])],
  ['clippy (wasm32)', () => run('cargo', ['clippy', '--target', 'wasm32-unknown-unknown', '--all-targets', '--', '-D', 'warnings'])],
  ['cargo test (native)', () => run('cargo', ['test'])],
  ['cargo test (wasm32 in Node)', () => run('cargo', ['test', '--target', 'wasm32-unknown-unknown'])],
  ['build the package', () => build()],
  ['TypeScript declarations', () => run('npx', ['--no-install', 'tsc', '-p', 'tests/types/tsconfig.json'])],
  ['node --test (package, CLI, edge worker)', () => run(process.execPath, ['--test', 'tests/js/'], { cwd: root })],
  ['browser end-to-end (Chromium)', () => run(process.execPath, ['--test', 'tests/e2e/'], { cwd: root })],
];

const started = Date.now();
let passed = 0;
try {
  setup();
  for (const [name, suite] of suites) {
    console.log(`\n=== ${name}`);
    suite();
    passed++;
  }
} catch (e) {
  console.error(`\n${e.message}`);
  console.log(`\nsuites: ${passed} passed, 1 failed`);
  process.exit(1);
}
console.log(`\nall suites passed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
console.log(`suites: ${passed} passed, 0 failed`);
