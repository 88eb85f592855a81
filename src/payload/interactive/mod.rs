//! Interactive messages (free-form only): reply buttons, lists, call-to-action URLs, Flows,
//! location requests, addresses, catalogs, products and product lists, media and product
//! carousels, call-permission requests and call buttons (M-BTN, M-LIST, M-CTA, M-FLOW,
//! M-LOCREQ, M-ADDR, M-SHARE, M-MCAR, M-PCAR, M-CALLP, M-CALLB, M-OA InteractiveObject).
//!
//! The header, body and footer are checked against the interactive type; the action with the
//! table of that type. Meta refuses unknown keys in the `interactive` object itself ("Unexpected
//! key \"templateId\" on param \"interactive\""); below it that is not established, and SDKs send
//! keys Meta's pages do not list (`action.parameters.request_message` on location requests), so
//! an unknown key there warns. Types Meta's enumeration accepts but that are not documented for
//! businesses (`order_details`, `order_status` of payments and others) have their action
//! left alone.
//!
//! This file checks the message's frame (type, header, body, footer, action); `actions.rs` has
//! the actions of buttons, lists, links, Flows, location and address requests, catalogs and
//! products; `carousel.rs` those of carousels and calls.

mod actions;
mod carousel;

use serde_json::{Map, Value};

use super::media::media_source;
use super::schema::{as_object, as_text, check_object, text_limit, Field as F, Kind, Ty};
use super::{Cx, Path};
use crate::diagnostic::Diagnostic;
use crate::rules::payload as rules;
use actions::{
    ADDRESS_ACTION, BUTTON_ACTION, CATALOG_ACTION, CTA_URL_ACTION, FLOW_ACTION, LIST_ACTION, LOCATION_REQUEST_ACTION,
    PRODUCT_ACTION, PRODUCT_LIST_ACTION,
};
use carousel::{CALL_PERMISSION_ACTION, CAROUSEL_ACTION, VOICE_CALL_ACTION};

const S: Ty = Ty::Str;

/// Every `interactive.type` the Graph API's enumeration takes (as seen in its "must be one of"
/// answers, whatsapp-api-js#169) and Meta's pages document.
pub const INTERACTIVE_TYPES: &[&str] = &[
    "button",
    "list",
    "cta_url",
    "flow",
    "location_request_message",
    "address_message",
    "catalog_message",
    "product",
    "product_list",
    "carousel",
    "call_permission_request",
    "voice_call",
    // Asks the user to share their contact details (built by pywa 4.5, Graph API v26.0).
    "request_contact_info",
    "order_details",
    "order_status",
    "galaxy_message",
    "menu_options",
    "message_with_link",
    "message_with_link_status",
    "form_message",
];

pub static INTERACTIVE: Kind = Kind {
    what: "the interactive message",
    fields: &[
        F::new("type", S).required().one_of(INTERACTIVE_TYPES),
        F::new("header", Ty::Any),
        F::new("body", Ty::Obj(&BODY)),
        F::new("footer", Ty::Obj(&FOOTER)),
        F::new("action", Ty::Any),
    ],
    strict: true,
    extra: Some(check),
    ..Kind::INTERACTIVE
};

static BODY: Kind = Kind { what: "the body", fields: &[F::new("text", S).required()], ..Kind::INTERACTIVE };

static FOOTER: Kind = Kind {
    what: "the footer",
    fields: &[F::new("text", S).required().limit("interactive.footer")],
    ..Kind::INTERACTIVE
};

static HEADER: Kind = Kind {
    what: "the header",
    fields: &[
        F::new("type", S).required().one_of(&["text", "image", "video", "document"]),
        F::new("text", S).limit("interactive.header.text"),
        F::new("sub_text", S).limit("interactive.header.text"),
        F::new("image", Ty::Obj(&HEADER_MEDIA)),
        F::new("video", Ty::Obj(&HEADER_MEDIA)),
        F::new("document", Ty::Obj(&HEADER_DOCUMENT)),
    ],
    extra: Some(header_object),
    ..Kind::INTERACTIVE
};

pub(super) static HEADER_MEDIA: Kind = Kind {
    what: "the header media",
    fields: &[F::new("id", S), F::new("link", S)],
    extra: Some(media_source),
    ..Kind::INTERACTIVE
};

static HEADER_DOCUMENT: Kind = Kind {
    what: "the header document",
    fields: &[F::new("id", S), F::new("link", S), F::new("filename", S)],
    extra: Some(media_source),
    ..Kind::INTERACTIVE
};

/// A header of `type` carries that object (`{"type": "text", "text": …}`).
pub(super) fn header_object(obj: &Map<String, Value>, path: &Path, cx: &mut Cx) {
    let Some(ty) = obj.get("type").and_then(as_text).map(|t| t.to_ascii_lowercase()) else { return };
    let present = obj.get(ty.as_str()).is_some_and(|v| !v.is_null() && as_text(v).is_none_or(|t| !t.trim().is_empty()));
    if matches!(ty.as_str(), "text" | "image" | "video" | "document") && !present {
        cx.push(Diagnostic::new(
            &rules::INTERACTIVE_HEADER,
            path.key(&ty).to_string(),
            format!("a `{ty}` header needs its `{ty}`"),
        ));
    }
}

