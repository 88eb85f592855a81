//! The rule registry and the pass that runs every rule over a template.
//!
//! Each rule is a [`Rule`] static defined next to its check in one of the family modules; the
//! table [`RULES`] below lists them all, and `docs/rules.md` is generated from it
//! ([`rules_markdown`]). Codes are grouped by area (0xx input shape, 1xx structure and limits,
//! 2xx placeholders and examples, 3xx content policy, 4xx category) and are never renumbered or
//! reused.

pub mod authentication;
pub mod buttons;
pub mod category;
pub mod content;
pub mod examples;
pub mod identity;
pub mod limits;
pub mod payload;
pub mod placeholders;
pub mod policy;
pub mod sending;
pub mod shape;
pub mod structure;

use std::collections::HashMap;

use crate::category::Category;
use crate::classify::Classification;
use crate::diagnostic::{CloudError, Diagnostic, Severity};
use crate::lexicon::{tokenize, Tokens};
use crate::options::{RuleSetting, ValidateOptions};
use crate::placeholder::{scan, Scan};
use crate::template::{ButtonKind, ComponentKind, Template, Text};

/// A rule: what it flags, why, and examples that fire and that do not.
#[derive(Debug)]
pub struct Rule {
    /// `WP` and three digits.
    pub code: &'static str,
    /// Kebab-case name of the pattern flagged.
    pub name: &'static str,
    pub severity: Severity,
    /// What the rule flags, one sentence.
    pub summary: &'static str,
    /// Why Meta cares, with the source.
    pub why: &'static str,
    /// Default advice attached to each finding.
    pub help: &'static str,
    /// A template fragment that fires the rule.
    pub fires: &'static str,
    /// A near miss that does not.
    pub passes: &'static str,
    /// True when the fact behind the rule rests on a secondary or inferred source; such rules
    /// are warnings at most.
    pub uncertain: bool,
    /// The Cloud API error a send that breaks this rule is expected to get.
    pub meta_error: Option<CloudError>,
}

/// Findings are built from their rule here, beside the registry, so that `diagnostic` (what a
/// finding is) needs nothing of the rules.
impl Diagnostic {
    /// A finding of `rule` at `path`, with the rule's default severity and help.
    pub fn new(rule: &'static Rule, path: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            code: rule.code,
            rule: rule.name,
            severity: rule.severity,
            message: message.into(),
            help: if rule.help.is_empty() { None } else { Some(rule.help.to_string()) },
            path: path.into(),
            span: None,
            error_code: rule.meta_error.map(|e| e.code),
            alternatives: rule.meta_error.map_or(&[], |e| e.alternatives),
        }
    }
}

