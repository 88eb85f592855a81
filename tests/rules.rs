//! Every rule in the registry has cases that fire it and near misses that do not, declared with
//! the rule (`fires` and `passes` of its `declare_rules!` block, written from its documented
//! source); this test runs them all.
#![cfg(not(target_arch = "wasm32"))]

use std::fs;

use serde_json::Value;
use wa_preflight::payload::Endpoint;
use wa_preflight::rules::{cases, Rule, Stage};
use wa_preflight::send::{check_send, read_state, SendOptions, TemplateRegistry};
use wa_preflight::window::parse_time;
use wa_preflight::{validate_value, ValidateOptions, RULES};

/// The codes a case produces, and for send cases the predicted error code.
fn run(rule: &Rule, case: &Value, registry: &TemplateRegistry) -> (Vec<&'static str>, Option<u32>, bool) {
    if !rule.stage.is_send() {
        // A case is a template, or `{"template": ..., "options": ...}`.
        let (template, options) = match case.get("template") {
            Some(t) => (t, ValidateOptions::from_value(&case["options"]).expect("valid fixture options")),
            None => (case, ValidateOptions::default()),
        };
        let report = validate_value(template, &options).expect("fixtures are objects");
        return (report.diagnostics.iter().map(|d| d.code).collect(), None, report.ok);
    }
    let state = case.get("state").map(|s| read_state(s).unwrap());
    let now = case.get("now").and_then(Value::as_str).map(|t| parse_time(t).unwrap());
    let endpoint = match case.get("endpoint").and_then(Value::as_str) {
        Some("marketing_messages") => Endpoint::MarketingMessages,
        _ => Endpoint::Messages,
    };
    // `no_templates`: a check of the payload alone, as an edge worker without the list runs it.
    let templates = if case.get("no_templates") == Some(&Value::Bool(true)) { None } else { Some(registry) };
    let opts = SendOptions { templates, state: state.as_ref(), now, endpoint, ..SendOptions::default() };
    let report = check_send(&case["payload"], &opts).expect("payloads are objects");
    (report.diagnostics.iter().map(|d| d.code).collect(), report.error_code, report.ok)
}

fn registry() -> TemplateRegistry {
    TemplateRegistry::from_document(&fs::read_to_string("tests/fixtures/send/templates.json").unwrap()).unwrap()
}

