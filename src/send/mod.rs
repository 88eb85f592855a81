//! Send preflight: a Cloud API `POST /{PHONE_NUMBER_ID}/messages` (or `/marketing_messages`)
//! body, checked on its own (`payload`), against the business's templates (`params`) and
//! against the conversation state (`window`, `consent`), with the error code Meta would most
//! likely answer. `build.rs`: the builder that turns a template and values into a correct send
//! body.

mod build;
mod quote;

pub use build::build_send_payload;
pub use quote::{quote, Quote};

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::category::Category;
use crate::diagnostic::{Diagnostic, Severity};
use crate::input::{parse_document, InputError};
use crate::options::RuleSetting;
use crate::params::{self, Slots};
use crate::payload::{Cx, Endpoint, Limits, Recipient};
use crate::rules::{payload as payload_rules, sending};
use crate::template::{read_template, Template};
use crate::text::LengthUnit;
use crate::time::Timestamp;
use crate::window::{customer_service_window, Window};

/// The business's templates, by name and language.
#[derive(Debug, Clone, Default)]
pub struct TemplateRegistry {
    by_key: HashMap<(String, String), Template>,
}

impl TemplateRegistry {
    /// Reads templates from a list response, an array or JSON Lines. Items that are not objects
    /// or lack a name or language are skipped (they could never be sent).
    pub fn from_document(text: &str) -> Result<Self, InputError> {
        Ok(Self::from_items(&parse_document(text)?))
    }

    pub fn from_items(items: &[Value]) -> Self {
        let mut by_key = HashMap::new();
        for item in items {
            let Some(obj) = item.as_object() else { continue };
            let mut ignored = Vec::new();
            let t = read_template(obj, &mut ignored);
            let languages: Vec<String> = if t.languages.is_empty() {
                t.language.iter().map(|l| l.value.clone()).collect()
            } else {
                t.languages.iter().map(|l| l.value.clone()).collect()
            };
            if let Some(name) = t.name.as_ref().map(|n| n.value.clone()) {
                for lang in languages {
                    by_key.insert((name.clone(), lang), t.clone());
                }
            }
        }
        TemplateRegistry { by_key }
    }

    pub fn len(&self) -> usize {
        self.by_key.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_key.is_empty()
    }

    pub fn get(&self, name: &str, language: &str) -> Option<&Template> {
        self.by_key.get(&(name.to_string(), language.to_string()))
    }

    fn languages_of(&self, name: &str) -> Vec<&str> {
        let mut langs: Vec<&str> = self.by_key.keys().filter(|(n, _)| n == name).map(|(_, l)| l.as_str()).collect();
        crate::order::sort(&mut langs);
        langs
    }
}

/// What is known about one recipient.
#[cfg_attr(test, derive(ts_rs::TS), ts(optional_fields = nullable))]
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RecipientState {
    /// When the user last wrote or called (ISO 8601 or epoch milliseconds).
    pub last_inbound_at: Option<Timestamp>,
    /// The pricing market of a recipient given as a business-scoped user ID (a name of
    /// `data/markets.json`), which no calling code tells.
    pub market: Option<String>,
    /// End of a free-entry-point window (72 h after the reply to a Click-to-WhatsApp ad or Page
    /// button message; ISO 8601 or epoch milliseconds).
    pub free_entry_point_until: Option<Timestamp>,
    /// Categories the user opted out of (`marketing`, `utility`, … or `all`).
    #[cfg_attr(test, ts(as = "Option<_>", optional))]
    pub opted_out: Vec<String>,
    /// The user turned off marketing messages from this business in WhatsApp (131050).
    #[cfg_attr(test, ts(as = "Option<_>", optional))]
    pub marketing_stopped: bool,
}

