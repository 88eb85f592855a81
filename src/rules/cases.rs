//! The rules' runnable cases, as the declarations carry them (native builds only: the WASM
//! module carries none). `tests/rules.rs` runs every case, `docs/rules.md` prints them, and
//! `cargo run --example dump -- cases` prints them as JSON for the JavaScript tests.
//!
//! A case is compact JSON. A case of a template rule is a template, or
//! `{"template": …, "options": …}` with options as `validateTemplate` takes them. A case of a
//! send rule ([`Stage::is_send`](super::Stage::is_send)) is `{"payload": …}`, checked against the
//! templates of `tests/fixtures/send/templates.json`, with optional `error_code` (the Cloud API
//! code the send must be predicted to get; `null`: allowed), `state`, `now`, `endpoint`, and
//! `no_templates: true` for a check of the payload alone. A long run of one character is
//! written `⟪a×1025⟫` (1,025 `a`s) and written out by [`expand`].

use serde_json::Value;

use super::{Rule, RULES};

/// One case of one rule.
#[derive(Debug, Clone, Copy)]
pub struct Case {
    pub rule: &'static Rule,
    /// True for a case that fires the rule, false for a near miss.
    pub fires: bool,
    /// Its position among the rule's `fires` or `passes`.
    pub index: usize,
    /// The JSON as declared, repetitions not written out.
    pub text: &'static str,
}

impl Case {
    /// `fires` or `passes`.
    pub fn kind(&self) -> &'static str {
        if self.fires {
            "fires"
        } else {
            "passes"
        }
    }

    /// The case as JSON, repetitions written out.
    pub fn value(&self) -> Result<Value, serde_json::Error> {
        serde_json::from_str(&expand(self.text))
    }
}

/// The cases of `rule`: those that fire it, then its near misses.
pub fn of(rule: &'static Rule) -> impl Iterator<Item = Case> {
    let fires = rule.fires.iter().enumerate().map(move |(index, text)| Case { rule, fires: true, index, text });
    let passes = rule.passes.iter().enumerate().map(move |(index, text)| Case { rule, fires: false, index, text });
    fires.chain(passes)
}

/// Every case of every rule, in code order.
pub fn all() -> impl Iterator<Item = Case> {
    RULES.iter().flat_map(|r| of(r))
}

/// Writes out the repetitions `⟪x×N⟫` of a case (N times `x`).
pub fn expand(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('⟪') {
        out.push_str(&rest[..open]);
        let after = &rest[open + '⟪'.len_utf8()..];
        let parsed = after.find('⟫').and_then(|close| {
            let (unit, count) = after[..close].rsplit_once('×')?;
            Some((unit, count.parse::<usize>().ok()?, close))
        });
        match parsed {
            Some((unit, count, close)) => {
                out.push_str(&unit.repeat(count));
                rest = &after[close + '⟫'.len_utf8()..];
            }
            None => {
                out.push('⟪');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

// Tests only: the unwraps below are assertions on fixed inputs, compiled under cfg(test) and
// never into the library, so no user input reaches them.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repetitions_are_written_out() {
        assert_eq!(expand(r#"{"text": "Hi ⟪a×3⟫!⟪👍×2⟫"}"#), r#"{"text": "Hi aaa!👍👍"}"#);
        assert_eq!(expand("⟪ no count ⟫ and ⟪x×y⟫"), "⟪ no count ⟫ and ⟪x×y⟫");
    }

    #[test]
    fn every_case_is_json_and_every_rule_has_both_kinds() {
        for r in RULES {
            assert!(!r.fires.is_empty() && !r.passes.is_empty(), "{}", r.code);
            for c in of(r) {
                assert!(c.value().is_ok_and(|v| v.is_object()), "{} {}[{}]", r.code, c.kind(), c.index);
            }
        }
    }
}
