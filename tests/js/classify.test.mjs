// classifyTemplate, checkContent and the policy era, on the built package and the CLI.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { classifyTemplate, checkContent, validateTemplate } from 'wa-preflight';

const bin = fileURLToPath(new URL('../../bin/wa-preflight.js', import.meta.url));
const template = (text, category = 'UTILITY', language = 'en_US') => ({
  name: 'x', language, category, components: [{ type: 'BODY', text }],
});

test('classifyTemplate predicts from content, never from the declared category', () => {
  const promo = 'Your order shipped! Use code SAVE10 for 10% off your next order.';
  for (const declared of ['UTILITY', 'MARKETING', 'AUTHENTICATION']) {
    assert.equal(classifyTemplate(template(promo, declared)).predicted, 'MARKETING');
  }
  const c = classifyTemplate(template('Il tuo volo AZ610 è in ritardo, nuova partenza alle 18:40.', 'MARKETING', 'it'));
  assert.equal(c.predicted, 'UTILITY');
  assert.equal(c.legacy_type, 'TRANSPORTATION_UPDATE');
  assert.deepEqual(c.languages, ['it']);
  assert.ok(c.confidence > 0.5 && c.confidence <= 1);
});

test('reasons point at the exact words, in UTF-16 offsets, emoji included', () => {
  const text = '🎉🎉 PROMOÇÕES de verão: 30% de desconto! 🛍️';
  const c = classifyTemplate(template(text, 'MARKETING', 'pt_BR'));
  assert.equal(c.predicted, 'MARKETING');
  assert.ok(c.reasons.length >= 2);
  for (const r of c.reasons) {
    assert.equal(r.path, 'components[0].text');
    assert.equal(text.slice(r.span.start, r.span.end), r.text, JSON.stringify(r));
    assert.ok(r.clause.length > 10);
  }
  assert.ok(c.reasons.some((r) => r.text === 'PROMOÇÕES'));
  assert.ok(c.reasons.some((r) => r.text === '30% de desconto' || r.text === '30%'));
});

test('structure counts: OTP buttons and limited-time offers', () => {
  const auth = { name: 'code', language: 'it', category: 'UTILITY', components: [
    { type: 'BODY', add_security_recommendation: true },
    { type: 'BUTTONS', buttons: [{ type: 'OTP', otp_type: 'COPY_CODE' }] },
  ] };
  assert.equal(classifyTemplate(auth).predicted, 'AUTHENTICATION');
  const lto = { name: 'o', language: 'en_US', category: 'MARKETING', components: [
    { type: 'LIMITED_TIME_OFFER', limited_time_offer: { text: 'Ends soon', has_expiration: true } },
    { type: 'BODY', text: 'Hi {{1}}, this is for you.' },
  ] };
  assert.equal(classifyTemplate(lto).predicted, 'MARKETING');
});

test('validateTemplate reports the category and the mismatch', () => {
  const r = validateTemplate(template('Your subscription ends soon. Renew now and get 2 months free!'));
  assert.equal(r.category.declared, 'UTILITY');
  assert.equal(r.category.predicted, 'MARKETING');
  assert.ok(r.category.reasons.length > 0);
  const d = r.diagnostics.find((x) => x.code === 'WP403');
  assert.ok(d, JSON.stringify(r.diagnostics));
  assert.equal(d.severity, 'warning');
  const otp = validateTemplate(template('Il tuo codice di verifica è {{1}}, grazie.', 'MARKETING', 'it'));
  assert.ok(otp.diagnostics.some((x) => x.code === 'WP404' && x.severity === 'error'));
});

test('checkContent: classification and policy findings on free text', () => {
  const text = 'Scommetti ora sul casinò: ultimo avviso, il tuo account sarà sospeso!';
  const r = checkContent(text, { language: 'it' });
  const codes = r.diagnostics.map((d) => d.code);
  assert.ok(codes.includes('WP303') && codes.includes('WP305'), codes.join());
  for (const d of r.diagnostics) {
    assert.equal(d.path, 'text');
    assert.ok(text.slice(d.span.start, d.span.end).length > 0);
  }
  const old = checkContent('Get 20% off and rate our app!', { language: 'en', policy: '2019' });
  assert.deepEqual([...new Set(old.diagnostics.map((d) => d.code))].sort(), ['WP310', 'WP313']);
  assert.deepEqual(checkContent('Get 20% off and rate our app!', { language: 'en' }).diagnostics, []);
  assert.equal(checkContent('Seu pedido foi enviado.', { language: 'pt_BR' }).classification.predicted, 'UTILITY');
  assert.throws(() => checkContent(5), (e) => e.code === 'INVALID_ARGUMENT');
  assert.throws(() => checkContent('x', { policy: '2010' }), (e) => e.code === 'INVALID_OPTIONS');
});

test('unknown languages scan every lexicon', () => {
  const c = classifyTemplate(template('Sconto del 20% su tutto!', 'MARKETING', 'nl'));
  assert.equal(c.predicted, 'MARKETING');
  assert.equal(c.languages.length, 6);
});

