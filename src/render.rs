//! Preview: a template with its values filled in, as the recipient's bubble shows it — header,
//! formatted body, footer, buttons in display order (more than three collapse behind "See all
//! options"), carousel cards — with the text as nodes, as plain text and as escaped HTML.
//!
//! Why one file of about 690 lines: the preview model, the filling-in of values (carousel cards
//! and authentication codes included) and the bubble's HTML (`Preview::bubble_html`) share the one
//! walk over a template's parts (about 560 lines of code, the rest its tests); the markup itself
//! is `markup/`.

use std::collections::{BTreeMap, HashMap};
use std::sync::LazyLock;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::category::Category;
use crate::diagnostic::{Diagnostic, Severity};
use crate::input::InputError;
use crate::markup::{self, Block, Links};
use crate::options::RuleSetting;
use crate::params::{self, ButtonSlot, ButtonTakes, Given, HeaderSlot, Param, ParamValue, Slots, TextSlot};
use crate::template::{ButtonKind, ComponentKind, Template};
use crate::text::LengthUnit;

/// How to render.
#[cfg_attr(test, derive(ts_rs::TS), ts(optional_fields))]
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct RenderOptions {
    #[cfg_attr(test, ts(as = "Option<LengthUnit>", optional))]
    pub length_unit: LengthUnit,
    /// Fill placeholders that have no value with the template's sample values.
    #[cfg_attr(test, ts(as = "Option<bool>", optional))]
    pub use_examples: bool,
    /// Render links as text instead of anchors.
    #[cfg_attr(test, ts(as = "Option<bool>", optional))]
    pub links_as_text: bool,
    /// Per-rule overrides of the findings about the values, keyed by code or name.
    #[serde(deserialize_with = "crate::rules::deserialize_settings")]
    #[cfg_attr(test, ts(as = "Option<HashMap<String, RuleSetting>>", optional))]
    pub rules: HashMap<String, RuleSetting>,
    /// Also write the whole bubble as one HTML fragment ([`Preview::bubble_html`]).
    #[cfg_attr(test, ts(as = "Option<bool>", optional))]
    pub html: bool,
}

/// A text component rendered three ways.
#[cfg_attr(test, derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RenderedText {
    /// The text with values filled in, WhatsApp markers as written.
    pub text: String,
    /// What the recipient reads: markers removed.
    pub plain: String,
    /// Escaped HTML.
    pub html: String,
    pub blocks: Vec<Block>,
}

impl RenderedText {
    pub fn new(text: String, links: Links) -> Self {
        let blocks = markup::parse(&text);
        RenderedText { plain: markup::to_plain_text(&blocks), html: markup::to_html(&blocks, links), blocks, text }
    }
}

#[cfg_attr(test, derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HeaderPreview {
    /// `text`, `image`, `video`, `gif`, `document`, `location` or `product` (`unknown` for a
    /// header format Meta does not document).
    #[cfg_attr(
        test,
        ts(
            type = "\"text\" | \"image\" | \"video\" | \"gif\" | \"document\" | \"location\" | \"product\" | \"unknown\""
        )
    )]
    pub kind: String,
    // ts-rs cannot flatten an Option: src/ts_types.rs adds `& Partial<RenderedText>`.
    #[serde(flatten)]
    #[cfg_attr(test, ts(skip))]
    pub text: Option<RenderedText>,
    /// The media or location value, when given.
    #[cfg_attr(test, ts(type = "Record<string, unknown> | null"))]
    pub media: Option<Value>,
}

#[cfg_attr(test, derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ButtonPreview {
    pub index: usize,
    /// `quick_reply`, `url`, `phone_number`, `copy_code`, `otp`, `flow`, `catalog` …
    pub kind: String,
    pub text: String,
    /// The URL with its suffix filled in.
    pub url: Option<String>,
    pub phone_number: Option<String>,
    /// The code a copy-code or OTP button copies.
    pub code: Option<String>,
}

/// Which buttons the bubble shows: all of up to three, else the first two and "See all options".
#[cfg_attr(test, derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ButtonLayout {
    pub visible: Vec<usize>,
    pub see_all_options: bool,
}

#[cfg_attr(test, derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CardPreview {
    pub header: Option<HeaderPreview>,
    pub body: Option<RenderedText>,
    pub buttons: Vec<ButtonPreview>,
}

