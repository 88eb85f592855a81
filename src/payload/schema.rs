//! A small schema engine for the objects of a send request: which keys an object takes, their
//! JSON types, which are required, the values an enumeration allows, and length and count
//! limits by name (see [`super::Limits`]). The tables of the Cloud API's objects are in
//! `kinds.rs`; checks that relate several fields are the kinds' `extra` functions.
//!
//! Like the Graph API, the engine reads scalars leniently: a number where a string is expected,
//! `"true"` for a boolean and `"5"` for an integer are accepted, and so is an object or array
//! given as JSON text.

use serde_json::{Map, Value};

use super::{Cx, Path};
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{payload as rules, sending, Rule};

/// The JSON type a field takes.
#[derive(Debug, Clone, Copy)]
pub enum Ty {
    /// A string (a number is accepted); `limit` counts its characters.
    Str,
    Bool,
    /// An integer (or a string of digits); `limit` bounds its value.
    Int,
    /// A number (or a numeric string).
    Num,
    Obj(&'static Kind),
    /// An array of objects; `limit` bounds its length.
    List(&'static Kind),
    /// Anything: the engine does not look inside (payment and Flow data, for instance).
    Any,
}

/// Which family of rules a kind's length and count findings belong to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Area {
    Message,
    Interactive,
    Template,
}

/// One key of an object.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    pub name: &'static str,
    pub ty: Ty,
    pub required: bool,
    /// For strings: the values allowed (matched without regard to case); empty means any.
    pub values: &'static [&'static str],
    /// A limit of `data/send-limits.json`: characters of a string, items of a list, or the
    /// value of an integer.
    pub limit: Option<&'static str>,
    /// For a required string: an empty value is a value (a reaction's `emoji: ""` removes it).
    pub blank_ok: bool,
}

impl Field {
    pub const fn new(name: &'static str, ty: Ty) -> Field {
        Field { name, ty, required: false, values: &[], limit: None, blank_ok: false }
    }

    pub const fn required(self) -> Field {
        Field { required: true, ..self }
    }

    pub const fn one_of(self, values: &'static [&'static str]) -> Field {
        Field { values, ..self }
    }

    pub const fn limit(self, name: &'static str) -> Field {
        Field { limit: Some(name), ..self }
    }

    pub const fn blank_ok(self) -> Field {
        Field { blank_ok: true, ..self }
    }
}

/// A check across the fields of one object, at its path.
pub type Extra = fn(&Map<String, Value>, &Path, &mut Cx);

/// An object of the request: its keys, and checks across them.
pub struct Kind {
    /// What the object is called in messages (`the reply button`).
    pub what: &'static str,
    pub fields: &'static [Field],
    /// True when Meta refuses keys it does not know here (100 "Unexpected key"); false where
    /// that is not established, so an unknown key only warns.
    pub strict: bool,
    pub area: Area,
    /// Checks that relate several fields.
    pub extra: Option<Extra>,
}

impl Kind {
    /// What the tables start from (`..Kind::MESSAGE`), each setting its own `what` and `fields`:
    /// message objects, whose unknown keys Meta refuses; interactive and template objects, whose
    /// unknown keys only warn unless a table says otherwise.
    pub const MESSAGE: Kind = Kind { what: "", fields: &[], strict: true, area: Area::Message, extra: None };
    pub const INTERACTIVE: Kind = Kind { strict: false, area: Area::Interactive, ..Kind::MESSAGE };
    pub const TEMPLATE: Kind = Kind { strict: false, area: Area::Template, ..Kind::MESSAGE };
}

impl std::fmt::Debug for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.what)
    }
}

/// A JSON value as an object: objects, and JSON text holding one.
pub fn as_object(v: &Value) -> Option<std::borrow::Cow<'_, Map<String, Value>>> {
    match v {
        Value::Object(o) => Some(std::borrow::Cow::Borrowed(o)),
        Value::String(s) if s.trim_start().starts_with('{') => match serde_json::from_str::<Value>(s) {
            Ok(Value::Object(o)) => Some(std::borrow::Cow::Owned(o)),
            _ => None,
        },
        _ => None,
    }
}

