//! WP13x: length limits of text fields, counted in the unit the options choose (Unicode code
//! points by default, UTF-16 code units with `lengthUnit: "utf16"`). The span marks the part
//! beyond the limit.

use super::{Context, Findings, Rule};
use crate::diagnostic::Diagnostic;
use crate::limits::Limits;
use crate::template::{ButtonKind, ComponentKind, Text};

declare_rules! {
    BODY_TOO_LONG {
        code: "WP130",
        name: "body-too-long",
        stage: Template,
        severity: Error,
        summary: "Body text longer than 1,024 characters, counted in Unicode code points (UTF-16 code units with `lengthUnit: \"utf16\"`).",
        why: "Meta caps body text at 1,024 characters, placeholders included as written (M-COMP, M-UTIL; creation error 2388040).",
        help: "shorten it to at most 1,024 characters",
        fires: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "⟪a×1025⟫"}]}"#,
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "⟪a×1000⟫👍👍👍👍👍👍👍👍👍👍👍👍👍👍👍👍👍👍👍👍👍👍👍👍👍"}]}"#,
        ],
        passes: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Your order: ⟪a×1000⟫👍👍👍👍👍👍👍👍👍👍👍👍"}]}"#,
        ],
    }

    HEADER_TOO_LONG {
        code: "WP131",
        name: "header-too-long",
        stage: Template,
        severity: Error,
        summary: "Text header longer than 60 characters, counted in Unicode code points (UTF-16 code units with `lengthUnit: \"utf16\"`).",
        why: "Meta caps text headers at 60 characters (M-COMP).",
        help: "shorten it to at most 60 characters",
        fires: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "HEADER", "format": "TEXT", "text": "⟪h×61⟫"}, {"type": "BODY", "text": "Your order has shipped today."}]}"#,
        ],
        passes: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "HEADER", "format": "TEXT", "text": "⟪h×60⟫"}, {"type": "BODY", "text": "Your order has shipped today."}]}"#,
        ],
    }

    FOOTER_TOO_LONG {
        code: "WP132",
        name: "footer-too-long",
        stage: Template,
        severity: Error,
        summary: "Footer text longer than 60 characters, counted in Unicode code points (UTF-16 code units with `lengthUnit: \"utf16\"`).",
        why: "Meta caps footers at 60 characters (M-COMP).",
        help: "shorten it to at most 60 characters",
        fires: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Your order has shipped today."}, {"type": "FOOTER", "text": "⟪f×61⟫"}]}"#,
        ],
        passes: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Your order has shipped today."}, {"type": "FOOTER", "text": "Reply STOP to opt out"}]}"#,
        ],
    }

    BUTTON_TEXT_TOO_LONG {
        code: "WP133",
        name: "button-text-too-long",
        stage: Template,
        severity: Error,
        summary: "A button label longer than 25 characters, counted in Unicode code points (UTF-16 code units with `lengthUnit: \"utf16\"`).",
        why: "Button labels are at most 25 characters (M-COMP; 20 before ~2023).",
        help: "shorten it to at most 25 characters",
        fires: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Your order has shipped today."}, {"type": "BUTTONS", "buttons": [{"type": "QUICK_REPLY", "text": "Track your package delivery"}]}]}"#,
        ],
        passes: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Your order has shipped today."}, {"type": "BUTTONS", "buttons": [{"type": "QUICK_REPLY", "text": "Track package"}]}]}"#,
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Your order has shipped today."}, {"type": "BUTTONS", "buttons": [{"type": "QUICK_REPLY", "text": "Sì, confermo 👍👍👍👍👍👍👍👍👍👍👍👍"}]}]}"#,
        ],
    }

    URL_TOO_LONG {
        code: "WP134",
        name: "url-too-long",
        stage: Template,
        severity: Error,
        summary: "A URL button's URL longer than 2,000 characters, counted in Unicode code points (UTF-16 code units with `lengthUnit: \"utf16\"`).",
        why: "URL buttons take URLs of at most 2,000 characters (M-COMP).",
        help: "shorten it to at most 2,000 characters",
        fires: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Your order has shipped today."}, {"type": "BUTTONS", "buttons": [{"type": "URL", "text": "Track", "url": "https://shop.example.com/⟪a×1980⟫"}]}]}"#,
        ],
        passes: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Your order has shipped today."}, {"type": "BUTTONS", "buttons": [{"type": "URL", "text": "Track", "url": "https://shop.example.com/track/{{1}}", "example": ["https://shop.example.com/track/A1"]}]}]}"#,
        ],
    }

    PHONE_NUMBER_TOO_LONG {
        code: "WP135",
        name: "phone-number-too-long",
        stage: Template,
        severity: Error,
        summary: "A phone button's number longer than 20 characters, counted in Unicode code points (UTF-16 code units with `lengthUnit: \"utf16\"`).",
        why: "Phone-number buttons take at most 20 characters (M-COMP).",
        help: "shorten it to at most 20 characters",
        fires: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Your order has shipped today."}, {"type": "BUTTONS", "buttons": [{"type": "PHONE_NUMBER", "text": "Call us", "phone_number": "+39 02 1234 5678 99 00"}]}]}"#,
        ],
        passes: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Your order has shipped today."}, {"type": "BUTTONS", "buttons": [{"type": "PHONE_NUMBER", "text": "Call us", "phone_number": "+390212345678"}]}]}"#,
        ],
    }

    /// The copy-code limit changed on 2025-12-03; its values and date are read from
    /// `template.coupon_code` in `data/send-limits.json`, the declaration the send check (WP508)
    /// reads, for the date of the options' `asOf`.
    COPY_CODE_TOO_LONG {
        code: "WP136",
        name: "copy-code-too-long",
        stage: Template,
        severity: Error,
        summary: "A copy-code button's example code longer than 20 characters (15 before 2025-12-03, with `asOf`), counted in Unicode code points (UTF-16 code units with `lengthUnit: \"utf16\"`).",
        why: "Copy codes are at most 20 characters since 2025-12-03 (Meta changelog of 2025-12-03, M-CHG; coupon page, M-COUP); 15 before. The limited-time-offer page (M-LTO, dated 2025-11-04) and the components page (M-COMP COPY_CODE, \"Maximum 15\") still say 15: they predate the change, so 20 applies from its date. Both values and the date are declared once, as `template.coupon_code` in data/send-limits.json, which the send check (WP508) reads too; `asOf` chooses the era, today's when absent.",
        help: "shorten the code to the limit",
        fires: [
            r#"{"name": "promo", "language": "en_US", "category": "MARKETING", "components": [{"type": "BODY", "text": "Use this code for 20% off your next order."}, {"type": "BUTTONS", "buttons": [{"type": "COPY_CODE", "example": "SUMMERSALE2025XLDEAL1"}]}]}"#,
            r#"{"template": {"name": "promo", "language": "en_US", "category": "MARKETING", "components": [{"type": "BODY", "text": "Use this code for 20% off your next order."}, {"type": "BUTTONS", "buttons": [{"type": "COPY_CODE", "example": "SUMMERSALE2025XL"}]}]}, "options": {"asOf": "2025-11-01"}}"#,
        ],
        passes: [
            r#"{"name": "promo", "language": "en_US", "category": "MARKETING", "components": [{"type": "BODY", "text": "Use this code for 20% off your next order."}, {"type": "BUTTONS", "buttons": [{"type": "COPY_CODE", "example": "SUMMERSALE2025XL"}]}]}"#,
            r#"{"template": {"name": "promo", "language": "en_US", "category": "MARKETING", "components": [{"type": "BODY", "text": "Use this code for 20% off your next order."}, {"type": "BUTTONS", "buttons": [{"type": "COPY_CODE", "example": "SUMMERSALE2025XL"}]}]}, "options": {"asOf": "2025-12-03"}}"#,
            r#"{"template": {"name": "promo", "language": "en_US", "category": "MARKETING", "components": [{"type": "BODY", "text": "Use this code for 20% off your next order."}, {"type": "BUTTONS", "buttons": [{"type": "COPY_CODE", "example": "SUMMER25"}]}]}, "options": {"asOf": "2025-11-01"}}"#,
        ],
    }

    OFFER_TEXT_TOO_LONG {
        code: "WP137",
        name: "offer-text-too-long",
        stage: Template,
        severity: Error,
        summary: "A limited-time offer's text longer than 16 characters, counted in Unicode code points (UTF-16 code units with `lengthUnit: \"utf16\"`).",
        why: "The offer text of a limited-time offer is at most 16 characters (PYWA `LimitedTimeOffer`; M-MKT).",
        help: "shorten it to at most 16 characters",
        fires: [
            r#"{"name": "order_update", "language": "en_US", "category": "MARKETING", "components": [{"type": "LIMITED_TIME_OFFER", "limited_time_offer": {"text": "Expiring offer today!", "has_expiration": true}}, {"type": "BODY", "text": "Get 20% off all shoes this weekend only."}]}"#,
        ],
        passes: [
            r#"{"name": "order_update", "language": "en_US", "category": "MARKETING", "components": [{"type": "LIMITED_TIME_OFFER", "limited_time_offer": {"text": "Expiring offer!", "has_expiration": true}}, {"type": "BODY", "text": "Get 20% off all shoes this weekend only."}, {"type": "BUTTONS", "buttons": [{"type": "COPY_CODE", "example": "SAVE20"}]}]}"#,
        ],
    }

    CARD_BODY_TOO_LONG {
        code: "WP138",
        name: "card-body-too-long",
        stage: Template,
        severity: Error,
        summary: "A carousel card's body text longer than 160 characters, counted in Unicode code points (UTF-16 code units with `lengthUnit: \"utf16\"`).",
        why: "Carousel card bodies are at most 160 characters (M-MKT).",
        help: "shorten it to at most 160 characters",
        fires: [
            r#"{"name": "summer_trips", "language": "en_US", "category": "MARKETING", "components": [{"type": "BODY", "text": "Our summer trips are here, pick yours."}, {"type": "CAROUSEL", "cards": [{"components": [{"type": "HEADER", "format": "IMAGE", "example": {"header_handle": ["4::aW1hZ2UvanBlZw==:ARb"]}}, {"type": "BODY", "text": "⟪c×161⟫"}, {"type": "BUTTONS", "buttons": [{"type": "URL", "text": "Book now", "url": "https://travel.example.com/alps"}]}]}, {"components": [{"type": "HEADER", "format": "IMAGE", "example": {"header_handle": ["4::aW1hZ2UvanBlZw==:ARb"]}}, {"type": "BODY", "text": "Alpine week, 7 nights."}, {"type": "BUTTONS", "buttons": [{"type": "URL", "text": "Book now", "url": "https://travel.example.com/alps"}]}]}]}]}"#,
        ],
        passes: [
            r#"{"name": "summer_trips", "language": "en_US", "category": "MARKETING", "components": [{"type": "BODY", "text": "Our summer trips are here, pick yours."}, {"type": "CAROUSEL", "cards": [{"components": [{"type": "HEADER", "format": "IMAGE", "example": {"header_handle": ["4::aW1hZ2UvanBlZw==:ARb"]}}, {"type": "BODY", "text": "⟪c×160⟫"}, {"type": "BUTTONS", "buttons": [{"type": "URL", "text": "Book now", "url": "https://travel.example.com/alps"}]}]}, {"components": [{"type": "HEADER", "format": "IMAGE", "example": {"header_handle": ["4::aW1hZ2UvanBlZw==:ARb"]}}, {"type": "BODY", "text": "Alpine week, 7 nights."}, {"type": "BUTTONS", "buttons": [{"type": "URL", "text": "Book now", "url": "https://travel.example.com/alps"}]}]}]}]}"#,
        ],
    }
}

#[inline(never)] // one function per stage: see `rules::run`
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