/// Options of the send check.
#[derive(Debug, Clone, Default)]
pub struct SendOptions<'a> {
    pub templates: Option<&'a TemplateRegistry>,
    /// Conversation state per recipient number (digits only, country code first).
    pub state: Option<&'a HashMap<String, RecipientState>>,
    /// The time of the send (Unix seconds); needed for the window check and dated limits.
    pub now: Option<i64>,
    /// The day whose dated rules, limits and prices apply, when not `now`'s (Unix seconds).
    pub as_of: Option<i64>,
    /// How to price: `includeReported`, tiers, loaded cards, the disputed service points.
    pub pricing: Option<&'a crate::pricing::PriceOptions>,
    pub length_unit: LengthUnit,
    /// `/messages` (the default) or `/marketing_messages`.
    pub endpoint: Endpoint,
    /// Limits overriding `data/send-limits.json`.
    pub limits: Option<&'a Limits>,
    /// Per-rule overrides, keyed by code or name (as for templates).
    pub rules: Option<&'a HashMap<String, RuleSetting>>,
}

/// The verdict on one send request.
#[cfg_attr(test, derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SendReport {
    pub ok: bool,
    /// `allow` or `block`.
    #[cfg_attr(test, ts(type = "\"allow\" | \"block\""))]
    pub verdict: &'static str,
    /// The Cloud API error the request would most likely get; `None` when allowed.
    pub error_code: Option<u32>,
    /// Other codes Meta has been seen to answer for the same fault.
    pub alternatives: &'static [u32],
    pub diagnostics: Vec<Diagnostic>,
    pub window: Option<Window>,
    /// What the message costs, for a template whose category is known, when `now` is given.
    pub billing: Option<Billing>,
    /// The checks that could not run for want of templates, state or time.
    pub skipped: Vec<Skipped>,
}

/// A check that did not run, and why.
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "SkippedCheck"))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Skipped {
    /// `template`, `window`, `consent` or `billing`.
    #[cfg_attr(test, ts(type = "\"template\" | \"window\" | \"consent\" | \"billing\""))]
    pub check: &'static str,
    pub reason: &'static str,
}

/// How a send is billed (the pricing engine's verdict for this one message).
#[cfg_attr(test, derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Billing {
    pub billable: bool,
    pub pricing_model: Option<crate::pricing::Model>,
    pub category: String,
    pub market: Option<String>,
    pub rate: Option<f64>,
    pub currency: String,
    #[serde(rename = "type")]
    pub pricing_type: &'static str,
    pub card: Option<String>,
    /// Why a billed message has no rate.
    pub reason: Option<String>,
    /// What the price depends on that the data cannot vouch for (`stale_data`, …).
    pub notices: Vec<crate::pricing::Notice>,
}

/// Which error Meta reports first when several apply: the request's shape (the Graph layer
/// answers 100 before anything else), the message type, missing and invalid values, then the
/// template lookup and status, the recipient, the buttons and values (132018), parameter
/// format and count, the filled-in length, and last the conversation state.
const ERROR_PRIORITY: &[u32] = &[
    100, 131051, 131008, 131009, 132001, 132016, 132015, 134100, 131055, 131062, 132018, 132012, 132000, 132005,
    131047, 131050, 131049,
];

/// Reads the recipients' state: `{"393331234567": {"last_inbound_at": "..."}}`. Keys are phone
/// numbers (any punctuation) or business-scoped user IDs.
pub fn read_state(v: &Value) -> Result<HashMap<String, RecipientState>, InputError> {
    let map = v
        .as_object()
        .ok_or_else(|| InputError::new("INVALID_STATE", "state must be an object keyed by recipient number"))?;
    let mut out = HashMap::new();
    for (k, s) in map {
        let state: RecipientState = serde_json::from_value(s.clone())
            .map_err(|e| InputError::new("INVALID_STATE", format!("state for `{k}`: {e}")))?;
        out.insert(state_key(k), state);
    }
    Ok(out)
}

