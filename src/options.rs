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
    /// Which content policies apply: `current` or `2019`; when not given, those in force on
    /// `asOf` (the 2019 rules before about September 2022), else `current`.
    pub policy: Option<PolicyEra>,
    /// The date whose rules apply (Unix seconds), for the limits that changed on a known date
    /// (`data/send-limits.json` eras); `None` applies today's data, the newest era. In JSON
    /// `asOf`: a date (`2025-11-01`, midnight UTC), an ISO 8601 time or epoch milliseconds.
    #[serde(deserialize_with = "crate::time::as_of")]
    pub as_of: Option<i64>,
}

impl ValidateOptions {
    /// The content policies that apply: the ones given, else those of `asOf`'s date.
    pub fn policy_era(&self) -> PolicyEra {
        self.policy.unwrap_or_else(|| self.as_of.map_or(PolicyEra::Current, crate::policy::era_at))
    }
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
