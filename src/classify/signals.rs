//! Finding the signals: the lexicon's words in a template's texts (longest phrase wins), the
//! count of content words, and the signals of the template's structure.

use std::ops::Range;

use super::words::Words;
use super::{Lexicon, Principle, Reason};
use crate::diagnostic::Span;
use crate::lexicon::{longest_per_key, Tokens};
use crate::template::{ButtonKind, ComponentKind, Template};

/// At most this many reasons per signal are listed.
const MAX_REASONS_PER_SIGNAL: usize = 5;

/// Fewer content words than this (outside parameters, greetings and thanks) is unclear content.
pub(super) const UNCLEAR_BELOW_WORDS: usize = 3;

/// The signals found in some texts, and how many words of content they hold.
pub struct Found {
    pub reasons: Vec<Reason>,
    /// Words outside `{{…}}` parameters and not part of an `unclear` term (greetings, thanks),
    /// counted up to `UNCLEAR_BELOW_WORDS`.
    pub content_words: usize,
}

/// The byte ranges of `{{…}}` parameters in `text`.
fn parameter_ranges(text: &str) -> Vec<Range<usize>> {
    let b = text.as_bytes();
    let find = |pair: u8, from: usize| (from..b.len().saturating_sub(1)).find(|&i| b[i] == pair && b[i + 1] == pair);
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(open) = find(b'{', from) {
        let Some(close) = find(b'}', open + 2) else { break };
        out.push(open..close + 2);
        from = close + 2;
    }
    out
}

