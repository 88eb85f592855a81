//! WhatsApp text formatting: `*bold*`, `_italic_`, `~strike~`, ```` ```monospace``` ````,
//! `` `inline code` ``, `- ` / `* ` bullets, `1. ` numbered items and `> ` quotes, parsed to a
//! node tree, and rendered to plain text or to HTML in which every character of the input is
//! escaped.
//!
//! The rules follow how the WhatsApp clients format messages:
//! - an opening `*`, `_` or `~` stands at the start of the text or after a character that is not
//!   a letter or digit, and is followed by a character that is not a space;
//! - the closing marker follows a character that is not a space and is followed by the end, or a
//!   character that is not a letter or digit (so `snake_case_name` and `2*3*4` stay as written);
//! - markers do not cross lines, except ```` ``` ```` blocks; empty spans (`**`) stay literal;
//! - formatting nests (`*_bold italic_*`) but a style does not nest in itself, and nothing is
//!   formatted inside monospace or inline code; markers without a partner stay literal;
//! - list and quote prefixes only count at the start of a line and need the space after them.
//!
//! This file parses; `output.rs` writes the tree as plain text or escaped HTML.

mod output;

use std::ops::Range;

use serde::Serialize;

pub use output::{escape_html, to_html, to_plain_text, Links};

/// An inline piece of formatted text.
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "InlineNode"))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Inline {
    Text {
        text: String,
    },
    Bold {
        children: Vec<Inline>,
    },
    Italic {
        children: Vec<Inline>,
    },
    Strike {
        children: Vec<Inline>,
    },
    /// ```` ```text``` ````: monospace, may span lines.
    Mono {
        text: String,
    },
    /// `` `text` ``: inline code.
    Code {
        text: String,
    },
    /// An `http(s)://` address in the text.
    Link {
        href: String,
        text: String,
    },
    /// A line break inside a paragraph.
    Break,
}

/// A line-level block.
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "BlockNode"))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Block {
    /// Ordinary lines; consecutive ones are kept together with [`Inline::Break`]s.
    Paragraph { children: Vec<Inline> },
    /// `- item` or `* item`.
    Bullet { children: Vec<Inline> },
    /// `1. item`.
    Numbered { number: u64, children: Vec<Inline> },
    /// `> quoted`.
    Quote { children: Vec<Inline> },
}

/// Parses WhatsApp-formatted text into blocks.
pub fn parse(text: &str) -> Vec<Block> {
    let mut blocks: Vec<Block> = Vec::new();
    let parser = Parser::new(text);
    for line in logical_lines(text, &parser.fences) {
        let raw = &text[line.clone()];
        let (kind, content_start) = block_prefix(raw);
        let content = line.start + content_start..line.end;
        let children = parser.inline(content, 0);
        match kind {
            Prefix::None => match blocks.last_mut() {
                Some(Block::Paragraph { children: prev }) => {
                    prev.push(Inline::Break);
                    prev.extend(children);
                }
                _ => blocks.push(Block::Paragraph { children }),
            },
            Prefix::Bullet => blocks.push(Block::Bullet { children }),
            Prefix::Numbered(number) => blocks.push(Block::Numbered { number, children }),
            Prefix::Quote => blocks.push(Block::Quote { children }),
        }
    }
    blocks
}

enum Prefix {
    None,
    Bullet,
    Numbered(u64),
    Quote,
}

fn block_prefix(line: &str) -> (Prefix, usize) {
    if line.starts_with("- ") || line.starts_with("* ") {
        return (Prefix::Bullet, 2);
    }
    if line.starts_with("> ") {
        return (Prefix::Quote, 2);
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=9).contains(&digits) && line[digits..].starts_with(". ") {
        if let Ok(n) = line[..digits].parse() {
            return (Prefix::Numbered(n), digits + 2);
        }
    }
    (Prefix::None, 0)
}

/// Byte ranges of the text's lines, where a ```` ``` ```` block that spans lines keeps them in
/// one logical line.
fn logical_lines(text: &str, fences: &[usize]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    loop {
        let mut end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        // Fences pair up left to right; a pair that opens on this line and closes on a later one
        // extends the logical line to the end of the closing fence's line.
        let mut k = fences.partition_point(|&f| f < start);
        while k + 1 < fences.len() && fences[k] < end {
            let close_end = fences[k + 1] + 3;
            if close_end > end {
                end = text[close_end..].find('\n').map_or(text.len(), |i| close_end + i);
            }
            k += 2;
        }
        out.push(start..end);
        if end >= text.len() {
            return out;
        }
        start = end + 1;
    }
}

