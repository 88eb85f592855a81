//! What the entry points take, and the few results made only for them. Every call's options
//! are a `Deserialize` struct here or beside the engine it configures (`ValidateOptions`,
//! `PriceOptions`, `RenderOptions`): JS options in camelCase, unknown keys refused, times read
//! by [`crate::time`]. The JS binding only writes its input as JSON text (`JSON.stringify`) and
//! hands it to these readers; every check of a value (a category, a format, a rule code) is
//! made here or below, never in the binding. Options are read from the text straight into
//! their struct, with no `serde_json::Value` between: reading structs out of a `Value` would
//! put a second copy of every deserializer into the WASM module.

use std::collections::{BTreeMap, HashMap};

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::check::{Report, ValidateOptions};
use crate::classify::{classify, classify_with, Classification, Lexicon};
use crate::diagnostic::{Diagnostic, Severity};
use crate::input::{items_of, InputError};
use crate::markup::{self, Block, Links};
use crate::options::RuleSetting;
use crate::payload::{Endpoint, Limits};
use crate::pricing::{
    card_from_csv, count_markets, estimate_campaign, to_decimal, Campaign, Model, PriceOptions, DATA,
};
use crate::send::{check_send, read_state, Quote, RecipientState, SendOptions, SendReport, TemplateRegistry};
use crate::template::Template;
use crate::text::LengthUnit;
use crate::time::Timestamp;

/// Options from JSON text: `null` (what `undefined` becomes) is the defaults, an object is
/// deserialized, and anything else is an `INVALID_OPTIONS` error.
pub fn read_options<T: DeserializeOwned + Default>(json: &str) -> Result<T, InputError> {
    read_object(json, "INVALID_OPTIONS", "options")
}

/// `what` from JSON text of an object (`null` is the defaults), refused with `code` otherwise.
fn read_object<T: DeserializeOwned + Default>(json: &str, code: &'static str, what: &str) -> Result<T, InputError> {
    match text_kind(json) {
        "null" => Ok(T::default()),
        "an object" => {
            serde_json::from_str(json).map_err(|e| InputError::new(code, format!("invalid {what}: {}", unplaced(&e))))
        }
        other => Err(InputError::new(code, format!("{what} must be an object, found {other}"))),
    }
}

/// The JSON type of a JSON text, from its first character, for messages.
fn text_kind(json: &str) -> &'static str {
    match json.trim_start().as_bytes().first() {
        Some(b'{') => "an object",
        Some(b'[') => "an array",
        Some(b'"') => "a string",
        Some(b't' | b'f') => "a boolean",
        Some(b'n') | None => "null",
        Some(_) => "a number",
    }
}

/// A deserialization error without serde_json's " at line 1 column 31": the text read is the
/// binding's `JSON.stringify` of an object, not anything the caller wrote.
fn unplaced(e: &serde_json::Error) -> String {
    let message = e.to_string();
    let place = format!(" at line {} column {}", e.line(), e.column());
    message.strip_suffix(&place).unwrap_or(&message).to_string()
}

/// Per-rule overrides name rules that exist.
fn known_rules(rules: &HashMap<String, RuleSetting>) -> Result<(), InputError> {
    match crate::rules::unknown_rule(rules) {
        Some(k) => Err(InputError::new("INVALID_OPTIONS", format!("invalid options: no rule `{k}`"))),
        None => Ok(()),
    }
}

/// `validateTemplate` / `validateTemplates` options, with the rule overrides checked.
pub fn validate_options(json: &str) -> Result<ValidateOptions, InputError> {
    let options: ValidateOptions = read_options(json)?;
    known_rules(&options.rules)?;
    Ok(options)
}

/// A validation report with the index of its template in the input.
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "IndexedValidationReport"))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndexedReport {
    pub index: usize,
    #[serde(flatten)]
    pub report: Report,
}

/// `classifyTemplate` options.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct ClassifyOptions {
    /// Word lists replacing the shipped ones (the shape of `data/classify.json`).
    pub lexicon: Option<Value>,
}

