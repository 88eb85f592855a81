//! Measuring user text: UTF-16 offsets for JavaScript, lengths in a stated unit, emoji.
//!
//! Byte offsets (what Rust and the lexicon report) are converted to UTF-16 code units in this one
//! place, so that spans can be used with JavaScript's `String.prototype.slice`.

use std::ops::Range;

use serde::{Deserialize, Serialize};

/// Converts a byte range of `text` to a range of UTF-16 code units.
///
/// Offsets that are not on a character boundary are moved back to the previous boundary, so a
/// bad range can never panic.
pub fn utf16_range(text: &str, bytes: Range<usize>) -> Range<usize> {
    let start = utf16_offset(text, bytes.start);
    let end =
        start + utf16_len(&text[floor_boundary(text, bytes.start)..floor_boundary(text, bytes.end.max(bytes.start))]);
    start..end
}

/// The UTF-16 offset of byte offset `byte` in `text`.
pub fn utf16_offset(text: &str, byte: usize) -> usize {
    utf16_len(&text[..floor_boundary(text, byte)])
}

/// The JSON path `prefix.key` (`key` when `prefix` is empty). Paths are built on every read and
/// for every finding, so without `format!`.
pub fn path_key(prefix: &str, key: &str) -> String {
    if prefix.is_empty() {
        return key.to_string();
    }
    let mut out = String::with_capacity(prefix.len() + 1 + key.len());
    out.push_str(prefix);
    out.push('.');
    out.push_str(key);
    out
}

/// The JSON path `path[i]`.
pub fn path_index(path: &str, i: usize) -> String {
    let mut out = String::with_capacity(path.len() + 5);
    out.push_str(path);
    out.push('[');
    push_decimal(&mut out, i);
    out.push(']');
    out
}

/// Appends `n` in decimal (paths such as `components[3]` are built without `format!`).
pub fn push_decimal(out: &mut String, mut n: usize) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend(digits[at..].iter().map(|&d| char::from(d)));
}

fn utf16_len(s: &str) -> usize {
    // Every character but a continuation byte starts a unit; a 4-byte character takes two.
    // Counting bytes is several times faster than decoding characters, and vectorises.
    s.bytes().map(|b| usize::from(b & 0xC0 != 0x80) + usize::from(b >= 0xF0)).sum()
}

fn floor_boundary(text: &str, byte: usize) -> usize {
    let mut b = byte.min(text.len());
    while !text.is_char_boundary(b) {
        b -= 1;
    }
    b
}

/// The unit in which Meta's "characters" limits are counted.
///
/// Meta's pages say "characters" without defining them. The default counts Unicode code points
/// (an emoji such as 👍 is one, a flag such as 🇮🇹 is two, 👨‍👩‍👧 is five). `Utf16` counts
/// like JavaScript's `String.length` (👍 is two) and is the stricter choice.
#[cfg_attr(test, derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LengthUnit {
    #[default]
    #[serde(alias = "codepoints", alias = "chars")]
    Characters,
    Utf16,
}

impl LengthUnit {
    pub fn len(self, s: &str) -> usize {
        match self {
            LengthUnit::Characters => {
                if s.is_ascii() {
                    s.len()
                } else {
                    s.chars().count()
                }
            }
            LengthUnit::Utf16 => utf16_len(s),
        }
    }

    /// Byte offset at which `s` first exceeds `limit` units, if it does.
    pub fn overflow_at(self, s: &str, limit: usize) -> Option<usize> {
        let mut used = 0;
        for (i, c) in s.char_indices() {
            used += match self {
                LengthUnit::Characters => 1,
                LengthUnit::Utf16 => c.len_utf16(),
            };
            if used > limit {
                return Some(i);
            }
        }
        None
    }

    pub fn name(self) -> &'static str {
        match self {
            LengthUnit::Characters => "characters",
            LengthUnit::Utf16 => "UTF-16 code units",
        }
    }
}

/// True for characters that render as emoji (pictographs, dingbats, flags, keycaps, modifiers).
///
/// A range test rather than Unicode's full `Extended_Pictographic` table, which would cost WASM
/// size; it covers the blocks emoji are drawn from.
pub fn is_emoji(c: char) -> bool {
    matches!(c as u32,
        0x1F000..=0x1FAFF   // mahjong .. symbols and pictographs extended-A, flags, emoticons
        | 0x2600..=0x27BF   // miscellaneous symbols, dingbats
        | 0x2B05..=0x2B07 | 0x2B1B | 0x2B1C | 0x2B50 | 0x2B55 // arrows and stars (⬆ ⭐)
        | 0x231A | 0x231B | 0x2328 | 0x23CF | 0x23E9..=0x23FA // technical (⌚ ⏰)
        | 0x21A9 | 0x21AA   // ↩ ↪ (plain arrows such as → stay text)
        | 0x3030 | 0x303D | 0x3297 | 0x3299
        | 0x00A9 | 0x00AE | 0x203C | 0x2049 | 0x2122 | 0x2139
        | 0xFE0F            // variation selector asking for emoji presentation
        | 0x200D            // zero-width joiner inside emoji sequences
        | 0x20E3            // combining keycap
        | 0xE0020..=0xE007F // tag characters (subdivision flags)
    )
}

