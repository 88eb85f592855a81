//! Findings: what is wrong, where, and what to do about it.
//!
//! A [`Diagnostic`] is data, never an error: a malformed template yields a list of them.
//! Every diagnostic carries a stable code from the rule registry (`src/rules/mod.rs`), the JSON
//! path of the field it concerns, and a span measured in UTF-16 code units of that field's text,
//! so that JavaScript's `text.slice(span.start, span.end)` shows exactly the flagged characters.

use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::text::utf16_range;

/// How serious a finding is.
///
/// `Error` means Meta rejects the template (or the send); `Warning` means it likely does, or a
/// documented practice or secondary source advises against it; `Info` is worth knowing.
#[cfg_attr(test, derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A range of a field's text in UTF-16 code units (JavaScript string offsets).
#[cfg_attr(test, derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    /// Converts a byte range of `text` (as the lexicon and `str::find` report them) to UTF-16 units.
    pub fn from_bytes(text: &str, bytes: Range<usize>) -> Span {
        let r = utf16_range(text, bytes);
        Span { start: r.start, end: r.end }
    }
}

/// The Cloud API error a request that breaks a rule gets: the code Meta documents for it, and
/// the codes Meta has been seen to answer instead (in issue threads and provider reports) when
/// those differ from the documented one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CloudError {
    pub code: u32,
    pub alternatives: &'static [u32],
}

impl CloudError {
    /// A documented code with no other code observed.
    pub const fn code(code: u32) -> CloudError {
        CloudError { code, alternatives: &[] }
    }

    /// The same error, with codes observed instead of the documented one.
    pub const fn or(self, alternatives: &'static [u32]) -> CloudError {
        CloudError { code: self.code, alternatives }
    }
}

/// One finding about one field of the input.
#[cfg_attr(test, derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnostic {
    /// Stable code, `WP` and three digits; never renumbered or reused.
    pub code: &'static str,
    /// Kebab-case name of the pattern flagged.
    pub rule: &'static str,
    pub severity: Severity,
    /// What is wrong: short, lowercase, no trailing period.
    pub message: String,
    /// What to do about it.
    pub help: Option<String>,
    /// JSON path of the field in the input, e.g. `components[1].buttons[0].text`.
    pub path: String,
    /// Where in that field's text, in UTF-16 code units; `None` when the finding concerns the
    /// field as a whole or the field is not text.
    pub span: Option<Span>,
    /// For send findings: the Cloud API error code Meta would answer (see [`CloudError`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub error_code: Option<u32>,
    /// Other codes Meta has been seen to answer for the same fault.
    #[serde(skip_serializing_if = "<[u32]>::is_empty")]
    #[cfg_attr(test, ts(as = "Option<Vec<u32>>", optional))]
    pub alternatives: &'static [u32],
}

impl Diagnostic {
    /// Marks the byte range `bytes` of `text` (the field's text) as the flagged part.
    pub fn at(mut self, text: &str, bytes: Range<usize>) -> Self {
        self.span = Some(Span::from_bytes(text, bytes));
        self
    }

    /// Replaces the rule's generic help with a specific one.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}