#[cfg_attr(test, derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OfferPreview {
    pub text: String,
    pub has_expiration: bool,
}

/// The whole bubble.
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "TemplatePreview"))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Preview {
    pub name: Option<String>,
    pub language: Option<String>,
    pub category: Option<String>,
    pub header: Option<HeaderPreview>,
    pub offer: Option<OfferPreview>,
    pub body: Option<RenderedText>,
    pub footer: Option<RenderedText>,
    pub buttons: Vec<ButtonPreview>,
    pub layout: ButtonLayout,
    pub cards: Vec<CardPreview>,
    /// False iff some diagnostic is an error (an unfilled placeholder, an invalid value).
    pub ok: bool,
    pub diagnostics: Vec<Diagnostic>,
    /// The bubble as one HTML fragment ([`Preview::bubble_html`]), with the `html` option.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub html: Option<String>,
}

struct AuthText {
    body: String,
    security: String,
    expiry: String,
    copy_code: String,
    autofill: String,
}

struct AuthTexts {
    fallback: String,
    locales: BTreeMap<String, AuthText>,
}

/// The code an authentication preview shows when no code is given (`useExamples`).
pub const SAMPLE_CODE: &str = "123456";

/// `data/authentication-text.json`, read from its JSON value (a derive would add a deserializer
/// for a file read once); a locale missing one of its texts makes the whole file unreadable.
fn auth_texts(v: &Value) -> Option<AuthTexts> {
    let field = |o: &Map<String, Value>, key: &str| o.get(key)?.as_str().map(str::to_string);
    let locales = v.get("locales")?.as_object()?.iter().map(|(code, t)| {
        let t = t.as_object()?;
        let text = AuthText {
            body: field(t, "body")?,
            security: field(t, "security")?,
            expiry: field(t, "expiry")?,
            copy_code: field(t, "copy_code")?,
            autofill: field(t, "autofill")?,
        };
        Some((code.clone(), text))
    });
    Some(AuthTexts { fallback: v.get("fallback")?.as_str()?.to_string(), locales: locales.collect::<Option<_>>()? })
}

static AUTH_TEXTS: LazyLock<Option<AuthTexts>> = LazyLock::new(|| {
    let v: Option<Value> = crate::embedded::load!("authentication-text.json");
    auth_texts(&v?)
});

/// Meta's fixed authentication text for `language` (falling back to the base language, then
/// English).
fn auth_text(language: &str) -> Option<&'static AuthText> {
    let texts = AUTH_TEXTS.as_ref()?;
    let base = language.split('_').next().unwrap_or(language);
    texts.locales.get(language).or_else(|| texts.locales.get(base)).or_else(|| texts.locales.get(&texts.fallback))
}

/// Renders `template` with `values` (see [`params::given_from_values`] for their shape).
#[inline(never)] // its own function for V8's optimising tier: see `rules::run`
pub fn render_template(template: &Template, values: &Value, opts: &RenderOptions) -> Result<Preview, InputError> {
    let slots = auth_slots(template, Slots::of(template));
    let mut values = if opts.use_examples { merge(values, &example_values(template, &slots)) } else { values.clone() };
    if opts.use_examples && slots.category == Some(Category::Authentication) {
        // Meta's fixed text takes the one-time code as its value: a sample code stands in.
        if let Value::Object(o) = &mut values {
            if !o.contains_key("body") && !o.contains_key("buttons") {
                o.insert("body".into(), Value::Array(vec![Value::String(SAMPLE_CODE.into())]));
            }
        }
    }
    let mut given = params::given_from_values(&slots, &values)?;
    params::complete_authentication(&slots, &mut given);
    let limits = crate::payload::Limits::default();
    let mut cx = crate::payload::Cx::new(&limits, None, opts.length_unit, crate::payload::Endpoint::Messages);
    params::check_values(&given, &mut cx);
    params::check(&slots, &given, &mut cx);
    let diagnostics = cx.finish(&opts.rules);
    let links = if opts.links_as_text { Links::Text } else { Links::Anchors };

    let header = slots.header.as_ref().map(|h| header_preview(h, given.header.as_deref(), links));
    let body = slots
        .body
        .as_ref()
        .map(|b| RenderedText::new(params::fill(b, given.body.as_deref().unwrap_or(&[])).text, links));
    let footer = slots.footer.clone().map(|f| RenderedText::new(f, links));
    let buttons = button_previews(&slots.buttons, &given.buttons, template, &given);
    let cards = slots
        .cards
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let g = given.cards.get(i);
            CardPreview {
                header: c.header.as_ref().map(|h| header_preview(h, g.and_then(|g| g.header.as_deref()), links)),
                body: c.body.as_ref().map(|b| {
                    RenderedText::new(params::fill(b, g.and_then(|g| g.body.as_deref()).unwrap_or(&[])).text, links)
                }),
                buttons: button_previews(&c.buttons, g.map_or(&[][..], |g| &g.buttons), template, &given),
            }
        })
        .collect();
    let mut preview = Preview {
        name: template.name.as_ref().map(|n| n.value.clone()),
        language: template.language.as_ref().map(|l| l.value.clone()),
        category: slots.category.map(|c| c.name().to_string()),
        header,
        offer: slots.offer.clone().map(|(text, has_expiration)| OfferPreview { text, has_expiration }),
        body,
        footer,
        layout: layout(buttons.len()),
        buttons,
        cards,
        ok: !diagnostics.iter().any(|d| d.severity == Severity::Error),
        diagnostics,
        html: None,
    };
    if opts.html {
        preview.html = Some(preview.bubble_html());
    }
    Ok(preview)
}

