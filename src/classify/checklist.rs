//! Meta's checklist walked to a decision: the evidence per principle, the outcome (`basis`)
//! with its measured confidence, and the checklist notes an author reads.

use std::borrow::Cow;
use std::collections::BTreeMap;

use super::{Band, Check, Classification, Lexicon, Principle, Reason, UNCLEAR_BELOW_WORDS};
use crate::category::Category;

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

#[inline(never)] // its own function for V8's optimising tier: see `rules::run`
pub(super) fn decide(
    reasons: Vec<Reason>,
    content_words: usize,
    lexicon: &Lexicon,
    languages: Vec<String>,
) -> Classification {
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
    // Inserted one by one: collecting into a BTreeSet would compile one more sort.
    let mut utility_signals = std::collections::BTreeSet::new();
    utility_signals.extend(reasons.iter().filter(|r| r.principle.is_utility()).map(|r| &*r.signal));
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
    Classification { predicted, confidence, band, basis: outcome.name(), checklist, reasons, legacy_type, languages }
}

/// `a`, `b` and `c` as English prose, each in curly quotes (written without `format!`: every
/// report has a checklist).
fn quoted(words: &[&str]) -> String {
    let words = &words[..words.len().min(3)];
    let mut out = String::with_capacity(words.iter().map(|w| w.len() + 8).sum());
    for (i, w) in words.iter().enumerate() {
        if i > 0 {
            out.push_str(if i + 1 == words.len() { " and " } else { ", " });
        }
        out.push('\u{201c}');
        out.push_str(w);
        out.push('\u{201d}');
    }
    out
}

/// `before`, then `words`, then `after`: a checklist note.
fn note(before: &str, words: &str, after: &str) -> Cow<'static, str> {
    let mut out = String::with_capacity(before.len() + words.len() + after.len());
    out.push_str(before);
    out.push_str(words);
    out.push_str(after);
    out.into()
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
                note("delivers a one-time code (", w, "): only AUTHENTICATION templates may, in Meta's preset format")
            }
            None => "no one-time code".into(),
        },
    );
    let promotion = words(Principle::Promotion);
    line(
        Principle::Promotion,
        promotion.is_some(),
        match (&promotion, outcome) {
            (Some(w), Outcome::UtilityOverWeakPromotion) => note(
                "mildly promotional words (",
                w,
                "), outweighed by what ties the message to the user; remove them to be sure of UTILITY",
            ),
            (Some(w), Outcome::Mixed) => note(
                "promotes (",
                w,
                ") beside a transactional update: mixed content is MARKETING; send the promotion separately",
            ),
            (Some(w), _) => note("promotes or persuades (", w, "): that is MARKETING"),
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
            Some(w) => line(principle, true, note(&[found, " ("].concat(), &w, ")")),
            None => line(principle, false, missing.into()),
        }
    }
    if let Some(w) = words(Principle::Feedback) {
        line(
            Principle::Feedback,
            true,
            if outcome == Outcome::GenericFeedback {
                note(
                    "asks for feedback (",
                    &w,
                    ") without naming the order or visit it is about: a generic survey is MARKETING",
                )
            } else {
                note("asks for feedback (", &w, ")")
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
