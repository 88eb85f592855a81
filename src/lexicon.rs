//! Word lists matched against template text: folding (lowercase, accents removed), tokens with
//! their byte ranges in the original text, and terms of one or more tokens.
//!
//! Matching tokens instead of running Unicode-aware regexes keeps the scan linear and fast on
//! accented text, and gives each match its exact place in the original text.
//!
//! Term syntax: words separated by spaces (a space, hyphen or apostrophe in the text separates
//! words too: `don t`, `check in`); a word ending in `*` is a stem (`scont*` matches sconto,
//! sconti, scontato); `<num>` matches a number; `%`, `#`, `€`, `$` are words of their own.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;

/// FNV-1a: the words looked up are short and come from templates, not from an adversary who
/// could choose collisions to any effect beyond a slower lookup; SipHash cost a tenth of the scan.
#[derive(Default)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 { 0xcbf2_9ce4_8422_2325 } else { self.0 };
        for b in bytes {
            h = (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// A word of the text, folded, with its byte range in the original.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub folded: String,
    pub range: Range<usize>,
}

/// Appends `c` lowercased and without diacritics.
pub fn fold_char(c: char, out: &mut String) {
    if c.is_ascii() {
        // Most of any template's text: no table lookups.
        out.push(c.to_ascii_lowercase());
        return;
    }
    for l in c.to_lowercase() {
        let plain = match l {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
            'æ' => "ae",
            'ç' | 'ć' | 'č' => "c",
            'ď' | 'đ' => "d",
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => "e",
            'ğ' => "g",
            'ì' | 'í' | 'î' | 'ï' | 'ī' | 'ı' => "i",
            'ł' => "l",
            'ñ' | 'ń' | 'ň' => "n",
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => "o",
            'œ' => "oe",
            'ř' => "r",
            'ß' => "ss",
            'ś' | 'š' | 'ş' => "s",
            'ť' | 'ţ' => "t",
            'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => "u",
            'ý' | 'ÿ' => "y",
            'ź' | 'ż' | 'ž' => "z",
            other => {
                out.push(other);
                continue;
            }
        };
        out.push_str(plain);
    }
}

/// Folds a whole string (for terms and keys).
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        fold_char(c, &mut out);
    }
    out
}

fn is_symbol(c: char) -> bool {
    matches!(c, '%' | '#' | '€' | '$' | '£')
}

/// Splits `text` into words (runs of letters and digits) and symbol tokens.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut folded = String::new();
    for (i, c) in text.char_indices() {
        if c.is_ascii_alphanumeric() || (!c.is_ascii() && c.is_alphanumeric()) {
            if start.is_none() {
                start = Some(i);
            }
            fold_char(c, &mut folded);
            continue;
        }
        if let Some(s) = start.take() {
            out.push(Token { folded: std::mem::take(&mut folded), range: s..i });
        }
        if is_symbol(c) {
            out.push(Token { folded: c.to_string(), range: i..i + c.len_utf8() });
        }
    }
    if let Some(s) = start {
        out.push(Token { folded, range: s..text.len() });
    }
    out
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Pat {
    Exact(String),
    Prefix(String),
    Num,
}

impl Pat {
    fn matches(&self, t: &str) -> bool {
        match self {
            Pat::Exact(w) => t == w,
            Pat::Prefix(p) => t.starts_with(p.as_str()),
            Pat::Num => !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()),
        }
    }
}

/// A set of terms, indexed by their first word.
#[derive(Debug, Clone, Default)]
pub struct TermSet {
    terms: Vec<Vec<Pat>>,
    by_first: HashMap<String, Vec<usize>, BuildHasherDefault<Fnv>>,
    /// Terms whose first word is a stem or a number, by the first byte a matching token starts
    /// with (a number: each digit); an empty stem matches any token and is in every bucket.
    wild_first: Vec<Vec<usize>>,
}

