// The demo editor: a template as a form or as Graph API JSON, kept in sync; findings marked in
// the text; a preview from the core's bubble HTML; sample values; the predicted category; the
// cost of one send. User text only ever reaches the page through text nodes and .value.
import init, { validateTemplate, renderTemplate, quoteSend, placeholderKeys, version } from '../pkg/web/wa_preflight.js';
import { SAMPLES } from './samples.js';

const $ = (id) => document.getElementById(id);
const el = (tag, className, text) => {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
};
const BUTTON_TYPES = ['QUICK_REPLY', 'URL', 'PHONE_NUMBER', 'COPY_CODE', 'OTP'];

let template = structuredClone(SAMPLES[0].template);
let timer;

// ——— the template as a form ———

function component(type) {
  return (template.components || []).find((c) => String(c.type).toUpperCase() === type);
}

function ensureComponent(type, order) {
  let c = component(type);
  if (!c) {
    c = { type };
    template.components = template.components || [];
    const at = template.components.findIndex((x) => order.indexOf(String(x.type).toUpperCase()) > order.indexOf(type));
    if (at === -1) template.components.push(c);
    else template.components.splice(at, 0, c);
  }
  return c;
}

function removeComponent(type) {
  template.components = (template.components || []).filter((c) => String(c.type).toUpperCase() !== type);
}

const ORDER = ['HEADER', 'LIMITED_TIME_OFFER', 'BODY', 'FOOTER', 'BUTTONS', 'CAROUSEL'];

function formFromTemplate() {
  $('f-name').value = template.name ?? '';
  $('f-language').value = typeof template.language === 'string' ? template.language : '';
  $('f-category').value = String(template.category ?? 'UTILITY').toUpperCase();
  $('f-format').value = String(template.parameter_format ?? 'POSITIONAL').toUpperCase() === 'NAMED' ? 'NAMED' : 'POSITIONAL';
  const header = component('HEADER');
  $('f-header-format').value = header ? String(header.format ?? 'TEXT').toUpperCase() : '';
  $('f-header').value = header?.text ?? '';
  $('f-header').disabled = !header || String(header.format).toUpperCase() !== 'TEXT';
  $('f-body').value = component('BODY')?.text ?? '';
  $('f-footer').value = component('FOOTER')?.text ?? '';
  renderButtonRows();
}

function renderButtonRows() {
  const list = $('buttons');
  list.replaceChildren();
  const buttons = component('BUTTONS')?.buttons ?? [];
  buttons.forEach((b, i) => {
    const li = el('li', 'button-row');
    const type = el('select');
    type.id = `b-type-${i}`;
    type.setAttribute('aria-label', `Button ${i + 1} type`);
    for (const t of BUTTON_TYPES) type.append(new Option(t, t));
    type.value = String(b.type).toUpperCase();
    const text = el('input');
    text.id = `b-text-${i}`;
    text.setAttribute('aria-label', `Button ${i + 1} label`);
    text.value = b.text ?? '';
    const value = el('input');
    value.id = `b-value-${i}`;
    value.setAttribute('aria-label', `Button ${i + 1} URL, number or code`);
    value.value = b.url ?? b.phone_number ?? (typeof b.example === 'string' ? b.example : '') ?? '';
    value.placeholder = 'URL, phone number or code';
    const remove = el('button', 'remove', 'Remove');
    remove.type = 'button';
    remove.setAttribute('aria-label', `Remove button ${i + 1}`);
    type.addEventListener('change', () => {
      buttons[i] = { type: type.value, ...(type.value === 'COPY_CODE' || type.value === 'OTP' ? {} : { text: text.value }) };
      if (type.value === 'OTP') buttons[i].otp_type = 'COPY_CODE';
      formChanged();
      renderButtonRows();
    });
    text.addEventListener('input', () => {
      b.text = text.value;
      formChanged();
    });
    value.addEventListener('input', () => {
      const t = String(b.type).toUpperCase();
      if (t === 'URL') b.url = value.value;
      else if (t === 'PHONE_NUMBER') b.phone_number = value.value;
      else if (t === 'COPY_CODE') b.example = value.value;
      formChanged();
    });
    remove.addEventListener('click', () => {
      buttons.splice(i, 1);
      if (buttons.length === 0) removeComponent('BUTTONS');
      formChanged();
      renderButtonRows();
    });
    li.append(type, text, value, remove);
    list.append(li);
  });
}

