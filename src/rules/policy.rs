//! WP303–WP317: prohibited content per policy era. The current rules come from the WhatsApp
//! Business Messaging and Commerce policies; the `2019` era adds the notification rules of June
//! 2019, when templates could carry nothing promotional. Words live in `data/policy.json`; the
//! 2019 rules about promotions, surveys, app promotion and re-engagement reuse the category
//! classifier's signals (`data/classify.json`).

use super::{Context, Findings, Rule};
use crate::classify::Reason;
use crate::diagnostic::{Diagnostic, Severity};
use crate::policy::{scan_tokens, PolicyEra};
use crate::template::{ComponentKind, HeaderFormat};

macro_rules! policy_rule {
    ($id:ident, $code:literal, $name:literal, $sev:ident, $uncertain:literal, $summary:literal, $why:literal, $help:literal, $fires:literal, $passes:literal) => {
        pub static $id: Rule = Rule {
            code: $code,
            name: $name,
            severity: Severity::$sev,
            summary: $summary,
            why: $why,
            help: $help,
            fires: $fires,
            passes: $passes,
            uncertain: $uncertain,
            meta_error: None,
        };
    };
}

policy_rule!(REGULATED_GOODS, "WP303", "regulated-goods", Warning, false,
    "Words for goods WhatsApp does not allow businesses to sell or promote: weapons, drugs, tobacco and e-cigarettes, alcohol, real-money gambling, adult products, dating, payday loans, crypto-currencies (six languages).",
    "The WhatsApp Business Messaging and Commerce policies prohibit transactions in these goods (WA-BMP, Commerce Policy). A warning because some countries allow regulated verticals with Meta's permission, and a word list cannot tell selling from mentioning.",
    "remove the regulated goods, or check that your business holds Meta's permission for this vertical",
    "`\"Scommetti ora sul casinò online!\"`", "`\"La tua prenotazione al ristorante è confermata.\"`");
policy_rule!(DEBT_THREAT, "WP304", "debt-threat", Warning, false,
    "Threats over debts: legal action, bailiffs, public shaming, black lists (six languages).",
    "Templates with threatening content, such as legal action or public shaming over debts, are rejected (legacy template guidelines, M-GUIDE-OLD; WA-BMP).",
    "state the amount and how to pay, without threats",
    "`\"Paga entro oggi o avvieremo azioni legali.\"`", "`\"Il pagamento di 50 € è scaduto il 3 maggio: paga qui.\"`");
policy_rule!(DECEPTIVE_URGENCY, "WP305", "deceptive-urgency", Warning, false,
    "Pressure through false urgency: an account that \"will be suspended\", \"final warning\", \"act immediately or …\".",
    "The Business Messaging Policy forbids deceptive or misleading content; such wording is also typical of phishing and drives blocks and reports (WA-BMP, M-QUAL).",
    "state the facts and the real deadline",
    "`\"Your account will be suspended unless you verify it within 24 hours or less.\"`", "`\"Your subscription ends on 12 May.\"`");
policy_rule!(PROMOTION_2019, "WP310", "promotional-notification", Error, false,
    "Under the 2019 policy (`policy: \"2019\"`): any sale, discount, upsell, offer, product recommendation or call to buy.",
    "Until marketing templates existed, notifications could carry no promotional content at all (WhatsApp notification rules of June 2019, seeds/002).",
    "remove the promotion, or use today's MARKETING category",
    "`\"Your order shipped. Get 10% off your next one!\"` with the 2019 policy", "`\"Your order shipped.\"`");
policy_rule!(
    RECURRING_CONTENT_2019,
    "WP311",
    "recurring-content",
    Error,
    false,
    "Under the 2019 policy: recurring content — newsletters, weekly digests, catalogs.",
    "The June 2019 notification rules excluded recurring content (seeds/002).",
    "send only updates about a specific transaction",
    "`\"Ecco la nostra newsletter settimanale\"` with the 2019 policy",
    "the same with the current policy"
);
policy_rule!(SURVEY_2019, "WP312", "survey-notification", Error, false,
    "Under the 2019 policy: product or market surveys not tied to a transaction.",
    "The June 2019 rules excluded product and marketing surveys; surveys about a service the user received were accepted (seeds/002; legacy guidelines).",
    "ask only about the user's own order or service",
    "`\"Take our survey about our brand\"` with the 2019 policy", "`\"How was the delivery of your order 123?\"`");
policy_rule!(RATING_SHARE_2019, "WP313", "rating-or-share-request", Error, false,
    "Under the 2019 policy: requests to rate the app, download it, or share the message with others.",
    "The June 2019 rules excluded app-rating requests and requests to share notifications with other customers (seeds/002).",
    "remove the request",
    "`\"Rate our app and share it with your friends!\"` with the 2019 policy", "`\"Your ticket is attached.\"`");
