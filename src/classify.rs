//! Category classification: which category Meta will most likely give a template, from its
//! content only (never from the declared category), with the reasons, principle by principle.
//!
//! Meta's categorization guidelines (M-CAT) are a checklist, and so is the decision here:
//! 1. **authentication**: a one-time code in Meta's preset format makes it AUTHENTICATION;
//! 2. **promotion**: promotional or persuasive content (offers, calls to buy, awareness,
//!    retargeting, upsells, event invitations, apologies with credit, sales calls, app
//!    promotion, relationship building) makes it MARKETING, even next to an order update;
//!    weak promotional words (a lone "welcome") give way to clearer utility evidence;
//! 3. **specific**, 4. **requested**, 5. **essential**: non-promotional content that is about the
//!    user's own order, account, booking or interaction, that the user asked for, or that is
//!    essential to them (safety, outages, recalls, policy changes) is UTILITY;
//! 6. **unclear**: a bare greeting or a body of parameters only is MARKETING, and so is
//!    content with no evidence either way.
//!
//! Each way through the checklist (`basis`) has the confidence measured on real templates
//! (`MEASURED`, checked by `tests/category_real.rs`).
//!
//! A feedback request is utility only next to a specific interaction. The words of each
//! signal, per language, are data (`data/classify.json`); the order of the checklist is code.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::{Arc, LazyLock};

use serde::{Deserialize, Serialize};

use crate::category::{parse_category, Category};
use crate::diagnostic::Span;
use crate::lexicon::{longest_per_key, tokenize, TermSet};
use crate::template::{ButtonKind, ComponentKind, Template};

/// The languages with word lists.
pub const LANGUAGES: &[&str] = &["en", "it", "pt", "es", "de", "fr"];

/// A clause of Meta's categorization guidelines; each signal serves one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Principle {
    /// A one-time code: AUTHENTICATION.
    Authentication,
    /// Promotional or persuasive content: MARKETING.
    Promotion,
    /// About the user's own order, account, booking, subscription or interaction.
    Specific,
    /// Something the user asked for: a request, a sign-up, an opt-in or opt-out.
    Requested,
    /// Essential or critical to the user: safety, fraud, outages, recalls, policy changes.
    Essential,
    /// A survey or feedback request: utility only about a specific interaction.
    Feedback,
    /// Words that carry no content of their own (greetings, thanks): too little to judge.
    Unclear,
}

impl Principle {
    pub fn name(self) -> &'static str {
        match self {
            Principle::Authentication => "authentication",
            Principle::Promotion => "promotion",
            Principle::Specific => "specific",
            Principle::Requested => "requested",
            Principle::Essential => "essential",
            Principle::Feedback => "feedback",
            Principle::Unclear => "unclear",
        }
    }

    /// The category the principle points to on its own.
    pub fn category(self) -> Category {
        match self {
            Principle::Authentication => Category::Authentication,
            Principle::Promotion | Principle::Feedback | Principle::Unclear => Category::Marketing,
            Principle::Specific | Principle::Requested | Principle::Essential => Category::Utility,
        }
    }

    /// Evidence that the content is utility.
    fn is_utility(self) -> bool {
        matches!(self, Principle::Specific | Principle::Requested | Principle::Essential)
    }
}

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
    /// Per language: its name, its words, and each word's signal.
    sets: Vec<(String, TermSet, Vec<usize>)>,
    /// Every language's function words in one set, and each word's language.
    function_words: (TermSet, Vec<String>),
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
        // Each language's set holds the `any` words too, so that a text is scanned once per
        // language; `any` alone serves languages without words of their own.
        let any = words.remove("any").unwrap_or_default();
        let mut sets: Vec<(String, TermSet, Vec<usize>)> = words
            .into_iter()
            .map(|(lang, mut list)| {
                list.extend(any.iter().copied());
                let set = TermSet::new(list.iter().map(|&(t, _)| t));
                (lang, set, list.iter().map(|&(_, s)| s).collect())
            })
            .collect();
        sets.push(("any".into(), TermSet::new(any.iter().map(|&(t, _)| t)), any.iter().map(|&(_, s)| s).collect()));
        let (function_terms, function_languages): (Vec<&str>, Vec<String>) = data
            .function_words
            .iter()
            .flat_map(|(lang, ws)| ws.iter().map(move |w| (w.as_str(), lang.clone())))
            .unzip();
        Ok(Lexicon { signals, sets, function_words: (TermSet::new(function_terms), function_languages) })
    }

    fn empty() -> Lexicon {
        Lexicon { signals: Vec::new(), sets: Vec::new(), function_words: (TermSet::default(), Vec::new()) }
    }

    /// The languages to read `texts` in again when the words of `declared` found nothing: the
    /// one whose function words they hold most of, when it has more of them than `declared`
    /// has (ties keep the declared one, and so nothing); all of them for a lexicon without
    /// function words.
    fn languages_to_reread(&self, texts: &[(&str, &str)], declared: &str) -> Vec<String> {
        let (set, language_of_word) = &self.function_words;
        if set.is_empty() {
            return languages_for(None);
        }
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for (text, _) in texts {
            for m in set.find(&tokenize(text)) {
                *counts.entry(language_of_word[m.term].as_str()).or_default() += 1;
            }
        }
        let own = counts.get(declared).copied().unwrap_or(0);
        match counts.into_iter().max_by_key(|&(l, n)| (n, std::cmp::Reverse(l))) {
            Some((best, n)) if n > own && best != declared => vec![best.to_string()],
            _ => Vec::new(),
        }
    }
}

