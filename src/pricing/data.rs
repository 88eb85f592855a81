//! The pricing data: markets by calling-code prefix and date (`data/markets.json`), dated rate
//! cards, each a delta over its base (`data/rates.json`), and the eras (`data/pricing-eras.json`);
//! and what the data cannot vouch for (`Notice`, `next_quarter_start`).

use std::collections::HashMap;

use serde::Serialize;

use super::{to_micros, Model};
use crate::address::e164_digits_in;
use crate::lexicon::FastMap;
use crate::window::parse_time;

// The three files are read by hand from a `serde_json::Value` rather than through serde derives:
// a derive instantiates a deserializer per struct, and these ran to about 50 KB of the WASM
// module for files read once (2026-12-02).
type Object = serde_json::Map<String, serde_json::Value>;

fn object<'a>(v: &'a serde_json::Value, what: &str) -> Result<&'a Object, String> {
    v.as_object().ok_or_else(|| format!("{what} must be an object"))
}

fn text<'a>(o: &'a Object, key: &str) -> Result<&'a str, String> {
    o.get(key).and_then(|v| v.as_str()).ok_or_else(|| format!("`{key}` must be a string"))
}

/// An optional string: missing or `null` is none.
fn text_or_none<'a>(o: &'a Object, key: &str) -> Result<Option<&'a str>, String> {
    match o.get(key) {
        None | Some(serde_json::Value::Null) => Ok(None),
        Some(v) => v.as_str().map(Some).ok_or_else(|| format!("`{key}` must be a string")),
    }
}

fn list<'a>(o: &'a Object, key: &str) -> Result<&'a [serde_json::Value], String> {
    o.get(key).and_then(|v| v.as_array()).map(Vec::as_slice).ok_or_else(|| format!("`{key}` must be a list"))
}

fn texts(v: &serde_json::Value, key: &str) -> Result<Vec<String>, String> {
    let bad = || format!("`{key}` must be a list of strings");
    let list = v.as_array().ok_or_else(bad)?;
    list.iter().map(|x| x.as_str().map(str::to_string).ok_or_else(bad)).collect()
}

/// A flag that may be left out (false).
fn flag(o: &Object, key: &str) -> Result<bool, String> {
    match o.get(key) {
        None => Ok(false),
        Some(v) => v.as_bool().ok_or_else(|| format!("`{key}` must be true or false")),
    }
}

/// A count that may be left out or `null`.
fn count(v: Option<&serde_json::Value>, key: &str) -> Result<Option<u32>, String> {
    match v {
        None | Some(serde_json::Value::Null) => Ok(None),
        Some(v) => {
            v.as_u64().and_then(|n| u32::try_from(n).ok()).map(Some).ok_or_else(|| format!("`{key}` must be a count"))
        }
    }
}

/// A disputed point of an era (`{"default": …, "alternatives": …}`): its default.
fn disputed<'a>(o: &'a Object, key: &str) -> Result<Option<&'a serde_json::Value>, String> {
    match o.get(key) {
        None | Some(serde_json::Value::Null) => Ok(None),
        Some(v) => object(v, key)?.get("default").map(Some).ok_or_else(|| format!("`{key}` has no default")),
    }
}

fn parse(text: &str, what: &str) -> Result<serde_json::Value, String> {
    serde_json::from_str(text).map_err(|e| format!("{what}: {e}"))
}

/// A pricing era.
#[derive(Debug, Clone)]
pub struct Era {
    pub id: String,
    pub from: i64,
    pub model: Model,
    pub categories: bool,
    pub service_free: bool,
    pub utility_free_in_window: bool,
    pub reported: bool,
    pub free_conversations_per_month: Option<u32>,
    pub free_service_conversations_per_month: Option<u32>,
    /// Non-template (service) messages are billed per message.
    pub service_billed: bool,
    /// The card column a service message is billed at when the card has no service rate
    /// (`utility`, `authentication` or `unpriced`).
    pub service_rate: String,
    pub free_service_messages_per_month: Option<u32>,
}

