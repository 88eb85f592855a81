// Shared by the npm scripts: running commands with the Rust tools on PATH.
import { spawnSync } from 'node:child_process';
import { homedir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const cargoBin = join(process.env.CARGO_HOME || join(homedir(), '.cargo'), 'bin');
if (!(process.env.PATH || '').split(':').includes(cargoBin)) {
  process.env.PATH = `${cargoBin}:${process.env.PATH || ''}`;
}

/** Runs a command in the repository, inheriting stdio; throws when it fails. */
export function run(cmd, args, opts = {}) {
  console.log(`\n$ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts });
  if (r.error) throw new Error(`${cmd}: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status ?? r.signal}`);
}

/** Runs a command and returns its stdout, or null when it cannot run or fails. */
export function output(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, encoding: 'utf8' });
  return r.status === 0 ? r.stdout : null;
}
