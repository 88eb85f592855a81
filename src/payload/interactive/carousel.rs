//! The actions of media and product carousels (their cards), call-permission requests and
//! call buttons.

use std::collections::HashSet;

use serde_json::{Map, Value};

use super::actions::{unique_replies, CARD_CTA_PARAMETERS, PRODUCT_ACTION, REPLY};
use super::{header_object, HEADER_MEDIA};
use crate::diagnostic::Diagnostic;
use crate::payload::schema::{as_array, as_int, as_object, as_text, check_object, Field as F, Kind, Ty};
use crate::payload::{Cx, Path};
use crate::rules::payload as rules;

const S: Ty = Ty::Str;

pub(super) static CAROUSEL_ACTION: Kind = Kind {
    what: "the carousel action",
    fields: &[F::new("cards", Ty::List(&CAROUSEL_CARD)).required().limit("carousel.cards")],
    extra: Some(carousel_cards),
    ..Kind::INTERACTIVE
};

static CAROUSEL_CARD: Kind = Kind {
    what: "the card",
    fields: &[
        F::new("card_index", Ty::Int).required().limit("carousel.card_index"),
        F::new("type", S).required().one_of(&["cta_url", "product"]),
        F::new("header", Ty::Any),
        F::new("body", Ty::Obj(&CARD_BODY)),
        F::new("action", Ty::Any),
    ],
    extra: Some(carousel_card),
    ..Kind::INTERACTIVE
};

static CARD_BODY: Kind = Kind {
    what: "the card body",
    fields: &[F::new("text", S).required().limit("carousel.card.body")],
    extra: Some(card_body_lines),
    ..Kind::INTERACTIVE
};

/// A card body has at most two line breaks (M-MCAR).
fn card_body_lines(obj: &Map<String, Value>, path: &Path, cx: &mut Cx) {
    if let Some(t) = obj.get("text").and_then(as_text) {
        if t.matches('\n').count() > 2 {
            cx.push(Diagnostic::new(
                &rules::INVALID_FIELD_VALUE,
                path.key("text").to_string(),
                "a card body has at most 2 line breaks",
            ));
        }
    }
}

static CARD_CTA_ACTION: Kind = Kind {
    what: "the card's action",
    fields: &[
        F::new("name", S).required().one_of(&["cta_url"]),
        F::new("parameters", Ty::Obj(&CARD_CTA_PARAMETERS)).required(),
    ],
    ..Kind::INTERACTIVE
};

static CARD_REPLY_ACTION: Kind = Kind {
    what: "the card's buttons",
    fields: &[
        F::new("buttons", Ty::List(&CARD_REPLY_BUTTON)).required().limit("carousel.card.quick_replies"),
        // Reported with WP533 above when quick replies come with them.
        F::new("name", Ty::Any),
        F::new("parameters", Ty::Any),
    ],
    extra: Some(unique_card_buttons),
    ..Kind::INTERACTIVE
};

static CARD_REPLY_BUTTON: Kind = Kind {
    what: "the card's button",
    fields: &[F::new("type", S).required().one_of(&["quick_reply"]), F::new("quick_reply", Ty::Obj(&REPLY)).required()],
    ..Kind::INTERACTIVE
};

/// A card's quick replies have distinct titles and ids, as reply buttons do.
fn unique_card_buttons(obj: &Map<String, Value>, path: &Path, cx: &mut Cx) {
    unique_replies(obj, "quick_reply", "two of the card's buttons", path, cx);
}

static CARD_HEADER: Kind = Kind {
    what: "the card header",
    fields: &[
        F::new("type", S).required().one_of(&["image", "video"]),
        F::new("image", Ty::Obj(&HEADER_MEDIA)),
        F::new("video", Ty::Obj(&HEADER_MEDIA)),
    ],
    extra: Some(header_object),
    ..Kind::INTERACTIVE
};