impl ClassifyOptions {
    /// Classifies `template` with the given word lists, or the shipped ones.
    pub fn classify(&self, template: &Template) -> Result<Classification, InputError> {
        match &self.lexicon {
            None => Ok(classify(template)),
            Some(lexicon) => {
                let lexicon =
                    Lexicon::from_json(&lexicon.to_string()).map_err(|e| InputError::new("INVALID_OPTIONS", e))?;
                Ok(classify_with(template, &lexicon))
            }
        }
    }
}

/// What `renderMarkup` returns: `html` (every character escaped), `text` (markers removed) or
/// `nodes` (the block tree).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum MarkupFormat {
    #[default]
    Html,
    Text,
    Nodes,
}

impl MarkupFormat {
    /// The format called `name`; none is HTML.
    pub fn from_name(name: Option<&str>) -> Result<MarkupFormat, InputError> {
        match name {
            None | Some("html") => Ok(MarkupFormat::Html),
            Some("text") => Ok(MarkupFormat::Text),
            Some("nodes") => Ok(MarkupFormat::Nodes),
            Some(other) => Err(InputError::new(
                "INVALID_ARGUMENT",
                format!("format must be \"html\", \"text\" or \"nodes\", not `{other}`"),
            )),
        }
    }
}

/// `renderMarkup` options.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct MarkupOptions {
    /// Links as text instead of `rel="noopener noreferrer"` anchors.
    pub links_as_text: bool,
}

/// WhatsApp-formatted text rendered one way.
#[cfg_attr(test, derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Markup {
    Text(String),
    Nodes(Vec<Block>),
}

/// Renders WhatsApp-formatted text as `format`.
pub fn render_markup(text: &str, format: MarkupFormat, options: &MarkupOptions) -> Markup {
    let blocks = markup::parse(text);
    match format {
        MarkupFormat::Html => {
            Markup::Text(markup::to_html(&blocks, if options.links_as_text { Links::Text } else { Links::Anchors }))
        }
        MarkupFormat::Text => Markup::Text(markup::to_plain_text(&blocks)),
        MarkupFormat::Nodes => Markup::Nodes(blocks),
    }
}

/// `checkSend` / `SendChecker.check` options.
#[cfg_attr(test, derive(ts_rs::TS), ts(optional_fields, rename = "SendOptions"))]
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct SendCheckOptions {
    /// The business's templates: a Graph API list response, an array, or their JSON / JSON
    /// Lines text.
    #[cfg_attr(test, ts(type = "unknown", optional))]
    pub templates: Option<Value>,
    /// Conversation and consent state per recipient (read by [`read_state`]).
    #[cfg_attr(test, ts(type = "ConversationState", optional))]
    pub state: Option<Value>,
    /// The time of the send.
    #[serde(deserialize_with = "crate::time::now")]
    #[cfg_attr(test, ts(type = "TimeInput", optional))]
    pub now: Option<i64>,
    /// The day whose dated rules, limits and prices apply, when not `now`'s.
    #[serde(deserialize_with = "crate::time::as_of")]
    #[cfg_attr(test, ts(type = "TimeInput", optional))]
    pub as_of: Option<i64>,
    pub pricing: Option<PriceOptions>,
    #[cfg_attr(test, ts(as = "Option<LengthUnit>", optional))]
    pub length_unit: LengthUnit,
    #[cfg_attr(test, ts(as = "Option<Endpoint>", optional))]
    pub endpoint: Endpoint,
    /// Overrides of `data/send-limits.json` (read by [`Limits::from_value`]).
    #[cfg_attr(test, ts(type = "Record<string, number | null>", optional))]
    pub limits: Option<Value>,
    #[serde(deserialize_with = "crate::rules::deserialize_settings")]
    #[cfg_attr(test, ts(as = "Option<HashMap<String, RuleSetting>>", optional))]
    pub rules: HashMap<String, RuleSetting>,
}

