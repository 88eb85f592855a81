//! Parameters: where a template takes them ([`Slots`]), the values given for them ([`Given`]),
//! and the checks on those values.
//!
//! - `read.rs` reads values from a send payload's components, or from the simpler values of
//!   `renderTemplate` / `buildSendPayload`;
//! - `values.rs` checks what can be told from the values alone (an empty text, a fractional
//!   `amount_1000`, a 22-character coupon, a button without `sub_type`): it runs with or
//!   without the template;
//! - `against.rs` compares the values with the template's slots: counts, formats, the button
//!   order, the one-time code, the length of the filled-in text (the 132000 / 132012 / 132018 /
//!   132005 class of send errors).

mod against;
mod read;
mod values;

use std::ops::Range;

use serde_json::Value;

pub use against::check;
pub use read::{given_from_values, read_components};
pub use values::{check_text_value, check_values};

use crate::category::Category;
use crate::placeholder::{scan, Key};
use crate::template::{Button, ButtonKind, ComponentKind, HeaderFormat, Template};

/// A text with placeholders: the keys it takes, distinct, in order of first appearance.
#[derive(Debug, Clone)]
pub struct TextSlot {
    pub text: String,
    /// JSON path of the text in the template.
    pub path: String,
    pub keys: Vec<Key>,
    /// Each placeholder's key and byte range in `text`, in order: the text is scanned once,
    /// however often it is filled.
    placeholders: Vec<(Key, Range<usize>)>,
}

impl TextSlot {
    /// The slot of `text` at `path`.
    pub fn of(text: String, path: String) -> Self {
        let s = scan(&text);
        let keys = s.distinct_keys().into_iter().cloned().collect();
        let placeholders = s.placeholders.into_iter().map(|p| (p.key, p.range)).collect();
        TextSlot { text, path, keys, placeholders }
    }

    fn new(text: &crate::template::Text) -> Self {
        TextSlot::of(text.value.clone(), text.path.clone())
    }
}

#[derive(Debug, Clone)]
pub enum HeaderSlot {
    Text(TextSlot),
    Media(HeaderFormat),
    Location,
    /// A single-product or product-card header: `{"type": "product", "product": {…}}`.
    Product,
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
    /// FLOW: an optional action (`flow_token`, `flow_action_data`).
    FlowAction,
    /// CATALOG: the button component is required, its action (a thumbnail) optional.
    CatalogAction,
    /// MPM: an action with the sections of products (required).
    MpmAction,
    /// VOICE_CALL: optional `ttl_minutes` and `payload`.
    VoiceCall,
    /// Nothing (static URL, phone number, single product …).
    Nothing,
    /// A button type not modelled here (payments' `ORDER_DETAILS` checkout button and types
    /// Meta adds): whatever is sent for it is let through.
    Unmodelled,
}

impl ButtonTakes {
    /// The `sub_type` of the button component that fills it.
    pub fn sub_type(self, kind: ButtonKind) -> Option<&'static str> {
        Some(match self {
            ButtonTakes::UrlSuffix | ButtonTakes::OtpCode => "url",
            ButtonTakes::Coupon => "copy_code",
            ButtonTakes::Payload => "quick_reply",
            ButtonTakes::FlowAction => "flow",
            ButtonTakes::CatalogAction => "catalog",
            ButtonTakes::MpmAction => "mpm",
            ButtonTakes::VoiceCall => "voice_call",
            ButtonTakes::Nothing if kind == ButtonKind::Url => "url",
            ButtonTakes::Nothing | ButtonTakes::Unmodelled => return None,
        })
    }

    /// True when a send must carry a button component for it.
    pub fn required(self) -> bool {
        matches!(
            self,
            ButtonTakes::UrlSuffix
                | ButtonTakes::Coupon
                | ButtonTakes::OtpCode
                | ButtonTakes::CatalogAction
                | ButtonTakes::MpmAction
        )
    }

    /// True when the button component must carry a parameter.
    pub fn parameter_required(self) -> bool {
        matches!(self, ButtonTakes::UrlSuffix | ButtonTakes::Coupon | ButtonTakes::OtpCode | ButtonTakes::MpmAction)
    }
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

