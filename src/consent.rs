//! Consent: opt-in and opt-out per recipient and category, from explicit `opt_in` / `opt_out`
//! events and from the user's own messages (STOP-style words in six languages, and quick-reply
//! payloads such as "Unsubscribe from Promos"). An opt-out wins at once; the words are data
//! (`data/consent.json`).

use std::collections::{BTreeSet, HashSet};
use std::sync::LazyLock;

use serde_json::Value;

use crate::lexicon::fold;
use crate::window::{Direction, Event};

struct Words {
    stop_all: HashSet<String>,
    stop_marketing: HashSet<String>,
    resume: HashSet<String>,
    us_pause_from: Option<i64>,
    nanp_not_us: HashSet<String>,
}

// Read from the file's JSON value rather than through serde derives (a deserializer per struct
// for a file read once). An unreadable file (see `embedded`), or a part of it, means no keyword
// of that part is recognised.
static WORDS: LazyLock<Words> = LazyLock::new(|| {
    let data: Option<Value> = crate::embedded::load!("consent.json");
    let data = data.unwrap_or(Value::Null);
    // Word lists by language: `{"en": ["stop", …], …}`.
    let words = |v: &Value| -> HashSet<String> {
        v.as_object().into_iter().flat_map(|m| m.values()).flat_map(crate::embedded::strings).map(normalize).collect()
    };
    Words {
        stop_all: words(&data["stop"]["all"]),
        stop_marketing: words(&data["stop"]["marketing"]),
        resume: words(&data["resume"]),
        us_pause_from: data["us_marketing_pause"]["from"]
            .as_str()
            .and_then(|from| crate::window::parse_time(from).ok()),
        nanp_not_us: crate::embedded::strings(&data["nanp_not_us"]["area_codes"]).map(str::to_string).collect(),
    }
});

/// Lowercase, no accents, punctuation as spaces, spaces collapsed.
fn normalize(s: &str) -> String {
    let folded = fold(s);
    let spaced: String = folded.chars().map(|c| if c.is_alphanumeric() { c } else { ' ' }).collect();
    spaced.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What a user's message says about consent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keyword {
    /// Stop everything.
    StopAll,
    /// Stop marketing messages.
    StopMarketing,
    /// Opt back in.
    Resume,
}

/// The consent keyword a message consists of, if any. Only a whole message counts, so that
/// "don't stop the updates" is not an opt-out.
pub fn keyword(text: &str) -> Option<Keyword> {
    let n = normalize(text);
    if WORDS.stop_marketing.contains(&n) {
        Some(Keyword::StopMarketing)
    } else if WORDS.stop_all.contains(&n) {
        Some(Keyword::StopAll)
    } else if WORDS.resume.contains(&n) {
        Some(Keyword::Resume)
    } else {
        None
    }
}

/// Why a send is not allowed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The user opted out of this category (or of everything).
    OptedOut(String),
    /// The user stopped marketing messages in WhatsApp (131050).
    MarketingStopped,
    /// Marketing templates to US numbers are paused (131049).
    UsMarketingPaused,
}

/// One recipient's consent.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Consent {
    /// Opted-out scopes: `all` or a category.
    pub opted_out: BTreeSet<String>,
    pub opted_in: BTreeSet<String>,
    /// The user turned off marketing messages from this business in WhatsApp.
    pub marketing_stopped: bool,
}

impl Consent {
    /// Records an event of this user's timeline.
    pub fn record(&mut self, e: &Event) {
        let scopes = || -> Vec<String> {
            match &e.categories {
                Some(c) if !c.is_empty() => c.iter().map(|s| s.to_ascii_lowercase()).collect(),
                _ => vec!["all".to_string()],
            }
        };
        match (e.direction, e.kind()) {
            (_, "opt_out") => {
                for s in scopes() {
                    self.opted_in.remove(&s);
                    self.opted_out.insert(s);
                }
            }
            (_, "opt_in") => {
                for s in scopes() {
                    self.opted_out.remove(&s);
                    if s == "all" {
                        self.opted_out.clear();
                    }
                    self.opted_in.insert(s);
                }
            }
            (Direction::Inbound, _) => match e.text.as_deref().and_then(keyword) {
                Some(Keyword::StopAll) => {
                    self.opted_out.insert("all".into());
                }
                Some(Keyword::StopMarketing) => {
                    self.opted_out.insert("marketing".into());
                }
                Some(Keyword::Resume) => self.opted_out.clear(),
                None => {}
            },
            _ => {}
        }
    }

    /// Whether a template of `category` may be sent to `number` at `at`.
    pub fn allows(&self, category: &str, number: &str, at: i64) -> Result<(), Refusal> {
        let category = category.to_ascii_lowercase();
        if self.opted_out.contains("all") {
            return Err(Refusal::OptedOut("all".into()));
        }
        if self.opted_out.contains(&category) {
            return Err(Refusal::OptedOut(category));
        }
        if category == "marketing" {
            if self.marketing_stopped {
                return Err(Refusal::MarketingStopped);
            }
            if is_us_number(number) && WORDS.us_pause_from.is_some_and(|from| at >= from) {
                return Err(Refusal::UsMarketingPaused);
            }
        }
        Ok(())
    }
}

/// A +1 number whose area code is not Canadian or Caribbean.
pub fn is_us_number(number: &str) -> bool {
    let digits: String = number.chars().filter(char::is_ascii_digit).collect();
    digits.len() == 11 && digits.starts_with('1') && !WORDS.nanp_not_us.contains(&digits[1..4])
}

// Tests only: the unwraps below are assertions on fixed inputs, compiled under cfg(test) and
// never into the library, so no user input reaches them.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_in_six_languages_as_whole_messages() {
        for stop in ["STOP", "Stop.", "basta!", "Não quero mais", "darme de baja", "Abmelden", "Arrêt"] {
            assert_eq!(keyword(stop), Some(Keyword::StopAll), "{stop}");
        }
        assert_eq!(keyword("Unsubscribe from Promos"), Some(Keyword::StopMarketing));
        assert_eq!(keyword("Parar promoções"), Some(Keyword::StopMarketing));
        assert_eq!(keyword("start"), Some(Keyword::Resume));
        assert_eq!(keyword("please don't stop the updates"), None);
    }

    #[test]
    fn opt_out_wins_and_us_marketing_is_paused() {
        let mut c = Consent::default();
        let at = crate::window::parse_time("2025-05-01T00:00:00Z").unwrap();
        assert!(c.allows("marketing", "393331234567", at).is_ok());
        c.opted_out.insert("marketing".into());
        assert_eq!(c.allows("marketing", "393331234567", at), Err(Refusal::OptedOut("marketing".into())));
        assert!(c.allows("utility", "393331234567", at).is_ok());
        let fresh = Consent::default();
        assert_eq!(fresh.allows("marketing", "+1 212 555 0100", at), Err(Refusal::UsMarketingPaused));
        assert!(fresh.allows("marketing", "+1 416 555 0100", at).is_ok()); // Toronto
        let before = crate::window::parse_time("2025-03-31T00:00:00Z").unwrap();
        assert!(fresh.allows("marketing", "+1 212 555 0100", before).is_ok());
    }
}
