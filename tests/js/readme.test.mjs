// The README's figures against the package: the number of rules is `rules().length`, the XSS
// corpus is the one the browser test runs, and no sentence written before a feature landed says
// it is still to come.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { rules } from 'wa-preflight';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

test('every rule count in the README is rules().length', () => {
  const counts = [...readme.matchAll(/\b(\d{2,4}) (?:creation and send )?rules\b/g)].map((m) => Number(m[1]));
  assert.ok(counts.length >= 1, 'the README states how many rules there are');
  assert.deepEqual([...new Set(counts)], [rules().length]);
});

test('the XSS vector count in the README is the corpus the browser test runs', () => {
  const { vectors } = JSON.parse(readFileSync(new URL('../fixtures/xss/vectors.json', import.meta.url), 'utf8'));
  const stated = [...readme.matchAll(/\b(\d+) XSS vectors\b/g)].map((m) => Number(m[1]));
  assert.ok(stated.length >= 1);
  assert.deepEqual([...new Set(stated)], [vectors.length]);
});

test('no sentence says the classifier or the content policies are still to come', () => {
  for (const stale of [/until the content classifier lands/i, /confidence 0\b/, /as the content policies land/i, /take effect as .* land\b/i]) {
    assert.doesNotMatch(readme, stale);
  }
});
