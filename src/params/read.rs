//! Reading given values: from a send payload's `template.components` (quietly: the shape of
//! the payload is `payload`'s to report), and from the simpler values of `renderTemplate` and
//! `buildSendPayload`.

use serde_json::{Map, Value};

use super::{ButtonSlot, ButtonTakes, Given, GivenButton, GivenCard, HeaderSlot, Param, ParamValue, Slots};
use crate::input::InputError;
use crate::payload::{as_array, as_int, as_object, as_text};

/// Reads `template.components` of a send request into the given values. What cannot be read
/// (a component that is not an object, a parameter without `type`) is skipped: the payload
/// check reports it.
pub fn read_components(tpl: &Map<String, Value>) -> Given {
    let mut given = Given { path: "template.components".into(), ..Given::default() };
    let Some(list) = tpl.get("components").and_then(as_array) else { return given };
    for (i, c) in list.iter().enumerate() {
        let path = format!("template.components[{i}]");
        let Some(obj) = as_object(c) else { continue };
        let ty = obj.get("type").and_then(as_text).unwrap_or_default().to_ascii_lowercase();
        match ty.as_str() {
            "header" => given.header.get_or_insert_with(Vec::new).extend(read_params(&obj, &path)),
            "body" => given.body.get_or_insert_with(Vec::new).extend(read_params(&obj, &path)),
            "button" => given.buttons.push(read_button(&obj, path)),
            "carousel" => read_cards(&obj, &path, &mut given.cards),
            "limited_time_offer" => given.offer.get_or_insert_with(Vec::new).extend(read_params(&obj, &path)),
            _ => {}
        }
    }
    given
}

fn read_button(obj: &Map<String, Value>, path: String) -> GivenButton {
    let raw = obj.get("index").filter(|v| !v.is_null());
    let index = raw.and_then(as_int).and_then(|n| usize::try_from(n).ok());
    let index_written = match (raw, index) {
        (Some(v), None) => Some(as_text(v).map_or_else(|| v.to_string(), |t| t.into_owned())),
        _ => None,
    };
    let sub_type = obj.get("sub_type").and_then(as_text).map(|s| s.to_ascii_lowercase());
    let params = read_params(obj, &path);
    GivenButton { path, index, index_written, sub_type, params }
}

fn read_cards(obj: &Map<String, Value>, path: &str, cards: &mut Vec<GivenCard>) {
    let Some(list) = obj.get("cards").and_then(as_array) else { return };
    for (i, card) in list.iter().enumerate() {
        let cpath = format!("{path}.cards[{i}]");
        let mut gc = GivenCard {
            path: cpath.clone(),
            card_index: card.get("card_index").and_then(as_int),
            ..GivenCard::default()
        };
        let components = card.get("components").and_then(as_array).unwrap_or_default();
        for (j, c) in components.iter().enumerate() {
            let p = format!("{cpath}.components[{j}]");
            let Some(o) = as_object(c) else { continue };
            match o.get("type").and_then(as_text).unwrap_or_default().to_ascii_lowercase().as_str() {
                "header" => gc.header.get_or_insert_with(Vec::new).extend(read_params(&o, &p)),
                "body" => gc.body.get_or_insert_with(Vec::new).extend(read_params(&o, &p)),
                "button" => gc.buttons.push(read_button(&o, p)),
                _ => {}
            }
        }
        cards.push(gc);
    }
}

/// Reads one send-payload parameter object; `None` when it is not an object or has no type.
pub fn read_param(v: &Value, path: String) -> Option<Param> {
    let obj = as_object(v)?;
    let name = obj.get("parameter_name").and_then(as_text).map(|s| s.into_owned());
    let ty = obj.get("type").and_then(as_text)?.to_ascii_lowercase();
    let raw = obj.get(ty.as_str()).filter(|v| !v.is_null()).cloned();
    let text_of = |raw: &Value| as_text(raw).map(|s| s.into_owned());
    let value = match (ty.as_str(), raw) {
        (_, None) => ParamValue::Missing(ty.clone()),
        ("text", Some(r)) => text_of(&r).map_or_else(|| ParamValue::Missing(ty.clone()), ParamValue::Text),
        ("currency" | "date_time", Some(raw)) => {
            let fallback = raw.get("fallback_value").and_then(as_text).map(|s| s.into_owned());
            ParamValue::Fallback { kind: if ty == "currency" { "currency" } else { "date_time" }, fallback, raw }
        }
        ("image" | "video" | "document" | "gif" | "sticker", Some(raw)) => ParamValue::Media { kind: ty.clone(), raw },
        ("location", Some(raw)) => ParamValue::Location(raw),
        ("product", Some(raw)) => ParamValue::Product(raw),
        ("payload", Some(r)) => ParamValue::Payload(text_of(&r).unwrap_or_default()),
        ("coupon_code", Some(r)) => ParamValue::Coupon(text_of(&r).unwrap_or_default()),
        ("action", Some(raw)) => ParamValue::Action(raw),
        ("ttl_minutes", Some(raw)) => ParamValue::TtlMinutes(raw),
        ("limited_time_offer", Some(raw)) => ParamValue::Offer(raw),
        (other, _) => ParamValue::Other(other.to_string()),
    };
    Some(Param { path, name, value })
}

