//! WP14x–WP15x: buttons — how many of each, their order, labels, URLs and phone numbers.

use super::{Context, Findings, Rule};
use crate::diagnostic::Diagnostic;
use crate::template::{Button, ButtonKind, ComponentKind};

declare_rules! {
    TOO_MANY_BUTTONS {
        code: "WP140",
        name: "too-many-buttons",
        stage: Template,
        severity: Error,
        summary: "More than 10 buttons in a template.",
        why: "A template has at most 10 buttons in total (M-COMP).",
        help: "keep at most 10 buttons",
        fires: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "How was your stay with us this week?"}, {"type": "BUTTONS", "buttons": [{"type": "QUICK_REPLY", "text": "Option 0"}, {"type": "QUICK_REPLY", "text": "Option 1"}, {"type": "QUICK_REPLY", "text": "Option 2"}, {"type": "QUICK_REPLY", "text": "Option 3"}, {"type": "QUICK_REPLY", "text": "Option 4"}, {"type": "QUICK_REPLY", "text": "Option 5"}, {"type": "QUICK_REPLY", "text": "Option 6"}, {"type": "QUICK_REPLY", "text": "Option 7"}, {"type": "QUICK_REPLY", "text": "Option 8"}, {"type": "QUICK_REPLY", "text": "Option 9"}, {"type": "QUICK_REPLY", "text": "Option 10"}]}]}"#,
        ],
        passes: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "How was your stay with us this week?"}, {"type": "BUTTONS", "buttons": [{"type": "QUICK_REPLY", "text": "Option 0"}, {"type": "QUICK_REPLY", "text": "Option 1"}, {"type": "QUICK_REPLY", "text": "Option 2"}, {"type": "QUICK_REPLY", "text": "Option 3"}, {"type": "QUICK_REPLY", "text": "Option 4"}, {"type": "QUICK_REPLY", "text": "Option 5"}, {"type": "QUICK_REPLY", "text": "Option 6"}, {"type": "QUICK_REPLY", "text": "Option 7"}, {"type": "QUICK_REPLY", "text": "Option 8"}, {"type": "QUICK_REPLY", "text": "Option 9"}]}]}"#,
        ],
    }

    TOO_MANY_URL_BUTTONS {
        code: "WP141",
        name: "too-many-url-buttons",
        stage: Template,
        severity: Error,
        summary: "More than 2 URL buttons.",
        why: "A template has at most 2 URL buttons (M-COMP).",
        help: "keep at most 2 URL buttons",
        fires: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Your order has shipped today."}, {"type": "BUTTONS", "buttons": [{"type": "URL", "text": "Link 1", "url": "https://shop.example.com/1"}, {"type": "URL", "text": "Link 2", "url": "https://shop.example.com/2"}, {"type": "URL", "text": "Link 3", "url": "https://shop.example.com/3"}]}]}"#,
        ],
        passes: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Your order has shipped today."}, {"type": "BUTTONS", "buttons": [{"type": "URL", "text": "Link 1", "url": "https://shop.example.com/1"}, {"type": "URL", "text": "Link 2", "url": "https://shop.example.com/2"}, {"type": "PHONE_NUMBER", "text": "Call", "phone_number": "+390212345678"}]}]}"#,
        ],
    }

    TOO_MANY_PHONE_BUTTONS {
        code: "WP142",
        name: "too-many-phone-buttons",
        stage: Template,
        severity: Error,
        summary: "More than one PHONE_NUMBER button, or more than one VOICE_CALL button.",
        why: "A template has at most one phone-number button (M-COMP) and one voice-call button (Twilio's call-to-action documentation).",
        help: "keep one phone-number button",
        fires: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Your order has shipped today."}, {"type": "BUTTONS", "buttons": [{"type": "PHONE_NUMBER", "text": "Call", "phone_number": "+390212345678"}, {"type": "PHONE_NUMBER", "text": "Call shop", "phone_number": "+390298765432"}]}]}"#,
        ],
        passes: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Your order has shipped today."}, {"type": "BUTTONS", "buttons": [{"type": "PHONE_NUMBER", "text": "Call", "phone_number": "+390212345678"}, {"type": "URL", "text": "Link 1", "url": "https://shop.example.com/1"}]}]}"#,
        ],
    }

    TOO_MANY_COPY_CODE_BUTTONS {
        code: "WP143",
        name: "too-many-copy-code-buttons",
        stage: Template,
        severity: Error,
        summary: "More than one COPY_CODE button.",
        why: "A template has at most one copy-code button (M-COMP).",
        help: "keep one copy-code button",
        fires: [
            r#"{"name": "order_update", "language": "en_US", "category": "MARKETING", "components": [{"type": "BODY", "text": "Use these codes for 20% off your next order."}, {"type": "BUTTONS", "buttons": [{"type": "COPY_CODE", "example": "SAVE20"}, {"type": "COPY_CODE", "example": "SAVE30"}]}]}"#,
        ],
        passes: [
            r#"{"name": "order_update", "language": "en_US", "category": "MARKETING", "components": [{"type": "BODY", "text": "Use this code for 20% off your next order."}, {"type": "BUTTONS", "buttons": [{"type": "COPY_CODE", "example": "SAVE20"}, {"type": "URL", "text": "Link 1", "url": "https://shop.example.com/1"}]}]}"#,
        ],
    }

    QUICK_REPLIES_SPLIT {
        code: "WP144",
        name: "quick-replies-split",
        stage: Template,
        severity: Error,
        summary: "Quick-reply buttons that are not in one contiguous group (a quick reply, then another type, then a quick reply again).",
        why: "When quick replies are mixed with other buttons they must form two groups, all quick replies then the rest or the reverse (M-COMP).",
        help: "put all QUICK_REPLY buttons together, before or after the other buttons",
        fires: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Your order has shipped today."}, {"type": "BUTTONS", "buttons": [{"type": "QUICK_REPLY", "text": "Yes"}, {"type": "URL", "text": "Link 1", "url": "https://shop.example.com/1"}, {"type": "QUICK_REPLY", "text": "No"}]}]}"#,
        ],
        passes: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Your order has shipped today."}, {"type": "BUTTONS", "buttons": [{"type": "QUICK_REPLY", "text": "Yes"}, {"type": "QUICK_REPLY", "text": "No"}, {"type": "URL", "text": "Link 1", "url": "https://shop.example.com/1"}, {"type": "PHONE_NUMBER", "text": "Call", "phone_number": "+390212345678"}]}]}"#,
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Your order has shipped today."}, {"type": "BUTTONS", "buttons": [{"type": "URL", "text": "Link 1", "url": "https://shop.example.com/1"}, {"type": "QUICK_REPLY", "text": "Yes"}, {"type": "QUICK_REPLY", "text": "No"}]}]}"#,
        ],
    }

    DUPLICATE_BUTTON_LABEL {
        code: "WP145",
        name: "duplicate-button-label",
        stage: Template,
        severity: Error,
        summary: "Two buttons with the same label (ignoring case and surrounding spaces).",
        why: "WhatsApp Manager refuses repeated button text, and the recipient could not tell the buttons apart (M-COMP examples use distinct labels).",
        help: "give each button a distinct label",
        fires: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Is the delivery time fine for you?"}, {"type": "BUTTONS", "buttons": [{"type": "QUICK_REPLY", "text": "Yes"}, {"type": "QUICK_REPLY", "text": "yes "}]}]}"#,
        ],
        passes: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Is the delivery time fine for you?"}, {"type": "BUTTONS", "buttons": [{"type": "QUICK_REPLY", "text": "Yes"}, {"type": "QUICK_REPLY", "text": "No"}]}]}"#,
        ],
    }

    MISSING_BUTTON_TEXT {
        code: "WP146",
        name: "missing-button-text",
        stage: Template,
        severity: Error,
        summary: "A button without the fields its type needs: a label (`text`) for QUICK_REPLY, URL, PHONE_NUMBER, FLOW and VOICE_CALL, a `url` for URL, a `phone_number` for PHONE_NUMBER.",
        why: "These fields are required for those button types (M-COMP).",
        help: "add the missing field",
        fires: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Your order has shipped today."}, {"type": "BUTTONS", "buttons": [{"type": "URL", "text": "Track"}]}]}"#,
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Your order has shipped today."}, {"type": "BUTTONS", "buttons": [{"type": "QUICK_REPLY"}]}]}"#,
        ],
        passes: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Your order has shipped today."}, {"type": "BUTTONS", "buttons": [{"type": "URL", "text": "Track", "url": "https://shop.example.com/t"}]}]}"#,
        ],
    }

    INVALID_URL {
        code: "WP147",
        name: "invalid-url",
        stage: Template,
        severity: Error,
        summary: "A URL button whose `url` is not an absolute http(s) URL with a host, or contains spaces.",
        why: "URL buttons open web pages; Meta rejects URLs it cannot open (M-COMP).",
        help: "write a full URL such as `https://example.com/orders/{{1}}`",
        fires: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Your order has shipped today."}, {"type": "BUTTONS", "buttons": [{"type": "URL", "text": "Track", "url": "www.example.com/track"}]}]}"#,
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Your order has shipped today."}, {"type": "BUTTONS", "buttons": [{"type": "URL", "text": "Track", "url": "https://{{1}}", "example": ["https://a.example.com"]}]}]}"#,
        ],
        passes: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Your order has shipped today."}, {"type": "BUTTONS", "buttons": [{"type": "URL", "text": "Track", "url": "https://www.example.com/track"}]}]}"#,
        ],
    }

    INVALID_PHONE_NUMBER {
        code: "WP148",
        name: "invalid-phone-number",
        stage: Template,
        severity: Error,
        summary: "A phone button number with characters other than digits, `+`, spaces, dashes and parentheses, or not 7 to 15 digits long.",
        why: "The phone-number button dials an international number with its country code (M-COMP); E.164 numbers have at most 15 digits.",
        help: "write the number with its country code, e.g. `+390212345678`",
        fires: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Your order has shipped today."}, {"type": "BUTTONS", "buttons": [{"type": "PHONE_NUMBER", "text": "Call", "phone_number": "call 02-1234"}]}]}"#,
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Your order has shipped today."}, {"type": "BUTTONS", "buttons": [{"type": "PHONE_NUMBER", "text": "Call", "phone_number": "+39 02"}]}]}"#,
        ],
        passes: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Your order has shipped today."}, {"type": "BUTTONS", "buttons": [{"type": "PHONE_NUMBER", "text": "Call", "phone_number": "+39 02 1234 5678"}]}]}"#,
        ],
    }

    FLOW_BUTTON_TARGET {
        code: "WP149",
        name: "flow-button-target",
        stage: Template,
        severity: Error,
        summary: "A FLOW button that names no flow, or more than one of `flow_id`, `flow_name`, `flow_json`.",
        why: "A flow button opens exactly one flow, given by id, name or inline JSON (PYWA `FlowButton`).",
        help: "give exactly one of `flow_id`, `flow_name` or `flow_json`",
        fires: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Book your next appointment in a few taps."}, {"type": "BUTTONS", "buttons": [{"type": "FLOW", "text": "Book"}]}]}"#,
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Book your next appointment in a few taps."}, {"type": "BUTTONS", "buttons": [{"type": "FLOW", "text": "Book", "flow_id": "1", "flow_name": "booking"}]}]}"#,
        ],
        passes: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Book your next appointment in a few taps."}, {"type": "BUTTONS", "buttons": [{"type": "FLOW", "text": "Book", "flow_id": "123456"}]}]}"#,
        ],
    }

    CATALOG_BUTTON_NOT_ALONE {
        code: "WP150",
        name: "catalog-button-not-alone",
        stage: Template,
        severity: Error,
        summary: "A CATALOG or MPM button together with other buttons.",
        why: "Catalog and multi-product templates have exactly one button (M-COMP; Gupshup's button list).",
        help: "remove the other buttons",
        fires: [
            r#"{"name": "order_update", "language": "en_US", "category": "MARKETING", "components": [{"type": "BODY", "text": "Browse our new collection in the catalog."}, {"type": "BUTTONS", "buttons": [{"type": "CATALOG", "text": "View catalog"}, {"type": "QUICK_REPLY", "text": "Stop promotions"}]}]}"#,
        ],
        passes: [
            r#"{"name": "order_update", "language": "en_US", "category": "MARKETING", "components": [{"type": "BODY", "text": "Browse our new collection in the catalog."}, {"type": "BUTTONS", "buttons": [{"type": "CATALOG", "text": "View catalog"}]}]}"#,
        ],
    }
}

