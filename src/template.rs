//! The Graph API message template model, read leniently from JSON.
//!
//! Reading never fails on a JSON object: a field of the wrong type, an unknown component or
//! button type, or a missing field becomes a diagnostic and the rest is still read, so that one
//! typo does not hide every other finding. Each text field keeps its JSON path, which
//! diagnostics point at. Type names (`HEADER`, `QUICK_REPLY`, `POSITIONAL`...) are matched in
//! any casing, as the Graph API does.

use serde_json::{Map, Value};

use crate::diagnostic::Diagnostic;
use crate::rules::shape;
use crate::text::{path_index as index, path_key as join};

/// A text field and where it is in the input.
#[derive(Debug, Clone, PartialEq)]
pub struct Text {
    pub value: String,
    pub path: String,
}

/// A message template: a create request or a template fetched from the Graph API.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Template {
    pub name: Option<Text>,
    /// `language`, or for `upsert_message_templates` requests the first of `languages`.
    pub language: Option<Text>,
    pub languages: Vec<Text>,
    pub category: Option<Text>,
    pub parameter_format: Option<Text>,
    pub components: Vec<Component>,
    pub message_send_ttl_seconds: Option<(i64, String)>,
    /// Fields only present on fetched templates.
    pub id: Option<String>,
    pub status: Option<Text>,
    pub rejected_reason: Option<String>,
    pub quality_score: Option<String>,
    pub correct_category: Option<Text>,
    pub previous_category: Option<String>,
    /// `allow_category_change` was given (no longer accepted since 2025-04-09).
    pub allow_category_change: bool,
}

impl Template {
    /// True for a template returned by the Graph API (it has an `id` or a `status`), as opposed
    /// to a create request. Meta fills in some fields itself on those (authentication text).
    pub fn is_fetched(&self) -> bool {
        self.id.is_some() || self.status.is_some()
    }

    pub fn header(&self) -> Option<(&Component, &Header)> {
        self.components.iter().find_map(|c| match &c.kind {
            ComponentKind::Header(h) => Some((c, h)),
            _ => None,
        })
    }

    pub fn body(&self) -> Option<(&Component, &Body)> {
        self.components.iter().find_map(|c| match &c.kind {
            ComponentKind::Body(b) => Some((c, b)),
            _ => None,
        })
    }

    pub fn footer(&self) -> Option<(&Component, &Footer)> {
        self.components.iter().find_map(|c| match &c.kind {
            ComponentKind::Footer(f) => Some((c, f)),
            _ => None,
        })
    }

    /// The text the recipient reads, with paths: header, body, footer, offer text and button
    /// labels, carousel cards included (not URLs or phone numbers).
    pub fn text_fields(&self) -> Vec<&Text> {
        fn collect<'a>(components: &'a [Component], out: &mut Vec<&'a Text>) {
            for c in components {
                match &c.kind {
                    ComponentKind::Header(h) => out.extend(&h.text),
                    ComponentKind::Body(b) => out.extend(&b.text),
                    ComponentKind::Footer(f) => out.extend(&f.text),
                    ComponentKind::LimitedTimeOffer(o) => out.extend(&o.text),
                    ComponentKind::Buttons(buttons) => out.extend(buttons.iter().filter_map(|b| b.text.as_ref())),
                    ComponentKind::Carousel(cards) => cards.iter().for_each(|card| collect(&card.components, out)),
                    ComponentKind::CallPermissionRequest | ComponentKind::Unknown(_) => {}
                }
            }
        }
        let mut out = Vec::new();
        collect(&self.components, &mut out);
        out
    }

    pub fn buttons(&self) -> &[Button] {
        self.components
            .iter()
            .find_map(|c| match &c.kind {
                ComponentKind::Buttons(b) => Some(b.as_slice()),
                _ => None,
            })
            .unwrap_or(&[])
    }
}

