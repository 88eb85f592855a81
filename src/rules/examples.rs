//! WP22x: sample values — one per parameter, in the shape Meta expects, non-empty, one line.

use serde_json::Value;

use super::{Context, Field, Findings, Role};
use crate::diagnostic::Diagnostic;
use crate::placeholder::Key;
use crate::template::{ButtonKind, ComponentKind};
use crate::text::{path_index, path_key};

declare_rules! {
    MISSING_EXAMPLE {
        code: "WP220",
        name: "missing-example",
        stage: Template,
        severity: Error,
        summary: "A header, body or URL with parameters but no sample values (`example`).",
        why: "Every parameter needs a sample at creation so that reviewers can judge the message (M-COMP, M-OV; FluentCRM and 360dialog refuse parameters without samples).",
        help: "add sample values, e.g. `\"example\": {\"body_text\": [[\"Maria\", \"A12345\"]]}`",
        fires: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Hi {{1}}, thanks for your order."}]}"#,
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "HEADER", "format": "TEXT", "text": "Order {{1}}"}, {"type": "BODY", "text": "Your order has shipped today."}]}"#,
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Your order has shipped today."}, {"type": "BUTTONS", "buttons": [{"type": "URL", "text": "Track", "url": "https://shop.example.com/track/{{1}}"}]}]}"#,
        ],
        passes: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Hi {{1}}, thanks for your order.", "example": {"body_text": [["Maria"]]}}]}"#,
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Hi {{1}}, thanks for your order."}], "id": "7", "status": "APPROVED"}"#,
        ],
    }

    EXAMPLE_COUNT_MISMATCH {
        code: "WP221",
        name: "example-count-mismatch",
        stage: Template,
        severity: Error,
        summary: "A different number of positional sample values than distinct positional parameters.",
        why: "Samples map one-to-one to parameters, in order (M-OV; PYWA and wacrm check the same).",
        help: "give exactly one sample per parameter, in order",
        fires: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Hi {{1}}, your order {{2}} has shipped.", "example": {"body_text": [["Maria"]]}}]}"#,
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Hi {{1}}, your order has shipped.", "example": {"body_text": [["Maria", "extra"]]}}]}"#,
        ],
        passes: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Hi {{1}}, your order {{2}} has shipped, {{1}}, enjoy.", "example": {"body_text": [["Maria", "A1"]]}}]}"#,
        ],
    }

    EXAMPLE_SHAPE {
        code: "WP222",
        name: "example-shape",
        stage: Template,
        severity: Error,
        summary: "Samples in the wrong shape: `body_text` not an array of arrays of strings, `header_text` not an array of strings, named samples not `{param_name, example}` objects, a URL sample not an array of strings.",
        why: "The Graph API expects these exact shapes (M-COMP); a flat `body_text` is a frequent mistake.",
        help: "use `{\"body_text\": [[\"a\", \"b\"]]}` for the body and `{\"header_text\": [\"a\"]}` for the header",
        fires: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Hi {{1}}, your order {{2}} has shipped.", "example": {"body_text": ["Maria", "A1"]}}]}"#,
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "HEADER", "format": "TEXT", "text": "Order {{1}}", "example": {"header_text": "A1"}}, {"type": "BODY", "text": "Your order has shipped today."}]}"#,
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Hi {{1}}, your order {{2}} has shipped.", "example": {"body_text": [["Maria", {"x": 1}]]}}]}"#,
        ],
        passes: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Hi {{1}}, your order {{2}} has shipped.", "example": {"body_text": [["Maria", "A1"]]}}]}"#,
        ],
    }

    EMPTY_EXAMPLE {
        code: "WP223",
        name: "empty-example",
        stage: Template,
        severity: Error,
        summary: "An empty or blank sample value.",
        why: "Samples must show realistic content for review (M-REV); blank ones are rejected.",
        help: "write a realistic sample value",
        fires: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Hi {{1}}, your order {{2}} has shipped.", "example": {"body_text": [["", "A1"]]}}]}"#,
            r#"{"name": "order_update", "language": "en_US", "category": "MARKETING", "components": [{"type": "BODY", "text": "Use this code for 20% off your next order."}, {"type": "BUTTONS", "buttons": [{"type": "COPY_CODE", "example": " "}]}]}"#,
        ],
        passes: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Hi {{1}}, your order {{2}} has shipped.", "example": {"body_text": [["Maria", "A1"]]}}]}"#,
        ],
    }

    EXAMPLE_NEWLINE {
        code: "WP224",
        name: "example-newline",
        stage: Template,
        severity: Error,
        summary: "A sample value containing a line break or a tab.",
        why: "Parameter values cannot contain new-line or tab characters (Meta's send-time error message, also enforced on samples: frappe_whatsapp #81).",
        help: "put the sample on one line",
        fires: [
            r#"{"name": "order_update", "language": "it", "category": "UTILITY", "components": [{"type": "BODY", "text": "We deliver to {{1}} tomorrow morning.", "example": {"body_text": [["Via Roma 1\nMilano"]]}}]}"#,
        ],
        passes: [
            r#"{"name": "order_update", "language": "it", "category": "UTILITY", "components": [{"type": "BODY", "text": "We deliver to {{1}} tomorrow morning.", "example": {"body_text": [["Via Roma 1, Milano"]]}}]}"#,
        ],
    }

    NAMED_EXAMPLE_MISMATCH {
        code: "WP225",
        name: "named-example-mismatch",
        stage: Template,
        severity: Error,
        summary: "Named samples that do not match the named parameters: a parameter without a sample, or a sample for no parameter.",
        why: "Each named parameter needs a sample under its name (M-OV; PYWA reports missing and extra names).",
        help: "give one `{\"param_name\": ..., \"example\": ...}` per named parameter",
        fires: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Hi {{first_name}}, thanks for your order.", "example": {"body_text_named_params": [{"param_name": "name", "example": "x1"}]}}], "parameter_format": "NAMED"}"#,
        ],
        passes: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Hi {{first_name}}, thanks for your order.", "example": {"body_text_named_params": [{"param_name": "first_name", "example": "x1"}]}}], "parameter_format": "NAMED"}"#,
        ],
    }

    URL_EXAMPLE_MISMATCH {
        code: "WP226",
        name: "url-example-mismatch",
        stage: Template,
        severity: Warning,
        summary: "A URL button sample that does not begin with the URL's fixed part.",
        why: "Meta's examples give the full URL with the parameter filled in (M-COMP); a sample of only the suffix or of another site is likely rejected.",
        help: "give the full URL with a sample suffix, e.g. `https://example.com/track/ABC123`",
        fires: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Your order has shipped today."}, {"type": "BUTTONS", "buttons": [{"type": "URL", "text": "Track", "url": "https://shop.example.com/track/{{1}}", "example": ["A1"]}]}]}"#,
        ],
        passes: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Your order has shipped today."}, {"type": "BUTTONS", "buttons": [{"type": "URL", "text": "Track", "url": "https://shop.example.com/track/{{1}}", "example": ["https://shop.example.com/track/A1"]}]}]}"#,
        ],
    }

    COPY_CODE_MISSING_EXAMPLE {
        code: "WP227",
        name: "copy-code-missing-example",
        stage: Template,
        severity: Error,
        summary: "A COPY_CODE button without an example code.",
        why: "Copy-code buttons are created with a sample code of at most 15 characters (M-COMP).",
        help: "add `\"example\": \"SUMMER25\"`",
        fires: [
            r#"{"name": "order_update", "language": "en_US", "category": "MARKETING", "components": [{"type": "BODY", "text": "Use this code for 20% off your next order."}, {"type": "BUTTONS", "buttons": [{"type": "COPY_CODE"}]}]}"#,
        ],
        passes: [
            r#"{"name": "order_update", "language": "en_US", "category": "MARKETING", "components": [{"type": "BODY", "text": "Use this code for 20% off your next order."}, {"type": "BUTTONS", "buttons": [{"type": "COPY_CODE", "example": "SAVE20"}]}]}"#,
        ],
    }
}