#[inline(never)] // one function per stage: see `rules::run`
pub fn check(cx: &mut Context) {
    let mut found = Findings::default();
    for c in &cx.template.components {
        match &c.kind {
            ComponentKind::Buttons(buttons) => {
                counts(buttons, &c.path, &mut found);
                each(buttons, &mut found);
            }
            ComponentKind::Carousel(cards) => {
                for cc in cards.iter().flat_map(|card| &card.components) {
                    if let ComponentKind::Buttons(buttons) = &cc.kind {
                        each(buttons, &mut found);
                    }
                }
            }
            _ => {}
        }
    }
    cx.absorb(found);
}

/// `component`: the path of the BUTTONS component.
fn counts(buttons: &[Button], component: &str, found: &mut Findings) {
    if buttons.len() > 10 {
        let path = crate::text::path_key(component, "buttons");
        found.push(Diagnostic::new(&TOO_MANY_BUTTONS, path, format!("{} buttons; the limit is 10", buttons.len())));
    }
    let over = |kind: ButtonKind, limit: usize, rule: &'static Rule, what: &str, found: &mut Findings| {
        let of_kind: Vec<&Button> = buttons.iter().filter(|b| b.kind == kind && !b.is_otp()).collect();
        if of_kind.len() > limit {
            found.push(Diagnostic::new(
                rule,
                &of_kind[limit].path,
                format!("{} {what} buttons; the limit is {limit}", of_kind.len()),
            ));
        }
    };
    over(ButtonKind::Url, 2, &TOO_MANY_URL_BUTTONS, "URL", found);
    over(ButtonKind::PhoneNumber, 1, &TOO_MANY_PHONE_BUTTONS, "PHONE_NUMBER", found);
    over(ButtonKind::VoiceCall, 1, &TOO_MANY_PHONE_BUTTONS, "VOICE_CALL", found);
    over(ButtonKind::CopyCode, 1, &TOO_MANY_COPY_CODE_BUTTONS, "COPY_CODE", found);

    // Quick replies form one run: count the runs of consecutive quick replies.
    let mut runs = 0;
    let mut prev_qr = false;
    for b in buttons {
        let qr = b.kind == ButtonKind::QuickReply;
        if qr && !prev_qr {
            runs += 1;
            if runs == 2 {
                found.push(Diagnostic::new(
                    &QUICK_REPLIES_SPLIT,
                    &b.path,
                    "quick-reply buttons are split by buttons of another type",
                ));
            }
        }
        prev_qr = qr;
    }
    if buttons.len() > 1 {
        if let Some(b) = buttons.iter().find(|b| matches!(b.kind, ButtonKind::Catalog | ButtonKind::Mpm)) {
            found.push(Diagnostic::new(
                &CATALOG_BUTTON_NOT_ALONE,
                &b.path,
                format!("a {} button must be the template's only button", b.type_name.to_ascii_uppercase()),
            ));
        }
    }
}

