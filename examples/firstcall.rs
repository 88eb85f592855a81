//! Native cost of the first calls (the data files read on first use) against the second, for
//! callgrind: `firstcall validate`, `firstcall send` or `firstcall` (both). `validate` is the
//! bench's 1,024-character template; `send` checks a template request against the send fixture
//! registry, as `npm run bench`'s first_check_send_ms does.
use std::time::Instant;

use serde_json::{json, Value};
use wa_preflight::entry::SendCheck;

fn template() -> Value {
    let sentence =
        "Olá {{1}}, a sua encomenda nº {{2}} já saiu! 🚚 Ciao, il tuo ordine è in consegna: più informazioni qui. ";
    let mut body = String::new();
    let mut units = 0;
    for c in sentence.repeat(12).chars() {
        if units + c.len_utf16() > 1024 - 7 {
            break;
        }
        units += c.len_utf16();
        body.push(c);
    }
    body.push_str("Grazie!");
    units += 7;
    body.extend(std::iter::repeat_n('!', 1024 - units));
    json!({"name": "consegna", "language": "it", "category": "UTILITY", "components": [
        {"type": "HEADER", "format": "TEXT", "text": "Ordine {{1}} 📦", "example": {"header_text": ["IT-1"]}},
        {"type": "BODY", "text": body, "example": {"body_text": [["Giulia", "IT-20931"]]}},
        {"type": "FOOTER", "text": "Negozio Esempio"},
        {"type": "BUTTONS", "buttons": [{"type": "URL", "text": "Traccia", "url": "https://negozio.example.it/t/{{1}}", "example": ["https://negozio.example.it/t/IT-1"]}]}
    ]})
}

fn send() -> (Value, String) {
    let payload = json!({"messaging_product": "whatsapp", "recipient_type": "individual", "to": "393331234567", "type": "template",
        "template": {"name": "order_update", "language": {"code": "en_US"}, "components": [
            {"type": "header", "parameters": [{"type": "text", "text": "A-1001"}]},
            {"type": "body", "parameters": [{"type": "text", "text": "Ana"}, {"type": "text", "text": "A-1001"}, {"type": "text", "text": "Monday"}]},
            {"type": "button", "sub_type": "url", "index": "0", "parameters": [{"type": "text", "text": "A-1001"}]}]}});
    let registry = std::fs::read_to_string("tests/fixtures/send/templates.json").unwrap_or_default();
    let registry: Value = serde_json::from_str(&registry).unwrap_or(Value::Null);
    (payload, json!({"templates": registry, "now": 1796119200000u64}).to_string())
}

fn time(label: &str, f: impl Fn()) {
    let t = Instant::now();
    f();
    let first = t.elapsed();
    let t = Instant::now();
    f();
    println!("first {label} {first:?} second {:?}", t.elapsed());
}

fn main() {
    let mode = std::env::args().nth(1).unwrap_or_default();
    if mode != "send" {
        let tpl = template();
        time("validate", || {
            let _ = std::hint::black_box(wa_preflight::validate_value(&tpl, &Default::default()));
        });
    }
    if mode != "validate" {
        let (payload, options) = send();
        time("checkSend", || {
            let check = SendCheck::from_json(&options).map(|c| c.check(&payload, None, false).map(|r| r.ok));
            let _ = std::hint::black_box(check);
        });
    }
}
