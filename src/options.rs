//! How to validate: the options a caller gives, read by the rules and by the send checks.
//! Below both, so that the rules need nothing of `check`, which runs them; reading them from
//! JSON, which needs the rule registry, stays in `check` (`ValidateOptions::from_value`).

use std::collections::HashMap;

use serde::Deserialize;

use crate::policy::PolicyEra;
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
