//! Parameters: where a template takes them ([`Slots`]), the values given for them ([`Given`],
//! read from a send payload or from the simpler `renderTemplate` parameters), and the checks
//! that compare the two — the 132000 / 132012 / 132018 / 132005 class of send errors.

use std::collections::{HashMap, HashSet};

use serde_json::{Map, Value};

use crate::diagnostic::Diagnostic;
use crate::placeholder::{scan, Key};
use crate::rules::{sending, Category};
use crate::template::{Button, ButtonKind, ComponentKind, HeaderFormat, Template};
use crate::text::{emoji_ranges, LengthUnit};

/// A text with placeholders: the keys it takes, distinct, in order of first appearance.
#[derive(Debug, Clone)]
pub struct TextSlot {
    pub text: String,
    /// JSON path of the text in the template.
    pub path: String,
    pub keys: Vec<Key>,
}

impl TextSlot {
    fn new(text: &crate::template::Text) -> Self {
        let s = scan(&text.value);
        let keys = s.distinct_keys().into_iter().cloned().collect();
        TextSlot { text: text.value.clone(), path: text.path.clone(), keys }
    }
}

#[derive(Debug, Clone)]
pub enum HeaderSlot {
    Text(TextSlot),
    Media(HeaderFormat),
    Location,
}

/// What a button takes at send time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ButtonTakes {
    /// A URL button with `{{1}}`: the suffix (required).
    UrlSuffix,
    /// COPY_CODE: the coupon code (required).
    Coupon,
    /// The OTP button of an authentication template: the code (required).
    OtpCode,
    /// QUICK_REPLY: an optional payload.
    Payload,
    /// FLOW: an optional action.
    Action,
    /// Nothing.
    Nothing,
}

#[derive(Debug, Clone)]
pub struct ButtonSlot {
    pub index: usize,
    pub kind: ButtonKind,
    pub takes: ButtonTakes,
    pub label: Option<String>,
    /// The URL as written in the template (with `{{1}}`), for URL buttons.
    pub url: Option<String>,
    pub phone_number: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct CardSlots {
    pub header: Option<HeaderSlot>,
    pub body: Option<TextSlot>,
    pub buttons: Vec<ButtonSlot>,
}

/// Where a template takes parameters.
#[derive(Debug, Clone, Default)]
pub struct Slots {
    pub named: bool,
    pub category: Option<Category>,
    pub header: Option<HeaderSlot>,
    pub body: Option<TextSlot>,
    pub footer: Option<String>,
    pub buttons: Vec<ButtonSlot>,
    pub cards: Vec<CardSlots>,
    pub offer: Option<(String, bool)>,
    /// True when BODY is the template's only component (longer body parameters are allowed).
    pub body_only: bool,
}

impl Slots {
    pub fn of(t: &Template) -> Slots {
        let category =
            t.category.as_ref().and_then(|c| crate::rules::identity::parse_category(&c.value)).map(|(c, _)| c);
        let mut s = Slots {
            named: t.parameter_format.as_ref().is_some_and(|p| p.value.eq_ignore_ascii_case("NAMED")),
            category,
            body_only: t.components.len() == 1 && t.body().is_some(),
            ..Slots::default()
        };
        for c in &t.components {
            match &c.kind {
                ComponentKind::Header(h) => s.header = header_slot(h),
                ComponentKind::Body(b) => s.body = b.text.as_ref().map(TextSlot::new),
                ComponentKind::Footer(f) => s.footer = f.text.as_ref().map(|t| t.value.clone()),
                ComponentKind::Buttons(b) => s.buttons = button_slots(b),
                ComponentKind::LimitedTimeOffer(o) => {
                    s.offer = Some((
                        o.text.as_ref().map(|t| t.value.clone()).unwrap_or_default(),
                        o.has_expiration == Some(true),
                    ))
                }
                ComponentKind::Carousel(cards) => {
                    s.cards = cards
                        .iter()
                        .map(|card| {
                            let mut cs = CardSlots::default();
                            for cc in &card.components {
                                match &cc.kind {
                                    ComponentKind::Header(h) => cs.header = header_slot(h),
                                    ComponentKind::Body(b) => cs.body = b.text.as_ref().map(TextSlot::new),
                                    ComponentKind::Buttons(b) => cs.buttons = button_slots(b),
                                    _ => {}
                                }
                            }
                            cs
                        })
                        .collect()
                }
                _ => {}
            }
        }
        s
    }
}

fn header_slot(h: &crate::template::Header) -> Option<HeaderSlot> {
    match h.format? {
        HeaderFormat::Text => h.text.as_ref().map(|t| HeaderSlot::Text(TextSlot::new(t))),
        HeaderFormat::Location => Some(HeaderSlot::Location),
        f => Some(HeaderSlot::Media(f)),
    }
}

fn button_slots(buttons: &[Button]) -> Vec<ButtonSlot> {
    buttons
        .iter()
        .enumerate()
        .map(|(index, b)| {
            let takes = if b.is_otp() {
                ButtonTakes::OtpCode
            } else {
                match b.kind {
                    ButtonKind::Url if b.url.as_ref().is_some_and(|u| !scan(&u.value).placeholders.is_empty()) => {
                        ButtonTakes::UrlSuffix
                    }
                    ButtonKind::CopyCode => ButtonTakes::Coupon,
                    ButtonKind::QuickReply => ButtonTakes::Payload,
                    ButtonKind::Flow => ButtonTakes::Action,
                    _ => ButtonTakes::Nothing,
                }
            };
            ButtonSlot {
                index,
                kind: b.kind,
                takes,
                label: b.text.as_ref().map(|t| t.value.clone()),
                url: b.url.as_ref().map(|t| t.value.clone()),
                phone_number: b.phone_number.as_ref().map(|t| t.value.clone()),
            }
        })
        .collect()
}

/// A parameter value as given.
#[derive(Debug, Clone, PartialEq)]
pub enum ParamValue {
    Text(String),
    /// `currency` / `date_time`: shown as their `fallback_value`.
    Fallback {
        kind: &'static str,
        fallback: Option<String>,
        raw: Value,
    },
    Media {
        kind: String,
        raw: Value,
    },
    Location(Value),
    Payload(String),
    Coupon(String),
    Action(Value),
    /// `limited_time_offer`: the offer's expiration.
    Offer(Value),
    /// A parameter type the checks do not know.
    Other(String),
}

impl ParamValue {
    /// The text this value shows in the message, if it is a text-like value.
    pub fn display(&self) -> Option<&str> {
        match self {
            ParamValue::Text(s) | ParamValue::Payload(s) | ParamValue::Coupon(s) => Some(s),
            ParamValue::Fallback { fallback, .. } => fallback.as_deref(),
            _ => None,
        }
    }

