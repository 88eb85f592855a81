//! Validating templates: options in, a report out. Composes reading (`template`) and the rule
//! registry (`rules`).

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::classify::{classify, Reason};
use crate::diagnostic::{Diagnostic, Severity};
use crate::input::{parse_document, InputError};
use crate::policy::PolicyEra;
use crate::rules::{self, Category};
use crate::template::{json_kind, read_template};
use crate::text::LengthUnit;

/// How to validate. Every field is optional in JSON (`{}` is the defaults).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct ValidateOptions {
    /// The unit in which length limits are counted.
    pub length_unit: LengthUnit,
    /// Per-rule overrides, keyed by code (`WP210`) or name (`variable-density`).
    pub rules: HashMap<String, RuleSetting>,
    /// Locale codes to accept in addition to `data/languages.json`.
    pub extra_languages: Vec<String>,
    /// Which content policies apply: `current` or `2019`.
    pub policy: PolicyEra,
}

/// Turns a rule off or changes its severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RuleSetting {
    Off,
    Info,
    Warning,
    Error,
}

impl ValidateOptions {
    /// Reads options from JSON, rejecting unknown keys and rules.
    pub fn from_value(v: &Value) -> Result<Self, InputError> {
        if v.is_null() {
            return Ok(Self::default());
        }
        let opts: ValidateOptions = serde_json::from_value(v.clone())
            .map_err(|e| InputError::new("INVALID_OPTIONS", format!("invalid options: {e}")))?;
        if let Some(unknown) = opts.rules.keys().find(|k| rules::find_rule(k).is_none()) {
            return Err(InputError::new("INVALID_OPTIONS", format!("invalid options: no rule `{unknown}`")));
        }
        Ok(opts)
    }
}

/// The category summary of a report: the declared category and what the content says.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CategorySummary {
    pub declared: Option<String>,
    pub predicted: &'static str,
    pub confidence: f64,
    pub reasons: Vec<Reason>,
    /// The closest pre-2023 notification type, for utility content.
    #[serde(rename = "legacyType")]
    pub legacy_type: Option<String>,
}

/// The result of validating one template.
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
    let classification = classify(&template);
    diagnostics.extend(rules::run(&template, options, &classification));
    let declared = template.category.as_ref().map(|c| c.value.clone());
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

/// Validates one item of a list; never fails.
pub fn validate_item(item: &Value, options: &ValidateOptions) -> Report {
    validate_value(item, options).unwrap_or_else(|e| Report {
        name: None,
        language: None,
        ok: false,
        category: CategorySummary {
            declared: None,
            predicted: Category::Marketing.name(),
            confidence: 0.0,
            reasons: Vec::new(),
            legacy_type: None,
        },
        diagnostics: vec![Diagnostic::new(&rules::shape::INVALID_FIELD_TYPE, "", e.message)],
    })
}