/// Reads a component's `parameters` array.
pub fn read_params(obj: &Map<String, Value>, path: &str) -> Vec<Param> {
    let Some(list) = obj.get("parameters").and_then(as_array) else { return Vec::new() };
    list.iter().enumerate().filter_map(|(i, v)| read_param(v, format!("{path}.parameters[{i}]"))).collect()
}

/// Reads the values of `renderTemplate` / `buildSendPayload`:
/// `{"header": [...] | {...} | {"image": {"link": ...}}, "body": [...] | {name: value},
///   "buttons": {"0": "suffix"} | ["suffix", null], "cards": [{"header", "body", "buttons"}],
///   "offer": {"expiration_time_ms": ...}}`.
/// Positional values are arrays (or objects keyed "1", "2"…); named values are objects.
/// Numbers are accepted as text. Anything else is an `INVALID_PARAMS` error.
pub fn given_from_values(slots: &Slots, v: &Value) -> Result<Given, InputError> {
    let err = |msg: String| InputError::new("INVALID_PARAMS", msg);
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
                    card_index: Some(i as i64),
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
                crate::order::sort_by_key(&mut items, |(n, _)| *n);
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
        if let Some(raw) = map.get("product") {
            return Ok(vec![Param {
                path: format!("{path}.product"),
                name: None,
                value: ParamValue::Product(raw.clone()),
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
        let text = |x: &Value| scalar_text(x).ok_or_else(|| format!("{p} must be a string"));
        let object = |x: &Value, key: &str| x.get(key).cloned().unwrap_or_else(|| x.clone());
        let params = match slot.takes {
            ButtonTakes::UrlSuffix | ButtonTakes::OtpCode => vec![ParamValue::Text(text(x)?)],
            ButtonTakes::Coupon => vec![ParamValue::Coupon(text(x)?)],
            ButtonTakes::Payload => {
                let payload = x
                    .get("payload")
                    .and_then(scalar_text)
                    .or_else(|| scalar_text(x))
                    .ok_or_else(|| format!("{p} must be a payload string"))?;
                vec![ParamValue::Payload(payload)]
            }
            ButtonTakes::FlowAction | ButtonTakes::CatalogAction | ButtonTakes::MpmAction => {
                if !x.is_object() {
                    return Err(format!("{p} must be an action object"));
                }
                vec![ParamValue::Action(object(x, "action"))]
            }
            ButtonTakes::VoiceCall => {
                let mut v = Vec::new();
                if let Some(ttl) = x.get("ttl_minutes") {
                    v.push(ParamValue::TtlMinutes(ttl.clone()));
                }
                if let Some(payload) = x.get("payload").and_then(scalar_text) {
                    v.push(ParamValue::Payload(payload));
                }
                if v.is_empty() {
                    return Err(format!("{p}: a voice-call button takes {{\"ttl_minutes\": …, \"payload\": …}}"));
                }
                v
            }
            ButtonTakes::Nothing => return Err(format!("{p}: button {index} takes no parameter")),
            ButtonTakes::Unmodelled => {
                return Err(format!(
                    "{p}: button {index} is of a type wa-preflight does not build; write its component yourself"
                ))
            }
        };
        out.push(GivenButton {
            path: p.clone(),
            index: Some(index),
            index_written: None,
            sub_type: slot.takes.sub_type(slot.kind).map(str::to_string),
            params: params.into_iter().map(|value| Param { path: p.clone(), name: None, value }).collect(),
        });
    }
    Ok(out)
}
