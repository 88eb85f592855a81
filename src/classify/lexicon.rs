//! The classifier's word lists (`data/classify.json`) compiled into the shared word index.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::{Arc, LazyLock};

use serde::Deserialize;

use super::words::Index;
use super::Principle;
use crate::category::{parse_category, Category};

/// A string of the lexicon's JSON: borrowed from the text unless it has escapes, since a
/// lexicon holds thousands and they are only read while its index is built.
#[derive(PartialEq, Eq, PartialOrd, Ord)]
struct Text<'a>(Cow<'a, str>);

impl<'de: 'a, 'a> Deserialize<'de> for Text<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Text<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Owned(v.to_string())))
            }
        }
        d.deserialize_str(Visitor)
    }
}

#[derive(Deserialize)]
struct SignalData<'a> {
    id: String,
    /// Lexicons written before the principles name a category instead (`MARKETING` reads as
    /// promotion, `UTILITY` as specific).
    principle: Option<Principle>,
    category: Option<String>,
    weight: u32,
    clause: String,
    legacy: Option<String>,
    #[serde(borrow)]
    terms: BTreeMap<Text<'a>, Vec<Text<'a>>>,
}

#[derive(Deserialize)]
struct LexiconData<'a> {
    #[serde(borrow)]
    signals: Vec<SignalData<'a>>,
    /// Per language, its commonest short words (to tell the language of a text).
    #[serde(default, borrow)]
    function_words: BTreeMap<Text<'a>, Vec<Text<'a>>>,
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

/// The compiled lexicon: every signal's words in every language, with the function words and
/// the policy and identifier words, in one index (`words.rs`), so that a text is tokenized and
/// looked up once, whatever the number of signals and languages; each reading then takes the
/// words of the languages it reads in.
pub struct Lexicon {
    pub signals: Vec<Signal>,
    pub(super) index: Index,
}

impl Lexicon {
    /// Compiles a lexicon from JSON (the format of `data/classify.json`).
    pub fn from_json(text: &str) -> Result<Lexicon, String> {
        let data: LexiconData = serde_json::from_str(text).map_err(|e| format!("invalid lexicon: {e}"))?;
        let mut signals = Vec::new();
        let mut words: Vec<(&str, &str, usize)> = Vec::new();
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
                words.extend(terms.iter().map(|t| (&*lang.0, &*t.0, i)));
            }
            signals.push(Signal {
                id: s.id.as_str().into(),
                principle,
                weight: s.weight,
                clause: s.clause.as_str().into(),
                legacy: s.legacy.clone(),
                languages: s.terms.keys().map(|l| l.0.to_string()).collect(),
            });
        }
        let function_words: Vec<(&str, &str)> =
            data.function_words.iter().flat_map(|(lang, ws)| ws.iter().map(move |w| (&*w.0, &*lang.0))).collect();
        Ok(Lexicon { signals, index: Index::build(&words, &function_words) })
    }

    fn empty() -> Lexicon {
        Lexicon { signals: Vec::new(), index: Index::build(&[], &[]) }
    }
}

/// The language to read a text again in, from the count of each language's function words in
/// it: the one whose function words they hold most of, when it has more of them than `declared`
/// has (ties keep the declared one, and so nothing).
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
