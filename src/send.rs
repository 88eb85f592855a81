//! Send preflight: a Cloud API `POST /{PHONE_NUMBER_ID}/messages` body, checked against the
//! business's templates and the conversation state, with the error code Meta would most likely
//! answer; and the builder that turns a template and values into a correct send body.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

use crate::diagnostic::{Diagnostic, Severity};
use crate::input::{parse_document, InputError};
use crate::params::{self, Given, GivenButton, GivenCard, ParamValue, Slots};
use crate::rules::{find_rule, sending};
use crate::template::{read_template, Template};
use crate::text::LengthUnit;
use crate::window::{customer_service_window, parse_time, Window};

/// The business's templates, by name and language.
#[derive(Debug, Clone, Default)]
pub struct TemplateRegistry {
    by_key: HashMap<(String, String), Template>,
}

impl TemplateRegistry {
    /// Reads templates from a list response, an array or JSON Lines. Items that are not objects
    /// or lack a name or language are skipped (they could never be sent).
    pub fn from_document(text: &str) -> Result<Self, InputError> {
        Ok(Self::from_items(&parse_document(text)?))
    }

    pub fn from_items(items: &[Value]) -> Self {
        let mut by_key = HashMap::new();
        for item in items {
            let Some(obj) = item.as_object() else { continue };
            let mut ignored = Vec::new();
            let t = read_template(obj, &mut ignored);
            let languages: Vec<String> = if t.languages.is_empty() {
                t.language.iter().map(|l| l.value.clone()).collect()
            } else {
                t.languages.iter().map(|l| l.value.clone()).collect()
            };
            if let Some(name) = t.name.as_ref().map(|n| n.value.clone()) {
                for lang in languages {
                    by_key.insert((name.clone(), lang), t.clone());
                }
            }
        }
        TemplateRegistry { by_key }
    }

    pub fn len(&self) -> usize {
        self.by_key.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_key.is_empty()
    }

    pub fn get(&self, name: &str, language: &str) -> Option<&Template> {
        self.by_key.get(&(name.to_string(), language.to_string()))
    }

    fn languages_of(&self, name: &str) -> Vec<&str> {
        let mut langs: Vec<&str> = self.by_key.keys().filter(|(n, _)| n == name).map(|(_, l)| l.as_str()).collect();
        langs.sort_unstable();
        langs
    }
}

/// What is known about one recipient.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RecipientState {
    /// When the user last wrote (ISO 8601).
    pub last_inbound_at: Option<String>,
}

/// Options of the send check.
#[derive(Debug, Clone, Default)]
pub struct SendOptions<'a> {
    pub templates: Option<&'a TemplateRegistry>,
    /// Conversation state per recipient number (digits only, country code first).
    pub state: Option<&'a HashMap<String, RecipientState>>,
    /// The time of the send (Unix seconds); needed for the window check.
    pub now: Option<i64>,
    pub length_unit: LengthUnit,
}

/// The verdict on one send request.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SendReport {
    pub ok: bool,
    /// `allow` or `block`.
    pub verdict: &'static str,
    /// The Cloud API error the request would most likely get; `None` when allowed.
    pub error_code: Option<u32>,
    pub diagnostics: Vec<Diagnostic>,
    pub window: Option<Window>,
    /// Filled in by the pricing engine (issue #5).
    pub billing: Option<Value>,
}

/// Which error Meta reports first when several apply: the request shape, then the template
/// lookup and status, then parameter format, count, value and length, then the window.
const ERROR_PRIORITY: &[u32] = &[100, 132001, 132016, 132015, 132012, 132000, 131008, 132018, 132005, 131047];

/// Reads the recipients' state: `{"393331234567": {"last_inbound_at": "..."}}`.
pub fn read_state(v: &Value) -> Result<HashMap<String, RecipientState>, InputError> {
    let map = v
        .as_object()
        .ok_or_else(|| InputError::new("INVALID_STATE", "state must be an object keyed by recipient number"))?;
    let mut out = HashMap::new();
    for (k, s) in map {
        let state: RecipientState = serde_json::from_value(s.clone())
            .map_err(|e| InputError::new("INVALID_STATE", format!("state for `{k}`: {e}")))?;
        if let Some(t) = &state.last_inbound_at {
            parse_time(t).map_err(|e| InputError::new("INVALID_STATE", format!("state for `{k}`: {e}")))?;
        }
        out.insert(digits(k), state);
    }
    Ok(out)
}

