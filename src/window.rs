//! The customer-service window: free-form messages may be sent for 24 hours after the user's
//! last message (M-SEND). Time is always a parameter (`now`), never read here.
//!
//! This is the part the send preflight needs today; free entry points, calls and the pricing
//! eras build on it (issue #5).

use serde::Serialize;

/// Length of the customer-service window opened by a user's message.
pub const WINDOW_SECONDS: i64 = 24 * 60 * 60;

/// Whether free-form messages may be sent now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Window {
    pub open: bool,
    /// When the window closes (or closed), RFC 3339 UTC; `None` when the user never wrote.
    pub expires_at: Option<String>,
    /// Seconds left while open.
    pub remaining_seconds: Option<i64>,
}

/// The window at `now` given the time of the user's last inbound message (Unix seconds).
pub fn customer_service_window(last_inbound: Option<i64>, now: i64) -> Window {
    match last_inbound {
        None => Window { open: false, expires_at: None, remaining_seconds: None },
        Some(at) => {
            let expires = at.saturating_add(WINDOW_SECONDS);
            let open = at <= now && now < expires;
            Window { open, expires_at: Some(format_time(expires)), remaining_seconds: open.then_some(expires - now) }
        }
    }
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
    fn window_opens_for_24_hours() {
        let at = parse_time("2025-08-01T10:00:00Z").unwrap();
        let w = customer_service_window(Some(at), at + 3600);
        assert!(w.open);
        assert_eq!(w.expires_at.as_deref(), Some("2025-08-02T10:00:00Z"));
        assert_eq!(w.remaining_seconds, Some(23 * 3600));
        assert!(!customer_service_window(Some(at), at + WINDOW_SECONDS).open);
        assert!(!customer_service_window(None, at).open);
    }
}