/// Send options read and checked, ready for any number of checks.
#[derive(Debug, Clone)]
pub struct SendCheck {
    /// The templates given in the options.
    pub templates: Option<TemplateRegistry>,
    state: Option<HashMap<String, RecipientState>>,
    limits: Limits,
    options: SendCheckOptions,
}

impl SendCheck {
    /// Reads the options of a send check from JSON text.
    pub fn from_json(json: &str) -> Result<SendCheck, InputError> {
        let options: SendCheckOptions = read_options(json)?;
        let templates = match &options.templates {
            None => None,
            Some(Value::String(text)) => Some(TemplateRegistry::from_document(text)?),
            Some(list) => Some(TemplateRegistry::from_items(&items_of(list.clone()))),
        };
        let state = options.state.as_ref().map(read_state).transpose()?;
        let limits = Limits::from_value(options.limits.as_ref().unwrap_or(&Value::Null))?;
        Ok(SendCheck { templates, state, limits, options })
    }

    /// Checks one send request against `registry` (a `SendChecker`'s), else the templates given.
    ///
    /// `as_text`: the body came as JSON text, as Meta receives it, so a body that is not an
    /// object is a finding (WP520) rather than a wrong argument.
    pub fn check(
        &self,
        payload: &Value,
        registry: Option<&TemplateRegistry>,
        as_text: bool,
    ) -> Result<SendReport, InputError> {
        let o = &self.options;
        let opts = SendOptions {
            templates: registry.or(self.templates.as_ref()),
            state: self.state.as_ref(),
            now: o.now,
            as_of: o.as_of,
            pricing: o.pricing.as_ref(),
            length_unit: o.length_unit,
            endpoint: o.endpoint,
            limits: Some(&self.limits),
            rules: Some(&o.rules),
        };
        if as_text {
            crate::send::check_send_item(payload, &opts)
        } else {
            check_send(payload, &opts)
        }
    }
}

/// `buildSendPayload` options.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct BuildOptions {
    /// The recipient's number or business-scoped user ID.
    pub to: String,
    /// Per-rule overrides of the findings about the values.
    #[serde(deserialize_with = "crate::rules::deserialize_settings")]
    pub rules: HashMap<String, RuleSetting>,
}

impl BuildOptions {
    /// Reads the options from JSON text; `to` is needed.
    pub fn from_json(json: &str) -> Result<BuildOptions, InputError> {
        let options: BuildOptions = read_options(json)?;
        if options.to.trim().is_empty() {
            return Err(InputError::new("INVALID_OPTIONS", "buildSendPayload needs { to: \"<recipient number>\" }"));
        }
        Ok(options)
    }
}

/// A send request built for a template, and the findings on the values.
#[cfg_attr(test, derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BuiltPayload {
    #[cfg_attr(test, ts(type = "Record<string, unknown>"))]
    pub payload: Value,
    pub diagnostics: Vec<Diagnostic>,
}

/// `estimateCampaign`'s campaign: one template to many recipients.
#[cfg_attr(test, derive(ts_rs::TS), ts(optional_fields))]
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CampaignInput {
    /// `marketing`, `utility` or `authentication`.
    #[cfg_attr(test, ts(type = "\"marketing\" | \"utility\" | \"authentication\""))]
    pub category: String,
    /// Recipient numbers (an entry that is no string counts as invalid), or recipients counted
    /// per market (`{"India": 10}`).
    #[cfg_attr(test, ts(type = "string[] | Record<string, number>"))]
    pub recipients: Recipients,
    /// When the campaign is sent.
    pub at: Timestamp,
    /// USD (the default) or the currency of a card passed in `rateCards`.
    #[serde(default)]
    pub currency: Option<String>,
}

/// A campaign's recipients: numbers, or counts per market. The numbers are read into one
/// buffer rather than a string each, since a campaign can hold a million of them.
#[derive(Debug, Clone, PartialEq)]
pub enum Recipients {
    /// The numbers one after another in `text`, each ending at its offset in `ends`; entries
    /// that were no string are only counted (as invalid).
    Numbers {
        text: String,
        ends: Vec<usize>,
        not_numbers: u64,
    },
    Counts(BTreeMap<String, u64>),
}

