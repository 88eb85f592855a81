// The first demo page: paste a template, see the diagnostics. Every user-supplied string is
// put into the page with textContent or text nodes, never as HTML.
import init, { validateTemplate, renderTemplate, version } from '../pkg/web/wa_preflight.js';

const SAMPLES = {
  'Italian order confirmation (legacy {1} style)': {
    name: 'conferma_ordine',
    language: 'it',
    category: 'SHIPPING_UPDATE',
    components: [{ type: 'BODY', text: "Salve {1}, grazie per il vostro ordine! Vi contatteremo quando l'ordine sarà pronto per la spedizione. Potete rintracciare il vostro ordine con il numero {2} qui {3}. Buona giornata!" }],
  },
  'Portuguese shipping update': {
    name: 'pedido_enviado',
    language: 'pt_BR',
    category: 'UTILITY',
    components: [
      { type: 'HEADER', format: 'TEXT', text: 'Pedido {{1}} enviado', example: { header_text: ['#48213'] } },
      { type: 'BODY', text: 'Olá {{1}}, boas notícias! 🚚 O seu pedido saiu para entrega e deve chegar até {{2}}. Acompanhe pelo botão abaixo.', example: { body_text: [['Ana', 'sexta-feira']] } },
      { type: 'BUTTONS', buttons: [{ type: 'URL', text: 'Rastrear pedido', url: 'https://loja.example.com.br/rastreio/{{1}}', example: ['https://loja.example.com.br/rastreio/48213'] }] },
    ],
  },
  'Broken English promotion': {
    name: 'Summer Promo',
    language: 'en-US',
    category: 'MARKETING',
    components: [
      { type: 'HEADER', format: 'TEXT', text: '*Summer* sale ☀️' },
      { type: 'BODY', text: '{{1}} {{2}}, use code {{4}} at bit.ly/summer' },
      { type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY', text: 'Stop' }, { type: 'URL', text: 'Shop', url: 'https://shop.example.com/{{1}}/sale' }, { type: 'QUICK_REPLY', text: 'stop' }] },
    ],
  },
};

const $ = (id) => document.getElementById(id);
const input = $('input');
const list = $('diagnostics');
const summary = $('summary');

/** The value at a diagnostic path such as `components[1].buttons[0].text`. */
function resolvePath(item, path) {
  let cur = item;
  for (const part of path.match(/[^.[\]]+/g) || []) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = cur[part];
  }
  return cur;
}