impl Preview {
    /// The bubble as one HTML fragment: `wa-bubble` holding the header (text, or an empty
    /// `wa-media` box naming the media kind), the offer, body, footer, the visible buttons (a
    /// copy-code button with its code) and "See all options". Carousel cards scroll beside the
    /// bubble in WhatsApp and are not part of it (`cards` has them, their texts' HTML
    /// included). Buttons are `div`s: a preview is a picture of the message, not a control.
    /// Texts come from [`markup::to_html`]; every other character the template or the values
    /// brought is escaped here with [`markup::escape_html`].
    pub fn bubble_html(&self) -> String {
        let mut out = String::from("<div class=\"wa-bubble\">");
        if let Some(h) = &self.header {
            header_html(h, &mut out);
        }
        if let Some(o) = &self.offer {
            out.push_str("\n<div class=\"wa-offer\">");
            markup::escape_html(&o.text, &mut out);
            out.push_str("</div>");
        }
        text_html("wa-body", self.body.as_ref(), &mut out);
        text_html("wa-footer", self.footer.as_ref(), &mut out);
        for b in self.layout.visible.iter().filter_map(|i| self.buttons.get(*i)) {
            button_html(b, &mut out);
        }
        if self.layout.see_all_options {
            out.push_str("\n<div class=\"wa-button wa-see-all\">See all options</div>");
        }
        out.push_str("\n</div>");
        out
    }
}

/// A text's HTML (already escaped by markup.rs) in a `div` of `class`.
fn text_html(class: &str, text: Option<&RenderedText>, out: &mut String) {
    if let Some(t) = text {
        out.push_str("\n<div class=\"");
        out.push_str(class);
        out.push_str("\">");
        out.push_str(&t.html);
        out.push_str("</div>");
    }
}

fn header_html(h: &HeaderPreview, out: &mut String) {
    match &h.text {
        Some(t) => text_html("wa-header", Some(t), out),
        None => {
            // The kind is one of the core's names (image, video …): nothing to escape.
            out.push_str("\n<div class=\"wa-header wa-media\" data-kind=\"");
            out.push_str(&h.kind);
            out.push_str("\"></div>");
        }
    }
}

fn button_html(b: &ButtonPreview, out: &mut String) {
    out.push_str("\n<div class=\"wa-button\" data-kind=\"");
    out.push_str(&b.kind);
    out.push_str("\">");
    markup::escape_html(&b.text, out);
    // A copy-code button shows the code it copies; an OTP button's code is the one in the body.
    if let Some(code) = b.code.as_deref().filter(|_| b.kind == "copy_code") {
        out.push_str(" <span class=\"wa-code\">");
        markup::escape_html(code, out);
        out.push_str("</span>");
    }
    out.push_str("</div>");
}

/// The template's sample values in the shape of [`render_template`]'s values (`header` and
/// `body` as a positional array or an object by name, `buttons` by index: a URL button's sample
/// suffix, a copy-code button's code): what `useExamples` fills in.
pub fn examples(template: &Template) -> Value {
    example_values(template, &Slots::of(template))
}