/// The lexicon shipped in `data/classify.json`.
pub static DEFAULT_LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    // The embedded file is parsed by a test; should it ever fail, classification degrades to
    // the structural signals and the "unclear content is marketing" rule.
    Lexicon::from_json(include_str!(concat!(env!("OUT_DIR"), "/data/classify.json")))
        .unwrap_or_else(|_| Lexicon::empty())
});

/// A signal that fired: what, where, and which guideline clause it stands for.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reason {
    /// Shared with the lexicon: a reason costs no copy of its signal's id and clause.
    pub signal: Arc<str>,
    /// The principle of Meta's checklist the signal is evidence for.
    pub principle: Principle,
    /// The category the signal points to.
    pub category: &'static str,
    /// The words that fired, without WhatsApp markup (or the component, for structural signals).
    pub text: String,
    pub path: String,
    pub span: Option<Span>,
    pub clause: Arc<str>,
}

/// One line of Meta's checklist: whether the principle holds for this content, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Check {
    pub principle: Principle,
    pub met: bool,
    /// What the author can read and act on.
    pub note: Cow<'static, str>,
}

/// How sure the prediction is: `high` at confidence ≥ 0.8, `uncertain` below 0.6.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Band {
    High,
    Medium,
    /// Meta may go either way.
    Uncertain,
}

/// The classifier's answer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Classification {
    pub predicted: &'static str,
    /// The share of templates with the same evidence that Meta gives `predicted` (measured on
    /// the real-template evaluation, README "Category prediction").
    pub confidence: f64,
    pub band: Band,
    /// Which way through the checklist decided: `otp-format`, `code-words`, `promotion`,
    /// `mixed-content`, `weak-promotion`, `utility-over-weak-promotion`, `generic-feedback`,
    /// `utility`, `utility-one-signal`, `unclear` or `no-evidence`.
    pub basis: &'static str,
    /// Meta's checklist, principle by principle, in the order Meta applies it.
    pub checklist: Vec<Check>,
    pub reasons: Vec<Reason>,
    /// The closest pre-2023 notification type, for utility content.
    pub legacy_type: Option<String>,
    /// The word lists used: the template's language, or all of them.
    pub languages: Vec<String>,
}

/// At most this many reasons per signal are listed.
const MAX_REASONS_PER_SIGNAL: usize = 5;

/// Fewer content words than this (outside parameters, greetings and thanks) is unclear content.
const UNCLEAR_BELOW_WORDS: usize = 3;

