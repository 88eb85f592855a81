//! WP13x: length limits of text fields, counted in the unit the options choose (Unicode code
//! points by default, UTF-16 code units with `lengthUnit: "utf16"`). The span marks the part
//! beyond the limit.

use super::{Context, Findings, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use crate::limits::Limits;
use crate::template::{ButtonKind, ComponentKind, Text};

macro_rules! limit_rule {
    ($id:ident, $code:literal, $name:literal, $what:literal, $limit:literal, $why:literal, $fires:literal, $passes:literal) => {
        pub static $id: Rule = Rule {
            code: $code,
            name: $name,
            severity: Severity::Error,
            summary: concat!(
                $what,
                " longer than ",
                $limit,
                " characters, counted in Unicode code points (UTF-16 code units with `lengthUnit: \"utf16\"`)."
            ),
            why: $why,
            help: concat!("shorten it to at most ", $limit, " characters"),
            fires: $fires,
            passes: $passes,
            uncertain: false,
            meta_error: None,
        };
    };
}

limit_rule!(BODY_TOO_LONG, "WP130", "body-too-long", "Body text", "1,024",
    "Meta caps body text at 1,024 characters, placeholders included as written (M-COMP, M-UTIL; creation error 2388040).",
    "a body of 1,025 characters, or 1,000 letters and 25 emoji with `lengthUnit: \"utf16\"`",
    "a body of 1,024 characters, emoji counted as one each");
limit_rule!(
    HEADER_TOO_LONG,
    "WP131",
    "header-too-long",
    "Text header",
    "60",
    "Meta caps text headers at 60 characters (M-COMP).",
    "a 61-character header",
    "a 60-character header"
);
limit_rule!(
    FOOTER_TOO_LONG,
    "WP132",
    "footer-too-long",
    "Footer text",
    "60",
    "Meta caps footers at 60 characters (M-COMP).",
    "a 61-character footer",
    "`Reply STOP to opt out`"
);
limit_rule!(
    BUTTON_TEXT_TOO_LONG,
    "WP133",
    "button-text-too-long",
    "A button label",
    "25",
    "Button labels are at most 25 characters (M-COMP; 20 before ~2023).",
    "`\"text\": \"Track your package delivery\"` (28)",
    "`\"text\": \"Track package\"`"
);
limit_rule!(
    URL_TOO_LONG,
    "WP134",
    "url-too-long",
    "A URL button's URL",
    "2,000",
    "URL buttons take URLs of at most 2,000 characters (M-COMP).",
    "a 2,001-character URL",
    "`https://example.com/track/{{1}}`"
);
limit_rule!(
    PHONE_NUMBER_TOO_LONG,
    "WP135",
    "phone-number-too-long",
    "A phone button's number",
    "20",
    "Phone-number buttons take at most 20 characters (M-COMP).",
    "`\"phone_number\": \"+39 02 1234 5678 ext. 99\"`",
    "`\"phone_number\": \"+390212345678\"`"
);
/// The copy-code limit changed on 2025-12-03; its values and date are read from
/// `template.coupon_code` in `data/send-limits.json`, the declaration the send check (WP508)
/// reads, for the date of the options' `asOf`.
pub static COPY_CODE_TOO_LONG: Rule = Rule {
    code: "WP136",
    name: "copy-code-too-long",
    severity: Severity::Error,
    summary: "A copy-code button's example code longer than 20 characters (15 before 2025-12-03, with `asOf`), counted in Unicode code points (UTF-16 code units with `lengthUnit: \"utf16\"`).",
    why: "Copy codes are at most 20 characters since 2025-12-03 (Meta changelog of 2025-12-03, M-CHG; coupon page, M-COUP); 15 before. The limited-time-offer page (M-LTO, dated 2025-11-04) and the components page (M-COMP COPY_CODE, \"Maximum 15\") still say 15: they predate the change, so 20 applies from its date. Both values and the date are declared once, as `template.coupon_code` in data/send-limits.json, which the send check (WP508) reads too; `asOf` chooses the era, today's when absent.",
    help: "shorten the code to the limit",
    fires: "`\"example\": \"SUMMERSALE2025XLDEAL1\"` (21), or `\"SUMMERSALE2025XL\"` (16) with `asOf: \"2025-11-01\"`",
    passes: "`\"example\": \"SUMMERSALE2025XL\"` (16) without `asOf`, or `\"SUMMER25\"` on any date",
    uncertain: false,
    meta_error: None,
};
limit_rule!(
    OFFER_TEXT_TOO_LONG,
    "WP137",
    "offer-text-too-long",
    "A limited-time offer's text",
    "16",
    "The offer text of a limited-time offer is at most 16 characters (PYWA `LimitedTimeOffer`; M-MKT).",
    "`\"text\": \"Expiring offer today!\"`",
    "`\"text\": \"Expiring offer!\"`"
);
limit_rule!(
    CARD_BODY_TOO_LONG,
    "WP138",
    "card-body-too-long",
    "A carousel card's body text",
    "160",
    "Carousel card bodies are at most 160 characters (M-MKT).",
    "a 161-character card body",
    "a 160-character card body"
);

pub fn check(cx: &mut Context) {
    let mut found = Findings::default();
    let unit = cx.options.length_unit;
    let copy_code = Limits::default().get("template.coupon_code", cx.options.as_of);
    let mut measure = |rule: &'static Rule, text: &Text, limit: usize, what: &str| {
        if let Some(at) = unit.overflow_at(&text.value, limit) {
            let n = unit.len(&text.value);
            let mut d =
                Diagnostic::new(rule, &text.path, format!("{what} is {n} {}; the limit is {limit}", unit.name()))
                    .at(&text.value, at..text.value.len());
            // The copy-code limit is dated: say which era's it is.
            if rule.code == COPY_CODE_TOO_LONG.code {
                if let Some(until) = copy_code.until {
                    d.message.push_str(&format!(" before {until}"));
                }
                d = d.help(format!("shorten the code to at most {limit} characters"));
            }
            found.push(d);
        }
    };
    // No maximum (an era without one) leaves the codes unchecked.
    let copy_code_max = copy_code.max.map_or(usize::MAX, |m| usize::try_from(m).unwrap_or(usize::MAX));
    let t = cx.template;
    for c in &t.components {
        match &c.kind {
            ComponentKind::Body(b) => b.text.iter().for_each(|x| measure(&BODY_TOO_LONG, x, 1024, "body text")),
            ComponentKind::Header(h) => h.text.iter().for_each(|x| measure(&HEADER_TOO_LONG, x, 60, "header text")),
            ComponentKind::Footer(f) => f.text.iter().for_each(|x| measure(&FOOTER_TOO_LONG, x, 60, "footer text")),
            ComponentKind::LimitedTimeOffer(o) => {
                o.text.iter().for_each(|x| measure(&OFFER_TEXT_TOO_LONG, x, 16, "offer text"))
            }
            ComponentKind::Buttons(buttons) => buttons_limits(buttons, copy_code_max, &mut measure),
            ComponentKind::Carousel(cards) => {
                for card in cards {
                    for cc in &card.components {
                        match &cc.kind {
                            ComponentKind::Body(b) => {
                                b.text.iter().for_each(|x| measure(&CARD_BODY_TOO_LONG, x, 160, "card body text"))
                            }
                            ComponentKind::Buttons(buttons) => buttons_limits(buttons, copy_code_max, &mut measure),
                            _ => {}
                        }
                    }
                }
            }
            _ => {}
        }
    }
    cx.absorb(found);
}

