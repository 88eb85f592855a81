//! The objects of a Cloud API send request, as Meta documents them (M-SEND and each message
//! type's page, M-OA; see `data/send-limits.json` for the source keys). A key that appears in
//! any of Meta's examples or in its OpenAPI spec is listed, so that a documented request is
//! never refused for its keys.

use serde_json::{Map, Value};

use super::schema::{as_text, Field as F, Kind, Ty};
use super::{interactive, media, Cx, Path};
use crate::diagnostic::Diagnostic;
use crate::rules::{payload as rules, sending};

const S: Ty = Ty::Str;

/// A request body for `/messages` (M-SEND, M-OA MessageRequest).
pub static MESSAGE: Kind = Kind {
    what: "the request",
    fields: &[
        F::new("messaging_product", S),
        F::new("recipient_type", S).one_of(&["individual", "group"]),
        F::new("to", S),
        // A BSUID or parent BSUID beside or instead of `to`; `to` wins when both are given
        // (M-BSUID, 2026-06-29).
        F::new("recipient", S),
        F::new("type", S).one_of(super::MESSAGE_TYPES),
        F::new("context", Ty::Obj(&CONTEXT)),
        F::new("biz_opaque_callback_data", S).limit("biz_opaque_callback_data"),
        F::new("recipient_identity_key_hash", S),
        F::new("text", Ty::Obj(&TEXT)),
        F::new("image", Ty::Obj(&media::IMAGE)),
        F::new("video", Ty::Obj(&media::VIDEO)),
        F::new("audio", Ty::Obj(&media::AUDIO)),
        F::new("document", Ty::Obj(&media::DOCUMENT)),
        F::new("sticker", Ty::Obj(&media::STICKER)),
        F::new("location", Ty::Obj(&LOCATION)),
        F::new("contacts", Ty::List(&CONTACT)).limit("contacts.count"),
        F::new("interactive", Ty::Obj(&interactive::INTERACTIVE)),
        F::new("template", Ty::Obj(&TEMPLATE)),
        F::new("reaction", Ty::Obj(&REACTION)),
        F::new("pin", Ty::Obj(&PIN)),
    ],
    extra: Some(envelope),
    ..Kind::MESSAGE
};

/// A request body for `/marketing_messages` (M-MM, M-OA MarketingMessageRequestPayload): the
/// same, with two keys of its own.
pub static MARKETING_MESSAGE: Kind = Kind {
    what: "the request",
    fields: &[
        F::new("messaging_product", S),
        F::new("recipient_type", S).one_of(&["individual"]),
        F::new("to", S),
        F::new("recipient", S),
        F::new("type", S).one_of(super::MESSAGE_TYPES),
        F::new("context", Ty::Obj(&CONTEXT)),
        F::new("biz_opaque_callback_data", S).limit("biz_opaque_callback_data"),
        F::new("recipient_identity_key_hash", S),
        F::new("template", Ty::Obj(&TEMPLATE)),
        F::new("product_policy", S).one_of(&["CLOUD_API_FALLBACK", "STRICT"]),
        F::new("message_activity_sharing", Ty::Bool),
        // Max price, a beta from 2026-05-15 (M-MM).
        F::new("bid_spec", Ty::Obj(&BID_SPEC)),
        // Other message objects are refused by the endpoint rule (WP550), not as unknown keys.
        F::new("text", Ty::Any),
        F::new("image", Ty::Any),
        F::new("video", Ty::Any),
        F::new("audio", Ty::Any),
        F::new("document", Ty::Any),
        F::new("sticker", Ty::Any),
        F::new("location", Ty::Any),
        F::new("contacts", Ty::Any),
        F::new("interactive", Ty::Any),
        F::new("reaction", Ty::Any),
    ],
    extra: Some(envelope),
    ..Kind::MESSAGE
};

static BID_SPEC: Kind = Kind {
    what: "the max price",
    fields: &[F::new("per_message_bid_multiplier", Ty::Num)],
    strict: false,
    extra: Some(positive_multiplier),
    ..Kind::MESSAGE
};

fn positive_multiplier(obj: &Map<String, Value>, path: &Path, cx: &mut Cx) {
    if obj.get("per_message_bid_multiplier").and_then(super::as_number).is_some_and(|m| m <= 0.0) {
        cx.push(Diagnostic::new(
            &rules::INVALID_FIELD_VALUE,
            path.key("per_message_bid_multiplier").to_string(),
            "`per_message_bid_multiplier` must be a positive number",
        ));
    }
}