/// For an authentication create request (no body text), the body and footer Meta will show.
fn auth_slots(t: &Template, mut slots: Slots) -> Slots {
    if slots.category != Some(Category::Authentication) {
        return slots;
    }
    let language = t.language.as_ref().map_or("en", |l| l.value.as_str());
    let Some(text) = auth_text(language) else { return slots };
    if let Some((c, b)) = t.body().filter(|(_, b)| b.text.is_none()) {
        let mut body = text.body.clone();
        if b.add_security_recommendation == Some(true) {
            body.push(' ');
            body.push_str(&text.security);
        }
        slots.body = Some(TextSlot::of(body, format!("{}.text", c.path)));
    }
    if let Some((_, f)) = t.footer().filter(|(_, f)| f.text.is_none()) {
        if let Some((minutes, _)) = f.code_expiration_minutes {
            slots.footer = Some(text.expiry.replace("{minutes}", &minutes.to_string()));
        }
    }
    slots
}

fn layout(n: usize) -> ButtonLayout {
    if n <= 3 {
        ButtonLayout { visible: (0..n).collect(), see_all_options: false }
    } else {
        ButtonLayout { visible: vec![0, 1], see_all_options: true }
    }
}

fn header_preview(slot: &HeaderSlot, params: Option<&[Param]>, links: Links) -> HeaderPreview {
    match slot {
        HeaderSlot::Text(t) => HeaderPreview {
            kind: "text".into(),
            text: Some(RenderedText::new(params::fill(t, params.unwrap_or(&[])).text, links)),
            media: None,
        },
        HeaderSlot::Media(f) => HeaderPreview {
            kind: f.name().to_ascii_lowercase(),
            text: None,
            media: params.and_then(|p| p.first()).and_then(|p| match &p.value {
                ParamValue::Media { raw, .. } => Some(raw.clone()),
                _ => None,
            }),
        },
        HeaderSlot::Location => HeaderPreview {
            kind: "location".into(),
            text: None,
            media: params.and_then(|p| p.first()).and_then(|p| match &p.value {
                ParamValue::Location(raw) => Some(raw.clone()),
                _ => None,
            }),
        },
        HeaderSlot::Product => HeaderPreview {
            kind: "product".into(),
            text: None,
            media: params.and_then(|p| p.first()).and_then(|p| match &p.value {
                ParamValue::Product(raw) => Some(raw.clone()),
                _ => None,
            }),
        },
    }
}

fn button_previews(
    slots: &[ButtonSlot],
    given: &[params::GivenButton],
    t: &Template,
    all: &Given,
) -> Vec<ButtonPreview> {
    let language = t.language.as_ref().map_or("en", |l| l.value.as_str());
    slots
        .iter()
        .map(|s| {
            let value = given
                .iter()
                .find(|g| g.index == Some(s.index))
                .and_then(|g| g.params.first())
                .and_then(|p| p.value.display().map(str::to_string));
            let mut b = ButtonPreview {
                index: s.index,
                kind: kind_name(s).into(),
                text: s.label.clone().unwrap_or_default(),
                url: None,
                phone_number: s.phone_number.clone(),
                code: None,
            };
            match s.takes {
                ButtonTakes::UrlSuffix => {
                    b.url = s.url.as_ref().map(|u| match &value {
                        Some(v) => u.replacen("{{1}}", v, 1),
                        None => u.clone(),
                    })
                }
                ButtonTakes::Coupon => {
                    b.code = value;
                    if b.text.is_empty() {
                        b.text = "Copy offer code".into();
                    }
                }
                ButtonTakes::OtpCode => {
                    // The code is the body's first value when the button's was not given.
                    b.code = value.or_else(|| {
                        all.body.as_ref().and_then(|p| p.first()).and_then(|p| p.value.display().map(str::to_string))
                    });
                    // One-tap buttons show their autofill label; the others copy the code.
                    let button = t.buttons().get(s.index);
                    let one_tap = button
                        .and_then(|x| x.otp_type.as_ref())
                        .is_some_and(|o| o.value.eq_ignore_ascii_case("ONE_TAP"));
                    let autofill = button.and_then(|x| x.raw.get("autofill_text")).and_then(Value::as_str);
                    if one_tap {
                        b.text = autofill
                            .map(str::to_string)
                            .or_else(|| auth_text(language).map(|a| a.autofill.clone()))
                            .unwrap_or_else(|| "Autofill".into());
                    } else if b.text.is_empty() {
                        b.text = auth_text(language).map(|a| a.copy_code.clone()).unwrap_or_else(|| "Copy code".into());
                    }
                }
                _ => b.url = s.url.clone(),
            }
            b
        })
        .collect()
}