/// The columns of a card, as bits of [`Rates::unknown`] and [`Rates::reported`].
pub const COLUMNS: [&str; 5] = ["marketing", "utility", "authentication", "authentication_international", "service"];

/// One market's rates in a card, in micro-units.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Rates {
    pub marketing: Option<i64>,
    pub utility: Option<i64>,
    pub authentication: Option<i64>,
    pub authentication_international: Option<i64>,
    pub service: Option<i64>,
    /// Columns (bits in the order of [`COLUMNS`]) that changed on the card's date to a value
    /// the data does not have: never priced at an older rate.
    #[serde(skip)]
    pub unknown: u8,
    /// Columns whose value only providers report: used with `includeReported`, else unpriced.
    #[serde(skip)]
    pub reported: u8,
}

impl Rates {
    fn cell(&mut self, column: usize) -> &mut Option<i64> {
        match column {
            0 => &mut self.marketing,
            1 => &mut self.utility,
            2 => &mut self.authentication,
            3 => &mut self.authentication_international,
            _ => &mut self.service,
        }
    }

    /// The value of `column`, whether or not it may be used.
    pub fn value(&self, column: usize) -> Option<i64> {
        [self.marketing, self.utility, self.authentication, self.authentication_international, self.service]
            .get(column)
            .copied()
            .flatten()
    }

    /// The rate of `column`, or why there is none: `Err(true)` when the data knows that it
    /// changed (unknown or only reported), `Err(false)` when the card has no such rate.
    pub fn get(&self, column: usize, include_reported: bool) -> Result<i64, bool> {
        let bit = 1u8 << column;
        if self.unknown & bit != 0 || (!include_reported && self.reported & bit != 0) {
            return Err(true);
        }
        self.value(column).ok_or(false)
    }

    /// The columns missing for want of data (unknown, or only reported without the option).
    pub fn missing(&self, include_reported: bool) -> Vec<&'static str> {
        let mask = self.unknown | if include_reported { 0 } else { self.reported };
        COLUMNS.iter().enumerate().filter(|(i, _)| mask & (1 << i) != 0).map(|(_, c)| *c).collect()
    }
}

/// A dated rate card.
#[derive(Debug, Clone)]
pub struct Card {
    pub id: String,
    pub effective: i64,
    /// Per conversation (`CBP`) or per message (`PMP`).
    pub model: Model,
    pub currency: String,
    pub rates: HashMap<String, Rates>,
    /// Where the card comes from: `data/rates.json`, or `rateCards[i]` when loaded at run time.
    pub origin: String,
}

/// The pricing data: markets, cards and eras.
#[derive(Clone)]
pub struct PricingData {
    pub(super) prefixes: FastMap<String, String>,
    pub(super) other: String,
    /// Earlier assignments of a prefix: (market, until), by prefix.
    pub(super) changes: FastMap<String, Vec<(String, i64)>>,
    pub cards: Vec<Card>,
    pub eras: Vec<Era>,
    pub(super) auth_intl: HashMap<String, i64>,
    /// The day `data/rates.json` was last checked against Meta's and providers' pages.
    pub rates_checked: String,
    /// Currency codes of Meta's cards, each with the symbols its amounts are written with.
    pub currencies: Vec<(String, Vec<String>)>,
    pub(super) business_agent_from: i64,
    pub(super) business_agent_usd_per_million_tokens: f64,
}

/// A cell of `data/rates.json` applied over the base card's value.
fn model_of(name: &str) -> Result<Model, String> {
    Model::parse(name).ok_or_else(|| format!("model must be NBP, CBP or PMP, not `{name}`"))
}

