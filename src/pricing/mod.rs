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

/// How Meta bills a message: notification-based until 2022-01-31 (NBP), conversation-based
/// from 2022-02-01 (CBP), per message from 2025-07-01 (PMP). Written as the upper-case name.
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "PricingModel", type = "\"NBP\" | \"CBP\" | \"PMP\""))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Model {
    Nbp,
    Cbp,
    Pmp,
}

impl Model {
    pub fn name(self) -> &'static str {
        match self {
            Model::Nbp => "NBP",
            Model::Cbp => "CBP",
            Model::Pmp => "PMP",
        }
    }

    /// The model called `name` (upper case, as in the data files and Meta's pages).
    pub fn parse(name: &str) -> Option<Model> {
        [Model::Nbp, Model::Cbp, Model::Pmp].into_iter().find(|m| m.name() == name)
    }
}

impl serde::Serialize for Model {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

impl std::fmt::Display for Model {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

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
        prefixes: Default::default(),
        other: "Other".into(),
        changes: Default::default(),
        cards: Vec::new(),
        eras: Vec::new(),
        auth_intl: HashMap::new(),
        rates_checked: String::new(),
        currencies: Vec::new(),
        business_agent_from: i64::MAX,
        business_agent_usd_per_million_tokens: 0.0,
    })
});
