//! The limits of `data/send-limits.json`: each with its source, how sure it is, the other side
//! where sources conflict, and the values of earlier eras; overridable at run time by name.
//! Read by the send check (`payload`, `params`) and by the creation rules that share a limit
//! with it (the copy code), so it sits below both and needs neither.

use std::collections::HashMap;
use std::sync::LazyLock;

use serde_json::Value;

use crate::input::InputError;
use crate::window::parse_time;

#[derive(Debug, Clone)]
struct Entry {
    min: Option<u64>,
    max: Option<u64>,
    tag: &'static str,
    source: &'static str,
    eras: Vec<Era>,
    conflict: Option<Conflict>,
}

/// The other side of a disputed limit.
#[derive(Debug, Clone)]
struct Conflict {
    max: Option<u64>,
    source: &'static str,
}

#[derive(Debug, Clone)]
struct Era {
    until: &'static str,
    max: Option<u64>,
}

// The file is read from its JSON value, not through serde derives: a deserializer per struct
// for a file read once cost more WASM than these few lines (2026-12-02).

/// A string field, borrowed from the parsed file.
fn text(o: &'static Value, key: &str) -> Option<&'static str> {
    o.get(key)?.as_str()
}

/// A count that may be left out or `null` (`Some(None)`); `None` when it is no whole number.
fn count(o: &'static Value, key: &str) -> Option<Option<u64>> {
    match o.get(key) {
        None | Some(Value::Null) => Some(None),
        Some(x) => x.as_u64().map(Some),
    }
}

fn entry_of(v: &'static Value) -> Option<Entry> {
    let eras = match v.get("eras") {
        None => Vec::new(),
        Some(list) => list
            .as_array()?
            .iter()
            .map(|e| Some(Era { until: text(e, "until")?, max: count(e, "max")? }))
            .collect::<Option<_>>()?,
    };
    let conflict = match v.get("conflict") {
        None | Some(Value::Null) => None,
        Some(c) => Some(Conflict { max: count(c, "max")?, source: text(c, "source")? }),
    };
    v.as_object()?;
    Some(Entry {
        min: count(v, "min")?,
        max: count(v, "max")?,
        tag: text(v, "tag")?,
        source: text(v, "source")?,
        eras,
        conflict,
    })
}

/// The file as JSON, parsed once for the limits and the routing.
static FILE: LazyLock<Option<Value>> = LazyLock::new(|| crate::embedded::load!("send-limits.json"));

static BUILT_IN: LazyLock<HashMap<&'static str, Entry>> = LazyLock::new(|| {
    // An unreadable file (see `embedded`), or one entry that does not read, means no limit is
    // known.
    let limits = FILE.as_ref().and_then(|f| f.get("limits")?.as_object());
    let table = limits.and_then(|l| l.iter().map(|(k, v)| Some((k.as_str(), entry_of(v)?))).collect());
    table.unwrap_or_default()
});

#[derive(Debug)]
struct RouteEntry {
    from: &'static str,
    tag: &'static str,
    source: &'static str,
    messages_until: Option<ReportedEntry>,
}

#[derive(Debug)]
struct ReportedEntry {
    date: &'static str,
    tag: &'static str,
    by: &'static str,
    source: &'static str,
}

/// Where marketing templates go: Meta's date, and the reported end of `/messages` for them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MarketingRoute {
    /// From this time (Unix seconds) Meta routes MARKETING templates to `/marketing_messages`.
    pub from: i64,
    /// `from` as written in the data (`YYYY-MM-DD`).
    pub from_date: &'static str,
    pub source: &'static str,
    /// The date from which `/messages` is said to stop taking them, when one is reported.
    pub messages_until: Option<Reported>,
}

/// A date only a third party gives (`tag: "reported"`): named in findings, never blocking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reported {
    pub at: i64,
    pub date: &'static str,
    /// Who reports it, short enough for a message (`chatwoot discussion #16330`).
    pub by: &'static str,
    pub source: &'static str,
}