/// The key a recipient's state is kept under: the digits of a number, a user ID as written.
fn state_key(to: &str) -> String {
    let to = to.trim();
    if crate::address::is_user_id(to) {
        to.to_string()
    } else {
        to.chars().filter(char::is_ascii_digit).collect()
    }
}

const NO_TEMPLATES: &str = "no templates were given: whether the template exists in that language and is approved, its category, and the number, names and kinds of its parameters were not checked";
const NO_WINDOW: &str =
    "no conversation state (`state` and `now`): the 24-hour customer-service window was not checked";
const NO_CONSENT: &str = "no conversation state (`state` and `now`): opt-outs, stopped marketing and the US marketing pause were not checked";
const NO_OPT_OUTS: &str = "no conversation state (`state`): opt-outs and stopped marketing were not checked";
const NO_BILLING: &str = "no price: it needs the template's category (from `templates`), and `now` or `asOf`";

/// Checks one send request. A JSON object always gets a report; anything else is an error.
pub fn check_send(payload: &Value, opts: &SendOptions) -> Result<SendReport, InputError> {
    let obj = payload.as_object().ok_or_else(|| {
        InputError::new(
            "NOT_A_PAYLOAD",
            format!("expected a send request object, found {}", crate::template::json_kind(payload)),
        )
    })?;
    let default_limits = Limits::default();
    let limits = opts.limits.unwrap_or(&default_limits);
    // Dated limits and rules follow `asOf` when it is given, else the time of the send.
    let rules_at = opts.as_of.or(opts.now);
    let mut cx = Cx::new(limits, rules_at, opts.length_unit, opts.endpoint);
    let env = crate::payload::check(obj, &mut cx);
    let mut skipped = Vec::new();
    let mut category = None;
    if env.message_type == "template" {
        if let Some(tpl) = obj.get("template").and_then(crate::payload::as_object) {
            category = check_template_send(&tpl, &env.recipient, opts, &mut cx);
        }
        if opts.templates.is_none() {
            skipped.push(Skipped { check: "template", reason: NO_TEMPLATES });
        }
    }
    let to = match &env.recipient {
        Recipient::Phone(d) => Some(d.clone()),
        Recipient::UserId(u) => Some(u.clone()),
        _ => None,
    };
    let recipient = match (opts.state, &to) {
        (Some(state), Some(to)) => Some(state.get(&state_key(to)).cloned().unwrap_or_default()),
        _ => None,
    };
    if let Some(m) = recipient.as_ref().and_then(|r| r.market.as_deref()).filter(|m| !crate::pricing::DATA.is_market(m))
    {
        return Err(InputError::new(
            "INVALID_OPTIONS",
            format!("state[{}].market: `{m}` is not a market of data/markets.json", to.as_deref().unwrap_or_default()),
        ));
    }
    let have_state = recipient.is_some() && opts.now.is_some();
    if env.message_type == "template" {
        // The US marketing pause needs only the number and the date; opt-outs need the state.
        if let (Some(cat), Some(to), Some(at)) = (&category, &to, rules_at) {
            consent(recipient.as_ref().unwrap_or(&RecipientState::default()), cat, to, at, &mut cx);
        }
        if !have_state {
            // With a date and the template's category, the US pause was checked all the same.
            let reason = if rules_at.is_some() && category.is_some() { NO_OPT_OUTS } else { NO_CONSENT };
            skipped.push(Skipped { check: "consent", reason });
        }
    }
    let free_form = env.message_type != "template" && env.message_type != "read";
    let window = match (&recipient, opts.now) {
        (Some(r), Some(now)) if env.message_type != "read" => {
            let last = r.last_inbound_at.map(Timestamp::secs);
            let w = customer_service_window(last, now);
            if free_form && !w.open && !matches!(env.recipient, Recipient::Group(_)) {
                let msg = match &w.expires_at {
                    Some(at) => format!("the customer-service window closed at {at}; only templates may be sent"),
                    None => "the recipient has not written to the business; only templates may be sent".to_string(),
                };
                cx.push(Diagnostic::new(&sending::OUTSIDE_WINDOW, "type", msg));
            }
            Some(w)
        }
        _ => {
            if free_form && !matches!(env.recipient, Recipient::Group(_)) {
                skipped.push(Skipped { check: "window", reason: NO_WINDOW });
            }
            None
        }
    };
    // Re-graded before the verdict: a rule turned off or down to a warning does not block, and
    // the error code is that of the first finding still an error.
    let no_settings = HashMap::new();
    let diagnostics = cx.finish(opts.rules.unwrap_or(&no_settings));
    let (ok, error_code, alternatives) = verdict(&diagnostics);
    // A template is priced by its category; any other message the recipient sees is a
    // service message (billed from 2026-10-01).
    let priced = match env.message_type.as_str() {
        "template" => category.clone(),
        "read" => None,
        _ if matches!(env.recipient, Recipient::Group(_)) => None,
        _ => Some("service".to_string()),
    };
    let billing = match (&priced, &to, opts.now.or(opts.as_of)) {
        (Some(cat), Some(to), Some(at)) if ok => billing(cat, to, at, recipient.as_ref(), opts)?,
        _ => None,
    };
    if env.message_type == "template" && billing.is_none() && ok {
        skipped.push(Skipped { check: "billing", reason: NO_BILLING });
    }
    Ok(SendReport::judged((ok, error_code, alternatives), diagnostics, window, billing, skipped))
}

