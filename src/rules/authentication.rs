//! WP16x: authentication templates — Meta's fixed format with one OTP button.

use super::{Context, Findings};
use crate::category::Category;
use crate::diagnostic::Diagnostic;
use crate::template::{Button, ComponentKind};
use crate::text::emoji_ranges;

declare_rules! {
    OTP_BUTTON_OUTSIDE_AUTHENTICATION {
        code: "WP160",
        name: "otp-button-outside-authentication",
        stage: Template,
        severity: Error,
        summary: "An OTP button in a MARKETING or UTILITY template.",
        why: "Only authentication templates may carry one-time passcodes (M-CAT, M-AUTH).",
        help: "declare the template AUTHENTICATION, or use a COPY_CODE button for coupon codes",
        fires: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Your order has shipped today."}, {"type": "BUTTONS", "buttons": [{"type": "OTP", "otp_type": "COPY_CODE", "text": "Copy code"}]}]}"#,
        ],
        passes: [
            r#"{"name": "login_code", "language": "en_US", "category": "AUTHENTICATION", "components": [{"type": "BODY", "add_security_recommendation": true}, {"type": "BUTTONS", "buttons": [{"type": "OTP", "otp_type": "COPY_CODE", "text": "Copy code"}]}]}"#,
        ],
    }

    OTP_BUTTON_COUNT {
        code: "WP161",
        name: "otp-button-count",
        stage: Template,
        severity: Error,
        summary: "An AUTHENTICATION template without exactly one OTP button, or with other buttons beside it.",
        why: "Authentication templates have exactly one OTP button (copy code, one-tap or zero-tap) and no other buttons; since 2023-05-29 the button is required (M-AUTH, M-AUTH-CC).",
        help: "use a single `{\"type\": \"OTP\", \"otp_type\": \"COPY_CODE\"}` button",
        fires: [
            r#"{"name": "login_code", "language": "en_US", "category": "AUTHENTICATION", "components": [{"type": "BODY", "add_security_recommendation": true}, {"type": "BUTTONS", "buttons": []}]}"#,
            r#"{"name": "login_code", "language": "en_US", "category": "AUTHENTICATION", "components": [{"type": "BODY", "add_security_recommendation": true}, {"type": "BUTTONS", "buttons": [{"type": "OTP", "otp_type": "COPY_CODE", "text": "Copy code"}, {"type": "QUICK_REPLY", "text": "Not me"}]}]}"#,
        ],
        passes: [
            r#"{"name": "login_code", "language": "en_US", "category": "AUTHENTICATION", "components": [{"type": "BODY", "add_security_recommendation": true}, {"type": "BUTTONS", "buttons": [{"type": "OTP", "otp_type": "COPY_CODE", "text": "Copy code"}]}]}"#,
            r#"{"name": "login_code", "language": "en_US", "category": "AUTHENTICATION", "components": [{"type": "BODY", "text": "*{{1}}* is your verification code."}, {"type": "BUTTONS", "buttons": [{"type": "URL", "text": "Copy code", "url": "https://www.whatsapp.com/otp/code/?otp_type=COPY_CODE&code_expiration_minutes=10&cta_display_name=Copy%20code&code=otp{{1}}"}]}], "id": "55", "status": "APPROVED"}"#,
        ],
    }

    AUTHENTICATION_CUSTOM_TEXT {
        code: "WP162",
        name: "authentication-custom-text",
        stage: Template,
        severity: Error,
        summary: "Own `text` in the BODY or FOOTER of an AUTHENTICATION create request.",
        why: "Authentication templates use Meta's preset text (\"<code> is your verification code.\", the optional security recommendation and expiry note); custom text is not supported (M-AUTH).",
        help: "remove `text`; use `add_security_recommendation` in the body and `code_expiration_minutes` in the footer",
        fires: [
            r#"{"name": "login_code", "language": "en_US", "category": "AUTHENTICATION", "components": [{"type": "BODY", "text": "Your code is {{1}}", "example": {"body_text": [["123456"]]}}, {"type": "BUTTONS", "buttons": [{"type": "OTP", "otp_type": "COPY_CODE", "text": "Copy code"}]}]}"#,
            r#"{"name": "login_code", "language": "en_US", "category": "AUTHENTICATION", "components": [{"type": "BODY", "add_security_recommendation": true}, {"type": "FOOTER", "text": "Expires soon"}, {"type": "BUTTONS", "buttons": [{"type": "OTP", "otp_type": "COPY_CODE", "text": "Copy code"}]}]}"#,
        ],
        passes: [
            r#"{"name": "login_code", "language": "en_US", "category": "AUTHENTICATION", "components": [{"type": "BODY", "add_security_recommendation": true}, {"type": "FOOTER", "code_expiration_minutes": 10}, {"type": "BUTTONS", "buttons": [{"type": "OTP", "otp_type": "COPY_CODE", "text": "Copy code"}]}]}"#,
        ],
    }

    AUTHENTICATION_HEADER {
        code: "WP163",
        name: "authentication-header",
        stage: Template,
        severity: Error,
        summary: "A HEADER (text, media or location) in an AUTHENTICATION template.",
        why: "Authentication templates consist of the preset body, an optional expiry footer and the OTP button; media is not allowed (M-AUTH, M-CAT).",
        help: "remove the header",
        fires: [
            r#"{"name": "login_code", "language": "en_US", "category": "AUTHENTICATION", "components": [{"type": "BODY", "add_security_recommendation": true}, {"type": "HEADER", "format": "IMAGE", "example": {"header_handle": ["4::aW1hZ2UvanBlZw==:ARb"]}}, {"type": "BUTTONS", "buttons": [{"type": "OTP", "otp_type": "COPY_CODE", "text": "Copy code"}]}]}"#,
        ],
        passes: [
            r#"{"name": "login_code", "language": "en_US", "category": "AUTHENTICATION", "components": [{"type": "BODY", "add_security_recommendation": true}, {"type": "BUTTONS", "buttons": [{"type": "OTP", "otp_type": "COPY_CODE", "text": "Copy code"}]}]}"#,
        ],
    }

    AUTHENTICATION_FORBIDDEN_CONTENT {
        code: "WP164",
        name: "authentication-forbidden-content",
        stage: Template,
        severity: Error,
        summary: "A URL or an emoji in the text of an AUTHENTICATION template.",
        why: "Authentication templates may not contain URLs, media or emoji, in content or parameters (M-CAT, M-AUTH-CC).",
        help: "remove the link or emoji",
        fires: [
            r#"{"name": "login_code", "language": "en_US", "category": "AUTHENTICATION", "components": [{"type": "BODY", "text": "*{{1}}* is your code. Log in at https://example.com"}, {"type": "BUTTONS", "buttons": [{"type": "URL", "text": "Copy code", "url": "https://www.whatsapp.com/otp/code/?code=otp{{1}}"}]}], "id": "55", "status": "APPROVED"}"#,
            r#"{"name": "login_code", "language": "en_US", "category": "AUTHENTICATION", "components": [{"type": "BODY", "text": "*{{1}}* is your verification code 🔐."}, {"type": "BUTTONS", "buttons": [{"type": "URL", "text": "Copy code", "url": "https://www.whatsapp.com/otp/code/?code=otp{{1}}"}]}], "id": "55", "status": "APPROVED"}"#,
        ],
        passes: [
            r#"{"name": "login_code", "language": "en_US", "category": "AUTHENTICATION", "components": [{"type": "BODY", "text": "*{{1}}* is your verification code."}, {"type": "BUTTONS", "buttons": [{"type": "URL", "text": "Copy code", "url": "https://www.whatsapp.com/otp/code/?code=otp{{1}}"}]}], "id": "55", "status": "APPROVED"}"#,
        ],
    }

    CODE_EXPIRATION_RANGE {
        code: "WP165",
        name: "code-expiration-range",
        stage: Template,
        severity: Error,
        summary: "A `code_expiration_minutes` outside 1–90.",
        why: "The expiry footer of authentication templates takes 1 to 90 minutes (M-AUTH, M-AUTH-CC).",
        help: "use a value from 1 to 90",
        fires: [
            r#"{"name": "login_code", "language": "en_US", "category": "AUTHENTICATION", "components": [{"type": "BODY", "add_security_recommendation": true}, {"type": "FOOTER", "code_expiration_minutes": 120}, {"type": "BUTTONS", "buttons": [{"type": "OTP", "otp_type": "COPY_CODE", "text": "Copy code"}]}]}"#,
            r#"{"name": "login_code", "language": "en_US", "category": "AUTHENTICATION", "components": [{"type": "BODY", "add_security_recommendation": true}, {"type": "FOOTER", "code_expiration_minutes": 0}, {"type": "BUTTONS", "buttons": [{"type": "OTP", "otp_type": "COPY_CODE", "text": "Copy code"}]}]}"#,
        ],
        passes: [
            r#"{"name": "login_code", "language": "en_US", "category": "AUTHENTICATION", "components": [{"type": "BODY", "add_security_recommendation": true}, {"type": "FOOTER", "code_expiration_minutes": 90}, {"type": "BUTTONS", "buttons": [{"type": "OTP", "otp_type": "COPY_CODE", "text": "Copy code"}]}]}"#,
        ],
    }

    INVALID_OTP_TYPE {
        code: "WP166",
        name: "invalid-otp-type",
        stage: Template,
        severity: Error,
        summary: "An OTP button whose `otp_type` is missing or not COPY_CODE, ONE_TAP or ZERO_TAP.",
        why: "The OTP button type decides how the code reaches the app (M-AUTH; PYWA `OtpType`).",
        help: "set `otp_type` to COPY_CODE, ONE_TAP or ZERO_TAP",
        fires: [
            r#"{"name": "login_code", "language": "en_US", "category": "AUTHENTICATION", "components": [{"type": "BODY", "add_security_recommendation": true}, {"type": "BUTTONS", "buttons": [{"type": "OTP", "otp_type": "AUTOFILL"}]}]}"#,
            r#"{"name": "login_code", "language": "en_US", "category": "AUTHENTICATION", "components": [{"type": "BODY", "add_security_recommendation": true}, {"type": "BUTTONS", "buttons": [{"type": "OTP", "text": "Copy"}]}]}"#,
        ],
        passes: [
            r#"{"name": "login_code", "language": "en_US", "category": "AUTHENTICATION", "components": [{"type": "BODY", "add_security_recommendation": true}, {"type": "BUTTONS", "buttons": [{"type": "OTP", "otp_type": "copy_code"}]}]}"#,
        ],
    }

    OTP_APP_MISSING {
        code: "WP167",
        name: "otp-app-missing",
        stage: Template,
        severity: Error,
        summary: "A ONE_TAP or ZERO_TAP button without `supported_apps` entries carrying a `package_name` and an 11-character `signature_hash`.",
        why: "One-tap and zero-tap autofill hand the code to a specific Android app, identified by package name and app signature hash (M-AUTH).",
        help: "add `\"supported_apps\": [{\"package_name\": \"com.example.app\", \"signature_hash\": \"K8a/AINcGX7\"}]`",
        fires: [
            r#"{"name": "login_code", "language": "en_US", "category": "AUTHENTICATION", "components": [{"type": "BODY", "add_security_recommendation": true}, {"type": "BUTTONS", "buttons": [{"type": "OTP", "otp_type": "ONE_TAP"}]}]}"#,
            r#"{"name": "login_code", "language": "en_US", "category": "AUTHENTICATION", "components": [{"type": "BODY", "add_security_recommendation": true}, {"type": "BUTTONS", "buttons": [{"type": "OTP", "otp_type": "ONE_TAP", "supported_apps": [{"package_name": "com.example.app", "signature_hash": "short"}]}]}]}"#,
        ],
        passes: [
            r#"{"name": "login_code", "language": "en_US", "category": "AUTHENTICATION", "components": [{"type": "BODY", "add_security_recommendation": true}, {"type": "BUTTONS", "buttons": [{"type": "OTP", "otp_type": "ONE_TAP", "supported_apps": [{"package_name": "com.example.app", "signature_hash": "K8a/AINcGX7"}]}]}]}"#,
            r#"{"name": "login_code", "language": "en_US", "category": "AUTHENTICATION", "components": [{"type": "BODY", "add_security_recommendation": true}, {"type": "BUTTONS", "buttons": [{"type": "OTP", "otp_type": "ONE_TAP", "package_name": "com.example.app", "signature_hash": "K8a/AINcGX7"}]}]}"#,
        ],
    }

    ZERO_TAP_TERMS {
        code: "WP168",
        name: "zero-tap-terms",
        stage: Template,
        severity: Error,
        summary: "A ZERO_TAP button without `zero_tap_terms_accepted: true`.",
        why: "Zero-tap requires the business to accept Meta's zero-tap terms in the request (M-AUTH).",
        help: "set `zero_tap_terms_accepted` to true after reading the terms",
        fires: [
            r#"{"name": "login_code", "language": "en_US", "category": "AUTHENTICATION", "components": [{"type": "BODY", "add_security_recommendation": true}, {"type": "BUTTONS", "buttons": [{"type": "OTP", "otp_type": "ZERO_TAP", "supported_apps": [{"package_name": "com.example.app", "signature_hash": "K8a/AINcGX7"}]}]}]}"#,
        ],
        passes: [
            r#"{"name": "login_code", "language": "en_US", "category": "AUTHENTICATION", "components": [{"type": "BODY", "add_security_recommendation": true}, {"type": "BUTTONS", "buttons": [{"type": "OTP", "otp_type": "ZERO_TAP", "supported_apps": [{"package_name": "com.example.app", "signature_hash": "K8a/AINcGX7"}], "zero_tap_terms_accepted": true}]}]}"#,
        ],
    }
}

