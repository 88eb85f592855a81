//! Shared by the native and the WebAssembly test suites.
// Each test crate uses a different part of this module.
#![allow(dead_code)]

use std::fmt::Write;

use wa_preflight::{validate_document, ValidateOptions};

/// A document's findings in the `.expected` format: per item a header line, then
/// `code severity path start..end message` per finding.
pub fn render(text: &str) -> String {
    let reports = validate_document(text, &ValidateOptions::default()).expect("fixture documents parse");
    let mut out = String::new();
    for (i, r) in reports.iter().enumerate() {
        let _ = writeln!(out, "[{i}] {} ok={}", r.name.as_deref().unwrap_or("-"), r.ok);
        for d in &r.diagnostics {
            let span = d.span.map_or("-".to_string(), |s| format!("{}..{}", s.start, s.end));
            let _ = writeln!(out, "  {} {} {} {} {}", d.code, d.severity.as_str(), d.path, span, d.message);
        }
    }
    out
}

/// A preview rendered for a snapshot: each part's HTML and the button layout.
pub fn render_snapshot(input: &str) -> String {
    let v: serde_json::Value = serde_json::from_str(input).expect("render fixtures are JSON");
    let template =
        wa_preflight::template::read_template(v["template"].as_object().expect("a template"), &mut Vec::new());
    let p = wa_preflight::render::render_template(&template, &v["params"], &Default::default()).expect("valid params");
    let mut out = String::new();
    if let Some(h) = &p.header {
        let _ = writeln!(out, "header[{}]: {}", h.kind, h.text.as_ref().map_or("", |t| t.html.as_str()));
    }
    for (name, part) in [("body", &p.body), ("footer", &p.footer)] {
        if let Some(t) = part {
            let _ = writeln!(out, "{name}: {}", t.html);
            let _ = writeln!(out, "{name} (plain): {}", t.plain.replace('\n', "\\n"));
        }
    }
    for b in &p.buttons {
        let _ = writeln!(
            out,
            "button {} {} {:?} url={:?} phone={:?} code={:?}",
            b.index, b.kind, b.text, b.url, b.phone_number, b.code
        );
    }
    let _ = writeln!(out, "visible: {:?} see_all_options: {}", p.layout.visible, p.layout.see_all_options);
    for d in &p.diagnostics {
        let _ = writeln!(out, "{} {} {}", d.code, d.path, d.message);
    }
    out
}
