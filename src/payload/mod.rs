//! The body of a Cloud API send request, checked without the business's templates: the envelope
//! (`messaging_product`, `recipient_type`, `to`, `type` and its object, `context`), read receipts
//! and typing indicators, every message type's object, and the shape of a template message's
//! components and parameters. Each fault is a finding carrying the Cloud API error code Meta
//! answers for it; limits come from `data/send-limits.json` ([`Limits`]).
//!
//! The object tables are in `kinds.rs` (media objects in `media.rs`), read by the engine in
//! `schema.rs`; interactive messages are in `interactive.rs`. What needs the approved template
//! (parameter counts, formats, status) is `params.rs`'s job.

mod interactive;
mod kinds;
mod media;
mod schema;

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

pub use crate::limits::{Limit, Limits};
pub use schema::{as_array, as_int, as_number, as_object, as_text, has_http_scheme};

use crate::diagnostic::Diagnostic;
use crate::options::RuleSetting;
use crate::rules::{payload as rules, sending, Findings};
use crate::text::LengthUnit;

/// Which endpoint the request goes to.
#[cfg_attr(test, derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Endpoint {
    /// `POST /{PHONE_NUMBER_ID}/messages`.
    #[default]
    Messages,
    /// `POST /{PHONE_NUMBER_ID}/marketing_messages` (marketing templates only).
    MarketingMessages,
}

/// A JSON path built only when a finding needs it: `interactive.action.buttons[2].reply.title`.
#[derive(Debug, Clone, Copy)]
pub struct Path<'a> {
    parent: Option<&'a Path<'a>>,
    seg: Seg<'a>,
}

#[derive(Debug, Clone, Copy)]
enum Seg<'a> {
    Root(&'a str),
    Key(&'a str),
    Index(usize),
}

impl<'a> Path<'a> {
    /// The root of a request body; `prefix` is written before every path (empty for none).
    pub fn root(prefix: &'a str) -> Path<'a> {
        Path { parent: None, seg: Seg::Root(prefix) }
    }

    pub fn key<'b>(&'b self, key: &'b str) -> Path<'b> {
        Path { parent: Some(self), seg: Seg::Key(key) }
    }

    pub fn index(&self, i: usize) -> Path<'_> {
        Path { parent: Some(self), seg: Seg::Index(i) }
    }

    /// True for a key of the request body itself.
    pub fn is_top_level(&self) -> bool {
        self.parent.is_some_and(|p| matches!(p.seg, Seg::Root(_)))
    }

    /// The last key of the path (`title` of `…reply.title`).
    pub fn last(&self) -> &'a str {
        match self.seg {
            Seg::Key(k) => k,
            Seg::Index(_) => self.parent.map_or("", |p| p.last()),
            Seg::Root(p) => p,
        }
    }
}

impl std::fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut segs = Vec::new();
        let mut at = Some(self);
        while let Some(p) = at {
            segs.push(p.seg);
            at = p.parent;
        }
        let mut first = true;
        for seg in segs.iter().rev() {
            match seg {
                Seg::Root(prefix) => {
                    f.write_str(prefix)?;
                    first = prefix.is_empty();
                }
                Seg::Key(k) => {
                    if !first {
                        f.write_str(".")?;
                    }
                    f.write_str(k)?;
                    first = false;
                }
                Seg::Index(i) => write!(f, "[{i}]")?,
            }
        }
        Ok(())
    }
}

/// At most this many findings of one rule in one request, so that hostile input (100,000
/// unknown keys) gives a bounded answer; as for templates, at most
/// [`MAX_PER_SITE`](crate::rules::MAX_PER_SITE) of one rule at one path.
pub const MAX_PER_RULE: usize = 50;

/// What a check reads and writes: the limits in force, the send's time and length unit, the
/// endpoint, and the findings (the rules' [`Findings`], capped per rule and site).
#[derive(Debug)]
pub struct Cx<'a> {
    pub limits: &'a Limits,
    pub now: Option<i64>,
    pub unit: LengthUnit,
    pub endpoint: Endpoint,
    findings: Findings,
}

impl<'a> Cx<'a> {
    pub fn new(limits: &'a Limits, now: Option<i64>, unit: LengthUnit, endpoint: Endpoint) -> Self {
        Cx { limits, now, unit, endpoint, findings: Findings::with_rule_cap(MAX_PER_RULE) }
    }

    pub fn push(&mut self, d: Diagnostic) {
        self.findings.push(d);
    }

    /// The findings, with the caller's per-rule settings applied.
    pub fn finish(self, settings: &HashMap<String, RuleSetting>) -> Vec<Diagnostic> {
        self.findings.finish(settings)
    }

    pub fn limit(&self, name: &str) -> Limit {
        self.limits.get(name, self.now)
    }

    /// The maximum of limit `name` when `n` exceeds it.
    pub fn exceeds(&self, name: &str, n: usize) -> Option<u64> {
        self.limit(name).max.filter(|m| n as u64 > *m)
    }
}

/// Who the request is addressed to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Recipient {
    /// A phone number, as digits with the country code.
    Phone(String),
    /// A business-scoped user ID (`user.…`, `US.…`).
    UserId(String),
    /// A group ID (`recipient_type: "group"`).
    Group(String),
    /// Missing or not usable (already reported).
    Unknown,
}

