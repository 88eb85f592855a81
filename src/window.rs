//! The customer-service window: free-form messages may be sent for 24 hours after the user's
//! last message or call, each of which resets it (M-SEND); and free-entry-point windows: a reply
//! within 24 hours to a user who came from a Click-to-WhatsApp ad or a Page button opens 72 hours
//! in which every message is free (M-PRICE). Time is always a parameter (`now`), never read here.

use serde::{Deserialize, Serialize};

pub use crate::time::{format_time, parse_time, Timestamp};

/// Length of the customer-service window opened by a user's message.
pub const WINDOW_SECONDS: i64 = 24 * 60 * 60;

/// Length of a free-entry-point window, from the business's reply.
pub const FREE_ENTRY_POINT_SECONDS: i64 = 72 * 60 * 60;

/// Who sent a message.
#[cfg_attr(test, derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Inbound,
    Outbound,
}

/// One message or call of a conversation timeline.
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "TimelineEvent", optional_fields = nullable))]
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    /// ISO 8601 time, epoch milliseconds or a `Date`.
    pub at: Timestamp,
    pub direction: Direction,
    /// `template`, `text`, `image`, `interactive`, `call`, … (`text` when missing); `opt_in` and
    /// `opt_out` record consent given elsewhere.
    #[serde(rename = "type", default)]
    pub kind: Option<String>,
    /// The template's category (`marketing`, `utility`, `authentication`).
    #[serde(default)]
    #[cfg_attr(test, ts(type = "\"marketing\" | \"utility\" | \"authentication\" | null", optional))]
    pub category: Option<String>,
    /// The user's number (recipient of outbound events).
    #[serde(default)]
    pub to: Option<String>,
    /// The user's number on inbound events (`to` is accepted too).
    #[serde(default)]
    pub from: Option<String>,
    /// `ctwa` (Click-to-WhatsApp ad) or `page_button` on the inbound message that came from one.
    #[serde(default)]
    pub entry_point: Option<String>,
    /// An inbound message's text or button payload (for opt-out words).
    #[serde(default)]
    pub text: Option<String>,
    /// Categories of an `opt_in` / `opt_out` event (all when missing).
    #[serde(default)]
    pub categories: Option<Vec<String>>,
    /// The recipient's pricing market (a name of `data/markets.json`), for a recipient given as
    /// a business-scoped user ID, whose market no calling code tells (it wins over a number's
    /// calling code).
    #[serde(default)]
    pub market: Option<String>,
}

impl Event {
    /// The user: a number's digits, or a business-scoped user ID as given.
    pub fn user(&self) -> String {
        let n = match self.direction {
            Direction::Outbound => self.to.as_deref().or(self.from.as_deref()),
            Direction::Inbound => self.from.as_deref().or(self.to.as_deref()),
        };
        let n = n.unwrap_or_default().trim();
        if crate::address::is_user_id(n) {
            n.to_string()
        } else {
            n.chars().filter(char::is_ascii_digit).collect()
        }
    }

    pub fn kind(&self) -> &str {
        self.kind.as_deref().unwrap_or("text")
    }

    /// An inbound message or call opens (or resets) the customer-service window.
    pub fn opens_window(&self) -> bool {
        self.direction == Direction::Inbound && !matches!(self.kind(), "opt_in" | "opt_out" | "status")
    }
}

/// The customer-service and free-entry-point windows of one user, followed event by event.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WindowTracker {
    last_inbound: Option<i64>,
    /// An inbound message from a free entry point not yet answered.
    entry_point_at: Option<i64>,
    free_entry_point_until: Option<i64>,
}

impl WindowTracker {
    /// Records an event at `at` (Unix seconds); events must come in time order.
    pub fn record(&mut self, e: &Event, at: i64) {
        if e.opens_window() {
            self.last_inbound = Some(at);
            if e.entry_point.as_deref().is_some_and(|p| !p.is_empty()) {
                self.entry_point_at = Some(at);
            }
        } else if e.direction == Direction::Outbound {
            if let Some(entry) = self.entry_point_at.take() {
                if at - entry < WINDOW_SECONDS && at >= entry {
                    self.free_entry_point_until = Some(at + FREE_ENTRY_POINT_SECONDS);
                }
            }
        }
    }

