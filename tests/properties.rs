//! Property tests (proptest) for invariants that hold for every input:
//! - every diagnostic span lies inside the text of the field its path names, on UTF-16
//!   boundaries (never between the two halves of a surrogate pair);
//! - the HTML rendering holds no `<` other than the renderer's own tags (the same check the
//!   `markup` fuzz target makes);
//! - rendering then stripping markup gives the text back: text without markers comes back
//!   unchanged, and the HTML's text content never holds a character the input did not have.
#![cfg(not(target_arch = "wasm32"))]

#[path = "../fuzz/checks.rs"]
#[allow(dead_code)]
mod checks;

use proptest::prelude::*;
use serde_json::{json, Value};
use wa_preflight::markup::{parse, to_html, to_plain_text, Links};
use wa_preflight::{validate_value, ValidateOptions};

/// Pieces that reach the interesting paths: placeholders well and badly formed, markup markers,
/// accents, emoji (astral, so surrogate pairs in UTF-16), combining marks, URLs, shorteners,
/// category words in several languages, HTML-significant characters.
const PIECES: &[&str] = &[
    "{{1}}",
    "{{2}}",
    "{{3}}",
    "{{ 1 }}",
    "{{name}}",
    "{{First Name}}",
    "{1}",
    "{{",
    "}}",
    "{{#1}}",
    "*",
    "_",
    "~",
    "```",
    "`",
    "> ",
    "- ",
    "1. ",
    "\n",
    " ",
    "    ",
    "é",
    "ç",
    "ß",
    "😀",
    "👍🏽",
    "🇮🇹",
    "e\u{301}",
    "€",
    "ordine",
    "spedito",
    "sconto",
    "oferta",
    "código",
    "code",
    "offer",
    "order",
    "shipped",
    "verify",
    "https://example.com/a",
    "bit.ly/x",
    "STOP",
    "<",
    ">",
    "&",
    "\"",
    "'",
    "<script>",
    "\t",
    "Olá",
    "!",
    ".",
    ",",
    "Ü",
];

fn text(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..max).prop_map(|v| v.concat())
}

fn template() -> impl Strategy<Value = Value> {
    (
        text(6),
        text(40),
        prop::option::of(text(12)),
        prop::option::of(text(10)),
        prop::collection::vec(text(6), 0..4),
        prop::sample::select(vec!["UTILITY", "MARKETING", "AUTHENTICATION", "ACCOUNT_UPDATE"]),
        prop::sample::select(vec!["en_US", "it", "pt_BR", "es", "de", "fr", "xx"]),
    )
        .prop_map(|(name, body, header, footer, buttons, category, language)| {
            let mut components = vec![];
            if let Some(h) = header {
                components.push(json!({"type": "HEADER", "format": "TEXT", "text": h}));
            }
            components.push(json!({"type": "BODY", "text": body, "example": {"body_text": [["Ana", "A-1", "3 €"]]}}));
            if let Some(f) = footer {
                components.push(json!({"type": "FOOTER", "text": f}));
            }
            if !buttons.is_empty() {
                let b: Vec<Value> = buttons.iter().map(|t| json!({"type": "QUICK_REPLY", "text": t})).collect();
                components.push(json!({"type": "BUTTONS", "buttons": b}));
            }
            json!({"name": name, "language": language, "category": category, "components": components})
        })
}

/// The value a diagnostic path such as `components[2].buttons[0].text` names.
fn at_path<'a>(root: &'a Value, path: &str) -> Option<&'a Value> {
    let mut v = root;
    for part in path.split('.') {
        let (key, rest) = part.split_once('[').map_or((part, ""), |(k, r)| (k, r));
        if !key.is_empty() {
            v = v.get(key)?;
        }
        for idx in rest.split('[').filter(|s| !s.is_empty()) {
            v = v.get(idx.trim_end_matches(']').parse::<usize>().ok()?)?;
        }
    }
    Some(v)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn spans_lie_on_utf16_boundaries_inside_their_field(t in template()) {
        let report = validate_value(&t, &ValidateOptions::default()).expect("an object gets a report");
        for d in &report.diagnostics {
            let Some(span) = &d.span else { continue };
            let field = at_path(&t, &d.path);
            let Some(Value::String(s)) = field else {
                panic!("{} has a span but its path `{}` names {:?}", d.code, d.path, field);
            };
            let units: Vec<u16> = s.encode_utf16().collect();
            prop_assert!(span.start <= span.end && span.end <= units.len(), "{} {:?} outside `{}`", d.code, span, s);
            for at in [span.start, span.end] {
                let splits_pair = at > 0 && at < units.len() && (0xDC00..0xE000).contains(&units[at]);
                prop_assert!(!splits_pair, "{} {:?} splits a surrogate pair in `{}`", d.code, span, s);
            }
        }
    }

    #[test]
    fn html_holds_only_the_renderers_tags(s in text(60)) {
        checks::markup(s.as_bytes());
    }

    #[test]
    fn text_without_markers_comes_back_unchanged(s in text(60)) {
        let plain: String = s
            .replace(['*', '_', '~', '`'], "")
            .lines()
            .map(|l| l.trim_start_matches(['>', '-', '1', '.', ' ']))
            .collect::<Vec<_>>()
            .join("\n");
        prop_assume!(!plain.ends_with('\n') && !plain.contains('\r'));
        prop_assert_eq!(to_plain_text(&parse(&plain)), plain);
    }

    #[test]
    fn html_text_content_is_drawn_from_the_input(s in text(60)) {
        let html = to_html(&parse(&s), Links::Text);
        let mut content = String::new();
        let mut in_tag = false;
        for c in html.chars() {
            match c {
                '<' => in_tag = true,
                '>' if in_tag => in_tag = false,
                _ if !in_tag => content.push(c),
                _ => {}
            }
        }
        let content = content
            .replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&");
        // Every character of the text content appears in the input, in order.
        let mut source = s.chars();
        for c in content.chars() {
            prop_assert!(source.any(|x| x == c), "`{}` is not drawn from {:?} (html {:?})", c, s, html);
        }
    }
}
