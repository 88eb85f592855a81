//! The category classifier against a labelled corpus written for wa-preflight from Meta's
//! categorization rules (`tests/fixtures/corpus/<language>.jsonl`): accuracy per language and
//! per category, failing below 90 % overall.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeMap;
use std::fs;

use serde_json::{json, Value};
use wa_preflight::classify::classify;
use wa_preflight::template::read_template;

#[test]
fn corpus_accuracy_is_at_least_90_percent() {
    let mut total = (0, 0);
    let mut by_language: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut by_label: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut misses = Vec::new();
    for (file, language) in [("en", "en_US"), ("it", "it"), ("pt", "pt_BR"), ("es", "es"), ("de", "de"), ("fr", "fr")] {
        let text = fs::read_to_string(format!("tests/fixtures/corpus/{file}.jsonl")).unwrap();
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            let case: Value = serde_json::from_str(line).unwrap();
            let label = case["label"].as_str().unwrap().to_string();
            // The declared category is deliberately wrong-footed: the classifier must not read it.
            let t = json!({"name": "x", "language": language, "category": "UTILITY",
                           "components": [{"type": "BODY", "text": case["text"]}]});
            let c = classify(&read_template(t.as_object().unwrap(), &mut Vec::new()));
            let ok = c.predicted.name() == label;
            for counter in
                [&mut total, by_language.entry(file.into()).or_default(), by_label.entry(label.clone()).or_default()]
            {
                counter.0 += usize::from(ok);
                counter.1 += 1;
            }
            if !ok {
                let why: Vec<String> = c.reasons.iter().map(|r| format!("{}:{}", r.signal, r.text)).collect();
                misses.push(format!("[{file}] want {label}, got {} ({why:?}): {}", c.predicted, case["text"]));
            }
        }
    }
    let pct = |(ok, n): (usize, usize)| 100.0 * ok as f64 / n as f64;
    let mut report = String::from("\naccuracy by language:\n");
    for (k, v) in &by_language {
        report.push_str(&format!("  {k}: {:.1} % of {}\n", pct(*v), v.1));
    }
    report.push_str("accuracy by category:\n");
    for (k, v) in &by_label {
        report.push_str(&format!("  {k}: {:.1} % of {}\n", pct(*v), v.1));
    }
    report.push_str(&format!("overall: {:.1} % of {}\n", pct(total), total.1));
    println!("{report}{}", misses.join("\n"));
    assert!(total.1 >= 150, "the corpus must hold at least 150 templates");
    assert!(pct(total) >= 90.0, "{report}\nmisclassified:\n{}", misses.join("\n"));
}
