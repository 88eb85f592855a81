//! WP0xx: the input's shape — field types, required fields, types wa-preflight does not know.

use super::Context;
use crate::diagnostic::Diagnostic;

declare_rules! {
    INVALID_FIELD_TYPE {
        code: "WP001",
        name: "invalid-field-type",
        stage: Shape,
        severity: Error,
        summary: "A field has the wrong JSON type (a number where a string belongs, an object where an array belongs).",
        why: "The Graph API rejects the request with a parameter error before any review (M-OV request body).",
        help: "give the field the type the Graph API expects",
        fires: [
            r#"{"name": 42, "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Your order has shipped and arrives tomorrow."}]}"#,
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": {"type": "BODY", "text": "x"}}"#,
        ],
        passes: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Your order has shipped and arrives tomorrow."}]}"#,
        ],
    }

    MISSING_FIELD {
        code: "WP002",
        name: "missing-field",
        stage: Shape,
        severity: Error,
        summary: "A required field is missing: `name`, `language`, `category` or `components` of a template, or `type` of a component or button.",
        why: "All four are required by `POST /{WABA_ID}/message_templates` (M-OV); a component or button without `type` cannot be read.",
        help: "add the missing field",
        fires: [
            r#"{"name": "order_update", "language": "en_US", "components": [{"type": "BODY", "text": "Your order has shipped today."}]}"#,
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"text": "Hello there, friend."}]}"#,
        ],
        passes: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Your order has shipped and arrives tomorrow."}]}"#,
        ],
    }

    UNKNOWN_COMPONENT_TYPE {
        code: "WP003",
        name: "unknown-component-type",
        stage: Shape,
        severity: Warning,
        summary: "A component `type` that is none of HEADER, BODY, FOOTER, BUTTONS, CAROUSEL, LIMITED_TIME_OFFER, CALL_PERMISSION_REQUEST.",
        why: "Meta only accepts the documented component types (M-COMP); a warning rather than an error because Meta adds types over time.",
        help: "check the spelling of the component type",
        fires: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Your order has shipped today."}, {"type": "TITLE", "text": "Hi"}]}"#,
        ],
        passes: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "header", "format": "text", "text": "Order update"}, {"type": "BODY", "text": "Your order has shipped today."}]}"#,
        ],
    }

    UNKNOWN_BUTTON_TYPE {
        code: "WP004",
        name: "unknown-button-type",
        stage: Shape,
        severity: Warning,
        summary: "A button `type` that is none of the documented button types.",
        why: "Meta accepts QUICK_REPLY, URL, PHONE_NUMBER, COPY_CODE, OTP, FLOW, CATALOG, MPM, SPM, VOICE_CALL, APP, CALL_PERMISSION_REQUEST and REQUEST_CONTACT_INFO (M-COMP, PYWA); a warning because Meta adds types over time.",
        help: "check the spelling of the button type",
        fires: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Your order has shipped today."}, {"type": "BUTTONS", "buttons": [{"type": "LINK", "text": "Open"}]}]}"#,
        ],
        passes: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Your order has shipped today."}, {"type": "BUTTONS", "buttons": [{"type": "URL", "text": "Open", "url": "https://shop.example.com/orders"}]}]}"#,
        ],
    }

    UNKNOWN_HEADER_FORMAT {
        code: "WP005",
        name: "unknown-header-format",
        stage: Shape,
        severity: Error,
        summary: "A HEADER `format` that is none of TEXT, IMAGE, VIDEO, GIF, DOCUMENT, LOCATION, PRODUCT.",
        why: "The header format decides what the header carries; Meta rejects other values (M-COMP).",
        help: "use TEXT, IMAGE, VIDEO, GIF, DOCUMENT or LOCATION",
        fires: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "HEADER", "format": "AUDIO"}, {"type": "BODY", "text": "Your order has shipped today."}]}"#,
        ],
        passes: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "HEADER", "format": "IMAGE", "example": {"header_handle": ["4::aW1hZ2UvanBlZw==:ARb"]}}, {"type": "BODY", "text": "Your order has shipped today."}]}"#,
        ],
    }

    DEPRECATED_FIELD {
        code: "WP006",
        name: "deprecated-field",
        stage: Shape,
        severity: Info,
        summary: "`allow_category_change`, which Meta no longer accepts.",
        why: "Since 2025-04-09 Meta re-categorises UTILITY templates it judges MARKETING at creation by default, and no longer accepts `allow_category_change` (M-CAT).",
        help: "remove `allow_category_change`",
        fires: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Your order has shipped and arrives tomorrow."}], "allow_category_change": true}"#,
        ],
        passes: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Your order has shipped and arrives tomorrow."}]}"#,
        ],
    }
}

#[inline(never)] // one function per stage: see `rules::run`
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
