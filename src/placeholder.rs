//! Finding parameters in template text: `{{1}}`, `{{ 1 }}`, `{{first_name}}`, the malformed
//! forms Meta rejects, and the legacy single-brace `{1}` style some providers use.
//!
//! The scanner is a single left-to-right pass over the text (braces are ASCII, so it works on
//! bytes) and reports byte ranges; diagnostics convert them to UTF-16 spans.

use std::ops::Range;

use serde::Serialize;

use crate::diagnostic::Span;

/// What a well-formed placeholder refers to.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Key {
    /// `{{1}}`: an index into the ordered parameter list, starting at 1.
    Positional(u32),
    /// `{{first_name}}`: a name, lowercase letters, digits and underscores.
    Named(String),
}

impl Key {
    pub fn display(&self) -> String {
        match self {
            Key::Positional(n) => format!("{{{{{n}}}}}"),
            Key::Named(s) => format!("{{{{{s}}}}}"),
        }
    }
}

/// A well-formed placeholder and where it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placeholder {
    pub key: Key,
    /// Byte range of the whole placeholder, braces included.
    pub range: Range<usize>,
    /// True for `{{ 1 }}`: whitespace inside the braces.
    pub spaced: bool,
}

/// What is wrong with a brace sequence that looks like a placeholder but is not one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// `{{}}` or `{{ }}`.
    Empty,
    /// `{{#1}}`, `{{First Name}}`, `{{1a}}`: characters Meta does not accept inside the braces.
    InvalidName,
    /// `{{1}` or `{1}}`: the braces do not pair up.
    Unbalanced,
    /// `{{{1}}}`: more than two braces.
    ExtraBraces,
    /// `{{1` with no closing braces on the same line.
    Unclosed,
    /// `}}` with no opening braces.
    StrayClose,
    /// `{1}`: the single-brace style of some providers, which Meta shows as literal text.
    Legacy(u32),
}

/// A brace sequence with a [`Problem`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Malformed {
    pub problem: Problem,
    /// Byte range of the whole sequence.
    pub range: Range<usize>,
    /// The text between the braces, as written.
    pub inner: String,
}

/// Everything the scanner found in one text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scan {
    pub placeholders: Vec<Placeholder>,
    pub malformed: Vec<Malformed>,
}

impl Scan {
    pub fn has_positional(&self) -> bool {
        self.placeholders.iter().any(|p| matches!(p.key, Key::Positional(_)))
    }

    pub fn has_named(&self) -> bool {
        self.placeholders.iter().any(|p| matches!(p.key, Key::Named(_)))
    }

    /// Distinct keys in order of first appearance.
    pub fn distinct_keys(&self) -> Vec<&Key> {
        let mut seen = crate::lexicon::SmallSet::new();
        self.placeholders.iter().map(|p| &p.key).filter(|k| seen.insert(*k)).collect()
    }
}

/// Longest text between single braces still read as a legacy `{1}` placeholder.
const LEGACY_MAX_DIGITS: usize = 3;

/// Scans `text` for placeholders and malformed brace sequences.
pub fn scan(text: &str) -> Scan {
    let bytes = text.as_bytes();
    let mut out = Scan::default();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'{' => {
                let open = run(bytes, i, b'{');
                let inner_start = i + open;
                let mut k = inner_start;
                while k < bytes.len() && !matches!(bytes[k], b'{' | b'}' | b'\n') {
                    k += 1;
                }
                if k < bytes.len() && bytes[k] == b'}' {
                    let close = run(bytes, k, b'}');
                    let range = i..k + close;
                    classify(&mut out, text, open, close, range.clone(), inner_start..k);
                    i = range.end;
                } else {
                    if open >= 2 {
                        out.malformed.push(Malformed {
                            problem: Problem::Unclosed,
                            range: i..k,
                            inner: text[inner_start..k].to_string(),
                        });
                    }
                    i = k.max(i + open);
                }
            }
            b'}' => {
                let close = run(bytes, i, b'}');
                if close >= 2 {
                    out.malformed.push(Malformed {
                        problem: Problem::StrayClose,
                        range: i..i + close,
                        inner: String::new(),
                    });
                }
                i += close;
            }
            _ => {
                // Braces are ASCII: a byte search (no UTF-8 decoding) lands on a boundary.
                i += bytes[i..].iter().position(|&b| b == b'{' || b == b'}').unwrap_or(bytes.len() - i);
            }
        }
    }
    out
}