/// The word lists to use for `language` (`pt_BR` → `pt`); all of them for other languages.
pub fn languages_for(language: Option<&str>) -> Vec<String> {
    let base = language.map(|l| l.split(['_', '-']).next().unwrap_or(l).to_ascii_lowercase());
    match base {
        Some(b) if LANGUAGES.contains(&b.as_str()) => vec![b],
        _ => LANGUAGES.iter().map(|l| l.to_string()).collect(),
    }
}

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
fn drop_covered(found: &mut Vec<(usize, Range<usize>)>) {
    found.sort_by_key(|(_, r)| (r.start, std::cmp::Reverse(r.end)));
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

/// Finds the lexicon's signals in texts (each `(text, path)`).
pub fn find_signals<'a>(
    lexicon: &Lexicon,
    texts: impl IntoIterator<Item = (&'a str, &'a str)>,
    languages: &[String],
) -> Found {
    let mut reasons: Vec<Reason> = Vec::new();
    let mut content_words = 0;
    let mut per_signal = vec![0usize; lexicon.signals.len()];
    let mut sets: Vec<&(String, TermSet, Vec<usize>)> =
        lexicon.sets.iter().filter(|(l, _, _)| languages.contains(l)).collect();
    if sets.is_empty() {
        sets.extend(lexicon.sets.iter().filter(|(l, _, _)| l == "any"));
    }
    for (text, path) in texts {
        let tokens = tokenize(text);
        // (signal, range) of every word found, in the text's languages and `any`.
        let mut found: Vec<(usize, Range<usize>)> = Vec::new();
        for (_, set, signal_of) in &sets {
            found.extend(set.find(&tokens).into_iter().map(|m| (signal_of[m.term], m.range)));
        }
        // The longest phrase wins, whatever its signal: "check out our new …" is awareness, not
        // the hotel's "check out" inside it.
        drop_covered(&mut found);
        longest_per_key(&mut found);
        // Only whether there are fewer than UNCLEAR_BELOW_WORDS matters: stop counting there.
        if content_words < UNCLEAR_BELOW_WORDS {
            let parameters = parameter_ranges(text);
            let unclear_words: Vec<&Range<usize>> = found
                .iter()
                .filter(|(s, _)| lexicon.signals[*s].principle == Principle::Unclear)
                .map(|(_, r)| r)
                .collect();
            for k in 0..tokens.len() {
                if content_words >= UNCLEAR_BELOW_WORDS {
                    break;
                }
                let w = tokens.range(k);
                let inside = |r: &Range<usize>| r.start <= w.start && w.end <= r.end;
                if !parameters.iter().any(inside) && !unclear_words.iter().any(|u| inside(u)) {
                    content_words += 1;
                }
            }
        }
        for (s, r) in found {
            if per_signal[s] >= MAX_REASONS_PER_SIGNAL {
                continue;
            }
            per_signal[s] += 1;
            let signal = &lexicon.signals[s];
            reasons.push(Reason {
                signal: signal.id.clone(),
                principle: signal.principle,
                category: signal.principle.category().name(),
                text: plain_words(&text[r.clone()]),
                path: path.to_string(),
                span: Some(Span::from_bytes(text, r)),
                clause: signal.clause.clone(),
            });
        }
    }
    Found { reasons, content_words }
}

