//! Send calls: a Cloud API send request checked (once, or against a held registry) or built.

use wasm_bindgen::prelude::*;

use super::convert::{read_input, read_text, read_value, template_of, text_or_value, throw, to_js};
use crate::entry::{self, SendCheck};
use crate::input::{items_of, InputError};
use crate::send::{build_send_payload, TemplateRegistry};
use serde_json::Value;

/// Checks a Cloud API send request; with `templates`, against the business's templates, and
/// with `state` and `now`, against the customer-service window.
#[wasm_bindgen(js_name = checkSend, unchecked_return_type = "SendReport")]
pub fn check_send_js(
    #[wasm_bindgen(unchecked_param_type = "Record<string, unknown> | string")] payload: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "SendOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    console_error_panic_hook::set_once();
    let opts = SendCheck::from_json(&read_text(&options, "INVALID_OPTIONS")?).map_err(throw)?;
    run_check(&payload, &opts, None)
}

/// Holds a compiled registry of the business's templates for repeated send checks.
#[wasm_bindgen]
pub struct SendChecker {
    registry: TemplateRegistry,
}

#[wasm_bindgen]
impl SendChecker {
    /// `templates`: a Graph API list response, an array of templates, or their JSON / JSON
    /// Lines text.
    #[wasm_bindgen(constructor)]
    pub fn new(#[wasm_bindgen(unchecked_param_type = "unknown")] templates: JsValue) -> Result<SendChecker, JsValue> {
        console_error_panic_hook::set_once();
        let registry = match templates.as_string() {
            Some(text) => TemplateRegistry::from_document(&text).map_err(throw)?,
            None => {
                // A list: an array, a list response `{data: [...]}` or one template (with a name).
                let value = match templates.is_object() {
                    true => read_input(&templates, "template list")?,
                    false => Value::Null,
                };
                let list =
                    value.is_array() || value.get("data").is_some_and(Value::is_array) || value.get("name").is_some();
                if !list {
                    return Err(throw(InputError::new(
                        "INVALID_ARGUMENT",
                        "SendChecker expects templates: an array, a list response {\"data\": [...]} or JSON text",
                    )));
                }
                TemplateRegistry::from_items(&items_of(value))
            }
        };
        Ok(SendChecker { registry })
    }

    /// The number of (name, language) templates held.
    #[wasm_bindgen(getter)]
    pub fn size(&self) -> usize {
        self.registry.len()
    }

    /// Checks one send request against the held templates.
    #[wasm_bindgen(unchecked_return_type = "SendReport")]
    pub fn check(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Record<string, unknown> | string")] payload: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "Omit<SendOptions, \"templates\">")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let opts = SendCheck::from_json(&read_text(&options, "INVALID_OPTIONS")?).map_err(throw)?;
        if opts.templates.is_some() {
            return Err(throw(InputError::new(
                "INVALID_OPTIONS",
                "a SendChecker holds its templates; pass them to the constructor",
            )));
        }
        run_check(&payload, &opts, Some(&self.registry))
    }
}

/// Builds the Cloud API send request for a template and its values.
#[wasm_bindgen(js_name = buildSendPayload, unchecked_return_type = "BuiltPayload")]
pub fn build_send_payload_js(
    #[wasm_bindgen(unchecked_param_type = "TemplateInput")] template: JsValue,
    #[wasm_bindgen(unchecked_param_type = "TemplateParams")] params: JsValue,
    #[wasm_bindgen(
        unchecked_param_type = "{ to: string; rules?: Record<string, \"off\" | \"info\" | \"warning\" | \"error\"> }"
    )]
    options: JsValue,
) -> Result<JsValue, JsValue> {
    console_error_panic_hook::set_once();
    let template = template_of(&template)?;
    let params = read_value(&params, "INVALID_PARAMS")?;
    let options = entry::BuildOptions::from_json(&read_text(&options, "INVALID_OPTIONS")?).map_err(throw)?;
    let (payload, diagnostics) = build_send_payload(&template, &params, &options.to, &options.rules).map_err(throw)?;
    to_js(&entry::BuiltPayload { payload, diagnostics })
}

fn run_check(payload: &JsValue, opts: &SendCheck, registry: Option<&TemplateRegistry>) -> Result<JsValue, JsValue> {
    // JSON text is the body as Meta receives it: one that is not an object is a finding (WP520,
    // answered 100); a JS value that is not an object is a wrong argument (NOT_A_PAYLOAD).
    let body = text_or_value(payload, "NOT_A_PAYLOAD")?;
    to_js(&opts.check(&body, registry, payload.is_string()).map_err(throw)?)
}
