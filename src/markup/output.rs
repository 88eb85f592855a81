//! The node tree written out: as the text the recipient reads, or as HTML in which every
//! character of the input is escaped and the only tags are the ones written here.

use super::{Block, Inline};

/// The text as the recipient reads it: inline markers removed, list prefixes kept as written
/// (`- `, `1. `), quote markers removed.
pub fn to_plain_text(blocks: &[Block]) -> String {
    let mut out = String::new();
    for (i, b) in blocks.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let children = match b {
            Block::Paragraph { children } | Block::Quote { children } => children,
            Block::Bullet { children } => {
                out.push_str("- ");
                children
            }
            Block::Numbered { number, children } => {
                out.push_str(&format!("{number}. "));
                children
            }
        };
        inline_text(children, &mut out);
    }
    out
}

fn inline_text(nodes: &[Inline], out: &mut String) {
    for n in nodes {
        match n {
            Inline::Text { text } | Inline::Mono { text } | Inline::Code { text } | Inline::Link { text, .. } => {
                out.push_str(text)
            }
            Inline::Bold { children } | Inline::Italic { children } | Inline::Strike { children } => {
                inline_text(children, out)
            }
            Inline::Break => out.push('\n'),
        }
    }
}

/// Escapes text for HTML content and attribute values.
pub fn escape_html(s: &str, out: &mut String) {
    // The five characters are ASCII: the text between them is copied a run at a time, without
    // decoding it.
    let mut from = 0;
    for (i, b) in s.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&s[from..i]);
        out.push_str(entity);
        from = i + 1;
    }
    out.push_str(&s[from..]);
}

/// How links are rendered in HTML.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Links {
    /// `<a href="…" rel="noopener noreferrer" target="_blank">` for http(s) addresses.
    #[default]
    Anchors,
    /// Links stay text.
    Text,
}

/// Renders blocks to HTML. Every character that came from the input is escaped; the only tags
/// are the ones this function writes (`p br strong em s code ul ol li blockquote a`).
pub fn to_html(blocks: &[Block], links: Links) -> String {
    let mut out = String::new();
    let mut i = 0;
    while i < blocks.len() {
        match &blocks[i] {
            Block::Paragraph { children } => {
                out.push_str("<p>");
                if children.is_empty() {
                    // A blank line between blocks keeps its height.
                    out.push_str("<br>");
                }
                inline_html(children, links, &mut out);
                out.push_str("</p>");
                i += 1;
            }
            Block::Quote { children } => {
                out.push_str("<blockquote>");
                inline_html(children, links, &mut out);
                out.push_str("</blockquote>");
                i += 1;
            }
            Block::Bullet { .. } => {
                out.push_str("<ul>");
                while let Some(Block::Bullet { children }) = blocks.get(i) {
                    out.push_str("<li>");
                    inline_html(children, links, &mut out);
                    out.push_str("</li>");
                    i += 1;
                }
                out.push_str("</ul>");
            }
            Block::Numbered { number, .. } => {
                if *number == 1 {
                    out.push_str("<ol>");
                } else {
                    out.push_str(&format!("<ol start=\"{number}\">"));
                }
                while let Some(Block::Numbered { children, .. }) = blocks.get(i) {
                    out.push_str("<li>");
                    inline_html(children, links, &mut out);
                    out.push_str("</li>");
                    i += 1;
                }
                out.push_str("</ol>");
            }
        }
    }
    out
}

fn inline_html(nodes: &[Inline], links: Links, out: &mut String) {
    for n in nodes {
        match n {
            Inline::Text { text } => escape_html(text, out),
            Inline::Bold { children } => wrap("strong", children, links, out),
            Inline::Italic { children } => wrap("em", children, links, out),
            Inline::Strike { children } => wrap("s", children, links, out),
            Inline::Mono { text } => {
                out.push_str("<code class=\"wa-mono\">");
                escape_html(text, out);
                out.push_str("</code>");
            }
            Inline::Code { text } => {
                out.push_str("<code>");
                escape_html(text, out);
                out.push_str("</code>");
            }
            Inline::Link { href, text } => {
                if links == Links::Anchors {
                    out.push_str("<a href=\"");
                    escape_html(href, out);
                    out.push_str("\" rel=\"noopener noreferrer\" target=\"_blank\">");
                    escape_html(text, out);
                    out.push_str("</a>");
                } else {
                    escape_html(text, out);
                }
            }
            Inline::Break => out.push_str("<br>"),
        }
    }
}

fn wrap(tag: &str, children: &[Inline], links: Links, out: &mut String) {
    out.push_str(&format!("<{tag}>"));
    inline_html(children, links, out);
    out.push_str(&format!("</{tag}>"));
}
