//! Volume tiers: bands of a month's billed messages per market and category, given as options
//! (Meta's thresholds are not shipped), in `from`/`to` or Meta's `min:max` notation.

use serde::Deserialize;

use crate::input::InputError;

/// A volume tier: messages `from`..=`to` of a month (per market and category) cost `rate`, or
/// the card rate less `discount`. The band may be given in Meta's notation instead, as in its
/// `VOLUME_BASED_PRICING_TIER_UPDATE` webhook: `"tier": "25000001:50000000"` (an empty or `inf`
/// upper end is open).
#[cfg_attr(test, derive(ts_rs::TS), ts(optional_fields))]
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tier {
    /// `utility` or `authentication`.
    #[cfg_attr(test, ts(type = "\"utility\" | \"authentication\""))]
    pub category: String,
    /// A market, or every market when missing.
    #[serde(default)]
    pub market: Option<String>,
    #[serde(default)]
    pub from: Option<u64>,
    #[serde(default)]
    pub to: Option<u64>,
    #[serde(default)]
    pub tier: Option<String>,
    #[serde(default)]
    pub rate: Option<f64>,
    #[serde(default)]
    pub discount: Option<f64>,
}

/// A tier with its band read.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Band {
    pub(super) category: String,
    pub(super) market: Option<String>,
    pub(super) from: u64,
    pub(super) to: Option<u64>,
    pub(super) rate: Option<f64>,
    pub(super) discount: Option<f64>,
}

impl Band {
    pub(super) fn covers(&self, category: &str, market: &str) -> bool {
        self.category.eq_ignore_ascii_case(category) && self.market.as_deref().is_none_or(|m| m == market)
    }
}

/// Reads the tiers' bands; a band given both ways, or neither, is an error.
pub(super) fn bands(tiers: &[Tier]) -> Result<Vec<Band>, InputError> {
    let bad = |i: usize, m: String| InputError::new("INVALID_OPTIONS", format!("tiers[{i}]: {m}"));
    tiers
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let (from, to) = match (&t.tier, t.from) {
                (Some(_), Some(_)) => return Err(bad(i, "give `tier` or `from`/`to`, not both".into())),
                (None, None) => return Err(bad(i, "a tier needs `from` (and `to`) or `tier` (\"min:max\")".into())),
                (None, Some(from)) => (from, t.to),
                (Some(notation), None) => {
                    let (min, max) = notation
                        .split_once(':')
                        .ok_or_else(|| bad(i, format!("`{notation}` is not Meta's tier notation min:max")))?;
                    let min = min
                        .trim()
                        .parse::<u64>()
                        .map_err(|_| bad(i, format!("`{notation}`: `{min}` is not a count")))?;
                    let max = match max.trim() {
                        "" | "inf" | "INF" => None,
                        m => Some(m.parse::<u64>().map_err(|_| bad(i, format!("`{notation}`: `{m}` is not a count")))?),
                    };
                    (min, max)
                }
            };
            if to.is_some_and(|to| to < from) {
                return Err(bad(i, format!("the band ends ({}) before it starts ({from})", to.unwrap_or_default())));
            }
            Ok(Band {
                category: t.category.clone(),
                market: t.market.clone(),
                from,
                to,
                rate: t.rate,
                discount: t.discount,
            })
        })
        .collect()
}

// Tests only: the unwraps below are assertions on fixed inputs, compiled under cfg(test) and
// never into the library, so no user input reaches them.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tiers_in_meta_notation() {
        let tiers: Vec<Tier> = serde_json::from_value(serde_json::json!([
            {"category": "utility", "market": "India", "tier": "25000001:50000000", "discount": 0.1},
            {"category": "utility", "tier": "50000001:", "discount": 0.2},
            {"category": "utility", "from": 1, "to": 100}
        ]))
        .unwrap();
        let b = bands(&tiers).unwrap();
        assert_eq!(
            (b[0].from, b[0].to, b[1].from, b[1].to, b[2].to),
            (25_000_001, Some(50_000_000), 50_000_001, None, Some(100))
        );
        for bad in [
            serde_json::json!({"category": "utility", "tier": "5:x"}),
            serde_json::json!({"category": "utility", "tier": "9:5"}),
            serde_json::json!({"category": "utility", "tier": "1:5", "from": 1}),
            serde_json::json!({"category": "utility"}),
        ] {
            let t: Tier = serde_json::from_value(bad.clone()).unwrap();
            assert_eq!(bands(&[t]).unwrap_err().code, "INVALID_OPTIONS", "{bad}");
        }
    }
}
