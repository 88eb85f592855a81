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
    /// When the user last wrote or called (ISO 8601).
    pub last_inbound_at: Option<String>,
    /// End of a free-entry-point window (72 h after the reply to a Click-to-WhatsApp ad or Page
    /// button message).
    pub free_entry_point_until: Option<String>,
    /// Categories the user opted out of (`marketing`, `utility`, … or `all`).
    pub opted_out: Vec<String>,
    /// The user turned off marketing messages from this business in WhatsApp (131050).
    pub marketing_stopped: bool,
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
    /// What the message costs, for a template whose category is known, when `now` is given.
    pub billing: Option<Billing>,
}

/// How a send is billed (the pricing engine's verdict for this one message).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Billing {
    pub billable: bool,
    pub pricing_model: Option<String>,
    pub category: String,
    pub market: Option<String>,
    pub rate: Option<f64>,
    pub currency: &'static str,
    #[serde(rename = "type")]
    pub pricing_type: &'static str,
    pub card: Option<String>,
}

/// Which error Meta reports first when several apply: the request shape, then the template
/// lookup and status, then parameter format, count, value and length, then the window.
const ERROR_PRIORITY: &[u32] =
    &[100, 132001, 132016, 132015, 132012, 132000, 131008, 132018, 132005, 131047, 131050, 131049];

/// Reads the recipients' state: `{"393331234567": {"last_inbound_at": "..."}}`.
pub fn read_state(v: &Value) -> Result<HashMap<String, RecipientState>, InputError> {
    let map = v
        .as_object()
        .ok_or_else(|| InputError::new("INVALID_STATE", "state must be an object keyed by recipient number"))?;
    let mut out = HashMap::new();
    for (k, s) in map {
        let state: RecipientState = serde_json::from_value(s.clone())
            .map_err(|e| InputError::new("INVALID_STATE", format!("state for `{k}`: {e}")))?;
        for t in [&state.last_inbound_at, &state.free_entry_point_until].into_iter().flatten() {
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
    } else if let Some(problem) =
        to.as_deref().filter(|t| !t.trim().is_empty()).and_then(|t| crate::pricing::e164_digits(t).err())
    {
        out.push(Diagnostic::new(&sending::INVALID_RECIPIENT, "to", problem));
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
    let mut category = None;
    match ty.as_str() {
        "template" => category = check_template_send(obj, opts, &mut out),
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
    let recipient = match (opts.state, to.as_deref()) {
        (Some(state), Some(to)) => Some(state.get(&digits(to)).cloned().unwrap_or_default()),
        _ => None,
    };
    if let (Some(cat), Some(to), Some(now)) = (&category, to.as_deref(), opts.now) {
        consent(recipient.as_ref().unwrap_or(&RecipientState::default()), cat, to, now, &mut out);
    }
    let window = match (&recipient, opts.now) {
        (Some(r), Some(now)) => {
            let last = r.last_inbound_at.as_deref().and_then(|t| parse_time(t).ok());
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
    let billing = match (&category, to.as_deref(), opts.now) {
        (Some(cat), Some(to), Some(now)) if ok => billing(cat, to, now, recipient.as_ref()),
        _ => None,
    };
    Ok(SendReport {
        ok,
        verdict: if ok { "allow" } else { "block" },
        error_code: if ok { None } else { error_code },
        diagnostics: out,
        window,
        billing,
    })
}

/// Consent and the US marketing pause, for a template of `category` to `to` at `now`.
fn consent(r: &RecipientState, category: &str, to: &str, now: i64, out: &mut Vec<Diagnostic>) {
    let c = crate::consent::Consent {
        opted_out: r.opted_out.iter().map(|s| s.to_ascii_lowercase()).collect(),
        marketing_stopped: r.marketing_stopped,
        ..Default::default()
    };
    match c.allows(category, to, now) {
        Ok(()) => {}
        Err(crate::consent::Refusal::OptedOut(scope)) => {
            let msg = if scope == "all" {
                "the recipient opted out of all messages".to_string()
            } else {
                format!("the recipient opted out of {scope} messages")
            };
            out.push(Diagnostic::new(&sending::RECIPIENT_OPTED_OUT, "to", msg));
        }
        Err(crate::consent::Refusal::MarketingStopped) => out.push(Diagnostic::new(
            &sending::MARKETING_STOPPED,
            "to",
            "the recipient stopped marketing messages from this business",
        )),
        Err(crate::consent::Refusal::UsMarketingPaused) => out.push(Diagnostic::new(
            &sending::US_MARKETING_PAUSED,
            "to",
            "marketing templates to US numbers are not delivered since 2025-04-01",
        )),
    }
}

/// The pricing engine's verdict for one template sent at `now`.
fn billing(category: &str, to: &str, now: i64, r: Option<&RecipientState>) -> Option<Billing> {
    let mut events = Vec::new();
    if let Some(last) = r.and_then(|r| r.last_inbound_at.clone()) {
        events.push(serde_json::json!({ "at": last, "direction": "inbound", "from": to }));
    }
    events.push(serde_json::json!({
        "at": crate::window::format_time(now), "direction": "outbound", "type": "template",
        "category": category.to_ascii_lowercase(), "to": to,
    }));
    let timeline: crate::pricing::Timeline = serde_json::from_value(serde_json::json!({ "events": events })).ok()?;
    let report = crate::pricing::price_timeline(&timeline, &crate::pricing::PriceOptions::default()).ok()?;
    let m = report.messages.into_iter().last()?;
    let until = r.and_then(|r| r.free_entry_point_until.as_deref()).and_then(|t| parse_time(t).ok());
    let (billable, rate, pricing_type) = if until.is_some_and(|u| now < u) {
        (false, None, "free_entry_point")
    } else {
        (m.billable, m.rate, m.pricing_type)
    };
    Some(Billing {
        billable,
        pricing_model: m.pricing_model,
        category: m.category,
        market: m.market,
        rate,
        currency: "USD",
        pricing_type,
        card: m.card,
    })
}

/// Checks a template send; returns the template's category when it is known.
fn check_template_send(obj: &Map<String, Value>, opts: &SendOptions, out: &mut Vec<Diagnostic>) -> Option<String> {
    let Some(tpl) = obj.get("template").and_then(Value::as_object) else {
        out.push(Diagnostic::new(
            &sending::INVALID_SEND_PAYLOAD,
            "template",
            "template message has no `template` object",
        ));
        return None;
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
    let (Some(registry), Some(name), Some(language)) = (opts.templates, name, language) else { return None };
    let Some(template) = registry.get(name, language) else {
        let langs = registry.languages_of(name);
        let msg = if langs.is_empty() {
            format!("no template `{name}` among the {} known templates", registry.len())
        } else {
            format!("template `{name}` exists in {}, not in `{language}`", langs.join(", "))
        };
        out.push(Diagnostic::new(&sending::TEMPLATE_NOT_FOUND, "template.name", msg));
        return None;
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
    let slots = Slots::of(template);
    params::check(&slots, &given, opts.length_unit, out);
    slots.category.map(|c| c.name().to_string())
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
