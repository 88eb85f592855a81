//! Shared by the native and the WebAssembly test suites.

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