// Read apart from the limits, so that a fault here cannot empty the limit table.
static MARKETING_ENTRY: LazyLock<Option<RouteEntry>> = LazyLock::new(|| {
    let entry = FILE.as_ref()?.get("routing")?.get("marketing_templates")?;
    entry.as_object()?;
    let messages_until = match entry.get("messages_until") {
        None | Some(Value::Null) => None,
        Some(r) => Some(ReportedEntry {
            date: text(r, "date")?,
            tag: text(r, "tag")?,
            by: text(r, "by")?,
            source: text(r, "source")?,
        }),
    };
    Some(RouteEntry {
        from: text(entry, "from")?,
        tag: text(entry, "tag")?,
        source: text(entry, "source")?,
        messages_until,
    })
});

static MARKETING_ROUTE: LazyLock<Option<MarketingRoute>> = LazyLock::new(|| {
    let entry = MARKETING_ENTRY.as_ref()?;
    if entry.tag != "confirmed" {
        return None;
    }
    let messages_until = entry.messages_until.as_ref().and_then(|r| {
        let at = parse_time(r.date).ok().filter(|_| r.tag == "reported")?;
        Some(Reported { at, date: r.date, by: r.by, source: r.source })
    });
    Some(MarketingRoute {
        from: parse_time(entry.from).ok()?,
        from_date: entry.from,
        source: entry.source,
        messages_until,
    })
});

/// Meta's routing of MARKETING templates (`routing.marketing_templates` of the data file).
pub fn marketing_route() -> Option<MarketingRoute> {
    *MARKETING_ROUTE
}

/// The limits in force for one check: the built-in table, the era of the send's date, and the
/// caller's overrides.
#[derive(Debug, Clone, Default)]
pub struct Limits {
    overrides: HashMap<String, Option<u64>>,
}

/// One limit as it applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    pub min: Option<u64>,
    pub max: Option<u64>,
    /// False for a limit that only secondary sources state: breaking it warns, never blocks.
    pub certain: bool,
    /// Where another source sets a lower maximum: values above it but within `max` are
    /// allowed with a warning naming both sides.
    pub disputed: Option<Dispute>,
    /// The end (`YYYY-MM-DD`, exclusive) of the earlier era whose value applies, when one does.
    pub until: Option<&'static str>,
}

/// A lower maximum from another source, and the two sources.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dispute {
    pub max: u64,
    pub source: &'static str,
    pub other_source: &'static str,
}

impl Limits {
    /// Overrides from JSON: `{"list.body": 1024, "product_list.products": 30}`; `null` turns a
    /// limit off. Unknown names and values that are not whole numbers are errors.
    pub fn from_value(v: &Value) -> Result<Limits, InputError> {
        let invalid = |m: String| InputError::new("INVALID_OPTIONS", m);
        let obj = match v {
            Value::Null => return Ok(Limits::default()),
            Value::Object(o) => o,
            _ => return Err(invalid("limits must be an object such as {\"list.body\": 1024}".into())),
        };
        let mut overrides = HashMap::new();
        for (k, x) in obj {
            if !BUILT_IN.contains_key(k.as_str()) {
                let mut known: Vec<&str> = BUILT_IN.keys().copied().collect();
                crate::order::sort(&mut known);
                return Err(invalid(format!("limits: no limit `{k}` (known: {})", known.join(", "))));
            }
            let n = match x {
                Value::Null => None,
                _ => Some(x.as_u64().ok_or_else(|| invalid(format!("limits.{k} must be a whole number or null")))?),
            };
            overrides.insert(k.clone(), n);
        }
        Ok(Limits { overrides })
    }

