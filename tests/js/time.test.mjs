// Every entry point that takes a time reads it the same way, by the core's Timestamp: ISO 8601
// text, milliseconds since 1970 (a JS number) or a Date; the answers agree whichever is given.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  checkSend, estimateCampaign, estimateCost, marketOf, validateTemplate, windowState,
} from 'wa-preflight';

const templates = JSON.parse(readFileSync(new URL('../fixtures/send/templates.json', import.meta.url), 'utf8'));
const IT = '+393331234567';
// Three spellings of one instant.
const forms = (iso) => [iso, Date.parse(iso), new Date(iso)];

test('validateTemplate asOf: a date, milliseconds or a Date pick the same limits', () => {
  // A copy code of 16 characters: over the limit of 15 before 2025-12-03, within 20 since.
  const t = {
    name: 'promo', language: 'en_US', category: 'MARKETING',
    components: [
      { type: 'BODY', text: 'Save on your next order.' },
      { type: 'BUTTONS', buttons: [{ type: 'COPY_CODE', example: 'SUMMER2025XLDEAL' }] },
    ],
  };
  const codes = (asOf) => validateTemplate(t, { asOf }).diagnostics.map((d) => d.code).sort();
  for (const day of ['2025-11-01T00:00:00Z', '2026-01-01T00:00:00Z']) {
    const [iso, ms, date] = forms(day);
    assert.deepEqual(codes(ms), codes(iso), day);
    assert.deepEqual(codes(date), codes(iso), day);
  }
  assert.notDeepEqual(codes('2025-11-01'), codes('2026-01-01'), 'the dates differ in what they allow');
  assert.throws(() => validateTemplate(t, { asOf: true }), (e) => e.code === 'INVALID_OPTIONS' && /asOf/.test(e.message));
  assert.throws(() => validateTemplate(t, { asOf: Number.MAX_VALUE }), (e) => e.code === 'INVALID_OPTIONS' && /asOf/.test(e.message));
});

test('checkSend now and asOf: text, milliseconds and Dates give one report', () => {
  const send = {
    messaging_product: 'whatsapp', to: '393331234567', type: 'text', text: { body: 'Hi' },
  };
  const state = { 393331234567: { last_inbound_at: '2025-08-01T09:00:00Z' } };
  for (const at of ['2025-08-01T10:00:00Z', '2025-08-03T10:00:00Z']) {
    const [iso, ms, date] = forms(at);
    const want = checkSend(send, { templates, state, now: iso });
    assert.deepEqual(checkSend(send, { templates, state, now: ms }), want, at);
    assert.deepEqual(checkSend(send, { templates, state, now: date }), want, at);
    assert.deepEqual(checkSend(send, { templates, state, now: iso, asOf: ms }), checkSend(send, { templates, state, now: iso, asOf: iso }));
  }
  // The recipients' state takes the same forms: the window closes 24 h after the last inbound.
  for (const last of forms('2025-08-01T09:00:00Z')) {
    const open = checkSend(send, { templates, state: { 393331234567: { last_inbound_at: last } }, now: '2025-08-02T08:59:00Z' });
    const closed = checkSend(send, { templates, state: { 393331234567: { last_inbound_at: last } }, now: '2025-08-02T09:01:00Z' });
    assert.equal(open.verdict, 'allow', String(last));
    assert.equal(closed.error_code, 131047, String(last));
  }
  const [, fepMs] = forms('2026-02-02T00:00:00Z');
  const coupon = checkSend(send, { templates, now: '2026-02-01T10:00:00Z', state: { 393331234567: { last_inbound_at: '2026-02-01T09:00:00Z', free_entry_point_until: fepMs } } });
  assert.equal(coupon.billing.type, 'free_entry_point');
  assert.throws(() => checkSend(send, { state: { 393331234567: { last_inbound_at: true } } }), (e) => e.code === 'INVALID_STATE' && /last_inbound_at|ISO 8601/.test(e.message));
  assert.throws(() => checkSend(send, { now: 'soon' }), (e) => e.code === 'INVALID_OPTIONS' && /now/.test(e.message));
  assert.throws(() => checkSend(send, { asOf: [] }), (e) => e.code === 'INVALID_OPTIONS' && /asOf/.test(e.message));
});

test('estimateCost: event times and asOf in any of the three forms', () => {
  const timeline = (at) => ({ events: [{ at, direction: 'outbound', type: 'template', category: 'marketing', to: IT }] });
  const [iso, ms, date] = forms('2026-11-20T08:00:00Z');
  const want = estimateCost(timeline(iso));
  assert.deepEqual(estimateCost(timeline(ms)), want);
  assert.deepEqual(estimateCost(timeline(date)), want);
  const [d0, d1, d2] = forms('2025-08-01T00:00:00Z');
  const dated = estimateCost(timeline(iso), { asOf: d0 });
  assert.deepEqual(estimateCost(timeline(iso), { asOf: d1 }), dated);
  assert.deepEqual(estimateCost(timeline(iso), { asOf: d2 }), dated);
  assert.throws(() => estimateCost(timeline(true)), (e) => e.code === 'INVALID_TIMELINE');
});

test('estimateCampaign at, windowState now and marketOf at read the same forms', () => {
  const [iso, ms, date] = forms('2026-02-01T10:00:00Z');
  const campaign = (at) => estimateCampaign({ category: 'marketing', recipients: [IT, '+5511987654321'], at });
  assert.deepEqual(campaign(ms), campaign(iso));
  assert.deepEqual(campaign(date), campaign(iso));
  assert.throws(() => campaign(null), (e) => e.code === 'INVALID_CAMPAIGN');

  const events = [{ at: '2025-08-01T09:00:00Z', direction: 'inbound', from: IT }];
  const [w0, w1, w2] = forms('2025-08-01T20:00:00Z');
  assert.deepEqual(windowState(events, w1), windowState(events, w0));
  assert.deepEqual(windowState(events, w2), windowState(events, w0));
  assert.throws(() => windowState(events, 'later'), (e) => e.code === 'INVALID_ARGUMENT' && /now/.test(e.message));

  const [m0, m1, m2] = forms('2020-01-01T00:00:00Z');
  assert.equal(marketOf('+1 809 555 0100', m1), marketOf('+1 809 555 0100', m0));
  assert.equal(marketOf('+1 809 555 0100', m2), marketOf('+1 809 555 0100', m0));
  assert.throws(() => marketOf(IT, 'then'), (e) => e.code === 'INVALID_ARGUMENT');
});
