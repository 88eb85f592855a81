// estimateCost, estimateCampaign, windowState, marketOf and the send preflight's billing and
// consent, on the built package; and `wa-preflight price`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { estimateCost, estimateCampaign, windowState, marketOf, checkSend, quoteSend } from 'wa-preflight';

const bin = fileURLToPath(new URL('../../bin/wa-preflight.js', import.meta.url));
const templates = JSON.parse(readFileSync(new URL('../fixtures/send/templates.json', import.meta.url), 'utf8'));
const IT = '+393331234567';
const hours = (base, h) => new Date(Date.parse(base) + h * 3600_000).toISOString().replace('.000Z', 'Z');

test('estimateCost: Meta\'s per-message example costs one marketing and one utility message', () => {
  const b = '2025-08-01T00:00:00Z';
  const r = estimateCost({ events: [
    { at: hours(b, 0), direction: 'outbound', type: 'template', category: 'marketing', to: IT },
    { at: hours(b, 2), direction: 'inbound', from: IT },
    { at: hours(b, 3), direction: 'outbound', type: 'text', to: IT },
    { at: hours(b, 4), direction: 'outbound', type: 'template', category: 'utility', to: IT },
    { at: hours(b, 30), direction: 'outbound', type: 'template', category: 'utility', to: IT },
  ], currency: 'USD' });
  assert.deepEqual(r.messages.map((m) => [m.event, m.billable, m.rate]), [[0, true, 0.0691], [2, false, null], [3, false, null], [4, true, 0.03]]);
  assert.equal(r.total, 0.0991);
  assert.equal(r.currency, 'USD');
  assert.throws(() => estimateCost({ events: [], currency: 'EUR' }), (e) => e.code === 'INVALID_TIMELINE');
  assert.throws(() => estimateCost({ events: [{ at: 'soon', direction: 'outbound' }] }), (e) => e.code === 'INVALID_TIMELINE');
  assert.throws(() => estimateCost({ events: [] }, { bogus: 1 }), (e) => e.code === 'INVALID_OPTIONS');
});

test('windowState: calls reset the window, entry points open 72 free hours', () => {
  const events = [
    { at: '2025-08-01T09:00:00Z', direction: 'inbound', from: IT, entry_point: 'ctwa' },
    { at: '2025-08-01T10:00:00Z', direction: 'outbound', type: 'template', category: 'marketing', to: IT },
    { at: '2025-08-02T08:00:00Z', direction: 'inbound', type: 'call', from: IT },
  ];
  assert.deepEqual(windowState(events, '2025-08-03T07:00:00Z'), {
    open: true, expires_at: '2025-08-03T08:00:00Z', remaining_seconds: 3600,
    free_entry_point: { open: true, expires_at: '2025-08-04T10:00:00Z' },
  });
  assert.equal(windowState(events, Date.parse('2025-08-03T09:00:00Z')).open, false);
  assert.throws(() => windowState(events, {}), (e) => e.code === 'INVALID_ARGUMENT');
});

test('marketOf: longest prefix, dated changes, clear errors', () => {
  assert.equal(marketOf('+39 333 123 4567'), 'Italy');
  assert.equal(marketOf('+1 809 555 0100'), 'Rest of Latin America');
  assert.equal(marketOf('+1 212 555 0100'), 'North America');
  assert.equal(marketOf('+263 77 123 4567', '2025-09-01'), 'Other');
  assert.equal(marketOf('+263 77 123 4567'), 'Rest of Africa');
  assert.throws(() => marketOf('0039 333 1234567'), (e) => e.code === 'INVALID_NUMBER' && /country code/.test(e.message));
});

