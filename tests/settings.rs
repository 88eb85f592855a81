//! Per-rule settings (`rules: {CODE: "off" | "info" | "warning" | "error"}`) reach every entry
//! point that reports findings, send checks included, and the send verdict follows the
//! re-graded findings: a rule turned off or down to a warning does not block, and the error code
//! is that of the first finding still an error.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::HashMap;
use std::fs;

use serde_json::{json, Value};
use wa_preflight::render::{render_template, RenderOptions};
use wa_preflight::rules::{cases, find_rule};
use wa_preflight::send::{build_send_payload, check_send, SendOptions, SendReport, TemplateRegistry};
use wa_preflight::template::read_template;
use wa_preflight::{check_content, ContentOptions, RuleSetting, Severity};

fn registry() -> TemplateRegistry {
    TemplateRegistry::from_document(&fs::read_to_string("tests/fixtures/send/templates.json").unwrap()).unwrap()
}

/// The payload of a rule's first case that fires it.
fn firing_payload(code: &str) -> Value {
    cases::of(find_rule(code).unwrap()).next().unwrap().value().unwrap()["payload"].clone()
}

fn settings(pairs: &[(&str, RuleSetting)]) -> HashMap<String, RuleSetting> {
    pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect()
}

fn check(payload: &Value, rules: &HashMap<String, RuleSetting>) -> SendReport {
    let registry = registry();
    check_send(payload, &SendOptions { templates: Some(&registry), rules: Some(rules), ..SendOptions::default() })
        .unwrap()
}

fn codes(r: &SendReport) -> Vec<&str> {
    r.diagnostics.iter().map(|d| d.code).collect()
}

#[test]
fn a_send_rule_turned_off_or_down_does_not_block() {
    let payload = firing_payload("WP501");
    let plain = check(&payload, &HashMap::new());
    assert_eq!((plain.ok, plain.verdict, plain.error_code), (false, "block", Some(132000)), "{:?}", codes(&plain));

    let warning = check(&payload, &settings(&[("WP501", RuleSetting::Warning)]));
    assert_eq!((warning.ok, warning.verdict, warning.error_code), (true, "allow", None));
    assert!(warning.alternatives.is_empty());
    let d = warning.diagnostics.iter().find(|d| d.code == "WP501").unwrap();
    assert_eq!(d.severity, Severity::Warning);
    // The finding keeps the error Meta would answer, should the caller send it anyway.
    assert_eq!(d.error_code, Some(132000));

    // By name as well as by code.
    let off = check(&payload, &settings(&[("unfilled-parameter", RuleSetting::Off)]));
    assert!(off.ok && !codes(&off).contains(&"WP501"), "{:?}", codes(&off));
    let plain_others: Vec<&str> = codes(&plain).into_iter().filter(|c| *c != "WP501").collect();
    assert_eq!(codes(&off), plain_others);
}

#[test]
fn the_error_code_follows_the_regraded_findings() {
    // An unknown key (WP530, 100) outranks a missing parameter (WP501, 132000).
    let mut payload = firing_payload("WP501");
    payload["colour"] = json!("blue");
    let both = check(&payload, &HashMap::new());
    assert_eq!(both.error_code, Some(100), "{:?}", codes(&both));
    let without_key = check(&payload, &settings(&[("WP530", RuleSetting::Info)]));
    assert_eq!((without_key.ok, without_key.error_code), (false, Some(132000)));
    let neither = check(&payload, &settings(&[("WP530", RuleSetting::Off), ("WP501", RuleSetting::Warning)]));
    assert_eq!((neither.ok, neither.error_code), (true, None));
}

#[test]
fn a_warning_raised_to_an_error_blocks() {
    // WP554 (a MARKETING template through /messages) is a warning without a Cloud API code.
    let payload = firing_payload("WP554");
    let registry = registry();
    let now = wa_preflight::window::parse_time("2026-10-01T09:00:00Z").ok();
    let run = |rules: &HashMap<String, RuleSetting>| {
        let opts = SendOptions { templates: Some(&registry), now, rules: Some(rules), ..SendOptions::default() };
        check_send(&payload, &opts).unwrap()
    };
    assert!(run(&HashMap::new()).ok);
    let raised = run(&settings(&[("WP554", RuleSetting::Error)]));
    assert_eq!((raised.ok, raised.verdict, raised.error_code), (false, "block", None));
    // A blocked send is not priced.
    assert!(raised.billing.is_none());
}

#[test]
fn built_and_rendered_sends_and_content_take_the_settings() {
    let template = json!({"name": "order_update", "language": "en_US", "category": "UTILITY",
        "components": [{"type": "BODY", "text": "Hi {{1}}, your order {{2}} has shipped."}]});
    let t = read_template(template.as_object().unwrap(), &mut Vec::new());
    let values = json!({"body": ["Ana"]});

    let (_, plain) = build_send_payload(&t, &values, "393331234567", &HashMap::new()).unwrap();
    assert!(plain.iter().any(|d| d.code == "WP501" && d.severity == Severity::Error));
    let (_, off) = build_send_payload(&t, &values, "393331234567", &settings(&[("WP501", RuleSetting::Off)])).unwrap();
    assert!(!off.iter().any(|d| d.code == "WP501"));

    let preview = render_template(&t, &values, &RenderOptions::default()).unwrap();
    assert!(!preview.ok);
    let opts: RenderOptions = serde_json::from_value(json!({"rules": {"WP501": "info"}})).unwrap();
    let preview = render_template(&t, &values, &opts).unwrap();
    assert!(preview.ok);
    assert!(preview.diagnostics.iter().any(|d| d.code == "WP501" && d.severity == Severity::Info));
    assert!(serde_json::from_value::<RenderOptions>(json!({"rules": {"WP999": "off"}})).is_err());

    let text = "Scommetti ora sul casinò online!";
    let it = ContentOptions { language: Some("it".into()), ..ContentOptions::default() };
    assert!(check_content(text, &it).diagnostics.iter().any(|d| d.code == "WP303"));
    let off: ContentOptions =
        serde_json::from_value(json!({"language": "it", "rules": {"regulated-goods": "off"}})).unwrap();
    assert!(!check_content(text, &off).diagnostics.iter().any(|d| d.code == "WP303"));
    let err = serde_json::from_value::<ContentOptions>(json!({"rules": {"WP999": "off"}})).unwrap_err();
    assert!(err.to_string().contains("no rule `WP999`"), "{err}");
}