/// What a type takes: its header, whether a body is required, whether a footer is allowed,
/// the body's limit, and its action.
struct TypeRules {
    headers: &'static [&'static str],
    header_required: bool,
    body_required: bool,
    footer: bool,
    body_limit: &'static str,
    action: Option<&'static Kind>,
}

fn rules_of(ty: &str) -> Option<TypeRules> {
    const MEDIA: &[&str] = &["text", "image", "video", "document"];
    let r = |headers, body_required, footer, action| TypeRules {
        headers,
        header_required: false,
        body_required,
        footer,
        body_limit: "interactive.body",
        action: Some(action),
    };
    Some(match ty {
        "button" => r(MEDIA, true, true, &BUTTON_ACTION),
        "list" => TypeRules { body_limit: "list.body", ..r(&["text"], true, true, &LIST_ACTION) },
        "cta_url" => r(MEDIA, true, true, &CTA_URL_ACTION),
        "flow" => r(MEDIA, true, true, &FLOW_ACTION),
        "location_request_message" => r(&[], true, false, &LOCATION_REQUEST_ACTION),
        "address_message" => r(&[], true, true, &ADDRESS_ACTION),
        "catalog_message" => r(&[], true, true, &CATALOG_ACTION),
        "product" => r(&[], false, true, &PRODUCT_ACTION),
        "product_list" => TypeRules { header_required: true, ..r(&["text"], true, true, &PRODUCT_LIST_ACTION) },
        "carousel" => r(&[], true, false, &CAROUSEL_ACTION),
        "call_permission_request" => r(&[], false, false, &CALL_PERMISSION_ACTION),
        "voice_call" => r(MEDIA, false, true, &VOICE_CALL_ACTION),
        _ => return None,
    })
}

fn check(obj: &Map<String, Value>, path: &Path, cx: &mut Cx) {
    let Some(ty) = obj.get("type").and_then(as_text).map(|t| t.to_ascii_lowercase()) else { return };
    let header = obj.get("header").filter(|v| !v.is_null());
    // Types Meta's enumeration takes but that are not modelled here (payments' `order_details`
    // and `order_status`, whose headers carry a `provider`, and undocumented ones) are left alone.
    let Some(r) = rules_of(&ty) else { return };
    let hp = path.key("header");
    match header {
        None if r.header_required => cx.push(Diagnostic::new(
            &rules::INTERACTIVE_HEADER,
            hp.to_string(),
            format!("a `{ty}` message needs a text header"),
        )),
        None => {}
        Some(h) => match as_object(h) {
            None => cx.push(Diagnostic::new(
                &crate::rules::sending::INVALID_SEND_PAYLOAD,
                hp.to_string(),
                format!("`header` must be an object, found {}", crate::template::json_kind(h)),
            )),
            Some(h) => {
                let hty = h.get("type").and_then(as_text).map(|t| t.to_ascii_lowercase());
                match hty {
                    _ if r.headers.is_empty() => cx.push(Diagnostic::new(
                        &rules::INTERACTIVE_HEADER,
                        hp.to_string(),
                        format!("a `{ty}` message takes no header"),
                    )),
                    Some(hty) if HEADER_TYPES.contains(&hty.as_str()) && !r.headers.contains(&hty.as_str()) => {
                        cx.push(Diagnostic::new(
                            &rules::INTERACTIVE_HEADER,
                            hp.to_string(),
                            format!("a `{ty}` message takes a text header, not {hty}"),
                        ))
                    }
                    _ => check_object(&h, &HEADER, &hp, cx),
                }
            }
        },
    }
    let bp = path.key("body");
    match obj.get("body").filter(|v| !v.is_null()).and_then(as_object) {
        None if r.body_required && obj.get("body").is_none_or(Value::is_null) => cx.push(Diagnostic::new(
            &rules::MISSING_REQUIRED_FIELD,
            bp.to_string(),
            format!("a `{ty}` message needs a `body` with text"),
        )),
        Some(b) => {
            let tp = bp.key("text");
            if let Some(text) = b.get("text").and_then(as_text).filter(|t| !t.trim().is_empty()) {
                text_limit(&text, r.body_limit, &rules::INTERACTIVE_TEXT_TOO_LONG, &tp, cx);
            }
        }
        None => {}
    }
    if !r.footer && obj.get("footer").is_some_and(|f| !f.is_null()) {
        cx.push(Diagnostic::new(
            &rules::UNEXPECTED_KEY,
            path.key("footer").to_string(),
            format!("a `{ty}` message takes no footer"),
        ));
    }
    let ap = path.key("action");
    match obj.get("action").filter(|v| !v.is_null()) {
        None => cx.push(Diagnostic::new(
            &rules::MISSING_REQUIRED_FIELD,
            ap.to_string(),
            format!("a `{ty}` message needs an `action`"),
        )),
        Some(a) => match (as_object(a), r.action) {
            (Some(a), Some(kind)) => check_object(&a, kind, &ap, cx),
            (None, _) => cx.push(Diagnostic::new(
                &crate::rules::sending::INVALID_SEND_PAYLOAD,
                ap.to_string(),
                format!("`action` must be an object, found {}", crate::template::json_kind(a)),
            )),
            _ => {}
        },
    }
}

const HEADER_TYPES: &[&str] = &["text", "image", "video", "document"];