/// Start offsets of the ```` ``` ```` fences with some text between consecutive ones, paired
/// left to right.
fn fence_positions(text: &str) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::new();
    let mut from = 0;
    while let Some(i) = text[from..].find("```").map(|i| from + i) {
        // A closing fence right after an opening one would enclose nothing: skip it.
        if out.len() % 2 == 1 && out.last() == Some(&(i - 3)) {
            out.pop();
        }
        out.push(i);
        from = i + 3;
    }
    if out.len() % 2 == 1 {
        out.pop();
    }
    out
}

fn marker_slot(b: u8) -> usize {
    match b {
        b'*' => 0,
        b'_' => 1,
        _ => 2,
    }
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric()
}

struct Parser<'t> {
    text: &'t str,
    /// Positions where `*`, `_` and `~` could close a span, in order.
    closers: [Vec<usize>; 3],
    newlines: Vec<usize>,
    /// Paired ```` ``` ```` fences (see [`fence_positions`]).
    fences: Vec<usize>,
}

/// Styles open around the current position (bold, italic, strike), to forbid self-nesting.
type Open = u8;
const BOLD: Open = 1;
const ITALIC: Open = 2;
const STRIKE: Open = 4;

impl<'t> Parser<'t> {
    fn new(text: &'t str) -> Self {
        let mut p = Parser { text, closers: Default::default(), newlines: Vec::new(), fences: fence_positions(text) };
        for (j, b) in text.bytes().enumerate() {
            match b {
                b'\n' => p.newlines.push(j),
                b'*' | b'_' | b'~' if p.can_close(j) => p.closers[marker_slot(b)].push(j),
                _ => {}
            }
        }
        p
    }

    fn char_before(&self, i: usize) -> Option<char> {
        self.text[..i].chars().next_back()
    }

    fn char_at(&self, i: usize) -> Option<char> {
        self.text[i..].chars().next()
    }

    fn can_open(&self, i: usize, limit: usize) -> bool {
        let before_ok = self.char_before(i).is_none_or(|c| !is_word(c));
        let after = if i + 1 < limit { self.char_at(i + 1) } else { None };
        before_ok && after.is_some_and(|c| !c.is_whitespace())
    }

    fn can_close(&self, j: usize) -> bool {
        let before = self.char_before(j);
        let after = self.char_at(j + 1);
        before.is_some_and(|c| !c.is_whitespace()) && after.is_none_or(|c| !is_word(c))
    }

    /// The closing partner of the marker at `i`: the first closing position after at least one
    /// character, before `limit` and before the end of the line.
    fn closer(&self, marker: u8, i: usize, limit: usize) -> Option<usize> {
        let closers = &self.closers[marker_slot(marker)];
        let j = *closers.get(closers.partition_point(|&p| p < i + 2))?;
        let line_end = self.newlines.get(self.newlines.partition_point(|&n| n < i)).copied().unwrap_or(usize::MAX);
        (j < limit && j < line_end).then_some(j)
    }

    fn inline(&self, range: Range<usize>, open: Open) -> Vec<Inline> {
        let bytes = self.text.as_bytes();
        let mut out = Vec::new();
        let mut plain_start = range.start;
        let mut i = range.start;
        let flush = |out: &mut Vec<Inline>, from: usize, to: usize| {
            if from < to {
                push_text(out, &self.text[from..to]);
            }
        };
        while i < range.end {
            let b = bytes[i];
            if b == b'`' && self.text[i..range.end].starts_with("```") {
                let k = self.fences.partition_point(|&f| f < i);
                let pair = (k % 2 == 0 && self.fences.get(k) == Some(&i)).then(|| self.fences.get(k + 1)).flatten();
                if let Some(&close) = pair.filter(|&&c| c + 3 <= range.end) {
                    flush(&mut out, plain_start, i);
                    out.push(Inline::Mono { text: self.text[i + 3..close].to_string() });
                    i = close + 3;
                    plain_start = i;
                    continue;
                }
                i += 3;
                continue;
            }
            // A web address is one link: markers inside it (`https://x.com/_promo_`) stay as
            // written, and the address goes to `push_text` with the plain text around it.
            if (b | 0x20) == b'h' && url_starts_at(self.text, i) {
                i = url_end(self.text, i, range.end);
                continue;
            }
            if b == b'`' {
                let close = self.text[i + 1..range.end].find(['`', '\n']).map(|k| i + 1 + k);
                if let Some(c) = close.filter(|&c| bytes[c] == b'`' && c > i + 1) {
                    flush(&mut out, plain_start, i);
                    out.push(Inline::Code { text: self.text[i + 1..c].to_string() });
                    i = c + 1;
                    plain_start = i;
                    continue;
                }
            }
            let style = match b {
                b'*' => BOLD,
                b'_' => ITALIC,
                b'~' => STRIKE,
                _ => 0,
            };
            if style != 0 && open & style == 0 && self.can_open(i, range.end) {
                if let Some(j) = self.closer(b, i, range.end) {
                    flush(&mut out, plain_start, i);
                    let children = self.inline(i + 1..j, open | style);
                    out.push(match style {
                        BOLD => Inline::Bold { children },
                        ITALIC => Inline::Italic { children },
                        _ => Inline::Strike { children },
                    });
                    i = j + 1;
                    plain_start = i;
                    continue;
                }
            }
            if b == b'\n' {
                flush(&mut out, plain_start, i);
                out.push(Inline::Break);
                plain_start = i + 1;
            }
            i += self.char_at(i).map_or(1, char::len_utf8);
        }
        flush(&mut out, plain_start, range.end);
        out
    }
}

