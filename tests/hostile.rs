//! Hostile templates get a bounded answer: at most `MAX_PER_SITE` findings of one rule on one
//! field, whatever the input holds (the full hostile-input suite is issue #7's).
#![cfg(not(target_arch = "wasm32"))]

use std::collections::HashMap;

use serde_json::json;
use wa_preflight::rules::MAX_PER_SITE;
use wa_preflight::{validate_value, ValidateOptions};

fn per_site_max(template: serde_json::Value) -> (usize, usize) {
    let r = validate_value(&template, &ValidateOptions::default()).unwrap();
    let mut counts: HashMap<(&str, String), usize> = HashMap::new();
    for d in &r.diagnostics {
        *counts.entry((d.code, d.path.clone())).or_default() += 1;
    }
    (counts.values().copied().max().unwrap_or(0), r.diagnostics.len())
}

fn body(text: String) -> serde_json::Value {
    json!({"name": "x", "language": "en", "category": "UTILITY", "components": [{"type": "BODY", "text": text}]})
}

#[test]
fn many_problems_in_one_field_are_capped() {
    let cases = [
        (1..=20_000).map(|i| format!("{{{{{i}}}}}")).collect::<Vec<_>>().join(" "),
        "{{1} ".repeat(20_000),
        "{1} ".repeat(20_000),
        (0..20_000).map(|i| format!("{{{{n{i}}}}}")).collect::<Vec<_>>().join(" "),
        "card number and bit.ly/x ".repeat(5_000),
    ];
    for text in cases {
        let (max, total) = per_site_max(body(text));
        assert!(max <= MAX_PER_SITE, "{max} findings of one rule on one field");
        assert!(total < 200, "{total} findings");
    }
}

#[test]
fn a_header_full_of_markup_and_emoji_is_capped() {
    let t = json!({"name": "x", "language": "en", "category": "UTILITY", "components": [
        {"type": "HEADER", "format": "TEXT", "text": "👍*{{a_b}}".repeat(20_000)},
        {"type": "BODY", "text": "Hello there."}]});
    let (max, _) = per_site_max(t);
    assert_eq!(max, MAX_PER_SITE);
}