fn overlay(rates: &mut Rates, column: usize, cell: &serde_json::Value, card_reported: bool) -> Result<(), String> {
    let bit = 1u8 << column;
    let (value, reported) = match cell {
        serde_json::Value::Object(o) => {
            let reported = match o.get("confidence").and_then(|c| c.as_str()) {
                Some("reported") => true,
                Some("meta" | "transcribed") | None => false,
                Some(other) => return Err(format!("confidence `{other}` is not meta, transcribed or reported")),
            };
            (o.get("rate").cloned().unwrap_or(serde_json::Value::Null), reported)
        }
        other => (other.clone(), card_reported),
    };
    rates.unknown &= !bit;
    rates.reported &= !bit;
    match value {
        serde_json::Value::Null => {
            *rates.cell(column) = None;
            rates.unknown |= bit;
        }
        serde_json::Value::Number(n) => {
            let v = n.as_f64().filter(|v| *v >= 0.0).ok_or_else(|| format!("`{n}` is not a rate"))?;
            *rates.cell(column) = Some(to_micros(v));
            if reported {
                rates.reported |= bit;
            }
        }
        other => return Err(format!("`{other}` is not a rate")),
    }
    Ok(())
}

impl PricingData {
    /// Reads the three data files (their JSON text).
    pub fn from_json(markets: &str, rates: &str, eras: &str) -> Result<PricingData, String> {
        let (m, r, e) = (parse(markets, "markets")?, parse(rates, "rates")?, parse(eras, "eras")?);
        let (m, r, e) = (object(&m, "markets")?, object(&r, "rates")?, object(&e, "eras")?);
        let mut prefixes = FastMap::default();
        for market in list(m, "markets")? {
            let market = object(market, "a market")?;
            let name = text(market, "name")?;
            for p in texts(market.get("prefixes").unwrap_or(&serde_json::Value::Null), "prefixes")? {
                prefixes.insert(p, name.to_string());
            }
        }
        let mut changes: FastMap<String, Vec<(String, i64)>> = FastMap::default();
        for c in list(m, "changes")? {
            let c = object(c, "a change")?;
            let until = parse_time(text(c, "until")?)? + 86_399;
            changes.entry(text(c, "prefix")?.to_string()).or_default().push((text(c, "market")?.to_string(), until));
        }
        for v in changes.values_mut() {
            crate::order::sort_by_key(v, |(_, until)| *until);
        }
        let mut data_cards = list(r, "cards")?.iter().map(|c| object(c, "a card")).collect::<Result<Vec<_>, _>>()?;
        for c in &data_cards {
            text(c, "effective")?;
        }
        crate::order::sort_by(&mut data_cards, |a, b| {
            a.get("effective").and_then(|v| v.as_str()).cmp(&b.get("effective").and_then(|v| v.as_str()))
        });
        let mut cards: Vec<Card> = Vec::new();
        for c in data_cards {
            let id = text(c, "id")?;
            let card_reported = match text_or_none(c, "confidence")? {
                Some("reported") => true,
                Some("meta" | "transcribed") | None => false,
                Some(other) => {
                    return Err(format!("card {id}: confidence `{other}` is not meta, transcribed or reported"))
                }
            };
            let mut rates = match text_or_none(c, "base")? {
                Some(base) => cards
                    .iter()
                    .find(|b| b.id == base)
                    .map(|b| b.rates.clone())
                    .ok_or_else(|| format!("card {id}: base `{base}` is not an earlier card"))?,
                None => HashMap::new(),
            };
            let (model, currency) = (text(c, "model")?, text(c, "currency")?);
            for (market, x) in object(c.get("rates").unwrap_or(&serde_json::Value::Null), "rates")? {
                let x = object(x, "a market's rates")?;
                let entry = rates.entry(market.clone()).or_default();
                for (column, name) in COLUMNS.iter().enumerate() {
                    if let Some(cell) = x.get(*name) {
                        overlay(entry, column, cell, card_reported).map_err(|e| format!("card {id} {market}: {e}"))?;
                    }
                }
            }
            cards.push(Card {
                model: model_of(model).map_err(|e| format!("card {id}: {e}"))?,
                id: id.to_string(),
                effective: parse_time(text(c, "effective")?)?,
                currency: currency.to_string(),
                rates,
                origin: "data/rates.json".into(),
            });
        }
        let mut eras = Vec::new();
        for x in list(e, "eras")? {
            let x = object(x, "an era")?;
            let id = text(x, "id")?;
            let service_rate = match disputed(x, "service_rate")? {
                None => "utility".to_string(),
                Some(v) => v.as_str().ok_or("`service_rate` must be a string")?.to_string(),
            };
            eras.push(Era {
                from: parse_time(text(x, "from")?)?,
                model: model_of(text(x, "model")?).map_err(|e| format!("era {id}: {e}"))?,
                id: id.to_string(),
                categories: flag(x, "categories")?,
                service_free: flag(x, "service_free")?,
                utility_free_in_window: flag(x, "utility_free_in_window")?,
                reported: flag(x, "reported")?,
                free_conversations_per_month: count(
                    x.get("free_conversations_per_month"),
                    "free_conversations_per_month",
                )?,
                free_service_conversations_per_month: count(
                    x.get("free_service_conversations_per_month"),
                    "free_service_conversations_per_month",
                )?,
                service_billed: flag(x, "service_billed")?,
                service_rate,
                free_service_messages_per_month: match disputed(x, "free_service_messages_per_month")? {
                    None => None,
                    Some(v) => Some(count(Some(v), "free_service_messages_per_month")?.ok_or("a null allowance")?),
                },
            });
        }
        crate::order::sort_by_key(&mut eras, |e| e.from);
        let auth = object(
            e.get("authentication_international").unwrap_or(&serde_json::Value::Null),
            "authentication_international",
        )?;
        let auth_intl = object(auth.get("markets").unwrap_or(&serde_json::Value::Null), "markets")?
            .iter()
            .map(|(k, v)| Ok((k.clone(), parse_time(v.as_str().ok_or("a date must be a string")?)?)))
            .collect::<Result<_, String>>()?;
        let mut currencies = Vec::new();
        for c in list(r, "currencies")? {
            let c = object(c, "a currency")?;
            let symbols = match c.get("symbols") {
                None => Vec::new(),
                Some(v) => texts(v, "symbols")?,
            };
            currencies.push((text(c, "code")?.to_string(), symbols));
        }
        let agent = object(e.get("business_agent").unwrap_or(&serde_json::Value::Null), "business_agent")?;
        Ok(PricingData {
            prefixes,
            other: text(m, "other")?.to_string(),
            changes,
            cards,
            eras,
            auth_intl,
            rates_checked: text(r, "last_checked")?.to_string(),
            currencies,
            business_agent_from: parse_time(text(agent, "billed_from")?)?,
            business_agent_usd_per_million_tokens: agent
                .get("usd_per_million_tokens")
                .and_then(|v| v.as_f64())
                .ok_or("`usd_per_million_tokens` must be a number")?,
        })
    }

