//! The three template categories Meta knows today, and the reading of a declared category
//! (pre-2023 names included). Below the rules and the classifier, which both speak of it.

/// A declared category, after mapping the pre-2023 values to today's.
/// Serialized by the manual impl below as Meta's upper-case name.
#[cfg_attr(test, derive(ts_rs::TS), ts(type = "\"MARKETING\" | \"UTILITY\" | \"AUTHENTICATION\""))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Category {
    Marketing,
    Utility,
    Authentication,
}

impl Category {
    /// The name Meta uses, as in the Graph API (`MARKETING`).
    pub fn name(self) -> &'static str {
        match self {
            Category::Marketing => "MARKETING",
            Category::Utility => "UTILITY",
            Category::Authentication => "AUTHENTICATION",
        }
    }
}

/// Written as Meta's name (`"UTILITY"`), in JSON and in text.
impl serde::Serialize for Category {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

impl std::fmt::Display for Category {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// Maps a declared category, in any casing, to today's category; the second value is the
/// legacy name when the declared one is a pre-2023 category.
pub fn parse_category(s: &str) -> Option<(Category, Option<&'static str>)> {
    const LEGACY: &[(&str, Category)] = &[
        ("ACCOUNT_UPDATE", Category::Utility),
        ("PAYMENT_UPDATE", Category::Utility),
        ("PERSONAL_FINANCE_UPDATE", Category::Utility),
        ("SHIPPING_UPDATE", Category::Utility),
        ("RESERVATION_UPDATE", Category::Utility),
        ("ISSUE_RESOLUTION", Category::Utility),
        ("APPOINTMENT_UPDATE", Category::Utility),
        ("TRANSPORTATION_UPDATE", Category::Utility),
        ("TICKET_UPDATE", Category::Utility),
        ("ALERT_UPDATE", Category::Utility),
        ("AUTO_REPLY", Category::Utility),
        ("TRANSACTIONAL", Category::Utility),
        ("OTP", Category::Authentication),
    ];
    // Compared in any casing without an uppercased copy: every validation reads the category
    // several times.
    let s = s.trim();
    for (name, c) in [
        ("MARKETING", Category::Marketing),
        ("UTILITY", Category::Utility),
        ("AUTHENTICATION", Category::Authentication),
    ] {
        if s.eq_ignore_ascii_case(name) {
            return Some((c, None));
        }
    }
    LEGACY.iter().find(|(name, _)| s.eq_ignore_ascii_case(name)).map(|(name, c)| (*c, Some(*name)))
}
