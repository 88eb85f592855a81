//! Category classification: which category Meta will most likely give a template, from its
//! content only (never from the declared category), with the signals that fired.
//!
//! Meta's rules decide (M-CAT): a one-time code makes it AUTHENTICATION; any promotional or
//! persuasive content makes it MARKETING, even next to order details; content tied to the
//! user's order, account, booking or safety is UTILITY; content too vague to tie to a
//! transaction is MARKETING. A survey is utility only next to a specific transaction.
//! The signals and their words, per language, are data (`data/classify.json`).

use std::collections::BTreeMap;
use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

use crate::diagnostic::Span;
use crate::lexicon::{tokenize, TermSet};
use crate::rules::Category;
use crate::template::{ButtonKind, ComponentKind, Template};

/// The languages with word lists.
pub const LANGUAGES: &[&str] = &["en", "it", "pt", "es", "de", "fr"];

#[derive(Deserialize)]
struct SignalData {
    id: String,
    category: String,
    weight: u32,
    clause: String,
    legacy: Option<String>,
    terms: BTreeMap<String, Vec<String>>,
}

#[derive(Deserialize)]
struct LexiconData {
    signals: Vec<SignalData>,
}

/// A compiled signal.
pub struct Signal {
    pub id: String,
    pub category: Category,
    pub weight: u32,
    pub clause: String,
    pub legacy: Option<String>,
    /// The languages it has words for (`any` for all languages).
    pub languages: Vec<String>,
}

/// The compiled lexicon: one set of every signal's words in every language, so that a text is
/// scanned once whatever the number of signals and languages.
pub struct Lexicon {
    pub signals: Vec<Signal>,
    words: TermSet,
    /// Per word of `words`: its language (an index into `languages`) and its signal.
    word_of: Vec<(usize, usize)>,
    languages: Vec<String>,
}

impl Lexicon {
    /// Compiles a lexicon from JSON (the format of `data/classify.json`).
    pub fn from_json(text: &str) -> Result<Lexicon, String> {
        let data: LexiconData = serde_json::from_str(text).map_err(|e| format!("invalid lexicon: {e}"))?;
        let mut signals = Vec::new();
        let mut words: BTreeMap<String, Vec<(&str, usize)>> = BTreeMap::new();
        for (i, s) in data.signals.iter().enumerate() {
            let category = crate::rules::identity::parse_category(&s.category)
                .map(|(c, _)| c)
                .ok_or_else(|| format!("signal `{}`: unknown category `{}`", s.id, s.category))?;
            for (lang, terms) in &s.terms {
                words.entry(lang.clone()).or_default().extend(terms.iter().map(|t| (t.as_str(), i)));
            }
            signals.push(Signal {
                id: s.id.clone(),
                category,
                weight: s.weight,
                clause: s.clause.clone(),
                legacy: s.legacy.clone(),
                languages: s.terms.keys().cloned().collect(),
            });
        }
        let languages: Vec<String> = words.keys().cloned().collect();
        let list: Vec<(&str, usize, usize)> =
            words.values().enumerate().flat_map(|(l, list)| list.iter().map(move |&(t, s)| (t, l, s))).collect();
        Ok(Lexicon {
            signals,
            words: TermSet::new(list.iter().map(|&(t, _, _)| t)),
            word_of: list.iter().map(|&(_, l, s)| (l, s)).collect(),
            languages,
        })
    }
}

/// The lexicon shipped in `data/classify.json`.
pub static DEFAULT_LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    // The embedded file is parsed by a test; should it ever fail, classification degrades to
    // the structural signals and the "unclear content is marketing" rule.
    Lexicon::from_json(include_str!("../data/classify.json")).unwrap_or(Lexicon {
        signals: Vec::new(),
        words: TermSet::default(),
        word_of: Vec::new(),
        languages: Vec::new(),
    })
});

/// A signal that fired: what, where, and which guideline clause it stands for.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reason {
    pub signal: String,
    /// The category the signal points to.
    pub category: &'static str,
    /// The words that fired (or the component, for structural signals).
    pub text: String,
    pub path: String,
    pub span: Option<Span>,
    pub clause: String,
}

