//! What one send of a template costs: the category Meta will bill it at (its outcome for the
//! declared category, or the content's category when none is declared) and the price of one
//! message at that category to one recipient, with the recipient's window state. The demo's
//! cost panel and integrators' "what will this campaign message cost" call it, instead of
//! building a timeline and deciding the category themselves.

use serde::Serialize;

use super::{billing, Billing, RecipientState, SendOptions};
use crate::category::{parse_category, Category};
use crate::classify::{classify, meta_outcome, MetaOutcome};
use crate::input::InputError;
use crate::template::Template;

/// The cost of one send of a template.
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "SendQuote"))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quote {
    /// The template's declared category, when it is one Meta knows (pre-2023 names mapped).
    pub declared: Option<Category>,
    /// What Meta does with the declared category; none when the template declares none.
    pub outcome: Option<MetaOutcome>,
    /// The category the send is billed at: the outcome's, else the content's; none when Meta
    /// rejects the template in its declared category.
    pub category: Option<Category>,
    /// The price of the send at `category`; none when the template is rejected.
    pub billing: Option<Billing>,
    /// The price at the declared category, when Meta bills another (or rejects it).
    pub as_declared: Option<Billing>,
}

/// The cost of sending `template` to `to` at `at` (Unix seconds), given what is known of the
/// recipient (`last_inbound_at` opens the customer-service window, `free_entry_point_until`).
/// A `to` that is neither a number of a known market nor a user ID is an `INVALID_NUMBER`.
pub fn quote(
    template: &Template,
    to: &str,
    at: i64,
    recipient: Option<&RecipientState>,
    opts: &SendOptions,
) -> Result<Quote, InputError> {
    if !crate::address::is_user_id(to.trim()) {
        crate::pricing::DATA.market_of(to, at).map_err(|e| InputError::new("INVALID_NUMBER", e))?;
    }
    let predicted = classify(template).predicted;
    let declared = template.category.as_ref().and_then(|c| parse_category(&c.value)).map(|(c, _)| c);
    let outcome = declared.map(|d| meta_outcome(d, predicted));
    let category = match &outcome {
        Some(o) => o.category,
        None => Some(predicted),
    };
    let price = |c: Category| billing(&c.name().to_ascii_lowercase(), to, at, recipient, opts);
    let billed = category.map(price).transpose()?.flatten();
    let as_declared = match declared {
        Some(d) if category != Some(d) => price(d)?,
        _ => None,
    };
    Ok(Quote { declared, outcome, category, billing: billed, as_declared })
}

#[cfg(test)]
mod tests {
    // Tests only: the unwraps below are assertions on fixed inputs, not library code paths.
    use super::*;
    use crate::template::read_template;

    fn template(category: &str, body: &str) -> Template {
        let v = serde_json::json!({
            "name": "t", "language": "en_US", "category": category,
            "components": [{"type": "BODY", "text": body}],
        });
        read_template(v.as_object().unwrap(), &mut Vec::new())
    }

    const AT: i64 = 1_788_000_000; // 2026-08-29, the per-message era

    #[test]
    fn a_utility_template_meta_judges_marketing_is_billed_as_marketing() {
        let t = template("UTILITY", "Big summer sale: 30% off every shoe this weekend only, shop now!");
        let q = quote(&t, "+393331234567", AT, None, &SendOptions::default()).unwrap();
        assert_eq!(q.declared, Some(Category::Utility));
        assert_eq!(q.category, Some(Category::Marketing));
        let (billed, declared) = (q.billing.unwrap(), q.as_declared.unwrap());
        assert_eq!((billed.category.as_str(), declared.category.as_str()), ("marketing", "utility"));
        assert!(billed.rate.unwrap() > declared.rate.unwrap(), "Italy's marketing rate is above its utility rate");
    }

    #[test]
    fn an_open_window_makes_utility_free_and_a_rejected_template_has_no_price() {
        let t = template("UTILITY", "Your order 4417 has shipped and arrives on Tuesday.");
        let open = RecipientState { last_inbound_at: Some(crate::time::Timestamp(AT - 3600)), ..Default::default() };
        let q = quote(&t, "393331234567", AT, Some(&open), &SendOptions::default()).unwrap();
        assert_eq!(q.category, Some(Category::Utility));
        assert!(q.as_declared.is_none());
        assert!(!q.billing.unwrap().billable, "utility inside the customer-service window is free");
        let otp = template("MARKETING", "Your verification code is 123456. Do not share it with anyone.");
        let q = quote(&otp, "393331234567", AT, None, &SendOptions::default()).unwrap();
        assert_eq!(q.outcome.unwrap().action, "rejected");
        assert!(q.category.is_none() && q.billing.is_none());
        assert_eq!(q.as_declared.unwrap().category, "marketing");
        assert_eq!(quote(&t, "12", AT, None, &SendOptions::default()).unwrap_err().code, "INVALID_NUMBER");
    }

    #[test]
    fn no_declared_category_is_billed_at_the_contents() {
        let t = template("", "Your order 4417 has shipped and arrives on Tuesday.");
        let q = quote(&t, "+5511987654321", AT, None, &SendOptions::default()).unwrap();
        assert_eq!((q.declared, q.outcome.is_none()), (None, true));
        assert_eq!(q.category, Some(Category::Utility));
        assert_eq!(q.billing.unwrap().market.as_deref(), Some("Brazil"));
    }
}