impl<'de> Deserialize<'de> for Recipients {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(RecipientsVisitor)
    }
}

struct RecipientsVisitor;

impl<'de> serde::de::Visitor<'de> for RecipientsVisitor {
    type Value = Recipients;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("recipient numbers (an array) or counts per market (an object)")
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Recipients, A::Error> {
        let (mut text, mut ends, mut not_numbers) = (String::new(), Vec::new(), 0);
        while let Some(was_text) = seq.next_element_seed(NumberInto(&mut text))? {
            match was_text {
                true => ends.push(text.len()),
                false => not_numbers += 1,
            }
        }
        Ok(Recipients::Numbers { text, ends, not_numbers })
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Recipients, A::Error> {
        let mut counts = BTreeMap::new();
        while let Some((market, n)) = map.next_entry::<String, u64>()? {
            *counts.entry(market).or_default() = n;
        }
        Ok(Recipients::Counts(counts))
    }
}

/// One entry of a recipient list: a string is appended to the buffer (`true`); anything else is
/// skipped (`false`).
struct NumberInto<'a>(&'a mut String);

impl<'de> serde::de::DeserializeSeed<'de> for NumberInto<'_> {
    type Value = bool;

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<bool, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for NumberInto<'_> {
    type Value = bool;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a recipient number")
    }
    fn visit_str<E>(self, v: &str) -> Result<bool, E> {
        self.0.push_str(v);
        Ok(true)
    }
    fn visit_bool<E>(self, _: bool) -> Result<bool, E> {
        Ok(false)
    }
    fn visit_i64<E>(self, _: i64) -> Result<bool, E> {
        Ok(false)
    }
    fn visit_u64<E>(self, _: u64) -> Result<bool, E> {
        Ok(false)
    }
    fn visit_f64<E>(self, _: f64) -> Result<bool, E> {
        Ok(false)
    }
    fn visit_unit<E>(self) -> Result<bool, E> {
        Ok(false)
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<bool, A::Error> {
        while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
        Ok(false)
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<bool, A::Error> {
        while map.next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?.is_some() {}
        Ok(false)
    }
}

impl CampaignInput {
    /// Reads a campaign from JSON text (`INVALID_CAMPAIGN` when it is not one).
    pub fn from_json(json: &str) -> Result<CampaignInput, InputError> {
        let invalid = |m: String| InputError::new("INVALID_CAMPAIGN", m);
        if text_kind(json) != "an object" {
            return Err(invalid(format!("a campaign must be an object, found {}", text_kind(json))));
        }
        let campaign: CampaignInput =
            serde_json::from_str(json).map_err(|e| invalid(format!("invalid campaign: {}", unplaced(&e))))?;
        if !matches!(campaign.category.to_ascii_lowercase().as_str(), "marketing" | "utility" | "authentication") {
            return Err(invalid(format!(
                "category must be marketing, utility or authentication, not `{}`",
                campaign.category
            )));
        }
        Ok(campaign)
    }

    /// The campaign's cost, by market, with volume tiers.
    pub fn estimate(&self, options: &PriceOptions) -> Result<Campaign, InputError> {
        let at = self.at.secs();
        // Markets are those of the rules' day.
        let rules_at = options.as_of.unwrap_or(at);
        let counted;
        let (per_market, bad) = match &self.recipients {
            Recipients::Numbers { text, ends, not_numbers } => {
                let numbers = ends.iter().scan(0, |start, &end| {
                    let n = text.get(*start..end);
                    *start = end;
                    n
                });
                let (m, invalid) = count_markets(numbers, rules_at);
                counted = m;
                (&counted, invalid + not_numbers)
            }
            Recipients::Counts(counts) => (counts, 0),
        };
        let currency = self.currency.as_deref().unwrap_or("USD");
        estimate_campaign(&self.category, per_market, bad, at, currency, options)
    }
}

/// The pricing market of a recipient number at `at` (the latest assignment when none).
pub fn market_of(number: &str, at: Option<Timestamp>) -> Result<String, InputError> {
    DATA.market_of(number, at.map_or(i64::MAX / 2, Timestamp::secs))
        .map(str::to_string)
        .map_err(|e| InputError::new("INVALID_NUMBER", e))
}

/// `quoteSend`'s second argument: to whom and when one template is sent, and what is known
/// of the recipient (one entry of `checkSend`'s `state`).
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "SendQuoteInput", optional_fields = nullable))]
#[derive(Debug, Clone)]
pub struct QuoteInput {
    /// A phone number (any punctuation) or a business-scoped user ID.
    pub to: String,
    pub at: Timestamp,
    pub state: Option<RecipientState>,
}