/// Every rule, in code order.
pub static RULES: &[&Rule] = &[
    &shape::INVALID_FIELD_TYPE,
    &shape::MISSING_FIELD,
    &shape::UNKNOWN_COMPONENT_TYPE,
    &shape::UNKNOWN_BUTTON_TYPE,
    &shape::UNKNOWN_HEADER_FORMAT,
    &shape::DEPRECATED_FIELD,
    &identity::INVALID_NAME,
    &identity::NAME_TOO_LONG,
    &identity::MALFORMED_LANGUAGE,
    &identity::UNKNOWN_LANGUAGE,
    &identity::INVALID_CATEGORY,
    &identity::INVALID_PARAMETER_FORMAT,
    &identity::TTL_OUT_OF_RANGE,
    &identity::TEMPLATE_REJECTED,
    &identity::TEMPLATE_NOT_SENDABLE,
    &structure::MISSING_BODY,
    &structure::DUPLICATE_COMPONENT,
    &structure::EMPTY_TEXT,
    &structure::LOCATION_HEADER_CATEGORY,
    &structure::MEDIA_HEADER_MISSING_EXAMPLE,
    &structure::HEADER_NEWLINE,
    &structure::HEADER_EMOJI,
    &structure::HEADER_MARKUP,
    &structure::OFFER_CATEGORY,
    &structure::OFFER_WITH_FOOTER,
    &structure::CAROUSEL_CARD_COUNT,
    &structure::CAROUSEL_CARD_MISMATCH,
    &structure::CAROUSEL_CARD_HEADER,
    &structure::CAROUSEL_CARD_BUTTONS,
    &structure::CAROUSEL_EXTRA_COMPONENT,
    &structure::CALL_PERMISSION_CATEGORY,
    &limits::BODY_TOO_LONG,
    &limits::HEADER_TOO_LONG,
    &limits::FOOTER_TOO_LONG,
    &limits::BUTTON_TEXT_TOO_LONG,
    &limits::URL_TOO_LONG,
    &limits::PHONE_NUMBER_TOO_LONG,
    &limits::COPY_CODE_TOO_LONG,
    &limits::OFFER_TEXT_TOO_LONG,
    &limits::CARD_BODY_TOO_LONG,
    &buttons::TOO_MANY_BUTTONS,
    &buttons::TOO_MANY_URL_BUTTONS,
    &buttons::TOO_MANY_PHONE_BUTTONS,
    &buttons::TOO_MANY_COPY_CODE_BUTTONS,
    &buttons::QUICK_REPLIES_SPLIT,
    &buttons::DUPLICATE_BUTTON_LABEL,
    &buttons::MISSING_BUTTON_TEXT,
    &buttons::INVALID_URL,
    &buttons::INVALID_PHONE_NUMBER,
    &buttons::FLOW_BUTTON_TARGET,
    &buttons::CATALOG_BUTTON_NOT_ALONE,
    &authentication::OTP_BUTTON_OUTSIDE_AUTHENTICATION,
    &authentication::OTP_BUTTON_COUNT,
    &authentication::AUTHENTICATION_CUSTOM_TEXT,
    &authentication::AUTHENTICATION_HEADER,
    &authentication::AUTHENTICATION_FORBIDDEN_CONTENT,
    &authentication::CODE_EXPIRATION_RANGE,
    &authentication::INVALID_OTP_TYPE,
    &authentication::OTP_APP_MISSING,
    &authentication::ZERO_TAP_TERMS,
    &placeholders::VARIABLE_AT_EDGE,
    &placeholders::ADJACENT_VARIABLES,
    &placeholders::PLACEHOLDER_SEQUENCE,
    &placeholders::MALFORMED_PLACEHOLDER,
    &placeholders::INVALID_PLACEHOLDER_NAME,
    &placeholders::MIXED_PLACEHOLDER_STYLES,
    &placeholders::LEGACY_PLACEHOLDER,
    &placeholders::TOO_MANY_HEADER_VARIABLES,
    &placeholders::FOOTER_VARIABLE,
    &placeholders::VARIABLE_DENSITY,
    &placeholders::PLACEHOLDER_WHITESPACE,
    &placeholders::PARAMETER_FORMAT_MISMATCH,
    &placeholders::URL_VARIABLE_POSITION,
    &placeholders::VARIABLE_IN_STATIC_FIELD,
    &placeholders::PARAMETER_NAME_TOO_LONG,
    &placeholders::PARAMETER_NAME_DIGITS,
    &placeholders::TOO_MANY_VARIABLES,
    &examples::MISSING_EXAMPLE,
    &examples::EXAMPLE_COUNT_MISMATCH,
    &examples::EXAMPLE_SHAPE,
    &examples::EMPTY_EXAMPLE,
    &examples::EXAMPLE_NEWLINE,
    &examples::NAMED_EXAMPLE_MISMATCH,
    &examples::URL_EXAMPLE_MISMATCH,
    &examples::COPY_CODE_MISSING_EXAMPLE,
    &content::URL_SHORTENER,
    &content::SENSITIVE_IDENTIFIER_REQUEST,
    &policy::REGULATED_GOODS,
    &policy::DEBT_THREAT,
    &policy::DECEPTIVE_URGENCY,
    &policy::PROMOTION_2019,
    &policy::RECURRING_CONTENT_2019,
    &policy::SURVEY_2019,
    &policy::RATING_SHARE_2019,
    &policy::COLD_CALL_2019,
    &policy::REENGAGEMENT_2019,
    &policy::PRESUMED_INTEREST_2019,
    &policy::MEDIA_2019,
    &identity::LEGACY_CATEGORY,
    &identity::CATEGORY_CHANGE_PENDING,
    &category::CATEGORY_WILL_CHANGE,
    &category::CODE_OUTSIDE_AUTHENTICATION,
    &category::AUTHENTICATION_EXTRA_CONTENT,
    &sending::UNFILLED_PARAMETER,
    &sending::PARAMETER_WHITESPACE,
    &sending::EMPTY_PARAMETER,
    &sending::HEADER_PARAMETER_TOO_LONG,
    &sending::BODY_PARAMETER_TOO_LONG,
    &sending::HYDRATED_BODY_TOO_LONG,
    &sending::AUTHENTICATION_CODE_INVALID,
    &sending::COUPON_CODE_INVALID,
    &sending::HYDRATED_URL_TOO_LONG,
    &sending::EXTRA_PARAMETER,
    &sending::PAYLOAD_TOO_LONG,
    &sending::BUTTON_PARAMETER_MISSING,
    &sending::URL_PARAMETER_NOT_ENCODED,
    &sending::INVALID_SEND_PAYLOAD,
    &sending::TEMPLATE_NOT_FOUND,
    &sending::TEMPLATE_NOT_APPROVED,
    &sending::TEMPLATE_PAUSED,
    &sending::TEMPLATE_DISABLED,
    &sending::PARAMETER_FORMAT_MISMATCH,
    &sending::INVALID_PARAMETER_VALUE,
    &sending::TEXT_TOO_LONG,
    &payload::UNEXPECTED_KEY,
    &payload::MISSING_REQUIRED_FIELD,
    &payload::UNSUPPORTED_MESSAGE_TYPE,
    &payload::INVALID_FIELD_VALUE,
    &payload::INTERACTIVE_TEXT_TOO_LONG,
    &payload::INTERACTIVE_ITEM_COUNT,
    &payload::INTERACTIVE_DUPLICATE,
    &payload::INTERACTIVE_HEADER,
    &payload::CAROUSEL_CARDS_DIFFER,
    &payload::GROUP_MESSAGE_TYPE,
    &payload::DISPUTED_LIMIT,
    &payload::MARKETING_ENDPOINT_MESSAGE,
    &payload::MARKETING_ENDPOINT_CATEGORY,
    &payload::AUTHENTICATION_TO_USER_ID,
    &payload::AUTHENTICATION_CODE_MISMATCH,
    &payload::MARKETING_TEMPLATE_ON_MESSAGES,
    &sending::OUTSIDE_WINDOW,
    &sending::RECIPIENT_OPTED_OUT,
    &sending::MARKETING_STOPPED,
    &sending::US_MARKETING_PAUSED,
    &sending::INVALID_RECIPIENT,
];

