//! Validating templates: options in, a report out. Composes reading (`template`) and the rule
//! registry (`rules`).

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::category::{parse_category, Category};
use crate::classify::{classify_read, meta_outcome, Band, Check, Classification, MetaOutcome, Reason, TextWords};
use crate::diagnostic::{Diagnostic, Severity};
use crate::input::{parse_document, InputError};
pub use crate::options::{RuleSetting, ValidateOptions};
use crate::policy::PolicyEra;
use crate::rules;
use crate::template::{json_kind, read_template};

impl ValidateOptions {
    /// Reads options from JSON, rejecting unknown keys and rules.
    pub fn from_value(v: &Value) -> Result<Self, InputError> {
        if v.is_null() {
            return Ok(Self::default());
        }
        let opts: ValidateOptions = serde_json::from_value(v.clone())
            .map_err(|e| InputError::new("INVALID_OPTIONS", format!("invalid options: {e}")))?;
        if let Some(unknown) = rules::unknown_rule(&opts.rules) {
            return Err(InputError::new("INVALID_OPTIONS", format!("invalid options: no rule `{unknown}`")));
        }
        Ok(opts)
    }
}

/// The category summary of a report: the declared category and what the content says.
#[cfg_attr(test, derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CategorySummary {
    pub declared: Option<String>,
    pub predicted: Category,
    pub confidence: f64,
    pub reasons: Vec<Reason>,
    /// The closest pre-2023 notification type, for utility content.
    pub legacy_type: Option<String>,
    pub band: Band,
    pub basis: &'static str,
    pub checklist: Vec<Check>,
    /// What Meta will do with the declared category, given the content; none when the template
    /// declares no category Meta knows.
    pub outcome: Option<MetaOutcome>,
}

/// The result of validating one template.
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "ValidationReport"))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub name: Option<String>,
    pub language: Option<String>,
    /// False iff some diagnostic has severity `error`.
    pub ok: bool,
    pub category: CategorySummary,
    pub diagnostics: Vec<Diagnostic>,
}

/// Validates one template given as a JSON value.
///
/// A JSON object always yields a report, however malformed; anything else is an
/// [`InputError`] with code `NOT_A_TEMPLATE`.
pub fn validate_value(value: &Value, options: &ValidateOptions) -> Result<Report, InputError> {
    let obj = match value {
        Value::Object(o) => o,
        Value::Array(_) => {
            return Err(InputError::new(
                "NOT_A_TEMPLATE",
                "expected one template object, found an array (use validateTemplates for lists)",
            ))
        }
        other => {
            return Err(InputError::new(
                "NOT_A_TEMPLATE",
                format!("expected a template object, found {}", json_kind(other)),
            ))
        }
    };
    if obj.contains_key("messaging_product") && !obj.contains_key("components") {
        return Err(InputError::new(
            "NOT_A_TEMPLATE",
            "this is a Cloud API send payload, not a template (use checkSend)",
        ));
    }
    let mut diagnostics = Vec::new();
    let template = read_template(obj, &mut diagnostics);
    // Each text is tokenized and its words looked up once, for the classifier and the rules.
    let words = TextWords::read(&template);
    let classification = classify_read(&template, &words);
    diagnostics.extend(rules::run(&template, options, &classification, &words));
    let declared = template.category.as_ref().map(|c| c.value.clone());
    let outcome = declared.as_deref().and_then(parse_category).map(|(d, _)| meta_outcome(d, classification.predicted));
    Ok(Report {
        name: template.name.map(|t| t.value),
        language: template.language.map(|t| t.value),
        ok: !diagnostics.iter().any(|d| d.severity == Severity::Error),
        category: CategorySummary {
            declared,
            predicted: classification.predicted,
            confidence: classification.confidence,
            reasons: classification.reasons,
            legacy_type: classification.legacy_type,
            band: classification.band,
            basis: classification.basis,
            checklist: classification.checklist,
            outcome,
        },
        diagnostics,
    })
}

/// Validates one template given as JSON text.
pub fn validate_json(text: &str, options: &ValidateOptions) -> Result<Report, InputError> {
    let value: Value =
        serde_json::from_str(text.strip_prefix('\u{feff}').unwrap_or(text)).map_err(|e| InputError::json(&e, 0))?;
    validate_value(&value, options)
}

/// Validates every template of a document (object, array, list response or JSON Lines).
/// Items that are not objects get a report with one `invalid-field-type` finding, so that the
/// positions of the other items are kept.
pub fn validate_document(text: &str, options: &ValidateOptions) -> Result<Vec<Report>, InputError> {
    Ok(parse_document(text)?.iter().map(|item| validate_item(item, options)).collect())
}

/// How to check free text (`checkContent`): every field optional.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ContentOptions {
    /// The text's language (`it`, `pt_BR`); all word lists when absent.
    pub language: Option<String>,
    pub policy: PolicyEra,
    /// The category the text is meant for; MARKETING when absent.
    pub category: Option<String>,
    /// Per-rule overrides, keyed by code or name (as for templates).
    #[serde(deserialize_with = "rules::deserialize_settings")]
    pub rules: HashMap<String, RuleSetting>,
}

