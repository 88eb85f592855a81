//! The given values against the template's slots: the number and names of the parameters of
//! each component, the kind of the header, the buttons by index and type, the one-time code,
//! the carousel's cards, the offer, and the length of the text once filled in.

use std::collections::HashSet;

use super::{fill, ButtonSlot, ButtonTakes, Given, GivenButton, HeaderSlot, Param, ParamValue, Slots, TextSlot};
use crate::category::Category;
use crate::diagnostic::Diagnostic;
use crate::payload::Cx;
use crate::placeholder::Key;
use crate::rules::{payload as shape, sending};
use crate::text::emoji_ranges;

/// Compares the given values with the template's slots.
pub fn check(slots: &Slots, given: &Given, cx: &mut Cx) {
    let auth = slots.category == Some(Category::Authentication);
    match (&slots.header, &given.header) {
        (Some(HeaderSlot::Text(t)), params) => {
            text_component(slots, t, params.as_deref().unwrap_or(&[]), "header", &given.path, cx)
        }
        (Some(slot), params) => media_component(slot, params.as_deref().unwrap_or(&[]), "header", &given.path, cx),
        (None, Some(params)) if !params.is_empty() => cx.push(Diagnostic::new(
            &sending::EXTRA_PARAMETER,
            &params[0].path,
            "the template has no header parameters",
        )),
        _ => {}
    }
    match &slots.body {
        Some(t) => {
            let params = given.body.as_deref().unwrap_or(&[]);
            text_component(slots, t, params, "body", &given.path, cx);
            let limit =
                if slots.body_only { cx.limit("template.text_parameter") } else { cx.limit("template.body_parameter") };
            for p in params {
                let Some(v) = p.value.display() else { continue };
                if auth {
                    check_auth_code(v, &p.path, cx);
                    continue;
                }
                let n = cx.unit.len(v);
                if !slots.body_only && limit.max.is_some_and(|m| n as u64 > m) {
                    cx.push(Diagnostic::new(
                        &sending::BODY_PARAMETER_TOO_LONG,
                        &p.path,
                        format!("body parameter is {n} {}; the limit is {}", cx.unit.name(), limit.max.unwrap_or(0)),
                    ));
                }
            }
            if !auth {
                hydrated_length(t, params, cx);
            }
        }
        None => {
            if let Some(p) = given.body.as_ref().and_then(|b| b.first()) {
                cx.push(Diagnostic::new(&sending::EXTRA_PARAMETER, &p.path, "the template has no body parameters"));
            }
        }
    }
    buttons(&slots.buttons, &given.buttons, &given.path, cx);
    if auth {
        same_code(slots, given, cx);
    }
    for (i, card) in slots.cards.iter().enumerate() {
        let g = given.cards.iter().find(|c| c.card_index == Some(i as i64)).or_else(|| given.cards.get(i));
        let Some(g) = g else {
            cx.push(Diagnostic::new(
                &sending::UNFILLED_PARAMETER,
                &given.path,
                format!("card {i} is missing; the template has {} cards and a send gives each", slots.cards.len()),
            ));
            continue;
        };
        if let Some(h) = &card.header {
            let params = g.header.as_deref().unwrap_or(&[]);
            match h {
                HeaderSlot::Text(t) => text_component(slots, t, params, &format!("card {i} header"), &g.path, cx),
                other => media_component(other, params, &format!("card {i} header"), &g.path, cx),
            }
        }
        match &card.body {
            Some(b) => {
                text_component(slots, b, g.body.as_deref().unwrap_or(&[]), &format!("card {i} body"), &g.path, cx)
            }
            None => {
                if let Some(p) = g.body.as_ref().and_then(|b| b.first()) {
                    cx.push(Diagnostic::new(
                        &sending::EXTRA_PARAMETER,
                        &p.path,
                        format!("card {i}'s body takes no parameters"),
                    ));
                }
            }
        }
        buttons(&card.buttons, &g.buttons, &g.path, cx);
    }
    if given.cards.len() > slots.cards.len() {
        cx.push(Diagnostic::new(
            &sending::EXTRA_PARAMETER,
            &given.cards[slots.cards.len()].path,
            format!("{} cards given; the template has {}", given.cards.len(), slots.cards.len()),
        ));
    }
    offer(slots, given, cx);
}

/// A limited-time offer with an expiration takes its end time at send time
/// (`expiration_time_ms`, M-LTO).
fn offer(slots: &Slots, given: &Given, cx: &mut Cx) {
    match (&slots.offer, &given.offer) {
        (Some((_, true)), None) => cx.push(Diagnostic::new(
            &sending::UNFILLED_PARAMETER,
            &given.path,
            "the limited-time offer needs a `limited_time_offer` component with `expiration_time_ms`",
        )),
        (None, Some(params)) => cx.push(Diagnostic::new(
            &sending::EXTRA_PARAMETER,
            params.first().map_or(given.path.as_str(), |p| p.path.as_str()),
            "the template has no limited-time offer",
        )),
        _ => {}
    }
}