/// A read receipt, with or without a typing indicator (M-READ).
pub static READ_RECEIPT: Kind = Kind {
    what: "the read receipt",
    fields: &[
        F::new("messaging_product", S),
        F::new("status", S).required().one_of(&["read"]),
        F::new("message_id", S).required().limit("message_id"),
        F::new("typing_indicator", Ty::Obj(&TYPING_INDICATOR)),
        // Not in Meta's examples of a read receipt, but harmless (M-OA MarkMessageRequestPayload).
        F::new("recipient_type", S),
        F::new("to", S),
    ],
    extra: Some(messaging_product),
    ..Kind::MESSAGE
};

static TYPING_INDICATOR: Kind =
    Kind { what: "the typing indicator", fields: &[F::new("type", S).required().one_of(&["text"])], ..Kind::MESSAGE };

static CONTEXT: Kind =
    Kind { what: "`context`", fields: &[F::new("message_id", S).required().limit("message_id")], ..Kind::MESSAGE };

fn messaging_product(obj: &Map<String, Value>, _: &Path, cx: &mut Cx) {
    match obj.get("messaging_product").and_then(as_text) {
        Some(p) if p == "whatsapp" => {}
        Some(p) => cx.push(Diagnostic::new(
            &sending::INVALID_SEND_PAYLOAD,
            "messaging_product",
            format!("`messaging_product` must be `whatsapp`, not `{p}`"),
        )),
        None if obj.get("messaging_product").is_some_and(|v| !v.is_null()) => {}
        None => cx.push(Diagnostic::new(
            &rules::MISSING_REQUIRED_FIELD,
            "messaging_product",
            "the request has no `messaging_product: \"whatsapp\"`",
        )),
    }
}

/// `messaging_product`; the object that `type` names, and no other message object; groups.
fn envelope(obj: &Map<String, Value>, path: &Path, cx: &mut Cx) {
    messaging_product(obj, path, cx);
    let ty = obj.get("type").and_then(as_text).map_or_else(|| "text".to_string(), |t| t.to_ascii_lowercase());
    if !super::MESSAGE_TYPES.contains(&ty.as_str()) {
        return;
    }
    let present: Vec<&str> = super::MESSAGE_TYPES.iter().copied().filter(|t| obj.contains_key(*t)).collect();
    if !obj.contains_key("type") && !present.contains(&"text") {
        // Without `type` a request is a text message (M-REF); one with only another message's
        // object lacks its `type`.
        if let [only] = present.as_slice() {
            cx.push(Diagnostic::new(
                &rules::MISSING_REQUIRED_FIELD,
                "type",
                format!("the request has no `type`; Meta reads it as text, so an `{only}` message needs `\"type\": \"{only}\"`"),
            ));
            return;
        }
    }
    if obj.get(ty.as_str()).is_none_or(Value::is_null) {
        cx.push(Diagnostic::new(
            &rules::MISSING_REQUIRED_FIELD,
            ty.clone(),
            format!("a `{ty}` message needs a `{ty}` object"),
        ));
    }
    if cx.endpoint == super::Endpoint::Messages {
        for other in super::MESSAGE_TYPES.iter().filter(|t| **t != ty && obj.contains_key(**t)) {
            cx.push(Diagnostic::new(
                &rules::UNEXPECTED_KEY,
                *other,
                format!("a `{ty}` message does not take a `{other}` object"),
            ));
        }
    }
    let group = obj.get("recipient_type").and_then(as_text).is_some_and(|t| t.eq_ignore_ascii_case("group"));
    let group_type = matches!(ty.as_str(), "text" | "image" | "video" | "audio" | "document" | "template" | "pin");
    if group && !group_type {
        cx.push(Diagnostic::new(
            &rules::GROUP_MESSAGE_TYPE,
            "type",
            format!("Meta does not list `{ty}` among the message types groups take"),
        ));
    } else if !group && ty == "pin" {
        cx.push(Diagnostic::new(
            &rules::GROUP_MESSAGE_TYPE,
            "type",
            "pins are only for groups (`recipient_type: \"group\"`)",
        ));
    }
    if ty == "reaction" && obj.get("context").is_some_and(|c| !c.is_null()) {
        cx.push(Diagnostic::new(
            &rules::INVALID_FIELD_VALUE,
            "context",
            "a reaction cannot be sent as a contextual reply; it names its message in `reaction.message_id`",
        ));
    }
}

static TEXT: Kind = Kind {
    what: "`text`",
    fields: &[F::new("body", S).required().limit("text.body"), F::new("preview_url", Ty::Bool)],
    ..Kind::MESSAGE
};

static LOCATION: Kind = Kind {
    what: "the location",
    fields: &[
        F::new("latitude", Ty::Num).required(),
        F::new("longitude", Ty::Num).required(),
        F::new("name", S),
        F::new("address", S),
    ],
    extra: Some(coordinates),
    ..Kind::MESSAGE
};