fn run(bytes: &[u8], from: usize, b: u8) -> usize {
    bytes[from..].iter().take_while(|&&x| x == b).count()
}

fn classify(out: &mut Scan, text: &str, open: usize, close: usize, range: Range<usize>, inner: Range<usize>) {
    let raw = &text[inner];
    let trimmed = raw.trim();
    let malformed = |problem| Malformed { problem, range: range.clone(), inner: raw.to_string() };
    match (open, close) {
        (2, 2) => {
            if trimmed.is_empty() {
                out.malformed.push(malformed(Problem::Empty));
            } else if let Some(key) = parse_key(trimmed) {
                out.placeholders.push(Placeholder { key, range, spaced: trimmed.len() != raw.len() });
            } else {
                out.malformed.push(malformed(Problem::InvalidName));
            }
        }
        (1, 1) => {
            if !trimmed.is_empty() && trimmed.len() <= LEGACY_MAX_DIGITS && trimmed.bytes().all(|b| b.is_ascii_digit())
            {
                let n = trimmed.parse().unwrap_or(0);
                out.malformed.push(malformed(Problem::Legacy(n)));
            }
        }
        (2, 1) | (1, 2) => out.malformed.push(malformed(Problem::Unbalanced)),
        _ => out.malformed.push(malformed(Problem::ExtraBraces)),
    }
}

fn parse_key(s: &str) -> Option<Key> {
    if s.bytes().all(|b| b.is_ascii_digit()) {
        return s.parse().ok().map(Key::Positional);
    }
    let first_ok = s.bytes().next().is_some_and(|b| b.is_ascii_lowercase() || b == b'_');
    if first_ok && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_') {
        Some(Key::Named(s.to_string()))
    } else {
        None
    }
}

/// The placeholders of one text as a front end needs them: each well-formed placeholder with
/// its key, kind and UTF-16 span, and the distinct keys in order of first appearance. Malformed
/// brace sequences are the template rules' findings (WP2xx), with their spans.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TextPlaceholders {
    pub placeholders: Vec<FoundPlaceholder>,
    /// Distinct keys as written inside the braces (`"1"`, `"first_name"`), first appearance first.
    pub keys: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FoundPlaceholder {
    pub key: String,
    /// `positional` or `named`.
    pub kind: &'static str,
    pub span: Span,
}

impl Key {
    /// The key as written inside the braces.
    pub fn name(&self) -> String {
        match self {
            Key::Positional(n) => n.to_string(),
            Key::Named(s) => s.clone(),
        }
    }
}

/// The distinct keys of the well-formed placeholders of `text`, in order of first appearance
/// (`["1", "2"]`, `["first_name"]`): the `placeholderKeys()` export, which the demo asks for
/// the values a text takes.
pub fn keys_of(text: &str) -> Vec<String> {
    scan(text).distinct_keys().into_iter().map(Key::name).collect()
}

/// Scans `text` and describes its placeholders with UTF-16 spans.
pub fn placeholders_of(text: &str) -> TextPlaceholders {
    let scan = scan(text);
    TextPlaceholders {
        keys: scan.distinct_keys().into_iter().map(Key::name).collect(),
        placeholders: scan
            .placeholders
            .iter()
            .map(|p| FoundPlaceholder {
                key: p.key.name(),
                kind: if matches!(p.key, Key::Positional(_)) { "positional" } else { "named" },
                span: Span::from_bytes(text, p.range.clone()),
            })
            .collect(),
    }
}