/// The classifier's answer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Classification {
    pub predicted: &'static str,
    pub confidence: f64,
    pub reasons: Vec<Reason>,
    /// The closest pre-2023 notification type, for utility content.
    #[serde(rename = "legacyType")]
    pub legacy_type: Option<String>,
    /// The word lists used: the template's language, or all of them.
    pub languages: Vec<String>,
}

/// At most this many reasons per signal are listed.
const MAX_REASONS_PER_SIGNAL: usize = 5;

/// The word lists to use for `language` (`pt_BR` → `pt`); all of them for other languages.
pub fn languages_for(language: Option<&str>) -> Vec<String> {
    let base = language.map(|l| l.split(['_', '-']).next().unwrap_or(l).to_ascii_lowercase());
    match base {
        Some(b) if LANGUAGES.contains(&b.as_str()) => vec![b],
        _ => LANGUAGES.iter().map(|l| l.to_string()).collect(),
    }
}

/// Finds the lexicon's signals in texts (each `(text, path)`).
pub fn find_signals<'a>(
    lexicon: &Lexicon,
    texts: impl IntoIterator<Item = (&'a str, &'a str)>,
    languages: &[String],
) -> Vec<Reason> {
    let mut reasons: Vec<Reason> = Vec::new();
    let mut per_signal = vec![0usize; lexicon.signals.len()];
    let wanted: Vec<bool> = lexicon.languages.iter().map(|l| l == "any" || languages.contains(l)).collect();
    for (text, path) in texts {
        let tokens = tokenize(text);
        // (signal, range) of every word found, in the text's languages and `any`.
        let mut found: Vec<(usize, std::ops::Range<usize>)> = lexicon
            .words
            .find(&tokens)
            .into_iter()
            .filter_map(|m| {
                let (language, signal) = lexicon.word_of[m.term];
                wanted[language].then_some((signal, m.range))
            })
            .collect();
        found.sort_by_key(|(s, r)| (*s, r.start, std::cmp::Reverse(r.end)));
        // Per signal, keep the longest of overlapping matches.
        let mut last: Option<(usize, usize)> = None;
        for (s, r) in found {
            if last.is_some_and(|(ls, end)| ls == s && r.start < end) {
                continue;
            }
            last = Some((s, r.end));
            if per_signal[s] >= MAX_REASONS_PER_SIGNAL {
                continue;
            }
            per_signal[s] += 1;
            let signal = &lexicon.signals[s];
            reasons.push(Reason {
                signal: signal.id.clone(),
                category: signal.category.name(),
                text: text[r.clone()].to_string(),
                path: path.to_string(),
                span: Some(Span::from_bytes(text, r)),
                clause: signal.clause.clone(),
            });
        }
    }
    reasons
}

