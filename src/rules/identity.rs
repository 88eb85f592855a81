//! WP1xx (identity) and WP4xx (declared category): name, language, category, parameter format,
//! time-to-live, and what a fetched template's status says.

use std::sync::LazyLock;

use super::Context;
use crate::category::{parse_category, Category};
use crate::diagnostic::Diagnostic;

declare_rules! {
    INVALID_NAME {
        code: "WP101",
        name: "invalid-name",
        stage: Template,
        severity: Error,
        summary: "A template name with characters other than lowercase letters, digits and underscores, or an empty name.",
        why: "Template names may hold only lowercase alphanumerics and underscores (M-OV \"Names\"; M-MT-OLD).",
        help: "use lowercase letters, digits and underscores, e.g. `order_confirmation`",
        fires: [
            r#"{"name": "Order Confirmation", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Your order has shipped and arrives tomorrow."}]}"#,
            r#"{"name": "conferma-ordine", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Your order has shipped and arrives tomorrow."}]}"#,
            r#"{"name": "", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Your order has shipped and arrives tomorrow."}]}"#,
        ],
        passes: [
            r#"{"name": "conferma_ordine_2", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Your order has shipped and arrives tomorrow."}]}"#,
        ],
    }

    NAME_TOO_LONG {
        code: "WP102",
        name: "name-too-long",
        stage: Template,
        severity: Error,
        summary: "A template name longer than 512 characters.",
        why: "Meta caps template names at 512 characters (M-OV \"Names\").",
        help: "shorten the name to at most 512 characters",
        fires: [
            r#"{"name": "⟪a×513⟫", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Your order has shipped and arrives tomorrow."}]}"#,
        ],
        passes: [
            r#"{"name": "⟪a×512⟫", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Your order has shipped and arrives tomorrow."}]}"#,
        ],
    }

    MALFORMED_LANGUAGE {
        code: "WP103",
        name: "malformed-language",
        stage: Template,
        severity: Error,
        summary: "A `language` that is not a locale code of the form `ll` or `ll_CC` (`en`, `pt_BR`, `fil`).",
        why: "Meta identifies a template's language by locale code and does not translate (M-OV; §2.5 of the platform notes).",
        help: "use a locale code such as `en_US`, `it`, `pt_BR` or `es_MX`",
        fires: [
            r#"{"name": "order_update", "language": "Italian", "category": "UTILITY", "components": [{"type": "BODY", "text": "Your order has shipped and arrives tomorrow."}]}"#,
            r#"{"name": "order_update", "language": "pt-BR", "category": "UTILITY", "components": [{"type": "BODY", "text": "Your order has shipped and arrives tomorrow."}]}"#,
        ],
        passes: [
            r#"{"name": "order_update", "language": "pt_BR", "category": "UTILITY", "components": [{"type": "BODY", "text": "Your order has shipped and arrives tomorrow."}]}"#,
        ],
    }

    UNKNOWN_LANGUAGE {
        code: "WP104",
        name: "unknown-language",
        stage: Template,
        severity: Error,
        summary: "A well-formed locale code that is not in wa-preflight's table of Meta's supported languages (`data/languages.json`), for a language whose entries were re-read against Meta's current page (else WP129).",
        why: "Meta rejects a template whose code is not on its Supported Languages page (M-LANG, updated 2026-05-21). For a locale Meta added since, use `extraLanguages`.",
        help: "write the code as Meta lists it (`it`, not `it_IT`)",
        fires: [
            r#"{"name": "order_update", "language": "it_IT", "category": "UTILITY", "components": [{"type": "BODY", "text": "Your order has shipped and arrives tomorrow."}]}"#,
        ],
        passes: [
            r#"{"name": "order_update", "language": "it", "category": "UTILITY", "components": [{"type": "BODY", "text": "Your order has shipped and arrives tomorrow."}]}"#,
            r#"{"name": "order_update", "language": "fil", "category": "UTILITY", "components": [{"type": "BODY", "text": "Your order has shipped and arrives tomorrow."}]}"#,
            r#"{"name": "order_update", "language": "en_AU", "category": "UTILITY", "components": [{"type": "BODY", "text": "Your order has shipped and arrives tomorrow."}]}"#,
            r#"{"template": {"name": "order_update", "language": "it_IT", "category": "UTILITY", "components": [{"type": "BODY", "text": "Your order has shipped and arrives tomorrow."}]}, "options": {"extraLanguages": ["it_IT"]}}"#,
        ],
    }

    UNVERIFIED_LANGUAGE {
        code: "WP129",
        name: "unverified-language",
        stage: Template,
        severity: Warning,
        summary: "A well-formed locale code missing from the part of `data/languages.json` not yet re-read against Meta's current list.",
        why: "Meta rejects a template whose code is not on its Supported Languages page (M-LANG), but our copy of that page was re-read only from Afrikaans to Latvian (2026-05-21); for later languages Meta may have added regional codes, so a missing one is not yet a sure rejection.",
        help: "check the code on Meta's Supported Languages page; if it is listed there, add it with `extraLanguages`",
        fires: [
            r#"{"name": "order_update", "language": "es_CO", "category": "UTILITY", "components": [{"type": "BODY", "text": "Su pedido ha sido enviado y llega mañana."}]}"#,
        ],
        passes: [
            r#"{"name": "order_update", "language": "es_MX", "category": "UTILITY", "components": [{"type": "BODY", "text": "Su pedido ha sido enviado y llega mañana."}]}"#,
            r#"{"name": "order_update", "language": "pt_PT", "category": "UTILITY", "components": [{"type": "BODY", "text": "A sua encomenda foi enviada e chega amanhã."}]}"#,
            r#"{"template": {"name": "order_update", "language": "es_CO", "category": "UTILITY", "components": [{"type": "BODY", "text": "Su pedido ha sido enviado y llega mañana."}]}, "options": {"extraLanguages": ["es_CO"]}}"#,
        ],
    }

    INVALID_CATEGORY {
        code: "WP105",
        name: "invalid-category",
        stage: Template,
        severity: Error,
        summary: "A `category` that is neither one of MARKETING, UTILITY, AUTHENTICATION nor a known pre-2023 category.",
        why: "Since June 2023 templates have exactly three categories (M-OV, M-CAT).",
        help: "set `category` to MARKETING, UTILITY or AUTHENTICATION",
        fires: [
            r#"{"name": "order_update", "language": "en_US", "category": "SERVICE", "components": [{"type": "BODY", "text": "Your order has shipped and arrives tomorrow."}]}"#,
        ],
        passes: [
            r#"{"name": "order_update", "language": "en_US", "category": "utility", "components": [{"type": "BODY", "text": "Your order has shipped and arrives tomorrow."}]}"#,
        ],
    }

    INVALID_PARAMETER_FORMAT {
        code: "WP106",
        name: "invalid-parameter-format",
        stage: Template,
        severity: Error,
        summary: "A `parameter_format` other than POSITIONAL or NAMED.",
        why: "Meta accepts POSITIONAL (the default) and NAMED (M-OV \"Parameter formats\").",
        help: "set `parameter_format` to POSITIONAL or NAMED",
        fires: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Your order has shipped and arrives tomorrow."}], "parameter_format": "NUMBERED"}"#,
        ],
        passes: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Your order has shipped and arrives tomorrow."}], "parameter_format": "named"}"#,
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Your order has shipped and arrives tomorrow."}], "parameter_format": "POSITIONAL"}"#,
        ],
    }

    TTL_OUT_OF_RANGE {
        code: "WP107",
        name: "ttl-out-of-range",
        stage: Template,
        severity: Error,
        summary: "A `message_send_ttl_seconds` outside the range of the template's category.",
        why: "Authentication 30–900 s (default 10 minutes), utility 30–43,200 s (30 s to 12 hours), marketing 43,200–2,592,000 s (12 hours to 30 days; marketing TTL applies only through the Marketing Messages API); -1 means 30 days and is accepted for authentication and utility only (M-TTL; templates overview of 2025-12-05, M-OV). A template without the field gets the default and is not flagged.",
        help: "pick a time-to-live inside the category's range",
        fires: [
            r#"{"name": "login_code", "language": "en_US", "category": "AUTHENTICATION", "components": [{"type": "BODY", "add_security_recommendation": true}, {"type": "BUTTONS", "buttons": [{"type": "OTP", "otp_type": "COPY_CODE", "text": "Copy code"}]}], "message_send_ttl_seconds": 3600}"#,
            r#"{"name": "promo", "language": "en_US", "category": "MARKETING", "components": [{"type": "BODY", "text": "Summer sale: 20% off everything this week."}], "message_send_ttl_seconds": 600}"#,
            r#"{"name": "login_code", "language": "en_US", "category": "AUTHENTICATION", "components": [{"type": "BODY", "add_security_recommendation": true}, {"type": "BUTTONS", "buttons": [{"type": "OTP", "otp_type": "COPY_CODE", "text": "Copy code"}]}], "message_send_ttl_seconds": 29}"#,
            r#"{"name": "login_code", "language": "en_US", "category": "AUTHENTICATION", "components": [{"type": "BODY", "add_security_recommendation": true}, {"type": "BUTTONS", "buttons": [{"type": "OTP", "otp_type": "COPY_CODE", "text": "Copy code"}]}], "message_send_ttl_seconds": 901}"#,
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Your order has shipped and arrives tomorrow."}], "message_send_ttl_seconds": 43201}"#,
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Your order has shipped and arrives tomorrow."}], "message_send_ttl_seconds": 29}"#,
            r#"{"name": "promo", "language": "en_US", "category": "MARKETING", "components": [{"type": "BODY", "text": "Summer sale: 20% off everything this week."}], "message_send_ttl_seconds": -1}"#,
            r#"{"name": "promo", "language": "en_US", "category": "MARKETING", "components": [{"type": "BODY", "text": "Summer sale: 20% off everything this week."}], "message_send_ttl_seconds": 43199}"#,
            r#"{"name": "promo", "language": "en_US", "category": "MARKETING", "components": [{"type": "BODY", "text": "Summer sale: 20% off everything this week."}], "message_send_ttl_seconds": 2592001}"#,
        ],
        passes: [
            r#"{"name": "login_code", "language": "en_US", "category": "AUTHENTICATION", "components": [{"type": "BODY", "add_security_recommendation": true}, {"type": "BUTTONS", "buttons": [{"type": "OTP", "otp_type": "COPY_CODE", "text": "Copy code"}]}], "message_send_ttl_seconds": 600}"#,
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Your order has shipped and arrives tomorrow."}], "message_send_ttl_seconds": -1}"#,
            r#"{"name": "login_code", "language": "en_US", "category": "AUTHENTICATION", "components": [{"type": "BODY", "add_security_recommendation": true}, {"type": "BUTTONS", "buttons": [{"type": "OTP", "otp_type": "COPY_CODE", "text": "Copy code"}]}], "message_send_ttl_seconds": 30}"#,
            r#"{"name": "login_code", "language": "en_US", "category": "AUTHENTICATION", "components": [{"type": "BODY", "add_security_recommendation": true}, {"type": "BUTTONS", "buttons": [{"type": "OTP", "otp_type": "COPY_CODE", "text": "Copy code"}]}], "message_send_ttl_seconds": 900}"#,
            r#"{"name": "login_code", "language": "en_US", "category": "AUTHENTICATION", "components": [{"type": "BODY", "add_security_recommendation": true}, {"type": "BUTTONS", "buttons": [{"type": "OTP", "otp_type": "COPY_CODE", "text": "Copy code"}]}], "message_send_ttl_seconds": -1}"#,
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Your order has shipped and arrives tomorrow."}], "message_send_ttl_seconds": 30}"#,
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Your order has shipped and arrives tomorrow."}], "message_send_ttl_seconds": 43200}"#,
            r#"{"name": "promo", "language": "en_US", "category": "MARKETING", "components": [{"type": "BODY", "text": "Summer sale: 20% off everything this week."}], "message_send_ttl_seconds": 43200}"#,
            r#"{"name": "promo", "language": "en_US", "category": "MARKETING", "components": [{"type": "BODY", "text": "Summer sale: 20% off everything this week."}], "message_send_ttl_seconds": 2592000}"#,
        ],
    }

    TEMPLATE_REJECTED {
        code: "WP108",
        name: "template-rejected",
        stage: Template,
        severity: Info,
        summary: "A fetched template whose `status` is REJECTED, with Meta's `rejected_reason`.",
        why: "Meta reports why it rejected a template (ABUSIVE_CONTENT, INCORRECT_CATEGORY, INVALID_FORMAT, PROMOTIONAL, SCAM, TAG_CONTENT_MISMATCH) (M-WH-TSU); the other findings suggest what to change.",
        help: "fix the findings and edit the template, or request a review in WhatsApp Manager",
        fires: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Your order has shipped and arrives tomorrow."}], "id": "1234567890", "status": "REJECTED", "rejected_reason": "INVALID_FORMAT"}"#,
        ],
        passes: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Your order has shipped and arrives tomorrow."}], "id": "1234567890", "status": "APPROVED"}"#,
        ],
    }

    TEMPLATE_NOT_SENDABLE {
        code: "WP109",
        name: "template-not-sendable",
        stage: Template,
        severity: Info,
        summary: "A fetched template whose `status` does not allow sending (anything but APPROVED), or an unknown status.",
        why: "Only APPROVED templates can be sent: paused ones fail with 132015, disabled ones with 132016, others with 132001 (M-OV, M-PAUSE, M-ERR).",
        help: "",
        fires: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Your order has shipped and arrives tomorrow."}], "id": "1", "status": "PAUSED"}"#,
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Your order has shipped and arrives tomorrow."}], "id": "1", "status": "DISABLED"}"#,
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Your order has shipped and arrives tomorrow."}], "id": "1", "status": "PENDING"}"#,
        ],
        passes: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Your order has shipped and arrives tomorrow."}], "id": "1", "status": "APPROVED"}"#,
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Your order has shipped and arrives tomorrow."}]}"#,
        ],
    }

    LEGACY_CATEGORY {
        code: "WP401",
        name: "legacy-category",
        stage: Template,
        severity: Info,
        summary: "A pre-2023 category (ACCOUNT_UPDATE … ALERT_UPDATE, AUTO_REPLY, TRANSACTIONAL, OTP), read as today's category.",
        why: "The notification types of 2019–2022 and the TRANSACTIONAL/MARKETING/OTP set of late 2022 were replaced by MARKETING, UTILITY and AUTHENTICATION in June 2023 (M-MT-OLD, M-CBP).",
        help: "",
        fires: [
            r#"{"name": "order_update", "language": "en_US", "category": "SHIPPING_UPDATE", "components": [{"type": "BODY", "text": "Your order has shipped and arrives tomorrow."}]}"#,
            r#"{"name": "order_update", "language": "en_US", "category": "TRANSACTIONAL", "components": [{"type": "BODY", "text": "Your order has shipped and arrives tomorrow."}]}"#,
            r#"{"name": "login_code", "language": "en_US", "category": "OTP", "components": [{"type": "BODY", "add_security_recommendation": true}, {"type": "BUTTONS", "buttons": [{"type": "OTP", "otp_type": "COPY_CODE", "text": "Copy code"}]}]}"#,
        ],
        passes: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Your order has shipped and arrives tomorrow."}]}"#,
        ],
    }

    CATEGORY_CHANGE_PENDING {
        code: "WP402",
        name: "category-change-pending",
        stage: Category,
        severity: Warning,
        summary: "A fetched template whose `correct_category` differs from its `category`.",
        why: "Meta sets `correct_category` before it changes a template's category; the template will then be billed and limited as that category (M-CAT).",
        help: "expect the new category's price and rules, or rewrite the content to fit the declared one",
        fires: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Your order has shipped and arrives tomorrow."}], "id": "1", "status": "APPROVED", "correct_category": "MARKETING"}"#,
        ],
        passes: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Your order has shipped and arrives tomorrow."}], "id": "1", "status": "APPROVED", "correct_category": ""}"#,
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Your order has shipped and arrives tomorrow."}], "id": "1", "status": "APPROVED", "correct_category": "UTILITY"}"#,
        ],
    }
}

