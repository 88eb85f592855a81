//! What messages cost: the recipient's market, the rate cards and the pricing eras (all data:
//! `data/markets.json`, `data/rates.json`, `data/pricing-eras.json`), and the engine that walks a
//! timeline of messages and says, for each outbound one, whether it may be sent, whether it is
//! billed, under which model and category, and at what rate. Money is kept in integer
//! micro-units of the card's currency (USD) and turned into decimals only at the edge.

use std::collections::{BTreeMap, HashMap};
use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

use crate::address::{e164_digits, is_user_id};
use crate::consent::{Consent, Refusal};
use crate::input::InputError;
use crate::window::{parse_time, Direction, Event, WindowTracker, FREE_ENTRY_POINT_SECONDS, WINDOW_SECONDS};

/// Micro-units per currency unit.
pub const MICROS: i64 = 1_000_000;

fn to_micros(rate: f64) -> i64 {
    (rate * MICROS as f64).round() as i64
}

/// Micro-units as a decimal amount.
pub fn to_decimal(micros: i64) -> f64 {
    micros as f64 / MICROS as f64
}

#[derive(Deserialize)]
struct MarketData {
    name: String,
    prefixes: Vec<String>,
}

#[derive(Deserialize)]
struct MarketChange {
    prefix: String,
    market: String,
    until: String,
}

#[derive(Deserialize)]
struct MarketsFile {
    other: String,
    markets: Vec<MarketData>,
    changes: Vec<MarketChange>,
}

/// One cell of a card in `data/rates.json`: a number, `null` (changed on that date, the new
/// value is not known), or `{"rate": …, "confidence": "reported", "source": …}`. A cell left out
/// of a card with a `base` keeps the base card's value.
fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<serde_json::Value>, D::Error> {
    serde_json::Value::deserialize(d).map(Some)
}

#[derive(Deserialize, Default)]
struct RatesData {
    #[serde(default, deserialize_with = "present")]
    marketing: Option<serde_json::Value>,
    #[serde(default, deserialize_with = "present")]
    utility: Option<serde_json::Value>,
    #[serde(default, deserialize_with = "present")]
    authentication: Option<serde_json::Value>,
    #[serde(default, deserialize_with = "present")]
    authentication_international: Option<serde_json::Value>,
    #[serde(default, deserialize_with = "present")]
    service: Option<serde_json::Value>,
}

#[derive(Deserialize)]
struct CardData {
    id: String,
    effective: String,
    model: String,
    currency: String,
    /// The card whose rates this one keeps, except for the cells it lists.
    #[serde(default)]
    base: Option<String>,
    /// `meta` (read on Meta's pages), `transcribed` (a copy of Meta's card by others) or
    /// `reported` (no Meta text states it).
    #[serde(default)]
    confidence: Option<String>,
    rates: BTreeMap<String, RatesData>,
}

#[derive(Deserialize)]
struct CurrencyData {
    code: String,
    /// How amounts are written in Meta's cards besides the code (`R$`, `S/`, `RM`, …).
    #[serde(default)]
    symbols: Vec<String>,
}

#[derive(Deserialize)]
struct RatesFile {
    last_checked: String,
    currencies: Vec<CurrencyData>,
    cards: Vec<CardData>,
}

/// A disputed point of an era: the default, and what the caller may choose instead.
#[derive(Deserialize)]
struct Disputed<T> {
    default: T,
}

#[derive(Deserialize)]
struct EraData {
    id: String,
    from: String,
    model: String,
    #[serde(default)]
    categories: bool,
    #[serde(default)]
    service_free: bool,
    #[serde(default)]
    utility_free_in_window: bool,
    #[serde(default)]
    reported: bool,
    free_conversations_per_month: Option<u32>,
    free_service_conversations_per_month: Option<u32>,
    #[serde(default)]
    service_billed: bool,
    service_rate: Option<Disputed<String>>,
    free_service_messages_per_month: Option<Disputed<u32>>,
}

#[derive(Deserialize)]
struct AuthIntlData {
    markets: BTreeMap<String, String>,
}

#[derive(Deserialize)]
struct BusinessAgentData {
    billed_from: String,
    usd_per_million_tokens: f64,
}

#[derive(Deserialize)]
struct ErasFile {
    eras: Vec<EraData>,
    authentication_international: AuthIntlData,
    business_agent: BusinessAgentData,
}

/// A pricing era.
#[derive(Debug, Clone)]
pub struct Era {
    pub id: String,
    pub from: i64,
    /// `NBP`, `CBP` or `PMP`.
    pub model: String,
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
    /// `CBP` (per conversation) or `PMP` (per message).
    pub model: String,
    pub currency: String,
    pub rates: HashMap<String, Rates>,
    /// Where the card comes from: `data/rates.json`, or `rateCards[i]` when loaded at run time.
    pub origin: String,
}

/// The pricing data: markets, cards and eras.
#[derive(Clone)]
pub struct PricingData {
    prefixes: HashMap<String, String>,
    other: String,
    /// Earlier assignments of a prefix: (market, until), by prefix.
    changes: HashMap<String, Vec<(String, i64)>>,
    pub cards: Vec<Card>,
    pub eras: Vec<Era>,
    auth_intl: HashMap<String, i64>,
    /// The day `data/rates.json` was last checked against Meta's and providers' pages.
    pub rates_checked: String,
    /// Currency codes of Meta's cards, each with the symbols its amounts are written with.
    pub currencies: Vec<(String, Vec<String>)>,
    business_agent_from: i64,
    business_agent_usd_per_million_tokens: f64,
}