    fn type_name(&self) -> &str {
        match self {
            ParamValue::Text(_) => "text",
            ParamValue::Fallback { kind, .. } => kind,
            ParamValue::Media { kind, .. } => kind,
            ParamValue::Location(_) => "location",
            ParamValue::Payload(_) => "payload",
            ParamValue::Coupon(_) => "coupon_code",
            ParamValue::Action(_) => "action",
            ParamValue::Offer(_) => "limited_time_offer",
            ParamValue::Other(t) => t,
        }
    }
}

/// One given parameter and where it is in the input.
#[derive(Debug, Clone, PartialEq)]
pub struct Param {
    pub path: String,
    /// `parameter_name` (named templates).
    pub name: Option<String>,
    pub value: ParamValue,
}

#[derive(Debug, Clone, PartialEq)]
pub struct GivenButton {
    pub path: String,
    /// `None` when the index is missing or not a number.
    pub index: Option<usize>,
    pub sub_type: Option<String>,
    pub params: Vec<Param>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct GivenCard {
    pub path: String,
    pub header: Option<Vec<Param>>,
    pub body: Option<Vec<Param>>,
    pub buttons: Vec<GivenButton>,
}

/// The values given for a template, per component.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Given {
    pub header: Option<Vec<Param>>,
    pub body: Option<Vec<Param>>,
    pub buttons: Vec<GivenButton>,
    pub cards: Vec<GivenCard>,
    /// The `limited_time_offer` component's parameters.
    pub offer: Option<Vec<Param>>,
    /// JSON path of the component list, for findings about missing components.
    pub path: String,
}

/// Authentication templates show the one-time code twice, in the body and in the OTP button:
/// when only one of the two values was given, the other is the same code.
pub fn complete_authentication(slots: &Slots, given: &mut Given) {
    if slots.category != Some(Category::Authentication) {
        return;
    }
    let Some(otp) = slots.buttons.iter().find(|b| b.takes == ButtonTakes::OtpCode) else { return };
    let button_code = given.buttons.iter().find(|b| b.index == Some(otp.index)).and_then(|b| b.params.first()).cloned();
    let body_code = given.body.as_ref().and_then(|b| b.first()).cloned();
    match (body_code, button_code) {
        (Some(code), None) => given.buttons.push(GivenButton {
            path: code.path.clone(),
            index: Some(otp.index),
            sub_type: Some("url".into()),
            params: vec![Param { name: None, ..code }],
        }),
        (None, Some(code)) if slots.body.as_ref().is_some_and(|b| !b.keys.is_empty()) => given.body = Some(vec![code]),
        _ => {}
    }
}

/// The text of a component with the values filled in; unfilled placeholders stay as written.
pub struct Filled {
    pub text: String,
    pub unfilled: Vec<Key>,
}

/// Fills `slot` with `params` (positional by order, named by `parameter_name`).
pub fn fill(slot: &TextSlot, params: &[Param]) -> Filled {
    let named: HashMap<&str, &Param> = params.iter().filter_map(|p| p.name.as_deref().map(|n| (n, p))).collect();
    let mut unfilled = Vec::new();
    let mut out = String::with_capacity(slot.text.len());
    let mut from = 0;
    for p in scan(&slot.text).placeholders {
        out.push_str(&slot.text[from..p.range.start]);
        let value = match &p.key {
            Key::Positional(n) => params.get((*n as usize).wrapping_sub(1)).filter(|p| p.name.is_none()),
            Key::Named(name) => named.get(name.as_str()).copied(),
        }
        .and_then(|p| p.value.display());
        match value {
            Some(v) => out.push_str(v),
            None => {
                out.push_str(&slot.text[p.range.clone()]);
                if !unfilled.contains(&p.key) {
                    unfilled.push(p.key.clone());
                }
            }
        }
        from = p.range.end;
    }
    out.push_str(&slot.text[from..]);
    Filled { text: out, unfilled }
}

/// Compares the given values with the template's slots: counts, formats, values and the
/// length of the filled-in text.
pub fn check(slots: &Slots, given: &Given, unit: LengthUnit, out: &mut Vec<Diagnostic>) {
    let auth = slots.category == Some(Category::Authentication);
    match (&slots.header, &given.header) {
        (Some(HeaderSlot::Text(t)), params) => {
            text_component(slots, t, params.as_deref().unwrap_or(&[]), "header", &given.path, out);
            for p in params.iter().flatten() {
                if let ParamValue::Text(v) = &p.value {
                    if unit.len(v) > 60 {
                        out.push(Diagnostic::new(
                            &sending::HEADER_PARAMETER_TOO_LONG,
                            &p.path,
                            format!("header parameter is {} {}; the limit is 60", unit.len(v), unit.name()),
                        ));
                    }
                }
            }
        }
        (Some(slot @ (HeaderSlot::Media(_) | HeaderSlot::Location)), params) => {
            media_component(slot, params.as_deref().unwrap_or(&[]), "header", &given.path, out)
        }
        (None, Some(params)) if !params.is_empty() => out.push(Diagnostic::new(
            &sending::EXTRA_PARAMETER,
            &params[0].path,
            "the template has no header parameters",
        )),
        _ => {}
    }
    match &slots.body {
        Some(t) => {
            let params = given.body.as_deref().unwrap_or(&[]);
            text_component(slots, t, params, "body", &given.path, out);
            let limit = if slots.body_only { 32_768 } else { 1024 };
            for p in params {
                if let Some(v) = p.value.display() {
                    if auth && check_auth_code(v, &p.path, out) {
                        continue;
                    }
                    if unit.len(v) > limit {
                        out.push(Diagnostic::new(
                            &sending::BODY_PARAMETER_TOO_LONG,
                            &p.path,
                            format!("body parameter is {} {}; the limit is {limit}", unit.len(v), unit.name()),
                        ));
                    }
                }
            }
            if !auth {
                hydrated_length(t, params, unit, out);
            }
        }
        None => {
            if let Some(p) = given.body.as_ref().and_then(|b| b.first()) {
                out.push(Diagnostic::new(&sending::EXTRA_PARAMETER, &p.path, "the template has no body parameters"));
            }
        }
    }
    buttons(&slots.buttons, &given.buttons, &given.path, unit, out);
    for (i, card) in slots.cards.iter().enumerate() {
        let g = given.cards.get(i);
        let path = g.map_or_else(|| format!("{}.cards[{i}]", given.path), |c| c.path.clone());
        if let Some(h) = &card.header {
            let params = g.and_then(|c| c.header.as_deref()).unwrap_or(&[]);
            match h {
                HeaderSlot::Text(t) => text_component(slots, t, params, &format!("card {i} header"), &path, out),
                other => media_component(other, params, &format!("card {i} header"), &path, out),
            }
        }
        if let Some(b) = &card.body {
            let params = g.and_then(|c| c.body.as_deref()).unwrap_or(&[]);
            text_component(slots, b, params, &format!("card {i} body"), &path, out);
        }
        buttons(&card.buttons, g.map_or(&[][..], |c| &c.buttons), &path, unit, out);
    }
    offer(slots, given, out);
    if given.cards.len() > slots.cards.len() {
        out.push(Diagnostic::new(
            &sending::EXTRA_PARAMETER,
            &given.cards[slots.cards.len()].path,
            format!("{} cards given; the template has {}", given.cards.len(), slots.cards.len()),
        ));
    }
}

/// A limited-time offer with an expiration takes its end time at send time
/// (`expiration_time_ms`, PYWA `LimitedTimeOffer`).
fn offer(slots: &Slots, given: &Given, out: &mut Vec<Diagnostic>) {
    match (&slots.offer, &given.offer) {
        (Some((_, true)), None) => out.push(Diagnostic::new(
            &sending::UNFILLED_PARAMETER,
            &given.path,
            "the limited-time offer needs a `limited_time_offer` component with `expiration_time_ms`",
        )),
        (None, Some(params)) => out.push(Diagnostic::new(
            &sending::EXTRA_PARAMETER,
            params.first().map_or(given.path.as_str(), |p| p.path.as_str()),
            "the template has no limited-time offer",
        )),
        (Some(_), Some(params)) => {
            for p in params {
                let ms = match &p.value {
                    ParamValue::Offer(raw) => Some(raw),
                    _ => None,
                };
                let ok = ms.and_then(|raw| raw.get("expiration_time_ms")).is_some_and(|v| v.is_i64() || v.is_u64());
                if !ok {
                    out.push(Diagnostic::new(
                        &sending::INVALID_PARAMETER_VALUE,
                        &p.path,
                        "limited-time offer needs an integer `expiration_time_ms` (milliseconds since the epoch)",
                    ));
                }
            }
        }
        _ => {}
    }
}

fn text_component(slots: &Slots, slot: &TextSlot, params: &[Param], what: &str, base: &str, out: &mut Vec<Diagnostic>) {
    let expected = slot.keys.len();
    // Format first: named values for a positional template (or the reverse) fail as 132012.
    for p in params {
        if slots.named != p.name.is_some() {
            let msg = if slots.named {
                format!("{what} parameter has no `parameter_name`, but the template uses named parameters")
            } else {
                format!("{what} parameter has a `parameter_name`, but the template uses positional parameters")
            };
            out.push(Diagnostic::new(&sending::PARAMETER_FORMAT_MISMATCH, &p.path, msg));
            return;
        }
        if !matches!(p.value, ParamValue::Text(_) | ParamValue::Fallback { .. }) {
            out.push(Diagnostic::new(
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
        let mut seen = HashSet::new();
        for p in params {
            let name = p.name.as_deref().unwrap_or("");
            if !wanted.contains(name) || !seen.insert(name) {
                out.push(Diagnostic::new(
                    &sending::EXTRA_PARAMETER,
                    &p.path,
                    format!("{what} has no placeholder `{{{{{name}}}}}` (or it was given twice)"),
                ));
            }
        }
    } else if params.len() > expected {
        out.push(Diagnostic::new(
            &sending::EXTRA_PARAMETER,
            &params[expected].path,
            format!("{what} takes {expected} parameters; {} were given", params.len()),
        ));
    }
    // Point at the component that was given, else at the component list.
    let at = params.first().and_then(|p| p.path.rsplit_once(".parameters[")).map_or(base, |(component, _)| component);
    for key in fill(slot, params).unfilled {
        out.push(Diagnostic::new(
            &sending::UNFILLED_PARAMETER,
            at,
            format!("{what}: no value for {} ({expected} expected, {} given)", key.display(), params.len()),
        ));
    }
    for p in params {
        if let Some(v) = p.value.display() {
            check_text_value(v, &p.path, out);
        }
        if let ParamValue::Fallback { kind, fallback, raw } = &p.value {
            check_fallback(kind, fallback.as_deref(), raw, &p.path, out);
        }
    }
}

fn media_component(slot: &HeaderSlot, params: &[Param], what: &str, base: &str, out: &mut Vec<Diagnostic>) {
    let want = match slot {
        HeaderSlot::Media(f) => f.name().to_ascii_lowercase(),
        HeaderSlot::Location => "location".to_string(),
        HeaderSlot::Text(_) => return,
    };
    match params {
        [] => out.push(Diagnostic::new(
            &sending::UNFILLED_PARAMETER,
            base,
            format!("{what}: no {want} parameter (1 expected)"),
        )),
        [p, rest @ ..] => {
            if let Some(extra) = rest.first() {
                out.push(Diagnostic::new(
                    &sending::EXTRA_PARAMETER,
                    &extra.path,
                    format!("{what} takes 1 parameter; {} were given", params.len()),
                ));
            }
            match (&p.value, slot) {
                (ParamValue::Media { kind, raw }, HeaderSlot::Media(_)) if *kind == want => {
                    media_value(raw, &p.path, out)
                }
                (ParamValue::Location(raw), HeaderSlot::Location) => location_value(raw, &p.path, out),
                (v, _) => out.push(Diagnostic::new(
                    &sending::PARAMETER_FORMAT_MISMATCH,
                    &p.path,
                    format!("{what} takes a {want} parameter, not {}", v.type_name()),
                )),
            }
        }
    }
}

fn buttons(slots: &[ButtonSlot], given: &[GivenButton], base: &str, unit: LengthUnit, out: &mut Vec<Diagnostic>) {
    let mut seen = HashSet::new();
    for g in given {
        let Some(index) = g.index else {
            out.push(Diagnostic::new(
                &sending::INVALID_PARAMETER_VALUE,
                &g.path,
                "button component has no numeric `index`",
            ));
            continue;
        };
        let Some(slot) = slots.get(index) else {
            out.push(Diagnostic::new(
                &sending::INVALID_PARAMETER_VALUE,
                format!("{}.index", g.path),
                format!("button index {index} does not exist; the template has {} buttons", slots.len()),
            ));
            continue;
        };
        if !seen.insert(index) {
            out.push(Diagnostic::new(&sending::EXTRA_PARAMETER, &g.path, format!("button {index} is given twice")));
            continue;
        }
        let expected_sub = match slot.takes {
            ButtonTakes::UrlSuffix | ButtonTakes::OtpCode => "url",
            ButtonTakes::Coupon => "copy_code",
            ButtonTakes::Payload => "quick_reply",
            ButtonTakes::Action => "flow",
            ButtonTakes::Nothing => match slot.kind {
                ButtonKind::Url => "url",
                ButtonKind::Catalog => "catalog",
                ButtonKind::Mpm => "mpm",
                ButtonKind::Spm => "spm",
                _ => "",
            },
        };
        match g.sub_type.as_deref() {
            Some(st) if st.eq_ignore_ascii_case(expected_sub) => {}
            other => {
                out.push(Diagnostic::new(
                    &sending::INVALID_PARAMETER_VALUE,
                    format!("{}.sub_type", g.path),
                    format!(
                        "button {index} is a {} button; `sub_type` must be `{expected_sub}`, not `{}`",
                        slot.kind_name(),
                        other.unwrap_or("(missing)")
                    ),
                ));
                continue;
            }
        }
        let required = matches!(slot.takes, ButtonTakes::UrlSuffix | ButtonTakes::Coupon | ButtonTakes::OtpCode);
        // Quick replies take an optional payload, flows an optional action, catalog and product
        // buttons an action naming the products.
        let takes_param = required
            || matches!(slot.takes, ButtonTakes::Payload | ButtonTakes::Action)
            || matches!(slot.kind, ButtonKind::Catalog | ButtonKind::Mpm | ButtonKind::Spm);
        if g.params.len() > 1 || (!takes_param && !g.params.is_empty()) {
            let extra = g.params.get(if takes_param { 1 } else { 0 }).map_or(g.path.clone(), |p| p.path.clone());
            out.push(Diagnostic::new(
                &sending::EXTRA_PARAMETER,
                extra,
                format!(
                    "button {index} takes {} parameter{}",
                    usize::from(takes_param),
                    if takes_param { "" } else { "s" }
                ),
            ));
        }
        if let Some(p) = g.params.first() {
            button_value(slot, p, unit, out);
        } else if required {
            out.push(Diagnostic::new(
                &sending::UNFILLED_PARAMETER,
                &g.path,
                format!("button {index} ({}) has no parameter", slot.kind_name()),
            ));
        }
    }
    for slot in slots {
        let required = matches!(slot.takes, ButtonTakes::UrlSuffix | ButtonTakes::Coupon | ButtonTakes::OtpCode);
        if required && !seen.contains(&slot.index) && !given.iter().any(|g| g.index == Some(slot.index)) {
            out.push(Diagnostic::new(
                &sending::UNFILLED_PARAMETER,
                base,
                format!(
                    "button {} ({}) needs a parameter; add a `button` component with `index` {}",
                    slot.index,
                    slot.kind_name(),
                    slot.index
                ),
            ));
        }
    }
}

impl ButtonSlot {
    fn kind_name(&self) -> &'static str {
        match self.takes {
            ButtonTakes::OtpCode => "one-time code",
            ButtonTakes::UrlSuffix => "URL",
            ButtonTakes::Coupon => "copy-code",
            _ => match self.kind {
                ButtonKind::QuickReply => "quick-reply",
                ButtonKind::Url => "URL",
                ButtonKind::PhoneNumber => "phone-number",
                ButtonKind::Flow => "flow",
                ButtonKind::Catalog => "catalog",
                ButtonKind::Mpm => "multi-product",
                ButtonKind::Spm => "single-product",
                _ => "other",
            },
        }
    }
}

fn button_value(slot: &ButtonSlot, p: &Param, unit: LengthUnit, out: &mut Vec<Diagnostic>) {
    match (slot.takes, &p.value) {
        (ButtonTakes::UrlSuffix, ParamValue::Text(v)) => {
            check_text_value(v, &p.path, out);
            if let Some(url) = &slot.url {
                let filled = url.replacen("{{1}}", v, 1);
                if unit.len(&filled) > 2000 {
                    out.push(Diagnostic::new(
                        &sending::HYDRATED_URL_TOO_LONG,
                        &p.path,
                        format!("the URL is {} {} with this suffix; the limit is 2000", unit.len(&filled), unit.name()),
                    ));
                }
            }
        }
        (ButtonTakes::OtpCode, ParamValue::Text(v)) => {
            check_auth_code(v, &p.path, out);
        }
        (ButtonTakes::Coupon, ParamValue::Coupon(v)) => {
            if v.chars().count() > 15 || !v.chars().all(|c| c.is_ascii_alphanumeric()) || v.is_empty() {
                out.push(Diagnostic::new(
                    &sending::COUPON_CODE_INVALID,
                    &p.path,
                    format!("coupon `{v}` must be 1 to 15 letters and digits"),
                ));
            }
        }
        (ButtonTakes::Payload, ParamValue::Payload(v)) => {
            if v.chars().count() > 256 {
                out.push(Diagnostic::new(
                    &sending::PAYLOAD_TOO_LONG,
                    &p.path,
                    format!("payload is {} characters; the limit is 256", v.chars().count()),
                ));
            }
        }
        (ButtonTakes::Action, ParamValue::Action(_)) => {}
        (ButtonTakes::Nothing, ParamValue::Action(_) | ParamValue::Other(_)) => {}
        (_, v) => out.push(Diagnostic::new(
            &sending::PARAMETER_FORMAT_MISMATCH,
            &p.path,
            format!("a {} button does not take a {} parameter", slot.kind_name(), v.type_name()),
        )),
    }
}

/// Send-time rules for a text value shown in the message.
pub fn check_text_value(v: &str, path: &str, out: &mut Vec<Diagnostic>) {
    if v.trim().is_empty() {
        out.push(Diagnostic::new(&sending::EMPTY_PARAMETER, path, "parameter is empty"));
        return;
    }
    if let Some(i) = v.find(['\n', '\r', '\t']) {
        let what = if v.as_bytes()[i] == b'\t' { "a tab" } else { "a line break" };
        out.push(
            Diagnostic::new(&sending::PARAMETER_WHITESPACE, path, format!("parameter contains {what}")).at(v, i..i + 1),
        );
    } else if let Some(i) = v.find("     ") {
        let run = v[i..].bytes().take_while(|b| *b == b' ').count();
        out.push(
            Diagnostic::new(
                &sending::PARAMETER_WHITESPACE,
                path,
                format!("parameter contains {run} consecutive spaces; at most 4 are allowed"),
            )
            .at(v, i..i + run),
        );
    }
}

/// Checks a one-time code; true when it is invalid.
fn check_auth_code(v: &str, path: &str, out: &mut Vec<Diagnostic>) -> bool {
    let problem = if v.chars().count() > 15 {
        Some(format!("code is {} characters; the limit is 15", v.chars().count()))
    } else if crate::rules::authentication::find_link(v).is_some() {
        Some("code contains a link".to_string())
    } else if !emoji_ranges(v).is_empty() {
        Some("code contains an emoji".to_string())
    } else {
        None
    };
    if let Some(msg) = &problem {
        out.push(Diagnostic::new(&sending::AUTHENTICATION_CODE_INVALID, path, msg.clone()));
    }
    problem.is_some()
}

fn check_fallback(kind: &str, fallback: Option<&str>, raw: &Value, path: &str, out: &mut Vec<Diagnostic>) {
    if fallback.is_none_or(|f| f.trim().is_empty()) {
        out.push(Diagnostic::new(
            &sending::INVALID_PARAMETER_VALUE,
            path,
            format!("{kind} parameter has no `fallback_value`"),
        ));
    }
    if kind == "currency" {
        let code_ok = raw
            .get("code")
            .and_then(Value::as_str)
            .is_some_and(|c| c.len() == 3 && c.bytes().all(|b| b.is_ascii_uppercase()));
        if !code_ok {
            out.push(Diagnostic::new(
                &sending::INVALID_PARAMETER_VALUE,
                path,
                "currency needs a 3-letter ISO 4217 `code` such as `EUR`",
            ));
        }
        let amount_ok = raw.get("amount_1000").is_some_and(|a| a.is_i64() || a.is_u64());
        if !amount_ok {
            out.push(Diagnostic::new(
                &sending::INVALID_PARAMETER_VALUE,
                path,
                "currency `amount_1000` must be an integer (the amount times 1000)",
            ));
        }
    }
}

fn media_value(raw: &Value, path: &str, out: &mut Vec<Diagnostic>) {
    let id = raw.get("id").and_then(Value::as_str).filter(|s| !s.is_empty());
    let link = raw.get("link").and_then(Value::as_str).filter(|s| !s.is_empty());
    match (id, link) {
        (None, None) => {
            out.push(Diagnostic::new(&sending::INVALID_PARAMETER_VALUE, path, "media needs an `id` or a `link`"))
        }
        (_, Some(l))
            if !l.to_ascii_lowercase().starts_with("https://") && !l.to_ascii_lowercase().starts_with("http://") =>
        {
            out.push(Diagnostic::new(&sending::INVALID_PARAMETER_VALUE, path, "media `link` must be an http(s) URL"))
        }
        _ => {}
    }
}

fn location_value(raw: &Value, path: &str, out: &mut Vec<Diagnostic>) {
    let coord = |k: &str, max: f64| {
        raw.get(k)
            .and_then(|v| v.as_f64().or_else(|| v.as_str().and_then(|s| s.parse().ok())))
            .filter(|v| v.abs() <= max)
    };
    if coord("latitude", 90.0).is_none() || coord("longitude", 180.0).is_none() {
        out.push(Diagnostic::new(
            &sending::INVALID_PARAMETER_VALUE,
            path,
            "location needs a `latitude` (±90) and a `longitude` (±180)",
        ));
    }
}

fn hydrated_length(slot: &TextSlot, params: &[Param], unit: LengthUnit, out: &mut Vec<Diagnostic>) {
    let filled = fill(slot, params);
    let n = unit.len(&filled.text);
    if n > 1024 {
        out.push(Diagnostic::new(
            &sending::HYDRATED_BODY_TOO_LONG,
            &slot.path,
            format!("the body is {n} {} with these values; the limit is 1024", unit.name()),
        ));
    }
}

/// Reads one send-payload parameter object.
pub fn read_param(v: &Value, path: String, out: &mut Vec<Diagnostic>) -> Option<Param> {
    let Some(obj) = v.as_object() else {
        out.push(Diagnostic::new(&sending::INVALID_SEND_PAYLOAD, &path, "parameter must be an object"));
        return None;
    };
    let name = obj.get("parameter_name").and_then(Value::as_str).map(str::to_string);
    let ty = obj.get("type").and_then(Value::as_str).unwrap_or("").to_ascii_lowercase();
    let text_of = |key: &str| {
        obj.get(key).and_then(|v| v.as_str().map(str::to_string).or_else(|| v.as_number().map(|n| n.to_string())))
    };
    let value = match ty.as_str() {
        "text" => match text_of("text") {
            Some(t) => ParamValue::Text(t),
            None => {
                out.push(Diagnostic::new(
                    &sending::INVALID_SEND_PAYLOAD,
                    format!("{path}.text"),
                    "text parameter has no `text` string",
                ));
                return None;
            }
        },
        "currency" | "date_time" => {
            let raw = obj.get(ty.as_str()).cloned().unwrap_or(Value::Null);
            let fallback = raw.get("fallback_value").and_then(Value::as_str).map(str::to_string);
            ParamValue::Fallback { kind: if ty == "currency" { "currency" } else { "date_time" }, fallback, raw }
        }
        "image" | "video" | "document" | "gif" | "sticker" => {
            ParamValue::Media { kind: ty.clone(), raw: obj.get(ty.as_str()).cloned().unwrap_or(Value::Null) }
        }
        "location" => ParamValue::Location(obj.get("location").cloned().unwrap_or(Value::Null)),
        "payload" => ParamValue::Payload(text_of("payload").unwrap_or_default()),
        "coupon_code" => ParamValue::Coupon(text_of("coupon_code").unwrap_or_default()),
        "action" => ParamValue::Action(obj.get("action").cloned().unwrap_or(Value::Null)),
        "limited_time_offer" => ParamValue::Offer(obj.get("limited_time_offer").cloned().unwrap_or(Value::Null)),
        "" => {
            out.push(Diagnostic::new(
                &sending::INVALID_SEND_PAYLOAD,
                format!("{path}.type"),
                "parameter has no `type`",
            ));
            return None;
        }
        other => ParamValue::Other(other.to_string()),
    };
    Some(Param { path, name, value })
}

/// Reads a component's `parameters` array.
pub fn read_params(obj: &Map<String, Value>, path: &str, out: &mut Vec<Diagnostic>) -> Vec<Param> {
    match obj.get("parameters") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(list)) => {
            list.iter().enumerate().filter_map(|(i, v)| read_param(v, format!("{path}.parameters[{i}]"), out)).collect()
        }
        Some(_) => {
            out.push(Diagnostic::new(
                &sending::INVALID_SEND_PAYLOAD,
                format!("{path}.parameters"),
                "`parameters` must be an array",
            ));
            Vec::new()
        }
    }
}

/// Reads the values of `renderTemplate` / `buildSendPayload`:
/// `{"header": [...] | {...} | {"image": {"link": ...}}, "body": [...] | {name: value},
///   "buttons": {"0": "suffix"} | ["suffix", null], "cards": [{"header", "body", "buttons"}],
///   "offer": {"expiration_time_ms": ...}}`.
/// Positional values are arrays (or objects keyed "1", "2"…); named values are objects.
/// Numbers are accepted as text. Anything else is an `INVALID_PARAMS` error.
pub fn given_from_values(slots: &Slots, v: &Value) -> Result<Given, crate::input::InputError> {
    let err = |msg: String| crate::input::InputError::new("INVALID_PARAMS", msg);
    let obj = match v {
        Value::Null => return Ok(Given { path: "params".into(), ..Given::default() }),
        Value::Object(o) => o,
        Value::Array(_) if slots.body.is_some() => {
            // A bare array is the body's positional values.
            return Ok(Given {
                body: Some(text_values(v, "params", slots.named).map_err(err)?),
                path: "params".into(),
                ..Given::default()
            });
        }
        other => return Err(err(format!("params must be an object, found {}", crate::template::json_kind(other)))),
    };
    if let Some(k) = obj.keys().find(|k| !matches!(k.as_str(), "header" | "body" | "buttons" | "cards" | "offer")) {
        return Err(err(format!("unknown params key `{k}` (expected header, body, buttons, cards, offer)")));
    }
    let offer = match obj.get("offer") {
        None | Some(Value::Null) => None,
        Some(o @ Value::Object(_)) => {
            Some(vec![Param { path: "params.offer".into(), name: None, value: ParamValue::Offer(o.clone()) }])
        }
        Some(_) => {
            return Err(err("params.offer must be an object such as {\"expiration_time_ms\": 1767225600000}".into()))
        }
    };
    let header = obj
        .get("header")
        .map(|h| header_values(slots.header.as_ref(), h, "params.header", slots.named))
        .transpose()
        .map_err(err)?;
    let body = obj.get("body").map(|b| text_values(b, "params.body", slots.named)).transpose().map_err(err)?;
    let buttons = obj
        .get("buttons")
        .map(|b| button_values(&slots.buttons, b, "params.buttons"))
        .transpose()
        .map_err(err)?
        .unwrap_or_default();
    let mut cards = Vec::new();
    match obj.get("cards") {
        None | Some(Value::Null) => {}
        Some(Value::Array(list)) => {
            for (i, c) in list.iter().enumerate() {
                let path = format!("params.cards[{i}]");
                let slot = slots.cards.get(i);
                let co = c.as_object().ok_or_else(|| err(format!("{path} must be an object")))?;
                cards.push(GivenCard {
                    header: co
                        .get("header")
                        .map(|h| {
                            header_values(
                                slot.and_then(|s| s.header.as_ref()),
                                h,
                                &format!("{path}.header"),
                                slots.named,
                            )
                        })
                        .transpose()
                        .map_err(err)?,
                    body: co
                        .get("body")
                        .map(|b| text_values(b, &format!("{path}.body"), slots.named))
                        .transpose()
                        .map_err(err)?,
                    buttons: co
                        .get("buttons")
                        .map(|b| button_values(slot.map_or(&[][..], |s| &s.buttons), b, &format!("{path}.buttons")))
                        .transpose()
                        .map_err(err)?
                        .unwrap_or_default(),
                    path,
                });
            }
        }
        Some(_) => return Err(err("params.cards must be an array".into())),
    }
    Ok(Given { header, body, buttons, cards, offer, path: "params".into() })
}

fn scalar_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn text_values(v: &Value, path: &str, named: bool) -> Result<Vec<Param>, String> {
    let param = |p: String, name: Option<String>, x: &Value| -> Result<Param, String> {
        let value = scalar_text(x).ok_or_else(|| format!("{p} must be a string or a number"))?;
        Ok(Param { path: p, name, value: ParamValue::Text(value) })
    };
    match v {
        Value::Array(list) => list.iter().enumerate().map(|(i, x)| param(format!("{path}[{i}]"), None, x)).collect(),
        Value::Object(map) => {
            let numbered = map.keys().all(|k| k.parse::<usize>().is_ok_and(|n| n >= 1));
            if numbered && !named {
                let mut items: Vec<(usize, &Value)> =
                    map.iter().filter_map(|(k, x)| k.parse().ok().map(|n| (n, x))).collect();
                items.sort_by_key(|(n, _)| *n);
                if items.iter().enumerate().any(|(i, (n, _))| *n != i + 1) {
                    return Err(format!("{path}: positional keys must be 1, 2, 3… without gaps"));
                }
                items.into_iter().map(|(n, x)| param(format!("{path}.{n}"), None, x)).collect()
            } else {
                map.iter().map(|(k, x)| param(format!("{path}.{k}"), Some(k.clone()), x)).collect()
            }
        }
        other => param(path.to_string(), None, other).map(|p| vec![p]),
    }
}

fn header_values(slot: Option<&HeaderSlot>, v: &Value, path: &str, named: bool) -> Result<Vec<Param>, String> {
    if let Value::Object(map) = v {
        for kind in ["image", "video", "document", "gif"] {
            if let Some(raw) = map.get(kind) {
                return Ok(vec![Param {
                    path: format!("{path}.{kind}"),
                    name: None,
                    value: ParamValue::Media { kind: kind.into(), raw: raw.clone() },
                }]);
            }
        }
        if let Some(raw) = map.get("location") {
            return Ok(vec![Param {
                path: format!("{path}.location"),
                name: None,
                value: ParamValue::Location(raw.clone()),
            }]);
        }
    }
    if let (Some(HeaderSlot::Media(f)), Value::String(link)) = (slot, v) {
        // A bare link for a media header.
        let kind = f.name().to_ascii_lowercase();
        return Ok(vec![Param {
            path: path.into(),
            name: None,
            value: ParamValue::Media { kind, raw: serde_json::json!({ "link": link }) },
        }]);
    }
    text_values(v, path, named)
}

fn button_values(slots: &[ButtonSlot], v: &Value, path: &str) -> Result<Vec<GivenButton>, String> {
    let entries: Vec<(usize, &Value, String)> = match v {
        Value::Array(list) => {
            list.iter().enumerate().filter(|(_, x)| !x.is_null()).map(|(i, x)| (i, x, format!("{path}[{i}]"))).collect()
        }
        Value::Object(map) => map
            .iter()
            .map(|(k, x)| {
                k.parse::<usize>()
                    .map(|i| (i, x, format!("{path}.{k}")))
                    .map_err(|_| format!("{path}: keys are button indexes (0, 1, …), not `{k}`"))
            })
            .collect::<Result<_, _>>()?,
        _ => return Err(format!("{path} must be an array or an object keyed by button index")),
    };
    let mut out = Vec::new();
    for (index, x, p) in entries {
        let slot = slots.get(index).ok_or_else(|| format!("{p}: the template has no button {index}"))?;
        let (sub_type, value) = match (slot.takes, x) {
            (ButtonTakes::UrlSuffix | ButtonTakes::OtpCode, x) => {
                ("url", ParamValue::Text(scalar_text(x).ok_or_else(|| format!("{p} must be a string"))?))
            }
            (ButtonTakes::Coupon, x) => {
                ("copy_code", ParamValue::Coupon(scalar_text(x).ok_or_else(|| format!("{p} must be a string"))?))
            }
            (ButtonTakes::Payload, x) => {
                let payload = x
                    .get("payload")
                    .and_then(scalar_text)
                    .or_else(|| scalar_text(x))
                    .ok_or_else(|| format!("{p} must be a payload string"))?;
                ("quick_reply", ParamValue::Payload(payload))
            }
            (ButtonTakes::Action, x) => {
                ("flow", ParamValue::Action(x.get("action").cloned().unwrap_or_else(|| x.clone())))
            }
            (ButtonTakes::Nothing, _) => return Err(format!("{p}: button {index} takes no parameter")),
        };
        out.push(GivenButton {
            path: p.clone(),
            index: Some(index),
            sub_type: Some(sub_type.into()),
            params: vec![Param { path: p, name: None, value }],
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(path: &str, v: &str) -> Param {
        Param { path: path.into(), name: None, value: ParamValue::Text(v.into()) }
    }

    #[test]
    fn fill_keeps_unfilled_placeholders_visible() {
        let slot = TextSlot {
            text: "Hi {{1}}, order {{2}}, {{1}}!".into(),
            path: "b".into(),
            keys: vec![Key::Positional(1), Key::Positional(2)],
        };
        let f = fill(&slot, &[text("p0", "Ana")]);
        assert_eq!(f.text, "Hi Ana, order {{2}}, Ana!");
        assert_eq!(f.unfilled, vec![Key::Positional(2)]);
    }

    #[test]
    fn text_value_rules() {
        let mut out = Vec::new();
        check_text_value("a\nb", "p", &mut out);
        check_text_value("a     b", "p", &mut out);
        check_text_value("a    b", "p", &mut out);
        check_text_value("  ", "p", &mut out);
        let codes: Vec<&str> = out.iter().map(|d| d.code).collect();
        assert_eq!(codes, vec!["WP502", "WP502", "WP503"]);
        assert_eq!(out[1].span.map(|s| (s.start, s.end)), Some((1, 6)));
    }
}