impl QuoteInput {
    /// Reads `{to, at, state?}` (`INVALID_ARGUMENT` when it is not one). Read field by field
    /// from the value: a serde derive for this one struct cost 7 KB of the WASM module.
    pub fn from_value(v: Value) -> Result<QuoteInput, InputError> {
        let bad = |m: String| InputError::new("INVALID_ARGUMENT", format!("quoteSend: {m}"));
        let Value::Object(mut o) = v else {
            return Err(bad(format!(
                "expected the send as {{to, at, state?}}, found {}",
                crate::template::json_kind(&v)
            )));
        };
        if let Some(k) = o.keys().find(|k| !matches!(k.as_str(), "to" | "at" | "state")) {
            return Err(bad(format!("unknown field `{k}`, expected `to`, `at` or `state`")));
        }
        let to = match o.remove("to") {
            Some(Value::String(to)) => to,
            _ => return Err(bad("`to` must be the recipient's phone number or user ID".into())),
        };
        let at: Timestamp =
            serde_json::from_value(o.remove("at").unwrap_or(Value::Null)).map_err(|e| bad(format!("`at`: {e}")))?;
        let state = match o.remove("state") {
            None | Some(Value::Null) => None,
            Some(s) => Some(serde_json::from_value(s).map_err(|e| bad(format!("`state`: {e}")))?),
        };
        Ok(QuoteInput { to, at, state })
    }

    /// What sending `template` costs (see [`crate::send::quote`]).
    pub fn quote(&self, template: &Template, pricing: &PriceOptions) -> Result<Quote, InputError> {
        let opts = SendOptions { pricing: Some(pricing), ..SendOptions::default() };
        crate::send::quote(template, &self.to, self.at.secs(), self.state.as_ref(), &opts)
    }
}

/// `loadRateCard` options: what the card's title may not say.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct RateCardOptions {
    pub id: Option<String>,
    /// The day the card takes effect (ISO 8601).
    pub effective: Option<String>,
    /// `CBP` or `PMP`.
    pub model: Option<String>,
}

/// A rate card as read, rates in currency units.
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "RateCard"))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RateCardView {
    pub id: String,
    pub effective: String,
    #[cfg_attr(test, ts(type = "\"CBP\" | \"PMP\""))]
    pub model: Model,
    pub currency: String,
    pub rates: BTreeMap<String, RateRow>,
    /// Unknown markets and unreadable cells.
    pub warnings: Vec<String>,
}

/// One market's rates; `None` where the card has none.
#[cfg_attr(test, derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RateRow {
    pub marketing: Option<f64>,
    pub utility: Option<f64>,
    pub authentication: Option<f64>,
    pub authentication_international: Option<f64>,
    pub service: Option<f64>,
}

