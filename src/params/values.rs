//! What can be told from the given values alone, with or without the template: a value of the
//! wrong shape for its type, a button component without `sub_type` or with `index: 10`,
//! named and positional values mixed in one component, an over-long coupon.

use std::collections::HashSet;

use serde_json::Value;

use super::{Given, GivenButton, Param, ParamValue};
use crate::diagnostic::Diagnostic;
use crate::payload::{as_int, as_number, as_text, has_http_scheme, Cx};
use crate::rules::{payload as shape, sending};

/// The `sub_type`s the Graph API takes for a button component (its "must be one of" answer,
/// frappe_whatsapp#188, 2026-01).
pub const BUTTON_SUB_TYPES: &[&str] = &[
    "booking_confirmation",
    "catalog",
    "copy_code",
    "flow",
    "mpm",
    "order_details",
    "quick_reply",
    "reminder",
    "url",
    "voice_call",
];

/// Parameter types a header takes (M-OA, M-TCOMP, M-SPM) and a body takes ("only currency,
/// date_time and text", M-OA BodyComponent).
const HEADER_TYPES: &[&str] = &["text", "image", "video", "document", "gif", "location", "product"];
const BODY_TYPES: &[&str] = &["text", "currency", "date_time"];

/// Checks the given values on their own.
pub fn check_values(given: &Given, cx: &mut Cx) {
    if let Some(h) = &given.header {
        component(h, "header", HEADER_TYPES, cx);
        if let Some(extra) = h.get(1) {
            cx.push(Diagnostic::new(
                &sending::EXTRA_PARAMETER,
                &extra.path,
                format!("a header takes one parameter; {} were given", h.len()),
            ));
        }
        for p in h {
            if let ParamValue::Text(v) = &p.value {
                let n = cx.unit.len(v);
                if let Some(max) = cx.exceeds("template.header_parameter", n) {
                    cx.push(Diagnostic::new(
                        &sending::HEADER_PARAMETER_TOO_LONG,
                        &p.path,
                        format!("header parameter is {n} {}; the limit is {max}", cx.unit.name()),
                    ));
                }
            }
        }
    }
    if let Some(b) = &given.body {
        component(b, "body", BODY_TYPES, cx);
    }
    buttons(&given.buttons, cx);
    let mut indexes = HashSet::new();
    for card in &given.cards {
        match card.card_index {
            None => cx.push(Diagnostic::new(
                &shape::MISSING_REQUIRED_FIELD,
                format!("{}.card_index", card.path),
                "a carousel card needs its `card_index`",
            )),
            Some(i) if !(0..=9).contains(&i) => cx.push(Diagnostic::new(
                &shape::INVALID_FIELD_VALUE,
                format!("{}.card_index", card.path),
                format!("`card_index` is {i}; it must be between 0 and 9"),
            )),
            Some(i) if !indexes.insert(i) => cx.push(Diagnostic::new(
                &shape::INVALID_FIELD_VALUE,
                format!("{}.card_index", card.path),
                format!("two cards have `card_index` {i}"),
            )),
            Some(_) => {}
        }
        if let Some(h) = &card.header {
            component(h, "card header", HEADER_TYPES, cx);
        }
        if let Some(b) = &card.body {
            component(b, "card body", BODY_TYPES, cx);
        }
        buttons(&card.buttons, cx);
    }
    for p in given.offer.iter().flatten() {
        match &p.value {
            ParamValue::Offer(raw) => offer(raw, &p.path, cx),
            ParamValue::Missing(_) => {}
            other => cx.push(Diagnostic::new(
                &sending::PARAMETER_FORMAT_MISMATCH,
                &p.path,
                format!("the limited-time offer takes a `limited_time_offer` parameter, not {}", other.type_name()),
            )),
        }
    }
}

