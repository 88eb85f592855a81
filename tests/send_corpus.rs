//! Send requests with the answer Meta gave them (`tests/fixtures/send-corpus/observed.jsonl`,
//! gathered from public reports): how often `check_send` agrees with Meta, and whether it ever
//! blocks what Meta accepted.
#![cfg(not(target_arch = "wasm32"))]

use std::fs;

use serde_json::Value;
use wa_preflight::send::{check_send, SendOptions, TemplateRegistry};
use wa_preflight::window::parse_time;

#[test]
fn verdicts_agree_with_metas_answers() {
    let text = fs::read_to_string("tests/fixtures/send-corpus/observed.jsonl").unwrap();
    let now = parse_time("2026-12-01T10:00:00Z").ok();
    let (mut cases, mut agree, mut false_blocks, mut coded, mut code_right, mut code_listed) = (0, 0, 0, 0, 0, 0);
    let mut misses = Vec::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let case: Value = serde_json::from_str(line).unwrap();
        if case["uncertain"] == Value::Bool(true) {
            continue;
        }
        cases += 1;
        let registry = case.get("template").map(|t| TemplateRegistry::from_items(std::slice::from_ref(t)));
        let opts = SendOptions { templates: registry.as_ref(), now, ..SendOptions::default() };
        let report = check_send(&case["payload"], &opts).unwrap();
        let meta_ok = case["meta"]["ok"] == Value::Bool(true);
        if report.ok == meta_ok {
            agree += 1;
        } else {
            misses.push(format!(
                "{}: Meta {}, ours {:?}",
                case["id"],
                if meta_ok { "allowed" } else { "refused" },
                report.error_code
            ));
            if meta_ok {
                false_blocks += 1;
            }
        }
        if let Some(code) = case["meta"]["code"].as_u64().map(|c| c as u32).filter(|_| !meta_ok && !report.ok) {
            coded += 1;
            code_right += usize::from(report.error_code == Some(code));
            code_listed += usize::from(report.error_code == Some(code) || report.alternatives.contains(&code));
        }
    }
    let rate = agree as f64 / cases as f64;
    eprintln!(
        "verdicts {agree}/{cases} ({:.1} %); codes of the refusals we also refuse: {code_right}/{coded} as error_code, {code_listed}/{coded} in error_code or alternatives\n{}",
        rate * 100.0,
        misses.join("\n")
    );
    assert!(cases >= 60);
    assert_eq!(false_blocks, 0, "blocked requests Meta accepted:\n{}", misses.join("\n"));
    assert!(rate >= 0.9, "verdict agreement {rate:.3}");
    assert!(code_listed as f64 >= 0.9 * coded as f64, "codes {code_listed}/{coded}");
}

#[test]
fn bodies_another_sdk_builds_are_allowed() {
    let text = fs::read_to_string("tests/fixtures/send-corpus/pywa.jsonl").unwrap();
    let now = parse_time("2026-12-01T10:00:00Z").ok();
    let mut blocked = Vec::new();
    let mut n = 0;
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let case: Value = serde_json::from_str(line).unwrap();
        n += 1;
        let report = check_send(&case["payload"], &SendOptions { now, ..SendOptions::default() }).unwrap();
        if !report.ok {
            blocked.push(format!("{}: {:?}", case["call"], report.diagnostics));
        }
    }
    assert!(n >= 25);
    assert!(blocked.is_empty(), "\n{}", blocked.join("\n"));
}
