//! WP30x: content Meta's review rejects regardless of category — link shorteners and requests
//! for sensitive identifiers. The word lists are data (`data/url-shorteners.json`,
//! `data/sensitive-identifiers.json`), embedded at build time.

use std::collections::{BTreeMap, HashSet};
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;
use serde::Deserialize;

use super::{Context, Findings, Role, Rule};
use crate::diagnostic::{Diagnostic, Severity};

pub static URL_SHORTENER: Rule = Rule {
    code: "WP301",
    name: "url-shortener",
    severity: Severity::Error,
    summary: "A link through a URL shortener (bit.ly, tinyurl.com, goo.gl …) in a URL button or in the text.",
    why: "Meta's guidelines reject shortened links, which hide their destination; link domains should belong to the business (M-GUIDE-OLD, M-REV).",
    help: "link to the full address on your own domain",
    fires: r#"`"url": "https://bit.ly/3xYz"` or `"Track it at bit.ly/3xYz"`"#,
    passes: r#"`"url": "https://shop.example.com/track"`"#,
    uncertain: false,
    meta_error: None,
};

pub static SENSITIVE_IDENTIFIER_REQUEST: Rule = Rule {
    code: "WP302",
    name: "sensitive-identifier-request",
    severity: Severity::Warning,
    summary: "Text naming a full card number, card security code, bank account number or national identity number (in en, it, pt, es, de, fr), unless it speaks of the last digits only.",
    why: "Templates must never ask for full card numbers, bank account numbers or national IDs (M-REV; WhatsApp Business Messaging Policy). A warning because a word list cannot tell asking from mentioning.",
    help: "never ask for these in a message; link to a secure page, or refer to the last 4 digits only",
    fires: r#"`"Reply with your card number and CVV to confirm."`"#,
    passes: r#"`"Your card ending in 1234 was charged."`"#,
    uncertain: false,
    meta_error: None,
};

#[derive(Deserialize)]
struct ShortenerList {
    domains: Vec<String>,
}

#[derive(Deserialize)]
struct IdentifierLexicon {
    terms: BTreeMap<String, Vec<String>>,
    partial_markers: Vec<String>,
}

static SHORTENERS: LazyLock<HashSet<String>> = LazyLock::new(|| {
    // Embedded file, parsed by a test: an unreadable list disables only this rule.
    serde_json::from_str::<ShortenerList>(include_str!("../../data/url-shorteners.json"))
        .map(|l| l.domains.into_iter().collect())
        .unwrap_or_default()
});

struct Identifiers {
    terms: Option<Regex>,
    partial: Option<Regex>,
}

/// One case-insensitive alternation of the phrases between explicit non-word boundaries (much
/// faster than Unicode `\b` on accented text); group 1 is the phrase.
fn phrase_regex(phrases: impl Iterator<Item = String>) -> Option<Regex> {
    let alternation: Vec<String> = phrases.map(|p| regex::escape(&p)).collect();
    if alternation.is_empty() {
        return None;
    }
    Regex::new(&format!(r"(?i)(?:^|\W)({})(?:$|\W)", alternation.join("|"))).ok()
}

static IDENTIFIERS: LazyLock<Identifiers> = LazyLock::new(|| {
    match serde_json::from_str::<IdentifierLexicon>(include_str!("../../data/sensitive-identifiers.json")) {
        Ok(lex) => Identifiers {
            terms: phrase_regex(lex.terms.into_values().flatten()),
            partial: phrase_regex(lex.partial_markers.into_iter()),
        },
        Err(_) => Identifiers { terms: None, partial: None },
    }
});