#[inline(never)] // one function per stage: see `rules::run`
pub fn check(cx: &mut Context) {
    let mut found = Findings::default();
    let fetched = cx.template.is_fetched();
    for f in &cx.fields {
        match f.role {
            Role::Body | Role::CardBody => {
                text_examples(f, "body_text", "body_text_named_params", false, fetched, &mut found)
            }
            Role::HeaderText | Role::CardHeaderText => {
                text_examples(f, "header_text", "header_text_named_params", true, fetched, &mut found)
            }
            Role::ButtonUrl => url_example(f, fetched, &mut found),
            Role::Footer | Role::Static => {}
        }
    }
    if !fetched {
        for c in &cx.template.components {
            if let ComponentKind::Buttons(buttons) = &c.kind {
                for b in buttons.iter().filter(|b| b.kind == ButtonKind::CopyCode) {
                    match super::limits::copy_code_example(b) {
                        None => found.push(Diagnostic::new(
                            &COPY_CODE_MISSING_EXAMPLE,
                            path_key(&b.path, "example"),
                            "copy-code button has no example code",
                        )),
                        Some(code) if code.value.trim().is_empty() => {
                            found.push(Diagnostic::new(&EMPTY_EXAMPLE, &code.path, "example code is empty"));
                        }
                        Some(_) => {}
                    }
                }
            }
        }
    }
    cx.absorb(found);
}