/// Signals in the template's structure: an OTP button or Meta's authentication fields; offers,
/// catalogs, carousels and coupon buttons.
fn structural_signals(t: &Template) -> Vec<Reason> {
    let mut out = Vec::new();
    let reason = |signal: &str, principle: Principle, text: &str, path: &str, clause: &str| Reason {
        signal: signal.into(),
        principle,
        category: principle.category().name(),
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

/// Classifies a template with the shipped lexicon.
pub fn classify(t: &Template) -> Classification {
    classify_with(t, &DEFAULT_LEXICON)
}

/// Classifies a template with `lexicon`.
pub fn classify_with(t: &Template, lexicon: &Lexicon) -> Classification {
    let fields = t.text_fields();
    let texts: Vec<(&str, &str)> = fields.iter().map(|f| (f.value.as_str(), f.path.as_str())).collect();
    let (mut found, languages) = find_in_language(lexicon, &texts, t.language.as_ref().map(|l| l.value.as_str()));
    let mut reasons = structural_signals(t);
    reasons.append(&mut found.reasons);
    decide(reasons, found.content_words, lexicon, languages)
}

/// Classifies free text as if it were a template body.
pub fn classify_text(text: &str, language: Option<&str>, lexicon: &Lexicon) -> Classification {
    let (found, languages) = find_in_language(lexicon, &[(text, "text")], language);
    decide(found.reasons, found.content_words, lexicon, languages)
}

/// Finds the signals in the word lists of the template's language; when those find nothing,
/// in the language the text's function words say it is in: a template's language code is
/// sometimes not the language of its text (Italian text listed as `en`), and Meta's review
/// reads the text. Reading it in every language instead lit a Portuguese "prática" with the
/// Italian "pratica" (a case file).
fn find_in_language(lexicon: &Lexicon, texts: &[(&str, &str)], language: Option<&str>) -> (Found, Vec<String>) {
    let languages = languages_for(language);
    let found = find_signals(lexicon, texts.iter().copied(), &languages);
    // Too few words to be anything but unclear, in any language: no second reading.
    let unclear = found.content_words < UNCLEAR_BELOW_WORDS;
    if unclear || languages.len() > 1 || found.reasons.iter().any(|r| r.principle != Principle::Unclear) {
        return (found, languages);
    }
    let other = lexicon.languages_to_reread(texts, &languages[0]);
    if other.is_empty() {
        return (found, languages);
    }
    let wider = find_signals(lexicon, texts.iter().copied(), &other);
    if wider.reasons.iter().any(|r| r.principle != Principle::Unclear) {
        (wider, other)
    } else {
        (found, languages)
    }
}

/// Promotion scoring at least this much is marketing whatever else the text says (Meta: mixed
/// content is marketing); below it, weak promotional words (a "new", a "welcome") give way to
/// clearer utility evidence.
const STRONG_PROMOTION: u32 = 4;

/// The evidence for each principle: a score (each signal's weight, at most twice per signal, so
/// that one repeated word does not outweigh the rest) and the words that fired.
#[derive(Default)]
struct Evidence<'a> {
    score: u32,
    words: Vec<&'a str>,
}

/// How the checklist came out; each outcome has its measured confidence (`confidence`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    /// Meta's OTP format (button, security recommendation, expiry).
    AuthFormat,
    /// Code words without the format.
    AuthWords,
    /// Strong promotion and no utility evidence.
    Promotion,
    /// Strong promotion beside utility evidence: mixed content.
    Mixed,
    /// Weak promotion and no more utility evidence than that.
    WeakPromotion,
    /// Weak promotional words outweighed by utility evidence.
    UtilityOverWeakPromotion,
    /// A survey or feedback request tied to nothing specific.
    GenericFeedback,
    /// Two or more utility principles or signals, no promotion.
    Utility,
    /// One utility signal, no promotion.
    UtilityThin,
    /// A bare greeting or a body of parameters.
    Unclear,
    /// Content with no evidence either way: by Meta's "unclear" rule, MARKETING (and so it
    /// was, on real templates, nineteen times in twenty).
    NoEvidence,
}

/// Each outcome's name in the output (`basis`), and how often Meta gave the outcome's category
/// on the real-template evaluation (both splits, `tests/category_real.rs`, which fails when
/// these go stale): right, predictions.
const MEASURED: [(Outcome, &str, u32, u32); 11] = [
    (Outcome::AuthFormat, "otp-format", 3, 3),
    (Outcome::AuthWords, "code-words", 0, 0),
    (Outcome::Promotion, "promotion", 33, 33),
    (Outcome::Mixed, "mixed-content", 23, 24),
    (Outcome::WeakPromotion, "weak-promotion", 2, 3),
    (Outcome::UtilityOverWeakPromotion, "utility-over-weak-promotion", 1, 1),
    (Outcome::GenericFeedback, "generic-feedback", 4, 5),
    (Outcome::Utility, "utility", 34, 41),
    (Outcome::UtilityThin, "utility-one-signal", 48, 72),
    (Outcome::Unclear, "unclear", 2, 2),
    (Outcome::NoEvidence, "no-evidence", 74, 90),
];

impl Outcome {
    fn entry(self) -> (&'static str, u32, u32) {
        MEASURED.iter().find(|m| m.0 == self).map_or(("", 0, 0), |m| (m.1, m.2, m.3))
    }

