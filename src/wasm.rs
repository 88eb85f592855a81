//! The JavaScript binding: the only file that names wasm-bindgen types. Each function takes
//! plain JS values (or JSON text), calls the core, and returns plain JS objects; misuse throws
//! an `Error` with a `code` (`INVALID_JSON`, `EMPTY_INPUT`, `NOT_A_TEMPLATE`, `INVALID_OPTIONS`,
//! `INVALID_ARGUMENT`).

use serde::Serialize;
use serde_json::Value;
use wasm_bindgen::prelude::*;

use crate::check::{validate_item, validate_value, ValidateOptions};
use crate::input::{items_of, parse_document, InputError};
use crate::rules::RULES;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = r#"
/** A Graph API message template (create request or fetched), or its JSON text. */
export type TemplateInput = Record<string, unknown> | string;

export type Severity = "error" | "warning" | "info";

/** A range of a field's text in UTF-16 code units: `text.slice(start, end)`. */
export interface Span { start: number; end: number; }

export interface Diagnostic {
  /** Stable code, e.g. "WP201"; never reused. */
  code: string;
  /** Kebab-case rule name, e.g. "variable-at-edge". */
  rule: string;
  severity: Severity;
  message: string;
  help: string | null;
  /** JSON path of the field, e.g. "components[1].text". */
  path: string;
  span: Span | null;
}

export interface CategorySummary {
  declared: string | null;
  predicted: "MARKETING" | "UTILITY" | "AUTHENTICATION";
  confidence: number;
  reasons: unknown[];
}

export interface ValidationReport {
  name: string | null;
  language: string | null;
  /** False iff some diagnostic has severity "error". */
  ok: boolean;
  category: CategorySummary;
  diagnostics: Diagnostic[];
}

export interface IndexedValidationReport extends ValidationReport { index: number; }

export interface ValidateOptions {
  /** Unit of length limits: Unicode code points (default) or UTF-16 code units. */
  lengthUnit?: "characters" | "utf16";
  /** Per-rule overrides by code or name, e.g. { WP210: "off" }. */
  rules?: Record<string, "off" | "info" | "warning" | "error">;
  /** Locale codes to accept besides Meta's published list. */
  extraLanguages?: string[];
}

export interface RuleInfo {
  code: string;
  name: string;
  severity: Severity;
  summary: string;
  why: string;
  help: string | null;
  uncertain: boolean;
}

/** Thrown for input that is not usable at all. */
export interface WaPreflightError extends Error {
  code: "INVALID_JSON" | "EMPTY_INPUT" | "NOT_A_TEMPLATE" | "INVALID_OPTIONS" | "INVALID_ARGUMENT";
  line?: number;
  column?: number;
}
"#;

/// The package version.
#[wasm_bindgen]
pub fn version() -> String {
    crate::VERSION.to_string()
}

/// Validates one template (a JS object or its JSON text).
#[wasm_bindgen(js_name = validateTemplate, unchecked_return_type = "ValidationReport")]
pub fn validate_template(
    #[wasm_bindgen(unchecked_param_type = "TemplateInput")] template: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ValidateOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let options = read_options(&options)?;
    let value = read_input(&template, "template")?;
    to_js(&validate_value(&value, &options).map_err(throw)?)
}

/// Validates every template of a list: an array, a Graph API list response `{data: [...]}`,
/// a single object, or JSON / JSON Lines text. Each report carries its `index`.
#[wasm_bindgen(js_name = validateTemplates, unchecked_return_type = "IndexedValidationReport[]")]
pub fn validate_templates(
    #[wasm_bindgen(unchecked_param_type = "TemplateInput | TemplateInput[]")] input: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ValidateOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let options = read_options(&options)?;
    let items = match input.as_string() {
        Some(text) => parse_document(&text).map_err(throw)?,
        None => items_of(read_input(&input, "input")?),
    };
    #[derive(Serialize)]
    struct Indexed<T> {
        index: usize,
        #[serde(flatten)]
        report: T,
    }
    let reports: Vec<_> = items
        .iter()
        .enumerate()
        .map(|(index, item)| Indexed { index, report: validate_item(item, &options) })
        .collect();
    to_js(&reports)
}

