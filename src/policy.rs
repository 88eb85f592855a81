//! Prohibited-content scan: the word lists of `data/policy.json`, per policy era. The rules
//! that turn hits into findings are in `rules/policy.rs`.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

use crate::lexicon::{longest_per_key, tokenize, TermSet, Tokens};

/// Which policies apply.
#[cfg_attr(test, derive(ts_rs::TS))]
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
struct EraDates {
    #[serde(rename = "2019_until")]
    until_2019: String,
}

#[derive(Deserialize)]
struct PolicyData {
    era_dates: EraDates,
    groups: Vec<GroupData>,
}

/// A compiled group of prohibited words.
pub struct Group {
    pub id: String,
    /// The rule code the group feeds (`WP303`).
    pub rule: String,
    pub eras: Vec<PolicyEra>,
    pub clause: String,
    /// The languages it has words for (`any` for all).
    pub languages: Vec<String>,
}

/// Every group's words in every language, so that a text is scanned once (in the shared word
/// index of `classify::words`, or in [`WORDS`] for [`scan`]).
struct Compiled {
    groups: Vec<Group>,
    /// The words, in the file's order.
    terms: Vec<String>,
    /// Per word of `terms`: its group and its language.
    word_of: Vec<(usize, String)>,
    /// The last second of the 2019 notification rules.
    until_2019: Option<i64>,
}

static COMPILED: LazyLock<Compiled> = LazyLock::new(|| {
    // An unreadable file (see `embedded`) disables only the word-list rules.
    let Some(data): Option<PolicyData> = crate::embedded::load!("policy.json") else {
        return Compiled { groups: Vec::new(), terms: Vec::new(), word_of: Vec::new(), until_2019: None };
    };
    let until_2019 = crate::window::parse_time(&data.era_dates.until_2019).ok().map(|t| t + 86_399);
    let mut terms: Vec<String> = Vec::new();
    let mut word_of = Vec::new();
    for (gi, g) in data.groups.iter().enumerate() {
        for (language, list) in &g.terms {
            terms.extend(list.iter().cloned());
            word_of.extend(list.iter().map(|_| (gi, language.clone())));
        }
    }
    let groups = data
        .groups
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
            languages: g.terms.keys().cloned().collect(),
            id: g.id,
            rule: g.rule,
            clause: g.clause,
        })
        .collect();
    Compiled { groups, terms, word_of, until_2019 }
});

/// The words of every group in one set, for [`scan`] (validation reads them in the shared index).
static WORDS: LazyLock<TermSet> = LazyLock::new(|| TermSet::new(COMPILED.terms.iter().map(String::as_str)));

/// Every group's words, in order: word `i` of a match is the `i`th of these.
pub fn terms() -> &'static [String] {
    &COMPILED.terms
}

#[derive(Deserialize)]
struct IdentifierLexicon {
    terms: BTreeMap<String, Vec<String>>,
    partial_markers: Vec<String>,
}

/// The sensitive-identifier words (`data/sensitive-identifiers.json`, rule WP302) of every
/// language, with each word's language, and the markers of partial identifiers ("ending in",
/// "ultime 4") of all languages.
pub struct Identifiers {
    /// The words, in the file's order (read in the shared word index of `classify::words`).
    pub terms: Vec<String>,
    pub language_of: Vec<String>,
    pub partial: TermSet,
}

pub static IDENTIFIERS: LazyLock<Identifiers> = LazyLock::new(|| {
    // An unreadable file (see `embedded`) disables only this rule.
    let lex = crate::embedded::load!("sensitive-identifiers.json")
        .unwrap_or(IdentifierLexicon { terms: BTreeMap::new(), partial_markers: Vec::new() });
    let list: Vec<(&String, &String)> =
        lex.terms.iter().flat_map(|(l, terms)| terms.iter().map(move |t| (l, t))).collect();
    Identifiers {
        terms: list.iter().map(|(_, t)| (*t).clone()).collect(),
        language_of: list.iter().map(|(l, _)| (*l).clone()).collect(),
        partial: TermSet::new(lex.partial_markers.iter().map(String::as_str)),
    }
});

/// The policy era in force at `at` (Unix seconds): the 2019 notification rules until about
/// September 2022 (`data/policy.json` `era_dates`, UNCERTAIN), the current policies after.
pub fn era_at(at: i64) -> PolicyEra {
    match COMPILED.until_2019 {
        Some(until) if at <= until => PolicyEra::Notifications2019,
        _ => PolicyEra::Current,
    }
}

/// The shipped groups.
pub fn groups() -> &'static [Group] {
    &COMPILED.groups
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

/// The prohibited words of `era` in `text`, for the word lists of `languages`: per group in
/// the file's order, the longest of overlapping matches, in text order.
pub fn scan(text: &str, languages: &[String], era: PolicyEra) -> Vec<Hit> {
    scan_tokens(&tokenize(text), languages, era)
}

/// [`scan`] over a text already tokenized.
pub fn scan_tokens(tokens: &Tokens, languages: &[String], era: PolicyEra) -> Vec<Hit> {
    scan_found(WORDS.find(tokens).into_iter().map(|m| (m.term, m.range)), languages, era)
}

/// [`scan`] over the words found in a text: `(i, range)` for word `i` of [`terms`], in any order.
pub fn scan_found(
    found: impl IntoIterator<Item = (usize, Range<usize>)>,
    languages: &[String],
    era: PolicyEra,
) -> Vec<Hit> {
    let c = &*COMPILED;
    let mut found: Vec<(usize, Range<usize>)> = found
        .into_iter()
        .filter_map(|(term, range)| {
            let (group, language) = c.word_of.get(term)?;
            let wanted = c.groups[*group].eras.contains(&era) && (language == "any" || languages.contains(language));
            wanted.then_some((*group, range))
        })
        .collect();
    longest_per_key(&mut found);
    found
        .into_iter()
        .map(|(gi, r)| {
            let g = &c.groups[gi];
            Hit { group: &g.id, rule: &g.rule, clause: &g.clause, range: r }
        })
        .collect()
}

// Tests only: the unwraps below are assertions on fixed inputs, compiled under cfg(test) and
// never into the library, so no user input reaches them.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_load_with_every_language() {
        assert!(groups().len() >= 6);
        for g in groups() {
            assert!(!g.eras.is_empty(), "{}", g.id);
            for lang in crate::classify::LANGUAGES {
                assert!(g.languages.iter().any(|l| l == lang), "{} lacks {lang}", g.id);
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