/// Looks a rule up by code (`WP201`) or name (`variable-at-edge`).
pub fn find_rule(key: &str) -> Option<&'static Rule> {
    RULES.iter().copied().find(|r| r.code.eq_ignore_ascii_case(key) || r.name == key)
}

/// Where a scanned text field sits in the template; decides which rules apply to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    HeaderText,
    Body,
    Footer,
    ButtonUrl,
    CardHeaderText,
    CardBody,
    /// Button labels, offer text, phone numbers: fields that take no parameters.
    Static,
}

/// A text field with its placeholder scan, computed once per validation.
#[derive(Debug)]
pub struct Field<'a> {
    pub role: Role,
    pub text: &'a Text,
    pub scan: Scan,
    /// The field's words, tokenized once for every rule that reads words (policy, identifiers).
    pub tokens: Tokens,
    /// JSON path of the component (or button) the field belongs to.
    pub owner: &'a str,
    /// The component's `example`, for header and body fields.
    pub example: Option<&'a serde_json::Value>,
}

/// What every rule sees: the template, the options, the scans, and the findings so far.
pub struct Context<'a> {
    pub template: &'a Template,
    pub options: &'a ValidateOptions,
    /// What the content says the category is.
    pub classification: &'a Classification,
    /// The declared category, legacy values mapped; `None` when missing or unknown.
    pub category: Option<Category>,
    pub fields: Vec<Field<'a>>,
    findings: Findings,
}

/// At most this many findings of one rule on one field are kept, so that hostile input (a body
/// of 200,000 placeholders) gives a bounded answer in bounded time.
pub const MAX_PER_SITE: usize = 20;