/// The result of checking free text: its category and the content findings.
#[cfg_attr(test, derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ContentCheck {
    pub classification: Classification,
    /// Content and category findings (rules of the content and category stages), at path `text`.
    pub diagnostics: Vec<Diagnostic>,
}

/// Checks free text as it is typed: classified as a template body, with the content findings
/// a body in that language and category would get. Structural findings (name, placeholders,
/// examples) are left out: the text is not a template.
pub fn check_content(text: &str, options: &ContentOptions) -> ContentCheck {
    let mut obj = serde_json::Map::new();
    obj.insert("name".into(), "text".into());
    obj.insert("language".into(), options.language.as_deref().unwrap_or("und").into());
    obj.insert("category".into(), options.category.as_deref().unwrap_or("MARKETING").into());
    obj.insert("components".into(), serde_json::json!([{ "type": "BODY", "text": text }]));
    let template = read_template(&obj, &mut Vec::new());
    // Classified once, as validation does; the body's reasons then point at the text itself.
    let words = TextWords::read(&template);
    let mut classification = classify_read(&template, &words);
    let validate =
        ValidateOptions { policy: Some(options.policy), rules: options.rules.clone(), ..ValidateOptions::default() };
    let to_text = |path: String| if path.ends_with(".text") { "text".to_string() } else { path };
    let diagnostics = rules::run(&template, &validate, &classification, &words)
        .into_iter()
        .filter(|d| {
            rules::find_rule(d.code).is_some_and(|r| matches!(r.stage, rules::Stage::Content | rules::Stage::Category))
        })
        .map(|d| Diagnostic { path: to_text(d.path), ..d })
        .collect();
    for r in &mut classification.reasons {
        r.path = to_text(std::mem::take(&mut r.path));
    }
    ContentCheck { classification, diagnostics }
}

/// Validates one item of a list; never fails.
pub fn validate_item(item: &Value, options: &ValidateOptions) -> Report {
    validate_value(item, options).unwrap_or_else(|e| Report {
        name: None,
        language: None,
        ok: false,
        category: CategorySummary {
            declared: None,
            predicted: Category::Marketing,
            confidence: 0.0,
            reasons: Vec::new(),
            legacy_type: None,
            band: Band::Uncertain,
            basis: "no-evidence",
            checklist: Vec::new(),
            outcome: None,
        },
        diagnostics: vec![Diagnostic::new(&rules::shape::INVALID_FIELD_TYPE, "", e.message)],
    })
}

// Tests only: the unwraps below are assertions on fixed inputs, compiled under cfg(test) and
// never into the library, so no user input reaches them.
#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::{classify_text, DEFAULT_LEXICON};

    fn codes(c: &ContentCheck) -> Vec<&str> {
        c.diagnostics.iter().map(|d| d.code).collect()
    }

    #[test]
    fn content_findings_point_into_the_text() {
        let text = "🎰 Scommetti sul casinò stasera!";
        let c = check_content(text, &ContentOptions { language: Some("it".into()), ..ContentOptions::default() });
        let units: Vec<u16> = text.encode_utf16().collect();
        let words: Vec<String> = c
            .diagnostics
            .iter()
            .filter(|d| d.code == "WP303" && d.path == "text")
            .filter_map(|d| d.span)
            .map(|s| String::from_utf16_lossy(&units[s.start..s.end]))
            .collect();
        assert_eq!(words, vec!["Scommetti", "casinò"]);
    }

    #[test]
    fn content_classification_is_that_of_the_text() {
        for (text, language) in [
            ("Il tuo ordine è stato spedito. Solo oggi 20% di sconto!", Some("it")),
            ("Your verification code is 123456.", None),
            ("Sua encomenda chegou 🚚", Some("pt_BR")),
        ] {
            let c = check_content(text, &ContentOptions { language: language.map(Into::into), ..Default::default() });
            assert_eq!(c.classification, classify_text(text, language, &DEFAULT_LEXICON), "{text}");
        }
    }

    #[test]
    fn structural_findings_are_left_out_and_the_category_is_checked() {
        // A body that is only a parameter is a template problem, not a content one.
        assert!(check_content("{{1}}", &ContentOptions::default()).diagnostics.is_empty());
        let promo = "Solo oggi 30% di sconto su tutto il negozio!";
        let utility =
            ContentOptions { language: Some("it".into()), category: Some("UTILITY".into()), ..Default::default() };
        let c = check_content(promo, &utility);
        assert_eq!(c.classification.predicted, Category::Marketing);
        assert!(codes(&c).contains(&"WP403"), "{:?}", codes(&c));
        let marketing = ContentOptions { category: Some("MARKETING".into()), ..utility };
        assert!(!codes(&check_content(promo, &marketing)).contains(&"WP403"));
    }
}