/// Latitude within ±90 and longitude within ±180 degrees (M-LOC).
pub fn coordinates(obj: &Map<String, Value>, path: &Path, cx: &mut Cx) {
    for (key, max) in [("latitude", 90.0), ("longitude", 180.0)] {
        if obj.get(key).and_then(super::as_number).is_some_and(|v| v.abs() > max) {
            cx.push(Diagnostic::new(
                &rules::INVALID_FIELD_VALUE,
                path.key(key).to_string(),
                format!("`{key}` must be between -{max} and {max} degrees"),
            ));
        }
    }
}

static CONTACT: Kind = Kind {
    what: "the contact",
    fields: &[
        F::new("addresses", Ty::List(&CONTACT_ADDRESS)),
        F::new("birthday", S),
        F::new("emails", Ty::List(&CONTACT_EMAIL)),
        F::new("name", Ty::Obj(&CONTACT_NAME)).required(),
        F::new("org", Ty::Obj(&CONTACT_ORG)),
        F::new("phones", Ty::List(&CONTACT_PHONE)),
        F::new("urls", Ty::List(&CONTACT_URL)),
    ],
    extra: Some(birthday),
    ..Kind::MESSAGE
};

fn birthday(obj: &Map<String, Value>, path: &Path, cx: &mut Cx) {
    let Some(b) = obj.get("birthday").and_then(as_text) else { return };
    let bytes = b.as_bytes();
    let shape = bytes.len() == 10
        && bytes.iter().enumerate().all(|(i, c)| if i == 4 || i == 7 { *c == b'-' } else { c.is_ascii_digit() });
    let month = b.get(5..7).and_then(|m| m.parse::<u8>().ok()).is_some_and(|m| (1..=12).contains(&m));
    let day = b.get(8..10).and_then(|d| d.parse::<u8>().ok()).is_some_and(|d| (1..=31).contains(&d));
    if !(shape && month && day) {
        cx.push(Diagnostic::new(
            &rules::INVALID_FIELD_VALUE,
            path.key("birthday").to_string(),
            format!("`birthday` is `{b}`; write it YYYY-MM-DD"),
        ));
    }
}

static CONTACT_NAME: Kind = Kind {
    what: "the contact's name",
    fields: &[
        F::new("formatted_name", S).required(),
        F::new("first_name", S),
        F::new("last_name", S),
        F::new("middle_name", S),
        F::new("suffix", S),
        F::new("prefix", S),
    ],
    ..Kind::MESSAGE
};
static CONTACT_ADDRESS: Kind = Kind {
    what: "the contact's address",
    fields: &[
        F::new("street", S),
        F::new("city", S),
        F::new("state", S),
        F::new("zip", S),
        F::new("country", S),
        F::new("country_code", S),
        F::new("type", S),
    ],
    ..Kind::MESSAGE
};
static CONTACT_EMAIL: Kind =
    Kind { what: "the contact's email", fields: &[F::new("email", S), F::new("type", S)], ..Kind::MESSAGE };
static CONTACT_ORG: Kind = Kind {
    what: "the contact's organisation",
    fields: &[F::new("company", S), F::new("department", S), F::new("title", S)],
    ..Kind::MESSAGE
};
static CONTACT_PHONE: Kind = Kind {
    what: "the contact's phone",
    fields: &[F::new("phone", S), F::new("type", S), F::new("wa_id", S)],
    ..Kind::MESSAGE
};
static CONTACT_URL: Kind =
    Kind { what: "the contact's URL", fields: &[F::new("url", S), F::new("type", S)], ..Kind::MESSAGE };

static REACTION: Kind = Kind {
    what: "the reaction",
    // An empty `emoji` removes a reaction (S-WAJS), so only its presence is required.
    fields: &[F::new("message_id", S).required().limit("message_id"), F::new("emoji", S).required().blank_ok()],
    ..Kind::MESSAGE
};

static PIN: Kind = Kind {
    what: "the pin",
    fields: &[
        F::new("type", S).required().one_of(&["pin", "unpin"]),
        F::new("message_id", S).required().limit("message_id"),
        F::new("expiration_days", Ty::Int),
    ],
    extra: Some(pin_days),
    ..Kind::MESSAGE
};