    /// The recipient's market at `at`: the longest matching calling-code prefix, else Other.
    pub fn market_of(&self, number: &str, at: i64) -> Result<&str, String> {
        let mut buf = [0u8; 15];
        let digits = e164_digits_in(number, &mut buf)?;
        for len in (1..=4).rev() {
            let Some(prefix) = digits.get(..len) else { continue };
            // The earliest assignment still in force at `at`, else the present one.
            if let Some((market, _)) = self.changes.get(prefix).and_then(|v| v.iter().find(|(_, until)| at <= *until)) {
                return Ok(market);
            }
            if let Some(m) = self.prefixes.get(prefix) {
                return Ok(m);
            }
        }
        Ok(&self.other)
    }

    /// Whether `market` is one of the data's markets.
    pub fn is_market(&self, market: &str) -> bool {
        market == self.other || self.prefixes.values().any(|m| m == market)
    }

    /// The era at `at`; reported eras only when `include_reported`.
    pub fn era_at(&self, at: i64, include_reported: bool) -> Option<&Era> {
        self.eras.iter().rfind(|e| e.from <= at && (include_reported || !e.reported))
    }

    /// The card in force at `at` for `model` (`CBP` or `PMP`) in `currency`.
    pub fn card_at(&self, at: i64, model: Model, currency: &str) -> Option<&Card> {
        self.cards.iter().rfind(|c| c.effective <= at && c.model == model && c.currency == currency)
    }