/// Reads a rate card in Meta's CSV layout, to inspect it or pass it as `rateCards`.
pub fn load_rate_card(csv: &str, o: &RateCardOptions) -> Result<RateCardView, InputError> {
    let (card, warnings) = card_from_csv(csv, o.id.as_deref(), o.effective.as_deref(), o.model.as_deref())
        .map_err(|e| InputError::new("INVALID_RATE_CARD", e))?;
    let dec = |v: Option<i64>| v.map(to_decimal);
    // Inserted one by one: collecting into a BTreeMap would compile one more sort.
    let mut rates = BTreeMap::new();
    rates.extend(card.rates.iter().map(|(m, r)| {
        let row = RateRow {
            marketing: dec(r.marketing),
            utility: dec(r.utility),
            authentication: dec(r.authentication),
            authentication_international: dec(r.authentication_international),
            service: dec(r.service),
        };
        (m.clone(), row)
    }));
    Ok(RateCardView {
        id: card.id,
        effective: crate::time::format_time(card.effective),
        model: card.model,
        currency: card.currency,
        rates,
        warnings,
    })
}

/// A rule of the registry, as `rules()` lists it.
#[cfg_attr(test, derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RuleInfo {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    pub summary: &'static str,
    pub why: &'static str,
    pub help: Option<&'static str>,
    pub uncertain: bool,
    /// For send rules: the Cloud API error code a send that breaks the rule gets.
    pub error_code: Option<u32>,
    /// Other codes Meta has been seen to answer for it.
    pub alternatives: &'static [u32],
}

/// The rule registry, rule by rule.
pub fn rule_infos() -> Vec<RuleInfo> {
    crate::rules::RULES
        .iter()
        .map(|r| RuleInfo {
            code: r.code,
            name: r.name,
            severity: r.severity,
            summary: r.summary,
            why: r.why,
            help: (!r.help.is_empty()).then_some(r.help),
            uncertain: r.uncertain,
            error_code: r.meta_error.map(|e| e.code),
            alternatives: r.meta_error.map_or(&[], |e| e.alternatives),
        })
        .collect()
}

/// A data file embedded in the build: the date it describes and the day it was last checked.
#[cfg_attr(test, derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DataFile {
    pub file: &'static str,
    pub effective: Option<&'static str>,
    pub last_checked: Option<&'static str>,
}

/// The data files embedded in this build.
pub fn data_files() -> Vec<DataFile> {
    crate::DATA_FILES
        .iter()
        .map(|&(file, effective, last_checked)| DataFile { file, effective, last_checked })
        .collect()
}

