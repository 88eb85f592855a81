//! JS values to JSON for the core's readers, results back to JS objects, and input errors to JS
//! `Error`s with a `code`.

use std::cell::RefCell;

use serde::Serialize;
use serde_json::Value;
use wasm_bindgen::prelude::*;

use crate::entry;
use crate::input::InputError;
use crate::template::read_template;
use crate::time::Timestamp;
use crate::wire::Wire;

/// A template from a JS object or JSON text.
pub(super) fn template_of(v: &JsValue) -> Result<crate::template::Template, JsValue> {
    let value = read_input(v, "template")?;
    let Some(obj) = value.as_object() else {
        return Err(throw(InputError::new(
            "NOT_A_TEMPLATE",
            format!("expected a template object, found {}", crate::template::json_kind(&value)),
        )));
    };
    Ok(read_template(obj, &mut Vec::new()))
}

/// JSON text parsed, or a plain JS value read.
pub(super) fn text_or_value(v: &JsValue, code: &'static str) -> Result<Value, JsValue> {
    match v.as_string() {
        Some(text) => serde_json::from_str(&text).map_err(|e| throw(InputError::json(&e, 0))),
        None => read_value(v, code),
    }
}

/// A plain JSON value (`undefined` reads as null); anything else is an error with `code`.
pub(super) fn read_value(v: &JsValue, code: &'static str) -> Result<Value, JsValue> {
    if v.is_undefined() || v.is_null() {
        return Ok(Value::Null);
    }
    js_to_json(v).map_err(|e| throw(InputError::new(code, format!("expected plain JSON values: {e}"))))
}

/// A plain JS value written as JSON text (`undefined` is `null`), for a core reader.
pub(super) fn read_text(v: &JsValue, code: &'static str) -> Result<String, JsValue> {
    js_to_text(v).map_err(|e| throw(InputError::new(code, format!("expected plain JSON values: {e}"))))
}

/// Options deserialized into their core struct (`undefined` and `null` are the defaults).
pub(super) fn read_struct<T: serde::de::DeserializeOwned + Default>(v: &JsValue) -> Result<T, JsValue> {
    entry::read_options(&read_text(v, "INVALID_OPTIONS")?).map_err(throw)
}

/// A time argument: a `Date` as its milliseconds, else ISO 8601 text or milliseconds as the
/// core's [`Timestamp`] reads them; `undefined` and `null` are none.
pub(super) fn read_time(v: &JsValue, name: &str) -> Result<Option<Timestamp>, JsValue> {
    let invalid = |m: String| throw(InputError::new("INVALID_ARGUMENT", format!("{name}: {m}")));
    if let Some(date) = v.dyn_ref::<js_sys::Date>() {
        return Timestamp::from_millis(date.get_time()).map(Some).map_err(invalid);
    }
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    serde_json::from_str(&read_text(v, "INVALID_ARGUMENT")?).map(Some).map_err(|e| invalid(e.to_string()))
}

pub(super) fn read_input(v: &JsValue, what: &str) -> Result<Value, JsValue> {
    if let Some(text) = v.as_string() {
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        if text.trim().is_empty() {
            return Err(throw(InputError::new("EMPTY_INPUT", "the input is empty")));
        }
        return serde_json::from_str(text).map_err(|e| throw(InputError::json(&e, 0)));
    }
    if v.is_undefined() || v.is_null() {
        return Err(throw(InputError::new("NOT_A_TEMPLATE", format!("expected a {what}, found {}", js_kind(v)))));
    }
    js_to_json(v).map_err(|e| {
        throw(InputError::new("NOT_A_TEMPLATE", format!("expected a {what} made of plain JSON values: {e}")))
    })
}

pub(super) fn read_options(v: &JsValue) -> Result<crate::check::ValidateOptions, JsValue> {
    // Every entry point reads options first: a good place to route panics to the console.
    console_error_panic_hook::set_once();
    entry::validate_options(&read_text(v, "INVALID_OPTIONS")?).map_err(throw)
}

/// Reads a JS value as JSON: the engine's `JSON.stringify`, then `serde_json`. Walking a JS
/// object from Rust recurses once per level, and a deep enough object (tens of thousands of
/// levels) overflows the WASM stack, which has no guard page: the instance is then corrupted for
/// good. This way the engine's own stack limit (a catchable `RangeError`) and serde_json's depth
/// limit (128) stop deep input with an error. Functions, symbols and `undefined` inside objects
/// are dropped, as `JSON.stringify` does; a BigInt is an error; lone surrogates become U+FFFD.
pub(super) fn js_to_json(v: &JsValue) -> Result<Value, String> {
    serde_json::from_str(&js_to_text(v)?).map_err(|e| e.to_string())
}

/// The JSON text of a JS value, as [`js_to_json`] reads it (`undefined` is `null`): what the core
/// readers of options deserialize their structs from.
pub(super) fn js_to_text(v: &JsValue) -> Result<String, String> {
    if v.is_undefined() {
        return Ok("null".into());
    }
    let text = js_sys::JSON::stringify(v).map_err(|e| match e.dyn_ref::<js_sys::Error>() {
        Some(err) => String::from(err.message()),
        None => "the value cannot be written as JSON".to_string(),
    })?;
    let Some(text) = text.as_string() else {
        return Err(format!("{} is not a JSON value", js_kind(v)));
    };
    // Nearly always nothing to repair: the text itself, not a copy.
    Ok(match crate::text::repair_lone_surrogate_escapes(&text) {
        std::borrow::Cow::Borrowed(_) => text,
        std::borrow::Cow::Owned(repaired) => repaired,
    })
}

pub(super) fn js_kind(v: &JsValue) -> String {
    if v.is_null() {
        "null".into()
    } else if js_sys::Array::is_array(v) {
        "an array".into()
    } else {
        v.js_typeof().as_string().unwrap_or_else(|| "a value".into())
    }
}

#[wasm_bindgen(module = "/src/wasm/wire.js")]
extern "C" {
    #[wasm_bindgen(js_name = wireDecode, catch)]
    fn wire_decode(tape: &[f64], text: &str) -> Result<JsValue, JsValue>;
}

thread_local! {
    static WIRE: RefCell<Wire> = RefCell::new(Wire::default());
}

/// A result as plain JS objects: written to the compact tape (`crate::wire`) and read back by
/// `wire.js` in one call.
pub(super) fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    let failed = |e: String| throw(InputError::new("INVALID_ARGUMENT", format!("could not build the result: {e}")));
    WIRE.with(|wire| {
        // Never busy: the decoder calls nothing of the module.
        let mut wire = wire.try_borrow_mut().map_err(|e| failed(e.to_string()))?;
        wire.encode(value).map_err(|e| failed(e.0))?;
        wire_decode(wire.tape(), wire.text()).inspect_err(|_| wire.restart())
    })
}

/// A JS `Error` carrying the input error's code (and line/column for JSON errors).
pub(super) fn throw(e: InputError) -> JsValue {
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