/// A JSON value as an array: arrays, and JSON text holding one.
pub fn as_array(v: &Value) -> Option<std::borrow::Cow<'_, [Value]>> {
    match v {
        Value::Array(a) => Some(std::borrow::Cow::Borrowed(a.as_slice())),
        Value::String(s) if s.trim_start().starts_with('[') => match serde_json::from_str::<Value>(s) {
            Ok(Value::Array(a)) => Some(std::borrow::Cow::Owned(a)),
            _ => None,
        },
        _ => None,
    }
}

/// A scalar as text, the way the Graph API reads string parameters (Meta's own OpenAPI
/// examples send `"text": true`).
pub fn as_text(v: &Value) -> Option<std::borrow::Cow<'_, str>> {
    match v {
        Value::String(s) => Some(std::borrow::Cow::Borrowed(s)),
        Value::Number(n) => Some(std::borrow::Cow::Owned(n.to_string())),
        Value::Bool(b) => Some(std::borrow::Cow::Borrowed(if *b { "true" } else { "false" })),
        _ => None,
    }
}

/// A finite number, from a JSON number or a numeric string (coordinates come as strings in
/// Meta's examples).
pub fn as_number(v: &Value) -> Option<f64> {
    match v {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse::<f64>().ok().filter(|f| f.is_finite()),
        _ => None,
    }
}

/// True when `s` starts with `http://` or `https://`, in any case.
pub fn has_http_scheme(s: &str) -> bool {
    let s = s.trim().as_bytes();
    let starts = |p: &[u8]| s.len() >= p.len() && s[..p.len()].eq_ignore_ascii_case(p);
    starts(b"https://") || starts(b"http://")
}

/// An integer, from a number without a fraction or a string of digits.
pub fn as_int(v: &Value) -> Option<i64> {
    match v {
        Value::Number(n) => {
            n.as_i64().or_else(|| n.as_f64().filter(|f| f.fract() == 0.0 && f.abs() < 9e15).map(|f| f as i64))
        }
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

fn as_bool(v: &Value) -> Option<bool> {
    match v {
        Value::Bool(b) => Some(*b),
        Value::String(s) if s.eq_ignore_ascii_case("true") => Some(true),
        Value::String(s) if s.eq_ignore_ascii_case("false") => Some(false),
        _ => None,
    }
}

fn type_name(ty: Ty) -> &'static str {
    match ty {
        Ty::Str => "a string",
        Ty::Bool => "a boolean",
        Ty::Int => "an integer",
        Ty::Num => "a number",
        Ty::Obj(_) => "an object",
        Ty::List(_) => "an array",
        Ty::Any => "a value",
    }
}

/// The rule for a text over its limit in `area`.
fn length_rule(area: Area) -> &'static Rule {
    match area {
        Area::Message => &sending::TEXT_TOO_LONG,
        Area::Interactive => &rules::INTERACTIVE_TEXT_TOO_LONG,
        Area::Template => &sending::INVALID_PARAMETER_VALUE,
    }
}

/// The rule for a list with too many or too few items in `area`.
fn count_rule(area: Area) -> &'static Rule {
    match area {
        Area::Message => &rules::INVALID_FIELD_VALUE,
        Area::Interactive => &rules::INTERACTIVE_ITEM_COUNT,
        Area::Template => &sending::INVALID_PARAMETER_VALUE,
    }
}

/// Checks `obj` against `kind` at `path`.
pub fn check_object(obj: &Map<String, Value>, kind: &'static Kind, path: &Path, cx: &mut Cx) {
    for key in obj.keys() {
        if !kind.fields.iter().any(|f| f.name == key) {
            unexpected_key(key, kind, path, cx);
        }
    }
    for f in kind.fields {
        let p = path.key(f.name);
        match obj.get(f.name) {
            None | Some(Value::Null) => {
                if f.required {
                    cx.push(Diagnostic::new(
                        &rules::MISSING_REQUIRED_FIELD,
                        p.to_string(),
                        format!("{} has no `{}`", kind.what, f.name),
                    ));
                }
            }
            // An empty required text is missing ("The parameter …['title'] is required." for
            // `"title": ""`, seen in Meta's answers).
            Some(v)
                if f.required
                    && !f.blank_ok
                    && matches!(f.ty, Ty::Str)
                    && as_text(v).is_some_and(|t| t.trim().is_empty()) =>
            {
                cx.push(Diagnostic::new(
                    &rules::MISSING_REQUIRED_FIELD,
                    p.to_string(),
                    format!("{} has an empty `{}`", kind.what, f.name),
                ));
            }
            Some(v) => check_value(v, f, kind, &p, cx),
        }
    }
    if let Some(extra) = kind.extra {
        extra(obj, path, cx);
    }
}