/// Findings being collected, at most [`MAX_PER_SITE`] per rule and field. Rules that may find
/// many things in one field ask [`Findings::wants`] before building each diagnostic, which keeps
/// the work linear in the input.
#[derive(Debug, Default)]
pub struct Findings {
    list: Vec<Diagnostic>,
    per_site: HashMap<&'static str, HashMap<String, usize>>,
}

impl Findings {
    /// False once `rule` has reached its cap at `path`.
    pub fn wants(&self, rule: &Rule, path: &str) -> bool {
        self.per_site.get(rule.code).and_then(|m| m.get(path)).is_none_or(|n| *n < MAX_PER_SITE)
    }

    pub fn push(&mut self, d: Diagnostic) {
        let n = self.per_site.entry(d.code).or_default().entry(d.path.clone()).or_insert(0);
        if *n < MAX_PER_SITE {
            *n += 1;
            self.list.push(d);
        }
    }
}

impl<'a> Context<'a> {
    pub fn new(template: &'a Template, options: &'a ValidateOptions, classification: &'a Classification) -> Self {
        let category =
            template.category.as_ref().and_then(|c| crate::category::parse_category(&c.value).map(|(cat, _)| cat));
        let mut fields = Vec::new();
        for c in &template.components {
            collect_fields(&c.kind, &c.path, c.example.as_ref(), false, &mut fields);
        }
        Context { template, options, classification, category, fields, findings: Findings::default() }
    }

    pub fn report(&mut self, d: Diagnostic) {
        self.findings.push(d);
    }

    /// Adds the findings a rule family collected on its own.
    pub fn absorb(&mut self, found: Findings) {
        for d in found.list {
            self.findings.push(d);
        }
    }

    pub fn fields(&self, role: Role) -> impl Iterator<Item = &Field<'a>> {
        self.fields.iter().filter(move |f| f.role == role)
    }

    /// Findings with the options' per-rule settings applied.
    pub fn finish(self) -> Vec<Diagnostic> {
        apply_settings(self.findings.list, &self.options.rules)
    }
}

/// Applies per-rule settings (keyed by code or name): turns findings off or re-grades them.
pub fn apply_settings(list: Vec<Diagnostic>, settings: &HashMap<String, RuleSetting>) -> Vec<Diagnostic> {
    if settings.is_empty() {
        return list;
    }
    list.into_iter()
        .filter_map(|mut d| {
            let setting = settings.get(d.code).or_else(|| settings.get(d.rule));
            match setting {
                Some(RuleSetting::Off) => None,
                Some(RuleSetting::Info) => Some(Diagnostic { severity: Severity::Info, ..d }),
                Some(RuleSetting::Warning) => Some(Diagnostic { severity: Severity::Warning, ..d }),
                Some(RuleSetting::Error) => {
                    d.severity = Severity::Error;
                    Some(d)
                }
                None => Some(d),
            }
        })
        .collect()
}

fn collect_fields<'a>(
    kind: &'a ComponentKind,
    path: &'a str,
    example: Option<&'a serde_json::Value>,
    in_card: bool,
    out: &mut Vec<Field<'a>>,
) {
    fn push<'a>(
        out: &mut Vec<Field<'a>>,
        role: Role,
        text: &'a Option<Text>,
        owner: &'a str,
        example: Option<&'a serde_json::Value>,
    ) {
        if let Some(text) = text {
            out.push(Field { role, text, scan: scan(&text.value), tokens: tokenize(&text.value), owner, example });
        }
    }
    match kind {
        ComponentKind::Header(h) => {
            push(out, if in_card { Role::CardHeaderText } else { Role::HeaderText }, &h.text, path, example)
        }
        ComponentKind::Body(b) => push(out, if in_card { Role::CardBody } else { Role::Body }, &b.text, path, example),
        ComponentKind::Footer(f) => push(out, Role::Footer, &f.text, path, None),
        ComponentKind::LimitedTimeOffer(o) => push(out, Role::Static, &o.text, path, None),
        ComponentKind::Buttons(buttons) => {
            for b in buttons {
                push(out, Role::Static, &b.text, &b.path, None);
                push(out, Role::Static, &b.phone_number, &b.path, None);
                if b.kind == ButtonKind::Url && !b.is_otp() {
                    push(out, Role::ButtonUrl, &b.url, &b.path, b.example.as_ref());
                }
            }
        }
        ComponentKind::Carousel(cards) => {
            for card in cards {
                for c in &card.components {
                    collect_fields(&c.kind, &c.path, c.example.as_ref(), true, out);
                }
            }
        }
        ComponentKind::CallPermissionRequest | ComponentKind::Unknown(_) => {}
    }
}

