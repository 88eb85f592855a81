//! Prohibited-content rules against hits and near misses written for each rule, in six
//! languages (`tests/fixtures/corpus/policy.jsonl`).
#![cfg(not(target_arch = "wasm32"))]

use std::fs;

use serde_json::{json, Value};
use wa_preflight::{validate_value, ValidateOptions};

#[test]
fn policy_hits_and_near_misses() {
    let text = fs::read_to_string("tests/fixtures/corpus/policy.jsonl").unwrap();
    let mut failures = Vec::new();
    let mut n = 0;
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let case: Value = serde_json::from_str(line).unwrap();
        let rule = case["rule"].as_str().unwrap();
        let body = case["text"].as_str().unwrap();
        let template = json!({"name": "x", "language": case["language"], "category": "MARKETING",
                              "components": [{"type": "BODY", "text": body}]});
        let options =
            ValidateOptions::from_value(&json!({"policy": case.get("policy").cloned().unwrap_or(json!("current"))}))
                .unwrap();
        let report = validate_value(&template, &options).unwrap();
        let hits: Vec<_> = report.diagnostics.iter().filter(|d| d.code == rule).collect();
        let want = case["expect"] == "fires";
        let fired = !hits.is_empty();
        if want != fired {
            failures.push(format!("{rule} expected to {}: {body}", case["expect"].as_str().unwrap()));
        }
        // Each finding points at words of the text.
        for d in hits {
            let span = d.span.expect("policy findings carry a span");
            let utf16: Vec<u16> = body.encode_utf16().collect();
            assert!(span.end <= utf16.len() && span.start < span.end, "{rule}: {span:?} in {body}");
        }
        n += 1;
    }
    assert!(n >= 40);
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}
