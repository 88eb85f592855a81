//! Prohibited-content scan: the word lists of `data/policy.json`, per policy era. The rules
//! that turn hits into findings are in `rules/policy.rs`.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

use crate::lexicon::{tokenize, TermSet};

/// Which policies apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum PolicyEra {
    /// Today's WhatsApp Business Messaging and Commerce policies.
    #[default]
    #[serde(rename = "current")]
    Current,
    /// The notification rules of June 2019: nothing promotional at all.
    #[serde(rename = "2019")]
    Notifications2019,
}

impl PolicyEra {
    pub fn name(self) -> &'static str {
        match self {
            PolicyEra::Current => "current",
            PolicyEra::Notifications2019 => "2019",
        }
    }
}

#[derive(Deserialize)]
struct GroupData {
    id: String,
    rule: String,
    eras: Vec<String>,
    clause: String,
    terms: BTreeMap<String, Vec<String>>,
}

#[derive(Deserialize)]
struct PolicyData {
    groups: Vec<GroupData>,
}

/// A compiled group of prohibited words.
pub struct Group {
    pub id: String,
    /// The rule code the group feeds (`WP303`).
    pub rule: String,
    pub eras: Vec<PolicyEra>,
    pub clause: String,
    by_language: BTreeMap<String, TermSet>,
}

static GROUPS: LazyLock<Vec<Group>> = LazyLock::new(|| {
    // Embedded and parsed by a test; an unreadable file disables only the word-list rules.
    let Ok(data) = serde_json::from_str::<PolicyData>(include_str!("../data/policy.json")) else { return Vec::new() };
    data.groups
        .into_iter()
        .map(|g| Group {
            eras: g
                .eras
                .iter()
                .filter_map(|e| match e.as_str() {
                    "current" => Some(PolicyEra::Current),
                    "2019" => Some(PolicyEra::Notifications2019),
                    _ => None,
                })
                .collect(),
            by_language: g.terms.iter().map(|(l, t)| (l.clone(), TermSet::new(t.iter().map(String::as_str)))).collect(),
            id: g.id,
            rule: g.rule,
            clause: g.clause,
        })
        .collect()
});

/// The shipped groups.
pub fn groups() -> &'static [Group] {
    &GROUPS
}

/// A prohibited word in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub group: &'static str,
    pub rule: &'static str,
    pub clause: &'static str,
    /// Byte range in the text.
    pub range: Range<usize>,
}

/// The prohibited words of `era` in `text`, for the word lists of `languages`.
pub fn scan(text: &str, languages: &[String], era: PolicyEra) -> Vec<Hit> {
    let tokens = tokenize(text);
    let mut out = Vec::new();
    for g in groups().iter().filter(|g| g.eras.contains(&era)) {
        let mut ranges: Vec<Range<usize>> = g
            .by_language
            .iter()
            .filter(|(l, _)| l.as_str() == "any" || languages.contains(l))
            .flat_map(|(_, set)| set.find(&tokens))
            .map(|m| m.range)
            .collect();
        ranges.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
        let mut last_end = 0;
        for r in ranges {
            if r.start >= last_end {
                last_end = r.end;
                out.push(Hit { group: &g.id, rule: &g.rule, clause: &g.clause, range: r });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_load_with_every_language() {
        assert!(groups().len() >= 6);
        for g in groups() {
            assert!(!g.eras.is_empty(), "{}", g.id);
            for lang in crate::classify::LANGUAGES {
                assert!(g.by_language.contains_key(*lang), "{} lacks {lang}", g.id);
            }
        }
    }

    #[test]
    fn eras_select_groups() {
        let langs = vec!["it".to_string()];
        let text = "Iscriviti alla newsletter e scommetti sul casinò!";
        let now: Vec<&str> = scan(text, &langs, PolicyEra::Current).iter().map(|h| h.group).collect();
        let old: Vec<&str> = scan(text, &langs, PolicyEra::Notifications2019).iter().map(|h| h.group).collect();
        assert_eq!(now, vec!["regulated-goods", "regulated-goods"]);
        assert!(old.contains(&"recurring-content") && old.contains(&"regulated-goods"));
    }
}
