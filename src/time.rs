//! Points in time. Every entry point takes a time as ISO 8601 text (`2025-08-01T09:00:00Z`,
//! `2025-08-01T11:00:00.250+02:00`, or a date `2025-08-01`, midnight UTC) or as milliseconds
//! since 1970-01-01 (a JS number; the binding turns a `Date` into one), read by [`Timestamp`]
//! or, for an optional field named in its error, by [`optional`]. Inside the crate a time is
//! Unix seconds (`i64`). The base layer: this file imports nothing of the crate.
//!
//! The parser is written here rather than taken from a date-time crate: `jiff` added 46,301 and
//! `time` (feature `parsing`) 6,771 gzip bytes to the WASM module (measured 2026-12-01), against a
//! budget with 1.5 KB to spare.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, Visitor};

/// A point in time, as Unix seconds, read from ISO 8601 text or epoch milliseconds.
#[cfg_attr(test, derive(ts_rs::TS), ts(type = "TimeInput"))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(pub i64);

/// The milliseconds a JS `Date` can hold either side of 1970 (±100,000,000 days).
const MAX_MILLIS: f64 = 8.64e15;

impl Timestamp {
    /// ISO 8601 text (see [`parse_time`]).
    pub fn parse(s: &str) -> Result<Timestamp, String> {
        parse_time(s).map(Timestamp)
    }

    /// Milliseconds since 1970-01-01 (a JS number or `Date.getTime()`), rounded down to the second.
    pub fn from_millis(ms: f64) -> Result<Timestamp, String> {
        if !ms.is_finite() || ms.abs() > MAX_MILLIS {
            return Err(format!("{ms} is not a time in milliseconds since 1970-01-01"));
        }
        Ok(Timestamp((ms / 1000.0).floor() as i64))
    }

    /// Unix seconds.
    pub fn secs(self) -> i64 {
        self.0
    }
}

/// Reads a time; `name` (a JS option name such as `asOf`) starts the error message.
struct TimeVisitor(&'static str);

impl TimeVisitor {
    fn fail<E: de::Error>(&self, m: String) -> E {
        E::custom(if self.0.is_empty() { m } else { format!("{}: {m}", self.0) })
    }
}

impl<'de> Visitor<'de> for TimeVisitor {
    type Value = Option<Timestamp>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        if !self.0.is_empty() {
            write!(f, "{} ", self.0)?;
        }
        f.write_str("as ISO 8601 text (2025-08-01 or 2025-08-01T09:00:00Z) or milliseconds since 1970-01-01")
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<Self::Value, E> {
        Timestamp::parse(s).map(Some).map_err(|m| self.fail(m))
    }

    fn visit_f64<E: de::Error>(self, ms: f64) -> Result<Self::Value, E> {
        Timestamp::from_millis(ms).map(Some).map_err(|m| self.fail(m))
    }

    fn visit_i64<E: de::Error>(self, ms: i64) -> Result<Self::Value, E> {
        self.visit_f64(ms as f64)
    }

    fn visit_u64<E: de::Error>(self, ms: u64) -> Result<Self::Value, E> {
        self.visit_f64(ms as f64)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Timestamp, D::Error> {
        match d.deserialize_any(TimeVisitor(""))? {
            Some(t) => Ok(t),
            None => Err(de::Error::custom("a time is needed, found null")),
        }
    }
}

/// An optional time field as Unix seconds (`null` is none), with the option's JS name in the
/// error; for `#[serde(deserialize_with)]` through [`as_of`] and [`now`].
pub fn optional<'de, D: Deserializer<'de>>(d: D, name: &'static str) -> Result<Option<i64>, D::Error> {
    d.deserialize_any(TimeVisitor(name)).map(|t| t.map(Timestamp::secs))
}

/// `#[serde(deserialize_with = "crate::time::as_of")]`: an optional `asOf`.
pub fn as_of<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    optional(d, "asOf")
}

/// `#[serde(deserialize_with = "crate::time::now")]`: an optional `now`.
pub fn now<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    optional(d, "now")
}

