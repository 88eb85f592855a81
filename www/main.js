// The demo editor: a template as a form or as Graph API JSON, kept in sync; findings marked in
// the text; a preview from the core's bubble HTML; sample values; the predicted category; the
// cost of one send. User text only ever reaches the page through text nodes and .value.
import init, { validateTemplate, renderTemplate, quoteSend, placeholderKeys, parseDocument, version } from '../pkg/web/wa_preflight.js';
import { SAMPLES } from './samples.js';

const $ = (id) => document.getElementById(id);
const el = (tag, className, text) => {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
};
const BUTTON_TYPES = ['QUICK_REPLY', 'URL', 'PHONE_NUMBER', 'COPY_CODE', 'OTP'];
const upper = (v) => String(v ?? '').toUpperCase();

let template = structuredClone(SAMPLES[0].template);
let timer;
/** The components set aside when the form turns a template into an authentication one. */
let setAside = null;
/** The templates of a pasted list response, while the picker offers them. */
let listed = [];

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

const isAuth = () => upper(template.category) === 'AUTHENTICATION';

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
  // Authentication: Meta writes the body, footer and button text; the form sets its options.
  $('auth').hidden = !isAuth();
  $('content-fields').hidden = isAuth();
  $('a-security').checked = component('BODY')?.add_security_recommendation === true;
  $('a-expiry').value = component('FOOTER')?.code_expiration_minutes ?? '';
  const otp = (component('BUTTONS')?.buttons ?? []).find((b) => upper(b.type) === 'OTP');
  $('a-otp').value = ['COPY_CODE', 'ONE_TAP', 'ZERO_TAP'].includes(upper(otp?.otp_type)) ? upper(otp.otp_type) : 'COPY_CODE';
  renderButtonRows();
}

/** The authentication options of the form written into the template: BODY, FOOTER, OTP button. */
function authFromForm() {
  removeComponent('HEADER');
  const body = ensureComponent('BODY', ORDER);
  delete body.text;
  delete body.example;
  if ($('a-security').checked) body.add_security_recommendation = true;
  else delete body.add_security_recommendation;
  const minutes = $('a-expiry').value.trim();
  if (minutes) {
    const footer = ensureComponent('FOOTER', ORDER);
    delete footer.text;
    footer.code_expiration_minutes = Number(minutes);
  } else {
    removeComponent('FOOTER');
  }
  const buttons = ensureComponent('BUTTONS', ORDER);
  const otp = (buttons.buttons ?? []).find((b) => upper(b.type) === 'OTP');
  if (otp) otp.otp_type = $('a-otp').value;
  else buttons.buttons = [{ type: 'OTP', otp_type: $('a-otp').value }];
}

/**
 * Switching to or from AUTHENTICATION in the form: the written body, header, footer and buttons
 * are set aside (Meta writes an authentication template's text) and come back on the way out.
 */
function categoryChanged(from, to) {
  if (to === 'AUTHENTICATION' && from !== 'AUTHENTICATION') {
    setAside = structuredClone(template.components ?? []);
    template.components = [];
  } else if (from === 'AUTHENTICATION' && to !== 'AUTHENTICATION' && setAside) {
    template.components = setAside;
    setAside = null;
    return true;
  }
  return false;
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
    remove.id = `b-remove-${i}`;
    remove.type = 'button';
    remove.setAttribute('aria-label', `Remove button ${i + 1}`);
    type.addEventListener('change', () => {
      buttons[i] = { type: type.value, ...(type.value === 'COPY_CODE' || type.value === 'OTP' ? {} : { text: text.value }) };
      if (type.value === 'OTP') buttons[i].otp_type = 'COPY_CODE';
      formChanged();
      renderButtonRows();
      // The rows are rebuilt: keep the focus on this row's type.
      $(`b-type-${i}`).focus();
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
      // Focus moves to the row that took this one's place, else the one before, else "Add".
      ($(`b-remove-${i}`) ?? $(`b-remove-${i - 1}`) ?? $('add-button')).focus();
      $('mark-note').textContent = `Button ${i + 1} removed`;
    });
    li.append(type, text, value, remove);
    list.append(li);
  });
}

