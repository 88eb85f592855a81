//! What each fuzz target checks, shared by the targets in `fuzz_targets/` and by the replay of the
//! committed corpus in `tests/fuzz_corpus.rs`. Each function takes arbitrary bytes and panics only
//! when an invariant breaks.
use std::collections::HashMap;
use std::sync::LazyLock;

use wa_preflight::entry::CampaignInput;
use wa_preflight::markup::{parse, to_html, to_plain_text, Links};
use wa_preflight::pricing::{price_timeline, PriceOptions, Timeline};
use wa_preflight::render::{render_template, RenderOptions};
use wa_preflight::send::{check_send, read_state, RecipientState, SendOptions, TemplateRegistry};
use wa_preflight::template::read_template;
use wa_preflight::{parse_document, validate_document, Severity, ValidateOptions};

/// Any bytes as a template document: parse, validate every item, render it with its examples.
/// Invariants: spans in order, the report serialises (span boundaries against the field text are
/// the property tests' job).
pub fn validate(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(reports) = validate_document(text, &ValidateOptions::default()) {
        for report in &reports {
            for d in &report.diagnostics {
                if let Some(span) = &d.span {
                    assert!(span.start <= span.end, "span out of order: {d:?}");
                }
            }
            assert!(serde_json::to_string(report).is_ok());
        }
    }
    if let Ok(items) = parse_document(text) {
        let opts = RenderOptions { use_examples: true, ..RenderOptions::default() };
        for item in items.iter().filter_map(|v| v.as_object()) {
            let template = read_template(item, &mut Vec::new());
            let _ = render_template(&template, &serde_json::Value::Null, &opts);
        }
    }
}

/// Every tag the renderer writes, each with what may follow its name.
const TAGS: &[&str] = &[
    "<p>",
    "</p>",
    "<br>",
    "<strong>",
    "</strong>",
    "<em>",
    "</em>",
    "<s>",
    "</s>",
    "<code>",
    "<code ",
    "</code>",
    "<ul>",
    "</ul>",
    "<ol>",
    "<ol ",
    "</ol>",
    "<li>",
    "</li>",
    "<blockquote>",
    "</blockquote>",
    "<a ",
    "</a>",
];

/// Any text through the WhatsApp markup parser and the three renderings.
/// Invariant: the HTML holds no `<` other than the tags the renderer writes.
pub fn markup(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let blocks = parse(text);
    let _ = to_plain_text(&blocks);
    for links in [Links::Anchors, Links::Text] {
        let html = to_html(&blocks, links);
        for (i, _) in html.match_indices('<') {
            let rest = &html[i..];
            assert!(TAGS.iter().any(|t| rest.starts_with(t)), "unexpected `<` in {html:?}");
        }
    }
}

static REGISTRY: LazyLock<TemplateRegistry> = LazyLock::new(|| {
    TemplateRegistry::from_document(include_str!("../tests/fixtures/send/templates.json"))
        .unwrap_or_else(|_| TemplateRegistry::from_items(&[]))
});
static STATE: LazyLock<HashMap<String, RecipientState>> = LazyLock::new(|| {
    let v = serde_json::json!({"393331234567": {"last_inbound_at": "2026-03-01T09:00:00Z"}});
    read_state(&v).unwrap_or_default()
});

/// Any bytes as a Cloud API send request, checked against the test registry with a conversation
/// state, at a fixed time, and without the registry. Invariants: a blocked report names the
/// error code of one of its errors (none only when no error has one); an allowed report names
/// none; without templates the report says so.
pub fn send(data: &[u8]) {
    let Ok(value) = serde_json::from_slice::<serde_json::Value>(data) else { return };
    let opts = SendOptions {
        templates: Some(&REGISTRY),
        state: Some(&STATE),
        now: Some(1_772_359_200),
        ..SendOptions::default()
    };
    for opts in [opts, SendOptions::default()] {
        let Ok(report) = check_send(&value, &opts) else { continue };
        let errors: Vec<_> = report.diagnostics.iter().filter(|d| d.severity == Severity::Error).collect();
        assert_eq!(report.ok, errors.is_empty(), "{report:?}");
        match report.error_code {
            Some(code) => assert!(errors.iter().any(|d| d.error_code == Some(code)), "{report:?}"),
            None => assert!(errors.iter().all(|d| d.error_code.is_none()), "{report:?}"),
        }
        assert!(serde_json::to_string(&report).is_ok());
    }
}

/// Any bytes as a pricing timeline. Invariant: the total is a finite, non-negative number.
pub fn pricing(data: &[u8]) {
    // The same bytes as a campaign: its total is a finite cost and its lines add up.
    if let Some(c) = std::str::from_utf8(data).ok().and_then(|t| CampaignInput::from_json(t).ok()) {
        if let Ok(e) = c.estimate(&PriceOptions::default()) {
            assert!(e.total.is_finite() && e.total >= 0.0, "campaign total {}", e.total);
            assert_eq!(e.recipients, e.markets.iter().map(|m| m.recipients).sum::<u64>());
        }
    }
    let Ok(timeline) = serde_json::from_slice::<Timeline>(data) else { return };
    if let Ok(report) = price_timeline(&timeline, &PriceOptions::default()) {
        assert!(report.total.is_finite() && report.total >= 0.0, "total {}", report.total);
        assert!(serde_json::to_string(&report).is_ok());
    }
}