    /// These data with more cards (loaded at run time), which win over shipped ones of the same
    /// date, model and currency.
    pub fn with_cards(&self, extra: Vec<Card>) -> PricingData {
        let mut cards = self.cards.clone();
        cards.extend(extra);
        crate::order::sort_by_key(&mut cards, |c| c.effective);
        PricingData { cards, ..self.clone() }
    }

    /// The `stale_data` notice for a price at `at` in `currency`: Meta changes prices only on the
    /// first day of a quarter, with a month's notice, so from the quarter after the newest card
    /// the data may be out of date.
    pub fn staleness(&self, at: i64, currency: &str) -> Option<Notice> {
        let newest = self.cards.iter().filter(|c| c.currency == currency).max_by_key(|c| c.effective)?;
        let next = next_quarter_start(newest.effective);
        (at >= next).then(|| {
            let day = |t: i64| crate::window::format_time(t)[..10].to_string();
            let checked = if newest.origin == "data/rates.json" {
                format!(", last checked on {}", self.rates_checked)
            } else {
                String::new()
            };
            Notice {
                kind: "stale_data",
                message: format!(
                    "prices after {} are not in the data: the newest {currency} card is {} ({}{checked}); Meta may have changed rates on the first day of any quarter since",
                    day(next - 1),
                    newest.id,
                    newest.origin,
                ),
                file: Some(newest.origin.clone()),
                checked: (newest.origin == "data/rates.json").then(|| self.rates_checked.clone()),
                card: Some(newest.id.clone()),
                market: None,
                missing: Vec::new(),
            }
        })
    }
}

/// The first day of the quarter after the one `t` falls in (Unix seconds).
pub fn next_quarter_start(t: i64) -> i64 {
    let day = crate::window::format_time(t);
    let (year, month) = (day[..4].parse::<i64>().unwrap_or(1970), day[5..7].parse::<i64>().unwrap_or(1));
    let next = (month - 1) / 3 * 3 + 4;
    let (y, m) = if next > 12 { (year + 1, next - 12) } else { (year, next) };
    parse_time(&format!("{y:04}-{m:02}-01")).unwrap_or(i64::MAX)
}

/// Something a price depends on that the data cannot vouch for.
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "PriceNotice"))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Notice {
    /// `stale_data` (the date is past what the data covers), `incomplete_card` (the card in
    /// force lacks some of a market's rates) or `disputed_allowance` (service messages billed
    /// under a free allowance the sources dispute).
    #[cfg_attr(test, ts(type = "\"stale_data\" | \"incomplete_card\" | \"disputed_allowance\""))]
    pub kind: &'static str,
    pub message: String,
    /// The data file, or `rateCards[i]`.
    pub file: Option<String>,
    /// The day that file was last checked.
    pub checked: Option<String>,
    pub card: Option<String>,
    pub market: Option<String>,
    /// The card's columns the data lacks for `market`.
    pub missing: Vec<&'static str>,
}

// Tests only: the unwraps below are assertions on fixed inputs, compiled under cfg(test) and
// never into the library, so no user input reaches them.
#[cfg(test)]
mod tests {
    use super::*;
    use crate::pricing::DATA;

    fn t(s: &str) -> i64 {
        parse_time(s).unwrap()
    }

    #[test]
    fn markets_by_longest_prefix() {
        let at = t("2026-01-01");
        assert_eq!(DATA.market_of("+39 333 123 4567", at).unwrap(), "Italy");
        assert_eq!(DATA.market_of("+1 809 555 0100", at).unwrap(), "Rest of Latin America");
        assert_eq!(DATA.market_of("+1 212 555 0100", at).unwrap(), "North America");
        assert_eq!(DATA.market_of("+7 701 123 4567", at).unwrap(), "Russia"); // Kazakhstan, see markets.json
        assert_eq!(DATA.market_of("+352 621 123 456", at).unwrap(), "Other"); // Luxembourg
        assert_eq!(DATA.market_of("+263 77 123 4567", t("2025-09-30")).unwrap(), "Other");
        assert_eq!(DATA.market_of("+263 77 123 4567", t("2025-10-01")).unwrap(), "Rest of Africa");
    }