/// Reports `key` as not taken by `kind`: an error where Meta refuses unknown keys.
pub fn unexpected_key(key: &str, kind: &Kind, path: &Path, cx: &mut Cx) {
    let mut d = Diagnostic::new(
        &rules::UNEXPECTED_KEY,
        path.key(key).to_string(),
        format!("{} does not take `{key}`", kind.what),
    );
    if let Some(near) = kind.fields.iter().find(|f| near_miss(key, f.name)) {
        d = d.help(format!("did you mean `{}`?", near.name));
    }
    if !kind.strict {
        d.severity = Severity::Warning;
    }
    cx.push(d);
}

/// `previewUrl` for `preview_url`, `Caption` for `caption`: the same letters but for case and
/// separators.
fn near_miss(a: &str, b: &str) -> bool {
    let fold =
        |s: &str| -> String { s.chars().filter(|c| *c != '_' && *c != '-').flat_map(char::to_lowercase).collect() };
    a != b && fold(a) == fold(b)
}

fn check_value(v: &Value, f: &Field, kind: &'static Kind, p: &Path, cx: &mut Cx) {
    let wrong = |cx: &mut Cx| {
        cx.push(Diagnostic::new(
            &sending::INVALID_SEND_PAYLOAD,
            p.to_string(),
            format!("`{}` must be {}, found {}", f.name, type_name(f.ty), crate::template::json_kind(v)),
        ))
    };
    match f.ty {
        Ty::Any => {}
        Ty::Str => match as_text(v) {
            None => wrong(cx),
            Some(s) => {
                if !f.values.is_empty() && !f.values.iter().any(|x| x.eq_ignore_ascii_case(&s)) {
                    let rule = if f.name == "type" && p.is_top_level() {
                        &rules::UNSUPPORTED_MESSAGE_TYPE
                    } else {
                        &rules::INVALID_FIELD_VALUE
                    };
                    cx.push(Diagnostic::new(
                        rule,
                        p.to_string(),
                        format!("`{}` is `{s}`; it must be one of {}", f.name, quoted(f.values)),
                    ));
                }
                if let Some(name) = f.limit {
                    text_limit(&s, name, length_rule(kind.area), p, cx);
                }
            }
        },
        Ty::Bool => {
            if as_bool(v).is_none() {
                wrong(cx)
            }
        }
        Ty::Int => match as_int(v) {
            None => wrong(cx),
            Some(n) => {
                if let Some(name) = f.limit {
                    let l = cx.limit(name);
                    let low = l.min.is_some_and(|m| n < m as i64);
                    let high = l.max.is_some_and(|m| n > m as i64);
                    if low || high {
                        let mut d = Diagnostic::new(
                            &rules::INVALID_FIELD_VALUE,
                            p.to_string(),
                            format!("`{}` is {n}; it must be {}", f.name, range(l.min, l.max)),
                        );
                        if !l.certain {
                            d.severity = Severity::Warning;
                        }
                        cx.push(d);
                    }
                }
            }
        },
        Ty::Num => {
            if as_number(v).is_none() {
                wrong(cx)
            }
        }
        Ty::Obj(inner) => match as_object(v) {
            Some(o) => check_object(&o, inner, p, cx),
            None => wrong(cx),
        },
        Ty::List(inner) => match as_array(v) {
            None => wrong(cx),
            Some(items) => {
                if let Some(name) = f.limit {
                    count_limit(items.len(), name, count_rule(kind.area), f.name, p, cx);
                }
                for (i, item) in items.iter().enumerate() {
                    let ip = p.index(i);
                    match as_object(item) {
                        Some(o) => check_object(&o, inner, &ip, cx),
                        None => cx.push(Diagnostic::new(
                            &sending::INVALID_SEND_PAYLOAD,
                            ip.to_string(),
                            format!(
                                "each item of `{}` must be an object, found {}",
                                f.name,
                                crate::template::json_kind(item)
                            ),
                        )),
                    }
                }
            }
        },
    }
}