/// A cell of `data/rates.json` applied over the base card's value.
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
        let m: MarketsFile = serde_json::from_str(markets).map_err(|e| format!("markets: {e}"))?;
        let r: RatesFile = serde_json::from_str(rates).map_err(|e| format!("rates: {e}"))?;
        let e: ErasFile = serde_json::from_str(eras).map_err(|e| format!("eras: {e}"))?;
        let mut prefixes = HashMap::new();
        for market in &m.markets {
            for p in &market.prefixes {
                prefixes.insert(p.clone(), market.name.clone());
            }
        }
        let mut changes: HashMap<String, Vec<(String, i64)>> = HashMap::new();
        for c in &m.changes {
            changes.entry(c.prefix.clone()).or_default().push((c.market.clone(), parse_time(&c.until)? + 86_399));
        }
        for v in changes.values_mut() {
            v.sort_by_key(|(_, until)| *until);
        }
        let mut data_cards = r.cards;
        data_cards.sort_by(|a, b| a.effective.cmp(&b.effective));
        let mut cards: Vec<Card> = Vec::new();
        for c in data_cards {
            let card_reported = match c.confidence.as_deref() {
                Some("reported") => true,
                Some("meta" | "transcribed") | None => false,
                Some(other) => {
                    return Err(format!("card {}: confidence `{other}` is not meta, transcribed or reported", c.id))
                }
            };
            let mut rates = match &c.base {
                Some(base) => cards
                    .iter()
                    .find(|b| &b.id == base)
                    .map(|b| b.rates.clone())
                    .ok_or_else(|| format!("card {}: base `{base}` is not an earlier card", c.id))?,
                None => HashMap::new(),
            };
            for (market, x) in c.rates {
                let entry = rates.entry(market.clone()).or_default();
                let cells = [&x.marketing, &x.utility, &x.authentication, &x.authentication_international, &x.service];
                for (column, cell) in cells.into_iter().enumerate() {
                    if let Some(cell) = cell {
                        overlay(entry, column, cell, card_reported)
                            .map_err(|e| format!("card {} {market}: {e}", c.id))?;
                    }
                }
            }
            cards.push(Card {
                id: c.id,
                effective: parse_time(&c.effective)?,
                model: c.model,
                currency: c.currency,
                rates,
                origin: "data/rates.json".into(),
            });
        }
        let mut eras = Vec::new();
        for x in e.eras {
            eras.push(Era {
                from: parse_time(&x.from)?,
                id: x.id,
                model: x.model,
                categories: x.categories,
                service_free: x.service_free,
                utility_free_in_window: x.utility_free_in_window,
                reported: x.reported,
                free_conversations_per_month: x.free_conversations_per_month,
                free_service_conversations_per_month: x.free_service_conversations_per_month,
                service_billed: x.service_billed,
                service_rate: x.service_rate.map_or_else(|| "utility".into(), |d| d.default),
                free_service_messages_per_month: x.free_service_messages_per_month.map(|d| d.default),
            });
        }
        eras.sort_by_key(|e| e.from);
        let auth_intl = e
            .authentication_international
            .markets
            .iter()
            .map(|(k, v)| Ok((k.clone(), parse_time(v)?)))
            .collect::<Result<_, String>>()?;
        Ok(PricingData {
            prefixes,
            other: m.other,
            changes,
            cards,
            eras,
            auth_intl,
            rates_checked: r.last_checked,
            currencies: r.currencies.into_iter().map(|c| (c.code, c.symbols)).collect(),
            business_agent_from: parse_time(&e.business_agent.billed_from)?,
            business_agent_usd_per_million_tokens: e.business_agent.usd_per_million_tokens,
        })
    }

    /// The recipient's market at `at`: the longest matching calling-code prefix, else Other.
    pub fn market_of(&self, number: &str, at: i64) -> Result<String, String> {
        let digits = e164_digits(number)?;
        for len in (1..=4).rev() {
            let Some(prefix) = digits.get(..len) else { continue };
            // The earliest assignment still in force at `at`, else the present one.
            if let Some((market, _)) = self.changes.get(prefix).and_then(|v| v.iter().find(|(_, until)| at <= *until)) {
                return Ok(market.clone());
            }
            if let Some(m) = self.prefixes.get(prefix) {
                return Ok(m.clone());
            }
        }
        Ok(self.other.clone())
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
    pub fn card_at(&self, at: i64, model: &str, currency: &str) -> Option<&Card> {
        self.cards.iter().rfind(|c| c.effective <= at && c.model == model && c.currency == currency)
    }

    /// These data with more cards (loaded at run time), which win over shipped ones of the same
    /// date, model and currency.
    pub fn with_cards(&self, extra: Vec<Card>) -> PricingData {
        let mut cards = self.cards.clone();
        cards.extend(extra);
        cards.sort_by_key(|c| c.effective);
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Notice {
    /// `stale_data` (the date is past what the data covers), `incomplete_card` (the card in
    /// force lacks some of a market's rates) or `disputed_allowance` (service messages billed
    /// under a free allowance the sources dispute).
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

/// Reads a rate card in Meta's CSV layout: optional title lines ("Cost per conversation in USD,
/// effective June 1, 2023"), then a header row with `Market` and the category columns
/// (Marketing, Utility, Authentication, Authentication-International, Service; optionally
/// Currency), then one row per market. `n/a`, `-` and empty cells mean no rate. Returns the card
/// and warnings (unknown markets, unreadable cells).
pub fn card_from_csv(
    csv: &str,
    id: Option<&str>,
    effective: Option<&str>,
    model: Option<&str>,
) -> Result<(Card, Vec<String>), String> {
    if csv.starts_with("PK\u{3}\u{4}") {
        return Err("this is an Excel workbook (XLSX), not CSV: Meta's download of 2026-10-01 is one under a .csv name; open it and save the sheet \"List rates\" as CSV".into());
    }
    let rows = csv_records(csv);
    let header_at = rows
        .iter()
        .position(|r| {
            let lower: Vec<String> = r.iter().map(|f| f.to_ascii_lowercase()).collect();
            lower.iter().any(|f| f == "market" || f == "country")
                && lower.iter().any(|f| f.starts_with("marketing") || f.starts_with("utility"))
        })
        .ok_or("no header row with `Market` and category columns")?;
    let title = rows[..header_at].iter().flatten().cloned().collect::<Vec<_>>().join(" ");
    let effective = match effective {
        Some(e) => parse_time(e)?,
        None => title_date(&title)
            .ok_or("no effective date: give one, or keep the title line \"… effective June 1, 2023\"")?,
    };
    let lower_title = title.to_ascii_lowercase();
    let model = match model {
        Some(m) => m.to_ascii_uppercase(),
        None if lower_title.contains("per conversation") => "CBP".into(),
        None if lower_title.contains("per message") || lower_title.contains("per delivered") => "PMP".into(),
        None => if effective >= parse_time("2025-07-01")? { "PMP" } else { "CBP" }.into(),
    };
    if model != "CBP" && model != "PMP" {
        return Err(format!("model must be CBP or PMP, not `{model}`"));
    }
    // "Authentication-⏎International", "Authentication International" and
    // "authentication_international" all read `authentication-international`.
    let header: Vec<String> = rows[header_at]
        .iter()
        .map(|f| f.to_ascii_lowercase().replace(['_', '-'], " ").split_whitespace().collect::<Vec<_>>().join("-"))
        .collect();
    let col = |names: &[&str]| header.iter().position(|h| names.iter().any(|n| h.starts_with(n)));
    let market_col = col(&["market", "country"]).ok_or("no Market column")?;
    let ai_col = col(&["authentication-international", "auth-intl", "authentication-intl"]);
    let auth_col = header.iter().enumerate().position(|(i, h)| h.starts_with("authentication") && Some(i) != ai_col);
    let cols = [col(&["marketing"]), col(&["utility"]), auth_col, ai_col, col(&["service"])];
    let currency_col = col(&["currency"]);
    let title_upper = title.to_ascii_uppercase();
    let mut currency = DATA
        .currencies
        .iter()
        .find(|(code, _)| title_upper.contains(&format!("IN {code}")))
        .map(|(code, _)| code.clone());
    let mut rates = HashMap::new();
    let mut warnings = Vec::new();
    for (n, row) in rows.iter().enumerate().skip(header_at + 1) {
        let Some(market) = row.get(market_col).map(|m| m.trim()).filter(|m| !m.is_empty()) else { continue };
        if let Some(cell) = currency_col.and_then(|i| row.get(i)).map(|c| c.trim()).filter(|c| !c.is_empty()) {
            let c = currency_code(cell)
                .ok_or_else(|| format!("row {}: `{cell}` is none of the currencies of Meta's cards", n + 1))?;
            if currency.as_deref().is_some_and(|cur| cur != c) {
                return Err(format!("row {}: currency {c} differs from {}", n + 1, currency.unwrap_or_default()));
            }
            currency = Some(c);
        }
        let mut values = [None; 5];
        for (k, c) in cols.iter().enumerate() {
            let Some(cell) = c.and_then(|i| row.get(i)) else { continue };
            let cell = amount(cell);
            if cell.is_empty() || matches!(cell.to_ascii_lowercase().as_str(), "n/a" | "na" | "-" | "—") {
                continue;
            }
            match cell.parse::<f64>() {
                Ok(v) if v >= 0.0 => values[k] = Some(to_micros(v)),
                _ => warnings.push(format!("row {}: `{cell}` is not a rate", n + 1)),
            }
        }
        if !DATA.is_market(market) {
            warnings.push(format!(
                "row {}: `{market}` is not a market of data/markets.json; its rates are kept under that name",
                n + 1
            ));
        }
        let [marketing, utility, authentication, authentication_international, service] = values;
        rates.insert(
            market.to_string(),
            Rates { marketing, utility, authentication, authentication_international, service, ..Rates::default() },
        );
    }
    if rates.is_empty() {
        return Err("no market rows under the header".into());
    }
    let currency = currency.unwrap_or_else(|| "USD".into());
    let id = id.map_or_else(
        || format!("csv-{}-{}", model.to_ascii_lowercase(), &crate::window::format_time(effective)[..10]),
        str::to_string,
    );
    if !DATA.currencies.iter().any(|(code, _)| *code == currency) {
        warnings.push(format!("`{currency}` is not one of the currencies of Meta's cards in data/rates.json"));
    }
    Ok((Card { id, effective, model, currency, rates, origin: "rateCards".into() }, warnings))
}

/// The currency code of a Currency cell: a code (`BRL`) or a sign the data lists for one
/// (`$US`, `A$`, `R$`, `₹`).
fn currency_code(cell: &str) -> Option<String> {
    DATA.currencies
        .iter()
        .find(|(code, symbols)| code.eq_ignore_ascii_case(cell) || symbols.iter().any(|s| s.eq_ignore_ascii_case(cell)))
        .map(|(code, _)| code.clone())
}

/// A cell's amount without its currency: `R$ 0,3125` → `0.3125`, `S/0.0810` → `0.0810`,
/// `1,234.5` → `1234.5`. Letters and symbols around the number (any of the 16 currencies'
/// codes and signs) are dropped; a lone comma is a decimal comma.
fn amount(cell: &str) -> String {
    let t = cell.trim();
    let lower = t.to_ascii_lowercase();
    if matches!(lower.as_str(), "n/a" | "na" | "-" | "—") {
        return t.to_string();
    }
    let (Some(first), Some(last)) = (t.find(|c: char| c.is_ascii_digit()), t.rfind(|c: char| c.is_ascii_digit()))
    else {
        return t.to_string();
    };
    let start = if t[..first].ends_with('.') { first - 1 } else { first };
    let end = last + 1;
    let n = &t[start..end];
    // A sign or word before the number that is not a currency mark stays, so that it fails.
    let before = t[..start].trim();
    if before.contains('-') {
        return t.to_string();
    }
    match (n.contains('.'), n.contains(',')) {
        (true, true) if n.rfind(',') > n.rfind('.') => n.replace('.', "").replace(',', "."),
        (true, true) => n.replace(',', ""),
        (false, true) if n.matches(',').count() == 1 => n.replace(',', "."),
        (false, true) => n.replace(',', ""),
        _ => n.to_string(),
    }
}

/// The records of a CSV text (RFC 4180: quoted fields may hold commas, quotes and line breaks,
/// as the header cell "Authentication-⏎International" of Meta's files does), read by
/// `csv-core`. Fields are trimmed; the delimiter is `;` when the header line (the first that
/// names a market) has more semicolons than commas (spreadsheets in European locales), else `,`.
fn csv_records(text: &str) -> Vec<Vec<String>> {
    let header = text.lines().find(|l| l.to_ascii_lowercase().contains("market")).unwrap_or_default();
    let delimiter = if header.matches(';').count() > header.matches(',').count() { b';' } else { b',' };
    let mut reader = csv_core::ReaderBuilder::new().delimiter(delimiter).build();
    // With a final line break every record ends inside the input, in one call; buffers as big
    // as the input (and a field end per delimiter) never fill.
    let text = if text.ends_with('\n') { text.to_string() } else { format!("{text}\n") };
    let mut input = text.as_bytes();
    let mut out = vec![0u8; text.len()];
    let mut ends = vec![0usize; text.bytes().filter(|b| *b == delimiter).count() + 2];
    let mut records = Vec::new();
    loop {
        let (result, read, _, n_ends) = reader.read_record(input, &mut out, &mut ends);
        input = &input[read..];
        match result {
            csv_core::ReadRecordResult::Record => {
                let mut start = 0;
                let mut fields = Vec::with_capacity(n_ends);
                for &end in &ends[..n_ends] {
                    fields.push(String::from_utf8_lossy(&out[start..end]).trim().to_string());
                    start = end;
                }
                records.push(fields);
            }
            // Out of input: the next call, with none, ends the text.
            csv_core::ReadRecordResult::InputEmpty if !input.is_empty() => {}
            csv_core::ReadRecordResult::InputEmpty => {
                if let (csv_core::ReadRecordResult::End, ..) = reader.read_record(&[], &mut out, &mut ends) {
                    break;
                }
            }
            _ => break,
        }
    }
    records
}

/// "effective June 1, 2023" (or an ISO date) in a title line, as Unix seconds.
fn title_date(title: &str) -> Option<i64> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let lower = title.to_ascii_lowercase();
    let words: Vec<&str> = lower.split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty()).collect();
    for (i, w) in words.iter().enumerate() {
        if let Some(m) = MONTHS.iter().position(|name| name == w) {
            let day: u32 = words.get(i + 1)?.trim_end_matches(|c: char| !c.is_ascii_digit()).parse().ok()?;
            let year: u32 = words.get(i + 2)?.parse().ok()?;
            return parse_time(&format!("{year:04}-{:02}-{day:02}", m + 1)).ok();
        }
        if w.len() == 10 && w.as_bytes()[4] == b'-' {
            if let Ok(t) = parse_time(w) {
                return Some(t);
            }
        }
    }
    None
}

/// The shipped pricing data.
pub static DATA: LazyLock<PricingData> = LazyLock::new(|| {
    PricingData::from_json(
        include_str!(concat!(env!("OUT_DIR"), "/data/markets.json")),
        include_str!(concat!(env!("OUT_DIR"), "/data/rates.json")),
        include_str!(concat!(env!("OUT_DIR"), "/data/pricing-eras.json")),
    )
    // Parsed by a test; should it ever fail, no market, card or era is known.
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

/// A volume tier: messages `from`..=`to` of a month (per market and category) cost `rate`, or
/// the card rate less `discount`. The band may be given in Meta's notation instead, as in its
/// `VOLUME_BASED_PRICING_TIER_UPDATE` webhook: `"tier": "25000001:50000000"` (an empty or `inf`
/// upper end is open).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tier {
    /// `utility` or `authentication`.
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
struct Band {
    category: String,
    market: Option<String>,
    from: u64,
    to: Option<u64>,
    rate: Option<f64>,
    discount: Option<f64>,
}

impl Band {
    fn covers(&self, category: &str, market: &str) -> bool {
        self.category.eq_ignore_ascii_case(category) && self.market.as_deref().is_none_or(|m| m == market)
    }
}

/// Reads the tiers' bands; a band given both ways, or neither, is an error.
fn bands(tiers: &[Tier]) -> Result<Vec<Band>, InputError> {
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

/// Options of the engine.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct PriceOptions {
    /// Use facts only providers report (rates no Meta text states); without it such a rate is
    /// unpriced and a notice says what is reported.
    pub include_reported: bool,
    /// The business qualifies for authentication-international rates.
    pub authentication_international: bool,
    pub tiers: Vec<Tier>,
    /// Rate cards in Meta's CSV layout, loaded at run time (see [`card_from_csv`]).
    pub rate_cards: Vec<RateCardInput>,
    /// What the month already used before the timeline: billed messages per `market/category`
    /// (volume tiers), and `conversations`, `service_conversations`, `service_messages` (free
    /// allowances).
    pub month_to_date: BTreeMap<String, u64>,
    /// Price under the eras, cards, markets and dated rules in force on this day (`YYYY-MM-DD`
    /// or ISO 8601) instead of those of each message's own time; windows still follow the
    /// messages' times.
    pub as_of: Option<String>,
    /// From 2026-10-01: the card column a service message is billed at when the card has no
    /// service rate (`utility`, the default, `authentication`, or `unpriced`).
    pub service_rate: Option<String>,
    /// From 2026-10-01: service messages free each month before billing starts (disputed:
    /// see `data/pricing-eras.json`).
    pub free_service_messages_per_month: Option<u32>,
    /// The pricing market of recipients given as business-scoped user IDs, which carry no
    /// calling code: `{"US.13491208655302741918": "North America"}`.
    pub markets: BTreeMap<String, String>,
}

/// A rate card given as CSV, with what its title may not say.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RateCardInput {
    pub csv: String,
    pub id: Option<String>,
    pub effective: Option<String>,
    pub model: Option<String>,
}

/// The verdict on one outbound message.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PricedMessage {
    /// Index of the event in the timeline.
    pub event: usize,
    pub allowed: bool,
    pub billable: bool,
    /// `NBP`, `CBP` or `PMP`; `None` before any known era.
    pub pricing_model: Option<String>,
    /// `marketing`, `utility`, `authentication`, `authentication-international`, `service`,
    /// `business_agent`, and for 2022 conversations `business_initiated` / `user_initiated`.
    pub category: String,
    /// Rate in the currency; `None` when free, not allowed, or when the data has no rate.
    pub rate: Option<f64>,
    /// Why it is free or not allowed: `free_customer_service`, `free_entry_point`,
    /// `free_tier`, `conversation_open`, `outside_window`, `opted_out`, `marketing_stopped`,
    /// `us_marketing_paused`, `invalid_number`, `user_id_not_allowed`, `per_token`, `no_rate`,
    /// `regular`.
    #[serde(rename = "type")]
    pub pricing_type: &'static str,
    /// The conversation it belongs to (conversation-based pricing).
    pub conversation: Option<String>,
    pub market: Option<String>,
    /// The rate card used.
    pub card: Option<String>,
    /// The Cloud API error a refused send would get.
    pub error_code: Option<u32>,
    /// Why a billed message has no rate, in words.
    pub reason: Option<String>,
    #[serde(skip)]
    pub rate_micros: Option<i64>,
}

impl PricedMessage {
    /// An allowed message not billed yet, at a regular price; the engine fills in the rest.
    fn new(event: usize, pricing_model: Option<String>, category: String, market: Option<String>) -> Self {
        PricedMessage {
            event,
            allowed: true,
            billable: false,
            pricing_model,
            category,
            rate: None,
            pricing_type: "regular",
            conversation: None,
            market,
            card: None,
            error_code: None,
            reason: None,
            rate_micros: None,
        }
    }

    /// Billed, but the data has no rate for it.
    fn unpriced(&mut self, reason: String) {
        self.pricing_type = "no_rate";
        self.reason = Some(reason);
    }
}

/// What a timeline costs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PriceReport {
    pub messages: Vec<PricedMessage>,
    pub total: f64,
    pub currency: String,
    /// Billed messages whose rate the data does not have (so `total` is a lower bound).
    pub unpriced: usize,
    /// What the prices depend on that the data cannot vouch for: a date past the newest card,
    /// a card that lacks some of a market's rates.
    pub notices: Vec<Notice>,
}