impl ButtonSlot {
    pub fn kind_name(&self) -> &'static str {
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
                ButtonKind::VoiceCall => "voice-call",
                _ => "other",
            },
        }
    }
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
        let category = t.category.as_ref().and_then(|c| crate::category::parse_category(&c.value)).map(|(c, _)| c);
        let mut s = Slots {
            named: t.parameter_format.as_ref().is_some_and(|p| p.value.eq_ignore_ascii_case("NAMED")),
            category,
            body_only: t.components.len() == 1 && t.body().is_some(),
            ..Slots::default()
        };
        if category == Some(Category::Authentication) && t.body().is_none() {
            // Meta writes an authentication template's body itself; its one parameter is the code.
            s.body = Some(TextSlot::of("{{1}}".into(), "components".into()));
        }
        for c in &t.components {
            match &c.kind {
                ComponentKind::Header(h) => s.header = header_slot(h),
                ComponentKind::Body(b) => {
                    s.body = match &b.text {
                        Some(text) => Some(TextSlot::new(text)),
                        // An authentication template as created: Meta writes the text, and
                        // the one-time code is its one parameter (M-AUTH).
                        None if category == Some(Category::Authentication) => {
                            Some(TextSlot::of("{{1}}".into(), c.path.clone()))
                        }
                        None => None,
                    }
                }
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
        HeaderFormat::Product => Some(HeaderSlot::Product),
        HeaderFormat::Unknown => None,
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
                    ButtonKind::Flow => ButtonTakes::FlowAction,
                    ButtonKind::Catalog => ButtonTakes::CatalogAction,
                    ButtonKind::Mpm => ButtonTakes::MpmAction,
                    ButtonKind::VoiceCall => ButtonTakes::VoiceCall,
                    ButtonKind::Unknown => ButtonTakes::Unmodelled,
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
    Product(Value),
    Payload(String),
    Coupon(String),
    Action(Value),
    TtlMinutes(Value),
    /// `limited_time_offer`: the offer's expiration.
    Offer(Value),
    /// A parameter whose `type` names a value that is not there (already reported).
    Missing(String),
    /// A parameter type the checks do not look into.
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

    pub fn type_name(&self) -> &str {
        match self {
            ParamValue::Text(_) => "text",
            ParamValue::Fallback { kind, .. } => kind,
            ParamValue::Media { kind, .. } => kind,
            ParamValue::Location(_) => "location",
            ParamValue::Product(_) => "product",
            ParamValue::Payload(_) => "payload",
            ParamValue::Coupon(_) => "coupon_code",
            ParamValue::Action(_) => "action",
            ParamValue::TtlMinutes(_) => "ttl_minutes",
            ParamValue::Offer(_) => "limited_time_offer",
            ParamValue::Missing(t) | ParamValue::Other(t) => t,
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
    /// `None` when the index is missing or not a number (see `index_written`).
    pub index: Option<usize>,
    /// The index as written, when it is not a whole number.
    pub index_written: Option<String>,
    pub sub_type: Option<String>,
    pub params: Vec<Param>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct GivenCard {
    pub path: String,
    /// `card_index` as given.
    pub card_index: Option<i64>,
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
            index_written: None,
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
    let mut unfilled = Vec::new();
    let mut out = String::with_capacity(slot.text.len());
    let mut from = 0;
    for (key, range) in &slot.placeholders {
        out.push_str(&slot.text[from..range.start]);
        let value = match key {
            Key::Positional(n) => params.get((*n as usize).wrapping_sub(1)).filter(|p| p.name.is_none()),
            // The last parameter of that name (a text takes a handful).
            Key::Named(name) => params.iter().rfind(|p| p.name.as_deref() == Some(name.as_str())),
        }
        .and_then(|p| p.value.display());
        match value {
            Some(v) => out.push_str(v),
            None => {
                out.push_str(&slot.text[range.clone()]);
                if !unfilled.contains(key) {
                    unfilled.push(key.clone());
                }
            }
        }
        from = range.end;
    }
    out.push_str(&slot.text[from..]);
    Filled { text: out, unfilled }
}

// Tests only: the unwraps below are assertions on fixed inputs, compiled under cfg(test) and
// never into the library, so no user input reaches them.
#[cfg(test)]
mod tests {
    use super::*;

    fn text(path: &str, v: &str) -> Param {
        Param { path: path.into(), name: None, value: ParamValue::Text(v.into()) }
    }

    #[test]
    fn fill_keeps_unfilled_placeholders_visible() {
        let slot = TextSlot::of("Hi {{1}}, order {{2}}, {{1}}!".into(), "b".into());
        assert_eq!(slot.keys, vec![Key::Positional(1), Key::Positional(2)]);
        let f = fill(&slot, &[text("p0", "Ana")]);
        assert_eq!(f.text, "Hi Ana, order {{2}}, Ana!");
        assert_eq!(f.unfilled, vec![Key::Positional(2)]);
    }

    #[test]
    fn an_authentication_template_as_created_takes_the_code_in_its_body() {
        let t: Value = serde_json::json!({
            "name": "login", "language": "en_US", "category": "AUTHENTICATION",
            "components": [
                {"type": "BODY", "add_security_recommendation": true},
                {"type": "FOOTER", "code_expiration_minutes": 5},
                {"type": "BUTTONS", "buttons": [{"type": "OTP", "otp_type": "COPY_CODE"}]}
            ]
        });
        let t = crate::template::read_template(t.as_object().unwrap(), &mut Vec::new());
        let s = Slots::of(&t);
        assert_eq!(s.body.map(|b| b.keys), Some(vec![Key::Positional(1)]));
        assert_eq!(s.buttons[0].takes, ButtonTakes::OtpCode);
    }
}