#[derive(Default)]
struct LanguageTable {
    locales: Vec<String>,
    /// The languages whose entries were re-read against Meta's current page.
    reread: Vec<String>,
}

/// The strings of `file[key]`, or `None` when it is not a list of strings.
fn strings(file: &serde_json::Value, key: &str) -> Option<Vec<String>> {
    file.get(key)?.as_array()?.iter().map(|s| s.as_str().map(str::to_string)).collect()
}

static TABLE: LazyLock<LanguageTable> = LazyLock::new(|| {
    // An unreadable file (see `embedded`) means no locale is "known", and WP104 then reports
    // nothing. Read from its JSON value: a derive's deserializer costs more for one file.
    let file: Option<serde_json::Value> = crate::embedded::load!("languages.json");
    let read = |f: &serde_json::Value| {
        let reread = if f.get("reread").is_some() { strings(f, "reread")? } else { Vec::new() };
        Some(LanguageTable { locales: strings(f, "locales")?, reread })
    };
    file.as_ref().and_then(read).unwrap_or_default()
});

/// True when `code` is in Meta's table of supported template languages.
pub fn is_supported_language(code: &str) -> bool {
    TABLE.locales.iter().any(|l| l == code)
}

fn is_locale_code(s: &str) -> bool {
    let mut parts = s.split('_');
    let lang = parts.next().unwrap_or("");
    let region = parts.next();
    (2..=3).contains(&lang.len())
        && lang.bytes().all(|b| b.is_ascii_lowercase())
        && region.is_none_or(|r| r.len() == 2 && r.bytes().all(|b| b.is_ascii_uppercase()))
        && parts.next().is_none()
}