/// The end of the web address that starts at `at` in `s`, at most `limit`: it ends at white
/// space or at a character that cannot stand in a URL, and trailing punctuation belongs to the
/// sentence, not the address.
fn url_end(s: &str, at: usize, limit: usize) -> usize {
    let end = s[at..limit].find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"')).map_or(limit, |e| at + e);
    at + s[at..end].trim_end_matches(['.', ',', ';', ':', '!', '?', ')', ']', '\'', '"']).len()
}

/// True when an `http(s)://` address starts at `k` in `s`: after a character that is not a
/// letter or digit, with a letter or digit after the scheme.
fn url_starts_at(s: &str, k: usize) -> bool {
    let rest = &s.as_bytes()[k..];
    let scheme = if rest.len() >= 8 && rest[..8].eq_ignore_ascii_case(b"https://") {
        8
    } else if rest.len() >= 7 && rest[..7].eq_ignore_ascii_case(b"http://") {
        7
    } else {
        return false;
    };
    // After the scheme, a letter or digit (any non-ASCII character may start a host name).
    s[..k].chars().next_back().is_none_or(|c| !is_word(c))
        && rest.get(scheme).is_some_and(|c| c.is_ascii_alphanumeric() || *c >= 0x80)
}

/// Adds plain text, splitting out `http(s)://` links.
fn push_text(out: &mut Vec<Inline>, s: &str) {
    let mut rest = s;
    while let Some(at) = find_url(rest) {
        let url = &rest[at..url_end(rest, at, rest.len())];
        if at > 0 {
            out.push(Inline::Text { text: rest[..at].to_string() });
        }
        out.push(Inline::Link { href: url.to_string(), text: url.to_string() });
        rest = &rest[at + url.len()..];
    }
    if !rest.is_empty() {
        out.push(Inline::Text { text: rest.to_string() });
    }
}

fn find_url(s: &str) -> Option<usize> {
    s.bytes().enumerate().find(|&(k, b)| (b | 0x20) == b'h' && url_starts_at(s, k)).map(|(k, _)| k)
}

// Tests only: the unwraps below are assertions on fixed inputs, compiled under cfg(test) and
// never into the library, so no user input reaches them.
#[cfg(test)]
mod tests {
    use super::*;

    /// A compact rendering of the inline tree: `*x*` bold, `_x_` italic, `~x~` strike,
    /// `[m:x]` monospace, `[c:x]` code, `<x>` link, `/` break.
    fn sketch(text: &str) -> String {
        fn walk(nodes: &[Inline], out: &mut String) {
            for n in nodes {
                match n {
                    Inline::Text { text } => out.push_str(text),
                    Inline::Bold { children } => {
                        out.push('B');
                        out.push('(');
                        walk(children, out);
                        out.push(')');
                    }
                    Inline::Italic { children } => {
                        out.push_str("I(");
                        walk(children, out);
                        out.push(')');
                    }
                    Inline::Strike { children } => {
                        out.push_str("S(");
                        walk(children, out);
                        out.push(')');
                    }
                    Inline::Mono { text } => out.push_str(&format!("M({text})")),
                    Inline::Code { text } => out.push_str(&format!("C({text})")),
                    Inline::Link { href, .. } => out.push_str(&format!("L({href})")),
                    Inline::Break => out.push('/'),
                }
            }
        }
        let mut out = String::new();
        for (i, b) in parse(text).iter().enumerate() {
            if i > 0 {
                out.push_str(" | ");
            }
            let children = match b {
                Block::Paragraph { children } => children,
                Block::Bullet { children } => {
                    out.push_str("• ");
                    children
                }
                Block::Numbered { number, children } => {
                    out.push_str(&format!("#{number} "));
                    children
                }
                Block::Quote { children } => {
                    out.push_str("> ");
                    children
                }
            };
            walk(children, &mut out);
        }
        out
    }