fn kind_name(s: &ButtonSlot) -> &'static str {
    if s.takes == ButtonTakes::OtpCode {
        return "otp";
    }
    match s.kind {
        ButtonKind::QuickReply => "quick_reply",
        ButtonKind::Url => "url",
        ButtonKind::PhoneNumber => "phone_number",
        ButtonKind::CopyCode => "copy_code",
        ButtonKind::Otp => "otp",
        ButtonKind::Flow => "flow",
        ButtonKind::Catalog => "catalog",
        ButtonKind::Mpm => "mpm",
        ButtonKind::Spm => "spm",
        ButtonKind::VoiceCall => "voice_call",
        ButtonKind::App => "app",
        ButtonKind::CallPermissionRequest => "call_permission_request",
        ButtonKind::RequestContactInfo => "request_contact_info",
        ButtonKind::Unknown => "unknown",
    }
}

/// The template's sample values in the shape of `renderTemplate` values, the cards' included.
fn example_values(t: &Template, slots: &Slots) -> Value {
    Value::Object(component_examples(&t.components, &slots.buttons, &slots.cards))
}

/// The samples of one list of components (a template's, or a card's): header and body texts,
/// URL suffixes and copy codes by button index, and each card's.
fn component_examples(
    components: &[crate::template::Component],
    slots: &[ButtonSlot],
    cards: &[params::CardSlots],
) -> Map<String, Value> {
    let mut out = Map::new();
    for c in components {
        let ex = c.example.as_ref();
        match &c.kind {
            ComponentKind::Header(_) => {
                if let Some(v) = ex.and_then(|e| e.get("header_text")).filter(|v| v.is_array()) {
                    out.insert("header".into(), v.clone());
                } else if let Some(named) = ex.and_then(|e| e.get("header_text_named_params")) {
                    out.insert("header".into(), named_examples(named));
                }
            }
            ComponentKind::Body(_) => {
                if let Some(row) = ex.and_then(|e| e.get("body_text")).and_then(|v| v.get(0)).filter(|v| v.is_array()) {
                    out.insert("body".into(), row.clone());
                } else if let Some(named) = ex.and_then(|e| e.get("body_text_named_params")) {
                    out.insert("body".into(), named_examples(named));
                }
            }
            ComponentKind::Buttons(buttons) => {
                let mut map = Map::new();
                for (i, (b, s)) in buttons.iter().zip(slots).enumerate() {
                    let sample = match s.takes {
                        ButtonTakes::UrlSuffix => url_suffix_example(b, s),
                        ButtonTakes::Coupon => crate::rules::limits::copy_code_example(b).map(|t| t.value),
                        _ => None,
                    };
                    if let Some(v) = sample {
                        map.insert(i.to_string(), Value::String(v));
                    }
                }
                if !map.is_empty() {
                    out.insert("buttons".into(), Value::Object(map));
                }
            }
            ComponentKind::Carousel(list) => {
                let samples = list.iter().enumerate().map(|(i, card)| {
                    let buttons = cards.get(i).map_or(&[][..], |s| &s.buttons);
                    Value::Object(component_examples(&card.components, buttons, &[]))
                });
                out.insert("cards".into(), Value::Array(samples.collect()));
            }
            _ => {}
        }
    }
    out
}

fn named_examples(v: &Value) -> Value {
    let mut map = Map::new();
    for item in v.as_array().map(Vec::as_slice).unwrap_or_default() {
        if let (Some(name), Some(ex)) = (item.get("param_name").and_then(Value::as_str), item.get("example")) {
            map.insert(name.to_string(), ex.clone());
        }
    }
    Value::Object(map)
}

/// The suffix of a URL button's sample: the sample URL minus the template URL's fixed part.
fn url_suffix_example(b: &crate::template::Button, s: &ButtonSlot) -> Option<String> {
    let sample = match b.example.as_ref()? {
        Value::Array(a) => a.first()?.as_str()?.to_string(),
        Value::String(x) => x.clone(),
        _ => return None,
    };
    let prefix = s.url.as_ref()?.split("{{").next()?.to_string();
    Some(sample.strip_prefix(&prefix).map_or(sample.clone(), str::to_string))
}