function el(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

/** The field text with the span wrapped in <mark>, built from text nodes. */
function excerpt(text, span) {
  const pre = el('pre', 'excerpt');
  pre.append(document.createTextNode(text.slice(0, span.start)));
  pre.append(el('mark', null, text.slice(span.start, span.end) || ' '));
  pre.append(document.createTextNode(text.slice(span.end)));
  return pre;
}

function showCategory(c) {
  const box = $('category');
  box.replaceChildren();
  box.append(el('strong', null, `Predicted: ${c.predicted}`), document.createTextNode(` (${Math.round(c.confidence * 100)} %)`));
  if (c.declared) box.append(document.createTextNode(` · declared: ${c.declared}`));
  if (c.legacyType) box.append(document.createTextNode(` · pre-2023 type: ${c.legacyType}`));
  const seen = new Set();
  for (const r of c.reasons) {
    const key = `${r.signal}:${r.text}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const chip = el('span', `chip ${r.category.toLowerCase()}`, `${r.signal}: ${r.text}`);
    chip.title = r.clause;
    box.append(document.createTextNode(' '), chip);
  }
}

function show(report, parsed) {
  showCategory(report.category);
  list.replaceChildren();
  const count = (s) => report.diagnostics.filter((d) => d.severity === s).length;
  summary.textContent = report.ok
    ? `ok · ${count('warning')} warnings · ${count('info')} notes`
    : `${count('error')} errors · ${count('warning')} warnings · ${count('info')} notes`;
  summary.className = `summary ${report.ok ? 'ok' : 'fail'}`;
  for (const d of report.diagnostics) {
    const li = el('li', `diagnostic ${d.severity}`);
    const head = el('div', 'head');
    head.append(el('span', 'severity', d.severity), el('code', 'code', d.code), el('span', 'rule', d.rule));
    li.append(head, el('p', 'message', d.message));
    li.append(el('p', 'path', d.path || '(template)'));
    const text = d.path ? resolvePath(parsed, d.path) : undefined;
    if (typeof text === 'string' && d.span) li.append(excerpt(text, d.span));
    if (d.help) li.append(el('p', 'help', d.help));
    list.append(li);
  }
}

/** DOM for the core's inline nodes; text goes in as text nodes only. */
function inline(nodes) {
  const frag = document.createDocumentFragment();
  for (const n of nodes) {
    if (n.type === 'text') frag.append(document.createTextNode(n.text));
    else if (n.type === 'break') frag.append(document.createElement('br'));
    else if (n.type === 'mono' || n.type === 'code') frag.append(el('code', n.type, n.text));
    else if (n.type === 'link') {
      const a = el('a', null, n.text);
      if (/^https?:\/\//i.test(n.href)) a.href = n.href;
      a.rel = 'noopener noreferrer';
      a.target = '_blank';
      frag.append(a);
    } else {
      const tag = { bold: 'strong', italic: 'em', strike: 's' }[n.type];
      const e = document.createElement(tag);
      e.append(inline(n.children));
      frag.append(e);
    }
  }
  return frag;
}

function blocks(list) {
  const frag = document.createDocumentFragment();
  let group = null;
  for (const b of list) {
    const kind = b.type === 'bullet' ? 'ul' : b.type === 'numbered' ? 'ol' : null;
    if (kind) {
      if (!group || group.tagName.toLowerCase() !== kind) {
        group = document.createElement(kind);
        if (kind === 'ol') group.start = b.number;
        frag.append(group);
      }
      const li = document.createElement('li');
      li.append(inline(b.children));
      group.append(li);
      continue;
    }
    group = null;
    const e = document.createElement(b.type === 'quote' ? 'blockquote' : 'p');
    if (b.children.length === 0) e.append(document.createElement('br'));
    e.append(inline(b.children));
    frag.append(e);
  }
  return frag;
}

function showPreview(template) {
  const box = $('preview');
  box.replaceChildren();
  let p;
  try {
    p = renderTemplate(template, {}, { useExamples: true });
  } catch {
    return;
  }
  const bubble = el('div', 'bubble');
  if (p.header) {
    const h = el('div', 'bubble-header');
    if (p.header.kind === 'text') h.append(blocks(p.header.blocks));
    else h.append(el('div', 'media', p.header.kind));
    bubble.append(h);
  }
  if (p.offer) bubble.append(el('div', 'offer', p.offer.text));
  if (p.body) {
    const b = el('div', 'bubble-body');
    b.append(blocks(p.body.blocks));
    bubble.append(b);
  }
  if (p.footer) bubble.append(el('div', 'bubble-footer', p.footer.plain));
  box.append(bubble);
  for (const i of p.layout.visible) box.append(el('div', 'bubble-button', p.buttons[i].text));
  if (p.layout.see_all_options) box.append(el('div', 'bubble-button', 'See all options'));
}

function showError(e) {
  list.replaceChildren(el('li', 'diagnostic error', `${e.code || 'ERROR'}: ${e.message}`));
  summary.textContent = 'not a template';
  summary.className = 'summary fail';
}

function check() {
  let parsed;
  try {
    parsed = JSON.parse(input.value);
  } catch {
    parsed = undefined;
  }
  try {
    show(validateTemplate(input.value, { lengthUnit: $('unit').value, policy: $('policy').value }), parsed);
  } catch (e) {
    showError(e);
  }
  if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) showPreview(parsed);
  else $('preview').replaceChildren();
}

let timer;
function schedule() {
  clearTimeout(timer);
  timer = setTimeout(check, 120);
}

await init();
$('version').textContent = `wa-preflight ${version()}`;
for (const name of Object.keys(SAMPLES)) $('sample').append(new Option(name, name));
$('sample').addEventListener('change', () => {
  input.value = JSON.stringify(SAMPLES[$('sample').value], null, 2);
  check();
});
input.addEventListener('input', schedule);
$('unit').addEventListener('change', check);
$('policy').addEventListener('change', check);
input.value = JSON.stringify(SAMPLES[Object.keys(SAMPLES)[0]], null, 2);
check();
