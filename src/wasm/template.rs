//! Template calls: validate, classify, check free text, render a template or formatted text.

use wasm_bindgen::prelude::*;

use super::convert::{js_kind, read_input, read_options, read_struct, read_value, template_of, throw, to_js};
use crate::check::{check_content, validate_item, validate_value, ContentOptions};
use crate::entry::{self, IndexedReport, MarkupFormat, MarkupOptions};
use crate::input::{items_of, parse_document, InputError};
use crate::render::{render_template, RenderOptions};

/// The distinct keys of a text's placeholders, in order (`"Hi {{1}}, {{2}}"` → `["1", "2"]`),
/// as the rules read them: what a form asks values for.
#[wasm_bindgen(js_name = placeholderKeys, unchecked_return_type = "string[]")]
pub fn placeholder_keys(#[wasm_bindgen(unchecked_param_type = "string")] text: JsValue) -> Result<JsValue, JsValue> {
    let Some(text) = text.as_string() else {
        return Err(throw(InputError::new(
            "INVALID_ARGUMENT",
            format!("placeholderKeys expects a string, found {}", js_kind(&text)),
        )));
    };
    to_js(&crate::placeholder::keys_of(&text))
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
        None => items_of(read_input(&input, "template or list of templates")?),
    };
    let reports: Vec<IndexedReport> = items
        .iter()
        .enumerate()
        .map(|(index, item)| IndexedReport { index, report: validate_item(item, &options) })
        .collect();
    to_js(&reports)
}

/// Predicts the category Meta will give a template, from its content, with the reasons.
/// `options.lexicon` replaces the shipped word lists (same shape as `data/classify.json`).
#[wasm_bindgen(js_name = classifyTemplate, unchecked_return_type = "Classification")]
pub fn classify_template_js(
    #[wasm_bindgen(unchecked_param_type = "TemplateInput")] template: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "{ lexicon?: Record<string, unknown> }")] options: JsValue,
) -> Result<JsValue, JsValue> {
    console_error_panic_hook::set_once();
    let options: entry::ClassifyOptions = read_struct(&options)?;
    let template = template_of(&template)?;
    to_js(&options.classify(&template).map_err(throw)?)
}

/// Classifies free text as it is typed and lists the policy findings on it.
#[wasm_bindgen(js_name = checkContent, unchecked_return_type = "ContentCheck")]
pub fn check_content_js(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    #[wasm_bindgen(
        unchecked_optional_param_type = "{ language?: string; policy?: \"current\" | \"2019\"; category?: string; rules?: Record<string, \"off\" | \"info\" | \"warning\" | \"error\"> }"
    )]
    options: JsValue,
) -> Result<JsValue, JsValue> {
    console_error_panic_hook::set_once();
    let Some(text) = text.as_string() else {
        return Err(throw(InputError::new(
            "INVALID_ARGUMENT",
            format!("checkContent expects a string, found {}", js_kind(&text)),
        )));
    };
    let opts: ContentOptions = read_struct(&options)?;
    to_js(&check_content(&text, &opts))
}

/// Renders a template with parameter values: the whole bubble as text, nodes and escaped HTML.
#[wasm_bindgen(js_name = renderTemplate, unchecked_return_type = "TemplatePreview")]
pub fn render_template_js(
    #[wasm_bindgen(unchecked_param_type = "TemplateInput")] template: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "TemplateParams")] params: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "RenderOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    console_error_panic_hook::set_once();
    let options: RenderOptions = read_struct(&options)?;
    let template = template_of(&template)?;
    let params = read_value(&params, "INVALID_PARAMS")?;
    to_js(&render_template(&template, &params, &options).map_err(throw)?)
}

/// Renders WhatsApp-formatted text as `"html"` (default; every character escaped), `"text"`
/// (markers removed) or `"nodes"` (the block tree).
#[wasm_bindgen(js_name = renderMarkup, unchecked_return_type = "string | BlockNode[]")]
pub fn render_markup_js(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "\"html\" | \"text\" | \"nodes\"")] format: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "{ linksAsText?: boolean }")] options: JsValue,
) -> Result<JsValue, JsValue> {
    console_error_panic_hook::set_once();
    let Some(text) = text.as_string() else {
        return Err(throw(InputError::new(
            "INVALID_ARGUMENT",
            format!("renderMarkup expects a string, found {}", js_kind(&text)),
        )));
    };
    let format = match format.is_undefined() || format.is_null() {
        true => None,
        false => Some(format.as_string().unwrap_or_default()),
    };
    let format = MarkupFormat::from_name(format.as_deref()).map_err(throw)?;
    let options: MarkupOptions = read_struct(&options)?;
    to_js(&entry::render_markup(&text, format, &options))
}