/// One component's parameters: the types it takes, named or positional throughout, each
/// value's own rules.
fn component(params: &[Param], what: &str, types: &[&str], cx: &mut Cx) {
    let named = params.iter().filter(|p| p.name.is_some()).count();
    if named > 0 && named < params.len() {
        let odd = params.iter().find(|p| p.name.is_none()).map_or("", |p| p.path.as_str());
        cx.push(Diagnostic::new(
            &sending::PARAMETER_FORMAT_MISMATCH,
            odd,
            format!("the {what} mixes named parameters (`parameter_name`) with positional ones"),
        ));
    }
    let mut names = HashSet::new();
    for p in params {
        if let Some(name) = &p.name {
            if !names.insert(name.as_str()) {
                cx.push(Diagnostic::new(
                    &sending::EXTRA_PARAMETER,
                    &p.path,
                    format!("the {what} gives `{name}` twice"),
                ));
            }
        }
        let ty = p.value.type_name();
        if !types.contains(&ty) && !matches!(p.value, ParamValue::Other(_)) {
            cx.push(Diagnostic::new(
                &sending::PARAMETER_FORMAT_MISMATCH,
                &p.path,
                format!("the {what} takes {} parameters, not {ty}", types.join(", ")),
            ));
            continue;
        }
        value(p, cx);
    }
}

/// The rules of one value, whatever the template.
fn value(p: &Param, cx: &mut Cx) {
    match &p.value {
        ParamValue::Text(v) => {
            check_text_value(v, &p.path, cx);
            let n = cx.unit.len(v);
            if let Some(max) = cx.exceeds("template.text_parameter", n) {
                cx.push(Diagnostic::new(
                    &sending::INVALID_PARAMETER_VALUE,
                    &p.path,
                    format!("text parameter is {n} {}; the limit is {max}", cx.unit.name()),
                ));
            }
        }
        ParamValue::Fallback { kind, fallback, raw } => fallback_value(kind, fallback.as_deref(), raw, &p.path, cx),
        ParamValue::Media { raw, kind } => media(raw, kind, &p.path, cx),
        ParamValue::Location(raw) => location(raw, &p.path, cx),
        ParamValue::Product(raw) => {
            for key in ["product_retailer_id", "catalog_id"] {
                if raw.get(key).and_then(as_text).is_none_or(|s| s.trim().is_empty()) {
                    cx.push(Diagnostic::new(
                        &sending::INVALID_PARAMETER_VALUE,
                        &p.path,
                        format!("a product parameter needs `{key}`"),
                    ));
                }
            }
        }
        _ => {}
    }
}

/// Send-time rules for a text value shown in the message.
pub fn check_text_value(v: &str, path: &str, cx: &mut Cx) {
    if v.trim().is_empty() {
        cx.push(Diagnostic::new(&sending::EMPTY_PARAMETER, path, "parameter is empty"));
        return;
    }
    if let Some(i) = v.find(['\n', '\r', '\t']) {
        let what = if v.as_bytes()[i] == b'\t' { "a tab" } else { "a line break" };
        cx.push(
            Diagnostic::new(&sending::PARAMETER_WHITESPACE, path, format!("parameter contains {what}")).at(v, i..i + 1),
        );
    } else if let Some(i) = v.find("     ") {
        let run = v[i..].bytes().take_while(|b| *b == b' ').count();
        cx.push(
            Diagnostic::new(
                &sending::PARAMETER_WHITESPACE,
                path,
                format!("parameter contains {run} consecutive spaces; at most 4 are allowed"),
            )
            .at(v, i..i + run),
        );
    }
}

fn fallback_value(kind: &str, fallback: Option<&str>, raw: &Value, path: &str, cx: &mut Cx) {
    let invalid = |cx: &mut Cx, msg: String| cx.push(Diagnostic::new(&sending::INVALID_PARAMETER_VALUE, path, msg));
    if !raw.is_object() {
        invalid(cx, format!("`{kind}` must be an object"));
        return;
    }
    if fallback.is_none_or(|f| f.trim().is_empty()) {
        invalid(cx, format!("{kind} parameter has no `fallback_value`"));
    }
    if kind == "currency" {
        let code_ok = raw
            .get("code")
            .and_then(Value::as_str)
            .is_some_and(|c| c.len() == 3 && c.bytes().all(|b| b.is_ascii_uppercase()));
        if !code_ok {
            invalid(cx, "currency needs a 3-letter ISO 4217 `code` such as `EUR`".into());
        }
        let amount_ok = raw.get("amount_1000").is_some_and(|a| a.is_i64() || a.is_u64());
        if !amount_ok {
            invalid(cx, "currency `amount_1000` must be an integer (the amount times 1000)".into());
        }
    }
}