fn pin_days(obj: &Map<String, Value>, path: &Path, cx: &mut Cx) {
    let pinning = obj.get("type").and_then(as_text).is_some_and(|t| t.eq_ignore_ascii_case("pin"));
    match obj.get("expiration_days").and_then(super::as_int) {
        None if pinning && obj.get("expiration_days").is_none_or(Value::is_null) => cx.push(Diagnostic::new(
            &rules::MISSING_REQUIRED_FIELD,
            path.key("expiration_days").to_string(),
            "a pin needs `expiration_days` (1 to 30)",
        )),
        Some(d) if !(1..=30).contains(&d) => cx.push(Diagnostic::new(
            &rules::INVALID_FIELD_VALUE,
            path.key("expiration_days").to_string(),
            format!("`expiration_days` is {d}; it must be between 1 and 30"),
        )),
        _ => {}
    }
}

/// A template message (M-OA TemplateObject, M-TOV). What the components must hold for the
/// template at hand is `params.rs`'s job; here, their shape.
pub static TEMPLATE: Kind = Kind {
    what: "the template",
    fields: &[
        F::new("name", S).required(),
        F::new("language", Ty::Obj(&LANGUAGE)).required(),
        F::new("components", Ty::List(&COMPONENT)),
    ],
    strict: true,
    ..Kind::TEMPLATE
};

/// `policy` is only `deterministic`; Meta refuses other keys here (WhatsApp-Nodejs-SDK#21).
static LANGUAGE: Kind = Kind {
    what: "the template language",
    fields: &[F::new("code", S).required(), F::new("policy", S).one_of(&["deterministic"])],
    strict: true,
    ..Kind::TEMPLATE
};

/// Component types of a template send (M-OA, M-MCT, M-LTO, M-TAP).
pub const COMPONENT_TYPES: &[&str] =
    &["header", "body", "button", "carousel", "limited_time_offer", "tap_target_configuration"];

static COMPONENT: Kind = Kind {
    what: "the component",
    fields: &[
        F::new("type", S).required().one_of(COMPONENT_TYPES),
        F::new("sub_type", S),
        F::new("index", S),
        F::new("parameters", Ty::List(&PARAMETER)),
        F::new("cards", Ty::List(&CARD)),
    ],
    ..Kind::TEMPLATE
};

static CARD: Kind = Kind {
    what: "the carousel card",
    fields: &[F::new("card_index", Ty::Int), F::new("components", Ty::List(&COMPONENT))],
    ..Kind::TEMPLATE
};

/// Parameter types of a template send (M-OA ParameterObject, M-SPM, M-PCT, M-LTO, M-COUP,
/// M-FLOW, M-CALLB, M-TAP; `order_status` and `order_details` for payments).
pub const PARAMETER_TYPES: &[&str] = &[
    "text",
    "currency",
    "date_time",
    "image",
    "video",
    "document",
    "location",
    "product",
    "payload",
    "coupon_code",
    "action",
    "limited_time_offer",
    "ttl_minutes",
    "tap_target_configuration",
    "order_status",
    "order_details",
    "group_id",
];

static PARAMETER: Kind = Kind {
    what: "the parameter",
    fields: &[
        F::new("type", S).required().one_of(PARAMETER_TYPES),
        F::new("parameter_name", S),
        F::new("text", S),
        F::new("currency", Ty::Any),
        F::new("date_time", Ty::Any),
        F::new("image", Ty::Any),
        F::new("video", Ty::Any),
        F::new("document", Ty::Any),
        F::new("location", Ty::Any),
        F::new("product", Ty::Any),
        F::new("payload", S),
        F::new("coupon_code", S),
        F::new("action", Ty::Any),
        F::new("limited_time_offer", Ty::Any),
        F::new("ttl_minutes", Ty::Int),
        F::new("tap_target_configuration", Ty::Any),
        F::new("order_status", Ty::Any),
        F::new("order_details", Ty::Any),
        // A group's invite link in a body (M-GRP reference).
        F::new("group_id", S),
        // India's enhanced payment links, on a URL button's text (M-PAY-IN).
        F::new("payment_link_preview", Ty::Bool),
    ],
    extra: Some(parameter_value),
    ..Kind::TEMPLATE
};

/// A parameter carries the value its `type` names: `{"type": "text", "text": …}`.
fn parameter_value(obj: &Map<String, Value>, path: &Path, cx: &mut Cx) {
    let Some(ty) = obj.get("type").and_then(as_text).map(|t| t.to_ascii_lowercase()) else { return };
    if !PARAMETER_TYPES.contains(&ty.as_str()) {
        return;
    }
    if obj.get(ty.as_str()).is_none_or(Value::is_null) {
        cx.push(Diagnostic::new(
            &rules::MISSING_REQUIRED_FIELD,
            path.key(&ty).to_string(),
            format!("a `{ty}` parameter needs its value in `{ty}`"),
        ));
    }
}