/// The words of `text[range]` without WhatsApp markup, one space between them.
fn plain_words(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split(|c: char| c.is_whitespace() || matches!(c, '*' | '_' | '~' | '`')) {
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Drops the matches that lie inside a longer one, in one sweep (n log n: a text of 10 MB has
/// hundreds of thousands of matches). Matches of equal range are all kept.
pub(super) fn drop_covered(found: &mut Vec<(usize, Range<usize>)>) {
    crate::order::sort_by_key(found, |(_, r)| (r.start, std::cmp::Reverse(r.end)));
    // The furthest end of the matches before the current group of equal ranges: they all start
    // at or before it, so reaching its end means covering it.
    let mut reach = 0;
    let mut group_reach = 0;
    let mut group: Option<Range<usize>> = None;
    found.retain(|(_, r)| {
        if group.as_ref() != Some(r) {
            reach = reach.max(group_reach);
            group = Some(r.clone());
        }
        group_reach = group_reach.max(r.end);
        !(reach > 0 && reach >= r.end)
    });
}

/// Finds the lexicon's signals in texts (each `(text, path)`), in the word lists of
/// `languages` and `any`.
pub fn find_signals<'a>(
    lexicon: &Lexicon,
    texts: impl IntoIterator<Item = (&'a str, &'a str)>,
    languages: &[String],
) -> Found {
    let mut reading = Reading::new(lexicon);
    let wanted = lexicon.index.languages(languages);
    for (text, path) in texts {
        let words = Words::read_in(&lexicon.index, text);
        reading.add(text, path, &words.tokens, words.signals(&wanted));
    }
    reading.done()
}

/// Signals being gathered, text by text, from the words found in each (by the lexicon's own
/// index, `words.rs`).
pub(super) struct Reading<'l> {
    lexicon: &'l Lexicon,
    reasons: Vec<Reason>,
    content_words: usize,
    per_signal: Vec<usize>,
}

impl<'l> Reading<'l> {
    pub(super) fn new(lexicon: &'l Lexicon) -> Self {
        Reading { lexicon, reasons: Vec::new(), content_words: 0, per_signal: vec![0usize; lexicon.signals.len()] }
    }

    /// Adds one text: `found` holds `(signal, range)` of every word of the lexicon in it, in the
    /// languages read (overlapping, repeated and in any order).
    pub(super) fn add(&mut self, text: &str, path: &str, tokens: &Tokens, mut found: Vec<(usize, Range<usize>)>) {
        let lexicon = self.lexicon;
        // The longest phrase wins, whatever its signal: "check out our new …" is awareness, not
        // the hotel's "check out" inside it.
        drop_covered(&mut found);
        longest_per_key(&mut found);
        // Only whether there are fewer than UNCLEAR_BELOW_WORDS matters: stop counting there.
        if self.content_words < UNCLEAR_BELOW_WORDS {
            let parameters = parameter_ranges(text);
            let unclear_words: Vec<&Range<usize>> = found
                .iter()
                .filter(|(s, _)| lexicon.signals[*s].principle == Principle::Unclear)
                .map(|(_, r)| r)
                .collect();
            for k in 0..tokens.len() {
                if self.content_words >= UNCLEAR_BELOW_WORDS {
                    break;
                }
                let w = tokens.range(k);
                let inside = |r: &Range<usize>| r.start <= w.start && w.end <= r.end;
                if !parameters.iter().any(inside) && !unclear_words.iter().any(|u| inside(u)) {
                    self.content_words += 1;
                }
            }
        }
        for (s, r) in found {
            if self.per_signal[s] >= MAX_REASONS_PER_SIGNAL {
                continue;
            }
            self.per_signal[s] += 1;
            let signal = &lexicon.signals[s];
            self.reasons.push(Reason {
                signal: signal.id.clone(),
                principle: signal.principle,
                category: signal.principle.category(),
                text: plain_words(&text[r.clone()]),
                path: path.to_string(),
                span: Some(Span::from_bytes(text, r)),
                clause: signal.clause.clone(),
            });
        }
    }

    pub(super) fn done(self) -> Found {
        Found { reasons: self.reasons, content_words: self.content_words }
    }
}

/// Signals in the template's structure: an OTP button or Meta's authentication fields; offers,
/// catalogs, carousels and coupon buttons.
#[inline(never)] // its own function for V8's optimising tier: see `rules::run`
pub(super) fn structural_signals(t: &Template) -> Vec<Reason> {
    let mut out = Vec::new();
    let reason = |signal: &str, principle: Principle, text: &str, path: &str, clause: &str| Reason {
        signal: signal.into(),
        principle,
        category: principle.category(),
        text: text.into(),
        path: path.into(),
        span: None,
        clause: clause.into(),
    };
    const AUTH: &str = "Authentication: Meta's preset one-time-code format with an OTP button";
    const OFFER: &str = "Marketing: sales and offers (limited-time offers, catalogs, product carousels, coupon codes)";
    for c in &t.components {
        match &c.kind {
            ComponentKind::Body(b) if b.add_security_recommendation.is_some() => {
                out.push(reason("otp-format", Principle::Authentication, "add_security_recommendation", &c.path, AUTH))
            }
            ComponentKind::Footer(f) if f.code_expiration_minutes.is_some() => {
                out.push(reason("otp-format", Principle::Authentication, "code_expiration_minutes", &c.path, AUTH))
            }
            ComponentKind::Buttons(buttons) => {
                for b in buttons {
                    if b.is_otp() {
                        out.push(reason("otp-format", Principle::Authentication, "OTP button", &b.path, AUTH));
                    } else if matches!(
                        b.kind,
                        ButtonKind::Catalog | ButtonKind::Mpm | ButtonKind::Spm | ButtonKind::CopyCode
                    ) {
                        out.push(reason(
                            "offer-component",
                            Principle::Promotion,
                            &b.type_name.to_ascii_uppercase(),
                            &b.path,
                            OFFER,
                        ));
                    }
                }
            }
            ComponentKind::LimitedTimeOffer(_) | ComponentKind::Carousel(_) => {
                out.push(reason("offer-component", Principle::Promotion, c.type_name(), &c.path, OFFER))
            }
            _ => {}
        }
    }
    out
}