fn buttons_limits(
    buttons: &[crate::template::Button],
    copy_code_max: usize,
    measure: &mut impl FnMut(&'static Rule, &Text, usize, &str),
) {
    for b in buttons {
        if let Some(x) = &b.text {
            measure(&BUTTON_TEXT_TOO_LONG, x, 25, "button label");
        }
        if let Some(x) = &b.url {
            measure(&URL_TOO_LONG, x, 2000, "URL");
        }
        if let Some(x) = &b.phone_number {
            measure(&PHONE_NUMBER_TOO_LONG, x, 20, "phone number");
        }
        if b.kind == ButtonKind::CopyCode {
            if let Some(code) = copy_code_example(b) {
                measure(&COPY_CODE_TOO_LONG, &code, copy_code_max, "copy code");
            }
        }
    }
}

/// A COPY_CODE button's example: a string, or the first string of an array.
pub fn copy_code_example(b: &crate::template::Button) -> Option<Text> {
    match b.example.as_ref()? {
        serde_json::Value::String(s) => Some(Text { value: s.clone(), path: format!("{}.example", b.path) }),
        serde_json::Value::Array(a) => {
            a.first()?.as_str().map(|s| Text { value: s.to_string(), path: format!("{}.example[0]", b.path) })
        }
        _ => None,
    }
}

// Tests only: the unwraps below are assertions on fixed inputs, compiled under cfg(test) and
// never into the library, so no user input reaches them.
#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::check::{validate_value, ValidateOptions};
    use crate::window::parse_time;

    fn with_code(code: &str) -> serde_json::Value {
        json!({
            "name": "promo", "language": "en_US", "category": "MARKETING",
            "components": [
                {"type": "BODY", "text": "Use this code for 20% off your next order."},
                {"type": "BUTTONS", "buttons": [{"type": "COPY_CODE", "example": code}]}
            ]
        })
    }

    fn copy_code_findings(code: &str, options: serde_json::Value) -> Vec<Diagnostic> {
        let options = ValidateOptions::from_value(&options).unwrap();
        let report = validate_value(&with_code(code), &options).unwrap();
        report.diagnostics.into_iter().filter(|d| d.code == "WP136").collect()
    }

    #[test]
    fn the_copy_code_limit_follows_as_of() {
        let sixteen = "SUMMERSALE2025XL";
        assert!(copy_code_findings(sixteen, json!({})).is_empty(), "20 today");
        assert!(copy_code_findings(sixteen, json!({"asOf": "2025-12-03"})).is_empty(), "20 from the day");
        assert!(copy_code_findings(sixteen, json!({"asOf": "2026-01-01T08:00:00+02:00"})).is_empty());
        let before = copy_code_findings(sixteen, json!({"asOf": "2025-12-02T23:59:59Z"}));
        assert_eq!(before.len(), 1);
        assert_eq!(before[0].message, "copy code is 16 characters; the limit is 15 before 2025-12-03");
        assert_eq!(before[0].help.as_deref(), Some("shorten the code to at most 15 characters"));
        assert_eq!(before[0].path, "components[1].buttons[0].example");
        assert_eq!(before[0].span.map(|s| (s.start, s.end)), Some((15, 16)));
        assert!(copy_code_findings("SUMMER2025XLDEAL15", json!({"asOf": "2025-11-01"})).len() == 1);
        assert!(copy_code_findings("SUMMER25", json!({"asOf": "2025-11-01"})).is_empty());
        let today = copy_code_findings("SUMMERSALE2025XLDEAL1", json!({}));
        assert_eq!(today.len(), 1);
        assert_eq!(today[0].message, "copy code is 21 characters; the limit is 20");
    }

    #[test]
    fn the_copy_code_limit_counts_in_the_chosen_unit() {
        // 19 letters and one emoji: 20 code points, 21 UTF-16 code units.
        let code = "SUMMERSALE2025XLDEA🎉";
        assert!(copy_code_findings(code, json!({})).is_empty());
        let utf16 = copy_code_findings(code, json!({"lengthUnit": "utf16"}));
        assert_eq!(utf16.len(), 1);
        assert_eq!(utf16[0].span.map(|s| (s.start, s.end)), Some((19, 21)));
    }

    #[test]
    fn the_rule_text_states_the_declared_values() {
        let limits = Limits::default();
        let today = limits.get("template.coupon_code", None);
        let old = limits.get("template.coupon_code", Some(parse_time("2000-01-01").unwrap()));
        let (now_max, old_max, until) = (today.max.unwrap(), old.max.unwrap(), old.until.unwrap());
        let summary = COPY_CODE_TOO_LONG.summary;
        assert!(summary.contains(&format!("longer than {now_max} characters ({old_max} before {until}")), "{summary}");
        assert!(COPY_CODE_TOO_LONG.why.contains(until));
    }

    #[test]
    fn a_bad_as_of_is_an_options_error() {
        for bad in [json!({"asOf": "2025-13-01"}), json!({"asOf": "yesterday"}), json!({"asOf": true})] {
            let e = ValidateOptions::from_value(&bad).unwrap_err();
            assert_eq!(e.code, "INVALID_OPTIONS");
            assert!(e.message.contains("asOf"), "{}", e.message);
        }
        assert_eq!(ValidateOptions::from_value(&json!({"asOf": null})).unwrap().as_of, None);
        assert_eq!(
            ValidateOptions::from_value(&json!({"asOf": "2025-12-03"})).unwrap().as_of,
            Some(parse_time("2025-12-03T00:00:00Z").unwrap())
        );
        // Epoch milliseconds, as a JS number or a Date the binding converts.
        assert_eq!(
            ValidateOptions::from_value(&json!({"asOf": 1_764_720_000_000u64})).unwrap().as_of,
            Some(parse_time("2025-12-03T00:00:00Z").unwrap())
        );
    }
}