/// Runs every rule family over `template`.
pub fn run(template: &Template, options: &ValidateOptions, classification: &Classification) -> Vec<Diagnostic> {
    let mut cx = Context::new(template, options, classification);
    shape::check(&mut cx);
    identity::check(&mut cx);
    structure::check(&mut cx);
    limits::check(&mut cx);
    buttons::check(&mut cx);
    authentication::check(&mut cx);
    placeholders::check(&mut cx);
    examples::check(&mut cx);
    content::check(&mut cx);
    policy::check(&mut cx);
    category::check(&mut cx);
    cx.finish()
}

/// The rules reference as Markdown (the content of `docs/rules.md`).
pub fn rules_markdown() -> String {
    let mut s = String::from(
        "# wa-preflight rules\n\n\
         Generated from the rule registry (`src/rules/mod.rs`) by \
         `UPDATE_DOCS=1 cargo test --test docs`; do not edit by hand.\n\n\
         Codes are stable and never reused. Severity: **error** = Meta rejects it; **warning** = \
         Meta likely rejects it, or the rule rests on a secondary or uncertain source (marked \
         *uncertain*); **info** = worth knowing. Every rule can be turned off or re-graded with \
         the `rules` option (`{\"rules\": {\"WP210\": \"off\"}}`).\n\n\
         Lengths are counted in Unicode code points by default (👍 = 1, 🇮🇹 = 2); the option \
         `lengthUnit: \"utf16\"` counts UTF-16 code units like JavaScript's `String.length` \
         (👍 = 2). Spans are always UTF-16 code units of the field at `path`.\n\n\
         | code | rule | severity | flags |\n|---|---|---|---|\n",
    );
    for r in RULES {
        s.push_str(&format!(
            "| [{}](#{}) | `{}` | {}{} | {} |\n",
            r.code,
            r.code.to_ascii_lowercase(),
            r.name,
            r.severity.as_str(),
            if r.uncertain { " (uncertain)" } else { "" },
            r.summary
        ));
    }
    for r in RULES {
        s.push_str(&format!(
            "\n## {}\n\n`{}` · {}{}\n\n{}\n\n**Why:** {}\n\n",
            r.code,
            r.name,
            r.severity.as_str(),
            if r.uncertain { " · uncertain: the fact rests on a secondary source or inference" } else { "" },
            r.summary,
            r.why
        ));
        if !r.help.is_empty() {
            s.push_str(&format!("**Fix:** {}\n\n", r.help));
        }
        if let Some(e) = r.meta_error {
            s.push_str(&format!("**Cloud API error when sent:** {}", e.code));
            if !e.alternatives.is_empty() {
                let seen: Vec<String> = e.alternatives.iter().map(u32::to_string).collect();
                s.push_str(&format!(" (also seen: {})", seen.join(", ")));
            }
            s.push_str("\n\n");
        }
        s.push_str(&format!("Fires: {}\n\nDoes not fire: {}\n", r.fires, r.passes));
    }
    s.push_str("\n## Sources\n\n| tag | source |\n|---|---|\n");
    for (tag, source) in SOURCES {
        s.push_str(&format!("| {tag} | {source} |\n"));
    }
    s
}