test('estimateCampaign: per market, with invalid numbers counted apart and tiers applied', () => {
  const numbers = ['+393331234567', '+393401234567', '+5511987654321', '+12125550100', 'not a number'];
  const c = estimateCampaign({ category: 'marketing', recipients: numbers, at: '2026-02-01T10:00:00Z' });
  assert.equal(c.recipients, 4);
  assert.equal(c.invalid, 1);
  assert.deepEqual(c.markets.map((m) => [m.market, m.recipients, m.rate]), [['Brazil', 1, 0.0625], ['Italy', 2, 0.0691], ['North America', 1, 0.025]]);
  assert.equal(c.total, 0.2257); // integer micro-units inside: no binary rounding
  assert.equal(c.card, 'pmp-2026-01-01');
  const tiered = estimateCampaign({ category: 'utility', recipients: { India: 10 }, at: '2026-02-01T10:00:00Z' },
    { tiers: [{ category: 'utility', market: 'India', from: 1, to: 4, rate: 0.001 }, { category: 'utility', from: 5, discount: 0.5 }] });
  assert.equal(tiered.total, 0.0082);
  assert.throws(() => estimateCampaign({ category: 'promo', recipients: [], at: '2026-02-01' }), (e) => e.code === 'INVALID_CAMPAIGN');
});

test('checkSend reports billing and blocks sends without consent', () => {
  const coupon = { messaging_product: 'whatsapp', to: '393331234567', type: 'template', template: { name: 'cupom_verao', language: { code: 'pt_BR' }, components: [
    { type: 'header', parameters: [{ type: 'image', image: { link: 'https://cdn.example.com/v.jpg' } }] },
    { type: 'body', parameters: [{ type: 'text', text: 'Ana' }] },
    { type: 'button', sub_type: 'copy_code', index: 0, parameters: [{ type: 'coupon_code', coupon_code: 'VERAO20' }] },
  ] } };
  const now = '2026-02-01T10:00:00Z';
  const ok = checkSend(coupon, { templates, now });
  assert.deepEqual(ok.billing, { billable: true, pricing_model: 'PMP', category: 'marketing', market: 'Italy', rate: 0.0691, currency: 'USD', type: 'regular', card: 'pmp-2026-01-01', reason: null, notices: [] });
  const fep = checkSend(coupon, { templates, now, state: { 393331234567: { free_entry_point_until: '2026-02-02T00:00:00Z' } } });
  assert.equal(fep.billing.billable, false);
  assert.equal(fep.billing.type, 'free_entry_point');
  const out = checkSend(coupon, { templates, now, state: { 393331234567: { opted_out: ['marketing'] } } });
  assert.equal(out.verdict, 'block');
  assert.equal(out.billing, null);
  assert.equal(out.diagnostics[0].code, 'WP602');
  const stopped = checkSend(coupon, { templates, now, state: { 393331234567: { marketing_stopped: true } } });
  assert.equal(stopped.error_code, 131050);
  const us = checkSend({ ...coupon, to: '12125550100' }, { templates, now });
  assert.equal(us.error_code, 131049);
});