fn text_component(slots: &Slots, slot: &TextSlot, params: &[Param], what: &str, base: &str, cx: &mut Cx) {
    let expected = slot.keys.len();
    // Format first: named values for a positional template (or the reverse) fail as 132012.
    for p in params {
        if slots.named != p.name.is_some() {
            let msg = if slots.named {
                format!("{what} parameter has no `parameter_name`, but the template uses named parameters")
            } else {
                format!("{what} parameter has a `parameter_name`, but the template uses positional parameters")
            };
            cx.push(Diagnostic::new(&sending::PARAMETER_FORMAT_MISMATCH, &p.path, msg));
            return;
        }
        let texty = matches!(p.value, ParamValue::Text(_) | ParamValue::Fallback { .. })
            || matches!(&p.value, ParamValue::Missing(t) if t == "text");
        if !texty {
            cx.push(Diagnostic::new(
                &sending::PARAMETER_FORMAT_MISMATCH,
                &p.path,
                format!("{what} takes text, currency or date_time parameters, not {}", p.value.type_name()),
            ));
            return;
        }
    }
    if slots.named {
        let wanted: HashSet<&str> = slot
            .keys
            .iter()
            .filter_map(|k| match k {
                Key::Named(n) => Some(n.as_str()),
                Key::Positional(_) => None,
            })
            .collect();
        for p in params {
            let name = p.name.as_deref().unwrap_or("");
            if !wanted.contains(name) {
                cx.push(Diagnostic::new(
                    &sending::EXTRA_PARAMETER,
                    &p.path,
                    format!("{what} has no placeholder `{{{{{name}}}}}`"),
                ));
            }
        }
    } else if params.len() > expected {
        cx.push(Diagnostic::new(
            &sending::EXTRA_PARAMETER,
            &params[expected].path,
            format!("{what} takes {expected} parameters; {} were given", params.len()),
        ));
    }
    // Point at the component that was given, else at the component list.
    let at = params.first().and_then(|p| p.path.rsplit_once(".parameters[")).map_or(base, |(component, _)| component);
    for key in fill(slot, params).unfilled {
        cx.push(Diagnostic::new(
            &sending::UNFILLED_PARAMETER,
            at,
            format!("{what}: no value for {} ({expected} expected, {} given)", key.display(), params.len()),
        ));
    }
}

/// A media, location or product header: one parameter of that kind. Without it Meta answers
/// 132012 "Format mismatch, expected IMAGE, received UNKNOWN" (laravel-notification-whatsapp#36).
fn media_component(slot: &HeaderSlot, params: &[Param], what: &str, base: &str, cx: &mut Cx) {
    let want = match slot {
        HeaderSlot::Media(f) => f.name().to_ascii_lowercase(),
        HeaderSlot::Location => "location".to_string(),
        HeaderSlot::Product => "product".to_string(),
        HeaderSlot::Text(_) => return,
    };
    let Some(p) = params.first() else {
        cx.push(Diagnostic::new(
            &sending::PARAMETER_FORMAT_MISMATCH,
            base,
            format!("{what}: the template's header is {}; send a `{want}` parameter for it", want.to_ascii_uppercase()),
        ));
        return;
    };
    let ok = match (&p.value, slot) {
        (ParamValue::Media { kind, .. }, HeaderSlot::Media(_)) => *kind == want,
        (ParamValue::Location(_), HeaderSlot::Location) | (ParamValue::Product(_), HeaderSlot::Product) => true,
        (ParamValue::Missing(t), _) => *t == want,
        _ => false,
    };
    if !ok {
        cx.push(Diagnostic::new(
            &sending::PARAMETER_FORMAT_MISMATCH,
            &p.path,
            format!("{what} takes a {want} parameter, not {}", p.value.type_name()),
        ));
    }
}