#[derive(Debug, Clone)]
struct Conversation {
    id: String,
    category: String,
    until: i64,
    free_entry_point: bool,
}

#[derive(Default)]
struct UserState {
    window: WindowTracker,
    consent: Consent,
    conversations: Vec<Conversation>,
}

fn month_of(at: i64) -> String {
    crate::window::format_time(at)[..7].to_string()
}

fn day_of(at: i64) -> String {
    crate::window::format_time(at)[..10].to_string()
}

/// A timeline document: `{"events": [...], "currency": "USD"}`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Timeline {
    pub events: Vec<Event>,
    #[serde(default)]
    pub currency: Option<String>,
}

/// The shipped data with the caller's cards (`rateCards`), or `None` when there are none.
fn with_loaded_cards(opts: &PriceOptions) -> Result<Option<PricingData>, InputError> {
    if opts.rate_cards.is_empty() {
        return Ok(None);
    }
    let mut cards = Vec::new();
    for (i, c) in opts.rate_cards.iter().enumerate() {
        let (mut card, _) = card_from_csv(&c.csv, c.id.as_deref(), c.effective.as_deref(), c.model.as_deref())
            .map_err(|e| InputError::new("INVALID_OPTIONS", format!("rateCards[{i}]: {e}")))?;
        card.origin = format!("rateCards[{i}]");
        cards.push(card);
    }
    Ok(Some(DATA.with_cards(cards)))
}