fn digits(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

/// Checks one send request. A JSON object always gets a report; anything else is an error.
pub fn check_send(payload: &Value, opts: &SendOptions) -> Result<SendReport, InputError> {
    let obj = payload.as_object().ok_or_else(|| {
        InputError::new(
            "NOT_A_PAYLOAD",
            format!("expected a send request object, found {}", crate::template::json_kind(payload)),
        )
    })?;
    let mut out = Vec::new();
    let shape = |out: &mut Vec<Diagnostic>, path: &str, msg: &str| {
        out.push(Diagnostic::new(&sending::INVALID_SEND_PAYLOAD, path, msg));
    };
    match obj.get("messaging_product").and_then(Value::as_str) {
        Some("whatsapp") => {}
        Some(other) => {
            shape(&mut out, "messaging_product", &format!("`messaging_product` must be `whatsapp`, not `{other}`"))
        }
        None => shape(&mut out, "messaging_product", "request has no `messaging_product: \"whatsapp\"`"),
    }
    let to =
        obj.get("to").and_then(|v| v.as_str().map(str::to_string).or_else(|| v.as_number().map(|n| n.to_string())));
    if to.as_deref().is_none_or(|t| t.trim().is_empty()) && obj.get("recipient").is_none() {
        shape(&mut out, "to", "request has no recipient `to`");
    }
    let ty = obj.get("type").and_then(Value::as_str).map(str::to_ascii_lowercase).unwrap_or_else(|| "text".into());
    const TYPES: &[&str] = &[
        "text",
        "template",
        "image",
        "audio",
        "video",
        "document",
        "sticker",
        "location",
        "contacts",
        "interactive",
        "reaction",
    ];
    if !TYPES.contains(&ty.as_str()) {
        shape(&mut out, "type", &format!("unknown message type `{ty}`"));
    }
    match ty.as_str() {
        "template" => check_template_send(obj, opts, &mut out),
        "text" => match obj.get("text").and_then(|t| t.get("body")).and_then(Value::as_str) {
            None => shape(&mut out, "text.body", "text message has no `text.body`"),
            Some(body) => {
                let n = opts.length_unit.len(body);
                if n > 4096 {
                    out.push(Diagnostic::new(
                        &sending::TEXT_TOO_LONG,
                        "text.body",
                        format!("text is {n} {}; the limit is 4096", opts.length_unit.name()),
                    ));
                } else if body.trim().is_empty() {
                    shape(&mut out, "text.body", "text message is empty");
                }
            }
        },
        _ => {}
    }
    let window = match (opts.state, opts.now, to.as_deref()) {
        (Some(state), Some(now), Some(to)) => {
            let last =
                state.get(&digits(to)).and_then(|s| s.last_inbound_at.as_deref()).and_then(|t| parse_time(t).ok());
            let w = customer_service_window(last, now);
            if ty != "template" && !w.open {
                let msg = match &w.expires_at {
                    Some(at) => format!("the customer-service window closed at {at}; only templates may be sent"),
                    None => "the recipient has not written to the business; only templates may be sent".to_string(),
                };
                out.push(Diagnostic::new(&sending::OUTSIDE_WINDOW, "type", msg));
            }
            Some(w)
        }
        _ => None,
    };
    let error_code = ERROR_PRIORITY.iter().copied().find(|code| {
        out.iter().any(|d| d.severity == Severity::Error && find_rule(d.code).and_then(|r| r.meta_error) == Some(*code))
    });
    let ok = !out.iter().any(|d| d.severity == Severity::Error);
    Ok(SendReport {
        ok,
        verdict: if ok { "allow" } else { "block" },
        error_code: if ok { None } else { error_code },
        diagnostics: out,
        window,
        billing: None,
    })
}

fn check_template_send(obj: &Map<String, Value>, opts: &SendOptions, out: &mut Vec<Diagnostic>) {
    let Some(tpl) = obj.get("template").and_then(Value::as_object) else {
        out.push(Diagnostic::new(
            &sending::INVALID_SEND_PAYLOAD,
            "template",
            "template message has no `template` object",
        ));
        return;
    };
    let name = tpl.get("name").and_then(Value::as_str);
    if name.is_none() {
        out.push(Diagnostic::new(&sending::INVALID_SEND_PAYLOAD, "template.name", "template has no `name`"));
    }
    let language = match tpl.get("language") {
        Some(Value::Object(l)) => l.get("code").and_then(Value::as_str),
        _ => None,
    };
    if language.is_none() {
        out.push(Diagnostic::new(
            &sending::INVALID_SEND_PAYLOAD,
            "template.language",
            "template has no `language: {\"code\": ...}`",
        ));
    }
    let given = read_components(tpl, out);
    let (Some(registry), Some(name), Some(language)) = (opts.templates, name, language) else { return };
    let Some(template) = registry.get(name, language) else {
        let langs = registry.languages_of(name);
        let msg = if langs.is_empty() {
            format!("no template `{name}` among the {} known templates", registry.len())
        } else {
            format!("template `{name}` exists in {}, not in `{language}`", langs.join(", "))
        };
        out.push(Diagnostic::new(&sending::TEMPLATE_NOT_FOUND, "template.name", msg));
        return;
    };
    let status = template.status.as_ref().map(|s| s.value.to_ascii_uppercase());
    match status.as_deref() {
        None | Some("APPROVED") => {}
        Some("PAUSED") => out.push(Diagnostic::new(
            &sending::TEMPLATE_PAUSED,
            "template.name",
            format!("template `{name}` is paused"),
        )),
        Some("DISABLED") => out.push(Diagnostic::new(
            &sending::TEMPLATE_DISABLED,
            "template.name",
            format!("template `{name}` is disabled"),
        )),
        Some(s) => out.push(Diagnostic::new(
            &sending::TEMPLATE_NOT_APPROVED,
            "template.name",
            format!("template `{name}` is {s}, not APPROVED"),
        )),
    }
    params::check(&Slots::of(template), &given, opts.length_unit, out);
}

/// Reads `template.components` of a send request into the given values.
fn read_components(tpl: &Map<String, Value>, out: &mut Vec<Diagnostic>) -> Given {
    let mut given = Given { path: "template.components".into(), ..Given::default() };
    let list = match tpl.get("components") {
        None | Some(Value::Null) => return given,
        Some(Value::Array(list)) => list,
        Some(_) => {
            out.push(Diagnostic::new(
                &sending::INVALID_SEND_PAYLOAD,
                "template.components",
                "`components` must be an array",
            ));
            return given;
        }
    };
    for (i, c) in list.iter().enumerate() {
        let path = format!("template.components[{i}]");
        let Some(obj) = c.as_object() else {
            out.push(Diagnostic::new(&sending::INVALID_SEND_PAYLOAD, &path, "component must be an object"));
            continue;
        };
        let ty = obj.get("type").and_then(Value::as_str).unwrap_or("").to_ascii_lowercase();
        match ty.as_str() {
            "header" => given.header.get_or_insert_with(Vec::new).extend(params::read_params(obj, &path, out)),
            "body" => given.body.get_or_insert_with(Vec::new).extend(params::read_params(obj, &path, out)),
            "button" => given.buttons.push(read_button(obj, path, out)),
            "carousel" => read_cards(obj, &path, &mut given.cards, out),
            "limited_time_offer" => {
                given.offer.get_or_insert_with(Vec::new).extend(params::read_params(obj, &path, out))
            }
            "" => out.push(Diagnostic::new(
                &sending::INVALID_SEND_PAYLOAD,
                format!("{path}.type"),
                "component has no `type`",
            )),
            other => out.push(Diagnostic::new(
                &sending::INVALID_SEND_PAYLOAD,
                format!("{path}.type"),
                format!("unknown component type `{other}`"),
            )),
        }
    }
    given
}

fn read_button(obj: &Map<String, Value>, path: String, out: &mut Vec<Diagnostic>) -> GivenButton {
    let index = match obj.get("index") {
        Some(Value::String(s)) => s.trim().parse().ok(),
        Some(Value::Number(n)) => n.as_u64().map(|n| n as usize),
        _ => None,
    };
    let sub_type = obj.get("sub_type").and_then(Value::as_str).map(str::to_ascii_lowercase);
    let params = params::read_params(obj, &path, out);
    GivenButton { path, index, sub_type, params }
}

fn read_cards(obj: &Map<String, Value>, path: &str, cards: &mut Vec<GivenCard>, out: &mut Vec<Diagnostic>) {
    let Some(list) = obj.get("cards").and_then(Value::as_array) else {
        out.push(Diagnostic::new(
            &sending::INVALID_SEND_PAYLOAD,
            format!("{path}.cards"),
            "carousel has no `cards` array",
        ));
        return;
    };
    for (i, card) in list.iter().enumerate() {
        let cpath = format!("{path}.cards[{i}]");
        let mut gc = GivenCard { path: cpath.clone(), ..GivenCard::default() };
        for (j, c) in
            card.get("components").and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default().iter().enumerate()
        {
            let p = format!("{cpath}.components[{j}]");
            let Some(o) = c.as_object() else { continue };
            match o.get("type").and_then(Value::as_str).unwrap_or("").to_ascii_lowercase().as_str() {
                "header" => gc.header.get_or_insert_with(Vec::new).extend(params::read_params(o, &p, out)),
                "body" => gc.body.get_or_insert_with(Vec::new).extend(params::read_params(o, &p, out)),
                "button" => gc.buttons.push(read_button(o, p, out)),
                other => out.push(Diagnostic::new(
                    &sending::INVALID_SEND_PAYLOAD,
                    format!("{p}.type"),
                    format!("unknown card component type `{other}`"),
                )),
            }
        }
        cards.push(gc);
    }
}

/// A send request for `template` to `to` with the given values, and the findings about the
/// values (an unfilled placeholder is left out of the request and reported).
pub fn build_send_payload(
    template: &Template,
    values: &Value,
    to: &str,
) -> Result<(Value, Vec<Diagnostic>), InputError> {
    let slots = Slots::of(template);
    let mut given = params::given_from_values(&slots, values)?;
    params::complete_authentication(&slots, &mut given);
    let mut findings = Vec::new();
    params::check(&slots, &given, LengthUnit::default(), &mut findings);
    let mut components = Vec::new();
    if let Some(header) = &given.header {
        components.push(json!({ "type": "header", "parameters": header.iter().map(param_json).collect::<Vec<_>>() }));
    }
    if let Some(offer) = &given.offer {
        components.push(
            json!({ "type": "limited_time_offer", "parameters": offer.iter().map(param_json).collect::<Vec<_>>() }),
        );
    }
    if let Some(body) = &given.body {
        components.push(json!({ "type": "body", "parameters": body.iter().map(param_json).collect::<Vec<_>>() }));
    }
    components.extend(given.buttons.iter().map(button_json));
    if !given.cards.is_empty() {
        let cards: Vec<Value> = given
            .cards
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let mut comps = Vec::new();
                if let Some(h) = &c.header {
                    comps.push(json!({ "type": "header", "parameters": h.iter().map(param_json).collect::<Vec<_>>() }));
                }
                if let Some(b) = &c.body {
                    comps.push(json!({ "type": "body", "parameters": b.iter().map(param_json).collect::<Vec<_>>() }));
                }
                comps.extend(c.buttons.iter().map(button_json));
                json!({ "card_index": i, "components": comps })
            })
            .collect();
        components.push(json!({ "type": "carousel", "cards": cards }));
    }
    let language = template.language.as_ref().map(|l| l.value.clone()).unwrap_or_default();
    let name = template.name.as_ref().map(|n| n.value.clone()).unwrap_or_default();
    let mut tpl = json!({ "name": name, "language": { "code": language } });
    if !components.is_empty() {
        tpl["components"] = Value::Array(components);
    }
    let payload = json!({ "messaging_product": "whatsapp", "recipient_type": "individual", "to": to, "type": "template", "template": tpl });
    Ok((payload, findings))
}

