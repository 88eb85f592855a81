//! What messages cost: the recipient's market, the rate cards and the pricing eras (all data:
//! `data/markets.json`, `data/rates.json`, `data/pricing-eras.json`), and the engine that walks a
//! timeline of messages and says, for each outbound one, whether it may be sent, whether it is
//! billed, under which model and category, and at what rate. Money is kept in integer
//! micro-units of the card's currency (USD) and turned into decimals only at the edge.

use std::collections::{BTreeMap, HashMap};
use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

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

#[derive(Deserialize, Default, Clone, Copy)]
struct RatesData {
    marketing: Option<f64>,
    utility: Option<f64>,
    authentication: Option<f64>,
    authentication_international: Option<f64>,
    service: Option<f64>,
}

#[derive(Deserialize)]
struct CardData {
    id: String,
    effective: String,
    model: String,
    currency: String,
    rates: BTreeMap<String, RatesData>,
}

#[derive(Deserialize)]
struct RatesFile {
    cards: Vec<CardData>,
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
    service_billed_as: Option<String>,
    free_service_messages_per_month: Option<u32>,
}

#[derive(Deserialize)]
struct AuthIntlData {
    markets: BTreeMap<String, String>,
}

#[derive(Deserialize)]
struct ErasFile {
    eras: Vec<EraData>,
    authentication_international: AuthIntlData,
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
    pub service_billed_as_utility: bool,
    pub free_service_messages_per_month: Option<u32>,
}

/// One market's rates in a card, in micro-units.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Rates {
    pub marketing: Option<i64>,
    pub utility: Option<i64>,
    pub authentication: Option<i64>,
    pub authentication_international: Option<i64>,
    pub service: Option<i64>,
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
}