/// Splits JSON or JSON Lines text into its items (objects, array elements, `data` entries).
/// Throws `INVALID_JSON` with the failing `line` and `column`.
#[wasm_bindgen(js_name = parseDocument, unchecked_return_type = "unknown[]")]
pub fn parse_document_js(#[wasm_bindgen(unchecked_param_type = "string")] text: JsValue) -> Result<JsValue, JsValue> {
    let Some(text) = text.as_string() else {
        return Err(throw(InputError::new("INVALID_ARGUMENT", "parseDocument expects a string")));
    };
    to_js(&parse_document(&text).map_err(throw)?)
}

/// The rule registry: every code with its name, severity and documentation.
#[wasm_bindgen(unchecked_return_type = "RuleInfo[]")]
pub fn rules() -> Result<JsValue, JsValue> {
    #[derive(Serialize)]
    struct Info {
        code: &'static str,
        name: &'static str,
        severity: crate::Severity,
        summary: &'static str,
        why: &'static str,
        help: Option<&'static str>,
        uncertain: bool,
    }
    let list: Vec<Info> = RULES
        .iter()
        .map(|r| Info {
            code: r.code,
            name: r.name,
            severity: r.severity,
            summary: r.summary,
            why: r.why,
            help: (!r.help.is_empty()).then_some(r.help),
            uncertain: r.uncertain,
        })
        .collect();
    to_js(&list)
}

fn read_input(v: &JsValue, what: &str) -> Result<Value, JsValue> {
    if let Some(text) = v.as_string() {
        return serde_json::from_str(text.strip_prefix('\u{feff}').unwrap_or(&text))
            .map_err(|e| throw(InputError::json(&e, 0)));
    }
    if v.is_undefined() || v.is_null() {
        return Err(throw(InputError::new("NOT_A_TEMPLATE", format!("expected a {what}, found {}", js_kind(v)))));
    }
    serde_wasm_bindgen::from_value(v.clone()).map_err(|e| {
        throw(InputError::new("NOT_A_TEMPLATE", format!("expected a {what} made of plain JSON values: {e}")))
    })
}

fn read_options(v: &JsValue) -> Result<ValidateOptions, JsValue> {
    // Every entry point reads options first: a good place to route panics to the console.
    console_error_panic_hook::set_once();
    if v.is_undefined() || v.is_null() {
        return Ok(ValidateOptions::default());
    }
    if !v.is_object() || js_sys::Array::is_array(v) {
        return Err(throw(InputError::new(
            "INVALID_OPTIONS",
            format!("options must be an object, found {}", js_kind(v)),
        )));
    }
    let value: Value = serde_wasm_bindgen::from_value(v.clone())
        .map_err(|e| throw(InputError::new("INVALID_OPTIONS", format!("invalid options: {e}"))))?;
    ValidateOptions::from_value(&value).map_err(throw)
}

fn js_kind(v: &JsValue) -> String {
    if v.is_null() {
        "null".into()
    } else if js_sys::Array::is_array(v) {
        "an array".into()
    } else {
        v.js_typeof().as_string().unwrap_or_else(|| "a value".into())
    }
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| throw(InputError::new("INVALID_ARGUMENT", format!("could not build the result: {e}"))))
}

/// A JS `Error` carrying the input error's code (and line/column for JSON errors).
fn throw(e: InputError) -> JsValue {
    let err = js_sys::Error::new(&e.message);
    err.set_name("WaPreflightError");
    let obj: &JsValue = err.as_ref();
    // Setting a property on a fresh Error object cannot fail.
    let _ = js_sys::Reflect::set(obj, &"code".into(), &e.code.into());
    if let Some(line) = e.line {
        let _ = js_sys::Reflect::set(obj, &"line".into(), &(line as f64).into());
    }
    if let Some(column) = e.column {
        let _ = js_sys::Reflect::set(obj, &"column".into(), &(column as f64).into());
    }
    err.into()
}