/// Byte ranges of shortened links in `text`: tokens whose host is a known shortener.
pub fn shortened_links(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut offset = 0;
    for token in text.split_inclusive(char::is_whitespace) {
        let start = offset;
        offset += token.len();
        let word = token.trim_end();
        let lead = word.len() - word.trim_start_matches(['(', '[', '<', '"', '\'']).len();
        let word = word[lead..].trim_end_matches(['.', ',', ';', ':', '!', '?', ')', ']', '>', '"', '\'']);
        // Every shortener's host has a dot; most words have none and cost nothing more.
        if !word.contains('.') {
            continue;
        }
        let rest = strip_prefix_ignore_case(word, "https://")
            .or_else(|| strip_prefix_ignore_case(word, "http://"))
            .unwrap_or(word);
        let rest = strip_prefix_ignore_case(rest, "www.").unwrap_or(rest);
        let host = rest.split(['/', '?', '#']).next().unwrap_or("");
        if host.contains('.') && SHORTENERS.contains(host.to_ascii_lowercase().as_str()) {
            out.push(start + lead..start + lead + word.len());
        }
    }
    out
}

fn strip_prefix_ignore_case<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix).then(|| &s[prefix.len()..])
}

pub fn check(cx: &mut Context) {
    let mut found = Findings::default();
    for f in &cx.fields {
        let text = &f.text.value;
        for r in shortened_links(text) {
            if !found.wants(&URL_SHORTENER, &f.text.path) {
                break;
            }
            found.push(
                Diagnostic::new(&URL_SHORTENER, &f.text.path, format!("`{}` is a shortened link", &text[r.clone()]))
                    .at(text, r),
            );
        }
        if f.role == Role::ButtonUrl {
            continue;
        }
        let Some(terms) = &IDENTIFIERS.terms else { continue };
        for cap in terms.captures_iter(text) {
            if !found.wants(&SENSITIVE_IDENTIFIER_REQUEST, &f.text.path) {
                break;
            }
            let Some(m) = cap.get(1) else { continue };
            if speaks_of_partial(text, m.range()) {
                continue;
            }
            found.push(
                Diagnostic::new(
                    &SENSITIVE_IDENTIFIER_REQUEST,
                    &f.text.path,
                    format!("text mentions `{}`, which templates must not ask for", m.as_str()),
                )
                .at(text, m.range()),
            );
        }
    }
    cx.absorb(found);
}

/// True when the sentence around `range` speaks of the last digits only.
fn speaks_of_partial(text: &str, range: Range<usize>) -> bool {
    let Some(partial) = &IDENTIFIERS.partial else { return false };
    let start = text[..range.start].rfind(['.', '!', '?', '\n']).map_or(0, |i| i + 1);
    let end = text[range.end..].find(['.', '!', '?', '\n']).map_or(text.len(), |i| range.end + i);
    partial.is_match(&text[start..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicons_load() {
        assert!(SHORTENERS.contains("bit.ly"));
        assert!(IDENTIFIERS.terms.is_some() && IDENTIFIERS.partial.is_some());
    }

    #[test]
    fn finds_shortened_links_with_and_without_scheme() {
        let t = "Vedi (https://bit.ly/abc), oppure tinyurl.com/x. Non shop.example.com/bit.ly";
        let found: Vec<&str> = shortened_links(t).into_iter().map(|r| &t[r]).collect();
        assert_eq!(found, vec!["https://bit.ly/abc", "tinyurl.com/x"]);
        let t = "HTTPS://WWW.Bit.Ly/x, Https://tinyurl.com or bit.ly, not bit or bit.lyx/y";
        let found: Vec<&str> = shortened_links(t).into_iter().map(|r| &t[r]).collect();
        assert_eq!(found, vec!["HTTPS://WWW.Bit.Ly/x", "Https://tinyurl.com", "bit.ly"]);
    }

    #[test]
    fn identifier_terms_respect_word_boundaries_and_accents() {
        let re = IDENTIFIERS.terms.as_ref().unwrap();
        assert!(re.is_match("Informe o NÚMERO DO CARTÃO completo"));
        assert!(re.is_match("Inserisci il codice fiscale."));
        assert!(!re.is_match("cvvx and prescription"));
        assert!(speaks_of_partial("Your card number ending in 1234 was charged.", 5..16));
    }
}
