//! WP303–WP317: prohibited content per policy era. The current rules come from the WhatsApp
//! Business Messaging and Commerce policies; the `2019` era adds the notification rules of June
//! 2019, when templates could carry nothing promotional. Words live in `data/policy.json`; the
//! 2019 rules about promotions, surveys, app promotion and re-engagement reuse the category
//! classifier's signals (`data/classify.json`).

use super::{Context, Findings, Rule};
use crate::classify::Reason;
use crate::diagnostic::Diagnostic;
use crate::policy::{scan_found, PolicyEra};
use crate::template::{ComponentKind, HeaderFormat};

declare_rules! {
    REGULATED_GOODS {
        code: "WP303",
        name: "regulated-goods",
        stage: Content,
        severity: Warning,
        summary: "Words for goods WhatsApp does not allow businesses to sell or promote: weapons, drugs, tobacco and e-cigarettes, alcohol, real-money gambling, adult products, dating, payday loans, crypto-currencies (six languages).",
        why: "The WhatsApp Business Messaging and Commerce policies prohibit transactions in these goods (WA-BMP, Commerce Policy). A warning because some countries allow regulated verticals with Meta's permission, and a word list cannot tell selling from mentioning.",
        help: "remove the regulated goods, or check that your business holds Meta's permission for this vertical",
        fires: [
            r#"{"name": "x", "language": "it", "category": "MARKETING", "components": [{"type": "BODY", "text": "Scommetti ora sul casinò online e vinci il jackpot."}]}"#,
            r#"{"name": "x", "language": "en_US", "category": "MARKETING", "components": [{"type": "BODY", "text": "New e-cigarettes and vapes now in store."}]}"#,
            r#"{"name": "x", "language": "pt_BR", "category": "MARKETING", "components": [{"type": "BODY", "text": "Empréstimo rápido aprovado na hora, sem consulta."}]}"#,
        ],
        passes: [
            r#"{"name": "x", "language": "it", "category": "UTILITY", "components": [{"type": "BODY", "text": "La tua prenotazione al ristorante è confermata per le 20."}]}"#,
            r#"{"name": "x", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Your parcel was delivered to the front door."}]}"#,
        ],
    }

    DEBT_THREAT {
        code: "WP304",
        name: "debt-threat",
        stage: Content,
        severity: Warning,
        summary: "Threats over debts: legal action, bailiffs, public shaming, black lists (six languages).",
        why: "Templates with threatening content, such as legal action or public shaming over debts, are rejected (legacy template guidelines, M-GUIDE-OLD; WA-BMP).",
        help: "state the amount and how to pay, without threats",
        fires: [
            r#"{"name": "x", "language": "it", "category": "UTILITY", "components": [{"type": "BODY", "text": "Paga entro oggi o avvieremo azioni legali nei tuoi confronti."}]}"#,
            r#"{"name": "x", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Pay today or your name will be published on our debtors list."}]}"#,
        ],
        passes: [
            r#"{"name": "x", "language": "it", "category": "UTILITY", "components": [{"type": "BODY", "text": "Il pagamento di 50 euro è scaduto il 3 maggio: puoi pagare dal link nell'app."}]}"#,
        ],
    }

    DECEPTIVE_URGENCY {
        code: "WP305",
        name: "deceptive-urgency",
        stage: Content,
        severity: Warning,
        summary: "Pressure through false urgency: an account that \"will be suspended\", \"final warning\", \"act immediately or …\".",
        why: "The Business Messaging Policy forbids deceptive or misleading content; such wording is also typical of phishing and drives blocks and reports (WA-BMP, M-QUAL).",
        help: "state the facts and the real deadline",
        fires: [
            r#"{"name": "x", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Final warning: your account will be suspended unless you verify it today."}]}"#,
            r#"{"name": "x", "language": "de", "category": "UTILITY", "components": [{"type": "BODY", "text": "Ihr Konto wird gesperrt, wenn Sie nicht sofort handeln."}]}"#,
        ],
        passes: [
            r#"{"name": "x", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Your subscription ends on 12 May, no action is needed."}]}"#,
        ],
    }

    PROMOTION_2019 {
        code: "WP310",
        name: "promotional-notification",
        stage: Content,
        severity: Error,
        summary: "Under the 2019 policy (`policy: \"2019\"`): any sale, discount, upsell, offer, product recommendation or call to buy.",
        why: "Until marketing templates existed, notifications could carry no promotional content at all (WhatsApp notification rules of June 2019, seeds/002).",
        help: "remove the promotion, or use today's MARKETING category",
        fires: [
            r#"{"template": {"name": "x", "language": "en_US", "category": "MARKETING", "components": [{"type": "BODY", "text": "Your order shipped. Get 10% off your next one!"}]}, "options": {"policy": "2019"}}"#,
            r#"{"template": {"name": "x", "language": "it", "category": "MARKETING", "components": [{"type": "BODY", "text": "Scopri la nostra nuova collezione in negozio."}]}, "options": {"policy": "2019"}}"#,
        ],
        passes: [
            r#"{"template": {"name": "x", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Your order shipped and arrives on Monday."}]}, "options": {"policy": "2019"}}"#,
            r#"{"name": "x", "language": "en_US", "category": "MARKETING", "components": [{"type": "BODY", "text": "Your order shipped. Get 10% off your next one!"}]}"#,
        ],
    }

    RECURRING_CONTENT_2019 {
        code: "WP311",
        name: "recurring-content",
        stage: Content,
        severity: Error,
        summary: "Under the 2019 policy: recurring content — newsletters, weekly digests, catalogs.",
        why: "The June 2019 notification rules excluded recurring content (seeds/002).",
        help: "send only updates about a specific transaction",
        fires: [
            r#"{"template": {"name": "x", "language": "it", "category": "UTILITY", "components": [{"type": "BODY", "text": "Ecco la nostra newsletter settimanale con gli aggiornamenti."}]}, "options": {"policy": "2019"}}"#,
        ],
        passes: [
            r#"{"name": "x", "language": "it", "category": "MARKETING", "components": [{"type": "BODY", "text": "Ecco la nostra newsletter settimanale con gli aggiornamenti."}]}"#,
            r#"{"template": {"name": "x", "language": "it", "category": "UTILITY", "components": [{"type": "BODY", "text": "Il tuo ordine è stato spedito oggi."}]}, "options": {"policy": "2019"}}"#,
        ],
    }

    SURVEY_2019 {
        code: "WP312",
        name: "survey-notification",
        stage: Content,
        severity: Error,
        summary: "Under the 2019 policy: product or market surveys not tied to a transaction.",
        why: "The June 2019 rules excluded product and marketing surveys; surveys about a service the user received were accepted (seeds/002; legacy guidelines).",
        help: "ask only about the user's own order or service",
        fires: [
            r#"{"template": {"name": "x", "language": "en_US", "category": "MARKETING", "components": [{"type": "BODY", "text": "Take our survey about our brand and products."}]}, "options": {"policy": "2019"}}"#,
        ],
        passes: [
            r#"{"template": {"name": "x", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "How was the delivery of your order 123? Rate it from 1 to 5."}]}, "options": {"policy": "2019"}}"#,
        ],
    }

    RATING_SHARE_2019 {
        code: "WP313",
        name: "rating-or-share-request",
        stage: Content,
        severity: Error,
        summary: "Under the 2019 policy: requests to rate the app, download it, or share the message with others.",
        why: "The June 2019 rules excluded app-rating requests and requests to share notifications with other customers (seeds/002).",
        help: "remove the request",
        fires: [
            r#"{"template": {"name": "x", "language": "en_US", "category": "MARKETING", "components": [{"type": "BODY", "text": "Rate our app and share with your friends!"}]}, "options": {"policy": "2019"}}"#,
        ],
        passes: [
            r#"{"template": {"name": "x", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Your ticket for the concert is attached."}]}, "options": {"policy": "2019"}}"#,
        ],
    }

    COLD_CALL_2019 {
        code: "WP314",
        name: "cold-call",
        stage: Content,
        severity: Error,
        summary: "Under the 2019 policy: cold-call messages (\"thanks for your interest, is now a good time to talk?\").",
        why: "The June 2019 rules excluded notifications aiming at cold calls (seeds/002).",
        help: "start conversations only about a transaction the user made",
        fires: [
            r#"{"template": {"name": "x", "language": "en_US", "category": "MARKETING", "components": [{"type": "BODY", "text": "Thanks for your interest! Is now a good time to talk?"}]}, "options": {"policy": "2019"}}"#,
        ],
        passes: [
            r#"{"template": {"name": "x", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Your call with our agent is confirmed for 3 pm today."}]}, "options": {"policy": "2019"}}"#,
        ],
    }

    REENGAGEMENT_2019 {
        code: "WP315",
        name: "re-engagement",
        stage: Content,
        severity: Error,
        summary: "Under the 2019 policy: re-engagement and win-back messages — abandoned carts, \"we miss you\", greetings.",
        why: "The June 2019 rules excluded customer re-engagement (seeds/002; legacy guidelines: churn resurrection).",
        help: "remove the re-engagement content",
        fires: [
            r#"{"template": {"name": "x", "language": "en_US", "category": "MARKETING", "components": [{"type": "BODY", "text": "We miss you! Come back and see what is new."}]}, "options": {"policy": "2019"}}"#,
            r#"{"template": {"name": "x", "language": "it", "category": "MARKETING", "components": [{"type": "BODY", "text": "Hai lasciato degli articoli nel tuo carrello."}]}, "options": {"policy": "2019"}}"#,
        ],
        passes: [
            r#"{"template": {"name": "x", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Your order has shipped and arrives tomorrow."}]}, "options": {"policy": "2019"}}"#,
        ],
    }

    PRESUMED_INTEREST_2019 {
        code: "WP316",
        name: "presumed-interest",
        stage: Content,
        severity: Error,
        summary: "Under the 2019 policy: reminders based on presumed interest — price drops, back in stock, expiring points, saved searches.",
        why: "The June 2019 rules excluded reminders sent because the user might be interested, unrelated to a sale or event (seeds/002).",
        help: "send reminders only about the user's own transactions",
        fires: [
            r#"{"template": {"name": "x", "language": "en_US", "category": "MARKETING", "components": [{"type": "BODY", "text": "Good news: the shoes on your wishlist are back in stock!"}]}, "options": {"policy": "2019"}}"#,
        ],
        passes: [
            r#"{"template": {"name": "x", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Your order is ready for pickup at the store."}]}, "options": {"policy": "2019"}}"#,
        ],
    }

    MEDIA_2019 {
        code: "WP317",
        name: "media-notification",
        stage: Content,
        severity: Error,
        summary: "Under the 2019 policy: an image, video, GIF or document header.",
        why: "The June 2019 rules excluded media files (videos, images, GIFs) from notifications (seeds/002).",
        help: "use a text header",
        fires: [
            r#"{"template": {"name": "x", "language": "en_US", "category": "UTILITY", "components": [{"type": "HEADER", "format": "DOCUMENT", "example": {"header_handle": ["4::cGRm:ARb"]}}, {"type": "BODY", "text": "Your invoice for May is attached to this message."}]}, "options": {"policy": "2019"}}"#,
        ],
        passes: [
            r#"{"template": {"name": "x", "language": "en_US", "category": "UTILITY", "components": [{"type": "HEADER", "format": "TEXT", "text": "Invoice"}, {"type": "BODY", "text": "Your invoice for May is ready in your account."}]}, "options": {"policy": "2019"}}"#,
            r#"{"name": "x", "language": "en_US", "category": "UTILITY", "components": [{"type": "HEADER", "format": "DOCUMENT", "example": {"header_handle": ["4::cGRm:ARb"]}}, {"type": "BODY", "text": "Your invoice for May is attached to this message."}]}"#,
        ],
    }
}

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

#[inline(never)] // one function per stage: see `rules::run`
pub fn check(cx: &mut Context) {
    let era = cx.options.policy_era();
    let mut found = Findings::default();
    for f in &cx.fields {
        for hit in scan_found(f.words.policy(), &cx.classification.languages, era) {
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