/// The pricing data: markets, cards and eras.
#[derive(Clone)]
pub struct PricingData {
    prefixes: HashMap<String, String>,
    other: String,
    /// (prefix, market, until): earlier assignments of a prefix.
    changes: Vec<(String, String, i64)>,
    pub cards: Vec<Card>,
    pub eras: Vec<Era>,
    auth_intl: HashMap<String, i64>,
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
        let changes = m
            .changes
            .iter()
            .map(|c| Ok((c.prefix.clone(), c.market.clone(), parse_time(&c.until)? + 86_399)))
            .collect::<Result<_, String>>()?;
        let mut cards = Vec::new();
        for c in r.cards {
            let rates = c
                .rates
                .into_iter()
                .map(|(market, x)| {
                    let m = |v: Option<f64>| v.map(to_micros);
                    (
                        market,
                        Rates {
                            marketing: m(x.marketing),
                            utility: m(x.utility),
                            authentication: m(x.authentication),
                            authentication_international: m(x.authentication_international),
                            service: m(x.service),
                        },
                    )
                })
                .collect();
            cards.push(Card {
                id: c.id,
                effective: parse_time(&c.effective)?,
                model: c.model,
                currency: c.currency,
                rates,
            });
        }
        cards.sort_by_key(|c| c.effective);
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
                service_billed_as_utility: x.service_billed_as.as_deref() == Some("utility"),
                free_service_messages_per_month: x.free_service_messages_per_month,
            });
        }
        eras.sort_by_key(|e| e.from);
        let auth_intl = e
            .authentication_international
            .markets
            .iter()
            .map(|(k, v)| Ok((k.clone(), parse_time(v)?)))
            .collect::<Result<_, String>>()?;
        Ok(PricingData { prefixes, other: m.other, changes, cards, eras, auth_intl })
    }

    /// The recipient's market at `at`: the longest matching calling-code prefix, else Other.
    pub fn market_of(&self, number: &str, at: i64) -> Result<String, String> {
        let digits = e164_digits(number)?;
        for len in (1..=4).rev() {
            let Some(prefix) = digits.get(..len) else { continue };
            if let Some((_, market, _)) = self.changes.iter().find(|(p, _, until)| p == prefix && at <= *until) {
                return Ok(market.clone());
            }
            if let Some(m) = self.prefixes.get(prefix) {
                return Ok(m.clone());
            }
        }
        Ok(self.other.clone())
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
    let rows: Vec<Vec<String>> = csv.lines().map(csv_fields).collect();
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
    let header: Vec<String> = rows[header_at].iter().map(|f| f.to_ascii_lowercase().replace(['_', ' '], "-")).collect();
    let col = |names: &[&str]| header.iter().position(|h| names.iter().any(|n| h.starts_with(n)));
    let market_col = col(&["market", "country"]).ok_or("no Market column")?;
    let ai_col = col(&["authentication-international", "auth-intl", "authentication-intl"]);
    let auth_col = header.iter().enumerate().position(|(i, h)| h.starts_with("authentication") && Some(i) != ai_col);
    let cols = [col(&["marketing"]), col(&["utility"]), auth_col, ai_col, col(&["service"])];
    let currency_col = col(&["currency"]);
    let mut currency = ["USD", "EUR", "INR", "BRL", "GBP", "IDR", "MXN", "AED"]
        .iter()
        .find(|c| title.contains(&format!("in {c}")))
        .map(|c| c.to_string());
    let mut rates = HashMap::new();
    let mut warnings = Vec::new();
    for (n, row) in rows.iter().enumerate().skip(header_at + 1) {
        let Some(market) = row.get(market_col).map(|m| m.trim()).filter(|m| !m.is_empty()) else { continue };
        if let Some(c) =
            currency_col.and_then(|i| row.get(i)).map(|c| c.trim().to_ascii_uppercase()).filter(|c| !c.is_empty())
        {
            if currency.as_deref().is_some_and(|cur| cur != c) {
                return Err(format!("line {}: currency {c} differs from {}", n + 1, currency.unwrap_or_default()));
            }
            currency = Some(c);
        }
        let mut values = [None; 5];
        for (k, c) in cols.iter().enumerate() {
            let Some(cell) = c.and_then(|i| row.get(i)) else { continue };
            let cell = cell.trim().trim_start_matches(['$', '€', '£', '₹']).trim();
            if cell.is_empty() || matches!(cell.to_ascii_lowercase().as_str(), "n/a" | "na" | "-" | "—") {
                continue;
            }
            match cell.parse::<f64>() {
                Ok(v) if v >= 0.0 => values[k] = Some(to_micros(v)),
                _ => warnings.push(format!("line {}: `{cell}` is not a rate", n + 1)),
            }
        }
        if !DATA.prefixes.values().any(|m| m == market) && market != DATA.other {
            warnings.push(format!(
                "line {}: `{market}` is not a market of data/markets.json; its rates are kept under that name",
                n + 1
            ));
        }
        let [marketing, utility, authentication, authentication_international, service] = values;
        rates.insert(
            market.to_string(),
            Rates { marketing, utility, authentication, authentication_international, service },
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
    Ok((Card { id, effective, model, currency, rates }, warnings))
}

fn csv_fields(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                cur.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            ',' | ';' if !quoted => out.push(std::mem::take(&mut cur)),
            _ => cur.push(c),
        }
    }
    out.push(cur);
    out.into_iter().map(|f| f.trim().to_string()).collect()
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
        include_str!("../data/markets.json"),
        include_str!("../data/rates.json"),
        include_str!("../data/pricing-eras.json"),
    )
    // Parsed by a test; should it ever fail, no market, card or era is known.
    .unwrap_or(PricingData {
        prefixes: HashMap::new(),
        other: "Other".into(),
        changes: Vec::new(),
        cards: Vec::new(),
        eras: Vec::new(),
        auth_intl: HashMap::new(),
    })
});

/// The digits of an E.164 number, or why it is not one.
pub fn e164_digits(number: &str) -> Result<String, String> {
    let trimmed = number.trim();
    if let Some(c) = trimmed.chars().find(|c| !(c.is_ascii_digit() || matches!(c, '+' | ' ' | '-' | '(' | ')' | '.'))) {
        return Err(format!("`{number}` is not a phone number: it contains `{c}`"));
    }
    if trimmed.chars().skip(1).any(|c| c == '+') {
        return Err(format!("`{number}` is not a phone number: `+` stands only at the start"));
    }
    let digits: String = trimmed.chars().filter(char::is_ascii_digit).collect();
    if digits.starts_with('0') {
        return Err(format!("`{number}` starts with 0: write it with its country code, without the trunk prefix"));
    }
    if !(8..=15).contains(&digits.len()) {
        return Err(format!("`{number}` has {} digits; an international number has 8 to 15", digits.len()));
    }
    Ok(digits)
}

/// A volume tier: messages `from`..=`to` of a month (per market and category) cost `rate`, or
/// the card rate less `discount`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tier {
    /// `utility` or `authentication`.
    pub category: String,
    /// A market, or every market when missing.
    #[serde(default)]
    pub market: Option<String>,
    pub from: u64,
    #[serde(default)]
    pub to: Option<u64>,
    #[serde(default)]
    pub rate: Option<f64>,
    #[serde(default)]
    pub discount: Option<f64>,
}