#[test]
fn every_rule_fires_on_its_fixtures_and_not_on_its_near_misses() {
    let registry = registry();
    let mut problems = Vec::new();
    for rule in RULES {
        for key in ["fires", "passes"] {
            let cases: Vec<Value> = cases::of(rule)
                .filter(|c| c.kind() == key)
                .map(|c| c.value().unwrap_or_else(|e| panic!("{} {key}[{}]: {e}", rule.code, c.index)))
                .collect();
            if cases.is_empty() {
                problems.push(format!("{}: no `{key}` cases", rule.code));
            }
            for (i, case) in cases.iter().enumerate() {
                let (found, error_code, ok) = run(rule, case, &registry);
                let fired = found.contains(&rule.code);
                if let Some(want) = case.get("error_code") {
                    if want.as_u64().map(|c| c as u32) != error_code {
                        problems.push(format!(
                            "{} {key}[{i}]: predicted error {error_code:?}, expected {want}; found {found:?}",
                            rule.code
                        ));
                    }
                } else if key == "passes" && rule.stage.is_send() && !ok {
                    // A send near miss is a request Meta takes: nothing may block it.
                    problems.push(format!("{} passes[{i}]: blocked ({error_code:?}); found {found:?}", rule.code));
                }
                if key == "fires" && !fired {
                    problems.push(format!("{} ({}): fires[{i}] did not fire; found {found:?}", rule.code, rule.name));
                }
                if key == "passes" && fired {
                    problems.push(format!("{} ({}): passes[{i}] fired", rule.code, rule.name));
                }
            }
        }
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

#[test]
fn near_misses_are_otherwise_clean_of_errors() {
    // A near miss that only passes because something else is broken proves nothing: the
    // `passes` cases of the structural rules must be valid templates (no error findings), except
    // where a rule's near miss is about another severity.
    let mut problems = Vec::new();
    for rule in RULES {
        if rule.stage.is_send() {
            continue; // send cases state their expected verdict (`error_code`) instead
        }
        for (i, case) in cases::of(rule).filter(|c| !c.fires).map(|c| c.value().unwrap()).enumerate() {
            let (template, options) = match case.get("template") {
                Some(t) => (t, ValidateOptions::from_value(&case["options"]).unwrap()),
                None => (&case, ValidateOptions::default()),
            };
            let report = validate_value(template, &options).unwrap();
            let errors: Vec<String> = report
                .diagnostics
                .iter()
                .filter(|d| d.severity == wa_preflight::Severity::Error)
                .map(|d| format!("{} {} at {}", d.code, d.message, d.path))
                .collect();
            if !errors.is_empty() {
                problems.push(format!("{} passes[{i}]: {}", rule.code, errors.join("; ")));
            }
        }
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

#[test]
fn a_call_permission_request_is_at_home_in_utility() {
    // M-CPRT: call-permission-request templates are MARKETING or UTILITY. Neither the structure
    // rule (WP125) nor the classifier and category rules (WP4xx) may hold the request itself
    // against a UTILITY template, as a component or as a button.
    let body = serde_json::json!({
        "type": "BODY",
        "text": "Your repair appointment {{1}} needs a few details. May our technician call you on WhatsApp?",
        "example": {"body_text": [["#4821"]]}
    });
    let as_component = serde_json::json!({
        "name": "repair_call", "language": "en_US", "category": "UTILITY",
        "components": [body, {"type": "CALL_PERMISSION_REQUEST"}]
    });
    let as_button = serde_json::json!({
        "name": "repair_call", "language": "en_US", "category": "UTILITY",
        "components": [body, {"type": "BUTTONS", "buttons": [{"type": "CALL_PERMISSION_REQUEST"}]}]
    });
    let plain = serde_json::json!({
        "name": "repair_call", "language": "en_US", "category": "UTILITY", "components": [body]
    });
    let options = ValidateOptions::default();
    let without = validate_value(&plain, &options).unwrap();
    for t in [&as_component, &as_button] {
        let report = validate_value(t, &options).unwrap();
        let codes: Vec<&str> = report.diagnostics.iter().map(|d| d.code).collect();
        assert!(report.ok, "{codes:?}");
        let category_rule = |c: &str| wa_preflight::rules::find_rule(c).is_some_and(|r| r.stage == Stage::Category);
        assert!(!codes.iter().any(|c| *c == "WP125" || category_rule(c)), "{codes:?}");
        assert_eq!(report.category.predicted, without.category.predicted);
        assert_eq!(report.category.predicted.name(), "UTILITY");
    }
    let mut marketing = as_component.clone();
    marketing["category"] = "MARKETING".into();
    assert!(!validate_value(&marketing, &options).unwrap().diagnostics.iter().any(|d| d.code == "WP125"));
    let mut authentication = as_component;
    authentication["category"] = "AUTHENTICATION".into();
    assert!(validate_value(&authentication, &options).unwrap().diagnostics.iter().any(|d| d.code == "WP125"));
}

#[test]
fn a_marketing_template_on_messages_warns_from_metas_date_and_names_the_reported_end() {
    let registry = registry();
    let rule = wa_preflight::rules::find_rule("WP554").unwrap();
    let fires: Value = cases::of(rule).next().unwrap().value().unwrap();
    let payload = &fires["payload"];
    let check = |now: Option<&str>, templates: Option<&TemplateRegistry>| {
        let opts = SendOptions { templates, now: now.map(|t| parse_time(t).unwrap()), ..SendOptions::default() };
        check_send(payload, &opts).unwrap()
    };
    let found = |r: &wa_preflight::send::SendReport| -> Vec<String> {
        r.diagnostics.iter().filter(|d| d.code == "WP554").map(|d| d.message.clone()).collect()
    };
    let before_end = check(Some("2026-10-01T09:00:00Z"), Some(&registry));
    assert!(before_end.ok, "a warning: the send still works");
    let d = before_end.diagnostics.iter().find(|d| d.code == "WP554").unwrap();
    assert_eq!(d.severity, wa_preflight::Severity::Warning);
    assert_eq!(d.path, "template.name");
    assert_eq!(d.error_code, None);
    assert_eq!(
        d.message,
        "`cupom_verao` is a MARKETING template: since 2026-09-21 Meta routes marketing templates to \
         `/marketing_messages`; sending them through `/messages` is reported to end on 2027-10-13 \
         (chatwoot discussion #16330, not confirmed by Meta)"
    );
    assert!(d.help.as_deref().unwrap().contains("/marketing_messages"));
    let after_end = check(Some("2027-10-13T00:00:00Z"), Some(&registry));
    assert!(after_end.ok, "a reported date never blocks");
    assert_eq!(
        found(&after_end),
        ["`cupom_verao` is a MARKETING template: since 2026-09-21 Meta routes marketing templates to \
          `/marketing_messages`; sending them through `/messages` was reported to end on 2027-10-13 \
          (chatwoot discussion #16330, not confirmed by Meta); this send may be refused"]
    );
    // Without `now` the date of the send is unknown, without `templates` the category.
    assert!(found(&check(None, Some(&registry))).is_empty());
    assert!(found(&check(Some("2026-10-01T09:00:00Z"), None)).is_empty());
    assert!(found(&check(Some("2026-09-20T23:59:59Z"), Some(&registry))).is_empty());
    // The rule's text states the dates the data declares.
    let route = wa_preflight::limits::marketing_route().unwrap();
    let rule = wa_preflight::rules::find_rule("WP554").unwrap();
    assert!(rule.summary.contains(route.from_date) && rule.why.contains(route.messages_until.unwrap().date));
}

#[test]
fn as_of_chooses_the_policy_era_unless_the_policy_is_given() {
    use wa_preflight::{validate_value, ValidateOptions};
    let t = serde_json::json!({"name": "order_shipped", "language": "en", "category": "UTILITY",
        "components": [{"type": "BODY", "text": "Your order shipped. Get 10% off your next one!"}]});
    let codes = |opts: serde_json::Value| -> Vec<String> {
        let o = ValidateOptions::from_value(&opts).unwrap();
        validate_value(&t, &o).unwrap().diagnostics.iter().map(|d| d.code.to_string()).collect()
    };
    // Before about September 2022 the 2019 notification rules applied (data/policy.json).
    assert!(codes(serde_json::json!({"asOf": "2021-06-01"})).contains(&"WP310".to_string()));
    assert!(!codes(serde_json::json!({"asOf": "2023-06-01"})).contains(&"WP310".to_string()));
    assert!(!codes(serde_json::json!({})).contains(&"WP310".to_string()));
    // A policy given wins over the date.
    assert!(!codes(serde_json::json!({"asOf": "2021-06-01", "policy": "current"})).contains(&"WP310".to_string()));
    assert!(codes(serde_json::json!({"asOf": "2026-11-01", "policy": "2019"})).contains(&"WP310".to_string()));
}
