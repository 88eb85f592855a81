//! The send body for a template and its values, in the form Meta documents for the template's
//! kind (M-SEND, M-AUTH-SEND, M-LTO, M-COUP, M-MCT, M-PCT, M-CATT, M-MPM, M-SPM).

use std::collections::HashMap;

use serde_json::{json, Value};

use crate::diagnostic::Diagnostic;
use crate::input::InputError;
use crate::options::RuleSetting;
use crate::params::{self, GivenButton, Param, ParamValue, Slots};
use crate::payload::{Cx, Endpoint, Limits};
use crate::rules::payload as payload_rules;
use crate::template::Template;
use crate::text::LengthUnit;

/// A send request for `template` to `to` with the given values, in the form Meta documents
/// for the template's kind, and the findings about the values (an unfilled placeholder is left
/// out of the request and reported).
/// `rules` re-grades the findings as for [`check_send`].
pub fn build_send_payload(
    template: &Template,
    values: &Value,
    to: &str,
    rules: &HashMap<String, RuleSetting>,
) -> Result<(Value, Vec<Diagnostic>), InputError> {
    let slots = Slots::of(template);
    let mut given = params::given_from_values(&slots, values)?;
    params::complete_authentication(&slots, &mut given);
    // A catalog button is sent even without a thumbnail: the catalog's first product is shown
    // then (M-CATT).
    for b in slots.buttons.iter().filter(|b| b.takes == params::ButtonTakes::CatalogAction) {
        if !given.buttons.iter().any(|g| g.index == Some(b.index)) {
            given.buttons.push(GivenButton {
                path: format!("params.buttons.{}", b.index),
                index: Some(b.index),
                index_written: None,
                sub_type: Some("catalog".into()),
                params: vec![Param { path: String::new(), name: None, value: ParamValue::Action(json!({})) }],
            });
        }
    }
    crate::order::sort_by_key(&mut given.buttons, |b| b.index);
    let limits = Limits::default();
    let mut cx = Cx::new(&limits, None, LengthUnit::default(), Endpoint::Messages);
    params::check_values(&given, &mut cx);
    params::check(&slots, &given, &mut cx);
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
    for (value, path, what) in [(&name, "template.name", "name"), (&language, "template.language.code", "language")] {
        if value.trim().is_empty() {
            cx.push(Diagnostic::new(
                &payload_rules::MISSING_REQUIRED_FIELD,
                path,
                format!("the template has no {what}, so the request cannot name it"),
            ));
        }
    }
    let mut tpl = json!({ "name": name, "language": { "code": language } });
    if !components.is_empty() {
        tpl["components"] = Value::Array(components);
    }
    let payload = json!({ "messaging_product": "whatsapp", "recipient_type": "individual", "to": to, "type": "template", "template": tpl });
    Ok((payload, cx.finish(rules)))
}

fn param_json(p: &Param) -> Value {
    let mut v = match &p.value {
        ParamValue::Text(t) => json!({ "type": "text", "text": t }),
        ParamValue::Fallback { kind, raw, .. } => json!({ "type": kind, *kind: raw }),
        ParamValue::Media { kind, raw } => json!({ "type": kind, kind.as_str(): raw }),
        ParamValue::Location(raw) => json!({ "type": "location", "location": raw }),
        ParamValue::Product(raw) => json!({ "type": "product", "product": raw }),
        ParamValue::Payload(t) => json!({ "type": "payload", "payload": t }),
        ParamValue::Coupon(t) => json!({ "type": "coupon_code", "coupon_code": t }),
        ParamValue::Action(a) => json!({ "type": "action", "action": a }),
        ParamValue::TtlMinutes(t) => json!({ "type": "ttl_minutes", "ttl_minutes": t }),
        ParamValue::Offer(o) => json!({ "type": "limited_time_offer", "limited_time_offer": o }),
        ParamValue::Missing(t) | ParamValue::Other(t) => json!({ "type": t }),
    };
    if let Some(name) = &p.name {
        v["parameter_name"] = json!(name);
    }
    v
}

/// A button component as Meta's examples write it: `index` as a number (M-AUTH, M-CATT).
fn button_json(b: &GivenButton) -> Value {
    json!({
        "type": "button",
        "sub_type": b.sub_type.as_deref().unwrap_or(""),
        "index": b.index.unwrap_or(0),
        "parameters": b.params.iter().map(param_json).collect::<Vec<_>>(),
    })
}