/// Checks one sample string; `path` writes its JSON path (only for a finding).
fn sample(value: &Value, path: &dyn Fn() -> String, found: &mut Findings) {
    match value {
        Value::String(s) if s.trim().is_empty() => {
            found.push(Diagnostic::new(&EMPTY_EXAMPLE, path(), "sample value is empty"))
        }
        Value::String(s) => {
            if let Some(i) = s.find(['\n', '\r', '\t']) {
                found.push(
                    Diagnostic::new(&EXAMPLE_NEWLINE, path(), "sample value contains a line break or tab")
                        .at(s, i..i + 1),
                );
            }
        }
        // Numbers are accepted by Meta in samples; they cannot be empty or hold newlines.
        Value::Number(_) => {}
        other => found.push(Diagnostic::new(
            &EXAMPLE_SHAPE,
            path(),
            format!("sample must be a string, found {}", crate::template::json_kind(other)),
        )),
    }
}

/// `1 sample`, `2 samples`.
fn count(n: usize, noun: &str) -> String {
    format!("{n} {noun}{}", if n == 1 { "" } else { "s" })
}

/// `key` and `named_key`: the sample keys of the field (`body_text`, `body_text_named_params`).
fn text_examples(f: &Field, key: &str, named_key: &str, flat: bool, fetched: bool, found: &mut Findings) {
    let keys = f.scan.distinct_keys();
    let positional = keys.iter().filter(|k| matches!(k, Key::Positional(_))).count();
    let named: crate::lexicon::SmallSet<&str> = keys
        .iter()
        .filter_map(|k| match k {
            Key::Named(n) => Some(n.as_str()),
            Key::Positional(_) => None,
        })
        .collect();
    // Paths are written only for the findings that need them.
    let ex_path = || path_key(f.owner, "example");
    let example = f.example;
    let positional_samples = example.and_then(|e| e.get(key));
    let named_samples = example.and_then(|e| e.get(named_key));

    if positional > 0 || (positional_samples.is_some() && named.is_empty()) {
        match positional_samples {
            None if positional > 0 && !fetched => {
                found.push(
                    Diagnostic::new(
                        &MISSING_EXAMPLE,
                        ex_path(),
                        format!("{} but no `{key}` samples", count(positional, "parameter")),
                    )
                    .help(if flat {
                        format!("add `\"example\": {{\"{key}\": [\"...\"]}}`")
                    } else {
                        format!("add `\"example\": {{\"{key}\": [[\"...\"]]}}`")
                    }),
                );
            }
            None => {}
            Some(v) => {
                let path = || path_key(&ex_path(), key);
                let row_path = || if flat { path() } else { path_index(&path(), 0) };
                let row = if flat {
                    v.as_array()
                } else {
                    v.as_array().and_then(|outer| outer.first()).and_then(Value::as_array)
                };
                match row {
                    None => found.push(Diagnostic::new(
                        &EXAMPLE_SHAPE,
                        path(),
                        if flat {
                            format!("`{key}` must be an array of strings")
                        } else {
                            format!("`{key}` must be an array holding one array of strings")
                        },
                    )),
                    Some(row) => {
                        if row.len() != positional {
                            found.push(Diagnostic::new(
                                &EXAMPLE_COUNT_MISMATCH,
                                row_path(),
                                format!("{} for {}", count(row.len(), "sample"), count(positional, "parameter")),
                            ));
                        }
                        for (i, s) in row.iter().enumerate() {
                            sample(s, &|| path_index(&row_path(), i), found);
                        }
                    }
                }
            }
        }
    }
    if !named.is_empty() || named_samples.is_some() {
        let path = || path_key(&ex_path(), named_key);
        match named_samples {
            None if !named.is_empty() && !fetched => {
                found.push(Diagnostic::new(
                    &MISSING_EXAMPLE,
                    ex_path(),
                    format!("{} but no `{named_key}` samples", count(named.len(), "named parameter")),
                ));
            }
            None => {}
            Some(v) => {
                let Some(list) = v.as_array() else {
                    found.push(Diagnostic::new(
                        &EXAMPLE_SHAPE,
                        path(),
                        format!("`{named_key}` must be an array of {{param_name, example}} objects"),
                    ));
                    return;
                };
                let mut given = crate::lexicon::SmallSet::new();
                for (i, item) in list.iter().enumerate() {
                    let item_path = || path_index(&path(), i);
                    let name = item.get("param_name").and_then(Value::as_str);
                    match (name, item.get("example")) {
                        (Some(name), Some(ex)) => {
                            given.insert(name);
                            sample(ex, &|| path_key(&item_path(), "example"), found);
                            // A name the text writes as an invalid placeholder (`{{FirstName}}`)
                            // is WP205's finding, not a sample for nothing.
                            let invalid = f.scan.malformed.iter().any(|m| {
                                matches!(m.problem, crate::placeholder::Problem::InvalidName) && m.inner.trim() == name
                            });
                            if !named.contains(&name) && !invalid {
                                found.push(Diagnostic::new(
                                    &NAMED_EXAMPLE_MISMATCH,
                                    path_key(&item_path(), "param_name"),
                                    format!("sample for `{name}`, which the text does not use"),
                                ));
                            }
                        }
                        _ => found.push(Diagnostic::new(
                            &EXAMPLE_SHAPE,
                            item_path(),
                            "named sample must have `param_name` and `example`",
                        )),
                    }
                }
                for n in keys.iter().filter_map(|k| match k {
                    Key::Named(n) => Some(n.as_str()),
                    Key::Positional(_) => None,
                }) {
                    if !given.contains(&n) {
                        found.push(Diagnostic::new(
                            &NAMED_EXAMPLE_MISMATCH,
                            path(),
                            format!("no sample for `{{{{{n}}}}}`"),
                        ));
                    }
                }
            }
        }
    }
}