/// Walks a timeline and prices every outbound message.
pub fn price_timeline(timeline: &Timeline, opts: &PriceOptions) -> Result<PriceReport, InputError> {
    match with_loaded_cards(opts)? {
        Some(data) => price_with(&data, timeline, opts),
        None => price_with(&DATA, timeline, opts),
    }
}

/// What pricing carries from message to message: options read once, monthly counters, and
/// what the notices will say.
struct Meter<'a> {
    data: &'a PricingData,
    opts: &'a PriceOptions,
    bands: Vec<Band>,
    currency: String,
    as_of: Option<i64>,
    monthly: HashMap<(String, &'static str), u32>,
    tier_counts: HashMap<(String, String, String), u64>,
    /// (card, market) → the columns the card lacks for the market.
    incomplete: BTreeMap<(String, String), (String, Vec<&'static str>)>,
    /// The latest date whose rules priced a message.
    latest: Option<i64>,
    /// A service message was billed under the default free allowance, which sources dispute.
    disputed_allowance: bool,
}

impl<'a> Meter<'a> {
    /// `currency_error` is the code of the error for a currency without cards: the input that
    /// named the currency is at fault (a timeline, a campaign).
    fn new(
        data: &'a PricingData,
        opts: &'a PriceOptions,
        currency: &str,
        currency_error: &'static str,
    ) -> Result<Meter<'a>, InputError> {
        if !data.cards.iter().any(|c| c.currency == currency) {
            return Err(InputError::new(
                currency_error,
                format!("no rate card in `{currency}`: the shipped cards are in USD; load one with `rateCards`"),
            ));
        }
        if let Some(rate) = opts.service_rate.as_deref() {
            if !matches!(rate, "utility" | "authentication" | "unpriced") {
                return Err(InputError::new(
                    "INVALID_OPTIONS",
                    format!("serviceRate must be utility, authentication or unpriced, not `{rate}`"),
                ));
            }
        }
        let as_of = match opts.as_of.as_deref() {
            Some(d) => Some(parse_time(d).map_err(|e| InputError::new("INVALID_OPTIONS", format!("asOf: {e}")))?),
            None => None,
        };
        for (id, market) in &opts.markets {
            if !data.is_market(market) {
                return Err(InputError::new(
                    "INVALID_OPTIONS",
                    format!("markets[{id}]: `{market}` is not a market of data/markets.json"),
                ));
            }
        }
        Ok(Meter {
            data,
            opts,
            bands: bands(&opts.tiers)?,
            currency: currency.to_string(),
            as_of,
            monthly: HashMap::new(),
            tier_counts: HashMap::new(),
            incomplete: BTreeMap::new(),
            latest: None,
            disputed_allowance: false,
        })
    }

    /// The date whose eras, cards and rules apply to a message sent at `at`.
    fn rules_at(&mut self, at: i64) -> i64 {
        let t = self.as_of.unwrap_or(at);
        self.latest = Some(self.latest.map_or(t, |l| l.max(t)));
        t
    }

    /// Counts `m` against a monthly free allowance (`key` names the counter and its
    /// `monthToDate` seed): free while the month's count stays within `limit`, billable after
    /// (or without one).
    fn allowance(&mut self, month: &str, key: &'static str, limit: Option<u32>, m: &mut PricedMessage) {
        let seed = self.opts.month_to_date.get(key).copied().unwrap_or(0) as u32;
        let n = self.monthly.entry((month.to_string(), key)).or_insert(seed);
        *n += 1;
        if limit.is_some_and(|limit| *n <= limit) {
            m.pricing_type = "free_tier";
        } else {
            m.billable = true;
        }
    }

    /// Sets the rate of a billed message from the card in force at `at` (the rules' date), with
    /// authentication-international rates and volume tiers; or says why there is none.
    fn rate(&mut self, m: &mut PricedMessage, era: &Era, at: i64, market: &str) {
        let include_reported = self.opts.include_reported;
        let Some(card) = self.data.card_at(at, &era.model, &self.currency) else {
            m.unpriced(format!("no {} {} card covers {}", self.currency, era.model, day_of(at)));
            return;
        };
        m.card = Some(card.id.clone());
        let Some(rates) = card.rates.get(market) else {
            m.unpriced(format!("card {} has no rates for {market}", card.id));
            return;
        };
        let missing = rates.missing(include_reported);
        if !missing.is_empty() {
            self.incomplete.insert((card.id.clone(), market.to_string()), (card.origin.clone(), missing));
        }
        let per_message_service = m.category == "service" && era.model == "PMP";
        let service_rate = self.opts.service_rate.as_deref().unwrap_or(&era.service_rate);
        let column = match m.category.as_str() {
            "marketing" => 0,
            "utility" => 1,
            "authentication" => 2,
            "service" if per_message_service && rates.service.is_none() && rates.unknown & (1 << 4) == 0 => {
                match service_rate {
                    "utility" => 1,
                    "authentication" => 2,
                    _ => {
                        m.unpriced("service messages are unpriced (`serviceRate: \"unpriced\"`)".into());
                        return;
                    }
                }
            }
            "service" => 4,
            other => {
                m.unpriced(format!("no card column prices `{other}` messages"));
                return;
            }
        };
        let mut column = column;
        if column == 2 && self.opts.authentication_international {
            let started = self.data.auth_intl.get(market).is_some_and(|start| at >= *start);
            if started && rates.get(3, include_reported) != Err(false) {
                column = 3;
                m.category = "authentication-international".into();
            }
        }
        let mut rate = match rates.get(column, include_reported) {
            Ok(r) => r,
            Err(known_change) => {
                let name = COLUMNS[column].replace('_', "-");
                let bit = 1u8 << column;
                let reason = if !known_change {
                    format!("card {} has no {name} rate for {market}", card.id)
                } else if rates.unknown & bit == 0 && rates.reported & bit != 0 {
                    format!(
                        "{market}'s {name} rate of {} is only reported by providers ({} {}); pass `includeReported` to use it",
                        rates.value(column).map_or(0.0, to_decimal),
                        card.id,
                        card.origin
                    )
                } else {
                    format!(
                        "{market}'s {name} rate changed on {}; the new rate is not in the data ({})",
                        day_of(card.effective),
                        card.origin
                    )
                };
                m.unpriced(reason);
                return;
            }
        };
        // Volume tiers: utility and authentication, per month, market and category.
        let base = if per_message_service { COLUMNS[column] } else { m.category.as_str() };
        let tiered = if base == "authentication-international" { "authentication" } else { base };
        if era.model == "PMP" && matches!(tiered, "utility" | "authentication") && !per_message_service {
            let key = format!("{market}/{tiered}");
            let seed = self.opts.month_to_date.get(&key).copied().unwrap_or(0);
            let count = self.tier_counts.entry((month_of(at), market.to_string(), tiered.to_string())).or_insert(seed);
            *count += 1;
            let n = *count;
            let band =
                self.bands.iter().find(|b| b.covers(tiered, market) && n >= b.from && b.to.is_none_or(|to| n <= to));
            if let Some(b) = band {
                rate = match (b.rate, b.discount) {
                    (Some(fixed), _) => to_micros(fixed),
                    (None, Some(d)) => ((rate as f64) * (1.0 - d)).round() as i64,
                    (None, None) => rate,
                };
            }
        }
        m.rate_micros = Some(rate);
        m.rate = Some(to_decimal(rate));
    }

    /// The notices of everything priced so far.
    fn notices(&self) -> Vec<Notice> {
        let mut out: Vec<Notice> =
            self.latest.and_then(|t| self.data.staleness(t, &self.currency)).into_iter().collect();
        if self.disputed_allowance {
            out.push(Notice {
                kind: "disputed_allowance",
                message: "service messages are billed from the first of the month: a free tier of 1,000 per business phone number and month is quoted from Meta's pricing page but not confirmed; pass `freeServiceMessagesPerMonth: 1000` to apply it".into(),
                file: Some("data/pricing-eras.json".into()),
                checked: None,
                card: None,
                market: None,
                missing: Vec::new(),
            });
        }
        for ((card, market), (origin, missing)) in &self.incomplete {
            out.push(Notice {
                kind: "incomplete_card",
                message: format!(
                    "card {card} ({origin}) lacks {market}'s {} rate{}: messages billed at {} are unpriced",
                    missing.iter().map(|c| c.replace('_', "-")).collect::<Vec<_>>().join(", "),
                    if missing.len() == 1 { "" } else { "s" },
                    if missing.len() == 1 { "it" } else { "them" },
                ),
                file: Some(origin.clone()),
                checked: (origin == "data/rates.json").then(|| self.data.rates_checked.clone()),
                card: Some(card.clone()),
                market: Some(market.clone()),
                missing: missing.clone(),
            });
        }
        out
    }
}

