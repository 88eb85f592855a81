//! What messages cost: the recipient's market, the rate cards and the pricing eras (all data:
//! `data/markets.json`, `data/rates.json`, `data/pricing-eras.json`), and the engine that walks a
//! timeline of messages and says, for each outbound one, whether it may be sent, whether it is
//! billed, under which model and category, and at what rate. Money is kept in integer
//! micro-units of the card's currency (USD) and turned into decimals only at the edge.
//!
//! `data.rs` reads the data files, `rate_card.rs` Meta's CSV cards, `tiers.rs` the volume-tier
//! options, `engine.rs` prices a timeline and `campaign.rs` one template to many recipients.

use std::collections::HashMap;
use std::sync::LazyLock;

mod campaign;
mod data;
mod engine;
mod rate_card;
mod tiers;

pub use campaign::{count_markets, estimate_campaign, Campaign, CampaignLine};
pub use data::{next_quarter_start, Card, Era, Notice, PricingData, Rates, COLUMNS};
pub use engine::{price_timeline, price_with, PriceOptions, PriceReport, PricedMessage, Timeline};
pub use rate_card::{card_from_csv, RateCardInput};
pub use tiers::Tier;

/// Micro-units per currency unit.
pub const MICROS: i64 = 1_000_000;

fn to_micros(rate: f64) -> i64 {
    (rate * MICROS as f64).round() as i64
}

/// Micro-units as a decimal amount.
pub fn to_decimal(micros: i64) -> f64 {
    micros as f64 / MICROS as f64
}

/// The shipped pricing data.
pub static DATA: LazyLock<PricingData> = LazyLock::new(|| {
    PricingData::from_json(
        crate::embedded::embedded!("markets.json"),
        crate::embedded::embedded!("rates.json"),
        crate::embedded::embedded!("pricing-eras.json"),
    )
    // An unreadable file (see `embedded`) means no market, card or era is known.
    .unwrap_or(PricingData {
        prefixes: HashMap::new(),
        other: "Other".into(),
        changes: HashMap::new(),
        cards: Vec::new(),
        eras: Vec::new(),
        auth_intl: HashMap::new(),
        rates_checked: String::new(),
        currencies: Vec::new(),
        business_agent_from: i64::MAX,
        business_agent_usd_per_million_tokens: 0.0,
    })
});