#[inline(never)] // one function per stage: see `rules::run`
pub fn check(cx: &mut Context) {
    let t = cx.template;
    if let Some(name) = &t.name {
        let bad = name.value.char_indices().find(|(_, c)| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '_'));
        if name.value.is_empty() {
            cx.report(Diagnostic::new(&INVALID_NAME, &name.path, "template name is empty"));
        } else if let Some((i, c)) = bad {
            let what = if c.is_uppercase() {
                "an uppercase letter"
            } else if c == ' ' {
                "a space"
            } else {
                "a character other than a-z, 0-9 and _"
            };
            let d = Diagnostic::new(&INVALID_NAME, &name.path, format!("template name contains {what}"))
                .at(&name.value, i..i + c.len_utf8())
                .help(format!("use lowercase letters, digits and underscores, e.g. `{}`", suggest_name(&name.value)));
            cx.report(d);
        }
        let n = name.value.chars().count();
        if n > 512 {
            let start = name.value.char_indices().nth(512).map_or(0, |(i, _)| i);
            cx.report(
                Diagnostic::new(
                    &NAME_TOO_LONG,
                    &name.path,
                    format!("template name is {n} characters long; the limit is 512"),
                )
                .at(&name.value, start..name.value.len()),
            );
        }
    }
    let mut languages: Vec<&crate::template::Text> = t.languages.iter().collect();
    if languages.is_empty() {
        languages.extend(t.language.as_ref());
    }
    for lang in languages {
        let code = lang.value.as_str();
        if !is_locale_code(code) {
            let fixed = code.replace('-', "_");
            let help = if is_supported_language(&fixed) {
                format!("write `{fixed}`")
            } else {
                "use a locale code such as `en_US`, `it`, `pt_BR` or `es_MX`".to_string()
            };
            cx.report(
                Diagnostic::new(&MALFORMED_LANGUAGE, &lang.path, format!("`{code}` is not a locale code"))
                    .at(code, 0..code.len())
                    .help(help),
            );
        } else if !TABLE.locales.is_empty()
            && !is_supported_language(code)
            && !cx.options.extra_languages.iter().any(|l| l == code)
        {
            let base = code.split('_').next().unwrap_or(code);
            let help = if is_supported_language(base) {
                format!("Meta lists this language as `{base}`")
            } else {
                "check the locale against Meta's supported languages, or add it with the `extraLanguages` option"
                    .to_string()
            };
            // Sure only where our copy of Meta's list was re-read (`reread` in the data).
            let (rule, message) = if TABLE.reread.iter().any(|l| l == base) {
                (&UNKNOWN_LANGUAGE, format!("`{code}` is not in Meta's list of template languages"))
            } else {
                (
                    &UNVERIFIED_LANGUAGE,
                    format!("`{code}` is not in wa-preflight's copy of Meta's list of template languages"),
                )
            };
            cx.report(Diagnostic::new(rule, &lang.path, message).at(code, 0..code.len()).help(help));
        }
    }
    if let Some(cat) = &t.category {
        match parse_category(&cat.value) {
            None => cx.report(
                Diagnostic::new(&INVALID_CATEGORY, &cat.path, format!("`{}` is not a template category", cat.value))
                    .at(&cat.value, 0..cat.value.len()),
            ),
            Some((now, Some(legacy))) => cx.report(
                Diagnostic::new(
                    &LEGACY_CATEGORY,
                    &cat.path,
                    format!("`{legacy}` is a pre-2023 category; it is read as {}", now.name()),
                )
                .at(&cat.value, 0..cat.value.len())
                .help(format!("declare `{}`", now.name())),
            ),
            Some(_) => {}
        }
    }
    if let Some(pf) = &t.parameter_format {
        let v = pf.value.to_ascii_uppercase();
        if v != "POSITIONAL" && v != "NAMED" {
            cx.report(
                Diagnostic::new(
                    &INVALID_PARAMETER_FORMAT,
                    &pf.path,
                    format!("`{}` is not a parameter format", pf.value),
                )
                .at(&pf.value, 0..pf.value.len()),
            );
        }
    }
    if let (Some((ttl, path)), Some(cat)) = (&t.message_send_ttl_seconds, cx.category) {
        let (range, minus_one) = match cat {
            Category::Authentication => (30..=900, true),
            Category::Utility => (30..=43_200, true),
            Category::Marketing => (43_200..=2_592_000, false),
        };
        if !(range.contains(ttl) || (minus_one && *ttl == -1)) {
            cx.report(Diagnostic::new(
                &TTL_OUT_OF_RANGE,
                path,
                format!(
                    "{} templates take a time-to-live of {}–{} seconds{}, not {ttl}",
                    cat.name(),
                    range.start(),
                    range.end(),
                    if minus_one { " or -1" } else { "" }
                ),
            ));
        }
    }
    check_status(cx);
}