/// Says what is wrong with the inside of an invalid placeholder, for messages.
pub fn describe_invalid_name(inner: &str) -> &'static str {
    let t = inner.trim();
    if t.chars().any(char::is_whitespace) {
        "contains a space"
    } else if t.chars().any(|c| c.is_uppercase()) {
        "contains uppercase letters"
    } else if t.starts_with(|c: char| c.is_ascii_digit()) {
        "mixes digits and letters"
    } else if !t.is_ascii() {
        "contains non-ASCII characters"
    } else {
        "contains special characters"
    }
}

// Tests only: the unwraps below are assertions on fixed inputs, compiled under cfg(test) and
// never into the library, so no user input reaches them.
#[cfg(test)]
mod tests {
    use super::*;

    fn keys(s: &str) -> Vec<Key> {
        scan(s).placeholders.into_iter().map(|p| p.key).collect()
    }
    fn problems(s: &str) -> Vec<Problem> {
        scan(s).malformed.into_iter().map(|m| m.problem).collect()
    }

    #[test]
    fn positional_and_named() {
        assert_eq!(keys("Hi {{1}}, order {{2}}"), vec![Key::Positional(1), Key::Positional(2)]);
        assert_eq!(keys("Hi {{first_name}}"), vec![Key::Named("first_name".into())]);
        let s = scan("Hi {{ 1 }}!");
        assert_eq!(s.placeholders[0].key, Key::Positional(1));
        assert!(s.placeholders[0].spaced);
        assert_eq!(s.placeholders[0].range, 3..10);
    }

    #[test]
    fn malformed_forms() {
        assert_eq!(problems("a {{#1}} b"), vec![Problem::InvalidName]);
        assert_eq!(problems("a {{1} b"), vec![Problem::Unbalanced]);
        assert_eq!(problems("a {1}} b"), vec![Problem::Unbalanced]);
        assert_eq!(problems("a {{}} b"), vec![Problem::Empty]);
        assert_eq!(problems("a {{First Name}} b"), vec![Problem::InvalidName]);
        assert_eq!(problems("a {{{1}}} b"), vec![Problem::ExtraBraces]);
        assert_eq!(problems("a {{1 b"), vec![Problem::Unclosed]);
        assert_eq!(problems("a 1}} b"), vec![Problem::StrayClose]);
        assert_eq!(problems("Salve {1}, numero {2}"), vec![Problem::Legacy(1), Problem::Legacy(2)]);
    }

    #[test]
    fn literal_braces_are_not_placeholders() {
        assert_eq!(scan("use {curly} or {} or { 1234 }"), Scan::default());
        assert_eq!(keys("json {\"a\": 1}"), vec![]);
    }

    #[test]
    fn ranges_are_bytes_after_multibyte_text() {
        let s = scan("Olá {{1}}");
        assert_eq!(s.placeholders[0].range, 5..10);
    }

    #[test]
    fn placeholders_of_reports_keys_and_utf16_spans() {
        // "Olá 👋 " is 7 UTF-16 units (the emoji takes two), 10 bytes.
        let text = "Olá 👋 {{1}} e {{ 2 }}, {{1}} {{}}";
        let p = placeholders_of(text);
        assert_eq!(p.keys, vec!["1", "2"]);
        assert_eq!(p.placeholders.len(), 3);
        assert_eq!(p.placeholders[0].span, Span { start: 7, end: 12 });
        assert_eq!(p.placeholders[1].key, "2");
        let utf16: Vec<u16> = text.encode_utf16().collect();
        let s = p.placeholders[1].span;
        assert_eq!(String::from_utf16(&utf16[s.start..s.end]).unwrap(), "{{ 2 }}");
        let named = placeholders_of("{{first_name}} {{1}}");
        assert_eq!(named.keys, vec!["first_name", "1"]);
        assert_eq!((named.placeholders[0].kind, named.placeholders[1].kind), ("named", "positional"));
        // The legacy `{1}` and malformed forms are no placeholders (the rules report them).
        assert_eq!(placeholders_of("Salve {1}, {{First}}"), TextPlaceholders { placeholders: vec![], keys: vec![] });
    }

    #[test]
    fn newline_ends_an_open_placeholder() {
        assert_eq!(problems("{{1\n}}"), vec![Problem::Unclosed, Problem::StrayClose]);
    }
}