/// A media card has an image or video header and a call-to-action; a product card names a
/// product and nothing else (M-MCAR, M-PCAR).
fn carousel_card(obj: &Map<String, Value>, path: &Path, cx: &mut Cx) {
    let ty = obj.get("type").and_then(as_text).map(|t| t.to_ascii_lowercase());
    let header = obj.get("header").filter(|v| !v.is_null());
    let action = obj.get("action").filter(|v| !v.is_null());
    let ap = path.key("action");
    match ty.as_deref() {
        Some("cta_url") => {
            match header.map(|h| (h, as_object(h))) {
                None => cx.push(Diagnostic::new(
                    &rules::INTERACTIVE_HEADER,
                    path.key("header").to_string(),
                    "a media card needs an image or video header",
                )),
                Some((_, Some(h))) => check_object(&h, &CARD_HEADER, &path.key("header"), cx),
                Some((h, None)) => wrong_type(h, "header", &path.key("header"), cx),
            }
            match action.map(|a| (a, as_object(a))) {
                None => cx.push(Diagnostic::new(
                    &rules::MISSING_REQUIRED_FIELD,
                    ap.to_string(),
                    "a media card needs an `action`: a call-to-action or quick-reply buttons",
                )),
                // Since 2026 a media card takes quick-reply buttons instead of its URL button
                // (M-MCAR, "one or more quick-reply buttons"; pywa 4.5 and Kapso build this form).
                Some((_, Some(a))) if a.contains_key("buttons") => {
                    if a.contains_key("name") || a.contains_key("parameters") {
                        cx.push(Diagnostic::new(
                            &rules::INVALID_FIELD_VALUE,
                            ap.to_string(),
                            "a card has one URL button or quick-reply buttons, never both",
                        ));
                    }
                    check_object(&a, &CARD_REPLY_ACTION, &ap, cx)
                }
                Some((_, Some(a))) => check_object(&a, &CARD_CTA_ACTION, &ap, cx),
                Some((a, None)) => wrong_type(a, "action", &ap, cx),
            }
        }
        Some("product") => {
            if header.is_some() {
                cx.push(Diagnostic::new(
                    &rules::INTERACTIVE_HEADER,
                    path.key("header").to_string(),
                    "a product card takes no header; the product's image is shown",
                ));
            }
            match action.map(|a| (a, as_object(a))) {
                None => cx.push(Diagnostic::new(
                    &rules::MISSING_REQUIRED_FIELD,
                    ap.to_string(),
                    "a product card needs an `action` naming the product",
                )),
                Some((_, Some(a))) => check_object(&a, &PRODUCT_ACTION, &ap, cx),
                Some((a, None)) => wrong_type(a, "action", &ap, cx),
            }
        }
        _ => {}
    }
}

fn wrong_type(v: &Value, key: &str, p: &Path, cx: &mut Cx) {
    cx.push(Diagnostic::new(
        &crate::rules::sending::INVALID_SEND_PAYLOAD,
        p.to_string(),
        format!("`{key}` must be an object, found {}", crate::template::json_kind(v)),
    ));
}

/// Unique card indexes; one card type, one header type and one catalog across the cards.
fn carousel_cards(obj: &Map<String, Value>, path: &Path, cx: &mut Cx) {
    let Some(cards) = obj.get("cards").and_then(as_array) else { return };
    let cp = path.key("cards");
    let mut seen = HashSet::new();
    let text = |v: Option<&Value>| v.and_then(as_text).map(|t| t.to_ascii_lowercase());
    let (mut first_type, mut first_header, mut first_catalog, mut first_action) = (None, None, None, None);
    for (i, card) in cards.iter().enumerate() {
        let ip = cp.index(i);
        if let Some(n) = card.get("card_index").and_then(as_int) {
            if !seen.insert(n) {
                cx.push(Diagnostic::new(
                    &rules::INTERACTIVE_DUPLICATE,
                    ip.key("card_index").to_string(),
                    format!("two cards have `card_index` {n}"),
                ));
            }
        }
        let differ = |first: &mut Option<String>, now: Option<String>, what: &str, key: &str, cx: &mut Cx| {
            let Some(now) = now else { return };
            match first {
                None => *first = Some(now),
                Some(f) if *f != now => cx.push(Diagnostic::new(
                    &rules::CAROUSEL_CARDS_DIFFER,
                    ip.key(key).to_string(),
                    format!("card {i} has {what} `{now}`, card 0 has `{f}`"),
                )),
                Some(_) => {}
            }
        };
        differ(&mut first_type, text(card.get("type")), "the type", "type", cx);
        differ(
            &mut first_header,
            text(card.get("header").and_then(|h| h.get("type"))),
            "a header of type",
            "header",
            cx,
        );
        differ(
            &mut first_catalog,
            text(card.get("action").and_then(|a| a.get("catalog_id"))),
            "the catalog",
            "action",
            cx,
        );
        // Button types and numbers match across the cards (M-MCAR).
        let action = card.get("action");
        let buttons = action.and_then(|a| a.get("buttons")).and_then(Value::as_array).map(Vec::len);
        let kind = buttons
            .map(|n| format!("{n} quick-reply buttons"))
            .or_else(|| text(action.and_then(|a| a.get("name"))).map(|n| format!("a {n} button")));
        differ(&mut first_action, kind, "the buttons", "action", cx);
    }
}

pub(super) static CALL_PERMISSION_ACTION: Kind = Kind {
    what: "the call-permission action",
    fields: &[F::new("name", S).required().one_of(&["call_permission_request"])],
    ..Kind::INTERACTIVE
};

pub(super) static VOICE_CALL_ACTION: Kind = Kind {
    what: "the call-button action",
    fields: &[
        F::new("name", S).required().one_of(&["voice_call"]),
        F::new("parameters", Ty::Obj(&VOICE_CALL_PARAMETERS)),
    ],
    ..Kind::INTERACTIVE
};

static VOICE_CALL_PARAMETERS: Kind = Kind {
    what: "the call-button parameters",
    fields: &[
        F::new("display_text", S).limit("voice_call.display_text"),
        F::new("ttl_minutes", Ty::Int).limit("voice_call.ttl_minutes"),
        F::new("payload", S).limit("voice_call.payload"),
    ],
    ..Kind::INTERACTIVE
};
