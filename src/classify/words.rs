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

pub(super) struct Index {
    set: TermSet,
    owners: Vec<Owner>,
    /// The languages the classifier's words are in (`any` among them).
    languages: Vec<String>,
    has_function_words: bool,
}

impl Index {
    /// The index of a lexicon's words (`(language, term, signal)`) and function words (`(term,
    /// language)`), with the policy and sensitive-identifier words.
    pub(super) fn build(signal_words: &[(&str, &str, usize)], function_words: &[(&str, &str)]) -> Index {
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
        for &(lang, term, signal) in signal_words {
            terms.push(term);
            owners.push(Owner::Signal { signal: signal as u32, language: language_id(lang) });
        }
        for &(term, lang) in function_words {
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
        Index { set: TermSet::new(terms), owners, languages, has_function_words: !function_words.is_empty() }
    }

    /// Which of the index's languages reading in `languages` takes: those and `any`.
    pub(super) fn languages(&self, languages: &[String]) -> Vec<bool> {
        self.languages.iter().map(|l| l == "any" || languages.iter().any(|x| x == l)).collect()
    }

    pub(super) fn has_function_words(&self) -> bool {
        self.has_function_words
    }
}

/// A text's words and every word of every list found in it.
#[derive(Debug, Default)]
pub struct Words {
    pub tokens: Tokens,
    found: Vec<(Owner, Range<usize>)>,
}

impl Words {
    /// No words.
    pub const EMPTY: Words = Words { tokens: Tokens::EMPTY, found: Vec::new() };

    /// Tokenizes `text` and looks its words up in the shipped lexicon's index.
    pub fn read(text: &str) -> Words {
        Words::read_in(&DEFAULT_LEXICON.index, text)
    }

    /// Tokenizes `text` and looks its words up in `index`.
    pub(super) fn read_in(index: &Index, text: &str) -> Words {
        let tokens = tokenize(text);
        let found = index.set.find(&tokens).into_iter().map(|m| (index.owners[m.term], m.range)).collect();
        Words { tokens, found }
    }

    /// `(signal, range)` of the lexicon's words in the languages `wanted` (from
    /// [`Index::languages`]).
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

    /// The language of each function word found (`index`: the one the words were read in).
    pub(super) fn function_words<'a>(&'a self, index: &'a Index) -> impl Iterator<Item = &'a str> + 'a {
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
    /// Reads every text field of `t` in the shipped lexicon's index: header, body, footer and
    /// offer texts, button labels, URLs and phone numbers, carousel cards included.
    pub fn read(t: &Template) -> TextWords {
        TextWords::read_in(&DEFAULT_LEXICON.index, t)
    }

    /// [`TextWords::read`] in `index`.
    pub(super) fn read_in(index: &Index, t: &Template) -> TextWords {
        fn walk(index: &Index, components: &[crate::template::Component], out: &mut TextWords) {
            for c in components {
                match &c.kind {
                    ComponentKind::Header(h) => out.add(index, h.text.as_ref()),
                    ComponentKind::Body(b) => out.add(index, b.text.as_ref()),
                    ComponentKind::Footer(f) => out.add(index, f.text.as_ref()),
                    ComponentKind::LimitedTimeOffer(o) => out.add(index, o.text.as_ref()),
                    ComponentKind::Buttons(buttons) => {
                        for b in buttons {
                            out.add(index, b.text.as_ref());
                            out.add(index, b.phone_number.as_ref());
                            out.add(index, b.url.as_ref());
                        }
                    }
                    ComponentKind::Carousel(cards) => cards.iter().for_each(|card| walk(index, &card.components, out)),
                    ComponentKind::CallPermissionRequest | ComponentKind::Unknown(_) => {}
                }
            }
        }
        let mut out = TextWords::default();
        walk(index, &t.components, &mut out);
        out
    }

    fn add(&mut self, index: &Index, text: Option<&Text>) {
        if let Some(text) = text {
            self.list.push((text as *const Text as usize, Words::read_in(index, &text.value)));
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
