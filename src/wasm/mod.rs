//! The JavaScript binding: the only module that names wasm-bindgen types. Each function takes
//! plain JS values (or JSON text), turns them into JSON for the core's readers, calls the core,
//! and returns plain JS objects; misuse throws an `Error` with a `code` (`INVALID_JSON`,
//! `EMPTY_INPUT`, `NOT_A_TEMPLATE`, `INVALID_OPTIONS`, `INVALID_ARGUMENT`, …). It converts and
//! never decides: options are core structs (`crate::entry`), times the core's `Timestamp`.
//!
//! `convert.rs` turns JS values into JSON and errors into JS `Error`s; `template.rs` exports the
//! template calls (validate, classify, content, render), `send.rs` the send checks, `pricing.rs`
//! the cost, window and market calls, and `types.rs` the TypeScript declarations; the few
//! calls about the package itself are here.

use wasm_bindgen::prelude::*;

use crate::entry;
use crate::input::{parse_document, InputError};

mod convert;
mod pricing;
mod send;
mod template;
mod types;

pub use template::{validate_template, validate_templates};

use convert::{throw, to_js};

/// The package version.
#[wasm_bindgen]
pub fn version() -> String {
    crate::VERSION.to_string()
}

/// The data files embedded in this build, with the date each describes and the day it was last
/// checked against its sources.
#[wasm_bindgen(js_name = dataFiles, unchecked_return_type = "DataFile[]")]
pub fn data_files() -> Result<JsValue, JsValue> {
    to_js(&entry::data_files())
}

/// The size of this instance's linear memory in bytes. It grows in 64 KiB pages and never
/// shrinks: watch it in long-lived workers (the hostile-input test does, over a million calls).
#[wasm_bindgen(js_name = memoryBytes)]
pub fn memory_bytes() -> f64 {
    wasm_bindgen::memory()
        .unchecked_into::<js_sys::WebAssembly::Memory>()
        .buffer()
        .unchecked_into::<js_sys::ArrayBuffer>()
        .byte_length() as f64
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
    to_js(&entry::rule_infos())
}
