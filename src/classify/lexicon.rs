//! The classifier's word lists (`data/classify.json`) compiled: one term set per language.

use std::collections::BTreeMap;
use std::sync::{Arc, LazyLock, OnceLock};

use serde::Deserialize;

use super::{languages_for, Principle};
use crate::category::{parse_category, Category};
use crate::lexicon::{tokenize, TermSet};

#[derive(Deserialize)]
struct SignalData {
    id: String,
    /// Lexicons written before the principles name a category instead (`MARKETING` reads as
    /// promotion, `UTILITY` as specific).
    principle: Option<Principle>,
    category: Option<String>,
    weight: u32,
    clause: String,
    legacy: Option<String>,
    terms: BTreeMap<String, Vec<String>>,
}

#[derive(Deserialize)]
struct LexiconData {
    signals: Vec<SignalData>,
    /// Per language, its commonest short words (to tell the language of a text).
    #[serde(default)]
    function_words: BTreeMap<String, Vec<String>>,
}

/// A compiled signal.
pub struct Signal {
    pub id: Arc<str>,
    pub principle: Principle,
    pub weight: u32,
    pub clause: Arc<str>,
    pub legacy: Option<String>,
    /// The languages it has words for (`any` for all languages).
    pub languages: Vec<String>,
}

/// The compiled lexicon: per language (and `any`), one set of every signal's words, so that a
/// text is scanned once per language it is read in, whatever the number of signals; the words
/// of other languages are never tried.
pub struct Lexicon {
    pub signals: Vec<Signal>,
    /// Every word: its language (`any` for all), the word, its signal.
    pub(super) words: Vec<(String, String, usize)>,
    /// Every language's function words: the word and its language.
    pub(super) function_terms: Vec<(String, String)>,
    /// Per language: its name, its words, and each word's signal; compiled on first use (the
    /// shipped lexicon is read through the shared index of `words.rs` instead).
    sets: OnceLock<Vec<(String, TermSet, Vec<usize>)>>,
    /// Every language's function words in one set, and each word's language; likewise.
    function_words: OnceLock<(TermSet, Vec<String>)>,
}

impl Lexicon {
    /// Compiles a lexicon from JSON (the format of `data/classify.json`).
    pub fn from_json(text: &str) -> Result<Lexicon, String> {
        let data: LexiconData = serde_json::from_str(text).map_err(|e| format!("invalid lexicon: {e}"))?;
        let mut signals = Vec::new();
        let mut words: BTreeMap<String, Vec<(&str, usize)>> = BTreeMap::new();
        for (i, s) in data.signals.iter().enumerate() {
            let principle = match (s.principle, s.category.as_deref()) {
                (Some(p), _) => p,
                (None, Some(c)) => match parse_category(c).map(|(c, _)| c) {
                    Some(Category::Authentication) => Principle::Authentication,
                    Some(Category::Utility) => Principle::Specific,
                    Some(Category::Marketing) => Principle::Promotion,
                    None => return Err(format!("signal `{}`: unknown category `{c}`", s.id)),
                },
                (None, None) => return Err(format!("signal `{}` names no principle", s.id)),
            };
            for (lang, terms) in &s.terms {
                words.entry(lang.clone()).or_default().extend(terms.iter().map(|t| (t.as_str(), i)));
            }
            signals.push(Signal {
                id: s.id.as_str().into(),
                principle,
                weight: s.weight,
                clause: s.clause.as_str().into(),
                legacy: s.legacy.clone(),
                languages: s.terms.keys().cloned().collect(),
            });
        }
        let words = words
            .into_iter()
            .flat_map(|(lang, list)| list.into_iter().map(move |(t, i)| (lang.clone(), t.to_string(), i)))
            .collect();
        let function_terms = data
            .function_words
            .iter()
            .flat_map(|(lang, ws)| ws.iter().map(move |w| (w.clone(), lang.clone())))
            .collect();
        Ok(Lexicon { signals, words, function_terms, sets: OnceLock::new(), function_words: OnceLock::new() })
    }

    /// Per language (and `any`), one set of every signal's words.
    pub(super) fn sets(&self) -> &[(String, TermSet, Vec<usize>)] {
        self.sets.get_or_init(|| {
            let mut by_language: BTreeMap<&str, Vec<(&str, usize)>> = BTreeMap::new();
            for (lang, t, i) in &self.words {
                by_language.entry(lang.as_str()).or_default().push((t.as_str(), *i));
            }
            // Each language's set holds the `any` words too, so that a text is scanned once per
            // language; `any` alone serves languages without words of their own.
            let any = by_language.remove("any").unwrap_or_default();
            let mut sets: Vec<(String, TermSet, Vec<usize>)> = by_language
                .into_iter()
                .map(|(lang, mut list)| {
                    list.extend(any.iter().copied());
                    let set = TermSet::new(list.iter().map(|&(t, _)| t));
                    (lang.to_string(), set, list.iter().map(|&(_, s)| s).collect())
                })
                .collect();
            sets.push(("any".into(), TermSet::new(any.iter().map(|&(t, _)| t)), any.iter().map(|&(_, s)| s).collect()));
            sets
        })
    }

    fn empty() -> Lexicon {
        Lexicon {
            signals: Vec::new(),
            words: Vec::new(),
            function_terms: Vec::new(),
            sets: OnceLock::new(),
            function_words: OnceLock::new(),
        }
    }

    /// The languages to read `texts` in again when the words of `declared` found nothing: the
    /// one whose function words they hold most of, when it has more of them than `declared`
    /// has (ties keep the declared one, and so nothing); all of them for a lexicon without
    /// function words.
    pub(super) fn languages_to_reread(&self, texts: &[(&str, &str)], declared: &str) -> Vec<String> {
        let (set, language_of_word) = self.function_words.get_or_init(|| {
            (
                TermSet::new(self.function_terms.iter().map(|(w, _)| w.as_str())),
                self.function_terms.iter().map(|(_, l)| l.clone()).collect(),
            )
        });
        if set.is_empty() {
            return languages_for(None);
        }
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for (text, _) in texts {
            for m in set.find(&tokenize(text)) {
                *counts.entry(language_of_word[m.term].as_str()).or_default() += 1;
            }
        }
        reread_choice(counts, declared)
    }
}

/// The language to read a text again in, from the count of each language's function words in
/// it (see [`Lexicon::languages_to_reread`]).
pub(super) fn reread_choice(counts: BTreeMap<&str, usize>, declared: &str) -> Vec<String> {
    let own = counts.get(declared).copied().unwrap_or(0);
    match counts.into_iter().max_by_key(|&(l, n)| (n, std::cmp::Reverse(l))) {
        Some((best, n)) if n > own && best != declared => vec![best.to_string()],
        _ => Vec::new(),
    }
}

/// The lexicon shipped in `data/classify.json`.
pub static DEFAULT_LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    // The embedded file is parsed by a test; should it ever fail, classification degrades to
    // the structural signals and the "unclear content is marketing" rule.
    Lexicon::from_json(crate::embedded::embedded!("classify.json")).unwrap_or_else(|_| Lexicon::empty())
});