#[inline(never)] // one function per stage: see `rules::run`
pub fn check(cx: &mut Context) {
    let t = cx.template;
    let is_auth = cx.category == Some(Category::Authentication);
    let buttons = t.buttons();
    let otp: Vec<&Button> = buttons.iter().filter(|b| b.is_otp()).collect();
    let mut found = Findings::default();
    if !is_auth {
        if cx.category.is_some() {
            for b in &otp {
                found.push(Diagnostic::new(
                    &OTP_BUTTON_OUTSIDE_AUTHENTICATION,
                    &b.path,
                    format!(
                        "OTP buttons are only allowed in AUTHENTICATION templates, not {}",
                        cx.category.map_or("", |c| c.name())
                    ),
                ));
            }
        }
        cx.absorb(found);
        return;
    }
    let buttons_path = t
        .components
        .iter()
        .find(|c| matches!(c.kind, ComponentKind::Buttons(_)))
        .map_or_else(|| "components".to_string(), |c| format!("{}.buttons", c.path));
    if otp.len() != 1 {
        found.push(Diagnostic::new(
            &OTP_BUTTON_COUNT,
            &buttons_path,
            format!("authentication templates need exactly one OTP button; found {}", otp.len()),
        ));
    }
    for b in buttons.iter().filter(|b| !b.is_otp()) {
        found.push(Diagnostic::new(
            &OTP_BUTTON_COUNT,
            &b.path,
            format!(
                "a {} button in an authentication template; only the OTP button is allowed",
                b.type_name.to_ascii_uppercase()
            ),
        ));
    }
    for b in otp.iter().filter(|b| b.kind == crate::template::ButtonKind::Otp) {
        otp_button(b, &mut found);
    }
    for c in &t.components {
        match &c.kind {
            ComponentKind::Header(_) => {
                found.push(Diagnostic::new(&AUTHENTICATION_HEADER, &c.path, "authentication templates have no header"));
            }
            ComponentKind::Body(b) if !t.is_fetched() => {
                if let Some(text) = &b.text {
                    found.push(Diagnostic::new(
                        &AUTHENTICATION_CUSTOM_TEXT,
                        &text.path,
                        "authentication templates use Meta's preset body text",
                    ));
                }
            }
            ComponentKind::Footer(f) => {
                if let Some(text) = f.text.as_ref().filter(|_| !t.is_fetched()) {
                    found.push(Diagnostic::new(
                        &AUTHENTICATION_CUSTOM_TEXT,
                        &text.path,
                        "authentication templates use Meta's preset footer text",
                    ));
                }
                if let Some((m, path)) = &f.code_expiration_minutes {
                    if !(1..=90).contains(m) {
                        found.push(Diagnostic::new(
                            &CODE_EXPIRATION_RANGE,
                            path,
                            format!("code expiration is {m} minutes; it must be 1 to 90"),
                        ));
                    }
                }
            }
            _ => {}
        }
    }
    for f in &cx.fields {
        let text = &f.text.value;
        if let Some(at) = find_link(text) {
            let end = text[at..].find(char::is_whitespace).map_or(text.len(), |e| at + e);
            found.push(
                Diagnostic::new(
                    &AUTHENTICATION_FORBIDDEN_CONTENT,
                    &f.text.path,
                    "authentication templates cannot contain links",
                )
                .at(text, at..end),
            );
        }
        for r in emoji_ranges(text) {
            if !found.wants(&AUTHENTICATION_FORBIDDEN_CONTENT, &f.text.path) {
                break;
            }
            found.push(
                Diagnostic::new(
                    &AUTHENTICATION_FORBIDDEN_CONTENT,
                    &f.text.path,
                    "authentication templates cannot contain emoji",
                )
                .at(text, r),
            );
        }
    }
    cx.absorb(found);
}