function templateFromForm() {
  template.name = $('f-name').value;
  template.language = $('f-language').value;
  const restored = categoryChanged(upper(template.category), $('f-category').value);
  template.category = $('f-category').value;
  // The written components are back as they were: the form is filled from them next.
  if (restored) return;
  if ($('f-format').value === 'NAMED') template.parameter_format = 'NAMED';
  else delete template.parameter_format;
  if (isAuth()) {
    authFromForm();
    return;
  }
  const format = $('f-header-format').value;
  if (!format) removeComponent('HEADER');
  else {
    const h = ensureComponent('HEADER', ORDER);
    h.format = format;
    if (format === 'TEXT') {
      h.text = $('f-header').value;
      alignExamples(h, 'header_text');
    } else delete h.text;
  }
  const b = ensureComponent('BODY', ORDER);
  b.text = $('f-body').value;
  alignExamples(b, 'body_text');
  const footer = $('f-footer').value;
  if (footer) ensureComponent('FOOTER', ORDER).text = footer;
  else if (component('FOOTER') && !component('FOOTER').code_expiration_minutes) removeComponent('FOOTER');
}

// ——— sample values: the placeholders of header, body and URL buttons, written as examples ———

/** The keys a text takes values for, as the core's rules read its placeholders. */
const keysOf = (text) => (typeof text === 'string' ? placeholderKeys(text) : []);
const isPositional = (key) => /^\d+$/.test(key);

/**
 * The samples follow the text: after an edit, a component keeps one sample per placeholder the
 * core reads in it (by number or by name, values kept), so its example never describes an
 * older text.
 */
function alignExamples(c, field) {
  if (!c.example || typeof c.example !== 'object' || typeof c.text !== 'string') return;
  const keys = keysOf(c.text);
  const positional = keys.filter(isPositional);
  const named = keys.filter((k) => !isPositional(k));
  const row = field === 'header_text' ? c.example.header_text : c.example.body_text?.[0];
  if (Array.isArray(row) || positional.length) {
    const values = positional.map((k, i) => (Array.isArray(row) ? row[Number(k) - 1] ?? row[i] ?? '' : ''));
    if (!positional.length) delete c.example[field];
    else c.example[field] = field === 'header_text' ? values : [values];
  }
  const namedField = `${field}_named_params`;
  const list = c.example[namedField];
  if (Array.isArray(list) || named.length) {
    const kept = named.map((k) => (Array.isArray(list) && list.find((p) => p?.param_name === k)) || { param_name: k, example: '' });
    if (!named.length) delete c.example[namedField];
    else c.example[namedField] = kept;
  }
  if (Object.keys(c.example).length === 0) delete c.example;
}

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

/** The component lists that take sample values: the template's, then each carousel card's. */
function paramGroups() {
  const groups = [{ label: '', id: '', components: template.components || [] }];
  const cards = (template.components || []).find((c) => upper(c.type) === 'CAROUSEL')?.cards;
  (Array.isArray(cards) ? cards : []).forEach((card, i) => {
    groups.push({ label: `Card ${i + 1} · `, id: `c${i}-`, components: Array.isArray(card?.components) ? card.components : [] });
  });
  return groups;
}

function renderParams() {
  const box = $('params');
  box.replaceChildren();
  let n = 0;
  for (const group of paramGroups()) n += groupParams(box, group);
  if (n === 0) box.append(el('p', 'note', 'No placeholders.'));
}