/// One entry of `components` (or of a carousel card's `components`).
#[derive(Debug, Clone, PartialEq)]
pub struct Component {
    /// JSON path of the component object, e.g. `components[1]`.
    pub path: String,
    pub kind: ComponentKind,
    /// The component's `example` object, as given.
    pub example: Option<Value>,
}

impl Component {
    pub fn type_name(&self) -> &str {
        match &self.kind {
            ComponentKind::Header(_) => "HEADER",
            ComponentKind::Body(_) => "BODY",
            ComponentKind::Footer(_) => "FOOTER",
            ComponentKind::Buttons(_) => "BUTTONS",
            ComponentKind::Carousel(_) => "CAROUSEL",
            ComponentKind::LimitedTimeOffer(_) => "LIMITED_TIME_OFFER",
            ComponentKind::CallPermissionRequest => "CALL_PERMISSION_REQUEST",
            ComponentKind::Unknown(t) => t,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum ComponentKind {
    Header(Header),
    Body(Body),
    Footer(Footer),
    Buttons(Vec<Button>),
    Carousel(Vec<Card>),
    LimitedTimeOffer(Offer),
    CallPermissionRequest,
    /// A type wa-preflight does not know (kept as written).
    Unknown(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeaderFormat {
    Text,
    Image,
    Video,
    Gif,
    Document,
    Location,
    Product,
    Unknown,
}

impl HeaderFormat {
    pub fn is_media(self) -> bool {
        matches!(self, HeaderFormat::Image | HeaderFormat::Video | HeaderFormat::Gif | HeaderFormat::Document)
    }

    pub fn name(self) -> &'static str {
        match self {
            HeaderFormat::Text => "TEXT",
            HeaderFormat::Image => "IMAGE",
            HeaderFormat::Video => "VIDEO",
            HeaderFormat::Gif => "GIF",
            HeaderFormat::Document => "DOCUMENT",
            HeaderFormat::Location => "LOCATION",
            HeaderFormat::Product => "PRODUCT",
            HeaderFormat::Unknown => "UNKNOWN",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Header {
    /// `None` when `format` is missing.
    pub format: Option<HeaderFormat>,
    pub text: Option<Text>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Body {
    pub text: Option<Text>,
    pub add_security_recommendation: Option<bool>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Footer {
    pub text: Option<Text>,
    pub code_expiration_minutes: Option<(i64, String)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Offer {
    pub text: Option<Text>,
    pub has_expiration: Option<bool>,
}

/// A carousel card: its own header, body and buttons.
#[derive(Debug, Clone, PartialEq)]
pub struct Card {
    pub path: String,
    pub components: Vec<Component>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ButtonKind {
    QuickReply,
    Url,
    PhoneNumber,
    CopyCode,
    Otp,
    Flow,
    Catalog,
    Mpm,
    Spm,
    VoiceCall,
    App,
    CallPermissionRequest,
    RequestContactInfo,
    Unknown,
}

impl ButtonKind {
    fn parse(s: &str) -> ButtonKind {
        match s.to_ascii_uppercase().as_str() {
            "QUICK_REPLY" => ButtonKind::QuickReply,
            "URL" => ButtonKind::Url,
            "PHONE_NUMBER" => ButtonKind::PhoneNumber,
            "COPY_CODE" => ButtonKind::CopyCode,
            "OTP" => ButtonKind::Otp,
            "FLOW" => ButtonKind::Flow,
            "CATALOG" => ButtonKind::Catalog,
            "MPM" => ButtonKind::Mpm,
            "SPM" => ButtonKind::Spm,
            "VOICE_CALL" => ButtonKind::VoiceCall,
            "APP" => ButtonKind::App,
            "CALL_PERMISSION_REQUEST" => ButtonKind::CallPermissionRequest,
            "REQUEST_CONTACT_INFO" => ButtonKind::RequestContactInfo,
            _ => ButtonKind::Unknown,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Button {
    /// JSON path of the button object, e.g. `components[3].buttons[0]`.
    pub path: String,
    pub kind: ButtonKind,
    /// `type` as written.
    pub type_name: String,
    pub text: Option<Text>,
    pub url: Option<Text>,
    pub phone_number: Option<Text>,
    /// `example`: an array of strings for URL buttons, a string for COPY_CODE.
    pub example: Option<Value>,
    pub otp_type: Option<Text>,
    /// The whole button object, for the less common fields (flows, OTP apps and autofill
    /// labels): kept for FLOW buttons and OTP ones (see [`Button::is_otp`], or with `otp_type`)
    /// only, empty for the others, whose checks read no other field (copying every button
    /// object cost a tenth of reading a template).
    pub raw: Map<String, Value>,
}

impl Button {
    /// True for an authentication OTP button, as created (`OTP`) or as Meta returns it (a `URL`
    /// button pointing at WhatsApp's `/otp/` endpoint, or carrying `otp_type`).
    pub fn is_otp(&self) -> bool {
        self.kind == ButtonKind::Otp
            || (self.kind == ButtonKind::Url
                && (self.otp_type.is_some()
                    || self.url.as_ref().is_some_and(|u| u.value.contains("whatsapp.com/otp/"))))
    }
}

/// Reads a template from a JSON object, adding shape findings to `diags`.
pub fn read_template(obj: &Map<String, Value>, diags: &mut Vec<Diagnostic>) -> Template {
    let mut r = Reader { diags };
    let mut t = Template {
        name: r.text(obj, "name", ""),
        language: r.language(obj),
        category: r.text(obj, "category", ""),
        parameter_format: r.text(obj, "parameter_format", ""),
        id: obj.get("id").and_then(scalar_string),
        status: r.text(obj, "status", ""),
        rejected_reason: obj.get("rejected_reason").and_then(scalar_string),
        quality_score: obj.get("quality_score").and_then(|q| q.get("score")).and_then(scalar_string),
        correct_category: r.text(obj, "correct_category", ""),
        previous_category: obj.get("previous_category").and_then(scalar_string),
        message_send_ttl_seconds: r.integer(obj, "message_send_ttl_seconds", ""),
        allow_category_change: obj.contains_key("allow_category_change"),
        ..Template::default()
    };
    if let Some(list) = obj.get("languages").and_then(Value::as_array) {
        t.languages = list
            .iter()
            .enumerate()
            .filter_map(|(i, v)| v.as_str().map(|s| Text { value: s.to_string(), path: index("languages", i) }))
            .collect();
        if t.language.is_none() {
            t.language = t.languages.first().cloned();
        }
    }
    t.components = r.components(obj.get("components"), "components");
    t
}

/// A JSON scalar as a string (`id`s come as strings or numbers).
fn scalar_string(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

struct Reader<'d> {
    diags: &'d mut Vec<Diagnostic>,
}

impl Reader<'_> {
    fn wrong_type(&mut self, path: &str, expected: &str, found: &Value) {
        self.diags.push(Diagnostic::new(
            &shape::INVALID_FIELD_TYPE,
            path,
            format!("`{}` must be {expected}, found {}", last_key(path), json_kind(found)),
        ));
    }

    /// A string field; `null` counts as absent, other types are reported.
    fn text(&mut self, obj: &Map<String, Value>, key: &str, prefix: &str) -> Option<Text> {
        // Most keys asked for are absent: the path is built only for one that is there.
        match obj.get(key)? {
            Value::String(s) => Some(Text { value: s.clone(), path: join(prefix, key) }),
            Value::Null => None,
            other => {
                self.wrong_type(&join(prefix, key), "a string", other);
                None
            }
        }
    }

    fn integer(&mut self, obj: &Map<String, Value>, key: &str, prefix: &str) -> Option<(i64, String)> {
        match obj.get(key)? {
            Value::Number(n) if n.as_i64().is_some() => n.as_i64().map(|n| (n, join(prefix, key))),
            Value::Null => None,
            other => {
                self.wrong_type(&join(prefix, key), "an integer", other);
                None
            }
        }
    }

    fn boolean(&mut self, obj: &Map<String, Value>, key: &str, prefix: &str) -> Option<bool> {
        match obj.get(key)? {
            Value::Bool(b) => Some(*b),
            Value::Null => None,
            other => {
                self.wrong_type(&join(prefix, key), "true or false", other);
                None
            }
        }
    }

    fn language(&mut self, obj: &Map<String, Value>) -> Option<Text> {
        match obj.get("language") {
            // Fetched templates and send payloads sometimes carry `{"code": "en_US"}`.
            Some(Value::Object(o)) => self.text(o, "code", "language"),
            _ => self.text(obj, "language", ""),
        }
    }

    fn components(&mut self, value: Option<&Value>, path: &str) -> Vec<Component> {
        let list = match value {
            None | Some(Value::Null) => return Vec::new(),
            Some(Value::Array(list)) => list,
            Some(other) => {
                self.wrong_type(path, "an array of components", other);
                return Vec::new();
            }
        };
        let mut out = Vec::with_capacity(list.len());
        for (i, item) in list.iter().enumerate() {
            let cpath = index(path, i);
            let Some(obj) = item.as_object() else {
                self.wrong_type(&cpath, "a component object", item);
                continue;
            };
            if let Some(c) = self.component(obj, cpath) {
                out.push(c);
            }
        }
        out
    }

    fn component(&mut self, obj: &Map<String, Value>, path: String) -> Option<Component> {
        let Some(type_text) = self.text(obj, "type", &path) else {
            self.diags.push(
                Diagnostic::new(&shape::MISSING_FIELD, join(&path, "type"), "component has no `type`")
                    .help("set `type` to HEADER, BODY, FOOTER, BUTTONS, CAROUSEL or LIMITED_TIME_OFFER"),
            );
            return None;
        };
        let kind = match type_text.value.to_ascii_uppercase().as_str() {
            "HEADER" => {
                let format = self.text(obj, "format", &path).map(|f| match f.value.to_ascii_uppercase().as_str() {
                    "TEXT" => HeaderFormat::Text,
                    "IMAGE" => HeaderFormat::Image,
                    "VIDEO" => HeaderFormat::Video,
                    "GIF" => HeaderFormat::Gif,
                    "DOCUMENT" => HeaderFormat::Document,
                    "LOCATION" => HeaderFormat::Location,
                    "PRODUCT" => HeaderFormat::Product,
                    _ => {
                        self.diags.push(
                            Diagnostic::new(
                                &shape::UNKNOWN_HEADER_FORMAT,
                                &f.path,
                                format!("unknown header format `{}`", f.value),
                            )
                            .at(&f.value, 0..f.value.len()),
                        );
                        HeaderFormat::Unknown
                    }
                });
                ComponentKind::Header(Header { format, text: self.text(obj, "text", &path) })
            }
            "BODY" => ComponentKind::Body(Body {
                text: self.text(obj, "text", &path),
                add_security_recommendation: self.boolean(obj, "add_security_recommendation", &path),
            }),
            "FOOTER" => ComponentKind::Footer(Footer {
                text: self.text(obj, "text", &path),
                code_expiration_minutes: self.integer(obj, "code_expiration_minutes", &path),
            }),
            "BUTTONS" => ComponentKind::Buttons(self.buttons(obj.get("buttons"), &join(&path, "buttons"))),
            "CAROUSEL" => ComponentKind::Carousel(self.cards(obj.get("cards"), &join(&path, "cards"))),
            "LIMITED_TIME_OFFER" => {
                let lto_path = join(&path, "limited_time_offer");
                match obj.get("limited_time_offer") {
                    Some(Value::Object(o)) => ComponentKind::LimitedTimeOffer(Offer {
                        text: self.text(o, "text", &lto_path),
                        has_expiration: self.boolean(o, "has_expiration", &lto_path),
                    }),
                    other => {
                        if let Some(v) = other.filter(|v| !v.is_null()) {
                            self.wrong_type(&lto_path, "an object", v);
                        }
                        ComponentKind::LimitedTimeOffer(Offer { text: None, has_expiration: None })
                    }
                }
            }
            "CALL_PERMISSION_REQUEST" => ComponentKind::CallPermissionRequest,
            _ => {
                self.diags.push(
                    Diagnostic::new(
                        &shape::UNKNOWN_COMPONENT_TYPE,
                        &type_text.path,
                        format!("unknown component type `{}`", type_text.value),
                    )
                    .at(&type_text.value, 0..type_text.value.len()),
                );
                ComponentKind::Unknown(type_text.value.clone())
            }
        };
        let example = match obj.get("example") {
            None | Some(Value::Null) => None,
            Some(v) => Some(v.clone()),
        };
        Some(Component { path, kind, example })
    }

    fn buttons(&mut self, value: Option<&Value>, path: &str) -> Vec<Button> {
        let list = match value {
            None | Some(Value::Null) => return Vec::new(),
            Some(Value::Array(list)) => list,
            Some(other) => {
                self.wrong_type(path, "an array of buttons", other);
                return Vec::new();
            }
        };
        let mut out = Vec::with_capacity(list.len());
        for (i, item) in list.iter().enumerate() {
            let bpath = index(path, i);
            let Some(obj) = item.as_object() else {
                self.wrong_type(&bpath, "a button object", item);
                continue;
            };
            let type_text = self.text(obj, "type", &bpath);
            let Some(type_text) = type_text else {
                self.diags.push(Diagnostic::new(&shape::MISSING_FIELD, join(&bpath, "type"), "button has no `type`"));
                continue;
            };
            let kind = ButtonKind::parse(&type_text.value);
            if kind == ButtonKind::Unknown {
                self.diags.push(
                    Diagnostic::new(
                        &shape::UNKNOWN_BUTTON_TYPE,
                        &type_text.path,
                        format!("unknown button type `{}`", type_text.value),
                    )
                    .at(&type_text.value, 0..type_text.value.len()),
                );
            }
            let mut button = Button {
                kind,
                type_name: type_text.value,
                text: self.text(obj, "text", &bpath),
                url: self.text(obj, "url", &bpath),
                phone_number: self.text(obj, "phone_number", &bpath),
                example: obj.get("example").filter(|v| !v.is_null()).cloned(),
                otp_type: self.text(obj, "otp_type", &bpath),
                raw: Map::new(),
                path: bpath,
            };
            if button.kind == ButtonKind::Flow || button.otp_type.is_some() || button.is_otp() {
                button.raw = obj.clone();
            }
            out.push(button);
        }
        out
    }

    fn cards(&mut self, value: Option<&Value>, path: &str) -> Vec<Card> {
        let list = match value {
            None | Some(Value::Null) => return Vec::new(),
            Some(Value::Array(list)) => list,
            Some(other) => {
                self.wrong_type(path, "an array of cards", other);
                return Vec::new();
            }
        };
        let mut out = Vec::with_capacity(list.len());
        for (i, item) in list.iter().enumerate() {
            let cpath = index(path, i);
            let Some(obj) = item.as_object() else {
                self.wrong_type(&cpath, "a card object", item);
                continue;
            };
            let components = self.components(obj.get("components"), &join(&cpath, "components"));
            out.push(Card { path: cpath, components });
        }
        out
    }
}

fn last_key(path: &str) -> &str {
    let tail = path.rsplit('.').next().unwrap_or(path);
    tail.split('[').next().unwrap_or(tail)
}

/// The JSON type of a value, for messages.
pub fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}