    /// The outcome's name in the output (`basis`).
    fn name(self) -> &'static str {
        self.entry().0
    }

    fn category(self) -> Category {
        match self {
            Outcome::AuthFormat | Outcome::AuthWords => Category::Authentication,
            Outcome::UtilityOverWeakPromotion | Outcome::Utility | Outcome::UtilityThin => Category::Utility,
            _ => Category::Marketing,
        }
    }

    /// The smoothed share of `MEASURED` ((k + 1) / (n + 2)), between 0.5 and 0.79 unless the
    /// outcome was right at least 95 % of the time on at least 10 templates: a confidence of 0.8
    /// or more means right at least 95 % of the time. Meta's OTP format is AUTHENTICATION by rule (an
    /// OTP button exists only there), whatever the count.
    fn confidence(self) -> f64 {
        if self == Outcome::AuthFormat {
            return 0.97;
        }
        let (_, k, n) = self.entry();
        let share = f64::from(k + 1) / f64::from(n + 2);
        let proven = n >= 10 && k * 100 >= 95 * n;
        // Below one half the other category would be the better guess: with so few templates
        // measured, say only that it is a toss-up.
        let c = if proven { share } else { share.clamp(0.5, 0.79) };
        (c * 100.0).floor() / 100.0
    }
}

/// Every outcome's name and measured (right, predictions), for the evaluation to check.
pub fn calibration() -> Vec<(&'static str, u32, u32)> {
    MEASURED.iter().map(|m| (m.1, m.2, m.3)).collect()
}

fn decide(reasons: Vec<Reason>, content_words: usize, lexicon: &Lexicon, languages: Vec<String>) -> Classification {
    let weight = |id: &str| lexicon.signals.iter().find(|s| &*s.id == id).map_or(4, |s| s.weight);
    let mut per_signal: BTreeMap<&str, u32> = BTreeMap::new();
    let mut evidence: BTreeMap<Principle, Evidence> = BTreeMap::new();
    for r in &reasons {
        let n = per_signal.entry(&*r.signal).or_insert(0);
        let e = evidence.entry(r.principle).or_default();
        if *n < 2 {
            *n += 1;
            e.score += weight(&r.signal);
        }
        if !e.words.contains(&r.text.as_str()) {
            e.words.push(&r.text);
        }
    }
    let score = |p: Principle| evidence.get(&p).map_or(0, |e| e.score);
    let promotion = score(Principle::Promotion);
    let utility_principles: Vec<Principle> = [Principle::Specific, Principle::Requested, Principle::Essential]
        .into_iter()
        .filter(|p| score(*p) > 0)
        .collect();
    let mut utility: u32 = utility_principles.iter().map(|p| score(*p)).sum();
    let utility_signals: std::collections::BTreeSet<&str> =
        reasons.iter().filter(|r| r.principle.is_utility()).map(|r| &*r.signal).collect();
    let feedback = score(Principle::Feedback) > 0;
    // Feedback about a specific purchase or interaction is utility evidence of its own.
    if feedback && utility > 0 {
        utility += score(Principle::Feedback);
    }
    let unclear = content_words < UNCLEAR_BELOW_WORDS && promotion == 0 && utility == 0;
    let outcome = if score(Principle::Authentication) > 0 {
        if per_signal.contains_key("otp-format") {
            Outcome::AuthFormat
        } else {
            Outcome::AuthWords
        }
    } else if promotion >= STRONG_PROMOTION {
        if utility == 0 {
            Outcome::Promotion
        } else {
            Outcome::Mixed
        }
    } else if promotion > 0 {
        if utility > promotion {
            Outcome::UtilityOverWeakPromotion
        } else {
            Outcome::WeakPromotion
        }
    } else if feedback && utility == 0 {
        Outcome::GenericFeedback
    } else if utility_principles.len() >= 2 || utility_signals.len() >= 2 {
        Outcome::Utility
    } else if utility > 0 {
        Outcome::UtilityThin
    } else if unclear {
        Outcome::Unclear
    } else {
        Outcome::NoEvidence
    };
    let predicted = outcome.category();
    let confidence = outcome.confidence();
    let band = if confidence >= 0.8 {
        Band::High
    } else if confidence >= 0.6 {
        Band::Medium
    } else {
        Band::Uncertain
    };
    let checklist = checklist(&evidence, outcome, content_words);
    let legacy_type = if predicted == Category::Utility {
        // The utility signal with the most evidence names the legacy type.
        let mut best: Option<(&str, u32)> = None;
        for s in lexicon.signals.iter().filter(|s| s.legacy.is_some()) {
            let n = per_signal.get(&*s.id).map_or(0, |n| *n * s.weight);
            if n > 0 && best.is_none_or(|(_, b)| n > b) {
                best = Some((s.legacy.as_deref().unwrap_or_default(), n));
            }
        }
        best.map(|(l, _)| l.to_string())
    } else {
        None
    };
    // Greetings and thanks are only a reason when they are all there is.
    let reasons = reasons.into_iter().filter(|r| r.principle != Principle::Unclear || unclear).collect();
    Classification {
        predicted: predicted.name(),
        confidence,
        band,
        basis: outcome.name(),
        checklist,
        reasons,
        legacy_type,
        languages,
    }
}

