//! How to validate: the options a caller gives, read by the rules and by the send checks.
//! Below both, so that the rules need nothing of `check`, which runs them; reading them from
//! JSON, which needs the rule registry, stays in `check` (`ValidateOptions::from_value`).

use std::collections::HashMap;

use serde::Deserialize;

use crate::policy::PolicyEra;
use crate::text::LengthUnit;

/// How to validate. Every field is optional in JSON (`{}` is the defaults).
#[cfg_attr(test, derive(ts_rs::TS), ts(optional_fields))]
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct ValidateOptions {
    /// The unit in which length limits are counted.
    #[cfg_attr(test, ts(as = "Option<LengthUnit>", optional))]
    pub length_unit: LengthUnit,
    /// Per-rule overrides, keyed by code (`WP210`) or name (`variable-density`).
    #[cfg_attr(test, ts(as = "Option<HashMap<String, RuleSetting>>", optional))]
    pub rules: HashMap<String, RuleSetting>,
    /// Locale codes to accept in addition to `data/languages.json`.
    #[cfg_attr(test, ts(as = "Option<Vec<String>>", optional))]
    pub extra_languages: Vec<String>,
    /// Which content policies apply: `current` or `2019`; when not given, those in force on
    /// `asOf` (the 2019 rules before about September 2022), else `current`.
    pub policy: Option<PolicyEra>,
    /// The date whose rules apply (Unix seconds), for the limits that changed on a known date
    /// (`data/send-limits.json` eras); `None` applies today's data, the newest era. In JSON
    /// `asOf`: a date (`2025-11-01`, midnight UTC), an ISO 8601 time or epoch milliseconds.
    #[serde(deserialize_with = "crate::time::as_of")]
    #[cfg_attr(test, ts(type = "TimeInput", optional))]
    pub as_of: Option<i64>,
}

impl ValidateOptions {
    /// The content policies that apply: the ones given, else those of `asOf`'s date.
    pub fn policy_era(&self) -> PolicyEra {
        self.policy.unwrap_or_else(|| self.as_of.map_or(PolicyEra::Current, crate::policy::era_at))
    }
}

/// Turns a rule off or changes its severity.
#[cfg_attr(test, derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RuleSetting {
    Off,
    Info,
    Warning,
    Error,
}
