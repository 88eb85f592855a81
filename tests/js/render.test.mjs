// renderTemplate and renderMarkup on the built package, including hostile input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { renderTemplate, renderMarkup, placeholderKeys, validateTemplate } from 'wa-preflight';

const fixture = (name) => JSON.parse(readFileSync(new URL(`../fixtures/render/${name}.json`, import.meta.url), 'utf8'));

/** Every tag in `html` is one the renderer writes, with only the attributes it writes. */
function assertSafeHtml(html, context) {
  const allowed = new Set(['p', 'br', 'strong', 'em', 's', 'code', 'ul', 'ol', 'li', 'blockquote', 'a']);
  const tags = [...html.matchAll(/<(\/?)([a-zA-Z][a-zA-Z0-9]*)([^>]*)>/g)];
  for (const [, , name, attrs] of tags) {
    assert.ok(allowed.has(name.toLowerCase()), `${context}: tag <${name}> in ${html}`);
    // Attributes are name="value" pairs whose values hold no raw quote.
    assert.match(attrs, /^(\s+[a-z-]+="[^"<>]*")*$/, `${context}: attributes ${attrs} in ${html}`);
    const names = [...attrs.matchAll(/\s([a-z-]+)="/g)].map((m) => m[1]);
    for (const a of names) assert.ok(['href', 'rel', 'target', 'class', 'start'].includes(a), `${context}: attribute ${a} in ${html}`);
    const href = /href="([^"]*)"/.exec(attrs);
    if (href) assert.match(href[1], /^https?:\/\//i, `${context}: href ${href[1]}`);
  }
  // Every '<' opens one of those tags: user text cannot open markup.
  assert.equal((html.match(/</g) || []).length, tags.length, `${context}: stray '<' in ${html}`);
  assert.doesNotMatch(html.replace(/<[^>]*>/g, ''), /[<>"']/, `${context}: unescaped character in text of ${html}`);
}

const HOSTILE = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "' onmouseover='alert(1)",
  'javascript:alert(document.cookie)',
  '<a href="javascript:alert(1)">x</a>',
  '*<b>bold</b>*',
  '_<svg onload=alert(1)>_',
  '```</code><script>x</script>```',
  '`<iframe src=//evil>`',
  '> <style>body{display:none}</style>',
  '- <form action=//evil><input name=p></form>',
  'https://example.com/"onmouseover="alert(1)',
  'https://example.com/<script>',
  'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  '&lt;script&gt; already escaped &amp; again',
  '\u0000<script>\u0000',
  '~<details open ontoggle=alert(1)>~',
];

test('renderMarkup html escapes every hostile input', () => {
  for (const input of HOSTILE) {
    const html = renderMarkup(input);
    assertSafeHtml(html, input);
    assert.doesNotMatch(html, /<script|<img|<svg|<iframe|href="javascript/i, input);
  }
});

test('renderTemplate escapes hostile parameters in every part of the bubble', () => {
  const template = {
    name: 'x', language: 'en', category: 'UTILITY',
    components: [
      { type: 'HEADER', format: 'TEXT', text: 'Hi {{1}}' },
      { type: 'BODY', text: 'Dear {{1}}, *{{2}}* _{{3}}_ ~{{4}}~ ```{{5}}``` and {{6}} end.' },
    ],
  };
  for (const bad of HOSTILE) {
    const p = renderTemplate(template, { header: [bad], body: [bad, bad, bad, bad, bad, bad] });
    assertSafeHtml(p.header.html, `header ${bad}`);
    assertSafeHtml(p.body.html, `body ${bad}`);
  }
});

test('renderTemplate with html: the whole bubble as one escaped fragment', () => {
  const template = {
    name: 'x', language: 'en', category: 'MARKETING',
    components: [
      { type: 'HEADER', format: 'IMAGE' },
      { type: 'BODY', text: 'Dear {{1}}, *{{2}}*' },
      { type: 'FOOTER', text: 'Reply STOP' },
      { type: 'BUTTONS', buttons: [{ type: 'COPY_CODE', example: 'SAVE10' }, { type: 'QUICK_REPLY', text: 'a' }, { type: 'QUICK_REPLY', text: 'b' }, { type: 'QUICK_REPLY', text: 'c' }] },
    ],
  };
  assert.equal(renderTemplate(template, { body: ['A', 'B'] }).html, undefined, 'only on request');
  for (const bad of HOSTILE) {
    const p = renderTemplate(template, { body: [bad, bad], buttons: { 0: bad } }, { html: true });
    // The fragment holds the texts' HTML as the core writes them, and nothing of the user's raw.
    assert.ok(p.html.includes(`<div class="wa-body">${p.body.html}</div>`), p.html);
    assert.ok(p.html.startsWith('<div class="wa-bubble">') && p.html.endsWith('</div>'));
    const tags = [...p.html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9]*)/g)].map((m) => m[1]);
    for (const t of tags) assert.ok(['div', 'span', 'p', 'br', 'strong', 'em', 's', 'code', 'ul', 'ol', 'li', 'blockquote', 'a'].includes(t), `<${t}> in ${p.html}`);
    assertSafeHtml(p.body.html, `body ${bad}`);
  }
  const p = renderTemplate(template, { body: ['Ana', '<b>'] }, { html: true, useExamples: true });
  assert.match(p.html, /<div class="wa-header wa-media" data-kind="image"><\/div>/);
  assert.match(p.html, /<div class="wa-button" data-kind="copy_code">Copy offer code <span class="wa-code">SAVE10<\/span><\/div>/);
  // Four buttons: the first two show, then "See all options".
  assert.equal(p.html.match(/class="wa-button/g).length, 3);
  assert.match(p.html, /See all options<\/div>\n<\/div>$/);
  assert.match(p.html, /&lt;b&gt;/);
});

test('renderMarkup formats like WhatsApp', () => {
  const cases = [
    ['*bold* _it_ ~st~', '<p><strong>bold</strong> <em>it</em> <s>st</s></p>'],
    ['snake_case_word and 2*3*4', '<p>snake_case_word and 2*3*4</p>'],
    ['*_both_*', '<p><strong><em>both</em></strong></p>'],
    ['```*raw*```', '<p><code class="wa-mono">*raw*</code></p>'],
    ['`inline`', '<p><code>inline</code></p>'],
    ['*not\nbold*', '<p>*not<br>bold*</p>'],
    ['- uno\n- due', '<ul><li>uno</li><li>due</li></ul>'],
    ['2. due\n3. tre', '<ol start="2"><li>due</li><li>tre</li></ol>'],
    ['> citazione', '<blockquote>citazione</blockquote>'],
    ['*Olá* _ação_ 🎉', '<p><strong>Olá</strong> <em>ação</em> 🎉</p>'],
    ['*Привет*', '<p><strong>Привет</strong></p>'],
    ['see https://a.example/x.', '<p>see <a href="https://a.example/x" rel="noopener noreferrer" target="_blank">https://a.example/x</a>.</p>'],
  ];
  for (const [input, html] of cases) assert.equal(renderMarkup(input, 'html'), html, input);
  assert.equal(renderMarkup('see https://a.example/x', 'html', { linksAsText: true }), '<p>see https://a.example/x</p>');
  assert.equal(renderMarkup('*Ciao* _Maria_\n> citazione', 'text'), 'Ciao Maria\ncitazione');
  assert.deepEqual(renderMarkup('*a*', 'nodes'), [{ type: 'paragraph', children: [{ type: 'bold', children: [{ type: 'text', text: 'a' }] }] }]);
  assert.throws(() => renderMarkup(42), (e) => e.code === 'INVALID_ARGUMENT');
  assert.throws(() => renderMarkup('x', 'pdf'), (e) => e.code === 'INVALID_ARGUMENT');
});

test('renderTemplate: a realistic Italian bubble', () => {
  const { template, params } = fixture('it_order_shipped');
  const p = renderTemplate(template, params);
  assert.equal(p.header.kind, 'text');
  assert.equal(p.header.plain, 'Ordine IT-20931 spedito');
  assert.match(p.body.html, /<strong>Riepilogo<\/strong><\/p><ul><li>Articoli: 3 &quot; onmouseover=&quot;alert\(1\)<\/li>/);
  assert.deepEqual(p.layout, { visible: [0, 1], see_all_options: true });
  assert.equal(p.buttons[0].url, 'https://negozio.example.it/traccia/IT-20931?a=<b>&c="d"');
  assert.equal(p.buttons[3].phone_number, '+390212345678');
  assert.equal(p.ok, true);
});

test('renderTemplate: unfilled placeholders stay visible and are reported', () => {
  const { template } = fixture('it_order_shipped');
  const p = renderTemplate(template, { body: ['Giulia'] });
  assert.equal(p.ok, false);
  assert.match(p.body.plain, /Articoli: \{\{2\}\}/);
  assert.match(p.header.plain, /Ordine \{\{1\}\} spedito/);
  const unfilled = p.diagnostics.filter((d) => d.code === 'WP501').map((d) => d.message);
  assert.equal(unfilled.length, 4, unfilled.join('\n')); // header {{1}}, body {{2}} {{3}} {{4}}
  assert.deepEqual(p.diagnostics.filter((d) => d.code === 'WP512').map((d) => d.path), ['params']); // the URL button
});

test('renderTemplate: useExamples fills from the samples; named values; send-time value rules', () => {
  const { template } = fixture('it_order_shipped');
  const p = renderTemplate(template, undefined, { useExamples: true });
  assert.equal(p.ok, true, JSON.stringify(p.diagnostics));
  assert.match(p.body.plain, /^Ciao Giulia,/);
  assert.equal(p.buttons[0].url, 'https://negozio.example.it/traccia/IT-20931');
  const named = { name: 'n', language: 'es', category: 'UTILITY', parameter_format: 'NAMED',
    components: [{ type: 'BODY', text: 'Hola {{first_name}}, su cita es el {{date}}.' }] };
  assert.equal(renderTemplate(named, { body: { first_name: 'Lucía', date: '12 de mayo' } }).body.plain, 'Hola Lucía, su cita es el 12 de mayo.');
  const bad = renderTemplate(named, { body: { first_name: 'Lucía\nPérez', date: '     ' } });
  assert.deepEqual(bad.diagnostics.map((d) => d.code).sort(), ['WP502', 'WP503']);
  const long = renderTemplate(named, { body: { first_name: 'x'.repeat(1020), date: 'hoy' } });
  assert.ok(long.diagnostics.some((d) => d.code === 'WP506'), JSON.stringify(long.diagnostics));
});

test('renderTemplate: authentication text in the template language', () => {
  const { template, params } = fixture('pt_auth_code');
  const p = renderTemplate(template, params);
  assert.equal(p.ok, true, JSON.stringify(p.diagnostics));
  assert.equal(p.body.plain, 'Seu código de verificação é 482913. Para sua segurança, não o compartilhe.');
  assert.equal(p.footer.plain, 'Este código expira em 5 minutos.');
  for (const [language, start] of [['en_US', '482913 is your verification code.'], ['it', '482913 è il tuo codice di verifica.'], ['es', 'Tu código de verificación es 482913.']]) {
    assert.ok(renderTemplate({ ...template, language }, params).body.plain.startsWith(start), language);
  }
  const code = renderTemplate(template, { body: ['1234567890123456'] });
  assert.ok(code.diagnostics.some((d) => d.code === 'WP507'));
});

test('renderTemplate: bad params throw INVALID_PARAMS, bad options INVALID_OPTIONS', () => {
  const { template } = fixture('it_order_shipped');
  assert.throws(() => renderTemplate(template, { bodi: [] }), (e) => e.code === 'INVALID_PARAMS');
  assert.throws(() => renderTemplate(template, { body: [{}] }), (e) => e.code === 'INVALID_PARAMS');
  assert.throws(() => renderTemplate(template, { buttons: { 7: 'x' } }), (e) => e.code === 'INVALID_PARAMS');
  assert.throws(() => renderTemplate(template, {}, { fancy: true }), (e) => e.code === 'INVALID_OPTIONS');
  assert.throws(() => renderTemplate(7), (e) => e.code === 'NOT_A_TEMPLATE');
  assert.equal(renderTemplate(template, {}).name, 'ordine_spedito');
});

test('placeholderKeys: the keys a text takes values for, as the rules read them', () => {
  assert.deepEqual(placeholderKeys('Olá {{1}}, o pedido {{ 2 }} de {{1}} chegou'), ['1', '2']);
  assert.deepEqual(placeholderKeys('Hallo {{first_name}}, Termin {{date}}'), ['first_name', 'date']);
  // Malformed and legacy forms take no value: the rules report them instead.
  const text = 'Salve {1}, {{First Name}} e {{2}';
  assert.deepEqual(placeholderKeys(text), []);
  const codes = validateTemplate({ name: 'x', language: 'it', category: 'UTILITY',
    components: [{ type: 'BODY', text: `Ciao, ${text} grazie` }] }).diagnostics.map((d) => d.code);
  assert.ok(codes.includes('WP204') && codes.includes('WP205'), codes.join(' '));
  assert.throws(() => placeholderKeys(42), (e) => e.code === 'INVALID_ARGUMENT' && /found number/.test(e.message));
});

test('a web address whose path holds markers stays one link, in renderMarkup as in the preview', () => {
  const text = 'Vai su https://x.com/_promo_ e _corri_, o su https://y.it/~a~/*b*.';
  const html = renderMarkup(text);
  assert.equal(
    html,
    '<p>Vai su <a href="https://x.com/_promo_" rel="noopener noreferrer" target="_blank">https://x.com/_promo_</a> e <em>corri</em>, o su '
      + '<a href="https://y.it/~a~/*b*" rel="noopener noreferrer" target="_blank">https://y.it/~a~/*b*</a>.</p>',
  );
  assert.equal(renderMarkup(text, 'text'), 'Vai su https://x.com/_promo_ e corri, o su https://y.it/~a~/*b*.');
  const preview = renderTemplate({ name: 'x', language: 'it', category: 'MARKETING', components: [{ type: 'BODY', text }] }, {}, {});
  assert.equal(preview.body.html, html);
});