/// What Meta does with a template declared `declared` whose content reads as `predicted`
/// (M-CAT): since 2025-04-09 a UTILITY template it judges MARKETING is approved as MARKETING;
/// Meta never moves a template to UTILITY; MARKETING or UTILITY templates that deliver codes
/// are rejected (since 2024-10-01), as are AUTHENTICATION templates with other content.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MetaOutcome {
    /// `approved` (as declared), `approved_as_marketing` or `rejected`.
    pub action: &'static str,
    /// The category the template will have, and be billed at; none when rejected.
    pub category: Option<&'static str>,
    pub note: String,
}

pub fn meta_outcome(declared: Category, predicted: Category) -> MetaOutcome {
    use Category::*;
    let (action, category, note) = match (declared, predicted) {
        (Utility, Marketing) => (
            "approved_as_marketing",
            Some(Marketing),
            "Meta will approve it as MARKETING and bill it so (since 2025-04-09 a UTILITY template it judges MARKETING is re-categorised, not rejected)".to_string(),
        ),
        (Marketing | Utility, Authentication) => (
            "rejected",
            None,
            "Meta rejects MARKETING and UTILITY templates that deliver one-time codes (INCORRECT_CATEGORY, since 2024-10-01): use an AUTHENTICATION template".into(),
        ),
        (Authentication, Marketing | Utility) => (
            "rejected",
            None,
            "an AUTHENTICATION template holds only Meta's preset code text: this content will be rejected".into(),
        ),
        (Marketing, Utility) => (
            "approved",
            Some(Marketing),
            "stays MARKETING and is billed so: Meta never moves a template to UTILITY; declare UTILITY to be billed as utility".into(),
        ),
        (d, _) => ("approved", Some(d), format!("the content matches {}", d.name())),
    };
    MetaOutcome { action, category: category.map(Category::name), note }
}

/// `a`, `b` and `c` as English prose.
fn quoted(words: &[&str]) -> String {
    let q: Vec<String> = words.iter().take(3).map(|w| format!("\u{201c}{w}\u{201d}")).collect();
    match q.len() {
        0 => String::new(),
        1 => q[0].clone(),
        n => format!("{} and {}", q[..n - 1].join(", "), q[n - 1]),
    }
}