function templateFromForm() {
  template.name = $('f-name').value;
  template.language = $('f-language').value;
  template.category = $('f-category').value;
  if ($('f-format').value === 'NAMED') template.parameter_format = 'NAMED';
  else delete template.parameter_format;
  const format = $('f-header-format').value;
  if (!format) removeComponent('HEADER');
  else {
    const h = ensureComponent('HEADER', ORDER);
    h.format = format;
    if (format === 'TEXT') h.text = $('f-header').value;
    else delete h.text;
  }
  const body = $('f-body').value;
  if (template.category === 'AUTHENTICATION' && !body) {
    const b = component('BODY');
    if (b) delete b.text;
  } else {
    ensureComponent('BODY', ORDER).text = body;
  }
  const footer = $('f-footer').value;
  if (footer) ensureComponent('FOOTER', ORDER).text = footer;
  else if (component('FOOTER') && !component('FOOTER').code_expiration_minutes) removeComponent('FOOTER');
}

// ——— sample values: the placeholders of header, body and URL buttons, written as examples ———

/** The keys a text takes values for, as the core's rules read its placeholders. */
const keysOf = (text) => (typeof text === 'string' ? placeholderKeys(text) : []);

function exampleValue(c, field, key, index) {
  const ex = c.example || {};
  if (/^\d+$/.test(key)) {
    const row = field === 'header_text' ? ex.header_text : ex.body_text?.[0];
    return row?.[Number(key) - 1] ?? row?.[index] ?? '';
  }
  return (ex[`${field}_named_params`] || []).find((p) => p.param_name === key)?.example ?? '';
}

function setExample(c, field, keys, key, value) {
  c.example = c.example || {};
  if (/^\d+$/.test(key)) {
    const current = keys.map((k) => exampleValue(c, field, k, keys.indexOf(k)));
    current[keys.indexOf(key)] = value;
    if (field === 'header_text') c.example.header_text = current;
    else c.example.body_text = [current];
  } else {
    const list = keys.map((k) => ({ param_name: k, example: k === key ? value : exampleValue(c, field, k) }));
    c.example[`${field}_named_params`] = list;
  }
}

function renderParams() {
  const box = $('params');
  box.replaceChildren();
  const groups = [
    ['Header', component('HEADER'), 'header_text'],
    ['Body', component('BODY'), 'body_text'],
  ];
  let n = 0;
  for (const [label, c, field] of groups) {
    if (!c || typeof c.text !== 'string') continue;
    const keys = keysOf(c.text);
    keys.forEach((key, i) => {
      const id = `p-${field}-${key}`;
      const row = el('div', 'row');
      const lab = el('label', null, `${label} {{${key}}}`);
      lab.htmlFor = id;
      const input = el('input');
      input.id = id;
      input.value = exampleValue(c, field, key, i);
      input.addEventListener('input', () => {
        setExample(c, field, keys, key, input.value);
        refresh('params');
      });
      row.append(lab, input);
      box.append(row);
      n++;
    });
  }
  (component('BUTTONS')?.buttons ?? []).forEach((b, i) => {
    if (String(b.type).toUpperCase() !== 'URL' || keysOf(b.url).length === 0) return;
    const id = `p-button-${i}`;
    const row = el('div', 'row');
    const lab = el('label', null, `Button ${i + 1} URL suffix`);
    lab.htmlFor = id;
    const input = el('input');
    input.id = id;
    const prefix = String(b.url).split('{{')[0];
    const sample = Array.isArray(b.example) ? String(b.example[0] ?? '') : '';
    input.value = sample.startsWith(prefix) ? sample.slice(prefix.length) : sample;
    input.addEventListener('input', () => {
      b.example = [prefix + input.value];
      refresh('params');
    });
    row.append(lab, input);
    box.append(row);
    n++;
  });
  if (n === 0) box.append(el('p', 'note', 'No placeholders.'));
}

// ——— findings ———

function bodyPath() {
  const i = (template.components || []).findIndex((c) => String(c.type).toUpperCase() === 'BODY');
  return i === -1 ? null : `components[${i}].text`;
}

function markBody(diagnostics) {
  const box = $('body-marks');
  box.replaceChildren();
  const text = component('BODY')?.text;
  if (typeof text !== 'string' || !text) return;
  const path = bodyPath();
  const spans = diagnostics.filter((d) => d.path === path && d.span).map((d) => ({ ...d.span, severity: d.severity, title: `${d.code} ${d.message}` }));
  spans.sort((a, b) => a.start - b.start);
  let at = 0;
  for (const s of spans) {
    if (s.start < at) continue;
    box.append(document.createTextNode(text.slice(at, s.start)));
    const mark = el('mark', s.severity, text.slice(s.start, s.end) || ' ');
    mark.title = s.title;
    box.append(mark);
    at = s.end;
  }
  box.append(document.createTextNode(text.slice(at)));
}