/// Options of the engine.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct PriceOptions {
    /// Apply eras only reported by providers (the 2026-10-01 changes).
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
    /// `marketing`, `utility`, `authentication`, `authentication-international`, `service`, and
    /// for 2022 conversations `business_initiated` / `user_initiated`.
    pub category: String,
    /// Rate in the currency; `None` when free, not allowed, or when the data has no rate.
    pub rate: Option<f64>,
    /// Why it is free or not allowed: `free_customer_service`, `free_entry_point`,
    /// `free_tier`, `conversation_open`, `outside_window`, `opted_out`, `marketing_stopped`,
    /// `us_marketing_paused`, `invalid_number`, `no_rate`, `regular`.
    #[serde(rename = "type")]
    pub pricing_type: &'static str,
    /// The conversation it belongs to (conversation-based pricing).
    pub conversation: Option<String>,
    pub market: Option<String>,
    /// The rate card used.
    pub card: Option<String>,
    /// The Cloud API error a refused send would get.
    pub error_code: Option<u32>,
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
            rate_micros: None,
        }
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

/// A timeline document: `{"events": [...], "currency": "USD"}`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Timeline {
    pub events: Vec<Event>,
    #[serde(default)]
    pub currency: Option<String>,
}

/// Walks a timeline and prices every outbound message.
pub fn price_timeline(timeline: &Timeline, opts: &PriceOptions) -> Result<PriceReport, InputError> {
    if opts.rate_cards.is_empty() {
        return price_with(&DATA, timeline, opts);
    }
    let mut cards = Vec::new();
    for (i, c) in opts.rate_cards.iter().enumerate() {
        let (card, _) = card_from_csv(&c.csv, c.id.as_deref(), c.effective.as_deref(), c.model.as_deref())
            .map_err(|e| InputError::new("INVALID_OPTIONS", format!("rateCards[{i}]: {e}")))?;
        cards.push(card);
    }
    price_with(&DATA.with_cards(cards), timeline, opts)
}