fn url_example(f: &Field, fetched: bool, found: &mut Findings) {
    let Some(p) = f.scan.placeholders.first() else { return };
    let path = || path_key(f.owner, "example");
    let first = match f.example {
        None => {
            if !fetched {
                found.push(
                    Diagnostic::new(&MISSING_EXAMPLE, path(), "URL has a parameter but no sample URL")
                        .help("add `\"example\": [\"https://example.com/track/ABC123\"]`"),
                );
            }
            return;
        }
        Some(Value::Array(a)) if a.first().is_some_and(Value::is_string) => &a[0],
        Some(Value::String(_)) => f.example.unwrap_or(&Value::Null),
        Some(_) => {
            found.push(Diagnostic::new(&EXAMPLE_SHAPE, path(), "URL sample must be an array of strings"));
            return;
        }
    };
    let sample_path = || if f.example.is_some_and(Value::is_array) { path_index(&path(), 0) } else { path() };
    sample(first, &sample_path, found);
    if let Some(s) = first.as_str() {
        let prefix = &f.text.value[..p.range.start];
        if !s.trim().is_empty() && !s.starts_with(prefix) {
            found.push(
                Diagnostic::new(&URL_EXAMPLE_MISMATCH, sample_path(), format!("sample does not begin with `{prefix}`"))
                    .at(s, 0..s.len()),
            );
        }
    }
}

// Tests only: the unwraps below are assertions on fixed inputs, compiled under cfg(test) and
// never into the library, so no user input reaches them.
#[cfg(test)]
mod tests {
    use crate::check::{validate_json, ValidateOptions};

    fn codes(template: &str) -> Vec<String> {
        validate_json(template, &ValidateOptions::default())
            .unwrap()
            .diagnostics
            .into_iter()
            .map(|d| d.code.to_string())
            .collect()
    }

    fn messages(template: &str, code: &str) -> Vec<String> {
        let report = validate_json(template, &ValidateOptions::default()).unwrap();
        report.diagnostics.into_iter().filter(|d| d.code == code).map(|d| d.message).collect()
    }

    #[test]
    fn counts_are_singular_or_plural() {
        let t = r#"{"name": "flight_update", "language": "it", "category": "UTILITY", "components": [{"type": "BODY", "text": "Gentile {{1}}, il tuo volo è in ritardo.", "example": {"body_text": [["Marco", "AZ610"]]}}]}"#;
        assert_eq!(messages(t, "WP221"), ["2 samples for 1 parameter"]);
        let t = t.replace("{{1}}, il", "{{1}} {{2}} {{3}}, il");
        assert_eq!(messages(&t, "WP221"), ["2 samples for 3 parameters"]);
    }

    #[test]
    fn a_sample_for_an_invalid_name_is_not_called_unused() {
        let t = r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "parameter_format": "NAMED", "components": [{"type": "BODY", "text": "Hi {{FirstName}}, thanks for your order.", "example": {"body_text_named_params": [{"param_name": "FirstName", "example": "Maria"}]}}]}"#;
        let found = codes(t);
        assert!(found.iter().any(|c| c == "WP205"), "{found:?}");
        assert!(!found.iter().any(|c| c == "WP225"), "{found:?}");
        // A sample for a name the text has nowhere, valid or not, is still reported.
        assert!(codes(&t.replace("{{FirstName}}", "{{first_name}}")).iter().any(|c| c == "WP225"));
        let t = t.replace("\"param_name\": \"FirstName\"", "\"param_name\": \"surname\"");
        assert!(codes(&t).iter().any(|c| c == "WP225"));
    }
}