    pub fn window(&self, now: i64) -> Window {
        customer_service_window(self.last_inbound, now)
    }

    /// True when a reply at `now` would open a free-entry-point window.
    pub fn entry_point_pending(&self, now: i64) -> bool {
        self.entry_point_at.is_some_and(|e| now >= e && now - e < WINDOW_SECONDS)
    }

    pub fn free_entry_point(&self, now: i64) -> Option<FreeEntryPoint> {
        self.free_entry_point_until.map(|until| FreeEntryPoint { open: now < until, expires_at: format_time(until) })
    }
}

/// A free-entry-point window.
#[cfg_attr(test, derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FreeEntryPoint {
    pub open: bool,
    pub expires_at: String,
}

/// Both windows of one user at `now`.
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "WindowStateResult"))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WindowState {
    pub open: bool,
    pub expires_at: Option<String>,
    pub remaining_seconds: Option<i64>,
    pub free_entry_point: Option<FreeEntryPoint>,
}

/// The windows at `now` from a timeline of one user's events (events after `now` are ignored).
pub fn window_state(events: &[Event], now: i64) -> WindowState {
    let mut timed: Vec<(i64, usize)> = events.iter().enumerate().map(|(i, e)| (e.at.secs(), i)).collect();
    crate::order::sort(&mut timed);
    let mut w = WindowTracker::default();
    for (at, i) in timed.into_iter().filter(|(at, _)| *at <= now) {
        w.record(&events[i], at);
    }
    let cs = w.window(now);
    WindowState {
        open: cs.open,
        expires_at: cs.expires_at,
        remaining_seconds: cs.remaining_seconds,
        free_entry_point: w.free_entry_point(now),
    }
}

/// Whether free-form messages may be sent now.
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "WindowState"))]
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

// Tests only: the unwraps below are assertions on fixed inputs, compiled under cfg(test) and
// never into the library, so no user input reaches them.
#[cfg(test)]
mod tests {
    use super::*;

    fn ev(at: &str, direction: Direction, kind: &str, entry: Option<&str>) -> Event {
        Event {
            at: Timestamp::parse(at).unwrap(),
            direction,
            kind: Some(kind.into()),
            category: None,
            to: Some("39333".into()),
            from: None,
            entry_point: entry.map(str::to_string),
            text: None,
            categories: None,
            market: None,
        }
    }

    #[test]
    fn calls_reset_the_window_and_entry_points_open_72_hours() {
        use Direction::*;
        let events = [
            ev("2025-08-01T09:00:00Z", Inbound, "text", Some("ctwa")),
            ev("2025-08-01T10:00:00Z", Outbound, "text", None),
            ev("2025-08-02T08:00:00Z", Inbound, "call", None),
        ];
        let now = parse_time("2025-08-03T07:00:00Z").unwrap();
        let s = window_state(&events, now);
        assert!(s.open);
        assert_eq!(s.expires_at.as_deref(), Some("2025-08-03T08:00:00Z"));
        assert_eq!(s.free_entry_point, Some(FreeEntryPoint { open: true, expires_at: "2025-08-04T10:00:00Z".into() }));
        let later = window_state(&events, parse_time("2025-08-04T10:00:00Z").unwrap());
        assert!(!later.open && !later.free_entry_point.unwrap().open);
        // A reply after 24 h opens no free window.
        let slow = [
            ev("2025-08-01T09:00:00Z", Inbound, "text", Some("ctwa")),
            ev("2025-08-02T09:30:00Z", Outbound, "template", None),
        ];
        assert_eq!(window_state(&slow, parse_time("2025-08-02T10:00:00Z").unwrap()).free_entry_point, None);
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
