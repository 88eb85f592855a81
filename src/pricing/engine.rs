//! The engine: walks a timeline in time order per user and says, for each outbound message,
//! whether it may be sent, whether it is billed, under which model and category, and at what
//! rate; a `Meter` carries the options, the monthly counts and the notices.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use super::tiers::{bands, Band, Tier};
use super::{card_from_csv, to_decimal, to_micros, Era, Model, Notice, PricingData, RateCardInput, COLUMNS, DATA};
use crate::address::is_user_id;
use crate::consent::{Consent, Refusal};
use crate::input::InputError;
use crate::rules::{payload as payload_rules, sending, Rule};
use crate::window::{Direction, Event, WindowTracker, FREE_ENTRY_POINT_SECONDS, WINDOW_SECONDS};

/// Options of the engine.
#[cfg_attr(test, derive(ts_rs::TS), ts(optional_fields))]
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct PriceOptions {
    /// Use facts only providers report (rates no Meta text states); without it such a rate is
    /// unpriced and a notice says what is reported.
    #[cfg_attr(test, ts(as = "Option<bool>", optional))]
    pub include_reported: bool,
    /// The business qualifies for authentication-international rates.
    #[cfg_attr(test, ts(as = "Option<bool>", optional))]
    pub authentication_international: bool,
    #[cfg_attr(test, ts(as = "Option<Vec<Tier>>", optional))]
    pub tiers: Vec<Tier>,
    /// Rate cards in Meta's CSV layout, loaded at run time (see [`card_from_csv`]).
    #[cfg_attr(test, ts(as = "Option<Vec<RateCardInput>>", optional))]
    pub rate_cards: Vec<RateCardInput>,
    /// What the month already used before the timeline: billed messages per `market/category`
    /// (volume tiers), and `conversations`, `service_conversations`, `service_messages` (free
    /// allowances).
    #[cfg_attr(test, ts(as = "Option<BTreeMap<String, u64>>", optional))]
    pub month_to_date: BTreeMap<String, u64>,
    /// Price under the eras, cards, markets and dated rules in force on this day (`YYYY-MM-DD`
    /// ISO 8601 or epoch milliseconds; Unix seconds here) instead of those of each message's
    /// own time; windows still follow the messages' times.
    #[serde(deserialize_with = "crate::time::as_of")]
    #[cfg_attr(test, ts(type = "TimeInput", optional))]
    pub as_of: Option<i64>,
    /// From 2026-10-01: the card column a service message is billed at when the card has no
    /// service rate (`utility`, the default, `authentication`, or `unpriced`).
    #[cfg_attr(test, ts(type = "\"utility\" | \"authentication\" | \"unpriced\"", optional))]
    pub service_rate: Option<String>,
    /// From 2026-10-01: service messages free each month before billing starts (disputed:
    /// see `data/pricing-eras.json`).
    pub free_service_messages_per_month: Option<u32>,
    /// The pricing market of recipients given as business-scoped user IDs, which carry no
    /// calling code: `{"US.13491208655302741918": "North America"}`.
    #[cfg_attr(test, ts(as = "Option<BTreeMap<String, String>>", optional))]
    pub markets: BTreeMap<String, String>,
}

