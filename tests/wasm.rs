//! The binding, run as WebAssembly in Node by wasm-bindgen-test-runner
//! (`cargo test --target wasm32-unknown-unknown`).
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Reflect, JSON};
use wa_preflight::wasm::{parse_document_js, rules, validate_template, validate_templates, version};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

mod common;

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &key.into()).unwrap()
}

fn json(text: &str) -> JsValue {
    JSON::parse(text).unwrap()
}

fn codes(report: &JsValue) -> Vec<String> {
    Array::from(&get(report, "diagnostics")).iter().map(|d| get(&d, "code").as_string().unwrap()).collect()
}

const GOOD: &str = r#"{"name":"order_update","language":"en_US","category":"UTILITY",
  "components":[{"type":"BODY","text":"Hi {{1}}, your order has shipped.","example":{"body_text":[["Ana"]]}}]}"#;

#[wasm_bindgen_test]
fn validates_objects_and_json_text_alike() {
    let from_object = validate_template(json(GOOD), JsValue::UNDEFINED).unwrap();
    let from_text = validate_template(GOOD.into(), JsValue::UNDEFINED).unwrap();
    assert_eq!(get(&from_object, "ok"), JsValue::TRUE);
    assert_eq!(JSON::stringify(&from_object).unwrap(), JSON::stringify(&from_text).unwrap());
}

#[wasm_bindgen_test]
fn spans_are_js_string_offsets() {
    let t = r#"{"name":"x","language":"en","category":"UTILITY",
      "components":[{"type":"BODY","text":"🎉🎉 Olá! Ready {{1}}","example":{"body_text":[["a"]]}}]}"#;
    let report = validate_template(t.into(), JsValue::UNDEFINED).unwrap();
    let d = Array::from(&get(&report, "diagnostics")).iter().find(|d| get(d, "code") == "WP201").unwrap();
    let span = get(&d, "span");
    let text = js_sys::JsString::from("🎉🎉 Olá! Ready {{1}}");
    let start = get(&span, "start").as_f64().unwrap() as u32;
    let end = get(&span, "end").as_f64().unwrap() as u32;
    assert_eq!(String::from(text.slice(start, end)), "{{1}}");
}

#[wasm_bindgen_test]
fn misuse_throws_typed_errors_and_the_instance_keeps_working() {
    for (input, code) in [
        (JsValue::from_f64(42.0), "NOT_A_TEMPLATE"),
        (JsValue::NULL, "NOT_A_TEMPLATE"),
        (JsValue::from_str("{oops"), "INVALID_JSON"),
        (json("[1, 2]"), "NOT_A_TEMPLATE"),
    ] {
        let err = validate_template(input, JsValue::UNDEFINED).unwrap_err();
        assert!(err.is_instance_of::<js_sys::Error>());
        assert_eq!(get(&err, "code"), code);
    }
    let bad_options = json(r#"{"lengthUnit": "bytes"}"#);
    assert_eq!(get(&validate_template(json(GOOD), bad_options).unwrap_err(), "code"), "INVALID_OPTIONS");
    let unknown_rule = json(r#"{"rules": {"WP999": "off"}}"#);
    assert_eq!(get(&validate_template(json(GOOD), unknown_rule).unwrap_err(), "code"), "INVALID_OPTIONS");
    assert_eq!(get(&validate_template(json(GOOD), JsValue::UNDEFINED).unwrap(), "ok"), JsValue::TRUE);
}

#[wasm_bindgen_test]
fn options_regrade_rules_and_change_the_length_unit() {
    let body = format!("{}{}", "a".repeat(1000), "👍".repeat(20));
    let t = format!(
        r#"{{"name":"x","language":"en","category":"UTILITY","components":[{{"type":"BODY","text":"{body}"}}]}}"#
    );
    let default = validate_template(t.clone().into(), JsValue::UNDEFINED).unwrap();
    assert!(!codes(&default).contains(&"WP130".to_string()));
    let utf16 = validate_template(t.into(), json(r#"{"lengthUnit": "utf16"}"#)).unwrap();
    assert!(codes(&utf16).contains(&"WP130".to_string()));
    let off = validate_template(
        json(r#"{"name":"Bad Name","language":"en","category":"UTILITY","components":[{"type":"BODY","text":"Hello there."}]}"#),
        json(r#"{"rules": {"invalid-name": "off"}}"#),
    )
    .unwrap();
    assert_eq!(get(&off, "ok"), JsValue::TRUE);
}

#[wasm_bindgen_test]
fn lists_and_json_lines() {
    let list = json(&format!(r#"{{"data": [{GOOD}, 7]}}"#));
    let reports = Array::from(&validate_templates(list, JsValue::UNDEFINED).unwrap());
    assert_eq!(reports.length(), 2);
    assert_eq!(get(&reports.get(1), "index").as_f64(), Some(1.0));
    assert_eq!(get(&reports.get(1), "ok"), JsValue::FALSE);
    let lines = format!("{}\n{}\n", GOOD.replace('\n', " "), GOOD.replace('\n', " "));
    assert_eq!(Array::from(&parse_document_js(lines.into()).unwrap()).length(), 2);
    let err = parse_document_js("{\"a\":1}\n{\"a\":".into()).unwrap_err();
    assert_eq!(get(&err, "line").as_f64(), Some(2.0));
}

#[wasm_bindgen_test]
fn version_and_registry() {
    assert_eq!(version(), env!("CARGO_PKG_VERSION"));
    let list = Array::from(&rules().unwrap());
    assert!(list.length() > 80);
    assert_eq!(get(&list.get(0), "code"), "WP001");
}

/// The core gives the same findings, spans included, as WebAssembly as it does natively.
#[wasm_bindgen_test]
fn realistic_templates_match_the_native_expectations() {
    macro_rules! fixture {
        ($name:literal, $ext:literal) => {
            (
                include_str!(concat!("fixtures/templates/", $name, ".", $ext)),
                include_str!(concat!("fixtures/templates/", $name, ".expected")),
            )
        };
    }
    for (input, expected) in [
        fixture!("auth_create_requests", "json"),
        fixture!("en_meta_seasonal_promotion", "json"),
        fixture!("es_named_appointment_reminder", "json"),
        fixture!("graph_list_response", "json"),
        fixture!("it_cm_order_confirmation", "json"),
        fixture!("it_order_confirmation_converted", "json"),
        fixture!("marketing_carousel_and_offer", "json"),
        fixture!("pt_br_shipping_update", "jsonl"),
    ] {
        assert_eq!(common::render(input), expected);
    }
}

/// Previews render the same HTML as WebAssembly as natively.
#[wasm_bindgen_test]
fn previews_match_the_native_snapshots() {
    for (input, expected) in [
        (include_str!("fixtures/render/it_order_shipped.json"), include_str!("fixtures/render/it_order_shipped.html")),
        (include_str!("fixtures/render/pt_auth_code.json"), include_str!("fixtures/render/pt_auth_code.html")),
    ] {
        assert_eq!(common::render_snapshot(input), expected);
    }
}
