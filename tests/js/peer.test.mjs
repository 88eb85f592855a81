// Send bodies written by another team's SDK: every message that @kapso/whatsapp-cloud-api (the
// pinned dev dependency of the bench) builds for its send methods is accepted by checkSend with
// the payload alone. The bodies are captured from its fetch calls; nothing is sent. Where the SDK
// adds keys Meta's pages do not list, the finding is a warning, never a block.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WhatsAppClient } from '@kapso/whatsapp-cloud-api';
import { checkSend } from 'wa-preflight';

const bodies = [];
const fetch = async (_url, init) => {
  bodies.push(JSON.parse(init.body));
  return new Response(JSON.stringify({ messaging_product: 'whatsapp', contacts: [], messages: [{ id: 'wamid.X' }] }),
    { status: 200, headers: { 'content-type': 'application/json' } });
};
const messages = new WhatsAppClient({ accessToken: 'test', fetch }).messages;
const base = { phoneNumberId: '106540352242922', to: '393331234567' };
const wamid = 'wamid.HBgLMzkzMzMxMjM0NTY3FQIAERgSQ0VGMEI3';
const card = (i, action) => ({ cardIndex: i, header: { type: 'image', image: { link: `https://example.com/${i}.jpg` } }, bodyText: `Scheda ${i}`, action });

const sends = {
  text: () => messages.sendText({ ...base, body: 'Ecco il link: https://example.com', previewUrl: true }),
  reply: () => messages.sendText({ ...base, body: 'Grazie!', contextMessageId: wamid }),
  image: () => messages.sendImage({ ...base, image: { link: 'https://example.com/menu.jpg', caption: 'Il menu' } }),
  audio: () => messages.sendAudio({ ...base, audio: { id: '1234567890', voice: true } }),
  document: () => messages.sendDocument({ ...base, document: { link: 'https://example.com/f.pdf', filename: 'fattura.pdf', caption: 'La fattura' } }),
  video: () => messages.sendVideo({ ...base, video: { id: '1234567890', caption: 'Il video' } }),
  sticker: () => messages.sendSticker({ ...base, sticker: { id: '1234567890' } }),
  location: () => messages.sendLocation({ ...base, location: { latitude: 45.4642, longitude: 9.19, name: 'Duomo', address: 'Piazza del Duomo, Milano' } }),
  contacts: () => messages.sendContacts({ ...base, contacts: [{ name: { formattedName: 'Ana Rossi', firstName: 'Ana' }, phones: [{ phone: '+39 333 123 4567', type: 'CELL', waId: '393331234567' }] }] }),
  reaction: () => messages.sendReaction({ ...base, reaction: { messageId: wamid, emoji: '👍' } }),
  template: () => messages.sendTemplate({ ...base, template: { name: 'order_update', language: { code: 'it' }, components: [
    { type: 'body', parameters: [{ type: 'text', text: 'Giulia' }] },
    { type: 'button', subType: 'url', index: 0, parameters: [{ type: 'text', text: 'A-1001' }] }] } }),
  buttons: () => messages.sendInteractiveButtons({ ...base, header: { type: 'text', text: 'Prenotazione' }, bodyText: 'Confermi?', footerText: 'Grazie',
    buttons: [{ id: 'si', title: 'Sì' }, { id: 'no', title: 'No' }] }),
  list: () => messages.sendInteractiveList({ ...base, bodyText: 'Il menu', buttonText: 'Vedi', sections: [
    { title: 'Primi', rows: [{ id: 'r1', title: 'Pasta', description: 'al pomodoro' }] }, { title: 'Secondi', rows: [{ id: 'r2', title: 'Pesce' }] }] }),
  product: () => messages.sendInteractiveProduct({ ...base, bodyText: 'Guarda', catalogId: '123456789', productRetailerId: 'sku1' }),
  productList: () => messages.sendInteractiveProductList({ ...base, header: { type: 'text', text: 'Novità' }, bodyText: 'Scegli', catalogId: '123456789',
    sections: [{ title: 'Per te', productItems: [{ productRetailerId: 'sku1' }, { productRetailerId: 'sku2' }] }] }),
  flow: () => messages.sendInteractiveFlow({ ...base, bodyText: 'Prenota un tavolo', parameters: { flowId: '1234567890', flowCta: 'Prenota', flowAction: 'navigate', flowActionPayload: { screen: 'START' } } }),
  address: () => messages.sendInteractiveAddress({ ...base, to: '919876543210', bodyText: 'Il tuo indirizzo', parameters: { country: 'IN' } }),
  locationRequest: () => messages.sendInteractiveLocationRequest({ ...base, bodyText: 'Dove ti trovi?', parameters: { requestMessage: 'Condividi la posizione' } }),
  callPermission: () => messages.sendInteractiveCallPermission({ ...base, bodyText: 'Possiamo chiamarti?', parameters: { phoneNumber: '+390212345678', callPurpose: 'assistenza' } }),
  ctaUrl: () => messages.sendInteractiveCtaUrl({ ...base, bodyText: 'Le offerte', parameters: { displayText: 'Apri', url: 'https://example.com/offerte' } }),
  carousel: () => messages.sendInteractiveCarousel({ ...base, bodyText: 'Le novità', cards: [
    card(0, { displayText: 'Vedi', url: 'https://example.com/0' }), card(1, { displayText: 'Vedi', url: 'https://example.com/1' })] }),
  carouselQuickReplies: () => messages.sendInteractiveCarousel({ ...base, bodyText: 'Le novità', cards: [
    card(0, { buttons: [{ id: 'a0', title: 'Mi piace' }] }), card(1, { buttons: [{ id: 'a1', title: 'Mi piace' }] })] }),
  catalog: () => messages.sendInteractiveCatalogMessage({ ...base, bodyText: 'Il catalogo', parameters: { thumbnailProductRetailerId: 'sku1' } }),
  read: () => messages.markRead({ phoneNumberId: base.phoneNumberId, messageId: wamid, typingIndicator: { type: 'text' } }),
};

test('every body the Kapso SDK builds is allowed', async () => {
  const blocked = [];
  for (const [name, send] of Object.entries(sends)) {
    const before = bodies.length;
    await send();
    assert.equal(bodies.length, before + 1, `${name}: the SDK sent one request`);
    const report = checkSend(bodies[before], { now: '2026-12-01T10:00:00Z' });
    if (report.verdict !== 'allow') blocked.push(`${name}: ${JSON.stringify(report.diagnostics)}\n${JSON.stringify(bodies[before])}`);
  }
  assert.deepEqual(blocked, []);
  assert.equal(bodies.length, Object.keys(sends).length);
});
