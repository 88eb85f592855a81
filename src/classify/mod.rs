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
//!
//! Files: `lexicon.rs` compiles the word lists, `signals.rs` finds them (and the structural
//! signals) in a template's texts, `checklist.rs` walks Meta's checklist to a decision; this
//! file holds the result types, the entry points and what Meta does with a declared category.

mod checklist;
mod lexicon;
mod signals;
mod words;

use std::borrow::Cow;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::category::Category;
use crate::diagnostic::Span;
use crate::template::Template;

pub use checklist::calibration;
use checklist::decide;
pub use lexicon::{Lexicon, Signal, DEFAULT_LEXICON};
pub use signals::{find_signals, Found};
use signals::{structural_signals, Reading, UNCLEAR_BELOW_WORDS};
pub use words::{TextWords, Words};

/// The languages with word lists.
pub const LANGUAGES: &[&str] = &["en", "it", "pt", "es", "de", "fr"];

/// A clause of Meta's categorization guidelines; each signal serves one.
#[cfg_attr(test, derive(ts_rs::TS))]
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
    pub(crate) fn is_utility(self) -> bool {
        matches!(self, Principle::Specific | Principle::Requested | Principle::Essential)
    }
}

/// A signal that fired: what, where, and which guideline clause it stands for.
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "CategoryReason"))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reason {
    /// Shared with the lexicon: a reason costs no copy of its signal's id and clause.
    pub signal: Arc<str>,
    /// The principle of Meta's checklist the signal is evidence for.
    pub principle: Principle,
    /// The category the signal points to.
    pub category: Category,
    /// The words that fired, without WhatsApp markup (or the component, for structural signals).
    pub text: String,
    pub path: String,
    pub span: Option<Span>,
    pub clause: Arc<str>,
}

/// One line of Meta's checklist: whether the principle holds for this content, and why.
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "ChecklistLine"))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Check {
    pub principle: Principle,
    pub met: bool,
    /// What the author can read and act on.
    pub note: Cow<'static, str>,
}

/// How sure the prediction is: `high` at confidence ≥ 0.8, `uncertain` below 0.6.
#[cfg_attr(test, derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Band {
    High,
    Medium,
    /// Meta may go either way.
    Uncertain,
}

/// The classifier's answer.
#[cfg_attr(test, derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Classification {
    pub predicted: Category,
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

/// The word lists to use for `language` (`pt_BR` → `pt`); all of them for other languages.
pub fn languages_for(language: Option<&str>) -> Vec<String> {
    let base = language.map(|l| l.split(['_', '-']).next().unwrap_or(l).to_ascii_lowercase());
    match base {
        Some(b) if LANGUAGES.contains(&b.as_str()) => vec![b],
        _ => LANGUAGES.iter().map(|l| l.to_string()).collect(),
    }
}

/// Classifies a template with the shipped lexicon.
pub fn classify(t: &Template) -> Classification {
    classify_with(t, &DEFAULT_LEXICON)
}

/// Classifies a template with `lexicon`.
pub fn classify_with(t: &Template, lexicon: &Lexicon) -> Classification {
    if std::ptr::eq(lexicon, &*DEFAULT_LEXICON) {
        return classify_read(t, &TextWords::read(t));
    }
    classify_in(t, lexicon, &TextWords::read_in(&lexicon.index, t))
}

/// Classifies a template with the shipped lexicon, its text fields read once in the shared word
/// index (`words`, which validation also hands to the rules).
pub fn classify_read(t: &Template, words: &TextWords) -> Classification {
    classify_in(t, &DEFAULT_LEXICON, words)
}

/// Classifies a template with `lexicon`, its text fields read in the lexicon's index.
fn classify_in(t: &Template, lexicon: &Lexicon, words: &TextWords) -> Classification {
    let empty = Words::default();
    let texts: Vec<(&str, &str, &Words)> = t
        .text_fields()
        .into_iter()
        .map(|f| (f.value.as_str(), f.path.as_str(), words.get(f).unwrap_or(&empty)))
        .collect();
    let (mut found, languages) = find_in_language(lexicon, &texts, t.language.as_ref().map(|l| l.value.as_str()));
    let mut reasons = structural_signals(t);
    reasons.append(&mut found.reasons);
    decide(reasons, found.content_words, lexicon, languages)
}

/// Classifies free text as if it were a template body.
pub fn classify_text(text: &str, language: Option<&str>, lexicon: &Lexicon) -> Classification {
    let words = Words::read_in(&lexicon.index, text);
    let (found, languages) = find_in_language(lexicon, &[(text, "text", &words)], language);
    decide(found.reasons, found.content_words, lexicon, languages)
}

/// The signals of `lexicon` in texts (each `(text, path, its words)`), in the word lists of
/// `languages` and `any`.
fn signals_in(lexicon: &Lexicon, texts: &[(&str, &str, &Words)], languages: &[String]) -> Found {
    let mut reading = Reading::new(lexicon);
    let wanted = lexicon.index.languages(languages);
    for (text, path, w) in texts {
        reading.add(text, path, &w.tokens, w.signals(&wanted));
    }
    reading.done()
}