fn check_status(cx: &mut Context) {
    const KNOWN: &[&str] = &[
        "APPROVED",
        "PENDING",
        "REJECTED",
        "PAUSED",
        "DISABLED",
        "IN_APPEAL",
        "FLAGGED",
        "REINSTATED",
        "PENDING_DELETION",
        "DELETED",
        "LIMIT_EXCEEDED",
        "ARCHIVED",
        "UNARCHIVED",
        "LOCKED",
    ];
    let t = cx.template;
    if let Some(status) = &t.status {
        let s = status.value.to_ascii_uppercase();
        if s == "REJECTED" {
            let reason = t.rejected_reason.as_deref().filter(|r| !r.is_empty() && *r != "NONE");
            let msg = match reason {
                Some(r) => format!("Meta rejected this template ({r})"),
                None => "Meta rejected this template".to_string(),
            };
            cx.report(Diagnostic::new(&TEMPLATE_REJECTED, &status.path, msg));
        } else if s != "APPROVED" {
            let msg = match s.as_str() {
                "PAUSED" => "template is paused; sends fail with 132015 until it is unpaused".to_string(),
                "DISABLED" => "template is disabled; sends fail with 132016".to_string(),
                _ if KNOWN.contains(&s.as_str()) => {
                    format!("template status is {s}; only APPROVED templates can be sent (132001)")
                }
                _ => format!("unknown template status `{}`", status.value),
            };
            cx.report(Diagnostic::new(&TEMPLATE_NOT_SENDABLE, &status.path, msg));
        }
    }
    if let (Some(correct), Some(cat)) = (&t.correct_category, cx.category) {
        if let Some((want, _)) = parse_category(&correct.value) {
            if want != cat {
                cx.report(Diagnostic::new(
                    &CATEGORY_CHANGE_PENDING,
                    &correct.path,
                    format!("Meta will change this template's category from {} to {}", cat.name(), want.name()),
                ));
            }
        }
    }
}