    /// The limit `name` for a send at `now` (Unix seconds; `None` takes today's value).
    pub fn get(&self, name: &str, now: Option<i64>) -> Limit {
        let Some(entry) = BUILT_IN.get(name) else {
            return Limit { min: None, max: None, certain: false, disputed: None, until: None };
        };
        let mut max = entry.max;
        let mut until = None;
        if let Some(now) = now {
            // Eras are ordered oldest first; the first whose end is still ahead applies.
            if let Some(era) = entry.eras.iter().find(|e| parse_time(e.until).is_ok_and(|until| now < until)) {
                max = era.max;
                until = Some(era.until);
            }
        }
        let overridden = self.overrides.get(name);
        if let Some(o) = overridden {
            max = *o;
            until = None;
        }
        // A caller who sets the limit has settled the dispute.
        let disputed = entry
            .conflict
            .as_ref()
            .filter(|_| overridden.is_none())
            .and_then(|c| c.max.filter(|low| max.is_none_or(|m| *low < m)).map(|low| (low, c)))
            .map(|(low, c)| Dispute { max: low, source: entry.source, other_source: c.source });
        Limit { min: entry.min, max, certain: entry.tag == "confirmed", disputed, until }
    }

    /// Every limit's name, for documentation and tests.
    pub fn names() -> Vec<&'static str> {
        let mut v: Vec<&'static str> = BUILT_IN.keys().copied().collect();
        crate::order::sort(&mut v);
        v
    }
}

// Tests only: the unwraps below are assertions on fixed inputs, compiled under cfg(test) and
// never into the library, so no user input reaches them.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_data_file_reads_and_every_limit_has_a_source() {
        let file: Value = serde_json::from_str(crate::embedded::embedded!("send-limits.json")).unwrap();
        assert!(BUILT_IN.len() >= 40);
        for (name, e) in file["limits"].as_object().unwrap() {
            assert!(e["source"].as_str().is_some_and(|s| !s.is_empty()), "{name}");
            assert!(matches!(e["tag"].as_str(), Some("confirmed" | "secondary")), "{name}");
        }
    }

    #[test]
    fn eras_apply_before_their_end_and_overrides_win() {
        let l = Limits::default();
        let before = parse_time("2025-12-02T23:59:59Z").unwrap();
        let after = parse_time("2025-12-03T00:00:00Z").unwrap();
        assert_eq!(l.get("template.coupon_code", Some(before)).max, Some(15));
        assert_eq!(l.get("template.coupon_code", Some(after)).max, Some(20));
        assert_eq!(l.get("template.coupon_code", None).max, Some(20));
        assert_eq!(l.get("template.coupon_code", Some(before)).until, Some("2025-12-03"));
        assert_eq!(l.get("template.coupon_code", Some(after)).until, None);
        let o = Limits::from_value(&serde_json::json!({"list.body": 1024, "product_list.products": 30})).unwrap();
        assert_eq!(o.get("list.body", None).max, Some(1024));
        assert_eq!(o.get("product_list.products", None).max, Some(30));
        assert_eq!(l.get("product_list.products", None).max, None);
        assert_eq!(l.get("list.body", None).disputed.map(|d| d.max), Some(1024));
        assert_eq!(o.get("list.body", None).disputed, None);
        assert_eq!(l.get("product_list.products", None).disputed.map(|d| d.max), Some(30));
        assert!(Limits::from_value(&serde_json::json!({"list.bdy": 1})).is_err());
    }

    #[test]
    fn the_marketing_route_reads_with_its_reported_end() {
        let r = marketing_route().expect("routing.marketing_templates in data/send-limits.json");
        assert_eq!((r.from, r.from_date), (parse_time("2026-09-21").unwrap(), "2026-09-21"));
        assert!(r.source.starts_with("M-ROUTE"));
        let end = r.messages_until.expect("the reported end, tagged `reported`");
        assert_eq!((end.at, end.date), (parse_time("2027-10-13").unwrap(), "2027-10-13"));
        assert_eq!(end.by, "chatwoot discussion #16330");
        assert!(end.source.contains("16330"));
        assert!(Limits::from_value(&serde_json::json!({"list.body": -1})).is_err());
    }
}
