//! WP403–WP405: the declared category against what the content says (the classifier in
//! `src/classify.rs`).

use super::Context;
use crate::category::Category;
use crate::diagnostic::Diagnostic;

declare_rules! {
    CATEGORY_WILL_CHANGE {
        code: "WP403",
        name: "category-will-change",
        stage: Category,
        severity: Warning,
        summary: "A template declared UTILITY whose content reads as MARKETING: promotion, a call to buy, retargeting, a generic survey, unclear content (a bare greeting, only parameters), or content tied to nothing of the user's.",
        why: "Since 2025-04-09 Meta approves such templates as MARKETING instead of rejecting them: they are billed at marketing rates, count towards per-user marketing limits and can be muted by users who stop marketing messages (M-CAT, M-PRICE, M-PUL).",
        help: "remove the promotional parts, or declare MARKETING",
        fires: [
            r#"{"name": "x", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Your order shipped! Use code SAVE10 for 10% off your next order."}]}"#,
            r#"{"name": "x", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Congratulations!"}]}"#,
            r#"{"name": "x", "language": "it", "category": "UTILITY", "components": [{"type": "BODY", "text": "Il tuo abbonamento scade il 3 maggio: rinnova ora con lo sconto del 20%."}]}"#,
        ],
        passes: [
            r#"{"name": "x", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Your order 123 shipped and arrives Monday."}]}"#,
            r#"{"name": "x", "language": "en_US", "category": "MARKETING", "components": [{"type": "BODY", "text": "Your order shipped! Use code SAVE10 for 10% off your next order."}]}"#,
        ],
    }

    CODE_OUTSIDE_AUTHENTICATION {
        code: "WP404",
        name: "code-outside-authentication",
        stage: Category,
        severity: Error,
        summary: "A MARKETING or UTILITY template that delivers a one-time or verification code.",
        why: "Only authentication templates may carry one-time passcodes; since 2024-10-01 such templates are rejected with INCORRECT_CATEGORY (M-CAT).",
        help: "send codes with an AUTHENTICATION template",
        fires: [
            r#"{"name": "x", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Your verification code is {{1}}, thanks.", "example": {"body_text": [["482913"]]}}]}"#,
            r#"{"name": "x", "language": "it", "category": "MARKETING", "components": [{"type": "BODY", "text": "Il tuo codice di accesso è {{1}}, grazie.", "example": {"body_text": [["482913"]]}}]}"#,
        ],
        passes: [
            r#"{"name": "x", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Show the code on your ticket at the gate, thank you."}]}"#,
        ],
    }

    AUTHENTICATION_EXTRA_CONTENT {
        code: "WP405",
        name: "authentication-extra-content",
        stage: Category,
        severity: Error,
        summary: "An AUTHENTICATION template whose text carries anything besides the code: promotions, order or account details, greetings.",
        why: "Authentication templates consist of Meta's fixed text and the code; other content gets the template rejected or recategorised (M-AUTH, M-CAT).",
        help: "keep only Meta's preset text; send other content in a separate template",
        fires: [
            r#"{"name": "login", "language": "en_US", "category": "AUTHENTICATION", "id": "9", "status": "APPROVED", "components": [{"type": "BODY", "text": "*{{1}}* is your verification code. Get 20% off today!"}, {"type": "BUTTONS", "buttons": [{"type": "URL", "text": "Copy code", "url": "https://www.whatsapp.com/otp/code/?code=otp{{1}}"}]}]}"#,
            r#"{"name": "login", "language": "en_US", "category": "AUTHENTICATION", "id": "9", "status": "APPROVED", "components": [{"type": "BODY", "text": "*{{1}}* is your verification code for your order #4411."}, {"type": "BUTTONS", "buttons": [{"type": "URL", "text": "Copy code", "url": "https://www.whatsapp.com/otp/code/?code=otp{{1}}"}]}]}"#,
        ],
        passes: [
            r#"{"name": "login", "language": "en_US", "category": "AUTHENTICATION", "id": "9", "status": "APPROVED", "components": [{"type": "BODY", "text": "*{{1}}* is your verification code. For your security, do not share this code."}, {"type": "BUTTONS", "buttons": [{"type": "URL", "text": "Copy code", "url": "https://www.whatsapp.com/otp/code/?code=otp{{1}}"}]}]}"#,
        ],
    }
}

#[inline(never)] // one function per stage: see `rules::run`
pub fn check(cx: &mut Context) {
    let c = cx.classification;
    let mut found = Vec::new();
    match cx.category {
        Some(Category::Utility) if c.predicted == Category::Marketing => {
            // The earliest marketing words in the text (structural signals last).
            let first = c
                .reasons
                .iter()
                .filter(|r| r.category == Category::Marketing)
                .min_by_key(|r| r.span.map_or(usize::MAX, |s| s.start));
            let mut d = Diagnostic::new(
                &CATEGORY_WILL_CHANGE,
                first.map_or("category", |r| r.path.as_str()),
                match first {
                    Some(r) => format!("`{}` reads as marketing: Meta will approve this template as MARKETING", r.text),
                    None if c.basis == "unclear" => {
                        "the content is unclear (a greeting or parameters only): Meta will approve it as MARKETING".into()
                    }
                    None => "nothing ties the content to the user's order, account, booking or request: Meta mostly approves such templates as MARKETING".into(),
                },
            );
            d.span = first.and_then(|r| r.span);
            found.push(d);
        }
        _ => {}
    }
    if matches!(cx.category, Some(Category::Utility | Category::Marketing)) {
        for r in c.reasons.iter().filter(|r| &*r.signal == "one-time-code") {
            let mut d = Diagnostic::new(
                &CODE_OUTSIDE_AUTHENTICATION,
                &r.path,
                format!("`{}`: one-time codes may only be sent with AUTHENTICATION templates", r.text),
            );
            d.span = r.span;
            found.push(d);
        }
    }
    if cx.category == Some(Category::Authentication) {
        for r in c.reasons.iter().filter(|r| r.category != Category::Authentication && r.span.is_some()) {
            let mut d = Diagnostic::new(
                &AUTHENTICATION_EXTRA_CONTENT,
                &r.path,
                format!("`{}` ({}) does not belong in an authentication template", r.text, r.signal),
            );
            d.span = r.span;
            found.push(d);
        }
    }
    for d in found {
        cx.report(d);
    }
}