    #[test]
    fn eras_and_cards_by_date() {
        assert_eq!(DATA.era_at(t("2021-06-01"), false).unwrap().model, Model::Nbp);
        assert_eq!(DATA.era_at(t("2023-06-01"), false).unwrap().id, "conversation-categories");
        assert_eq!(DATA.era_at(t("2026-09-30"), false).unwrap().id, "per-message");
        // Announced by Meta with a date: the default from that date.
        assert_eq!(DATA.era_at(t("2026-10-01"), false).unwrap().id, "service-billed");
        assert!(DATA.card_at(t("2022-06-01"), Model::Cbp, "USD").is_none());
        assert_eq!(DATA.card_at(t("2025-08-01"), Model::Pmp, "USD").unwrap().id, "pmp-2025-07-01");
        assert_eq!(DATA.card_at(t("2025-08-01"), Model::Cbp, "USD").unwrap().id, "cbp-2024-11-01");
        assert!(DATA.card_at(t("2025-08-01"), Model::Pmp, "EUR").is_none());
        assert_eq!(DATA.card_at(t("2026-11-20"), Model::Pmp, "USD").unwrap().id, "pmp-2026-10-01");
    }

    #[test]
    fn a_card_keeps_its_base_except_the_cells_it_lists() {
        let data = PricingData::from_json(
            crate::embedded::embedded!("markets.json"),
            r#"{"last_checked": "2026-12-01", "currencies": [{"code": "USD"}], "cards": [
                {"id": "b", "effective": "2026-01-01", "model": "PMP", "currency": "USD",
                 "rates": {"Italy": {"marketing": 0.07, "utility": 0.03}, "Spain": {"marketing": 0.06}}},
                {"id": "c", "effective": "2026-04-01", "model": "PMP", "currency": "USD", "base": "b",
                 "rates": {"Italy": {"marketing": null, "utility": {"rate": 0.04, "confidence": "reported"}},
                           "Oman": {"utility": 0.02}}}]}"#,
            crate::embedded::embedded!("pricing-eras.json"),
        )
        .unwrap();
        let c = data.cards.iter().find(|c| c.id == "c").unwrap();
        assert_eq!(c.rates["Spain"].get(0, false), Ok(60_000)); // kept from the base
        assert_eq!(c.rates["Italy"].get(0, true), Err(true)); // changed, value unknown
        assert_eq!(c.rates["Italy"].get(1, false), Err(true)); // only reported
        assert_eq!(c.rates["Italy"].get(1, true), Ok(40_000));
        assert_eq!(c.rates["Italy"].missing(false), vec!["marketing", "utility"]);
        assert_eq!(c.rates["Oman"].get(0, true), Err(false)); // a column the card does not have
                                                              // The base card is untouched.
        let b = data.cards.iter().find(|c| c.id == "b").unwrap();
        assert_eq!((b.rates["Italy"].get(0, false), b.rates["Italy"].missing(false).len()), (Ok(70_000), 0));
        let bad = r#"{"last_checked": "x", "currencies": [], "cards": [
            {"id": "c", "effective": "2026-04-01", "model": "PMP", "currency": "USD", "base": "nope", "rates": {}}]}"#;
        assert!(PricingData::from_json(
            crate::embedded::embedded!("markets.json"),
            bad,
            crate::embedded::embedded!("pricing-eras.json")
        )
        .is_err());
    }

    #[test]
    fn quarters_start_in_january_april_july_and_october() {
        let day = |x: i64| crate::window::format_time(x)[..10].to_string();
        assert_eq!(day(next_quarter_start(t("2026-10-01"))), "2027-01-01");
        assert_eq!(day(next_quarter_start(t("2026-12-31T23:59:59Z"))), "2027-01-01");
        assert_eq!(day(next_quarter_start(t("2026-01-01"))), "2026-04-01");
        assert_eq!(day(next_quarter_start(t("2026-06-30"))), "2026-07-01");
    }
}