/// A match: the term's index and the byte range it covers in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    pub term: usize,
    pub range: Range<usize>,
}

impl TermSet {
    pub fn new<'a>(terms: impl IntoIterator<Item = &'a str>) -> Self {
        let mut set = TermSet { wild_first: vec![Vec::new(); 256], ..TermSet::default() };
        for term in terms {
            let pats: Vec<Pat> = term
                .split(|c: char| c.is_whitespace() || c == '-' || c == '\'' || c == '’')
                .filter(|w| !w.is_empty())
                .map(|w| {
                    if w == "<num>" {
                        Pat::Num
                    } else if let Some(stem) = w.strip_suffix('*') {
                        Pat::Prefix(fold(stem))
                    } else {
                        Pat::Exact(fold(w))
                    }
                })
                .collect();
            let Some(first) = pats.first() else { continue };
            let idx = set.terms.len();
            match first {
                Pat::Exact(w) => set.by_first.entry(w.clone()).or_default().push(idx),
                Pat::Prefix(p) => match p.as_bytes().first() {
                    Some(&b) => set.wild_first[usize::from(b)].push(idx),
                    None => set.wild_first.iter_mut().for_each(|bucket| bucket.push(idx)),
                },
                Pat::Num => (b'0'..=b'9').for_each(|b| set.wild_first[usize::from(b)].push(idx)),
            }
            set.terms.push(pats);
        }
        set
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// Every occurrence of every term in `tokens` (terms may overlap).
    pub fn find(&self, tokens: &[Token]) -> Vec<Match> {
        let mut out = Vec::new();
        for (i, tok) in tokens.iter().enumerate() {
            let exact = self.by_first.get(&tok.folded).map(Vec::as_slice).unwrap_or_default();
            let wild = match tok.folded.as_bytes().first() {
                Some(&b) => self.wild_first.get(usize::from(b)).map(Vec::as_slice).unwrap_or_default(),
                None => &[],
            };
            for &t in exact.iter().chain(wild) {
                let pats = &self.terms[t];
                let end = i + pats.len();
                if end <= tokens.len() && pats.iter().zip(&tokens[i..end]).all(|(p, tok)| p.matches(&tok.folded)) {
                    out.push(Match { term: t, range: tok.range.start..tokens[end - 1].range.end });
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(terms: &[&str], text: &str) -> Vec<String> {
        let set = TermSet::new(terms.iter().copied());
        set.find(&tokenize(text)).into_iter().map(|m| text[m.range].to_string()).collect()
    }

    #[test]
    fn folds_case_accents_and_inflection() {
        assert_eq!(fold("PROMOÇÕES Über Straße"), "promocoes uber strasse");
        assert_eq!(found(&["promoc*"], "Aproveite as PROMOÇÕES!"), vec!["PROMOÇÕES"]);
        assert_eq!(found(&["scont*"], "Sconti e sconto; nessuno sconosciuto"), vec!["Sconti", "sconto"]);
        assert_eq!(found(&["codigo de verificacao"], "Seu código de verificação é 123"), vec!["código de verificação"]);
    }

    #[test]
    fn multi_word_terms_numbers_and_symbols() {
        assert_eq!(found(&["don t miss"], "Don’t miss it"), vec!["Don’t miss"]);
        assert_eq!(found(&["<num> %"], "Get 20 % or 30% off"), vec!["20 %", "30%"]);
        assert_eq!(found(&["check in"], "Online check-in is open"), vec!["check-in"]);
        assert_eq!(found(&["# <num>"], "Order #12345 shipped"), vec!["#12345"]);
        assert!(found(&["sale"], "wholesale salesman").is_empty());
    }

    #[test]
    fn spans_are_in_the_original_text() {
        let text = "🎉 Ação: DESCONTO";
        let m = &TermSet::new(["desconto"]).find(&tokenize(text))[0];
        assert_eq!(&text[m.range.clone()], "DESCONTO");
    }
}