/// `values` with the components it lacks taken from `examples`.
fn merge(values: &Value, examples: &Value) -> Value {
    let mut out = examples.as_object().cloned().unwrap_or_default();
    match values {
        Value::Object(v) => {
            for (k, x) in v {
                out.insert(k.clone(), x.clone());
            }
        }
        Value::Array(_) => {
            out.insert("body".into(), values.clone());
        }
        _ => {}
    }
    Value::Object(out)
}

// Tests only: the unwraps below are assertions on fixed inputs, compiled under cfg(test) and
// never into the library, so no user input reaches them.
#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn template(v: Value) -> Template {
        crate::template::read_template(v.as_object().unwrap(), &mut Vec::new())
    }

    #[test]
    fn fills_values_and_keeps_unfilled_placeholders() {
        let t = template(json!({"name": "x", "language": "it", "category": "UTILITY", "components": [
            {"type": "BODY", "text": "Ciao *{{1}}*, ordine {{2}} spedito."}]}));
        let p = render_template(&t, &json!({"body": ["Giulia"]}), &RenderOptions::default()).unwrap();
        let body = p.body.unwrap();
        assert_eq!(body.text, "Ciao *Giulia*, ordine {{2}} spedito.");
        assert_eq!(body.plain, "Ciao Giulia, ordine {{2}} spedito.");
        assert_eq!(body.html, "<p>Ciao <strong>Giulia</strong>, ordine {{2}} spedito.</p>");
        assert!(!p.ok);
        assert_eq!(p.diagnostics[0].code, "WP501");
    }

    #[test]
    fn authentication_text_comes_from_the_language() {
        let t = template(json!({"name": "code", "language": "pt_BR", "category": "AUTHENTICATION", "components": [
            {"type": "BODY", "add_security_recommendation": true},
            {"type": "FOOTER", "code_expiration_minutes": 10},
            {"type": "BUTTONS", "buttons": [{"type": "OTP", "otp_type": "COPY_CODE"}]}]}));
        let p = render_template(&t, &json!({"body": ["482913"]}), &RenderOptions::default()).unwrap();
        assert_eq!(p.body.unwrap().plain, "Seu código de verificação é 482913. Para sua segurança, não o compartilhe.");
        assert_eq!(p.footer.unwrap().text, "Este código expira em 10 minutos.");
        assert_eq!(p.buttons[0].code.as_deref(), Some("482913"));
        assert_eq!(p.buttons[0].text, "Copiar código");
    }

    #[test]
    fn the_bubble_as_html_escapes_what_the_user_wrote() {
        let t = template(json!({"name": "x", "language": "it", "category": "MARKETING", "components": [
            {"type": "HEADER", "format": "IMAGE"},
            {"type": "BODY", "text": "Ciao *{{1}}*"},
            {"type": "FOOTER", "text": "a <b> & c"},
            {"type": "BUTTONS", "buttons": [
                {"type": "COPY_CODE", "example": "SAVE\"<10>"},
                {"type": "QUICK_REPLY", "text": "<script>x</script>"},
                {"type": "QUICK_REPLY", "text": "b"},
                {"type": "QUICK_REPLY", "text": "c"}]}]}));
        let opts = RenderOptions { use_examples: true, html: true, ..Default::default() };
        let p = render_template(&t, &json!({"body": ["<img src=x onerror=alert(1)>"]}), &opts).unwrap();
        let html = p.bubble_html();
        assert_eq!(p.html.as_deref(), Some(html.as_str()));
        assert!(
            html.starts_with("<div class=\"wa-bubble\">\n<div class=\"wa-header wa-media\" data-kind=\"image\"></div>")
        );
        assert!(html
            .contains("<div class=\"wa-body\"><p>Ciao <strong>&lt;img src=x onerror=alert(1)&gt;</strong></p></div>"));
        assert!(html.contains("<div class=\"wa-footer\"><p>a &lt;b&gt; &amp; c</p></div>"));
        assert!(html.contains("<div class=\"wa-button\" data-kind=\"copy_code\">Copy offer code <span class=\"wa-code\">SAVE&quot;&lt;10&gt;</span></div>"));
        assert!(html.contains("&lt;script&gt;x&lt;/script&gt;"));
        // Four buttons: the first two and "See all options".
        assert_eq!(html.matches("<div class=\"wa-button").count(), 3);
        assert!(html.ends_with("<div class=\"wa-button wa-see-all\">See all options</div>\n</div>"));
        assert!(!html.contains("<script") && !html.contains("<img"));
    }

    #[test]
    fn examples_are_the_samples_by_key() {
        let t = template(json!({"name": "x", "language": "it", "category": "UTILITY", "components": [
            {"type": "HEADER", "format": "TEXT", "text": "Per {{name}}", "example": {"header_text_named_params": [{"param_name": "name", "example": "Ada"}]}},
            {"type": "BODY", "text": "Ciao {{1}}, {{2}}", "example": {"body_text": [["Giulia", "IT-77"]]}},
            {"type": "BUTTONS", "buttons": [{"type": "URL", "text": "Vedi", "url": "https://x.it/o/{{1}}", "example": ["https://x.it/o/77"]}]}]}));
        assert_eq!(
            examples(&t),
            json!({"header": {"name": "Ada"}, "body": ["Giulia", "IT-77"], "buttons": {"0": "77"}})
        );
    }

    #[test]
    fn cards_get_their_samples() {
        let card = |body: &str, sample: &str| {
            json!({"components": [
                {"type": "HEADER", "format": "IMAGE", "example": {"header_handle": ["4::aW1hZ2U=:ARb"]}},
                {"type": "BODY", "text": body, "example": {"body_text": [[sample]]}},
                {"type": "BUTTONS", "buttons": [{"type": "URL", "text": "Book", "url": "https://t.example/{{1}}", "example": [format!("https://t.example/{sample}")]}]}]})
        };
        let t = template(json!({"name": "trips", "language": "en", "category": "MARKETING", "components": [
            {"type": "BODY", "text": "Pick a trip."},
            {"type": "CAROUSEL", "cards": [card("Alps for {{1}}", "Ada"), card("Sea for {{1}}", "Bo")]}]}));
        let opts = RenderOptions { use_examples: true, html: true, ..Default::default() };
        let p = render_template(&t, &Value::Null, &opts).unwrap();
        assert_eq!(p.cards.len(), 2);
        assert_eq!(p.cards[1].body.as_ref().unwrap().plain, "Sea for Bo");
        assert_eq!(p.cards[1].buttons[0].url.as_deref(), Some("https://t.example/Bo"));
        assert_eq!(p.cards[0].body.as_ref().unwrap().html, "<p>Alps for Ada</p>");
        assert_eq!(p.cards[0].header.as_ref().unwrap().kind, "image");
        // The texts and URLs are filled; only the media, which samples cannot give, is missing.
        assert!(p.diagnostics.iter().all(|d| d.message.contains("header")), "{:?}", p.diagnostics);
    }

    #[test]
    fn an_authentication_preview_shows_a_sample_code() {
        let t = template(json!({"name": "code", "language": "en_US", "category": "AUTHENTICATION", "components": [
            {"type": "BODY", "add_security_recommendation": true},
            {"type": "BUTTONS", "buttons": [{"type": "OTP", "otp_type": "COPY_CODE"}]}]}));
        let opts = RenderOptions { use_examples: true, html: true, ..Default::default() };
        let p = render_template(&t, &Value::Null, &opts).unwrap();
        assert_eq!(
            p.body.unwrap().plain,
            format!("{SAMPLE_CODE} is your verification code. For your security, do not share this code.")
        );
        assert_eq!(p.buttons[0].code.as_deref(), Some(SAMPLE_CODE));
        // A code given wins over the sample, in the body or on the button.
        let p = render_template(&t, &json!({"body": ["98 76"]}), &opts).unwrap();
        assert!(p.body.unwrap().plain.starts_with("98 76 is"));
        let p = render_template(&t, &json!({"buttons": {"0": "5 4 3"}}), &opts).unwrap();
        assert_eq!(p.buttons[0].code.as_deref(), Some("5 4 3"));
    }

    #[test]
    fn more_than_three_buttons_collapse() {
        assert_eq!(layout(3), ButtonLayout { visible: vec![0, 1, 2], see_all_options: false });
        assert_eq!(layout(4), ButtonLayout { visible: vec![0, 1], see_all_options: true });
    }
}
