//! `build_send_payload` → `check_send` for every template fixture: the body the builder writes,
//! in Meta's documented form for the template's kind, is one the checker accepts when the
//! builder found nothing wrong, and one it blocks when the builder reported an error.
#![cfg(not(target_arch = "wasm32"))]

use std::fs;

use serde_json::{json, Map, Value};
use wa_preflight::params::{ButtonSlot, ButtonTakes, HeaderSlot, Slots, TextSlot};
use wa_preflight::placeholder::Key;
use wa_preflight::send::{build_send_payload, check_send, SendOptions, TemplateRegistry};
use wa_preflight::template::{read_template, HeaderFormat};
use wa_preflight::{parse_document, Severity};

/// Values a sender would give: one per placeholder, each of the kind its slot takes.
fn values_for(slots: &Slots) -> Value {
    let mut v = Map::new();
    if let Some(h) = &slots.header {
        v.insert("header".into(), header(h, slots.named));
    }
    if let Some(b) = &slots.body {
        let auth = slots.category == Some(wa_preflight::category::Category::Authentication);
        v.insert("body".into(), if auth { json!(["482913"]) } else { text(b, slots.named) });
    }
    if !slots.buttons.is_empty() {
        v.insert("buttons".into(), buttons(&slots.buttons));
    }
    if !slots.cards.is_empty() {
        let cards: Vec<Value> = slots
            .cards
            .iter()
            .map(|c| {
                let mut card = Map::new();
                if let Some(h) = &c.header {
                    card.insert("header".into(), header(h, slots.named));
                }
                if let Some(b) = &c.body {
                    card.insert("body".into(), text(b, slots.named));
                }
                card.insert("buttons".into(), buttons(&c.buttons));
                Value::Object(card)
            })
            .collect();
        v.insert("cards".into(), Value::Array(cards));
    }
    if matches!(slots.offer, Some((_, true))) {
        v.insert("offer".into(), json!({ "expiration_time_ms": 1_767_225_600_000_u64 }));
    }
    Value::Object(v)
}

fn text(slot: &TextSlot, named: bool) -> Value {
    if named {
        let map: Map<String, Value> = slot
            .keys
            .iter()
            .filter_map(|k| match k {
                Key::Named(n) => Some((n.clone(), json!(format!("valore {n}")))),
                Key::Positional(_) => None,
            })
            .collect();
        Value::Object(map)
    } else {
        json!(slot.keys.iter().enumerate().map(|(i, _)| format!("valore {}", i + 1)).collect::<Vec<_>>())
    }
}

fn header(h: &HeaderSlot, named: bool) -> Value {
    match h {
        HeaderSlot::Text(t) => text(t, named),
        HeaderSlot::Media(HeaderFormat::Document) => json!({ "document": { "link": "https://example.com/a.pdf" } }),
        HeaderSlot::Media(HeaderFormat::Video) => json!({ "video": { "link": "https://example.com/a.mp4" } }),
        HeaderSlot::Media(HeaderFormat::Gif) => json!({ "gif": { "link": "https://example.com/a.mp4" } }),
        HeaderSlot::Media(_) => json!({ "image": { "link": "https://example.com/a.jpg" } }),
        HeaderSlot::Location => json!({ "location": { "latitude": "45.46", "longitude": "9.19", "name": "Depot" } }),
        HeaderSlot::Product => json!({ "product": { "product_retailer_id": "sku-1", "catalog_id": "123456789" } }),
    }
}

fn buttons(slots: &[ButtonSlot]) -> Value {
    let mut map = Map::new();
    for b in slots {
        let v = match b.takes {
            ButtonTakes::UrlSuffix => json!("A-1001"),
            ButtonTakes::Coupon => json!("CODICE10"),
            ButtonTakes::OtpCode => json!("482913"),
            ButtonTakes::Payload => json!({ "payload": "info" }),
            ButtonTakes::FlowAction => json!({ "action": { "flow_token": "tok-1" } }),
            ButtonTakes::CatalogAction => json!({ "action": { "thumbnail_product_retailer_id": "sku-1" } }),
            ButtonTakes::MpmAction => json!({ "action": {
                "thumbnail_product_retailer_id": "sku-1",
                "sections": [{ "title": "Per te", "product_items": [{ "product_retailer_id": "sku-1" }] }]
            } }),
            ButtonTakes::VoiceCall => json!({ "ttl_minutes": 60 }),
            ButtonTakes::Nothing | ButtonTakes::Unmodelled => continue,
        };
        map.insert(b.index.to_string(), v);
    }
    Value::Object(map)
}

fn fixture_templates() -> Vec<(String, Value)> {
    let mut out = Vec::new();
    let mut files: Vec<_> = fs::read_dir("tests/fixtures/templates")
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json" || x == "jsonl"))
        .collect();
    files.push("tests/fixtures/send/templates.json".into());
    files.extend(
        fs::read_dir("tests/fixtures/render")
            .unwrap()
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "json")),
    );
    files.sort();
    // The templates of the template rules' cases, valid and broken alike.
    for rule in wa_preflight::RULES.iter().filter(|r| !r.stage.is_send()) {
        for case in wa_preflight::rules::cases::of(rule) {
            let value = case.value().unwrap();
            let t = value.get("template").unwrap_or(&value);
            if t.get("name").is_some() && t.get("language").is_some() {
                out.push((format!("{}#{}[{}]", rule.code, case.kind(), case.index), t.clone()));
            }
        }
    }
    for path in files {
        let items = parse_document(&fs::read_to_string(&path).unwrap()).unwrap();
        for (i, item) in items.into_iter().enumerate() {
            let named =
                item.get("name").is_some() && (item.get("language").is_some() || item.get("languages").is_some());
            if item.is_object() && named {
                out.push((format!("{}[{i}]", path.display()), item));
            }
        }
    }
    out
}