/// Meta's checklist with a note per principle that says what was found and what it means.
fn checklist(evidence: &BTreeMap<Principle, Evidence>, outcome: Outcome, content_words: usize) -> Vec<Check> {
    let words = |p: Principle| evidence.get(&p).map(|e| quoted(&e.words)).filter(|w| !w.is_empty());
    let mut out = Vec::new();
    let mut line = |principle: Principle, met: bool, note: Cow<'static, str>| out.push(Check { principle, met, note });
    let auth = words(Principle::Authentication);
    line(
        Principle::Authentication,
        auth.is_some(),
        match &auth {
            Some(w) => {
                format!("delivers a one-time code ({w}): only AUTHENTICATION templates may, in Meta's preset format")
                    .into()
            }
            None => "no one-time code".into(),
        },
    );
    let promotion = words(Principle::Promotion);
    line(
        Principle::Promotion,
        promotion.is_some(),
        match (&promotion, outcome) {
            (Some(w), Outcome::UtilityOverWeakPromotion) => format!(
                "mildly promotional words ({w}), outweighed by what ties the message to the user; remove them to be sure of UTILITY"
            ).into(),
            (Some(w), Outcome::Mixed) => format!(
                "promotes ({w}) beside a transactional update: mixed content is MARKETING; send the promotion separately"
            ).into(),
            (Some(w), _) => format!("promotes or persuades ({w}): that is MARKETING").into(),
            (None, _) => "nothing promotional or persuasive".into(),
        },
    );
    // The three ways to be utility: what was found, or what is missing.
    for (principle, found, missing) in [
        (
            Principle::Specific,
            "specific to the user's own order, account, booking or interaction",
            "nothing ties it to the user's own order, account, booking or interaction",
        ),
        (Principle::Requested, "answers something the user asked for or did", "does not say the user asked for it"),
        (
            Principle::Essential,
            "essential or critical information for the user",
            "no safety, security, outage, recall or policy information",
        ),
    ] {
        match words(principle) {
            Some(w) => line(principle, true, format!("{found} ({w})").into()),
            None => line(principle, false, missing.into()),
        }
    }
    if let Some(w) = words(Principle::Feedback) {
        line(
            Principle::Feedback,
            true,
            if outcome == Outcome::GenericFeedback {
                format!("asks for feedback ({w}) without naming the order or visit it is about: a generic survey is MARKETING").into()
            } else {
                format!("asks for feedback ({w})").into()
            },
        );
    }
    line(
        Principle::Unclear,
        outcome == Outcome::Unclear,
        match outcome {
            Outcome::Unclear => format!(
                "only {content_words} word(s) besides parameters and greetings: Meta treats content this unclear as MARKETING"
            ).into(),
            Outcome::NoEvidence => "nothing promotional, but nothing shows it is specific to the user, requested or essential either: Meta mostly treats such content as MARKETING; name the order, booking or request it is about to make it UTILITY".into(),
            _ => "clear enough to judge".into(),
        },
    );
    out
}

// Tests only: the unwraps below are assertions on fixed inputs, compiled under cfg(test) and
// never into the library, so no user input reaches them.
#[cfg(test)]
mod tests {
    use super::*;

    fn text(t: &str, lang: &str) -> Classification {
        classify_text(t, Some(lang), &DEFAULT_LEXICON)
    }

    #[test]
    fn lexicon_loads_every_signal_in_every_language() {
        let lex = Lexicon::from_json(include_str!(concat!(env!("OUT_DIR"), "/data/classify.json"))).unwrap();
        assert!(lex.signals.len() >= 15);
        for s in &lex.signals {
            for lang in LANGUAGES {
                assert!(s.languages.iter().any(|l| l == lang), "{} has no {lang} words", s.id);
            }
        }
    }

    #[test]
    fn meta_tie_rules() {
        assert_eq!(text("Your order #123 has shipped and arrives Monday.", "en").predicted, "UTILITY");
        assert_eq!(
            text("Your order #123 has shipped. Use code SAVE10 for 10% off your next order!", "en").predicted,
            "MARKETING"
        );
        assert_eq!(text("Congratulations!", "en").predicted, "MARKETING");
        assert_eq!(text("{{1}}", "en").predicted, "MARKETING");
        assert_eq!(text("Hi {{1}}!", "en").predicted, "MARKETING");
        assert_eq!(text("Il tuo codice di verifica è {{1}}.", "it").predicted, "AUTHENTICATION");
        assert_eq!(text("Take our survey about our new products.", "en").predicted, "MARKETING");
        assert_eq!(text("How was your delivery? Rate your order #88 in one tap.", "en").predicted, "UTILITY");
    }

    #[test]
    fn the_checklist_names_each_principle_once_in_meta_order() {
        let c = text("Your order #123 has shipped. Use code SAVE10 for 10% off your next order!", "en");
        let order: Vec<Principle> = c.checklist.iter().map(|l| l.principle).collect();
        assert_eq!(
            order,
            [
                Principle::Authentication,
                Principle::Promotion,
                Principle::Specific,
                Principle::Requested,
                Principle::Essential,
                Principle::Unclear
            ]
        );
        let promotion = &c.checklist[1];
        assert!(promotion.met && promotion.note.contains("mixed content is MARKETING"), "{}", promotion.note);
        assert!(c.checklist[2].met && !c.checklist[3].met);
    }