/// Finds the signals in the word lists of the template's language; when those find nothing,
/// in the language the text's function words say it is in: a template's language code is
/// sometimes not the language of its text (Italian text listed as `en`), and Meta's review
/// reads the text. Reading it in every language instead lit a Portuguese "prática" with the
/// Italian "pratica" (a case file).
fn find_in_language(lexicon: &Lexicon, texts: &[(&str, &str, &Words)], language: Option<&str>) -> (Found, Vec<String>) {
    let languages = languages_for(language);
    let found = signals_in(lexicon, texts, &languages);
    // Too few words to be anything but unclear, in any language: no second reading.
    let unclear = found.content_words < UNCLEAR_BELOW_WORDS;
    if unclear || languages.len() > 1 || found.reasons.iter().any(|r| r.principle != Principle::Unclear) {
        return (found, languages);
    }
    // The language whose function words the texts hold most of; every language for a lexicon
    // without function words.
    let other = if lexicon.index.has_function_words() {
        let mut counts: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
        for (_, _, w) in texts {
            for language in w.function_words(&lexicon.index) {
                *counts.entry(language).or_default() += 1;
            }
        }
        lexicon::reread_choice(counts, &languages[0])
    } else {
        languages_for(None)
    };
    if other.is_empty() {
        return (found, languages);
    }
    let wider = signals_in(lexicon, texts, &other);
    if wider.reasons.iter().any(|r| r.principle != Principle::Unclear) {
        (wider, other)
    } else {
        (found, languages)
    }
}

/// What Meta does with a template declared `declared` whose content reads as `predicted`
/// (M-CAT): since 2025-04-09 a UTILITY template it judges MARKETING is approved as MARKETING;
/// Meta never moves a template to UTILITY; MARKETING or UTILITY templates that deliver codes
/// are rejected (since 2024-10-01), as are AUTHENTICATION templates with other content.
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "CategoryOutcome"))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MetaOutcome {
    /// `approved` (as declared), `approved_as_marketing` or `rejected`.
    #[cfg_attr(test, ts(type = "\"approved\" | \"approved_as_marketing\" | \"rejected\""))]
    pub action: &'static str,
    /// The category the template will have, and be billed at; none when rejected.
    pub category: Option<Category>,
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
    MetaOutcome { action, category, note }
}

// Tests only: the unwraps below are assertions on fixed inputs, compiled under cfg(test) and
// never into the library, so no user input reaches them.
#[cfg(test)]
mod tests {
    use super::signals::drop_covered;
    use super::*;

    fn text(t: &str, lang: &str) -> Classification {
        classify_text(t, Some(lang), &DEFAULT_LEXICON)
    }

    #[test]
    fn lexicon_loads_every_signal_in_every_language() {
        let lex = Lexicon::from_json(crate::embedded::embedded!("classify.json")).unwrap();
        assert!(lex.signals.len() >= 15);
        for s in &lex.signals {
            for lang in LANGUAGES {
                assert!(s.languages.iter().any(|l| l == lang), "{} has no {lang} words", s.id);
            }
        }
    }

    #[test]
    fn a_lexicon_with_escaped_strings_reads_as_the_plain_one() {
        // The reader borrows the lexicon's strings and copies only escaped ones: both kinds
        // must give the same lexicon.
        let lexicon = |term: &str, lang: &str| {
            let json = format!(
                r#"{{"signals": [{{"id": "promo", "principle": "promotion", "weight": 3, "clause": "c",
                "terms": {{"{lang}": ["{term}"]}}}}], "function_words": {{"{lang}": ["il"]}}}}"#
            );
            Lexicon::from_json(&json).unwrap()
        };
        let (plain, escaped) = (lexicon("sconto", "it"), lexicon("sc\\u006fnto", "\\u0069t"));
        assert_eq!(escaped.signals[0].languages, vec!["it"]);
        let text = "Il grande sconto è qui";
        let (a, b) = (classify_text(text, Some("it"), &plain), classify_text(text, Some("it"), &escaped));
        assert!(a.reasons.iter().any(|r| r.principle == Principle::Promotion), "{:?}", a.reasons);
        assert_eq!(serde_json::to_value(&a).unwrap(), serde_json::to_value(&b).unwrap());
    }

    #[test]
    fn meta_tie_rules() {
        assert_eq!(text("Your order #123 has shipped and arrives Monday.", "en").predicted, Category::Utility);
        assert_eq!(
            text("Your order #123 has shipped. Use code SAVE10 for 10% off your next order!", "en").predicted,
            Category::Marketing
        );
        assert_eq!(text("Congratulations!", "en").predicted, Category::Marketing);
        assert_eq!(text("{{1}}", "en").predicted, Category::Marketing);
        assert_eq!(text("Hi {{1}}!", "en").predicted, Category::Marketing);
        assert_eq!(text("Il tuo codice di verifica è {{1}}.", "it").predicted, Category::Authentication);
        assert_eq!(text("Take our survey about our new products.", "en").predicted, Category::Marketing);
        assert_eq!(text("How was your delivery? Rate your order #88 in one tap.", "en").predicted, Category::Utility);
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
        assert_eq!(c.predicted, Category::Utility);
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
        assert_eq!(c.predicted, Category::Marketing);
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
            assert_eq!(c.predicted, Category::Authentication, "{t}");
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
        assert_eq!(c.predicted, Category::Utility);
        assert_eq!(c.legacy_type.as_deref(), Some("TRANSPORTATION_UPDATE"));
        let r = c.reasons.iter().find(|r| &*r.signal == "transportation-update").unwrap();
        assert_eq!(r.text, "Il tuo volo");
        let span = r.span.unwrap();
        let utf16: Vec<u16> = "🎉 Il tuo volo AZ123 è in ritardo: nuova partenza alle 18:40.".encode_utf16().collect();
        assert_eq!(String::from_utf16(&utf16[span.start..span.end]).unwrap(), "Il tuo volo");
    }
}