/// A name Meta would accept, derived from `name`.
fn suggest_name(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('_') {
            out.push('_');
        }
    }
    let trimmed = out.trim_matches('_');
    if trimmed.is_empty() {
        "template_name".to_string()
    } else {
        trimmed.to_string()
    }
}

// Tests only: the unwraps below are assertions on fixed inputs, compiled under cfg(test) and
// never into the library, so no user input reaches them.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_table_loads() {
        assert!(TABLE.locales.len() > 60);
        assert!(is_supported_language("pt_BR") && is_supported_language("it") && !is_supported_language("it_IT"));
    }

    #[test]
    fn locale_shapes() {
        assert!(is_locale_code("en") && is_locale_code("pt_BR") && is_locale_code("fil"));
        assert!(!is_locale_code("pt-BR") && !is_locale_code("EN") && !is_locale_code("en_us") && !is_locale_code(""));
    }

    #[test]
    fn categories() {
        assert_eq!(parse_category("utility"), Some((Category::Utility, None)));
        assert_eq!(parse_category("OTP"), Some((Category::Authentication, Some("OTP"))));
        assert_eq!(parse_category("SERVICE"), None);
    }

    #[test]
    fn name_suggestion() {
        assert_eq!(suggest_name("Order Confirmation!"), "order_confirmation");
        assert_eq!(suggest_name("---"), "template_name");
    }
}
