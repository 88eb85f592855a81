// The rules' runnable cases, from their declarations (src/rules/<family>.rs), printed by the
// native build (`cargo run --example dump -- cases`), so that the JavaScript tests, the bench and
// the fuzz seeds run exactly the cases `tests/rules.rs` runs.
import { spawnSync } from 'node:child_process';
import { root } from './tools.mjs';

let cached = null;

/** Every case: { code, name, stage, send, kind: "fires" | "passes", index, case }, in code order. */
export function ruleCases() {
  if (cached) return cached;
  const r = spawnSync('cargo', ['run', '--quiet', '--example', 'dump', '--', 'cases'], {
    cwd: root, encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (r.status !== 0) throw new Error(`cargo run --example dump -- cases exited with ${r.status ?? r.signal}`);
  cached = JSON.parse(r.stdout);
  return cached;
}