#[test]
fn every_template_fixture_builds_a_body_the_checker_agrees_with() {
    let mut problems = Vec::new();
    let mut clean = 0;
    let templates = fixture_templates();
    for (name, item) in &templates {
        let template = read_template(item.as_object().unwrap(), &mut Vec::new());
        let slots = Slots::of(&template);
        let values = values_for(&slots);
        let (payload, findings) = match build_send_payload(&template, &values, "393331234567", &Default::default()) {
            Ok(b) => b,
            Err(e) => {
                problems.push(format!("{name}: build failed: {}", e.message));
                continue;
            }
        };
        // The template as the business's approved one, whatever its status in the fixture.
        let mut approved = item.clone();
        approved["status"] = json!("APPROVED");
        let registry = TemplateRegistry::from_items(&[approved]);
        let report = check_send(&payload, &SendOptions { templates: Some(&registry), ..SendOptions::default() })
            .expect("a built body is an object");
        let built_errors: Vec<&str> =
            findings.iter().filter(|d| d.severity == Severity::Error).map(|d| d.code).collect();
        let checked_errors: Vec<&str> =
            report.diagnostics.iter().filter(|d| d.severity == Severity::Error).map(|d| d.code).collect();
        if built_errors.is_empty() {
            clean += 1;
            if !report.ok {
                problems.push(format!("{name}: built cleanly, but blocked: {:?}\n{payload}", report.diagnostics));
            }
        } else if report.ok || built_errors.iter().any(|c| !checked_errors.contains(c)) {
            problems.push(format!("{name}: the builder found {built_errors:?}, the checker {checked_errors:?}"));
        }
    }
    assert!(templates.len() >= 150, "{} templates", templates.len());
    assert!(clean * 10 >= templates.len() * 7, "only {clean} of {} built cleanly", templates.len());
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

#[test]
fn authentication_sends_carry_the_code_twice_in_every_form() {
    let forms = [
        // As created: Meta writes the body; the OTP button is `OTP`.
        json!({ "name": "otp", "language": "en_US", "category": "AUTHENTICATION", "components": [
            { "type": "BODY", "add_security_recommendation": true },
            { "type": "FOOTER", "code_expiration_minutes": 5 },
            { "type": "BUTTONS", "buttons": [{ "type": "OTP", "otp_type": "COPY_CODE" }] }] }),
        // As listed: the body has `{{1}}`, the button became a URL to WhatsApp's /otp/.
        json!({ "name": "otp", "language": "en_US", "category": "AUTHENTICATION", "status": "APPROVED", "components": [
            { "type": "BODY", "text": "*{{1}}* is your verification code." },
            { "type": "BUTTONS", "buttons": [{ "type": "URL", "text": "Copy code",
              "url": "https://www.whatsapp.com/otp/code/?otp_type=COPY_CODE&code=otp{{1}}" }] }] }),
        json!({ "name": "otp", "language": "en_US", "category": "AUTHENTICATION", "components": [
            { "type": "BODY", "add_security_recommendation": false },
            { "type": "BUTTONS", "buttons": [{ "type": "OTP", "otp_type": "ZERO_TAP",
              "supported_apps": [{ "package_name": "com.example.app", "signature_hash": "K8a/AINcGX7" }] }] }] }),
    ];
    for form in forms {
        let t = read_template(form.as_object().unwrap(), &mut Vec::new());
        let (payload, findings) =
            build_send_payload(&t, &json!({ "body": ["482913"] }), "393331234567", &Default::default()).unwrap();
        assert!(findings.is_empty(), "{findings:?}");
        let components = &payload["template"]["components"];
        assert_eq!(components[0], json!({ "type": "body", "parameters": [{ "type": "text", "text": "482913" }] }));
        assert_eq!(
            components[1],
            json!({ "type": "button", "sub_type": "url", "index": 0, "parameters": [{ "type": "text", "text": "482913" }] })
        );
        let registry = TemplateRegistry::from_items(std::slice::from_ref(&form));
        let opts = SendOptions { templates: Some(&registry), ..SendOptions::default() };
        assert!(check_send(&payload, &opts).unwrap().ok);
        // The body alone is refused as Meta refuses it: the code button needs its parameter.
        let mut body_only = payload.clone();
        body_only["template"]["components"].as_array_mut().unwrap().truncate(1);
        let r = check_send(&body_only, &opts).unwrap();
        assert_eq!((r.verdict, r.error_code), ("block", Some(131008)));
        // And never to a business-scoped user ID.
        let mut to_user = payload.clone();
        to_user["to"] = json!("user.9373795779eb6441c8adb2eaee5b848e7dd174ddd302d7db62142f4722d574b6");
        assert_eq!(check_send(&to_user, &opts).unwrap().error_code, Some(131062));
    }
}
