//! WP30x: content Meta's review rejects regardless of category — link shorteners and requests
//! for sensitive identifiers. The word lists are data (`data/url-shorteners.json`,
//! `data/sensitive-identifiers.json`), embedded at build time.

use std::collections::HashSet;
use std::ops::Range;
use std::sync::LazyLock;

use super::{Context, Findings, Role};
use crate::diagnostic::Diagnostic;
use crate::lexicon::{longest_per_key, tokenize, TermSet, Tokens};
use crate::policy::IDENTIFIERS;

declare_rules! {
    URL_SHORTENER {
        code: "WP301",
        name: "url-shortener",
        stage: Content,
        severity: Error,
        summary: "A link through a URL shortener (bit.ly, tinyurl.com, goo.gl …) in a URL button or in the text.",
        why: "Meta's guidelines reject shortened links, which hide their destination; link domains should belong to the business (M-GUIDE-OLD, M-REV).",
        help: "link to the full address on your own domain",
        fires: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Your order has shipped today."}, {"type": "BUTTONS", "buttons": [{"type": "URL", "text": "Track", "url": "https://bit.ly/3xYz"}]}]}"#,
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Track your order at bit.ly/3xYz today."}]}"#,
        ],
        passes: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Your order has shipped today."}, {"type": "BUTTONS", "buttons": [{"type": "URL", "text": "Track", "url": "https://shop.example.com/track"}]}]}"#,
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Track your order at shop.example.com/bit.ly today."}]}"#,
        ],
    }

    SENSITIVE_IDENTIFIER_REQUEST {
        code: "WP302",
        name: "sensitive-identifier-request",
        stage: Content,
        severity: Warning,
        summary: "Text naming a full card number, card security code, bank account number or national identity number (in en, it, pt, es, de, fr), unless it speaks of the last digits only.",
        why: "Templates must never ask for full card numbers, bank account numbers or national IDs (M-REV; WhatsApp Business Messaging Policy). A warning because a word list cannot tell asking from mentioning.",
        help: "never ask for these in a message; link to a secure page, or refer to the last 4 digits only",
        fires: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Reply with your card number and CVV to confirm the order."}]}"#,
            r#"{"name": "order_update", "language": "it", "category": "UTILITY", "components": [{"type": "BODY", "text": "Per completare la registrazione inviaci il tuo codice fiscale."}]}"#,
            r#"{"name": "order_update", "language": "pt_BR", "category": "UTILITY", "components": [{"type": "BODY", "text": "Para confirmar, informe o número do cartão completo."}]}"#,
        ],
        passes: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Your card ending in 1234 was charged for this order."}]}"#,
            r#"{"name": "order_update", "language": "it", "category": "UTILITY", "components": [{"type": "BODY", "text": "Il pagamento con la carta che termina con 1234 è andato a buon fine."}]}"#,
        ],
    }
}

static SHORTENERS: LazyLock<HashSet<String>> = LazyLock::new(|| {
    // An unreadable file (see `embedded`) disables only this rule.
    let file: Option<serde_json::Value> = crate::embedded::load!("url-shorteners.json");
    file.as_ref().map_or_else(HashSet::new, |f| crate::embedded::strings(&f["domains"]).map(str::to_string).collect())
});

/// The identifier words of every language in one set (validation reads them in the shared word
/// index instead, `classify::words`).
static IDENTIFIER_WORDS: LazyLock<TermSet> =
    LazyLock::new(|| TermSet::new(IDENTIFIERS.terms.iter().map(String::as_str)));

/// Byte ranges of the words in `text` that name a sensitive identifier, in `languages`, unless
/// their sentence speaks of the last digits only (decided lazily: callers stop at their cap).
pub fn sensitive_identifiers<'a>(
    text: &'a str,
    tokens: &Tokens,
    languages: &[String],
) -> impl Iterator<Item = Range<usize>> + 'a {
    identifiers_found(text, IDENTIFIER_WORDS.find(tokens).into_iter().map(|m| (m.term, m.range)), languages)
}