test('quoteSend: one send of a template, billed at the category Meta will give it', () => {
  const tpl = (category, text) => ({ name: 'q', language: 'en_US', category, components: [{ type: 'BODY', text }] });
  const shipped = tpl('UTILITY', 'Your order {{1}} has shipped and arrives on Tuesday.');
  const at = '2026-11-20T10:00:00Z';
  const q = quoteSend(shipped, { to: '+39 333 123 4567', at });
  assert.equal(q.declared, 'UTILITY');
  assert.equal(q.outcome.action, 'approved');
  assert.equal(q.as_declared, null);
  // The same message as a one-event timeline: the engine is one, the answers agree.
  const m = estimateCost({ events: [{ at, direction: 'outbound', type: 'template', category: 'utility', to: IT }] }).messages[0];
  assert.deepEqual([q.billing.rate, q.billing.card, q.billing.market], [m.rate, m.card, 'Italy']);
  assert.equal(q.billing.rate, 0.03, 'Italy, utility, card of 2026-10-01');
  // The customer wrote an hour before: utility inside the window was free until 2026-09-30,
  // and is charged from 2026-10-01.
  const window = (day) => quoteSend(shipped, { to: IT, at: Date.parse(`${day}T10:00:00Z`), state: { last_inbound_at: `${day}T09:00:00Z` } }).billing;
  assert.deepEqual([window('2026-09-20').billable, window('2026-09-20').type], [false, 'free_customer_service']);
  assert.deepEqual([window('2026-11-20').billable, window('2026-11-20').rate], [true, 0.03]);
  // Declared UTILITY, read as MARKETING: billed as MARKETING, the declared price beside it.
  const sale = quoteSend(tpl('UTILITY', 'Huge winter sale: 40% off all jackets this weekend only. Shop now and save!'), { to: IT, at });
  assert.deepEqual([sale.outcome.action, sale.category, sale.billing.category, sale.as_declared.category], ['approved_as_marketing', 'MARKETING', 'marketing', 'utility']);
  assert.ok(sale.billing.rate > sale.as_declared.rate);
  // A MARKETING template that delivers a code is rejected: nothing is billed.
  const code = quoteSend(tpl('MARKETING', 'Your login code is {{1}}. It expires in 10 minutes; never share it.'), { to: IT, at });
  assert.deepEqual([code.outcome.action, code.category, code.billing], ['rejected', null, null]);
  // No declared category: the content's.
  const none = quoteSend(tpl(undefined, 'Your order {{1}} has shipped and arrives on Tuesday.'), { to: '+5511987654321', at });
  assert.deepEqual([none.declared, none.outcome, none.category, none.billing.market], [null, null, 'UTILITY', 'Brazil']);
  assert.throws(() => quoteSend(shipped, { to: '12', at }), (e) => e.code === 'INVALID_NUMBER');
  assert.throws(() => quoteSend(shipped, { to: IT }), (e) => e.code === 'INVALID_ARGUMENT' && /at/.test(e.message));
  assert.throws(() => quoteSend(shipped, { to: IT, at, when: at }), (e) => e.code === 'INVALID_ARGUMENT' && /when/.test(e.message));
  assert.throws(() => quoteSend(shipped, 'soon'), (e) => e.code === 'INVALID_ARGUMENT');
  assert.throws(() => quoteSend(42, { to: IT, at }), (e) => e.code === 'NOT_A_TEMPLATE');
});