    #[test]
    fn a_text_is_read_again_only_in_the_language_its_function_words_show() {
        // Italian text listed as `en`: read with the Italian words.
        let c = text("Ciao, il tuo ordine è stato spedito e sarà consegnato domani", "en");
        assert_eq!(c.languages, ["it"]);
        assert_eq!(c.predicted, "UTILITY");
        // Portuguese whose Portuguese words find nothing stays Portuguese: the Italian
        // "pratica" (a case file) does not light up in "missão prática".
        let c = text("Olá, a semana da sua trilha é de aplicação: uma missão prática para você", "pt");
        assert_eq!(c.languages, ["pt"]);
        assert!(c.reasons.iter().all(|r| &*r.signal != "issue-resolution"), "{:?}", c.reasons);
    }

    #[test]
    fn the_longest_phrase_wins_across_signals() {
        let c = text("Check out our new arrivals in store this week.", "en");
        assert!(c.reasons.iter().all(|r| &*r.signal != "reservation-update"), "{:?}", c.reasons);
        assert_eq!(c.predicted, "MARKETING");
    }

    #[test]
    fn a_code_text_has_only_authentication_reasons() {
        // WP405 reports every other reason in an authentication template as extra content.
        for (t, lang) in [
            ("*{{1}}* is your verification code. For your security, do not share this code.", "en"),
            ("*{{1}}* è il tuo codice di verifica. Per la tua sicurezza, non condividerlo.", "it"),
            ("Seu código de verificação é *{{1}}*. Para sua segurança, não o compartilhe.", "pt"),
            ("Tu código de verificación es *{{1}}*. Por tu seguridad, no lo compartas.", "es"),
            ("Dein Bestätigungscode lautet *{{1}}*. Teile diesen Code aus Sicherheitsgründen nicht.", "de"),
            ("Votre code de vérification est *{{1}}*. Pour votre sécurité, ne le partagez pas.", "fr"),
        ] {
            let c = text(t, lang);
            assert_eq!(c.predicted, "AUTHENTICATION", "{t}");
            assert!(c.reasons.iter().all(|r| r.principle == Principle::Authentication), "{t}: {:?}", c.reasons);
        }
    }

    #[test]
    fn covered_matches_go_and_equal_ones_stay() {
        let mut found = vec![(0, 5..10), (1, 0..20), (2, 25..30), (3, 25..30), (4, 26..28), (5, 30..31)];
        drop_covered(&mut found);
        assert_eq!(found, vec![(1, 0..20), (2, 25..30), (3, 25..30), (5, 30..31)]);
        let mut found = vec![(0, 0..4), (1, 0..9)];
        drop_covered(&mut found);
        assert_eq!(found, vec![(1, 0..9)]);
    }

    #[test]
    fn reason_texts_carry_no_markup() {
        let c = text("Ciao, la *spedizione* del tuo ordine è partita.", "it");
        assert!(c.reasons.iter().all(|r| !r.text.contains(['*', '_', '~', '`'])), "{:?}", c.reasons);
    }

    #[test]
    fn legacy_types_and_reasons_with_spans() {
        let c = text("🎉 Il tuo volo AZ123 è in ritardo: nuova partenza alle 18:40.", "it");
        assert_eq!(c.predicted, "UTILITY");
        assert_eq!(c.legacy_type.as_deref(), Some("TRANSPORTATION_UPDATE"));
        let r = c.reasons.iter().find(|r| &*r.signal == "transportation-update").unwrap();
        assert_eq!(r.text, "Il tuo volo");
        let span = r.span.unwrap();
        let utf16: Vec<u16> = "🎉 Il tuo volo AZ123 è in ritardo: nuova partenza alle 18:40.".encode_utf16().collect();
        assert_eq!(String::from_utf16(&utf16[span.start..span.end]).unwrap(), "Il tuo volo");
    }
}
