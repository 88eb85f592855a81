// Installs what the build and the tests need, skipping what is already there:
// the wasm32 target, the wasm-bindgen CLI of exactly the crate's pinned version, Debian's
// Chromium, npm packages.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { root, run, output } from './tools.mjs';

export function setup() {
  if (!(output('rustup', ['target', 'list', '--installed']) || '').includes('wasm32-unknown-unknown')) {
    run('rustup', ['target', 'add', 'wasm32-unknown-unknown']);
  }

  const cargoToml = readFileSync(join(root, 'Cargo.toml'), 'utf8');
  const pinned = /wasm-bindgen = "=([0-9.]+)"/.exec(cargoToml)?.[1];
  if (!pinned) throw new Error('Cargo.toml must pin wasm-bindgen with "=x.y.z"');
  const have = (output('wasm-bindgen', ['--version']) || '').trim().split(' ')[1];
  if (have !== pinned) {
    // Without --locked: the CLI's own lockfile pins crates the registry here does not serve.
    run('cargo', ['install', 'wasm-bindgen-cli', '--version', pinned, '--force']);
  }

  // Debian's Chromium for the browser tests (npm browser downloads do not work here).
  if (!existsSync('/usr/bin/chromium')) {
    if (process.getuid?.() === 0) {
      run('apt-get', ['update', '-qq']);
      run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium', 'fonts-noto-color-emoji']);
    } else {
      console.warn('setup: /usr/bin/chromium is missing and this user cannot install it; the browser tests will fail');
    }
  }

  const lock = join(root, 'package-lock.json');
  const stamp = join(root, 'node_modules', '.package-lock.json');
  if (!existsSync(stamp) || statSync(stamp).mtimeMs < statSync(lock).mtimeMs) {
    // `npm install` rather than `npm ci`: the lock records only this platform's optional binaries
    // (deno's), which `npm ci` refuses.
    run('npm', ['install', '--no-audit', '--no-fund']);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    setup();
  } catch (e) {
    console.error(`setup failed: ${e.message}`);
    process.exit(1);
  }
}