fn param_json(p: &params::Param) -> Value {
    let mut v = match &p.value {
        ParamValue::Text(t) => json!({ "type": "text", "text": t }),
        ParamValue::Fallback { kind, raw, .. } => json!({ "type": kind, *kind: raw }),
        ParamValue::Media { kind, raw } => json!({ "type": kind, kind.as_str(): raw }),
        ParamValue::Location(raw) => json!({ "type": "location", "location": raw }),
        ParamValue::Payload(t) => json!({ "type": "payload", "payload": t }),
        ParamValue::Coupon(t) => json!({ "type": "coupon_code", "coupon_code": t }),
        ParamValue::Action(a) => json!({ "type": "action", "action": a }),
        ParamValue::Offer(o) => json!({ "type": "limited_time_offer", "limited_time_offer": o }),
        ParamValue::Other(t) => json!({ "type": t }),
    };
    if let Some(name) = &p.name {
        v["parameter_name"] = json!(name);
    }
    v
}

fn button_json(b: &GivenButton) -> Value {
    json!({
        "type": "button",
        "sub_type": b.sub_type.as_deref().unwrap_or(""),
        "index": b.index.unwrap_or(0).to_string(),
        "parameters": b.params.iter().map(param_json).collect::<Vec<_>>(),
    })
}