/// The byte ranges of the emoji in `s`, adjacent emoji characters merged into one range.
pub fn emoji_ranges(s: &str) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    for (i, c) in s.char_indices() {
        if is_emoji(c) {
            let end = i + c.len_utf8();
            match out.last_mut() {
                Some(r) if r.end == i => r.end = end,
                _ => out.push(i..end),
            }
        }
    }
    out
}

/// Replaces `\uXXXX` escapes of lone UTF-16 surrogates in JSON text with `\ufffd`, as the
/// engine's `JSON.stringify` writes them for JS strings that are not well formed and as
/// `serde_json` refuses them. Escaped pairs and everything else are kept byte for byte.
pub fn repair_lone_surrogate_escapes(json: &str) -> std::borrow::Cow<'_, str> {
    // One pass over the bytes for a `\ud…` or `\uD…` (every JS value crosses here: two
    // substring searches cost a thirtieth of a classification in WASM).
    let escape = |w: &[u8]| w[0] == b'\\' && w[1] == b'u' && (w[2] | 0x20) == b'd';
    if !json.as_bytes().windows(3).any(escape) {
        return std::borrow::Cow::Borrowed(json);
    }
    let unit_at = |i: usize| -> Option<u16> {
        let hex = json.get(i..i + 6)?.strip_prefix("\\u")?;
        u16::from_str_radix(hex, 16).ok()
    };
    let mut out = String::with_capacity(json.len());
    let mut rest = 0; // start of the text not yet copied
    let mut i = 0;
    let bytes = json.as_bytes();
    while i < bytes.len() {
        if bytes[i] != b'\\' {
            i += 1;
            continue;
        }
        match unit_at(i) {
            Some(0xD800..=0xDBFF) if matches!(unit_at(i + 6), Some(0xDC00..=0xDFFF)) => i += 12,
            Some(0xD800..=0xDFFF) => {
                out.push_str(&json[rest..i]);
                out.push_str("\\ufffd");
                i += 6;
                rest = i;
            }
            // Any other escape, `\\` included, is two characters or a whole `\uXXXX`.
            Some(_) => i += 6,
            None => i += 2,
        }
    }
    out.push_str(&json[rest..]);
    std::borrow::Cow::Owned(out)
}

// Tests only: the unwraps below are assertions on fixed inputs, compiled under cfg(test) and
// never into the library, so no user input reaches them.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lone_surrogate_escapes_become_replacement_characters() {
        let fix = |s: &str| repair_lone_surrogate_escapes(s).into_owned();
        assert_eq!(fix(r#"["a\ud800b"]"#), r#"["a\ufffdb"]"#);
        assert_eq!(fix(r#"["\udc00\uD83D"]"#), r#"["\ufffd\ufffd"]"#);
        // A pair stays, an escaped backslash before `ud800` is not an escape, other text is kept.
        assert_eq!(fix(r#"["\ud83d\udc4d é \\ud800 \n"]"#), r#"["\ud83d\udc4d é \\ud800 \n"]"#);
        assert_eq!(fix(r#"{"k":"\ud800"}"#), r#"{"k":"\ufffd"}"#);
        let v: serde_json::Value = serde_json::from_str(&fix(r#"["x\ud800"]"#)).unwrap();
        assert_eq!(v[0], "x\u{fffd}");
    }

    #[test]
    fn utf16_offsets_count_surrogate_pairs() {
        let s = "a👍b";
        assert_eq!(utf16_range(s, 1..5), 1..3);
        assert_eq!(utf16_range(s, 5..6), 3..4);
        assert_eq!(utf16_offset("é{{1}}", 2), 1);
    }

    #[test]
    fn off_boundary_offsets_do_not_panic() {
        assert_eq!(utf16_range("👍", 1..3), 0..0);
        assert_eq!(utf16_offset("ab", 99), 2);
    }

    #[test]
    fn lengths_by_unit() {
        assert_eq!(LengthUnit::Characters.len("👍👍"), 2);
        assert_eq!(LengthUnit::Utf16.len("👍👍"), 4);
        assert_eq!(LengthUnit::Characters.len("🇮🇹"), 2);
        assert_eq!(LengthUnit::Characters.overflow_at("abc", 2), Some(2));
        assert_eq!(LengthUnit::Utf16.overflow_at("a👍", 2), Some(1));
        assert_eq!(LengthUnit::Characters.overflow_at("a👍", 2), None);
    }

    #[test]
    fn emoji_detection() {
        assert_eq!(emoji_ranges("Ciao 👋🏻!"), vec![5..13]);
        assert_eq!(emoji_ranges("Olá, ação ✔ não").len(), 1);
        assert!(emoji_ranges("Passo 1 → passo 2").is_empty());
        assert!(emoji_ranges("Prezzo: 10 € — àèìòù ß").is_empty());
    }
}
