//! `docs/rules.md`, generated from the rule declarations with the cases the tests run (native
//! builds only: neither the page nor its source list is compiled into the WASM module).

use super::RULES;

/// The rules reference as Markdown (the content of `docs/rules.md`).
pub fn rules_markdown() -> String {
    let mut s = String::from(
        "# wa-preflight rules\n\n\
         Generated from the rule declarations (`declare_rules!` in each `src/rules/<family>.rs`) by \
         `UPDATE_DOCS=1 cargo test --test docs`; do not edit by hand.\n\n\
         Each rule lists the cases `tests/rules.rs` runs: inputs that fire it and near misses that \
         do not, one JSON line each. A case is a template, `{\"template\", \"options\"}`, or for a \
         send rule a request `{\"payload\", …}` checked against `tests/fixtures/send/templates.json` \
         (`error_code`: the Cloud API error it must be predicted to get; `state`, `now`, `endpoint`: \
         the send options; `no_templates`: the payload checked alone). `⟪a×1025⟫` stands for 1,025 \
         `a`s.\n\n\
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
            "\n## {}\n\n`{}` · {} · stage: {}{}\n\n{}\n\n**Why:** {}\n\n",
            r.code,
            r.name,
            r.severity.as_str(),
            r.stage.as_str(),
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
        for (title, list) in [("Fires", r.fires), ("Does not fire", r.passes)] {
            s.push_str(&format!("{title}:\n\n```json\n"));
            for case in list {
                s.push_str(case);
                s.push('\n');
            }
            s.push_str(if title == "Fires" { "```\n\n" } else { "```\n" });
        }
    }
    s.push_str("\n## Sources\n\n| tag | source |\n|---|---|\n");
    for (tag, source) in SOURCES {
        s.push_str(&format!("| {tag} | {source} |\n"));
    }
    s
}

/// The source tags the rule docs cite.
pub(super) const SOURCES: &[(&str, &str)] = &[
    ("M-OV", "Meta, Templates overview: developers.facebook.com/documentation/business-messaging/whatsapp/templates/overview"),
    ("M-COMP", "Meta, Template components: …/whatsapp/templates/components"),
    ("M-LANG", "Meta, Supported Languages: …/whatsapp/templates/supported-languages"),
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