fn quoted(values: &[&str]) -> String {
    values.iter().map(|v| format!("`{v}`")).collect::<Vec<_>>().join(", ")
}

fn range(min: Option<u64>, max: Option<u64>) -> String {
    match (min, max) {
        (Some(a), Some(b)) => format!("between {a} and {b}"),
        (Some(a), None) => format!("at least {a}"),
        (None, Some(b)) => format!("at most {b}"),
        (None, None) => "any value".into(),
    }
}

/// Checks the length of `s` against the limit `name`, reporting under `rule`.
pub fn text_limit(s: &str, name: &str, rule: &'static Rule, p: &Path, cx: &mut Cx) {
    let l = cx.limit(name);
    let n = cx.unit.len(s);
    disputed(n, p.last(), cx.unit.name(), &l, p, cx);
    let (verdict, at) = if l.max.is_some_and(|m| n as u64 > m) {
        let at = cx.unit.overflow_at(s, l.max.unwrap_or_default() as usize).unwrap_or(0);
        (format!("is {n} {}; the limit is {}", cx.unit.name(), l.max.unwrap_or_default()), Some(at))
    } else if l.min.is_some_and(|m| (n as u64) < m) || (l.min.is_some() && s.trim().is_empty()) {
        (
            if s.trim().is_empty() {
                "is empty".to_string()
            } else {
                format!("is {n} {}; it must be at least {}", cx.unit.name(), l.min.unwrap_or_default())
            },
            None,
        )
    } else {
        return;
    };
    let mut d = Diagnostic::new(rule, p.to_string(), format!("`{}` {verdict}", p.last()));
    if let Some(at) = at {
        d = d.at(s, at..s.len());
    }
    if !l.certain {
        d.severity = Severity::Warning;
    }
    cx.push(d);
}

/// A value within the limit in force but over a lower limit another source gives: allowed,
/// with a warning naming both sources (WP546).
pub fn disputed(n: usize, what: &str, unit: &str, l: &super::Limit, p: &Path, cx: &mut Cx) {
    let Some(d) = l.disputed else { return };
    if n as u64 > d.max && l.max.is_none_or(|m| n as u64 <= m) {
        let allowed = l.max.map_or_else(|| "no limit is set".to_string(), |m| format!("{m} are allowed"));
        let counted = if what.contains(' ') { format!("{n} {what}") } else { format!("`{what}` is {n} {unit}") };
        cx.push(Diagnostic::new(
            &rules::DISPUTED_LIMIT,
            p.to_string(),
            format!(
                "{counted}: {allowed} ({}), but another source says at most {} ({})",
                d.source, d.max, d.other_source
            ),
        ));
    }
}

/// Checks a number of items against the limit `name`, reporting under `rule`.
/// `what` is a key (`buttons`: "`buttons` has 4 items") or, with a space, what is counted
/// ("rows across the sections": "11 rows across the sections").
pub fn count_limit(n: usize, name: &str, rule: &'static Rule, what: &str, p: &Path, cx: &mut Cx) {
    let l = cx.limit(name);
    disputed(n, what, "items", &l, p, cx);
    let counted = if what.contains(' ') { format!("{n} {what}") } else { format!("`{what}` has {n} items") };
    let msg = if l.max.is_some_and(|m| n as u64 > m) {
        format!("{counted}; the limit is {}", l.max.unwrap_or_default())
    } else if l.min.is_some_and(|m| (n as u64) < m) {
        format!("{counted}; at least {} are needed", l.min.unwrap_or_default())
    } else {
        return;
    };
    let mut d = Diagnostic::new(rule, p.to_string(), msg);
    if !l.certain {
        d.severity = Severity::Warning;
    }
    cx.push(d);
}