/// The source tags the rule docs cite.
const SOURCES: &[(&str, &str)] = &[
    ("M-OV", "Meta, Templates overview: developers.facebook.com/documentation/business-messaging/whatsapp/templates/overview"),
    ("M-COMP", "Meta, Template components: …/whatsapp/templates/components"),
    ("M-REV", "Meta, Template review: …/whatsapp/templates/template-review"),
    ("M-CAT", "Meta, Template categorization: …/whatsapp/templates/template-categorization"),
    ("M-UTIL", "Meta, Utility templates: …/whatsapp/templates/utility-templates/utility-templates"),
    ("M-MKT", "Meta, Marketing templates (carousels, limited-time offers, coupons): …/whatsapp/templates/marketing-templates"),
    ("M-AUTH", "Meta, Authentication templates: …/whatsapp/templates/authentication-templates/authentication-templates"),
    ("M-AUTH-CC", "Meta, Copy-code authentication templates: …/authentication-templates/copy-code-button-authentication-templates"),
    ("M-TTL", "Meta, Time-to-live: …/whatsapp/templates/time-to-live"),
    ("M-PAUSE", "Meta, Template pausing: …/whatsapp/templates/template-pausing"),
    ("M-ERR", "Meta, Error codes: …/whatsapp/support/error-codes"),
    ("M-SEND", "Meta, Send messages: …/whatsapp/messages/send-messages"),
    ("M-TEXT", "Meta, Text messages: …/whatsapp/messages/text-messages"),
    ("M-CHG", "Meta, Cloud API changelog: …/whatsapp/changelog (2025-05-29, Graph v23.0: error 132018; 2025-12-03: copy codes of up to 20 characters)"),
    ("WA-NODE", "Meta's WhatsApp Node.js SDK, TemplateObject: whatsapp.github.io/WhatsApp-Nodejs-SDK/api-reference/types/TemplateObject"),
    ("M-CBP", "Meta, Conversation-based pricing: …/whatsapp/pricing/conversation-based-pricing"),
    ("M-WH-TSU", "Meta, message_template_status_update webhook: …/webhooks/reference/message_template_status_update"),
    ("M-MT-OLD", "Meta, legacy message templates page: developers.facebook.com/docs/whatsapp/business-management-api/message-templates"),
    ("M-GUIDE-OLD", "Meta, legacy template guidelines: developers.facebook.com/docs/whatsapp/message-templates/guidelines"),
    ("M-PRICE", "Meta, Pricing: …/whatsapp/pricing"),
    ("M-PUL", "Meta, Per-user marketing template limits: …/whatsapp/templates/marketing-templates/per-user-limits"),
    ("M-OPTIN", "Meta, Getting opt-in: …/whatsapp/getting-opt-in"),
    ("M-QUAL", "Meta, Template quality: …/whatsapp/templates/template-quality"),
    ("WA-BMP", "WhatsApp Business Messaging Policy: whatsapp.com/legal/business-policy (2022-10-25 version)"),
    ("PYWA", "pywa SDK, pywa/types/templates.py (david-lev/pywa, 2026-08)"),
    ("M-OA", "Meta's OpenAPI spec of the WhatsApp Business Messaging API: github.com/facebook/openapi, business-messaging-api_v23.0.yaml (2025-11-21)"),
    ("M-REF", "Meta, older Cloud API messages reference: developers.facebook.com/docs/whatsapp/cloud-api/reference/messages"),
    ("M-IMG", "Meta, Image, video, audio, document and sticker messages: …/whatsapp/messages/image-messages (and the sibling pages)"),
    ("M-LOC", "Meta, Location messages: …/whatsapp/messages/location-messages"),
    ("M-CON", "Meta, Contacts messages: …/whatsapp/messages/contacts-messages"),
    ("M-REACT", "Meta, Reaction messages: …/whatsapp/messages/reaction-messages"),
    ("M-CTX", "Meta, Contextual replies: …/whatsapp/messages/contextual-replies"),
    ("M-READ", "Meta, Mark messages as read and typing indicators: …/whatsapp/messages/mark-message-as-read, …/whatsapp/typing-indicators"),
    ("M-BTN", "Meta, Interactive reply buttons messages: …/whatsapp/messages/interactive-reply-buttons-messages"),
    ("M-LIST", "Meta, Interactive list messages: …/whatsapp/messages/interactive-list-messages"),
    ("M-CTA", "Meta, Interactive call-to-action URL button messages: …/whatsapp/messages/interactive-cta-url-messages"),
    ("M-MCAR", "Meta, Interactive media carousel messages: …/whatsapp/messages/interactive-media-carousel-messages"),
    ("M-PCAR", "Meta, Interactive product carousel messages: …/whatsapp/messages/interactive-product-carousel-messages"),
    ("M-LOCREQ", "Meta, Location request messages: …/whatsapp/messages/location-request-messages"),
    ("M-ADDR", "Meta, Address messages: …/whatsapp/messages/address-messages"),
    ("M-SHARE", "Meta, Share products with customers (catalog, product and product-list messages): …/whatsapp/catalogs/sell-products-and-services/share-products"),
    ("M-FLOW", "Meta, Sending a Flow: developers.facebook.com/docs/whatsapp/flows/guides/sendingaflow"),
    ("M-CALLP", "Meta, User call permissions: …/whatsapp/calling/user-call-permissions"),
    ("M-CALLB", "Meta, Call button messages and deep links: …/whatsapp/calling/call-button-messages-deep-links"),
    ("M-GRP", "Meta, Groups messaging: …/whatsapp/groups/groups-messaging"),
    ("M-BSUID", "Meta, Business-scoped user IDs: …/whatsapp/business-scoped-user-ids"),
    ("M-MM", "Meta, Send marketing messages (Marketing Messages API for WhatsApp): …/whatsapp/marketing-messages/send-marketing-messages"),
    ("M-AUTH-SEND", "Meta, Sending authentication templates: …/authentication-templates/autofill-button-authentication-templates"),
    ("M-LTO", "Meta, Limited-time offer templates: …/whatsapp/templates/marketing-templates/limited-time-offer-templates"),
    ("M-COUP", "Meta, Coupon code templates: …/whatsapp/templates/marketing-templates/coupon-templates"),
    ("M-MCT", "Meta, Media card carousel templates: …/whatsapp/templates/marketing-templates/media-card-carousel-templates"),
    ("M-PCT", "Meta, Product card carousel templates: …/whatsapp/templates/marketing-templates/product-card-carousel-templates"),
    ("M-CATT", "Meta, Catalog templates: …/whatsapp/templates/marketing-templates/catalog-templates"),
    ("M-MPM", "Meta, Multi-product message templates: …/whatsapp/templates/marketing-templates/mpm-templates"),
    ("M-SPM", "Meta, Single-product message templates: …/whatsapp/templates/marketing-templates/spm-templates"),
    ("M-PAY-IN", "Meta, Payments in India (order details, enhanced payment links): …/whatsapp/payments/payments-in"),
    ("M-TAP", "Meta, Tap target URL title override: …/whatsapp/templates/tap-target-url-title-override"),
    ("M-ROUTE", "Meta, Route template messages by category (page of 2026-09-21)"),
    ("M-CPRT", "Meta, Call permission request message templates: …/whatsapp/templates/marketing-templates/call-permission-request-message-template"),
];