policy_rule!(
    COLD_CALL_2019,
    "WP314",
    "cold-call",
    Error,
    false,
    "Under the 2019 policy: cold-call messages (\"thanks for your interest, is now a good time to talk?\").",
    "The June 2019 rules excluded notifications aiming at cold calls (seeds/002).",
    "start conversations only about a transaction the user made",
    "`\"Thanks for your interest! Is now a good time to talk?\"` with the 2019 policy",
    "`\"Your call with our agent is confirmed for 3 pm.\"`"
);
policy_rule!(
    REENGAGEMENT_2019,
    "WP315",
    "re-engagement",
    Error,
    false,
    "Under the 2019 policy: re-engagement and win-back messages — abandoned carts, \"we miss you\", greetings.",
    "The June 2019 rules excluded customer re-engagement (seeds/002; legacy guidelines: churn resurrection).",
    "remove the re-engagement content",
    "`\"We miss you! Come back and see what's new.\"` with the 2019 policy",
    "`\"Your order has shipped.\"`"
);
policy_rule!(PRESUMED_INTEREST_2019, "WP316", "presumed-interest", Error, false,
    "Under the 2019 policy: reminders based on presumed interest — price drops, back in stock, expiring points, saved searches.",
    "The June 2019 rules excluded reminders sent because the user might be interested, unrelated to a sale or event (seeds/002).",
    "send reminders only about the user's own transactions",
    "`\"Good news: the shoes on your wishlist are back in stock!\"` with the 2019 policy", "`\"Your order is ready for pickup.\"`");
policy_rule!(
    MEDIA_2019,
    "WP317",
    "media-notification",
    Error,
    false,
    "Under the 2019 policy: an image, video, GIF or document header.",
    "The June 2019 rules excluded media files (videos, images, GIFs) from notifications (seeds/002).",
    "use a text header",
    "an IMAGE header with the 2019 policy",
    "a TEXT header"
);

/// The classifier signals that the 2019 notification rules prohibit, and the rule for each.
const SIGNAL_RULES_2019: &[(&str, &Rule)] = &[
    ("discount-offer", &PROMOTION_2019),
    ("call-to-buy", &PROMOTION_2019),
    ("awareness", &PROMOTION_2019),
    ("offer-component", &PROMOTION_2019),
    ("app-promotion", &RATING_SHARE_2019),
    ("retargeting", &REENGAGEMENT_2019),
    ("relationship", &REENGAGEMENT_2019),
];

fn from_reason(rule: &'static Rule, r: &Reason, what: &str) -> Diagnostic {
    let mut d = Diagnostic::new(rule, &r.path, format!("{what} `{}`", r.text));
    d.span = r.span;
    d
}

pub fn check(cx: &mut Context) {
    let era = cx.options.policy_era();
    let mut found = Findings::default();
    for f in &cx.fields {
        for hit in scan_tokens(&f.tokens, &cx.classification.languages, era) {
            let Some(rule) = [
                &REGULATED_GOODS,
                &DEBT_THREAT,
                &DECEPTIVE_URGENCY,
                &RECURRING_CONTENT_2019,
                &COLD_CALL_2019,
                &PRESUMED_INTEREST_2019,
            ]
            .into_iter()
            .find(|r| r.code == hit.rule) else {
                continue;
            };
            if !found.wants(rule, &f.text.path) {
                continue;
            }
            let words = &f.text.value[hit.range.clone()];
            found.push(
                Diagnostic::new(
                    rule,
                    &f.text.path,
                    format!("`{words}`: {}", hit.clause.split(':').next().unwrap_or(hit.clause)),
                )
                .at(&f.text.value, hit.range),
            );
        }
    }
    if era == PolicyEra::Notifications2019 {
        let reasons = &cx.classification.reasons;
        for r in reasons {
            if let Some((_, rule)) = SIGNAL_RULES_2019.iter().find(|(s, _)| *s == &*r.signal) {
                found.push(from_reason(rule, r, "prohibited in 2019 notifications:"));
            }
        }
        // A survey was acceptable only about the user's own order or service.
        let tied = reasons.iter().any(|r| r.category == crate::category::Category::Utility);
        if !tied {
            for r in reasons.iter().filter(|r| &*r.signal == "survey") {
                found.push(from_reason(&SURVEY_2019, r, "a survey not tied to a transaction:"));
            }
        }
        for c in &cx.template.components {
            if let ComponentKind::Header(h) = &c.kind {
                if matches!(
                    h.format,
                    Some(HeaderFormat::Image | HeaderFormat::Video | HeaderFormat::Gif | HeaderFormat::Document)
                ) {
                    found.push(Diagnostic::new(
                        &MEDIA_2019,
                        format!("{}.format", c.path),
                        "media headers were not allowed in 2019 notifications",
                    ));
                }
            }
        }
    }
    cx.absorb(found);
}
