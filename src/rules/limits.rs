//! WP13x: length limits of text fields, counted in the unit the options choose (Unicode code
//! points by default, UTF-16 code units with `lengthUnit: "utf16"`). The span marks the part
//! beyond the limit.

use super::{Context, Findings, Rule};
use crate::diagnostic::{Diagnostic, Severity};
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
limit_rule!(
    COPY_CODE_TOO_LONG,
    "WP136",
    "copy-code-too-long",
    "A copy-code button's example code",
    "15",
    "Copy-code buttons carry codes of at most 15 characters (M-COMP).",
    "`\"example\": \"SUMMERSALE2025XL\"` (16)",
    "`\"example\": \"SUMMER25\"`"
);
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
    let mut measure = |rule: &'static Rule, text: &Text, limit: usize, what: &str| {
        if let Some(at) = unit.overflow_at(&text.value, limit) {
            let n = unit.len(&text.value);
            found.push(
                Diagnostic::new(rule, &text.path, format!("{what} is {n} {}; the limit is {limit}", unit.name()))
                    .at(&text.value, at..text.value.len()),
            );
        }
    };
    let t = cx.template;
    for c in &t.components {
        match &c.kind {
            ComponentKind::Body(b) => b.text.iter().for_each(|x| measure(&BODY_TOO_LONG, x, 1024, "body text")),
            ComponentKind::Header(h) => h.text.iter().for_each(|x| measure(&HEADER_TOO_LONG, x, 60, "header text")),
            ComponentKind::Footer(f) => f.text.iter().for_each(|x| measure(&FOOTER_TOO_LONG, x, 60, "footer text")),
            ComponentKind::LimitedTimeOffer(o) => {
                o.text.iter().for_each(|x| measure(&OFFER_TEXT_TOO_LONG, x, 16, "offer text"))
            }
            ComponentKind::Buttons(buttons) => buttons_limits(buttons, &mut measure),
            ComponentKind::Carousel(cards) => {
                for card in cards {
                    for cc in &card.components {
                        match &cc.kind {
                            ComponentKind::Body(b) => {
                                b.text.iter().for_each(|x| measure(&CARD_BODY_TOO_LONG, x, 160, "card body text"))
                            }
                            ComponentKind::Buttons(buttons) => buttons_limits(buttons, &mut measure),
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

fn buttons_limits(buttons: &[crate::template::Button], measure: &mut impl FnMut(&'static Rule, &Text, usize, &str)) {
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
                measure(&COPY_CODE_TOO_LONG, &code, 15, "copy code");
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