/** The sample inputs of one component list (the template's or a card's); returns their count. */
function groupParams(box, { label: lead, id: gid, components }) {
  const find = (type) => components.find((c) => upper(c?.type) === type);
  const groups = [
    ['Header', find('HEADER'), 'header_text'],
    ['Body', find('BODY'), 'body_text'],
  ];
  let n = 0;
  for (const [label, c, field] of groups) {
    if (!c || typeof c.text !== 'string') continue;
    const keys = keysOf(c.text);
    keys.forEach((key, i) => {
      const id = `p-${gid}${field}-${key}`;
      const row = el('div', 'row');
      const lab = el('label', null, `${lead}${label} {{${key}}}`);
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
  (find('BUTTONS')?.buttons ?? []).forEach((b, i) => {
    if (upper(b?.type) !== 'URL' || keysOf(b.url).length === 0) return;
    const id = `p-${gid}button-${i}`;
    const row = el('div', 'row');
    const lab = el('label', null, `${lead}Button ${i + 1} URL suffix`);
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
  return n;
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
  const spans = diagnostics
    .map((d, k) => ({ d, k }))
    .filter(({ d }) => d.path === path && d.span)
    .map(({ d, k }) => ({ ...d.span, severity: d.severity, title: `${d.code} ${d.message}`, k }));
  spans.sort((a, b) => a.start - b.start);
  let at = 0;
  for (const s of spans) {
    if (s.start < at) continue;
    box.append(document.createTextNode(text.slice(at, s.start)));
    const mark = el('mark', s.severity, text.slice(s.start, s.end) || ' ');
    mark.title = s.title;
    // Reachable without a mouse: Tab focuses the span, which names its finding (described by
    // the finding's list item for screen readers, written out below the text for everyone).
    mark.id = `mark-${s.k}`;
    mark.tabIndex = 0;
    mark.setAttribute('aria-describedby', `diag-${s.k}`);
    mark.addEventListener('focus', () => { $('mark-note').textContent = s.title; });
    box.append(mark);
    at = s.end;
  }
  box.append(document.createTextNode(text.slice(at)));
}

function showFindings(report) {
  const count = (s, word) => {
    const n = report.diagnostics.filter((d) => d.severity === s).length;
    return `${n} ${word}${n === 1 ? '' : 's'}`;
  };
  $('summary').textContent = report.ok
    ? `Ready to submit · ${count('warning', 'warning')} · ${count('info', 'note')}`
    : `${count('error', 'error')} · ${count('warning', 'warning')} · ${count('info', 'note')}`;
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
  for (const [k, d] of report.diagnostics.entries()) {
    const li = el('li', `diagnostic ${d.severity}`);
    li.id = `diag-${k}`;
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
  const bubble = document.adoptNode(coreHtml(p.html).firstElementChild);
  bubble.setAttribute('aria-label', 'Message preview');
  // An offer that expires: WhatsApp shows its end, which each send gives.
  if (p.offer?.has_expiration) bubble.querySelector('.wa-offer')?.append(el('div', 'wa-expiry', 'Offer ends at the time the send gives'));
  if (p.cards.length) bubble.append(cardsOf(p.cards));
  box.replaceChildren(bubble);
}

/** The core's escaped HTML (render.rs, markup/output.rs) as inert nodes. */
const coreHtml = (html) => new DOMParser().parseFromString(html, 'text/html').body;
const nodesOf = (html) => [...document.adoptNode(coreHtml(html)).childNodes];

/**
 * A carousel's cards, laid out from the core's `cards` (header kind, the body's HTML, the
 * buttons' labels): they scroll sideways under the bubble, as in WhatsApp, and the keyboard can
 * scroll them too.
 */
function cardsOf(cards) {
  const row = el('div', 'wa-cards');
  row.tabIndex = 0;
  row.setAttribute('role', 'group');
  row.setAttribute('aria-label', 'Carousel cards');
  for (const c of cards) {
    const card = el('div', 'wa-card');
    if (c.header?.html) {
      const header = el('div', 'wa-header');
      header.append(...nodesOf(c.header.html));
      card.append(header);
    } else if (c.header) {
      const media = el('div', 'wa-header wa-media');
      media.dataset.kind = c.header.kind;
      card.append(media);
    }
    if (c.body) {
      const body = el('div', 'wa-body');
      body.append(...nodesOf(c.body.html));
      card.append(body);
    }
    for (const b of c.buttons) {
      const button = el('div', 'wa-button', b.text);
      button.dataset.kind = b.kind;
      card.append(button);
    }
    row.append(card);
  }
  return row;
}

// ——— cost ———

/** Today's date where the user is, the cost panel's default: the page reads the clock, the
 *  core never does. */
const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

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

// ——— stale results ———

/** While the input cannot be read, nothing from an older template stays on the page. */
function clearResults(message) {
  $('summary').textContent = message;
  $('summary').className = 'summary fail';
  $('category').replaceChildren();
  $('diagnostics').replaceChildren();
  $('body-marks').replaceChildren();
  $('mark-note').textContent = '';
  $('preview').replaceChildren(el('p', 'note stale-note', 'No preview until the template can be read.'));
  $('cost').replaceChildren(el('span', 'note', 'No cost until the template can be read.'));
  $('params').replaceChildren(el('p', 'note', 'No sample values until the template can be read.'));
}

// ——— a pasted list response: the core splits it, the picker offers its templates ———

const describeItem = (t, i) => `${i + 1}. ${typeof t?.name === 'string' ? t.name : '(no name)'} (${typeof t?.language === 'string' ? t.language : t?.language?.code ?? '?'})`;

function offerList(items) {
  listed = items;
  const pick = $('pick');
  pick.replaceChildren(...items.map((t, i) => new Option(describeItem(t, i), String(i))));
  $('pick-label').textContent = `This JSON is a list of ${items.length} template${items.length === 1 ? '' : 's'}: choose one`;
  $('picker').hidden = false;
}

function pickListed(i) {
  template = structuredClone(listed[i]);
  formFromTemplate();
  refresh('pick');
}

// ——— wiring ———

function refresh(source) {
  if (source !== 'json') $('json').value = JSON.stringify(template, null, 2);
  if (source !== 'params') renderParams();
  let report;
  try {
    report = validateTemplate(template, { policy: $('policy').value });
  } catch (e) {
    clearResults(`${e.code || 'ERROR'}: ${e.message}`);
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
    const text = $('json').value;
    let parsed;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      clearResults(`The JSON does not parse: ${e.message}`);
      return;
    }
    if (Array.isArray(parsed) || (parsed && typeof parsed === 'object' && Array.isArray(parsed.data))) {
      // A list (an array, or a Graph API list response): its templates, as the core reads them.
      const items = parseDocument(text).filter((t) => t && typeof t === 'object' && !Array.isArray(t));
      if (items.length === 0) {
        clearResults('The list holds no template');
        return;
      }
      offerList(items);
      template = structuredClone(items[0]);
      formFromTemplate();
      refresh('json');
      return;
    }
    $('picker').hidden = true;
    if (!parsed || typeof parsed !== 'object') {
      clearResults('The JSON must be one template object, or a list of templates');
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
  setAside = null;
  $('picker').hidden = true;
  template = structuredClone(SAMPLES[i].template);
  formFromTemplate();
  refresh('sample');
}

await init();
$('c-date').value = today();
$('version').textContent = `wa-preflight ${version()}`;
SAMPLES.forEach((s, i) => $('sample').append(new Option(s.label, String(i))));
$('sample').addEventListener('change', () => loadSample(Number($('sample').value)));
for (const id of ['f-name', 'f-language', 'f-header', 'f-body', 'f-footer', 'a-expiry']) $(id).addEventListener('input', formChanged);
for (const id of ['a-security', 'a-otp']) $(id).addEventListener('change', formChanged);
$('pick').addEventListener('change', () => pickListed(Number($('pick').value)));
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