fn each(buttons: &[Button], found: &mut Findings) {
    let mut labels = crate::lexicon::SmallSet::new();
    for b in buttons {
        let needs_text = matches!(
            b.kind,
            ButtonKind::QuickReply
                | ButtonKind::Url
                | ButtonKind::PhoneNumber
                | ButtonKind::Flow
                | ButtonKind::VoiceCall
        ) && !b.is_otp();
        match &b.text {
            None if needs_text => found.push(Diagnostic::new(
                &MISSING_BUTTON_TEXT,
                format!("{}.text", b.path),
                format!("{} button has no label", b.type_name.to_ascii_uppercase()),
            )),
            Some(t) if needs_text && t.value.trim().is_empty() => {
                found.push(Diagnostic::new(&MISSING_BUTTON_TEXT, &t.path, "button label is empty"));
            }
            Some(t) => {
                let label = t.value.trim().to_lowercase();
                if !label.is_empty() && !labels.insert(label) {
                    found.push(
                        Diagnostic::new(
                            &DUPLICATE_BUTTON_LABEL,
                            &t.path,
                            format!("another button is already labelled `{}`", t.value.trim()),
                        )
                        .at(&t.value, 0..t.value.len()),
                    );
                }
            }
            None => {}
        }
        match b.kind {
            ButtonKind::Url if !b.is_otp() => match &b.url {
                None => found.push(Diagnostic::new(
                    &MISSING_BUTTON_TEXT,
                    format!("{}.url", b.path),
                    "URL button has no `url`",
                )),
                Some(u) => {
                    if let Some(problem) = url_problem(&u.value) {
                        found.push(Diagnostic::new(&INVALID_URL, &u.path, problem).at(&u.value, 0..u.value.len()));
                    }
                }
            },
            ButtonKind::PhoneNumber => match &b.phone_number {
                None => found.push(Diagnostic::new(
                    &MISSING_BUTTON_TEXT,
                    format!("{}.phone_number", b.path),
                    "PHONE_NUMBER button has no `phone_number`",
                )),
                Some(p) => {
                    if let Some(problem) = phone_problem(&p.value) {
                        found.push(
                            Diagnostic::new(&INVALID_PHONE_NUMBER, &p.path, problem).at(&p.value, 0..p.value.len()),
                        );
                    }
                }
            },
            ButtonKind::Flow => {
                let targets = ["flow_id", "flow_name", "flow_json"]
                    .iter()
                    .filter(|k| b.raw.get(**k).is_some_and(|v| !v.is_null()))
                    .count();
                if targets != 1 {
                    let msg =
                        if targets == 0 { "flow button names no flow" } else { "flow button names more than one flow" };
                    found.push(Diagnostic::new(&FLOW_BUTTON_TARGET, &b.path, msg));
                }
            }
            _ => {}
        }
    }
}

/// Why `url` is not an absolute http(s) URL, if it is not.
pub fn url_problem(url: &str) -> Option<String> {
    let lower = url.to_ascii_lowercase();
    let rest = lower.strip_prefix("https://").or_else(|| lower.strip_prefix("http://"));
    let Some(rest) = rest else {
        return Some("URL does not start with https:// or http://".to_string());
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    if host.is_empty() || host.starts_with('{') {
        return Some("URL has no host name".to_string());
    }
    if url.chars().any(char::is_whitespace) {
        return Some("URL contains a space".to_string());
    }
    None
}

fn phone_problem(p: &str) -> Option<String> {
    if let Some(c) = p.chars().find(|c| !(c.is_ascii_digit() || matches!(c, '+' | ' ' | '-' | '(' | ')' | '.'))) {
        return Some(format!("phone number contains `{c}`"));
    }
    let digits = p.chars().filter(char::is_ascii_digit).count();
    if !(7..=15).contains(&digits) {
        return Some(format!("phone number has {digits} digits; an international number has 7 to 15"));
    }
    None
}