/// A media parameter: `id` or `link` (an http(s) URL), no caption (M-OA, M-TCOMP).
fn media(raw: &Value, kind: &str, path: &str, cx: &mut Cx) {
    let Some(obj) = raw.as_object() else {
        cx.push(Diagnostic::new(&sending::INVALID_PARAMETER_VALUE, path, format!("`{kind}` must be an object")));
        return;
    };
    let text = |k: &str| obj.get(k).and_then(as_text).map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    match (text("id"), text("link")) {
        (None, None) => {
            cx.push(Diagnostic::new(&sending::INVALID_PARAMETER_VALUE, path, "media needs an `id` or a `link`"))
        }
        (Some(_), Some(_)) => cx.push(Diagnostic::new(
            &sending::INVALID_PARAMETER_VALUE,
            path,
            "media takes an `id` or a `link`, not both",
        )),
        (Some(id), None) if id.contains("://") => cx.push(Diagnostic::new(
            &sending::INVALID_PARAMETER_VALUE,
            path,
            "media `id` is a URL; put a link in `link` and an uploaded media's id in `id`",
        )),
        (None, Some(l)) if !has_http_scheme(&l) => {
            cx.push(Diagnostic::new(&sending::INVALID_PARAMETER_VALUE, path, "media `link` must be an http(s) URL"))
        }
        _ => {}
    }
    for key in obj.keys() {
        let known = matches!(key.as_str(), "id" | "link") || (key == "filename" && kind == "document");
        if !known {
            let mut d = Diagnostic::new(
                &shape::UNEXPECTED_KEY,
                format!("{path}.{kind}.{key}"),
                format!("a {kind} parameter does not take `{key}`"),
            );
            // Captions are documented as unsupported on template media; what the Graph API
            // answers is not established.
            d.severity = crate::diagnostic::Severity::Warning;
            cx.push(d);
        }
    }
}

fn location(raw: &Value, path: &str, cx: &mut Cx) {
    let coord = |k: &str, max: f64| raw.get(k).and_then(as_number).filter(|v: &f64| v.abs() <= max);
    if coord("latitude", 90.0).is_none() || coord("longitude", 180.0).is_none() {
        cx.push(Diagnostic::new(
            &sending::INVALID_PARAMETER_VALUE,
            path,
            "location needs a `latitude` (±90) and a `longitude` (±180)",
        ));
    }
}

fn offer(raw: &Value, path: &str, cx: &mut Cx) {
    let ok = raw.get("expiration_time_ms").and_then(as_int).is_some_and(|ms| ms > 0);
    if !ok {
        cx.push(Diagnostic::new(
            &sending::INVALID_PARAMETER_VALUE,
            path,
            "limited-time offer needs an integer `expiration_time_ms` (milliseconds since the epoch)",
        ));
    }
}

/// Button components: `sub_type` and `index` (0–9) present and valid, each index once, the
/// parameter types of the sub-type, and their values.
fn buttons(given: &[GivenButton], cx: &mut Cx) {
    let mut seen = HashSet::new();
    for b in given {
        let sub = b.sub_type.as_deref();
        match sub {
            None => cx.push(Diagnostic::new(
                &shape::MISSING_REQUIRED_FIELD,
                format!("{}.sub_type", b.path),
                "a button component needs its `sub_type` (url, quick_reply, copy_code, flow, catalog, mpm, voice_call …)",
            )),
            Some(s) if !BUTTON_SUB_TYPES.contains(&s) => {
                let help = if s == "phone_number" {
                    "phone-number buttons take no parameter: leave them out of the components"
                } else {
                    "use the sub-type of the template's button"
                };
                cx.push(
                    Diagnostic::new(
                        &shape::INVALID_FIELD_VALUE,
                        format!("{}.sub_type", b.path),
                        format!("`sub_type` is `{s}`; it must be one of {}", BUTTON_SUB_TYPES.join(", ")),
                    )
                    .help(help),
                )
            }
            Some(_) => {}
        }
        match (b.index, &b.index_written) {
            (None, None) if sub != Some("voice_call") => cx.push(Diagnostic::new(
                &shape::MISSING_REQUIRED_FIELD,
                format!("{}.index", b.path),
                "a button component needs the `index` of its button (0 to 9)",
            )),
            (None, Some(w)) => cx.push(Diagnostic::new(
                &shape::INVALID_FIELD_VALUE,
                format!("{}.index", b.path),
                format!("`index` is `{w}`; it must be a button position from 0 to 9"),
            )),
            (Some(i), _) if i > 9 => cx.push(Diagnostic::new(
                &shape::INVALID_FIELD_VALUE,
                format!("{}.index", b.path),
                format!("`index` is {i}; buttons are numbered 0 to 9"),
            )),
            (Some(i), _) if !seen.insert(i) => {
                cx.push(Diagnostic::new(&sending::EXTRA_PARAMETER, &b.path, format!("button {i} is given twice")))
            }
            _ => {}
        }
        for p in &b.params {
            button_value(sub, p, cx);
        }
    }
}