// Tests only: the unwraps below are assertions on fixed inputs, compiled under cfg(test) and
// never into the library, so no user input reaches them.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_names_are_unique_and_well_formed() {
        let mut codes: Vec<&str> = RULES.iter().map(|r| r.code).collect();
        let mut names: Vec<&str> = RULES.iter().map(|r| r.name).collect();
        for r in RULES {
            assert!(
                r.code.len() == 5 && r.code.starts_with("WP") && r.code[2..].bytes().all(|b| b.is_ascii_digit()),
                "{}",
                r.code
            );
            assert!(r.name.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'), "{}", r.name);
            assert!(!r.name.starts_with("no-"), "{} names a prohibition, not the pattern", r.name);
            assert!(!(r.uncertain && r.severity == Severity::Error), "{} is uncertain but an error", r.code);
            assert!(
                !r.summary.is_empty() && !r.why.is_empty() && !r.fires.is_empty() && !r.passes.is_empty(),
                "{}",
                r.code
            );
        }
        codes.sort_unstable();
        for r in RULES {
            for word in r.why.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-')) {
                let tag = word.trim_matches('-');
                if tag.starts_with("M-") || tag == "PYWA" {
                    assert!(SOURCES.iter().any(|(t, _)| *t == tag), "{} cites unknown source {tag}", r.code);
                }
            }
        }
        codes.dedup();
        names.sort_unstable();
        names.dedup();
        assert_eq!(codes.len(), RULES.len());
        assert_eq!(names.len(), RULES.len());
    }
}
