//! One pass over each text for every word list: the classifier's signals and function words
//! (`data/classify.json`), the policy groups (`data/policy.json`) and the sensitive identifiers
//! (`data/sensitive-identifiers.json`). Validation tokenizes each text once and looks its words
//! up once, in one merged index; each reader then takes the matches that are its own.
//!
//! The readers' results do not depend on the order of the matches (each sorts and keeps the
//! longest of overlapping ones), so reading a word list here or in a set of its own gives the
//! same findings.

use std::cell::Cell;
use std::ops::Range;
use std::sync::LazyLock;

use super::DEFAULT_LEXICON;
use crate::lexicon::{tokenize, TermSet, Tokens};
use crate::template::{ComponentKind, Template, Text};

/// Whose word a term of the index is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Owner {
    /// A signal of the shipped lexicon, with the term's language (an index into
    /// [`Index::languages`]).
    Signal { signal: u32, language: u16 },
    /// A function word of a language.
    Function { language: u16 },
    /// Word `i` of [`crate::policy::terms`].
    Policy(u32),
    /// Word `i` of the sensitive identifiers.
    Identifier(u32),
}

struct Index {
    set: TermSet,
    owners: Vec<Owner>,
    /// The languages the classifier's words are in (`any` among them).
    languages: Vec<String>,
}

static INDEX: LazyLock<Index> = LazyLock::new(|| {
    let lexicon = &*DEFAULT_LEXICON;
    let mut languages: Vec<String> = Vec::new();
    let mut language_id = |l: &str| match languages.iter().position(|x| x == l) {
        Some(i) => i as u16,
        None => {
            languages.push(l.to_string());
            (languages.len() - 1) as u16
        }
    };
    let mut terms: Vec<&str> = Vec::new();
    let mut owners = Vec::new();
    for (lang, term, signal) in &lexicon.words {
        terms.push(term);
        owners.push(Owner::Signal { signal: *signal as u32, language: language_id(lang) });
    }
    for (term, lang) in &lexicon.function_terms {
        terms.push(term);
        owners.push(Owner::Function { language: language_id(lang) });
    }
    for (i, term) in crate::policy::terms().iter().enumerate() {
        terms.push(term);
        owners.push(Owner::Policy(i as u32));
    }
    for (i, term) in crate::policy::IDENTIFIERS.terms.iter().enumerate() {
        terms.push(term);
        owners.push(Owner::Identifier(i as u32));
    }
    Index { set: TermSet::new(terms), owners, languages }
});

/// A text's words and every word of every list found in it.
#[derive(Debug, Default)]
pub struct Words {
    pub tokens: Tokens,
    found: Vec<(Owner, Range<usize>)>,
}

impl Words {
    /// No words.
    pub const EMPTY: Words = Words { tokens: Tokens::EMPTY, found: Vec::new() };

    /// Tokenizes `text` and looks its words up in the merged index.
    pub fn read(text: &str) -> Words {
        let index = &*INDEX;
        let tokens = tokenize(text);
        let found = index.set.find(&tokens).into_iter().map(|m| (index.owners[m.term], m.range)).collect();
        Words { tokens, found }
    }

    /// Which of the index's languages reading in `languages` takes: those and `any`.
    pub(super) fn languages(languages: &[String]) -> Vec<bool> {
        INDEX.languages.iter().map(|l| l == "any" || languages.iter().any(|x| x == l)).collect()
    }

    /// `(signal, range)` of the shipped lexicon's words in the languages `wanted` (from
    /// [`Words::languages`]).
    pub(super) fn signals(&self, wanted: &[bool]) -> Vec<(usize, Range<usize>)> {
        self.found
            .iter()
            .filter_map(|(o, r)| match *o {
                Owner::Signal { signal, language } if wanted.get(usize::from(language)) == Some(&true) => {
                    Some((signal as usize, r.clone()))
                }
                _ => None,
            })
            .collect()
    }

    /// The language of each function word found.
    pub(super) fn function_words(&self) -> impl Iterator<Item = &'static str> + '_ {
        let index: &'static Index = &INDEX;
        self.found.iter().filter_map(move |(o, _)| match *o {
            Owner::Function { language } => Some(index.languages[usize::from(language)].as_str()),
            _ => None,
        })
    }

    /// `(i, range)` for word `i` of [`crate::policy::terms`].
    pub fn policy(&self) -> impl Iterator<Item = (usize, Range<usize>)> + '_ {
        self.found.iter().filter_map(|(o, r)| match *o {
            Owner::Policy(i) => Some((i as usize, r.clone())),
            _ => None,
        })
    }

    /// `(i, range)` for word `i` of the sensitive identifiers.
    pub fn identifiers(&self) -> impl Iterator<Item = (usize, Range<usize>)> + '_ {
        self.found.iter().filter_map(|(o, r)| match *o {
            Owner::Identifier(i) => Some((i as usize, r.clone())),
            _ => None,
        })
    }
}

/// The words of every text field of a template, read once for the classifier and the rules.
#[derive(Debug, Default)]
pub struct TextWords {
    /// Each field's address and its words, in the order of the template.
    list: Vec<(usize, Words)>,
    /// Where the last lookup ended: the classifier and the rules ask for the fields in the
    /// template's order, so that each lookup is a step or two.
    next: Cell<usize>,
}

impl TextWords {
    /// Reads every text field of `t`: header, body, footer and offer texts, button labels, URLs
    /// and phone numbers, carousel cards included.
    pub fn read(t: &Template) -> TextWords {
        fn walk(components: &[crate::template::Component], out: &mut TextWords) {
            for c in components {
                match &c.kind {
                    ComponentKind::Header(h) => out.add(h.text.as_ref()),
                    ComponentKind::Body(b) => out.add(b.text.as_ref()),
                    ComponentKind::Footer(f) => out.add(f.text.as_ref()),
                    ComponentKind::LimitedTimeOffer(o) => out.add(o.text.as_ref()),
                    ComponentKind::Buttons(buttons) => {
                        for b in buttons {
                            out.add(b.text.as_ref());
                            out.add(b.phone_number.as_ref());
                            out.add(b.url.as_ref());
                        }
                    }
                    ComponentKind::Carousel(cards) => cards.iter().for_each(|card| walk(&card.components, out)),
                    ComponentKind::CallPermissionRequest | ComponentKind::Unknown(_) => {}
                }
            }
        }
        let mut out = TextWords::default();
        walk(&t.components, &mut out);
        out
    }

    fn add(&mut self, text: Option<&Text>) {
        if let Some(text) = text {
            self.list.push((text as *const Text as usize, Words::read(&text.value)));
        }
    }

    /// The words of `text`, a field of the template read.
    pub fn get(&self, text: &Text) -> Option<&Words> {
        let address = text as *const Text as usize;
        let n = self.list.len();
        let start = self.next.get();
        (0..n).map(|k| (start + k) % n).find(|&i| self.list[i].0 == address).map(|i| {
            self.next.set(i + 1);
            &self.list[i].1
        })
    }
}