/// Signals in the template's structure: an OTP button or Meta's authentication fields; offers,
/// catalogs, carousels and coupon buttons.
fn structural_signals(t: &Template) -> Vec<Reason> {
    let mut out = Vec::new();
    let reason = |signal: &str, category: Category, text: &str, path: &str, clause: &str| Reason {
        signal: signal.into(),
        category: category.name(),
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
                out.push(reason("otp-format", Category::Authentication, "add_security_recommendation", &c.path, AUTH))
            }
            ComponentKind::Footer(f) if f.code_expiration_minutes.is_some() => {
                out.push(reason("otp-format", Category::Authentication, "code_expiration_minutes", &c.path, AUTH))
            }
            ComponentKind::Buttons(buttons) => {
                for b in buttons {
                    if b.is_otp() {
                        out.push(reason("otp-format", Category::Authentication, "OTP button", &b.path, AUTH));
                    } else if matches!(
                        b.kind,
                        ButtonKind::Catalog | ButtonKind::Mpm | ButtonKind::Spm | ButtonKind::CopyCode
                    ) {
                        out.push(reason(
                            "offer-component",
                            Category::Marketing,
                            &b.type_name.to_ascii_uppercase(),
                            &b.path,
                            OFFER,
                        ));
                    }
                }
            }
            ComponentKind::LimitedTimeOffer(_) | ComponentKind::Carousel(_) => {
                out.push(reason("offer-component", Category::Marketing, c.type_name(), &c.path, OFFER))
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
    let languages = languages_for(t.language.as_ref().map(|l| l.value.as_str()));
    let fields = t.text_fields();
    let mut reasons = structural_signals(t);
    reasons.extend(find_signals(lexicon, fields.iter().map(|f| (f.value.as_str(), f.path.as_str())), &languages));
    decide(reasons, lexicon, languages)
}

/// Classifies free text as if it were a template body.
pub fn classify_text(text: &str, language: Option<&str>, lexicon: &Lexicon) -> Classification {
    let languages = languages_for(language);
    let reasons = find_signals(lexicon, [(text, "text")], &languages);
    decide(reasons, lexicon, languages)
}

fn decide(reasons: Vec<Reason>, lexicon: &Lexicon, languages: Vec<String>) -> Classification {
    let weight = |id: &str| lexicon.signals.iter().find(|s| s.id == id).map_or(3, |s| s.weight);
    // Each signal counts at most twice, so one repeated word does not outweigh the rest.
    let mut counts: BTreeMap<&str, (u32, &'static str)> = BTreeMap::new();
    for r in &reasons {
        let e = counts.entry(r.signal.as_str()).or_insert((0, r.category));
        e.0 = (e.0 + 1).min(2);
    }
    let score = |cat: Category, except: &[&str]| -> u32 {
        counts
            .iter()
            .filter(|(id, (_, c))| *c == cat.name() && !except.contains(id))
            .map(|(id, (n, _))| n * weight(id))
            .sum()
    };
    let auth = score(Category::Authentication, &[]);
    let utility = score(Category::Utility, &[]);
    let marketing_without_survey = score(Category::Marketing, &["survey"]);
    let survey = counts.contains_key("survey");
    let (predicted, confidence) = if auth > 0 {
        (Category::Authentication, if counts.contains_key("otp-format") { 0.97 } else { 0.9 })
    } else if marketing_without_survey > 0 {
        let m = marketing_without_survey as f64;
        (Category::Marketing, (0.6 + 0.05 * m).min(0.97))
    } else if survey && utility == 0 {
        (Category::Marketing, 0.7)
    } else if utility > 0 {
        (Category::Utility, (0.55 + 0.05 * utility as f64).min(0.95))
    } else {
        // Unclear content ("just {{1}}", "Congratulations!") is marketing.
        (Category::Marketing, 0.5)
    };
    let legacy_type = if predicted == Category::Utility {
        // The utility signal with the most evidence names the legacy type.
        let mut best: Option<(&str, u32)> = None;
        for s in lexicon.signals.iter().filter(|s| s.legacy.is_some()) {
            let n = counts.get(s.id.as_str()).map_or(0, |(n, _)| *n * s.weight);
            if n > 0 && best.is_none_or(|(_, b)| n > b) {
                best = Some((s.legacy.as_deref().unwrap_or_default(), n));
            }
        }
        best.map(|(l, _)| l.to_string())
    } else {
        None
    };
    Classification {
        predicted: predicted.name(),
        confidence: (confidence * 100.0).round() / 100.0,
        reasons,
        legacy_type,
        languages,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(t: &str, lang: &str) -> Classification {
        classify_text(t, Some(lang), &DEFAULT_LEXICON)
    }

    #[test]
    fn lexicon_loads_every_signal_in_every_language() {
        let lex = Lexicon::from_json(include_str!("../data/classify.json")).unwrap();
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
        assert_eq!(text("Il tuo codice di verifica è {{1}}.", "it").predicted, "AUTHENTICATION");
        assert_eq!(text("Take our survey about our new products.", "en").predicted, "MARKETING");
        assert_eq!(text("How was your delivery? Rate your order #88 in one tap.", "en").predicted, "UTILITY");
    }

    #[test]
    fn legacy_types_and_reasons_with_spans() {
        let c = text("🎉 Il tuo volo AZ123 è in ritardo: nuova partenza alle 18:40.", "it");
        assert_eq!(c.predicted, "UTILITY");
        assert_eq!(c.legacy_type.as_deref(), Some("TRANSPORTATION_UPDATE"));
        let r = c.reasons.iter().find(|r| r.signal == "transportation-update").unwrap();
        assert_eq!(r.text, "Il tuo volo");
        let span = r.span.unwrap();
        let utf16: Vec<u16> = "🎉 Il tuo volo AZ123 è in ritardo: nuova partenza alle 18:40.".encode_utf16().collect();
        assert_eq!(String::from_utf16(&utf16[span.start..span.end]).unwrap(), "Il tuo volo");
    }
}
