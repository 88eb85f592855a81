//! One template sent to many recipients: recipients counted per market, and the cost with
//! volume tiers, band by band rather than message by message.

use std::collections::BTreeMap;

use serde::Serialize;

use super::engine::{month_of, with_loaded_cards, Meter, PricedMessage};
use super::{to_decimal, Model, Notice, PriceOptions, DATA};
use crate::input::InputError;

/// One template sent to many recipients: recipients per market and the cost.
#[cfg_attr(test, derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CampaignLine {
    pub market: String,
    pub recipients: u64,
    pub rate: Option<f64>,
    pub cost: f64,
    /// Why the market has no rate.
    pub reason: Option<String>,
}

#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "CampaignEstimate"))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Campaign {
    pub category: String,
    pub pricing_model: Option<Model>,
    pub card: Option<String>,
    pub markets: Vec<CampaignLine>,
    pub recipients: u64,
    /// Numbers that are not valid international numbers (not counted).
    pub invalid: u64,
    pub total: f64,
    pub currency: String,
    /// Recipients in markets without a rate (not in `total`).
    pub unpriced: u64,
    pub notices: Vec<Notice>,
}

/// The most recipients a campaign is priced for.
pub const MAX_RECIPIENTS: u64 = 1_000_000_000_000;

/// The cost of sending one template of `category` at `at` to recipients counted per market
/// (outside any window, so utility is billed), in `currency`, with volume tiers.
pub fn estimate_campaign(
    category: &str,
    per_market: &BTreeMap<String, u64>,
    invalid: u64,
    at: i64,
    currency: &str,
    opts: &PriceOptions,
) -> Result<Campaign, InputError> {
    // A trillion recipients is far beyond any campaign, and keeps every cost within an i64 of
    // micro-units.
    let recipients = per_market.values().try_fold(0u64, |sum, &n| sum.checked_add(n)).filter(|&n| n <= MAX_RECIPIENTS);
    let Some(recipients) = recipients else {
        return Err(InputError::new(
            "INVALID_CAMPAIGN",
            format!("a campaign has at most {MAX_RECIPIENTS} recipients; these counts add up to more"),
        ));
    };
    let loaded = with_loaded_cards(opts)?;
    let data = loaded.as_ref().unwrap_or(&DATA);
    let mut meter = Meter::new(data, opts, currency, "INVALID_CAMPAIGN")?;
    let at = meter.rules_at(at);
    let era = data.era_at(at, opts.include_reported).cloned();
    let category = category.to_ascii_lowercase();
    let mut lines = Vec::new();
    let mut total = 0i64;
    let mut unpriced = 0;
    let mut card_id = None;
    for (market, &count) in per_market {
        let mut cost = 0i64;
        let mut rate = None;
        let mut reason = None;
        if let Some(era) = &era {
            let mut m = PricedMessage {
                billable: true,
                ..PricedMessage::new(0, Some(era.model), category.clone(), Some(market.clone()))
            };
            let seed = opts.month_to_date.get(&format!("{market}/{category}")).copied().unwrap_or(0);
            let tiered = era.model == Model::Pmp
                && matches!(category.as_str(), "utility" | "authentication")
                && meter.bands.iter().any(|b| b.covers(&category, market));
            let mut sent = 0u64;
            while sent < count {
                m.category = category.clone();
                meter.rate(&mut m, era, at, market);
                // Walk the tier bands rather than the messages: each band has one rate.
                let in_band = if tiered {
                    let n = seed.saturating_add(sent).saturating_add(1);
                    let band_end = meter
                        .bands
                        .iter()
                        .filter(|b| b.covers(&category, market))
                        .filter_map(|b| if b.from > n { Some(b.from - 1) } else { b.to.filter(|to| *to >= n) })
                        .min()
                        .unwrap_or(u64::MAX);
                    (band_end - n + 1).min(count - sent)
                } else {
                    count - sent
                };
                match m.rate_micros {
                    Some(r) => cost += r * in_band as i64,
                    None => unpriced += in_band,
                }
                rate = rate.or(m.rate);
                reason = reason.or(m.reason.take());
                sent += in_band;
                meter.tier_counts.insert((month_of(at), market.clone(), category.clone()), seed.saturating_add(sent));
            }
            card_id = card_id.or(m.card.clone());
        }
        total += cost;
        lines.push(CampaignLine { market: market.clone(), recipients: count, rate, cost: to_decimal(cost), reason });
    }
    Ok(Campaign {
        category,
        pricing_model: era.map(|e| e.model),
        card: card_id,
        recipients,
        invalid,
        markets: lines,
        total: to_decimal(total),
        currency: currency.to_string(),
        unpriced,
        notices: meter.notices(),
    })
}

/// Counts recipients per market at `at`; what is not an international number counts as invalid.
pub fn count_markets<'a>(numbers: impl IntoIterator<Item = &'a str>, at: i64) -> (BTreeMap<String, u64>, u64) {
    // Counted by the market names the data holds (a few dozen markets), then named once each.
    let mut counts: Vec<(&str, u64)> = Vec::new();
    let mut invalid = 0;
    for n in numbers {
        match DATA.market_of(n, at) {
            Ok(m) => match counts.iter_mut().find(|(c, _)| *c == m) {
                Some((_, count)) => *count += 1,
                None => counts.push((m, 1)),
            },
            Err(_) => invalid += 1,
        }
    }
    let mut per_market = BTreeMap::new();
    for (m, n) in counts {
        *per_market.entry(m.to_string()).or_default() += n;
    }
    (per_market, invalid)
}