fn otp_button(b: &Button, found: &mut Findings) {
    let otp_type = b.otp_type.as_ref().map(|t| t.value.to_ascii_uppercase());
    match otp_type.as_deref() {
        Some("COPY_CODE") => {}
        Some(kind @ ("ONE_TAP" | "ZERO_TAP")) => {
            if !has_app(b) {
                found.push(Diagnostic::new(
                    &OTP_APP_MISSING,
                    format!("{}.supported_apps", b.path),
                    format!(
                        "{kind} buttons need `supported_apps` with a package name and an 11-character signature hash"
                    ),
                ));
            }
            if kind == "ZERO_TAP" && b.raw.get("zero_tap_terms_accepted").and_then(|v| v.as_bool()) != Some(true) {
                found.push(Diagnostic::new(
                    &ZERO_TAP_TERMS,
                    format!("{}.zero_tap_terms_accepted", b.path),
                    "zero-tap buttons need `zero_tap_terms_accepted: true`",
                ));
            }
        }
        _ => {
            let (path, msg) = match &b.otp_type {
                Some(t) => (t.path.clone(), format!("`{}` is not an OTP type", t.value)),
                None => (format!("{}.otp_type", b.path), "OTP button has no `otp_type`".to_string()),
            };
            found.push(Diagnostic::new(&INVALID_OTP_TYPE, path, msg));
        }
    }
}

fn has_app(b: &Button) -> bool {
    let ok = |o: &serde_json::Map<String, serde_json::Value>| {
        o.get("package_name").and_then(|v| v.as_str()).is_some_and(|s| !s.is_empty())
            && o.get("signature_hash").and_then(|v| v.as_str()).is_some_and(|s| s.chars().count() == 11)
    };
    match b.raw.get("supported_apps").and_then(|v| v.as_array()) {
        Some(apps) => !apps.is_empty() && apps.iter().all(|a| a.as_object().is_some_and(ok)),
        // The pre-2024 request form put the app on the button itself.
        None => ok(&b.raw),
    }
}

/// Byte offset of the first link (`http://`, `https://` or `www.`) in `text`.
pub fn find_link(text: &str) -> Option<usize> {
    let lower = text.to_ascii_lowercase();
    ["http://", "https://", "www."].iter().filter_map(|p| lower.find(p)).min()
}