/// What the envelope says, for the checks that need the template or the conversation state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Envelope {
    /// The message type, lowercase (`text` when `type` is missing); `read` for a read receipt
    /// or typing indicator.
    pub message_type: String,
    pub recipient: Recipient,
}

/// The message types of `POST /messages` (M-OA MessageRequest; `pin` for groups, M-GRP).
pub const MESSAGE_TYPES: &[&str] = &[
    "text",
    "image",
    "audio",
    "video",
    "document",
    "sticker",
    "location",
    "contacts",
    "interactive",
    "template",
    "reaction",
    "pin",
];

/// Checks a request body; the findings go to `cx`.
pub fn check(obj: &Map<String, Value>, cx: &mut Cx) -> Envelope {
    let root = Path::root("");
    if obj.contains_key("status") && !obj.contains_key("type") {
        schema::check_object(obj, &kinds::READ_RECEIPT, &root, cx);
        return Envelope { message_type: "read".into(), recipient: Recipient::Unknown };
    }
    let message_type = obj.get("type").and_then(as_text).map_or_else(|| "text".to_string(), |t| t.to_ascii_lowercase());
    let kind = match cx.endpoint {
        Endpoint::Messages => &kinds::MESSAGE,
        Endpoint::MarketingMessages => &kinds::MARKETING_MESSAGE,
    };
    if MESSAGE_TYPES.contains(&message_type.as_str()) || !obj.contains_key(&message_type) {
        schema::check_object(obj, kind, &root, cx);
    } else {
        // An unsupported type's object is reported as the type (131051), not as a key.
        let mut rest = obj.clone();
        rest.remove(&message_type);
        schema::check_object(&rest, kind, &root, cx);
    }
    if cx.endpoint == Endpoint::MarketingMessages && message_type != "template" {
        cx.push(Diagnostic::new(
            &rules::MARKETING_ENDPOINT_MESSAGE,
            "type",
            format!("`/marketing_messages` only sends templates, not `{message_type}` messages"),
        ));
    }
    let recipient = recipient(obj, cx);
    Envelope { message_type, recipient }
}

fn recipient(obj: &Map<String, Value>, cx: &mut Cx) -> Recipient {
    let group = obj.get("recipient_type").and_then(as_text).is_some_and(|t| t.eq_ignore_ascii_case("group"));
    let text_of = |key: &str| obj.get(key).and_then(as_text).map(|t| t.trim().to_string()).filter(|t| !t.is_empty());
    // `to` wins over `recipient` (M-BSUID).
    let Some(to) = text_of("to").or_else(|| text_of("recipient")) else {
        // A `to` of the wrong JSON type was reported by the schema.
        let wrong_type = obj.get("to").is_some_and(|v| !v.is_null() && as_text(v).is_none());
        if !wrong_type {
            cx.push(Diagnostic::new(
                &rules::MISSING_REQUIRED_FIELD,
                "to",
                "the request names no recipient: `to` (a phone number or group ID) or `recipient` (a user ID)",
            ));
        }
        return Recipient::Unknown;
    };
    if group {
        if crate::address::e164_digits(&to).is_ok() && to.bytes().all(|b| b.is_ascii_digit() || b == b'+') {
            cx.push(Diagnostic::new(
                &sending::INVALID_RECIPIENT,
                "to",
                "`recipient_type` is `group` but `to` is a phone number; a group is addressed by its group ID",
            ));
            return Recipient::Unknown;
        }
        return Recipient::Group(to);
    }
    if crate::address::is_user_id(&to) {
        schema::text_limit(&to, "recipient.user_id", &sending::INVALID_RECIPIENT, &Path::root("").key("to"), cx);
        return Recipient::UserId(to);
    }
    match crate::address::e164_digits(&to) {
        Ok(digits) => Recipient::Phone(digits),
        Err(problem) => {
            cx.push(Diagnostic::new(&sending::INVALID_RECIPIENT, "to", problem));
            Recipient::Unknown
        }
    }
}

// Tests only: the unwraps below are assertions on fixed inputs, compiled under cfg(test) and
// never into the library, so no user input reaches them.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_print_like_the_input() {
        let root = Path::root("");
        let p = root.key("interactive");
        let q = p.key("action");
        let r = q.key("buttons");
        let s = r.index(2);
        let t = s.key("reply");
        assert_eq!(t.to_string(), "interactive.action.buttons[2].reply");
        assert_eq!(s.last(), "buttons");
        assert!(p.is_top_level() && !q.is_top_level());
        let pre = Path::root("payload");
        assert_eq!(pre.key("to").to_string(), "payload.to");
    }

    #[test]
    fn numbers_and_schemes_are_read_leniently() {
        assert_eq!(as_number(&serde_json::json!(" 45.46 ")), Some(45.46));
        assert_eq!(as_number(&serde_json::json!("inf")), None);
        assert!(has_http_scheme(" HTTPS://example.com") && has_http_scheme("http://x"));
        assert!(!has_http_scheme("ftp://x") && !has_http_scheme("/home/a.jpg") && !has_http_scheme("http:"));
    }
}