test('CLI check --policy 2019 applies the notification rules', () => {
  const t = JSON.stringify(template('Your order shipped. Get 10% off your next one!', 'UTILITY'));
  const run = (...args) => spawnSync(process.execPath, [bin, 'check', '--format', 'json', ...args, '-'], { input: t, encoding: 'utf8' });
  const now = JSON.parse(run().stdout);
  const old = JSON.parse(run('--policy', '2019').stdout);
  assert.equal(now.ok, true);
  assert.equal(now.category.predicted, 'MARKETING');
  assert.ok(now.category.reasons.some((r) => r.signal === 'discount-offer' && typeof r.span.start === 'number'));
  assert.equal(old.ok, false);
  assert.ok(old.diagnostics.some((d) => d.code === 'WP310'));
});

test('the lexicon can be replaced at run time', () => {
  const lexicon = { signals: [{ id: 'loyalty', category: 'MARKETING', weight: 3, clause: 'Marketing: loyalty programmes',
    terms: { en: ['loyalty points'] } }] };
  const t = template('You have 300 loyalty points in your account.', 'UTILITY');
  assert.equal(classifyTemplate(t).predicted, 'UTILITY');
  const custom = classifyTemplate(t, { lexicon });
  assert.equal(custom.predicted, 'MARKETING');
  assert.equal(custom.reasons[0].signal, 'loyalty');
  assert.throws(() => classifyTemplate(t, { lexicon: { signals: [{ id: 'x' }] } }), (e) => e.code === 'INVALID_OPTIONS');
});

test('policy findings point at the exact words, emoji before them', () => {
  const text = '🎰🎰 Scommetti ora sul casinò! 🍀';
  const r = checkContent(text, { language: 'it' });
  const words = r.diagnostics.filter((d) => d.code === 'WP303').map((d) => text.slice(d.span.start, d.span.end));
  assert.deepEqual(words, ['Scommetti', 'casinò']);
});

test('the checklist reads like Meta\'s, with a band and what Meta does with the declared category', () => {
  const mixed = validateTemplate(template('Your order 4411 has shipped. Use code SAVE10 for 10% off your next order!'));
  const c = mixed.category;
  assert.deepEqual(c.checklist.map((l) => l.principle), ['authentication', 'promotion', 'specific', 'requested', 'essential', 'unclear']);
  assert.equal(c.basis, 'mixed-content');
  const promotion = c.checklist.find((l) => l.principle === 'promotion');
  assert.ok(promotion.met && /mixed content is MARKETING/.test(promotion.note), promotion.note);
  assert.ok(c.checklist.find((l) => l.principle === 'specific').met);
  assert.deepEqual(c.outcome && [c.outcome.action, c.outcome.category], ['approved_as_marketing', 'MARKETING']);
  for (const r of c.reasons) assert.ok(['promotion', 'specific', 'requested', 'essential', 'feedback', 'authentication', 'unclear'].includes(r.principle));

  // Meta never moves a template to UTILITY: a MARKETING template with utility content stays MARKETING.
  const kept = validateTemplate(template('Your appointment on {{1}} at {{2}} is confirmed.', 'MARKETING'));
  assert.equal(kept.category.predicted, 'UTILITY');
  assert.deepEqual([kept.category.outcome.action, kept.category.outcome.category], ['approved', 'MARKETING']);
  assert.match(kept.category.outcome.note, /never moves a template to UTILITY/);
  // A code in a UTILITY template is rejected, not re-categorised.
  const code = validateTemplate(template('Your verification code is {{1}}.'));
  assert.deepEqual([code.category.outcome.action, code.category.outcome.category], ['rejected', null]);

  // Nothing either way: MARKETING by Meta's unclear rule, as measured on real templates.
  const vague = classifyTemplate(template('We wanted to share a quick note with you today, {{1}}.'));
  assert.equal(vague.basis, 'no-evidence');
  assert.equal(vague.predicted, 'MARKETING');
  assert.match(vague.checklist.find((l) => l.principle === 'unclear').note, /name the order, booking or request/);
  // A lone welcome is weak promotion, measured on few templates: below 0.8, and its band
  // follows its confidence (the counts move as the real-template set grows).
  const welcome = classifyTemplate(template('Benvenuto in famiglia, {{1}}: siamo felici di averti con noi.', 'MARKETING', 'it'));
  assert.equal(welcome.basis, 'weak-promotion');
  assert.ok(welcome.confidence < 0.8);
  assert.equal(welcome.band, welcome.confidence < 0.6 ? 'uncertain' : 'medium');
  // Code words without Meta's OTP format were never measured: a toss-up, the uncertain band.
  const words = classifyTemplate(template('Your verification code is {{1}}.', 'AUTHENTICATION'));
  assert.equal(words.basis, 'code-words');
  assert.equal(words.band, 'uncertain');
  assert.ok(words.confidence < 0.6);
  assert.ok(['high', 'medium', 'uncertain'].includes(classifyTemplate(template('Il tuo ordine è partito.', 'UTILITY', 'it')).band));
});