/// Counts `m` against a monthly free allowance (`key` names the counter and its `monthToDate`
/// seed): free while the month's count stays within `limit`, billable after (or without one).
fn monthly_allowance(
    monthly: &mut HashMap<(String, &'static str), u32>,
    opts: &PriceOptions,
    month: &str,
    key: &'static str,
    limit: Option<u32>,
    m: &mut PricedMessage,
) {
    let seed = opts.month_to_date.get(key).copied().unwrap_or(0) as u32;
    let n = monthly.entry((month.to_string(), key)).or_insert(seed);
    *n += 1;
    if limit.is_some_and(|limit| *n <= limit) {
        m.pricing_type = "free_tier";
    } else {
        m.billable = true;
    }
}

/// [`price_timeline`] with other pricing data.
pub fn price_with(data: &PricingData, timeline: &Timeline, opts: &PriceOptions) -> Result<PriceReport, InputError> {
    let currency = timeline.currency.clone().unwrap_or_else(|| "USD".into());
    if !data.cards.iter().any(|c| c.currency == currency) {
        return Err(InputError::new(
            "INVALID_TIMELINE",
            format!("no rate card in `{currency}`: the shipped cards are in USD; load one with `rateCards`"),
        ));
    }
    let mut timed = Vec::with_capacity(timeline.events.len());
    for (i, e) in timeline.events.iter().enumerate() {
        let at = parse_time(&e.at).map_err(|m| InputError::new("INVALID_TIMELINE", format!("events[{i}].at: {m}")))?;
        timed.push((at, i));
    }
    timed.sort();
    let mut users: HashMap<String, UserState> = HashMap::new();
    let mut monthly: HashMap<(String, &'static str), u32> = HashMap::new();
    let mut tier_counts: HashMap<(String, String, String), u64> = HashMap::new();
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
        let number = e.to.as_deref().unwrap_or_default();
        let is_template = e.kind() == "template";
        let category = if is_template {
            e.category.as_deref().unwrap_or("marketing").to_ascii_lowercase()
        } else {
            "service".to_string()
        };
        let era = data.era_at(at, opts.include_reported).cloned();
        // A number that is not an international one cannot be delivered, nor priced.
        let Ok(market) = data.market_of(number, at) else {
            messages.push(PricedMessage {
                allowed: false,
                pricing_type: "invalid_number",
                error_code: Some(100),
                ..PricedMessage::new(i, era.as_ref().map(|e| e.model.clone()), category, None)
            });
            continue;
        };
        let window_open = user.window.window(at).open;
        let fep = user.window.free_entry_point(at).is_some_and(|f| f.open) || user.window.entry_point_pending(at);
        let mut m =
            PricedMessage::new(i, era.as_ref().map(|e| e.model.clone()), category.clone(), Some(market.clone()));
        // May it be sent at all?
        let refusal = if !is_template && !window_open {
            Some(("outside_window", 131047))
        } else if is_template {
            match user.consent.allows(&category, number, at) {
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
                    m.pricing_type = if is_template { "no_rate" } else { "free_customer_service" };
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
                            monthly_allowance(&mut monthly, opts, &month, "conversations", Some(limit), &mut m);
                        } else if conv_category == "service" {
                            if era.service_free {
                                m.pricing_type = "free_customer_service";
                            } else {
                                let limit = era.free_service_conversations_per_month;
                                monthly_allowance(&mut monthly, opts, &month, "service_conversations", limit, &mut m);
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
                    if fep {
                        m.pricing_type = "free_entry_point";
                    } else if !is_template {
                        if era.service_billed_as_utility {
                            let limit = era.free_service_messages_per_month;
                            monthly_allowance(&mut monthly, opts, &month, "service_messages", limit, &mut m);
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
            if m.billable {
                set_rate(data, &mut m, era, at, &market, opts, &mut tier_counts, &month, &currency);
            }
        }
        user.window.record(e, at);
        messages.push(m);
    }
    let total_micros: i64 = messages.iter().filter_map(|m| m.rate_micros).sum();
    let unpriced = messages.iter().filter(|m| m.billable && m.rate_micros.is_none()).count();
    Ok(PriceReport { messages, total: to_decimal(total_micros), currency, unpriced })
}

#[allow(clippy::too_many_arguments)] // one message's whole context; a struct would only rename it
fn set_rate(
    data: &PricingData,
    m: &mut PricedMessage,
    era: &Era,
    at: i64,
    market: &str,
    opts: &PriceOptions,
    tier_counts: &mut HashMap<(String, String, String), u64>,
    month: &str,
    currency: &str,
) {
    let Some(card) = data.card_at(at, &era.model, currency) else {
        m.pricing_type = "no_rate";
        return;
    };
    m.card = Some(card.id.clone());
    let Some(rates) = card.rates.get(market) else {
        m.pricing_type = "no_rate";
        return;
    };
    let base_category =
        if m.category == "service" && era.model == "PMP" { "utility".to_string() } else { m.category.clone() };
    let mut rate = match base_category.as_str() {
        "marketing" => rates.marketing,
        "utility" => rates.utility,
        "authentication" => rates.authentication,
        "service" => rates.service,
        _ => None,
    };
    if base_category == "authentication" && opts.authentication_international {
        let started = data.auth_intl.get(market).is_some_and(|start| at >= *start);
        if started && rates.authentication_international.is_some() {
            rate = rates.authentication_international;
            m.category = "authentication-international".into();
        }
    }
    // Volume tiers: utility and authentication, per month, market and category.
    if era.model == "PMP" && matches!(base_category.as_str(), "utility" | "authentication") {
        let key = format!("{market}/{base_category}");
        let count = tier_counts
            .entry((month.to_string(), market.to_string(), base_category.clone()))
            .or_insert_with(|| opts.month_to_date.get(&key).copied().unwrap_or(0));
        *count += 1;
        let n = *count;
        let tier = opts.tiers.iter().find(|t| {
            t.category.eq_ignore_ascii_case(&base_category)
                && t.market.as_deref().is_none_or(|tm| tm == market)
                && n >= t.from
                && t.to.is_none_or(|to| n <= to)
        });
        if let (Some(t), Some(r)) = (tier, rate) {
            rate = Some(match (t.rate, t.discount) {
                (Some(fixed), _) => to_micros(fixed),
                (None, Some(d)) => ((r as f64) * (1.0 - d)).round() as i64,
                (None, None) => r,
            });
        }
    }
    match rate {
        Some(r) => {
            m.rate_micros = Some(r);
            m.rate = Some(to_decimal(r));
        }
        None => m.pricing_type = "no_rate",
    }
}

/// One template sent to many recipients: recipients per market and the cost.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CampaignLine {
    pub market: String,
    pub recipients: u64,
    pub rate: Option<f64>,
    pub cost: f64,
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
}

/// The cost of sending one template of `category` at `at` to recipients counted per market
/// (outside any window, so utility is billed), with volume tiers.
pub fn estimate_campaign(
    category: &str,
    per_market: &BTreeMap<String, u64>,
    invalid: u64,
    at: i64,
    opts: &PriceOptions,
) -> Campaign {
    let era = DATA.era_at(at, opts.include_reported).cloned();
    let category = category.to_ascii_lowercase();
    let mut lines = Vec::new();
    let mut total = 0i64;
    let mut card_id = None;
    for (market, &count) in per_market {
        let mut cost = 0i64;
        let mut rate = None;
        if let Some(era) = &era {
            let month = month_of(at);
            let mut tiers: HashMap<(String, String, String), u64> = HashMap::new();
            let mut m = PricedMessage {
                billable: true,
                ..PricedMessage::new(0, Some(era.model.clone()), category.clone(), Some(market.clone()))
            };
            let tiered = era.model == "PMP"
                && matches!(category.as_str(), "utility" | "authentication")
                && !opts.tiers.is_empty();
            if tiered {
                // Walk the tier bands rather than the messages: each band has one rate.
                let mut sent = 0u64;
                while sent < count {
                    m.category = category.clone();
                    set_rate(&DATA, &mut m, era, at, market, opts, &mut tiers, &month, "USD");
                    let n = opts.month_to_date.get(&format!("{market}/{category}")).copied().unwrap_or(0) + sent + 1;
                    let band_end = opts
                        .tiers
                        .iter()
                        .filter(|t| {
                            t.category.eq_ignore_ascii_case(&category)
                                && t.market.as_deref().is_none_or(|tm| tm == market.as_str())
                        })
                        .filter_map(|t| if t.from > n { Some(t.from - 1) } else { t.to.filter(|to| *to >= n) })
                        .min()
                        .unwrap_or(u64::MAX);
                    let in_band = (band_end - n + 1).min(count - sent);
                    if let Some(r) = m.rate_micros {
                        cost += r * in_band as i64;
                    }
                    rate = rate.or(m.rate);
                    sent += in_band;
                    tiers.insert(
                        (month.clone(), market.clone(), category.clone()),
                        opts.month_to_date.get(&format!("{market}/{category}")).copied().unwrap_or(0) + sent,
                    );
                }
            } else {
                set_rate(&DATA, &mut m, era, at, market, opts, &mut tiers, &month, "USD");
                if let Some(r) = m.rate_micros {
                    cost = r * count as i64;
                }
                rate = m.rate;
            }
            card_id = card_id.or(m.card.clone());
        }
        total += cost;
        lines.push(CampaignLine { market: market.clone(), recipients: count, rate, cost: to_decimal(cost) });
    }
    Campaign {
        category,
        pricing_model: era.map(|e| e.model),
        card: card_id,
        recipients: per_market.values().sum(),
        invalid,
        markets: lines,
        total: to_decimal(total),
        currency: "USD".into(),
    }
}

/// Counts recipients per market.
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
    fn bad_numbers_are_explained() {
        for bad in ["0039 333 1234567", "+39 abc", "+39 12", "39+333", ""] {
            assert!(e164_digits(bad).is_err(), "{bad}");
        }
        assert_eq!(e164_digits("+55 (11) 98765-4321").unwrap(), "5511987654321");
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
        assert!(card_from_csv("no header here", None, Some("2026-01-01"), None).is_err());
    }

    #[test]
    fn eras_and_cards_by_date() {
        assert_eq!(DATA.era_at(t("2021-06-01"), false).unwrap().model, "NBP");
        assert_eq!(DATA.era_at(t("2023-06-01"), false).unwrap().id, "conversation-categories");
        assert_eq!(DATA.era_at(t("2026-11-01"), false).unwrap().id, "per-message");
        assert_eq!(DATA.era_at(t("2026-11-01"), true).unwrap().id, "service-billed");
        assert!(DATA.card_at(t("2022-06-01"), "CBP", "USD").is_none());
        assert_eq!(DATA.card_at(t("2025-08-01"), "PMP", "USD").unwrap().id, "pmp-2025-07-01");
        assert_eq!(DATA.card_at(t("2025-08-01"), "CBP", "USD").unwrap().id, "cbp-2024-11-01");
        assert!(DATA.card_at(t("2025-08-01"), "PMP", "EUR").is_none());
    }
}