/// [`sensitive_identifiers`] from the identifier words found in `text`: `(i, range)` for word
/// `i` of the identifier list, in any order.
pub fn identifiers_found<'a>(
    text: &'a str,
    found: impl IntoIterator<Item = (usize, Range<usize>)>,
    languages: &[String],
) -> impl Iterator<Item = Range<usize>> + 'a {
    let mut found: Vec<((), Range<usize>)> = found
        .into_iter()
        .filter(|(term, _)| IDENTIFIERS.language_of.get(*term).is_some_and(|l| languages.contains(l)))
        .map(|(_, range)| ((), range))
        .collect();
    // The longest of overlapping matches ("numero della carta" inside "numero della carta di credito").
    longest_per_key(&mut found);
    found.into_iter().map(|(_, r)| r).filter(move |r| !speaks_of_partial(text, r.clone()))
}

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

#[inline(never)] // one function per stage: see `rules::run`
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
        for r in identifiers_found(text, f.words.identifiers(), &cx.classification.languages) {
            if !found.wants(&SENSITIVE_IDENTIFIER_REQUEST, &f.text.path) {
                break;
            }
            found.push(
                Diagnostic::new(
                    &SENSITIVE_IDENTIFIER_REQUEST,
                    &f.text.path,
                    format!("text mentions `{}`, which templates must not ask for", &text[r.clone()]),
                )
                .at(text, r),
            );
        }
    }
    cx.absorb(found);
}

/// A sentence is read this far at most on each side of a match: the partial markers sit next
/// to what they qualify, and a text without full stops must not be read once per match.
const SENTENCE_REACH: usize = 200;

/// True when the sentence around `range` speaks of the last digits only.
fn speaks_of_partial(text: &str, range: Range<usize>) -> bool {
    let mut from = range.start.saturating_sub(SENTENCE_REACH);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let mut to = (range.end + SENTENCE_REACH).min(text.len());
    while !text.is_char_boundary(to) {
        to -= 1;
    }
    let start = text[from..range.start].rfind(['.', '!', '?', '\n']).map_or(from, |i| from + i + 1);
    let end = text[range.end..to].find(['.', '!', '?', '\n']).map_or(to, |i| range.end + i);
    !IDENTIFIERS.partial.find(&tokenize(&text[start..end])).is_empty()
}

// Tests only: the unwraps below are assertions on fixed inputs, compiled under cfg(test) and
// never into the library, so no user input reaches them.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicons_load() {
        assert!(SHORTENERS.contains("bit.ly"));
        assert!(!IDENTIFIER_WORDS.is_empty() && !IDENTIFIERS.partial.is_empty());
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

    fn identifiers<'a>(text: &'a str, language: &str) -> Vec<&'a str> {
        let languages = crate::classify::languages_for(Some(language));
        sensitive_identifiers(text, &tokenize(text), &languages).map(|r| &text[r]).collect()
    }

    #[test]
    fn identifier_words_in_every_language_with_inflections() {
        let cases = [
            ("en", "Reply with the long number on your card and the CVV.", vec!["long number on your card", "CVV"]),
            ("en", "Send us your credit card numbers.", vec!["credit card numbers"]),
            (
                "it",
                "Inviaci il numero completo della tua carta di credito.",
                vec!["numero completo della tua carta di credito"],
            ),
            ("it", "Scrivi i numeri delle carte e il codice fiscale", vec!["numeri delle carte", "codice fiscale"]),
            ("pt", "Informe o NÚMERO DO CARTÃO completo e o CPF", vec!["NÚMERO DO CARTÃO", "CPF"]),
            ("pt", "Envie os dados do seu cartão", vec!["dados do seu cartão"]),
            ("es", "Indícanos el número completo de tu tarjeta", vec!["número completo de tu tarjeta"]),
            (
                "de",
                "Bitte senden Sie Ihre Kreditkartennummer und die Nummer Ihres Personalausweises",
                vec!["Kreditkartennummer", "Nummer Ihres Personalausweises"],
            ),
            ("fr", "Envoyez le numéro complet de votre carte bancaire", vec!["numéro complet de votre carte bancaire"]),
        ];
        for (language, text, want) in cases {
            assert_eq!(identifiers(text, language), want, "{text}");
        }
    }

    #[test]
    fn identifier_words_respect_boundaries_partials_and_language() {
        assert!(identifiers("cvvx and prescription", "en").is_empty());
        assert!(identifiers("Your card number ending in 1234 was charged.", "en").is_empty());
        assert!(identifiers("La carta che termina con 1234: numero della carta verificato.", "it").is_empty());
        assert!(identifiers("Den Code nie teilen.", "de").is_empty());
        assert_eq!(identifiers("Envoyez votre RIB", "fr"), vec!["RIB"]);
        assert!(identifiers("Our ribs are back", "en").is_empty());
    }
}