fn buttons(slots: &[ButtonSlot], given: &[GivenButton], base: &str, cx: &mut Cx) {
    for g in given {
        let Some(index) = g.index else { continue };
        let Some(slot) = slots.get(index) else {
            cx.push(Diagnostic::new(
                &sending::INVALID_PARAMETER_VALUE,
                format!("{}.index", g.path),
                format!("button index {index} does not exist; the template has {} buttons", slots.len()),
            ));
            continue;
        };
        if slot.takes == ButtonTakes::Unmodelled {
            continue;
        }
        let Some(expected_sub) = slot.takes.sub_type(slot.kind) else {
            cx.push(Diagnostic::new(
                &sending::EXTRA_PARAMETER,
                &g.path,
                format!("button {index} ({}) takes no parameters; leave it out of the components", slot.kind_name()),
            ));
            continue;
        };
        match g.sub_type.as_deref() {
            Some(st) if st.eq_ignore_ascii_case(expected_sub) => {}
            None => continue,
            Some(other) => {
                cx.push(Diagnostic::new(
                    &sending::INVALID_PARAMETER_VALUE,
                    format!("{}.sub_type", g.path),
                    format!(
                        "button {index} is a {} button; `sub_type` must be `{expected_sub}`, not `{other}`",
                        slot.kind_name()
                    ),
                ));
                continue;
            }
        }
        let takes_param = !matches!(slot.takes, ButtonTakes::Nothing);
        let max = if slot.takes == ButtonTakes::VoiceCall { 2 } else { 1 };
        if g.params.len() > max || (!takes_param && !g.params.is_empty()) {
            let extra = g.params.get(if takes_param { max } else { 0 }).map_or(g.path.clone(), |p| p.path.clone());
            cx.push(Diagnostic::new(
                &sending::EXTRA_PARAMETER,
                extra,
                format!(
                    "button {index} takes {} parameter{}",
                    if takes_param { max } else { 0 },
                    if max == 1 && takes_param { "" } else { "s" }
                ),
            ));
        }
        match g.params.first() {
            Some(p) => button_value(slot, p, cx),
            None if slot.takes.parameter_required() => cx.push(Diagnostic::new(
                &sending::BUTTON_PARAMETER_MISSING,
                &g.path,
                format!("button {index} ({}) has no parameter", slot.kind_name()),
            )),
            None => {}
        }
    }
    for slot in slots {
        if slot.takes.required() && !given.iter().any(|g| g.index == Some(slot.index)) {
            cx.push(Diagnostic::new(
                &sending::BUTTON_PARAMETER_MISSING,
                base,
                format!(
                    "button {} ({}) needs a parameter; add a `button` component with `sub_type` `{}` and `index` {}",
                    slot.index,
                    slot.kind_name(),
                    slot.takes.sub_type(slot.kind).unwrap_or("?"),
                    slot.index
                ),
            ));
        }
    }
}

fn button_value(slot: &ButtonSlot, p: &Param, cx: &mut Cx) {
    match (slot.takes, &p.value) {
        (ButtonTakes::UrlSuffix, ParamValue::Text(v)) => {
            if let Some(url) = &slot.url {
                let filled = url.replacen("{{1}}", v, 1);
                let l = cx.limit("template.url");
                let n = cx.unit.len(&filled);
                if l.max.is_some_and(|m| n as u64 > m) {
                    cx.push(Diagnostic::new(
                        &sending::HYDRATED_URL_TOO_LONG,
                        &p.path,
                        format!(
                            "the URL is {n} {} with this suffix; the limit is {}",
                            cx.unit.name(),
                            l.max.unwrap_or(0)
                        ),
                    ));
                }
            }
        }
        (ButtonTakes::OtpCode, ParamValue::Text(v)) => check_auth_code(v, &p.path, cx),
        (ButtonTakes::OtpCode, ParamValue::Coupon(_)) => cx.push(Diagnostic::new(
            &sending::PARAMETER_FORMAT_MISMATCH,
            &p.path,
            "the one-time code goes in a `text` parameter of a `url` button, not a coupon",
        )),
        _ => {}
    }
}

/// The one-time code: at most 15 characters, no link, no emoji (M-AUTH, M-AUTH-CC); Meta
/// answers 132018 "Parameter … exceeds the parameter length limit 15".
fn check_auth_code(v: &str, path: &str, cx: &mut Cx) {
    let max = cx.limit("template.otp_code").max.unwrap_or(u64::MAX);
    let n = v.chars().count();
    let problem = if n as u64 > max {
        Some(format!("code is {n} characters; the limit is {max}"))
    } else if crate::rules::authentication::find_link(v).is_some() {
        Some("code contains a link".to_string())
    } else if !emoji_ranges(v).is_empty() {
        Some("code contains an emoji".to_string())
    } else {
        None
    };
    if let Some(msg) = problem {
        cx.push(Diagnostic::new(&sending::AUTHENTICATION_CODE_INVALID, path, msg));
    }
}

/// The code appears twice: the body's parameter and the OTP button's (M-AUTH).
fn same_code(slots: &Slots, given: &Given, cx: &mut Cx) {
    let Some(otp) = slots.buttons.iter().find(|b| b.takes == ButtonTakes::OtpCode) else { return };
    let body = given.body.as_ref().and_then(|b| b.first()).and_then(|p| p.value.display());
    let button = given.buttons.iter().find(|b| b.index == Some(otp.index)).and_then(|b| b.params.first());
    if let (Some(body), Some(p)) = (body, button) {
        if let Some(code) = p.value.display() {
            if code != body {
                cx.push(Diagnostic::new(
                    &shape::AUTHENTICATION_CODE_MISMATCH,
                    &p.path,
                    format!("the button's code `{code}` differs from the body's `{body}`"),
                ));
            }
        }
    }
}

fn hydrated_length(slot: &TextSlot, params: &[Param], cx: &mut Cx) {
    let filled = fill(slot, params);
    let n = cx.unit.len(&filled.text);
    if let Some(max) = cx.exceeds("template.hydrated_body", n) {
        cx.push(Diagnostic::new(
            &sending::HYDRATED_BODY_TOO_LONG,
            &slot.path,
            format!("the body is {n} {} with these values; the limit is {max}", cx.unit.name()),
        ));
    }
}