    #[test]
    fn table() {
        let cases: &[(&str, &str)] = &[
            // basic styles
            ("*bold*", "B(bold)"),
            ("_italic_", "I(italic)"),
            ("~strike~", "S(strike)"),
            ("```mono```", "M(mono)"),
            ("`code`", "C(code)"),
            ("a *b* c", "a B(b) c"),
            ("*two words*", "B(two words)"),
            // boundaries: markers inside words stay literal
            ("snake_case_name", "snake_case_name"),
            ("2*3*4", "2*3*4"),
            ("a*b*", "a*b*"),
            ("*b*c", "*b*c"),
            ("*b*.", "B(b)."),
            ("(*b*)", "(B(b))"),
            ("¡*hola*!", "¡B(hola)!"),
            // spaces next to markers
            ("a * not bold*", "a * not bold*"),
            ("* bullet, not bold*", "• bullet, not bold*"),
            ("*not bold *", "*not bold *"),
            ("5 * 3 * 2", "5 * 3 * 2"),
            // empty and unmatched
            ("**", "**"),
            ("*", "*"),
            ("*unclosed", "*unclosed"),
            ("a _b", "a _b"),
            ("~~", "~~"),
            ("``", "``"),
            ("``````", "``````"),
            // nesting
            ("*_bold italic_*", "B(I(bold italic))"),
            ("_*bold italic*_", "I(B(bold italic))"),
            ("*a ~b~ c*", "B(a S(b) c)"),
            ("*a *b* c*", "B(a *b) c*"),
            ("~*_all_*~", "S(B(I(all)))"),
            // no formatting inside code
            ("```*not* _here_```", "M(*not* _here_)"),
            ("`*raw*`", "C(*raw*)"),
            ("*bold `code` bold*", "B(bold C(code) bold)"),
            // lines
            ("*a\nb*", "*a/b*"),
            ("line one\nline two", "line one/line two"),
            ("```multi\nline```", "M(multi\nline)"),
            ("_a_\n_b_", "I(a)/I(b)"),
            // lists and quotes
            ("- one\n- two", "• one | • two"),
            ("* one\n* two", "• one | • two"),
            ("-no space", "-no space"),
            ("1. first\n2. *second*", "#1 first | #2 B(second)"),
            ("10. tenth", "#10 tenth"),
            ("1.5 kg", "1.5 kg"),
            ("> quoted _text_", "> quoted I(text)"),
            (">no space", ">no space"),
            ("intro\n- item\nafter", "intro | • item | after"),
            // emoji and non-Latin scripts
            ("*🎉 festa 🎉*", "B(🎉 festa 🎉)"),
            ("🎉*bold*🎉", "🎉B(bold)🎉"),
            ("*Привет* мир", "B(Привет) мир"),
            ("_こんにちは_", "I(こんにちは)"),
            ("*مرحبا*", "B(مرحبا)"),
            ("Olá *João*, ação _rápida_", "Olá B(João), ação I(rápida)"),
            ("naïve_café_x", "naïve_café_x"),
            // links
            ("see https://example.com/a?b=1.", "see L(https://example.com/a?b=1)."),
            ("javascript:alert(1)", "javascript:alert(1)"),
            ("xhttps://a.b", "xhttps://a.b"),
            ("*https://example.com*", "B(L(https://example.com))"),
            // markers inside an address are part of it, and formatting resumes after it
            ("https://x.com/_promo_", "L(https://x.com/_promo_)"),
            ("Vai su https://x.com/~a~/*b* e _corri_", "Vai su L(https://x.com/~a~/*b*) e I(corri)"),
            ("HTTPS://X.com/a_b_c_ ok", "L(HTTPS://X.com/a_b_c_) ok"),
        ];
        let mut failures = Vec::new();
        for (input, want) in cases {
            let got = sketch(input);
            if got != *want {
                failures.push(format!("{input:?}: want {want:?}, got {got:?}"));
            }
        }
        assert!(cases.len() >= 40);
        assert!(failures.is_empty(), "\n{}", failures.join("\n"));
    }

    #[test]
    fn plain_text_strips_inline_markers() {
        let blocks = parse("*Ciao* _Maria_,\n- uno\n1. due\n> tre ```x```");
        assert_eq!(to_plain_text(&blocks), "Ciao Maria,\n- uno\n1. due\ntre x");
    }

    #[test]
    fn html_escapes_everything_from_the_input() {
        let html = to_html(&parse("*<script>alert(1)</script>* \"x\" & 'y' https://a.example/?q=<b>"), Links::Anchors);
        assert_eq!(
            html,
            "<p><strong>&lt;script&gt;alert(1)&lt;/script&gt;</strong> &quot;x&quot; &amp; &#39;y&#39; \
             <a href=\"https://a.example/?q=\" rel=\"noopener noreferrer\" target=\"_blank\">https://a.example/?q=</a>&lt;b&gt;</p>"
        );
        assert_eq!(
            to_html(&parse("- a\n- b\n3. c"), Links::Text),
            "<ul><li>a</li><li>b</li></ul><ol start=\"3\"><li>c</li></ol>"
        );
    }
}