function showFindings(report) {
  const count = (s) => report.diagnostics.filter((d) => d.severity === s).length;
  $('summary').textContent = report.ok
    ? `Ready to submit · ${count('warning')} warnings · ${count('info')} notes`
    : `${count('error')} errors · ${count('warning')} warnings · ${count('info')} notes`;
  $('summary').className = `summary ${report.ok ? 'ok' : 'fail'}`;
  const cat = $('category');
  cat.replaceChildren();
  const c = report.category;
  const head = el('p');
  // What Meta gives: the content's category, unless the declared one decides (Meta keeps a
  // MARKETING template MARKETING, and rejects codes outside AUTHENTICATION): the core's outcome.
  const percent = `${Math.round(c.confidence * 100)} %`;
  if (c.outcome && c.outcome.action === 'rejected') {
    head.append(el('strong', null, `Meta will most likely reject it as ${c.declared}`));
  } else if (c.outcome && c.outcome.category !== c.predicted) {
    head.append(el('strong', null, `Meta will most likely say: ${c.outcome.category}`), document.createTextNode(` (the content reads as ${c.predicted})`));
  } else if (c.band === 'uncertain') {
    head.append(el('strong', null, 'Meta may go either way: here is why'), document.createTextNode(` (leaning ${c.predicted}, ${percent})`));
  } else {
    head.append(el('strong', null, `Meta will most likely say: ${c.predicted}`), document.createTextNode(` (${percent})`));
  }
  if (c.legacy_type) head.append(document.createTextNode(` · before 2023: ${c.legacy_type}`));
  cat.append(head);
  if (c.outcome && c.outcome.action !== 'approved') cat.append(el('p', 'mismatch', `Declared ${c.declared}: ${c.outcome.note}`));
  else if (c.outcome && c.outcome.category !== c.predicted) cat.append(el('p', 'note', `Declared ${c.declared}: ${c.outcome.note}`));
  const checklist = el('ul', 'checklist');
  for (const line of c.checklist) {
    const li = el('li', line.met ? 'met' : 'unmet');
    li.append(el('span', 'principle', `${line.met ? '✓' : '–'} ${line.principle}: `), document.createTextNode(line.note));
    checklist.append(li);
  }
  cat.append(checklist);
  const reasons = el('ul', 'reasons');
  const seen = new Set();
  for (const r of c.reasons) {
    const key = `${r.signal}:${r.text}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const li = el('li', `chip ${r.category.toLowerCase()}`, `${r.principle} · ${r.signal}: ${r.text}`);
    li.title = r.clause;
    reasons.append(li);
  }
  cat.append(reasons);
  const list = $('diagnostics');
  list.replaceChildren();
  for (const d of report.diagnostics) {
    const li = el('li', `diagnostic ${d.severity}`);
    const head2 = el('div', 'head');
    head2.append(el('span', 'severity', d.severity), el('code', 'code', d.code), el('span', 'rule', d.rule));
    li.append(head2, el('p', 'message', d.message), el('p', 'path', d.path || '(template)'));
    if (d.help) li.append(el('p', 'help', d.help));
    list.append(li);
  }
  markBody(report.diagnostics);
}

// ——— preview: the core's bubble HTML ———

/**
 * The core writes the bubble as one HTML fragment with every user character escaped
 * (render.rs); it is parsed into an inert document (DOMParser runs no script and loads
 * nothing) and its nodes moved into the page, so no user text is ever assigned as HTML.
 */
function showPreview() {
  const box = $('preview');
  let p;
  try {
    p = renderTemplate(template, {}, { useExamples: true, html: true });
  } catch (e) {
    box.replaceChildren(el('p', 'note', e.message));
    return;
  }
  const doc = new DOMParser().parseFromString(p.html, 'text/html');
  const bubble = doc.body.firstElementChild;
  bubble.setAttribute('aria-label', 'Message preview');
  box.replaceChildren(document.adoptNode(bubble));
}

// ——— cost ———

/** Today's date (UTC), the cost panel's default: the page reads the clock, the core never does. */
const today = () => new Date().toISOString().slice(0, 10);

/**
 * The cost of sending this template once, as the core quotes it (quoteSend): the category Meta
 * will bill it at (its outcome for the declared category, or the content's) and that price.
 */
function showCost() {
  const out = $('cost');
  out.replaceChildren();
  const date = $('c-date').value || today();
  // The window checkbox: the customer wrote an hour before the send.
  const state = $('c-window').checked ? { last_inbound_at: `${date}T09:00:00Z` } : null;
  let q;
  try {
    q = quoteSend(template, { to: $('c-number').value, at: `${date}T10:00:00Z`, state });
  } catch (e) {
    out.append(el('span', 'fail', e.message));
    return;
  }
  const describe = (b) => (!b.billable ? `free (${b.type})`
    : b.rate === null ? `billed, rate not in the data (${b.reason ?? b.pricing_model})`
      : `${b.rate.toFixed(4)} ${b.currency} (${b.pricing_model}, ${b.card})`);
  const first = q.as_declared ?? q.billing;
  const named = q.declared ?? `no category (the content reads as ${q.category})`;
  out.append(el('span', null, `${first.market ?? 'market unknown'}: ${named} ${describe(first)}`));
  if (q.outcome && q.outcome.action === 'approved_as_marketing') {
    out.append(el('br'), el('span', 'mismatch', `Meta will approve it as ${q.category} and bill it so: ${describe(q.billing)}`));
  } else if (q.outcome && q.outcome.action === 'rejected') {
    out.append(el('br'), el('span', 'mismatch', 'Meta will reject it in this category: nothing to bill'));
  }
  // What the price depends on that the data cannot vouch for (a date past the newest card…).
  const notices = new Set([...first.notices, ...(q.billing?.notices ?? [])].map((n) => n.message));
  for (const n of notices) out.append(el('br'), el('span', 'notice', `ⓘ ${n}`));
}

// ——— wiring ———

function refresh(source) {
  if (source !== 'json') $('json').value = JSON.stringify(template, null, 2);
  if (source !== 'params') renderParams();
  let report;
  try {
    report = validateTemplate(template, { policy: $('policy').value });
  } catch (e) {
    $('summary').textContent = `${e.code || 'ERROR'}: ${e.message}`;
    $('summary').className = 'summary fail';
    return;
  }
  showFindings(report);
  showPreview();
  showCost();
}

function schedule(fn) {
  clearTimeout(timer);
  timer = setTimeout(fn, 60);
}

function formChanged() {
  templateFromForm();
  schedule(() => refresh('form'));
}

function jsonChanged() {
  schedule(() => {
    let parsed;
    try {
      parsed = JSON.parse($('json').value);
    } catch (e) {
      $('summary').textContent = `The JSON does not parse: ${e.message}`;
      $('summary').className = 'summary fail';
      return;
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
      $('summary').textContent = 'The JSON must be one template object';
      $('summary').className = 'summary fail';
      return;
    }
    template = parsed;
    formFromTemplate();
    refresh('json');
  });
}

function showTab(json) {
  $('tab-form').setAttribute('aria-pressed', String(!json));
  $('tab-json').setAttribute('aria-pressed', String(json));
  $('form').hidden = json;
  $('json-pane').hidden = !json;
}

function loadSample(i) {
  template = structuredClone(SAMPLES[i].template);
  formFromTemplate();
  refresh('sample');
}

await init();
$('c-date').value = today();
$('version').textContent = `wa-preflight ${version()}`;
SAMPLES.forEach((s, i) => $('sample').append(new Option(s.label, String(i))));
$('sample').addEventListener('change', () => loadSample(Number($('sample').value)));
for (const id of ['f-name', 'f-language', 'f-header', 'f-body', 'f-footer']) $(id).addEventListener('input', formChanged);
for (const id of ['f-category', 'f-format', 'f-header-format']) {
  $(id).addEventListener('change', () => {
    templateFromForm();
    formFromTemplate();
    refresh('form');
  });
}
$('add-button').addEventListener('click', () => {
  const c = ensureComponent('BUTTONS', ORDER);
  c.buttons = c.buttons || [];
  c.buttons.push({ type: 'QUICK_REPLY', text: 'Reply' });
  renderButtonRows();
  refresh('form');
  $(`b-text-${c.buttons.length - 1}`).focus();
});
$('json').addEventListener('input', jsonChanged);
$('tab-form').addEventListener('click', () => showTab(false));
$('tab-json').addEventListener('click', () => showTab(true));
$('policy').addEventListener('change', () => refresh('policy'));
for (const id of ['c-number', 'c-date', 'c-window']) $(id).addEventListener('input', () => refresh('params'));
loadSample(0);
document.body.dataset.ready = 'true';

// Work offline once loaded: the page and the package are cached by a service worker.
if ('serviceWorker' in navigator && location.protocol !== 'file:') {
  navigator.serviceWorker.register('sw.js').catch(() => {});
}
