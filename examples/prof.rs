//! Fixed-count workload for callgrind (instruction counts): `prof validate N` or `prof analyze N`,
//! bench input on stdin (the JSON `npm run bench` pipes to examples/bench.rs); `prof campaign N`
//! prices a campaign to N numbers made like the bench's (no input).
use std::io::Read;

use serde_json::Value;
use wa_preflight::render::{render_template, RenderOptions};
use wa_preflight::template::read_template;
use wa_preflight::{validate_value, ValidateOptions};

fn main() {
    let mut input = String::new();
    let _ = std::io::stdin().read_to_string(&mut input);
    let workload: Value = serde_json::from_str(&input).unwrap_or(Value::Null);
    let templates = workload["templates"].as_array().cloned().unwrap_or_default();
    let analyze = &workload["analyze"];
    let empty = serde_json::Map::new();
    let analyze_obj = analyze["template"].as_object().unwrap_or(&empty);
    let options = ValidateOptions::default();
    let mode = std::env::args().nth(1).unwrap_or_default();
    let n: usize = std::env::args().nth(2).and_then(|s| s.parse().ok()).unwrap_or(1);
    let mut bytes = 0usize;
    if mode == "campaign" {
        let prefixes =
            ["39", "55", "91", "1212", "1809", "49", "34", "44", "62", "52", "33", "234", "971", "7", "61", "352"];
        let numbers: Vec<String> =
            (0..n).map(|i| format!("+{}{}", prefixes[i % prefixes.len()], 100_000_000 + i % 900_000_000)).collect();
        let json =
            serde_json::json!({"category": "utility", "recipients": numbers, "at": "2026-02-01T10:00:00Z"}).to_string();
        let campaign =
            wa_preflight::entry::CampaignInput::from_json(&json).and_then(|c| c.estimate(&Default::default()));
        println!("{}", campaign.map_or(0, |c| c.recipients));
        return;
    }
    for _ in 0..n {
        if mode == "validate" {
            for t in &templates {
                if let Ok(report) = validate_value(t, &options) {
                    bytes += serde_json::to_string(&report).map_or(0, |s| s.len());
                }
            }
        } else {
            let report = validate_value(&analyze["template"], &options).map(|r| serde_json::to_string(&r).ok());
            let template = read_template(analyze_obj, &mut Vec::new());
            let preview = render_template(&template, &analyze["params"], &RenderOptions::default())
                .map(|p| serde_json::to_string(&p).ok());
            let _ = std::hint::black_box((report, preview));
        }
    }
    println!("{bytes}");
}