// Tests only: the unwraps below are assertions on fixed inputs, compiled under cfg(test) and
// never into the library, so no user input reaches them.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_are_objects_or_null_and_unknown_keys_are_refused() {
        let o: MarkupOptions = read_options("null").unwrap();
        assert!(!o.links_as_text);
        assert!(read_options::<MarkupOptions>(r#"{"linksAsText": true}"#).unwrap().links_as_text);
        for (bad, says) in [("[]", "found an array"), ("\"x\"", "found a string"), ("7", "found a number")] {
            let e = read_options::<MarkupOptions>(bad).unwrap_err();
            assert_eq!(e.code, "INVALID_OPTIONS");
            assert!(e.message.ends_with(says), "{}", e.message);
        }
        let e = read_options::<MarkupOptions>(r#"{"linksAsText": true, "typo": 1}"#).unwrap_err();
        assert!(e.message.contains("unknown field `typo`") && !e.message.contains(" at line "), "{}", e.message);
        let e = validate_options(r#"{"rules": {"WP999": "off"}}"#).unwrap_err();
        assert!(e.message.contains("no rule `WP999`"), "{}", e.message);
    }

    #[test]
    fn send_options_read_times_templates_and_limits() {
        let check =
            SendCheck::from_json(r#"{"now": 1754038800000, "asOf": "2025-08-01", "limits": {"list.body": 10}}"#)
                .unwrap();
        assert_eq!((check.options.now, check.options.as_of), (Some(1_754_038_800), Some(1_754_006_400)));
        assert!(check.templates.is_none());
        let e = SendCheck::from_json(r#"{"now": "soon"}"#).unwrap_err();
        assert!(e.message.contains("now: `soon`"), "{}", e.message);
        assert_eq!(SendCheck::from_json(r#"{"limits": {"no.such": 1}}"#).unwrap_err().code, "INVALID_OPTIONS");
        assert_eq!(SendCheck::from_json(r#"{"state": []}"#).unwrap_err().code, "INVALID_STATE");
        assert_eq!(SendCheck::from_json(r#"{"templates": "{"}"#).unwrap_err().code, "INVALID_JSON");
    }

    #[test]
    fn the_core_decides_formats_categories_and_recipients() {
        assert_eq!(MarkupFormat::from_name(None).unwrap(), MarkupFormat::Html);
        assert_eq!(MarkupFormat::from_name(Some("nodes")).unwrap(), MarkupFormat::Nodes);
        assert_eq!(MarkupFormat::from_name(Some("pdf")).unwrap_err().code, "INVALID_ARGUMENT");
        let html = render_markup("*hi* <b>", MarkupFormat::Html, &MarkupOptions::default());
        assert_eq!(html, Markup::Text("<p><strong>hi</strong> &lt;b&gt;</p>".into()));
        let c = CampaignInput::from_json(r#"{"category": "Utility", "recipients": ["+393331234567", 7], "at": 0}"#);
        let c = c.unwrap();
        assert_eq!(c.at, Timestamp(0));
        let Recipients::Numbers { text, ends, not_numbers } = &c.recipients else { panic!("numbers") };
        assert_eq!((text.as_str(), ends.as_slice(), *not_numbers), ("+393331234567", &[13][..], 1));
        let c = CampaignInput::from_json(
            r#"{"category": "utility", "recipients": ["+39 333", null, [1], {"a": 2}, "+1"], "at": 0}"#,
        );
        let Recipients::Numbers { text, ends, not_numbers } = &c.unwrap().recipients else { panic!("numbers") };
        assert_eq!((text.as_str(), ends.as_slice(), *not_numbers), ("+39 333+1", &[7, 9][..], 3));
        let c = CampaignInput::from_json(r#"{"category": "utility", "recipients": {"India": 3}, "at": 0}"#).unwrap();
        assert_eq!(c.recipients, Recipients::Counts(BTreeMap::from([("India".to_string(), 3)])));
        let bad = CampaignInput::from_json(r#"{"category": "utility", "recipients": "+39", "at": 0}"#).unwrap_err();
        assert!(bad.message.contains("counts per market"), "{}", bad.message);
        let bad = CampaignInput::from_json(r#"{"category": "utility", "recipients": {"India": -1}, "at": 0}"#);
        assert_eq!(bad.unwrap_err().code, "INVALID_CAMPAIGN");
        // Counts whose sum overflows, or passes a trillion, are refused rather than wrapped.
        for counts in [r#"{"India": 18446744073709551615, "Italy": 1}"#, r#"{"India": 1000000000001}"#] {
            let c = CampaignInput::from_json(&format!(r#"{{"category": "utility", "recipients": {counts}, "at": 0}}"#));
            assert_eq!(c.unwrap().estimate(&PriceOptions::default()).unwrap_err().code, "INVALID_CAMPAIGN");
        }
        let c = r#"{"category": "utility", "recipients": {"India": 1000000000000}, "at": "2026-02-01T10:00:00Z"}"#;
        let c = CampaignInput::from_json(c);
        let e = c.unwrap().estimate(&PriceOptions::default()).unwrap();
        assert!(e.total.is_finite() && e.total > 0.0 && e.recipients == 1_000_000_000_000);
        assert_eq!(
            CampaignInput::from_json(r#"{"category": "promo", "recipients": [], "at": 0}"#).unwrap_err().code,
            "INVALID_CAMPAIGN"
        );
        assert_eq!(CampaignInput::from_json("[]").unwrap_err().code, "INVALID_CAMPAIGN");
        assert!(BuildOptions::from_json(r#"{"to": " "}"#).is_err());
        assert_eq!(BuildOptions::from_json(r#"{"to": "39333"}"#).unwrap().to, "39333");
    }
}
