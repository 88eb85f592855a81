//! WP0xx: the input's shape — field types, required fields, types wa-preflight does not know.

use super::{Context, Rule};
use crate::diagnostic::{Diagnostic, Severity};

pub static INVALID_FIELD_TYPE: Rule = Rule {
    code: "WP001",
    name: "invalid-field-type",
    severity: Severity::Error,
    summary: "A field has the wrong JSON type (a number where a string belongs, an object where an array belongs).",
    why: "The Graph API rejects the request with a parameter error before any review (M-OV request body).",
    help: "give the field the type the Graph API expects",
    fires: r#"`"name": 42` or `"components": {"type": "BODY"}`"#,
    passes: r#"`"name": "order_update"`"#,
    uncertain: false,
    meta_error: None,
};

pub static MISSING_FIELD: Rule = Rule {
    code: "WP002",
    name: "missing-field",
    severity: Severity::Error,
    summary: "A required field is missing: `name`, `language`, `category` or `components` of a template, or `type` of a component or button.",
    why: "All four are required by `POST /{WABA_ID}/message_templates` (M-OV); a component or button without `type` cannot be read.",
    help: "add the missing field",
    fires: r#"`{"name": "order_update", "language": "en_US", "components": [...]}` (no category)"#,
    passes: "the same with `\"category\": \"UTILITY\"`",
    uncertain: false,
    meta_error: None,
};

pub static UNKNOWN_COMPONENT_TYPE: Rule = Rule {
    code: "WP003",
    name: "unknown-component-type",
    severity: Severity::Warning,
    summary: "A component `type` that is none of HEADER, BODY, FOOTER, BUTTONS, CAROUSEL, LIMITED_TIME_OFFER, CALL_PERMISSION_REQUEST.",
    why: "Meta only accepts the documented component types (M-COMP); a warning rather than an error because Meta adds types over time.",
    help: "check the spelling of the component type",
    fires: r#"`{"type": "TITLE", "text": "Hi"}`"#,
    passes: r#"`{"type": "header", "format": "TEXT", "text": "Hi"}` (any casing)"#,
    uncertain: false,
    meta_error: None,
};

pub static UNKNOWN_BUTTON_TYPE: Rule = Rule {
    code: "WP004",
    name: "unknown-button-type",
    severity: Severity::Warning,
    summary: "A button `type` that is none of the documented button types.",
    why: "Meta accepts QUICK_REPLY, URL, PHONE_NUMBER, COPY_CODE, OTP, FLOW, CATALOG, MPM, SPM, VOICE_CALL, APP, CALL_PERMISSION_REQUEST and REQUEST_CONTACT_INFO (M-COMP, PYWA); a warning because Meta adds types over time.",
    help: "check the spelling of the button type",
    fires: r#"`{"type": "LINK", "text": "Open"}`"#,
    passes: r#"`{"type": "URL", "text": "Open", "url": "https://example.com"}`"#,
    uncertain: false,
    meta_error: None,
};

pub static UNKNOWN_HEADER_FORMAT: Rule = Rule {
    code: "WP005",
    name: "unknown-header-format",
    severity: Severity::Error,
    summary: "A HEADER `format` that is none of TEXT, IMAGE, VIDEO, GIF, DOCUMENT, LOCATION, PRODUCT.",
    why: "The header format decides what the header carries; Meta rejects other values (M-COMP).",
    help: "use TEXT, IMAGE, VIDEO, GIF, DOCUMENT or LOCATION",
    fires: r#"`{"type": "HEADER", "format": "AUDIO"}`"#,
    passes: r#"`{"type": "HEADER", "format": "IMAGE", ...}`"#,
    uncertain: false,
    meta_error: None,
};

pub static DEPRECATED_FIELD: Rule = Rule {
    code: "WP006",
    name: "deprecated-field",
    severity: Severity::Info,
    summary: "`allow_category_change`, which Meta no longer accepts.",
    why: "Since 2025-04-09 Meta re-categorises UTILITY templates it judges MARKETING at creation by default, and no longer accepts `allow_category_change` (M-CAT).",
    help: "remove `allow_category_change`",
    fires: r#"`"allow_category_change": true`"#,
    passes: "a template without the field",
    uncertain: false,
    meta_error: None,
};

pub fn check(cx: &mut Context) {
    let t = cx.template;
    let mut missing = Vec::new();
    if t.name.is_none() {
        missing.push(("name", "give the template a `name` (lowercase letters, digits and underscores)"));
    }
    if t.language.is_none() {
        missing.push(("language", "set `language` to a locale code such as `en_US`, `it` or `pt_BR`"));
    }
    if t.category.is_none() {
        missing.push(("category", "set `category` to MARKETING, UTILITY or AUTHENTICATION"));
    }
    if t.components.is_empty() {
        missing.push(("components", "add `components` with at least a BODY"));
    }
    for (field, help) in missing {
        cx.report(Diagnostic::new(&MISSING_FIELD, field, format!("template has no `{field}`")).help(help));
    }
    if t.allow_category_change {
        cx.report(Diagnostic::new(
            &DEPRECATED_FIELD,
            "allow_category_change",
            "`allow_category_change` is no longer accepted",
        ));
    }
}