fn button_value(sub: Option<&str>, p: &Param, cx: &mut Cx) {
    let mismatch = |cx: &mut Cx, want: &str| {
        cx.push(Diagnostic::new(
            &sending::PARAMETER_FORMAT_MISMATCH,
            &p.path,
            format!("a `{}` button takes {want} parameters, not {}", sub.unwrap_or("?"), p.value.type_name()),
        ))
    };
    match (sub, &p.value) {
        (_, ParamValue::Missing(_)) => {}
        (Some("url"), ParamValue::Text(v)) => {
            check_text_value(v, &p.path, cx);
            url_encoding(v, &p.path, cx);
        }
        (Some("url"), _) => mismatch(cx, "text"),
        (Some("copy_code"), ParamValue::Coupon(v)) => coupon(v, &p.path, cx),
        (Some("copy_code"), _) => mismatch(cx, "coupon_code"),
        (Some("quick_reply"), ParamValue::Payload(v)) => {
            let n = v.chars().count();
            if let Some(max) = cx.exceeds("template.quick_reply_payload", n) {
                cx.push(Diagnostic::new(
                    &sending::PAYLOAD_TOO_LONG,
                    &p.path,
                    format!("payload is {n} characters; the limit is {max}"),
                ));
            }
        }
        (Some("quick_reply"), ParamValue::Text(_)) => {
            // Meta's own OpenAPI example (sample_issue_resolution) sends quick replies a `text`
            // parameter; whether the Cloud API refuses it is not established.
            let mut d = Diagnostic::new(
                &sending::PARAMETER_FORMAT_MISMATCH,
                &p.path,
                "a `quick_reply` button takes a `payload` parameter; `text` is what Meta's OpenAPI example sends, its payload pages say `payload`",
            );
            d.severity = crate::diagnostic::Severity::Warning;
            cx.push(d);
        }
        (Some("quick_reply"), _) => mismatch(cx, "payload"),
        (Some("mpm"), ParamValue::Action(a)) => mpm_action(a, &p.path, cx),
        (Some("flow" | "catalog"), ParamValue::Action(a)) if !a.is_object() => {
            cx.push(Diagnostic::new(&sending::INVALID_PARAMETER_VALUE, &p.path, "`action` must be an object"));
        }
        (Some("flow" | "catalog"), ParamValue::Action(_)) => {}
        (Some("flow" | "catalog" | "mpm"), _) => mismatch(cx, "action"),
        (Some("voice_call"), ParamValue::TtlMinutes(t)) => {
            let l = cx.limit("voice_call.ttl_minutes");
            let ok =
                as_int(t).is_some_and(|n| l.min.is_none_or(|m| n >= m as i64) && l.max.is_none_or(|m| n <= m as i64));
            if !ok {
                cx.push(Diagnostic::new(
                    &sending::INVALID_PARAMETER_VALUE,
                    &p.path,
                    "`ttl_minutes` must be a whole number of minutes from 1 to 43200",
                ));
            }
        }
        (Some("voice_call"), ParamValue::Payload(v)) => {
            if let Some(max) = cx.exceeds("voice_call.payload", v.chars().count()) {
                cx.push(Diagnostic::new(
                    &sending::INVALID_PARAMETER_VALUE,
                    &p.path,
                    format!("a voice-call payload is at most {max} characters"),
                ));
            }
        }
        (Some("voice_call"), _) => mismatch(cx, "ttl_minutes or payload"),
        _ => {}
    }
}