impl SendReport {
    /// A report of `verdict` (as [`verdict`] gives it) over its findings.
    fn judged(
        (ok, error_code, alternatives): (bool, Option<u32>, &'static [u32]),
        diagnostics: Vec<Diagnostic>,
        window: Option<Window>,
        billing: Option<Billing>,
        skipped: Vec<Skipped>,
    ) -> SendReport {
        let verdict = if ok { "allow" } else { "block" };
        SendReport { ok, verdict, error_code, alternatives, diagnostics, window, billing, skipped }
    }
}

/// The verdict of re-graded findings: allowed unless one is an error; the Cloud API code is the
/// first by Meta's order among the errors' codes. A blocking finding of a rule without a code
/// (an opt-out) blocks without one.
fn verdict(diagnostics: &[Diagnostic]) -> (bool, Option<u32>, &'static [u32]) {
    let ok = !diagnostics.iter().any(|d| d.severity == Severity::Error);
    if ok {
        return (true, None, &[]);
    }
    let blocking = ERROR_PRIORITY
        .iter()
        .find_map(|code| diagnostics.iter().find(|d| d.severity == Severity::Error && d.error_code == Some(*code)))
        .or_else(|| diagnostics.iter().find(|d| d.severity == Severity::Error && d.error_code.is_some()));
    (false, blocking.and_then(|d| d.error_code), blocking.map_or(&[], |d| d.alternatives))
}

/// Checks one item of a document of send requests. An item that is not a JSON object gets a
/// report with its WP520 finding (Meta answers 100 to a body it cannot read), where
/// [`check_send`] refuses it as an argument; options and state are still errors.
pub fn check_send_item(item: &Value, opts: &SendOptions) -> Result<SendReport, InputError> {
    if item.is_object() {
        return check_send(item, opts);
    }
    let message = format!("expected a send request object, found {}", crate::template::json_kind(item));
    let mut diagnostics = vec![Diagnostic::new(&sending::INVALID_SEND_PAYLOAD, "", message)];
    if let Some(settings) = opts.rules {
        diagnostics = crate::rules::apply_settings(diagnostics, settings);
    }
    Ok(SendReport::judged(verdict(&diagnostics), diagnostics, None, None, Vec::new()))
}

/// Consent and the US marketing pause, for a template of `category` to `to` at `now`.
fn consent(r: &RecipientState, category: &str, to: &str, now: i64, out: &mut Cx) {
    let mut c = crate::consent::Consent { marketing_stopped: r.marketing_stopped, ..Default::default() };
    // Inserted one by one: collecting into a BTreeSet would compile one more sort.
    c.opted_out.extend(r.opted_out.iter().map(|s| s.to_ascii_lowercase()));
    match c.allows(category, to, now) {
        Ok(()) => {}
        Err(crate::consent::Refusal::OptedOut(scope)) => {
            let msg = if scope == "all" {
                "the recipient opted out of all messages".to_string()
            } else {
                format!("the recipient opted out of {scope} messages")
            };
            out.push(Diagnostic::new(&sending::RECIPIENT_OPTED_OUT, "to", msg));
        }
        Err(crate::consent::Refusal::MarketingStopped) => out.push(Diagnostic::new(
            &sending::MARKETING_STOPPED,
            "to",
            "the recipient stopped marketing messages from this business",
        )),
        Err(crate::consent::Refusal::UsMarketingPaused) => out.push(Diagnostic::new(
            &sending::US_MARKETING_PAUSED,
            "to",
            "marketing templates to US numbers are not delivered since 2025-04-01",
        )),
    }
}

/// The pricing engine's verdict for one message of `category` (`service` for a non-template
/// message) sent at `at` to `to` (digits, or a user ID).
fn billing(
    category: &str,
    to: &str,
    at: i64,
    r: Option<&RecipientState>,
    opts: &SendOptions,
) -> Result<Option<Billing>, InputError> {
    use crate::window::{Direction, Event};
    let event = |at: i64, direction: Direction| Event {
        at: crate::time::Timestamp(at),
        direction,
        kind: None,
        category: None,
        to: Some(to.to_string()),
        from: None,
        entry_point: None,
        text: None,
        categories: None,
        market: None,
    };
    let mut events = Vec::with_capacity(2);
    // A service message can only go inside the window: without state it is priced as if open.
    let last =
        r.and_then(|r| r.last_inbound_at).map(Timestamp::secs).or_else(|| (category == "service").then_some(at - 1));
    if let Some(last) = last {
        events.push(event(last, Direction::Inbound));
    }
    let mut message = event(at, Direction::Outbound);
    message.market = r.and_then(|r| r.market.clone());
    if category == "service" {
        message.kind = Some("text".into());
    } else {
        message.kind = Some("template".into());
        message.category = Some(category.to_ascii_lowercase());
    }
    events.push(message);
    let timeline = crate::pricing::Timeline { events, currency: None };
    let default_options = crate::pricing::PriceOptions::default();
    let mut price_options = opts.pricing.unwrap_or(&default_options).clone();
    if price_options.as_of.is_none() {
        price_options.as_of = opts.as_of;
    }
    // A bad pricing option is the caller's error; a state that does not price is no price.
    let report = crate::pricing::price_timeline(&timeline, &price_options)
        .map_err(|e| InputError::new("INVALID_OPTIONS", format!("pricing: {}", e.message)))?;
    let notices = report.notices;
    let currency = report.currency;
    let Some(m) = report.messages.into_iter().last() else { return Ok(None) };
    let until = r.and_then(|r| r.free_entry_point_until).map(Timestamp::secs);
    let (billable, rate, pricing_type) = if until.is_some_and(|u| at < u) {
        (false, None, "free_entry_point")
    } else {
        (m.billable, m.rate, m.pricing_type)
    };
    Ok(Some(Billing {
        billable,
        pricing_model: m.pricing_model,
        category: m.category,
        market: m.market,
        rate,
        currency,
        pricing_type,
        card: m.card,
        reason: m.reason,
        notices,
    }))
}

/// Checks a template send: its values on their own, then, with the business's templates, the
/// template's existence, status and parameters, the recipient of an authentication code and
/// the endpoint. Returns the template's category when it is known.
fn check_template_send(
    tpl: &Map<String, Value>,
    recipient: &Recipient,
    opts: &SendOptions,
    cx: &mut Cx,
) -> Option<String> {
    let given = params::read_components(tpl);
    params::check_values(&given, cx);
    let name = tpl.get("name").and_then(crate::payload::as_text).filter(|n| !n.trim().is_empty())?;
    let language = tpl
        .get("language")
        .and_then(crate::payload::as_object)
        .and_then(|l| l.get("code").and_then(crate::payload::as_text).map(|c| c.into_owned()))
        .filter(|c| !c.trim().is_empty())?;
    let registry = opts.templates?;
    let Some(template) = registry.get(&name, &language) else {
        let langs = registry.languages_of(&name);
        let msg = if langs.is_empty() {
            format!("no template `{name}` among the {} known templates", registry.len())
        } else {
            format!("template `{name}` exists in {}, not in `{language}`", langs.join(", "))
        };
        cx.push(Diagnostic::new(&sending::TEMPLATE_NOT_FOUND, "template.name", msg));
        return None;
    };
    let status = template.status.as_ref().map(|s| s.value.to_ascii_uppercase());
    match status.as_deref() {
        None | Some("APPROVED") => {}
        Some("PAUSED") => {
            cx.push(Diagnostic::new(&sending::TEMPLATE_PAUSED, "template.name", format!("template `{name}` is paused")))
        }
        Some("DISABLED") => cx.push(Diagnostic::new(
            &sending::TEMPLATE_DISABLED,
            "template.name",
            format!("template `{name}` is disabled"),
        )),
        Some(s) => cx.push(Diagnostic::new(
            &sending::TEMPLATE_NOT_APPROVED,
            "template.name",
            format!("template `{name}` is {s}, not APPROVED"),
        )),
    }
    let slots = Slots::of(template);
    params::check(&slots, &given, cx);
    let otp = slots.buttons.iter().any(|b| b.takes == params::ButtonTakes::OtpCode);
    if otp && matches!(recipient, Recipient::UserId(_)) {
        cx.push(Diagnostic::new(
            &payload_rules::AUTHENTICATION_TO_USER_ID,
            "to",
            "authentication templates with a code button can only be sent to phone numbers, not to business-scoped user IDs",
        ));
    }
    if opts.endpoint == Endpoint::MarketingMessages {
        if let Some(c) = slots.category.filter(|c| *c != Category::Marketing) {
            cx.push(Diagnostic::new(
                &payload_rules::MARKETING_ENDPOINT_CATEGORY,
                "template.name",
                format!("`{name}` is a {} template; `/marketing_messages` sends marketing templates only", c.name()),
            ));
        }
    } else if slots.category == Some(Category::Marketing) {
        marketing_route(&name, opts.now, cx);
    }
    slots.category.map(|c| c.name().to_string())
}

/// A MARKETING template sent through `/messages` at `now`: a warning once Meta routes marketing
/// templates to `/marketing_messages`, naming the end a third party reports for `/messages`.
fn marketing_route(name: &str, now: Option<i64>, cx: &mut Cx) {
    let (Some(now), Some(route)) = (now, crate::limits::marketing_route()) else { return };
    if now < route.from {
        return;
    }
    let mut message = format!(
        "`{name}` is a MARKETING template: since {} Meta routes marketing templates to `/marketing_messages`",
        route.from_date
    );
    if let Some(end) = route.messages_until {
        let said = if now < end.at { "is reported to end on" } else { "was reported to end on" };
        let then = if now < end.at { "" } else { "; this send may be refused" };
        message.push_str(&format!(
            "; sending them through `/messages` {said} {} ({}, not confirmed by Meta){then}",
            end.date, end.by
        ));
    }
    cx.push(Diagnostic::new(&payload_rules::MARKETING_TEMPLATE_ON_MESSAGES, "template.name", message));
}