/// Who an outbound event goes to, for pricing: the market, or why it cannot be sent.
fn recipient_market(
    data: &PricingData,
    opts: &PriceOptions,
    e: &Event,
    at: i64,
) -> Result<Option<String>, (&'static str, u32)> {
    let to = e.to.as_deref().unwrap_or_default().trim();
    if let Some(m) = &e.market {
        return Ok(Some(m.clone()));
    }
    if is_user_id(to) {
        return Ok(opts.markets.get(to).cloned());
    }
    data.market_of(to, at).map(Some).map_err(|_| ("invalid_number", 100))
}

/// [`price_timeline`] with other pricing data.
pub fn price_with(data: &PricingData, timeline: &Timeline, opts: &PriceOptions) -> Result<PriceReport, InputError> {
    let currency = timeline.currency.clone().unwrap_or_else(|| "USD".into());
    let mut meter = Meter::new(data, opts, &currency, "INVALID_TIMELINE")?;
    let mut timed = Vec::with_capacity(timeline.events.len());
    for (i, e) in timeline.events.iter().enumerate() {
        let at = parse_time(&e.at).map_err(|m| InputError::new("INVALID_TIMELINE", format!("events[{i}].at: {m}")))?;
        if let Some(m) = e.market.as_deref().filter(|m| !data.is_market(m)) {
            return Err(InputError::new(
                "INVALID_TIMELINE",
                format!("events[{i}].market: `{m}` is not a market of data/markets.json"),
            ));
        }
        timed.push((at, i));
    }
    timed.sort();
    let mut users: HashMap<String, UserState> = HashMap::new();
    let mut next_conversation = 1;
    let mut messages = Vec::new();
    for (at, i) in timed {
        let e = &timeline.events[i];
        let user = users.entry(e.user()).or_default();
        user.consent.record(e);
        if e.direction == Direction::Inbound || matches!(e.kind(), "opt_in" | "opt_out") {
            user.window.record(e, at);
            continue;
        }
        let rules_at = meter.rules_at(at);
        let number = e.to.as_deref().unwrap_or_default();
        let is_template = e.kind() == "template";
        let era = data.era_at(rules_at, opts.include_reported).cloned();
        let is_agent = e.kind() == "business_agent" && rules_at >= data.business_agent_from;
        let category = if is_template {
            e.category.as_deref().unwrap_or("marketing").to_ascii_lowercase()
        } else if is_agent {
            "business_agent".to_string()
        } else {
            "service".to_string()
        };
        let model = era.as_ref().map(|e| e.model.clone());
        let market = match recipient_market(data, opts, e, rules_at) {
            Ok(m) => m,
            // A number that is not an international one cannot be delivered, nor priced.
            Err((kind, code)) => {
                messages.push(PricedMessage {
                    allowed: false,
                    pricing_type: kind,
                    error_code: Some(code),
                    ..PricedMessage::new(i, model, category, None)
                });
                continue;
            }
        };
        let window_open = user.window.window(at).open;
        let fep = user.window.free_entry_point(at).is_some_and(|f| f.open) || user.window.entry_point_pending(at);
        let mut m = PricedMessage::new(i, model, category.clone(), market.clone());
        // May it be sent at all?
        let refusal = if !is_template && !window_open {
            Some(("outside_window", 131047))
        } else if is_template && category == "authentication" && is_user_id(number.trim()) {
            Some(("user_id_not_allowed", 131062))
        } else if is_template {
            match user.consent.allows(&category, number, rules_at) {
                Ok(()) => None,
                Err(Refusal::OptedOut(_)) => Some(("opted_out", 0)),
                Err(Refusal::MarketingStopped) => Some(("marketing_stopped", 131050)),
                Err(Refusal::UsMarketingPaused) => Some(("us_marketing_paused", 131049)),
            }
        } else {
            None
        };
        if let Some((kind, code)) = refusal {
            m.allowed = false;
            m.pricing_type = kind;
            m.error_code = (code != 0).then_some(code);
            messages.push(m);
            continue;
        }
        if let Some(era) = &era {
            let month = month_of(at);
            match era.model.as_str() {
                "NBP" => {
                    m.category = if is_template { "notification".into() } else { "service".into() };
                    m.billable = is_template;
                    if is_template {
                        m.unpriced("the data has no notification-era rates (before 2022-02-01)".into());
                    } else {
                        m.pricing_type = "free_customer_service";
                    }
                }
                "CBP" => {
                    user.conversations.retain(|c| c.until > at);
                    let riding = user
                        .conversations
                        .iter()
                        .find(|c| c.free_entry_point || !era.categories || !is_template || c.category == category);
                    if let Some(c) = riding {
                        m.conversation = Some(c.id.clone());
                        m.pricing_type = if c.free_entry_point { "free_entry_point" } else { "conversation_open" };
                        m.category = c.category.clone();
                    } else {
                        let id = format!("c{next_conversation}");
                        next_conversation += 1;
                        let conv_category = if !era.categories {
                            if window_open { "user_initiated" } else { "business_initiated" }.to_string()
                        } else {
                            category.clone()
                        };
                        let until = at + if fep { FREE_ENTRY_POINT_SECONDS } else { WINDOW_SECONDS };
                        m.conversation = Some(id.clone());
                        m.category = conv_category.clone();
                        if fep {
                            m.pricing_type = "free_entry_point";
                            // A free-entry-point conversation closes the others.
                            user.conversations.clear();
                        } else if let Some(limit) = era.free_conversations_per_month {
                            meter.allowance(&month, "conversations", Some(limit), &mut m);
                        } else if conv_category == "service" {
                            if era.service_free {
                                m.pricing_type = "free_customer_service";
                            } else {
                                let limit = era.free_service_conversations_per_month;
                                meter.allowance(&month, "service_conversations", limit, &mut m);
                            }
                        } else {
                            m.billable = true;
                        }
                        user.conversations.push(Conversation {
                            id,
                            category: conv_category,
                            until,
                            free_entry_point: fep,
                        });
                    }
                }
                _ => {
                    // Per-message pricing.
                    if is_agent {
                        // Not free inside the window nor a free entry point.
                        m.billable = true;
                        m.pricing_type = "per_token";
                        m.reason = Some(format!(
                            "Meta Business Agent messages are billed per token since {} (USD {} per million tokens), and a send request does not say how many tokens a message used",
                            day_of(data.business_agent_from),
                            data.business_agent_usd_per_million_tokens
                        ));
                    } else if fep {
                        m.pricing_type = "free_entry_point";
                    } else if !is_template {
                        if era.service_billed {
                            let limit = opts.free_service_messages_per_month.or(era.free_service_messages_per_month);
                            meter.allowance(&month, "service_messages", limit, &mut m);
                            meter.disputed_allowance |= opts.free_service_messages_per_month.is_none();
                        } else {
                            m.pricing_type = "free_customer_service";
                        }
                    } else if category == "utility" && window_open && era.utility_free_in_window {
                        m.pricing_type = "free_customer_service";
                    } else {
                        m.billable = true;
                    }
                }
            }
            if m.billable && m.pricing_type == "regular" {
                match &market {
                    Some(market) => meter.rate(&mut m, era, rules_at, market),
                    None => m.unpriced(format!(
                        "`{}` is a business-scoped user ID, which carries no calling code: give its `market`",
                        number.trim()
                    )),
                }
            }
        }
        user.window.record(e, at);
        messages.push(m);
    }
    let total_micros: i64 = messages.iter().filter_map(|m| m.rate_micros).sum();
    let unpriced = messages.iter().filter(|m| m.billable && m.rate_micros.is_none()).count();
    let notices = meter.notices();
    Ok(PriceReport { messages, total: to_decimal(total_micros), currency, unpriced, notices })
}