/// A copy-code coupon: at most 15 characters before 2025-12-03 and 20 since (M-COUP, M-CHG).
/// Letters and digits only, said M-COUP until 2026; its page of 2026-05-28 no longer says so,
/// so other characters warn.
pub fn coupon(v: &str, path: &str, cx: &mut Cx) {
    let l = cx.limit("template.coupon_code");
    let n = v.chars().count();
    let max = l.max.unwrap_or(u64::MAX);
    if v.trim().is_empty() || n as u64 > max {
        cx.push(Diagnostic::new(
            &sending::COUPON_CODE_INVALID,
            path,
            format!("coupon `{v}` must be 1 to {max} characters"),
        ));
    } else if let Some(c) = v.chars().find(|c| !c.is_ascii_alphanumeric()) {
        let i = v.find(c).unwrap_or(0);
        let mut d = Diagnostic::new(
            &sending::COUPON_CODE_INVALID,
            path,
            format!("coupon `{v}` has `{c}`: Meta's coupon page asked for letters and digits only until 2026"),
        )
        .at(v, i..i + c.len_utf8());
        d.severity = crate::diagnostic::Severity::Warning;
        cx.push(d);
    }
}

/// A URL button's value goes into the URL as written: Meta asks for it percent-encoded (space
/// as `%20`, `:` as `%3A`, `|` as `%7C`, `ç` as `%C3%A7`; M-COMP of 2026-06-24).
fn url_encoding(v: &str, path: &str, cx: &mut Cx) {
    if let Some((i, c)) = v.char_indices().find(|(_, c)| matches!(c, ' ' | ':' | '|') || !c.is_ascii()) {
        cx.push(
            Diagnostic::new(
                &sending::URL_PARAMETER_NOT_ENCODED,
                path,
                format!("`{c}` in a URL button's value: unencoded characters can make the URL fail Meta's validation"),
            )
            .at(v, i..i + c.len_utf8()),
        );
    }
}

/// An MPM action: a thumbnail and 1–10 titled sections of products, at most 30 in all (M-MPM).
fn mpm_action(a: &Value, path: &str, cx: &mut Cx) {
    let invalid = |cx: &mut Cx, msg: String| cx.push(Diagnostic::new(&sending::INVALID_PARAMETER_VALUE, path, msg));
    let Some(obj) = a.as_object() else {
        invalid(cx, "`action` must be an object".into());
        return;
    };
    if obj.get("thumbnail_product_retailer_id").and_then(as_text).is_none_or(|s| s.trim().is_empty()) {
        // M-MPM gives it in every example (its image is the header) but does not mark it required.
        let mut d = Diagnostic::new(
            &sending::INVALID_PARAMETER_VALUE,
            path,
            "a multi-product action has no `thumbnail_product_retailer_id` (the product whose image heads the message)",
        );
        d.severity = crate::diagnostic::Severity::Warning;
        cx.push(d);
    }
    let Some(sections) = obj.get("sections").and_then(Value::as_array) else {
        invalid(cx, "a multi-product action needs `sections`".into());
        return;
    };
    let l = cx.limit("template.mpm_sections");
    if l.max.is_some_and(|m| sections.len() as u64 > m) || sections.is_empty() {
        invalid(cx, format!("{} sections; a multi-product message has 1 to {}", sections.len(), l.max.unwrap_or(0)));
    }
    let mut total = 0;
    for (i, s) in sections.iter().enumerate() {
        let title = s.get("title").and_then(as_text);
        let tl = cx.limit("section.title");
        match title {
            None => invalid(cx, format!("section {i} needs a `title`")),
            Some(t) if tl.max.is_some_and(|m| cx.unit.len(&t) as u64 > m) => {
                invalid(cx, format!("section {i}'s title is over {} characters", tl.max.unwrap_or(0)))
            }
            _ => {}
        }
        let items = s.get("product_items").and_then(Value::as_array).map_or(0, Vec::len);
        if items == 0 {
            invalid(cx, format!("section {i} needs `product_items`"));
        }
        let per = cx.limit("product_list.products_per_section");
        if per.max.is_some_and(|m| items as u64 > m) {
            invalid(cx, format!("section {i} has {items} products; the limit is {}", per.max.unwrap_or(0)));
        }
        total += items;
    }
    let all = cx.limit("template.mpm_products");
    if all.max.is_some_and(|m| total as u64 > m) {
        invalid(cx, format!("{total} products in all; the limit is {}", all.max.unwrap_or(0)));
    }
}
