//! The native side of the determinism test (`tests/js/determinism.test.mjs`): reads a JSON array
//! of cases from stdin, runs each through the core natively and prints the results as a JSON
//! array, in order. The test runs the same cases through the WASM build and compares.
//!
//! Cases: `{"kind": "validate", "template", "options"}`, `{"kind": "document", "text"}`,
//! `{"kind": "classify", "template"}`, `{"kind": "render", "template", "params"}`,
//! `{"kind": "send", "payload", "templates", "state", "now", "endpoint"}`, `{"kind": "content", "text",
//! "options"}`. A failure is
//! `{"error": {"code", "message"}}`.
//!
//! `cargo run --example dump -- cases` instead prints every rule's cases, as the declarations
//! carry them (`src/rules/cases.rs`), so that the JavaScript tests run the same ones:
//! `[{"code", "name", "stage", "send", "kind": "fires" | "passes", "index", "case"}]`.

use std::io::Read;
use std::process::ExitCode;

use serde::Serialize;
use serde_json::{json, Value};
use wa_preflight::classify::classify;
use wa_preflight::markup;
use wa_preflight::pricing::{price_timeline, PriceOptions, Timeline};
use wa_preflight::render::{render_template, RenderOptions};
use wa_preflight::send::{check_send, read_state, SendOptions, TemplateRegistry};
use wa_preflight::template::read_template;
use wa_preflight::window::parse_time;
use wa_preflight::{check_content, validate_document, validate_value, ContentOptions, InputError, ValidateOptions};

fn out<T: Serialize>(r: Result<T, InputError>) -> Value {
    match r {
        Ok(v) => serde_json::to_value(v).unwrap_or(Value::Null),
        Err(e) => json!({ "error": { "code": e.code, "message": e.message } }),
    }
}

fn run(case: &Value) -> Value {
    let empty = serde_json::Map::new();
    let template = || read_template(case["template"].as_object().unwrap_or(&empty), &mut Vec::new());
    match case["kind"].as_str() {
        Some("validate") => {
            out(ValidateOptions::from_value(&case["options"]).and_then(|o| validate_value(&case["template"], &o)))
        }
        Some("document") => out(validate_document(case["text"].as_str().unwrap_or(""), &ValidateOptions::default())),
        Some("classify") => out(Ok::<_, InputError>(classify(&template()))),
        Some("render") => out(render_template(&template(), &case["params"], &RenderOptions::default())),
        Some("send") => {
            // `templates`: an array or a list response; absent or null checks the payload alone.
            let items = match &case["templates"] {
                Value::Null => None,
                Value::Array(a) => Some(a.clone()),
                other => Some(other["data"].as_array().cloned().unwrap_or_default()),
            };
            let registry = items.map(|i| TemplateRegistry::from_items(&i));
            let endpoint = match case["endpoint"].as_str() {
                Some("marketing_messages") => wa_preflight::payload::Endpoint::MarketingMessages,
                _ => wa_preflight::payload::Endpoint::Messages,
            };
            let state = match case.get("state").filter(|s| !s.is_null()).map(read_state).transpose() {
                Ok(s) => s,
                Err(e) => return out::<()>(Err(e)),
            };
            let now = case["now"].as_str().and_then(|t| parse_time(t).ok());
            let opts = SendOptions {
                templates: registry.as_ref(),
                state: state.as_ref(),
                now,
                endpoint,
                ..SendOptions::default()
            };
            out(check_send(&case["payload"], &opts))
        }
        Some("content") => out(serde_json::from_value::<ContentOptions>(case["options"].clone())
            .map_err(|e| InputError::new("INVALID_OPTIONS", e.to_string()))
            .map(|o| check_content(case["text"].as_str().unwrap_or(""), &o))),
        Some("markup") => {
            let blocks = markup::parse(case["text"].as_str().unwrap_or(""));
            match case["format"].as_str() {
                Some("text") => Value::String(markup::to_plain_text(&blocks)),
                Some("nodes") => serde_json::to_value(&blocks).unwrap_or(Value::Null),
                _ => Value::String(markup::to_html(&blocks, markup::Links::Anchors)),
            }
        }
        Some("price") => {
            let timeline = serde_json::from_value::<Timeline>(case["timeline"].clone())
                .map_err(|e| InputError::new("INVALID_TIMELINE", format!("invalid timeline: {e}")));
            let options = serde_json::from_value::<PriceOptions>(case["options"].clone())
                .map_err(|e| InputError::new("INVALID_OPTIONS", format!("invalid options: {e}")));
            out(timeline.and_then(|t| options.and_then(|o| price_timeline(&t, &o))))
        }
        other => json!({ "error": { "code": "UNKNOWN_KIND", "message": format!("{other:?}") } }),
    }
}

/// The rule cases are compiled into native builds only; a WASM build of this tool has none.
#[cfg(target_arch = "wasm32")]
fn rule_cases() -> Result<Value, serde_json::Error> {
    Ok(Value::Array(Vec::new()))
}

/// Every rule case as JSON, in code order.
#[cfg(not(target_arch = "wasm32"))]
fn rule_cases() -> Result<Value, serde_json::Error> {
    let mut out = Vec::new();
    for c in wa_preflight::rules::cases::all() {
        out.push(json!({
            "code": c.rule.code,
            "name": c.rule.name,
            "stage": c.rule.stage.as_str(),
            "send": c.rule.stage.is_send(),
            "kind": c.kind(),
            "index": c.index,
            "case": c.value()?,
        }));
    }
    Ok(Value::Array(out))
}

fn main() -> ExitCode {
    if std::env::args().nth(1).as_deref() == Some("cases") {
        return match rule_cases() {
            Ok(v) => {
                println!("{v}");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("dump: a rule case is not JSON: {e}");
                ExitCode::from(2)
            }
        };
    }
    let mut input = String::new();
    if std::io::stdin().read_to_string(&mut input).is_err() {
        eprintln!("dump: cannot read stdin");
        return ExitCode::from(2);
    }
    let Ok(Value::Array(cases)) = serde_json::from_str::<Value>(&input) else {
        eprintln!("dump: stdin must be a JSON array of cases");
        return ExitCode::from(2);
    };
    let results: Vec<Value> = cases.iter().map(run).collect();
    println!("{}", Value::Array(results));
    ExitCode::SUCCESS
}