/// One template sent to many recipients: recipients per market and the cost.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CampaignLine {
    pub market: String,
    pub recipients: u64,
    pub rate: Option<f64>,
    pub cost: f64,
    /// Why the market has no rate.
    pub reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Campaign {
    pub category: String,
    pub pricing_model: Option<String>,
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
                ..PricedMessage::new(0, Some(era.model.clone()), category.clone(), Some(market.clone()))
            };
            let seed = opts.month_to_date.get(&format!("{market}/{category}")).copied().unwrap_or(0);
            let tiered = era.model == "PMP"
                && matches!(category.as_str(), "utility" | "authentication")
                && meter.bands.iter().any(|b| b.covers(&category, market));
            let mut sent = 0u64;
            while sent < count {
                m.category = category.clone();
                meter.rate(&mut m, era, at, market);
                // Walk the tier bands rather than the messages: each band has one rate.
                let in_band = if tiered {
                    let n = seed + sent + 1;
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
                meter.tier_counts.insert((month_of(at), market.clone(), category.clone()), seed + sent);
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
        recipients: per_market.values().sum(),
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
    let mut per_market: BTreeMap<String, u64> = BTreeMap::new();
    let mut invalid = 0;
    for n in numbers {
        match DATA.market_of(n, at) {
            Ok(m) => *per_market.entry(m).or_default() += 1,
            Err(_) => invalid += 1,
        }
    }
    (per_market, invalid)
}

// Tests only: the unwraps below are assertions on fixed inputs, compiled under cfg(test) and
// never into the library, so no user input reaches them.
#[cfg(test)]
mod tests {
    use super::*;

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
    fn rate_cards_from_meta_csv_layout() {
        let csv = "Cost per conversation in USD, effective June 1, 2023\n\
                   Market,Marketing,Utility,Authentication,Authentication-International,Service\n\
                   Indonesia,$0.0411,$0.0200,$0.0300,$0.1360,$0.0190\n\
                   Malaysia,0.0860,0.0200,0.0180,n/a,0.0220\n\
                   Atlantis,0.5,0.5,0.5,,0.5\n";
        let (card, warnings) = card_from_csv(csv, None, None, None).unwrap();
        assert_eq!((card.model.as_str(), card.currency.as_str(), card.effective), ("CBP", "USD", t("2023-06-01")));
        assert_eq!(card.rates["Indonesia"].authentication_international, Some(136_000));
        assert_eq!(card.rates["Malaysia"].authentication_international, None);
        assert_eq!(card.rates["Malaysia"].service, Some(22_000));
        assert_eq!(warnings.len(), 1, "{warnings:?}"); // Atlantis is no market
        let eur = "Market,Currency,Marketing,Utility,Authentication,Authentication-International,Service\n\
                   Italy,EUR,0.0658,0.0248,0.0248,n/a,0.0248\n";
        let (card, _) = card_from_csv(eur, Some("eur-2026-07"), Some("2026-07-01"), Some("PMP")).unwrap();
        assert_eq!((card.currency.as_str(), card.rates["Italy"].marketing), ("EUR", Some(65_800)));
        assert!(card_from_csv("Market,Marketing\n", None, Some("2026-01-01"), None).is_err());
        // The 2026 layout: notes above the header, a line break inside a quoted header cell,
        // the currency written `$US`, a Meta Business Agent column, thousands in quotes.
        let csv2026 = "Cost per message in USD on the WhatsApp Business Platform, effective October 1, 2026\n\
                       Rates are per delivered message.\n\
                       \n\
                       Market,Currency,Marketing,Utility,Authentication,\"Authentication-\nInternational\",Service,Meta Business Agent\n\
                       India,$US,0.0118,0.0014,0.0014,0.0304,0.0014,\"$2.00 USD / 1 M (million) tokens\"\n\
                       Bangladesh,$US,0.0732,0.0037,0.0037,n/a,0.0037,\"$2.00 USD / 1 M (million) tokens\"";
        let (card, warnings) = card_from_csv(csv2026, None, None, None).unwrap();
        assert_eq!((card.model.as_str(), card.currency.as_str()), ("PMP", "USD"));
        assert_eq!(card.effective, t("2026-10-01"));
        assert_eq!(card.rates["India"].authentication_international, Some(30_400));
        assert_eq!(card.rates["Bangladesh"].service, Some(3_700));
        assert!(warnings.is_empty(), "{warnings:?}");
        let idr = "Cost per message in IDR on the WhatsApp Business Platform, effective April 1, 2026\n\
                   Market;Currency;Marketing;Utility\nIndonesia;RP;\"1.940,13\";356,25\n";
        let (card, _) = card_from_csv(idr, None, None, None).unwrap();
        assert_eq!((card.currency.as_str(), card.rates["Indonesia"].marketing), ("IDR", Some(1_940_130_000)));
        assert_eq!(card.rates["Indonesia"].utility, Some(356_250_000));
        assert!(card_from_csv("no header here", None, Some("2026-01-01"), None).is_err());
        assert!(card_from_csv("PK\u{3}\u{4}\u{14}\0", None, None, None).unwrap_err().contains("XLSX"));
    }

    #[test]
    fn eras_and_cards_by_date() {
        assert_eq!(DATA.era_at(t("2021-06-01"), false).unwrap().model, "NBP");
        assert_eq!(DATA.era_at(t("2023-06-01"), false).unwrap().id, "conversation-categories");
        assert_eq!(DATA.era_at(t("2026-09-30"), false).unwrap().id, "per-message");
        // Announced by Meta with a date: the default from that date.
        assert_eq!(DATA.era_at(t("2026-10-01"), false).unwrap().id, "service-billed");
        assert!(DATA.card_at(t("2022-06-01"), "CBP", "USD").is_none());
        assert_eq!(DATA.card_at(t("2025-08-01"), "PMP", "USD").unwrap().id, "pmp-2025-07-01");
        assert_eq!(DATA.card_at(t("2025-08-01"), "CBP", "USD").unwrap().id, "cbp-2024-11-01");
        assert!(DATA.card_at(t("2025-08-01"), "PMP", "EUR").is_none());
        assert_eq!(DATA.card_at(t("2026-11-20"), "PMP", "USD").unwrap().id, "pmp-2026-10-01");
    }

    #[test]
    fn a_card_keeps_its_base_except_the_cells_it_lists() {
        let data = PricingData::from_json(
            include_str!(concat!(env!("OUT_DIR"), "/data/markets.json")),
            r#"{"last_checked": "2026-12-01", "currencies": [{"code": "USD"}], "cards": [
                {"id": "b", "effective": "2026-01-01", "model": "PMP", "currency": "USD",
                 "rates": {"Italy": {"marketing": 0.07, "utility": 0.03}, "Spain": {"marketing": 0.06}}},
                {"id": "c", "effective": "2026-04-01", "model": "PMP", "currency": "USD", "base": "b",
                 "rates": {"Italy": {"marketing": null, "utility": {"rate": 0.04, "confidence": "reported"}},
                           "Oman": {"utility": 0.02}}}]}"#,
            include_str!(concat!(env!("OUT_DIR"), "/data/pricing-eras.json")),
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
            include_str!(concat!(env!("OUT_DIR"), "/data/markets.json")),
            bad,
            include_str!(concat!(env!("OUT_DIR"), "/data/pricing-eras.json"))
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

    #[test]
    fn amounts_in_any_currency_notation() {
        for (cell, want) in [
            ("$0.0411", "0.0411"),
            ("R$ 0,3125", "0.3125"),
            ("S/0.0810", "0.0810"),
            ("RM 0.0860", "0.0860"),
            ("Rp 586.33", "586.33"),
            ("1,940.13", "1940.13"),
            ("1.940,13", "1940.13"),
            ("0.2688 AED", "0.2688"),
            (".05", ".05"),
        ] {
            assert_eq!(amount(cell), want, "{cell}");
        }
        for bad in ["abc", "-0.5", "- 0.5"] {
            assert!(amount(bad).parse::<f64>().map_or(true, |v| v < 0.0), "{bad}");
        }
    }

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