test('CLI price prints the contract fields per timeline', () => {
  const timeline = JSON.stringify({ events: [
    { at: '2025-08-01T09:00:00Z', direction: 'outbound', type: 'template', category: 'marketing', to: IT },
    { at: '2025-08-01T10:00:00Z', direction: 'outbound', type: 'text', to: IT },
  ], currency: 'USD' });
  const r = spawnSync(process.execPath, [bin, 'price', '--format', 'json', '-'], { input: timeline, encoding: 'utf8' });
  assert.equal(r.status, 1); // the free-form message is outside the window
  const out = JSON.parse(r.stdout);
  assert.deepEqual(Object.keys(out), ['index', 'file', 'messages', 'total', 'currency', 'unpriced', 'notices']);
  assert.deepEqual(out.messages.map((m) => [m.event, m.allowed, m.billable, m.pricing_model, m.category, m.rate, m.conversation]),
    [[0, true, true, 'PMP', 'marketing', 0.0691, null], [1, false, false, 'PMP', 'service', null, null]]);
  assert.equal(out.total, 0.0691);
  const text = spawnSync(process.execPath, [bin, 'price', '-'], { input: timeline, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  assert.match(text.stdout, /#1 .* REFUSED \(outside_window, 131047\)/);
  const bad = spawnSync(process.execPath, [bin, 'price', '-'], { input: '{"events": [{"at": "soon"}]}', encoding: 'utf8' });
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /<stdin>\[0\]/);
});

test('rate cards in Meta\'s CSV layout load at run time, in any currency', async () => {
  const { loadRateCard } = await import('wa-preflight');
  const csv = 'Market,Currency,Marketing,Utility,Authentication,Authentication-International,Service\nItaly,EUR,0.0658,0.0248,0.0248,n/a,0.0248\n';
  const card = loadRateCard(csv, { effective: '2026-07-01', model: 'PMP' });
  assert.equal(card.currency, 'EUR');
  assert.deepEqual(card.rates.Italy, { marketing: 0.0658, utility: 0.0248, authentication: 0.0248, authentication_international: null, service: 0.0248 });
  assert.throws(() => loadRateCard('Market,Marketing\n'), (e) => e.code === 'INVALID_RATE_CARD');
  const timeline = { currency: 'EUR', events: [{ at: '2026-08-03T10:00:00Z', direction: 'outbound', type: 'template', category: 'marketing', to: IT }] };
  const r = estimateCost(timeline, { rateCards: [{ csv, effective: '2026-07-01', model: 'PMP' }] });
  assert.deepEqual([r.currency, r.total, r.messages[0].card], ['EUR', 0.0658, 'csv-pmp-2026-07-01']);
  const dir = fileURLToPath(new URL('.', import.meta.url));
  const file = `${dir}../fixtures/send/rate-card-eur.csv`;
  const cli = spawnSync(process.execPath, [bin, 'price', '--format', 'json', '--rate-card', file, '--rate-card-effective', '2026-07-01', '-'],
    { input: JSON.stringify(timeline), encoding: 'utf8' });
  assert.equal(cli.status, 0, cli.stderr);
  assert.equal(JSON.parse(cli.stdout).total, 0.0658);
});

test('prices as of today: the 2026-10-01 change by default, notices when the data runs out', async () => {
  const { loadRateCard, dataFiles } = await import('wa-preflight');
  const inWindow = (day) => ({ events: [
    { at: hours(day, 0), direction: 'inbound', from: IT },
    { at: hours(day, 1), direction: 'outbound', type: 'template', category: 'utility', to: IT },
    { at: hours(day, 2), direction: 'outbound', type: 'text', to: IT },
  ] });
  const before = estimateCost(inWindow('2026-09-20T08:00:00Z'));
  assert.deepEqual(before.messages.map((m) => [m.billable, m.type]), [[false, 'free_customer_service'], [false, 'free_customer_service']]);
  const after = estimateCost(inWindow('2026-11-20T08:00:00Z'));
  assert.deepEqual(after.messages.map((m) => [m.billable, m.category, m.rate, m.card]),
    [[true, 'utility', 0.03, 'pmp-2026-10-01'], [true, 'service', 0.03, 'pmp-2026-10-01']]);
  assert.deepEqual(after.notices.map((n) => n.kind), ['disputed_allowance']);
  const tier = estimateCost(inWindow('2026-11-20T08:00:00Z'), { freeServiceMessagesPerMonth: 1000 });
  assert.equal(tier.messages[1].type, 'free_tier');
  // Past the next quarter after the newest card, the answer says so.
  const later = estimateCost({ events: [{ at: '2027-06-01T08:00:00Z', direction: 'outbound', type: 'template', category: 'marketing', to: IT }] });
  const stale = later.notices.find((n) => n.kind === 'stale_data');
  assert.deepEqual([stale.file, stale.card, stale.checked], ['data/rates.json', 'pmp-2026-10-01', '2026-12-01']);
  assert.equal(later.messages[0].rate, 0.0795);
  const asOf = estimateCost(inWindow('2026-11-20T08:00:00Z'), { asOf: '2026-09-20' });
  assert.deepEqual(asOf.messages.map((m) => m.billable), [false, false]);
  assert.throws(() => estimateCost(inWindow('2026-11-20T08:00:00Z'), { asOf: 'next week' }), (e) => e.code === 'INVALID_OPTIONS' && /asOf/.test(e.message));
  assert.throws(() => estimateCost(inWindow('2026-11-20T08:00:00Z'), { serviceRate: 'cheap' }), (e) => e.code === 'INVALID_OPTIONS');
  // Meta's 2026 file layout: notes above a header with a line break in a quoted cell.
  const csv = 'Cost per message in BRL on the WhatsApp Business Platform, effective October 1, 2026\n\nMarket,Currency,Marketing,Utility,Authentication,"Authentication-\nInternational",Service\nBrazil,BRL,0.3125,0.0350,0.0350,n/a,0.0350\n';
  const card = loadRateCard(csv);
  assert.deepEqual([card.currency, card.model, card.effective, card.rates.Brazil.service], ['BRL', 'PMP', '2026-10-01T00:00:00Z', 0.035]);
  const brl = estimateCampaign({ category: 'marketing', recipients: ['+5511987654321'], at: '2026-11-20T08:00:00Z', currency: 'BRL' }, { rateCards: [{ csv }] });
  assert.deepEqual([brl.currency, brl.total, brl.unpriced], ['BRL', 0.3125, 0]);
  // A market whose card lacks a rate: unpriced, with the cells named.
  const bd = estimateCampaign({ category: 'authentication', recipients: ['+8801712345678'], at: '2026-11-20T08:00:00Z' }, { authenticationInternational: true });
  assert.equal(bd.unpriced, 1);
  assert.ok(bd.notices.some((n) => n.kind === 'incomplete_card' && n.market === 'Bangladesh' && n.missing.includes('authentication_international')));
  assert.ok(dataFiles().some((f) => f.file === 'data/rates.json' && f.last_checked === '2026-12-01'));
});

test('checkSend prices service messages and user-ID recipients from 2026-10-01', () => {
  const text = { messaging_product: 'whatsapp', to: '393331234567', type: 'text', text: { body: 'Your parcel left the depot.' } };
  const state = { 393331234567: { last_inbound_at: '2026-11-20T07:00:00Z' } };
  const r = checkSend(text, { now: '2026-11-20T08:00:00Z', state });
  assert.deepEqual([r.verdict, r.billing.billable, r.billing.category, r.billing.rate], ['allow', true, 'service', 0.03]);
  const september = checkSend(text, { now: '2026-09-20T08:00:00Z', state: { 393331234567: { last_inbound_at: '2026-09-20T07:00:00Z' } } });
  assert.equal(september.billing.billable, false);
  const toUser = { ...text, to: 'US.13491208655302741918' };
  const unknown = checkSend(toUser, { now: '2026-11-20T08:00:00Z' });
  assert.deepEqual([unknown.verdict, unknown.billing.market, unknown.billing.type], ['allow', null, 'no_rate']);
  const known = checkSend(toUser, { now: '2026-11-20T08:00:00Z', state: { 'US.13491208655302741918': { last_inbound_at: '2026-11-20T07:00:00Z', market: 'North America' } } });
  assert.deepEqual([known.billing.market, known.billing.rate], ['North America', 0.0034]);
  assert.throws(() => checkSend(toUser, { now: '2026-11-20T08:00:00Z', state: { 'US.13491208655302741918': { market: 'Atlantis' } } }), (e) => e.code === 'INVALID_OPTIONS');
  // asOf alone dates the price; pricing options pass through.
  const asOf = checkSend(text, { asOf: '2027-06-01', pricing: { serviceRate: 'authentication' } });
  assert.ok(asOf.billing.notices.some((n) => n.kind === 'stale_data'));
});

test('CLI price and send say what the data cannot vouch for, and --as-of chooses the era', () => {
  const timeline = JSON.stringify({ events: [
    { at: '2026-11-20T08:00:00Z', direction: 'inbound', from: IT },
    { at: '2026-11-20T09:00:00Z', direction: 'outbound', type: 'template', category: 'utility', to: IT },
  ] });
  const env = { ...process.env, NO_COLOR: '1' };
  const now = spawnSync(process.execPath, [bin, 'price', '-'], { input: timeline, encoding: 'utf8', env });
  assert.match(now.stdout, /#1 .*0\.0300 USD utility/);
  const past = spawnSync(process.execPath, [bin, 'price', '--as-of', '2026-09-20', '-'], { input: timeline, encoding: 'utf8', env });
  assert.match(past.stdout, /#1 .*free \(free_customer_service\)/);
  const future = spawnSync(process.execPath, [bin, 'price', '--as-of', '2027-06-01', '-'], { input: timeline, encoding: 'utf8', env });
  assert.match(future.stdout, /info: prices after 2026-12-31 are not in the data/);
  const bad = spawnSync(process.execPath, [bin, 'price', '--free-service', 'lots', '-'], { input: timeline, encoding: 'utf8' });
  assert.equal(bad.status, 2);
  const payload = JSON.stringify({ messaging_product: 'whatsapp', to: '393331234567', type: 'text', text: { body: 'hello' } });
  const send = spawnSync(process.execPath, [bin, 'send', '--now', '2026-11-20T08:00:00Z', '--as-of', '2027-06-01', '-'], { input: payload, encoding: 'utf8', env });
  assert.match(send.stdout, /allow .*\(0\.0300 USD service\)\n  info: prices after 2026-12-31/);
});