/// The verdict on one outbound message.
#[cfg_attr(test, derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PricedMessage {
    /// Index of the event in the timeline.
    pub event: usize,
    pub allowed: bool,
    pub billable: bool,
    /// `NBP`, `CBP` or `PMP`; `None` before any known era.
    pub pricing_model: Option<Model>,
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
    pub(super) fn new(event: usize, pricing_model: Option<Model>, category: String, market: Option<String>) -> Self {
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
#[cfg_attr(test, derive(ts_rs::TS))]
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

pub(super) fn month_of(at: i64) -> String {
    crate::window::format_time(at)[..7].to_string()
}

fn day_of(at: i64) -> String {
    crate::window::format_time(at)[..10].to_string()
}

/// A timeline document: `{"events": [...], "currency": "USD"}`; `currency` is USD (the shipped
/// cards) or the currency of a card passed in `rateCards`.
#[cfg_attr(test, derive(ts_rs::TS), ts(optional_fields))]
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Timeline {
    pub events: Vec<Event>,
    #[serde(default)]
    pub currency: Option<String>,
}

/// The shipped data with the caller's cards (`rateCards`), or `None` when there are none.
pub(super) fn with_loaded_cards(opts: &PriceOptions) -> Result<Option<PricingData>, InputError> {
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
pub(super) struct Meter<'a> {
    data: &'a PricingData,
    opts: &'a PriceOptions,
    pub(super) bands: Vec<Band>,
    currency: String,
    as_of: Option<i64>,
    monthly: HashMap<(String, &'static str), u32>,
    pub(super) tier_counts: HashMap<(String, String, String), u64>,
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
    pub(super) fn new(
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
        let as_of = opts.as_of;
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
    pub(super) fn rules_at(&mut self, at: i64) -> i64 {
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
    pub(super) fn rate(&mut self, m: &mut PricedMessage, era: &Era, at: i64, market: &str) {
        let include_reported = self.opts.include_reported;
        let Some(card) = self.data.card_at(at, era.model, &self.currency) else {
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
        let per_message_service = m.category == "service" && era.model == Model::Pmp;
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
        if era.model == Model::Pmp && matches!(tiered, "utility" | "authentication") && !per_message_service {
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
    pub(super) fn notices(&self) -> Vec<Notice> {
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
    data.market_of(to, at).map(|m| Some(m.to_string())).map_err(|_| ("invalid_number", 100))
}

/// [`price_timeline`] with other pricing data.
pub fn price_with(data: &PricingData, timeline: &Timeline, opts: &PriceOptions) -> Result<PriceReport, InputError> {
    let currency = timeline.currency.clone().unwrap_or_else(|| "USD".into());
    let mut meter = Meter::new(data, opts, &currency, "INVALID_TIMELINE")?;
    let mut timed = Vec::with_capacity(timeline.events.len());
    for (i, e) in timeline.events.iter().enumerate() {
        let at = e.at.secs();
        if let Some(m) = e.market.as_deref().filter(|m| !data.is_market(m)) {
            return Err(InputError::new(
                "INVALID_TIMELINE",
                format!("events[{i}].market: `{m}` is not a market of data/markets.json"),
            ));
        }
        timed.push((at, i));
    }
    crate::order::sort(&mut timed);
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
        let model = era.as_ref().map(|e| e.model);
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
        // May it be sent at all? The Cloud API code is the one the send rule carries.
        let refusal: Option<(&'static str, &'static Rule)> = if !is_template && !window_open {
            Some(("outside_window", &sending::OUTSIDE_WINDOW))
        } else if is_template && category == "authentication" && is_user_id(number.trim()) {
            Some(("user_id_not_allowed", &payload_rules::AUTHENTICATION_TO_USER_ID))
        } else if is_template {
            match user.consent.allows(&category, number, rules_at) {
                Ok(()) => None,
                Err(Refusal::OptedOut(_)) => Some(("opted_out", &sending::RECIPIENT_OPTED_OUT)),
                Err(Refusal::MarketingStopped) => Some(("marketing_stopped", &sending::MARKETING_STOPPED)),
                Err(Refusal::UsMarketingPaused) => Some(("us_marketing_paused", &sending::US_MARKETING_PAUSED)),
            }
        } else {
            None
        };
        if let Some((kind, rule)) = refusal {
            m.allowed = false;
            m.pricing_type = kind;
            m.error_code = rule.meta_error.map(|e| e.code);
            messages.push(m);
            continue;
        }
        if let Some(era) = &era {
            let month = month_of(at);
            match era.model {
                Model::Nbp => {
                    m.category = if is_template { "notification".into() } else { "service".into() };
                    m.billable = is_template;
                    if is_template {
                        m.unpriced("the data has no notification-era rates (before 2022-02-01)".into());
                    } else {
                        m.pricing_type = "free_customer_service";
                    }
                }
                Model::Cbp => {
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