/// Parses an RFC 3339 / ISO 8601 date-time with a zone (`2025-08-01T09:00:00Z`,
/// `2025-08-01T11:00:00.250+02:00`) or a date (`2025-08-01`, midnight UTC) to Unix seconds.
pub fn parse_time(s: &str) -> Result<i64, String> {
    let bad = || format!("`{s}` is not an ISO 8601 date-time such as 2025-08-01T09:00:00Z");
    let b = s.trim().as_bytes();
    let num = |r: std::ops::Range<usize>| -> Result<i64, String> {
        let part = b.get(r).ok_or_else(bad)?;
        if part.is_empty() || !part.iter().all(u8::is_ascii_digit) {
            return Err(bad());
        }
        Ok(part.iter().fold(0i64, |n, d| n * 10 + i64::from(d - b'0')))
    };
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return Err(bad());
    }
    let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
    if !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) {
        return Err(bad());
    }
    let mut secs = days_from_civil(year, month, day) * 86_400;
    if b.len() == 10 {
        return Ok(secs);
    }
    if !(b[10] == b'T' || b[10] == b't' || b[10] == b' ') || b.len() < 20 || b[13] != b':' || b[16] != b':' {
        return Err(bad());
    }
    let (h, m, sec) = (num(11..13)?, num(14..16)?, num(17..19)?);
    if h > 23 || m > 59 || sec > 60 {
        return Err(bad());
    }
    secs += h * 3600 + m * 60 + sec;
    let mut i = 19;
    if b.get(i) == Some(&b'.') {
        i += 1;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
    }
    match b.get(i..) {
        Some(b"Z") | Some(b"z") => Ok(secs),
        Some([sign @ (b'+' | b'-'), ..]) if b.len() == i + 6 && b[i + 3] == b':' => {
            let offset = num(i + 1..i + 3)? * 3600 + num(i + 4..i + 6)? * 60;
            Ok(if *sign == b'+' { secs - offset } else { secs + offset })
        }
        _ => Err(bad()),
    }
}

/// Formats Unix seconds as RFC 3339 UTC (`2025-08-02T10:00:00Z`).
pub fn format_time(secs: i64) -> String {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z", rem / 3600, rem % 3600 / 60, rem % 60)
}

fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { yoe + era * 400 + 1 } else { yoe + era * 400 }, m, d)
}

// Tests only: the unwraps below are assertions on fixed inputs, compiled under cfg(test) and
// never into the library, so no user input reaches them.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_formats_round_trip() {
        assert_eq!(parse_time("1970-01-01T00:00:00Z"), Ok(0));
        assert_eq!(parse_time("2025-08-01T09:00:00Z"), Ok(1_754_038_800));
        assert_eq!(parse_time("2025-08-01T11:00:00.250+02:00"), Ok(1_754_038_800));
        assert_eq!(parse_time("2024-02-29"), Ok(1_709_164_800));
        assert_eq!(format_time(1_754_038_800), "2025-08-01T09:00:00Z");
        assert_eq!(format_time(-1), "1969-12-31T23:59:59Z");
        for bad in ["", "2025-13-01", "2025-02-30", "2025-08-01T09:00:00", "yesterday", "2025-08-01T25:00:00Z"] {
            assert!(parse_time(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn timestamps_read_iso_text_or_milliseconds() {
        let t = |v: serde_json::Value| serde_json::from_value::<Timestamp>(v).map_err(|e| e.to_string());
        assert_eq!(t(serde_json::json!("2025-08-01T09:00:00Z")), Ok(Timestamp(1_754_038_800)));
        assert_eq!(t(serde_json::json!(1_754_038_800_250u64)), Ok(Timestamp(1_754_038_800)));
        assert_eq!(t(serde_json::json!(1_754_038_800_999.5)), Ok(Timestamp(1_754_038_800)));
        assert_eq!(t(serde_json::json!(-1)), Ok(Timestamp(-1)));
        assert!(t(serde_json::json!("soon")).unwrap_err().contains("`soon` is not an ISO 8601"));
        assert!(t(serde_json::json!(true)).unwrap_err().contains("milliseconds since 1970-01-01"));
        assert!(t(serde_json::json!(null)).is_err());
        assert!(t(serde_json::json!(1e300)).is_err());
        assert!(Timestamp::from_millis(f64::NAN).is_err());
    }

    #[test]
    fn optional_fields_name_themselves_in_errors() {
        #[derive(Debug, serde::Deserialize)]
        struct Opts {
            #[serde(default, deserialize_with = "as_of")]
            as_of: Option<i64>,
        }
        let o = |v: serde_json::Value| serde_json::from_value::<Opts>(v).map(|o| o.as_of).map_err(|e| e.to_string());
        assert_eq!(o(serde_json::json!({})), Ok(None));
        assert_eq!(o(serde_json::json!({"as_of": null})), Ok(None));
        assert_eq!(o(serde_json::json!({"as_of": "2024-02-29"})), Ok(Some(1_709_164_800)));
        assert_eq!(o(serde_json::json!({"as_of": 1_709_164_800_000u64})), Ok(Some(1_709_164_800)));
        assert!(o(serde_json::json!({"as_of": "2025-02-30"})).unwrap_err().starts_with("asOf: "));
        assert!(o(serde_json::json!({"as_of": [1]})).unwrap_err().contains("asOf as ISO 8601"));
    }
}
