//! The JavaScript binding: the only file that names wasm-bindgen types. Each function takes
//! plain JS values (or JSON text), calls the core, and returns plain JS objects; misuse throws
//! an `Error` with a `code` (`INVALID_JSON`, `EMPTY_INPUT`, `NOT_A_TEMPLATE`, `INVALID_OPTIONS`,
//! `INVALID_ARGUMENT`).

use serde::Serialize;
use serde_json::Value;
use wasm_bindgen::prelude::*;

use crate::check::{check_content, validate_item, validate_value, ContentOptions, ValidateOptions};
use crate::classify::classify;
use crate::input::{items_of, parse_document, InputError};
use crate::markup::{self, Links};
use crate::pricing::{count_markets, estimate_campaign, price_timeline, PriceOptions, Timeline, DATA};
use crate::render::{render_template, RenderOptions};
use crate::rules::RULES;
use crate::send::{build_send_payload, check_send, read_state, SendOptions, TemplateRegistry};
use crate::template::read_template;
use crate::text::LengthUnit;
use crate::window::parse_time;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = r#"
/** A Graph API message template (create request or fetched), or its JSON text. */
export type TemplateInput = Record<string, unknown> | string;

export type Severity = "error" | "warning" | "info";

/** A range of a field's text in UTF-16 code units: `text.slice(start, end)`. */
export interface Span { start: number; end: number; }

export interface Diagnostic {
  /** Stable code, e.g. "WP201"; never reused. */
  code: string;
  /** Kebab-case rule name, e.g. "variable-at-edge". */
  rule: string;
  severity: Severity;
  message: string;
  help: string | null;
  /** JSON path of the field, e.g. "components[1].text". */
  path: string;
  span: Span | null;
  /** Send findings: the Cloud API error code Meta documents for the fault. */
  error_code?: number;
  /** Send findings: other codes Meta has been seen to answer for it. */
  alternatives?: number[];
}

/** A classifier signal that fired, with the words and the guideline clause behind it. */
/** A clause of Meta's categorization checklist. */
export type Principle = "authentication" | "promotion" | "specific" | "requested" | "essential" | "feedback" | "unclear";

export interface CategoryReason {
  signal: string;
  /** The principle of Meta's checklist the words are evidence for. */
  principle: Principle;
  category: "MARKETING" | "UTILITY" | "AUTHENTICATION";
  text: string;
  path: string;
  span: Span | null;
  clause: string;
}

/** One line of Meta's checklist: whether the principle holds, and what the author can do. */
export interface ChecklistLine {
  principle: Principle;
  met: boolean;
  note: string;
}

/** What Meta will do with the declared category, given the content. */
export interface CategoryOutcome {
  action: "approved" | "approved_as_marketing" | "rejected";
  /** The category the template will have and be billed at; null when rejected. */
  category: "MARKETING" | "UTILITY" | "AUTHENTICATION" | null;
  note: string;
}

export interface Classification {
  predicted: "MARKETING" | "UTILITY" | "AUTHENTICATION";
  /** The share of real templates with the same evidence that Meta gave `predicted`. */
  confidence: number;
  /** `high` at confidence ≥ 0.8; `uncertain` below 0.6: Meta may go either way. */
  band: "high" | "medium" | "uncertain";
  /** Which way through the checklist decided (`promotion`, `mixed-content`, `utility`, `no-evidence` …). */
  basis: string;
  /** Meta's checklist, principle by principle. */
  checklist: ChecklistLine[];
  reasons: CategoryReason[];
  /** The closest pre-2023 notification type (SHIPPING_UPDATE …), for utility content. */
  legacyType: string | null;
  /** The word lists used: the template's language, or all six. */
  languages: string[];
}

export interface CategorySummary {
  declared: string | null;
  predicted: "MARKETING" | "UTILITY" | "AUTHENTICATION";
  confidence: number;
  band: "high" | "medium" | "uncertain";
  basis: string;
  checklist: ChecklistLine[];
  reasons: CategoryReason[];
  legacyType: string | null;
  /** What Meta will do with the declared category; null without a known declared category. */
  outcome: CategoryOutcome | null;
}

export interface ContentCheck {
  classification: Classification;
  /** Policy findings on the text (path "text"). */
  diagnostics: Diagnostic[];
}

export interface ValidationReport {
  name: string | null;
  language: string | null;
  /** False iff some diagnostic has severity "error". */
  ok: boolean;
  category: CategorySummary;
  diagnostics: Diagnostic[];
}

export interface IndexedValidationReport extends ValidationReport { index: number; }

export interface ValidateOptions {
  /** Unit of length limits: Unicode code points (default) or UTF-16 code units. */
  lengthUnit?: "characters" | "utf16";
  /** Per-rule overrides by code or name, e.g. { WP210: "off" }. */
  rules?: Record<string, "off" | "info" | "warning" | "error">;
  /** Locale codes to accept besides Meta's published list. */
  extraLanguages?: string[];
  /** Content policies: today's or the notification rules of 2019; default: those in force on asOf. */
  policy?: "current" | "2019";
  /** The date whose limits and policies apply ("2025-11-01" or an ISO 8601 time); today's when absent. */
  asOf?: string;
}

export interface RuleInfo {
  code: string;
  name: string;
  severity: Severity;
  summary: string;
  why: string;
  help: string | null;
  uncertain: boolean;
  /** For send rules: the Cloud API error code a send that breaks the rule gets. */
  error_code: number | null;
  /** Other codes Meta has been seen to answer for it. */
  alternatives: number[];
}

/** Thrown for input that is not usable at all. */
export interface WaPreflightError extends Error {
  code: "INVALID_JSON" | "EMPTY_INPUT" | "NOT_A_TEMPLATE" | "NOT_A_PAYLOAD" | "INVALID_OPTIONS" | "INVALID_PARAMS" | "INVALID_STATE" | "INVALID_TIMELINE" | "INVALID_CAMPAIGN" | "INVALID_NUMBER" | "INVALID_RATE_CARD" | "INVALID_ARGUMENT";
  line?: number;
  column?: number;
}

/** Inline WhatsApp formatting. */
export type InlineNode =
  | { type: "text"; text: string }
  | { type: "bold" | "italic" | "strike"; children: InlineNode[] }
  | { type: "mono" | "code"; text: string }
  | { type: "link"; href: string; text: string }
  | { type: "break" };

/** Line-level blocks. */
export type BlockNode =
  | { type: "paragraph" | "bullet" | "quote"; children: InlineNode[] }
  | { type: "numbered"; number: number; children: InlineNode[] };

/** A text rendered three ways. */
export interface RenderedText {
  /** Values filled in, WhatsApp markers as written. */
  text: string;
  /** What the recipient reads (markers removed). */
  plain: string;
  /** HTML with every user character escaped. */
  html: string;
  blocks: BlockNode[];
}

/**
 * Values for renderTemplate / buildSendPayload. Positional values are arrays, named values
 * objects; buttons are keyed by button index (URL suffix, coupon code, OTP code or
 * quick-reply payload); a media header takes { image: { link } } (or video, document, gif) or a
 * bare link, a location header { location: { latitude, longitude, name, address } }.
 */
export interface TemplateParams {
  header?: (string | number)[] | Record<string, string | number> | string | Record<string, unknown>;
  body?: (string | number)[] | Record<string, string | number>;
  buttons?: (string | number | null | { payload: string })[] | Record<string, string | number | { payload: string }>;
  cards?: { header?: unknown; body?: (string | number)[] | Record<string, string | number>; buttons?: unknown }[];
  /** A limited-time offer's end: { expiration_time_ms }. */
  offer?: { expiration_time_ms: number };
}

export interface RenderOptions {
  lengthUnit?: "characters" | "utf16";
  /** Fill placeholders without a value from the template's samples. */
  useExamples?: boolean;
  /** Show links as text instead of rel="noopener noreferrer" anchors. */
  linksAsText?: boolean;
  /** Also return the whole bubble as one escaped HTML fragment (`html`). */
  html?: boolean;
}

export interface HeaderPreview extends Partial<RenderedText> {
  kind: "text" | "image" | "video" | "gif" | "document" | "location" | "product" | "unknown";
  media: Record<string, unknown> | null;
}

export interface ButtonPreview {
  index: number;
  kind: string;
  text: string;
  url: string | null;
  phone_number: string | null;
  code: string | null;
}

export interface TemplatePreview {
  name: string | null;
  language: string | null;
  category: string | null;
  header: HeaderPreview | null;
  offer: { text: string; has_expiration: boolean } | null;
  body: RenderedText | null;
  footer: RenderedText | null;
  buttons: ButtonPreview[];
  /** Up to three buttons show; more collapse behind "See all options" after the first two. */
  layout: { visible: number[]; see_all_options: boolean };
  cards: { header: HeaderPreview | null; body: RenderedText | null; buttons: ButtonPreview[] }[];
  ok: boolean;
  diagnostics: Diagnostic[];
  /** With the `html` option: the bubble as one HTML fragment, every user character escaped. */
  html?: string;
}

/** Per recipient number (digits, country code first): conversation and consent state. */
export type ConversationState = Record<string, {
  last_inbound_at?: string | null;
  free_entry_point_until?: string | null;
  opted_out?: string[];
  marketing_stopped?: boolean;
  /** The pricing market of a recipient given as a business-scoped user ID (no calling code). */
  market?: string | null;
}>;

export interface SendOptions {
  /** The business's templates: a Graph API list response, an array, or its JSON / JSON Lines text. */
  templates?: unknown;
  state?: ConversationState;
  /** The time of the send: ISO 8601 text or milliseconds since the epoch. */
  now?: string | number;
  /** The day whose dated rules, limits and prices apply, when not now's (YYYY-MM-DD, ISO 8601 or ms). */
  asOf?: string | number;
  /** How the billing is priced: as for estimateCost. */
  pricing?: PriceOptions;
  lengthUnit?: "characters" | "utf16";
  /** The endpoint the body goes to (default "messages"). */
  endpoint?: "messages" | "marketing_messages";
  /** Overrides of data/send-limits.json by name, e.g. { "list.body": 1024 }; null turns one off. */
  limits?: Record<string, number | null>;
  /** Per-rule overrides by code or name, e.g. { WP530: "warning" }. */
  rules?: Record<string, "off" | "info" | "warning" | "error">;
}

/** A check that did not run for want of templates, state or time. */
export interface SkippedCheck { check: "template" | "window" | "consent" | "billing"; reason: string; }

export interface WindowState { open: boolean; expires_at: string | null; remaining_seconds: number | null; }

export interface SendReport {
  ok: boolean;
  verdict: "allow" | "block";
  /** The Cloud API error the request would most likely get (null when allowed). */
  error_code: number | null;
  /** Other codes Meta has been seen to answer for the same fault. */
  alternatives: number[];
  diagnostics: Diagnostic[];
  window: WindowState | null;
  billing: {
    billable: boolean; pricing_model: string | null; category: string; market: string | null;
    rate: number | null; currency: string; type: string; card: string | null;
    /** Why a billed message has no rate. */
    reason: string | null;
    notices: PriceNotice[];
  } | null;
  /** What was not checked, and why. */
  skipped: SkippedCheck[];
}

export interface BuiltPayload { payload: Record<string, unknown>; diagnostics: Diagnostic[]; }

/** One message, call or consent change of a timeline. */
export interface TimelineEvent {
  at: string;
  direction: "inbound" | "outbound";
  /** template, text, image, interactive, call … (text when missing); opt_in / opt_out;
   *  business_agent for a message written by Meta Business Agent. */
  type?: string;
  category?: "marketing" | "utility" | "authentication" | null;
  to?: string;
  from?: string;
  /** "ctwa" or "page_button" on a user's message that came from a free entry point. */
  entry_point?: string | null;
  /** A user's message text or button payload (STOP words). */
  text?: string;
  categories?: string[];
  /** The recipient's pricing market, for a recipient given as a business-scoped user ID
   *  (it wins over a number's calling code). */
  market?: string | null;
}

/** `currency`: USD (the shipped cards) or the currency of a card passed in `rateCards`. */
export interface Timeline { events: TimelineEvent[]; currency?: string; }

export interface PriceOptions {
  /** Use rates only providers report (no Meta text states them); without it they are unpriced. */
  includeReported?: boolean;
  /** The business qualifies for authentication-international rates. */
  authenticationInternational?: boolean;
  /** Volume tiers (Meta's thresholds are not shipped). */
  tiers?: { category: "utility" | "authentication"; market?: string; from?: number; to?: number; tier?: string; rate?: number; discount?: number }[];
  /** Already used this month: "India/utility", "conversations", "service_conversations", "service_messages". */
  monthToDate?: Record<string, number>;
  /** Rate cards in Meta's CSV layout, used besides the shipped ones (any currency). */
  rateCards?: { csv: string; id?: string; effective?: string; model?: "CBP" | "PMP" }[];
  /** Price under the eras, cards, markets and rules of this day, not of each message's time. */
  asOf?: string;
  /** From 2026-10-01, the card column service messages are billed at (default utility). */
  serviceRate?: "utility" | "authentication" | "unpriced";
  /** From 2026-10-01, service messages free each month (disputed; default 0). */
  freeServiceMessagesPerMonth?: number;
  /** Pricing markets of recipients given as business-scoped user IDs. */
  markets?: Record<string, string>;
}

/** What a price depends on that the data cannot vouch for. */
export interface PriceNotice {
  kind: "stale_data" | "incomplete_card" | "disputed_allowance";
  message: string;
  file: string | null;
  checked: string | null;
  card: string | null;
  market: string | null;
  missing: string[];
}

export interface PricedMessage {
  event: number;
  allowed: boolean;
  billable: boolean;
  pricing_model: "NBP" | "CBP" | "PMP" | null;
  category: string;
  rate: number | null;
  type: string;
  conversation: string | null;
  market: string | null;
  card: string | null;
  error_code: number | null;
  /** Why a billed message has no rate. */
  reason: string | null;
}

export interface RateCard {
  id: string;
  effective: string;
  model: "CBP" | "PMP";
  currency: string;
  rates: Record<string, { marketing: number | null; utility: number | null; authentication: number | null; authentication_international: number | null; service: number | null }>;
  warnings: string[];
}

export interface PriceReport { messages: PricedMessage[]; total: number; currency: string; unpriced: number; notices: PriceNotice[]; }

export interface WindowStateResult {
  open: boolean;
  expires_at: string | null;
  remaining_seconds: number | null;
  free_entry_point: { open: boolean; expires_at: string } | null;
}

export interface CampaignInput {
  category: "marketing" | "utility" | "authentication";
  /** Recipient numbers, or recipients counted per market. */
  recipients: string[] | Record<string, number>;
  /** When the campaign is sent (ISO 8601). */
  at: string;
  /** USD (default) or the currency of a card passed in `rateCards`. */
  currency?: string;
}

export interface CampaignEstimate {
  category: string;
  pricing_model: string | null;
  card: string | null;
  markets: { market: string; recipients: number; rate: number | null; cost: number; reason: string | null }[];
  recipients: number;
  invalid: number;
  total: number;
  currency: string;
  /** Recipients in markets without a rate (not in total). */
  unpriced: number;
  notices: PriceNotice[];
}

/** A data file embedded in the build: what it is, the date it describes and when it was checked. */
export interface DataFile { file: string; effective: string | null; last_checked: string | null; }
"#;

/// The package version.
#[wasm_bindgen]
pub fn version() -> String {
    crate::VERSION.to_string()
}

/// The data files embedded in this build, with the date each describes and the day it was last
/// checked against its sources.
#[wasm_bindgen(js_name = dataFiles, unchecked_return_type = "DataFile[]")]
pub fn data_files() -> Result<JsValue, JsValue> {
    let files: Vec<Value> = crate::DATA_FILES
        .iter()
        .map(|(file, effective, checked)| serde_json::json!({ "file": file, "effective": effective, "last_checked": checked }))
        .collect();
    to_js(&files)
}

/// The size of this instance's linear memory in bytes. It grows in 64 KiB pages and never
/// shrinks: watch it in long-lived workers (the hostile-input test does, over a million calls).
#[wasm_bindgen(js_name = memoryBytes)]
pub fn memory_bytes() -> f64 {
    wasm_bindgen::memory()
        .unchecked_into::<js_sys::WebAssembly::Memory>()
        .buffer()
        .unchecked_into::<js_sys::ArrayBuffer>()
        .byte_length() as f64
}

/// Validates one template (a JS object or its JSON text).
#[wasm_bindgen(js_name = validateTemplate, unchecked_return_type = "ValidationReport")]
pub fn validate_template(
    #[wasm_bindgen(unchecked_param_type = "TemplateInput")] template: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ValidateOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let options = read_options(&options)?;
    let value = read_input(&template, "template")?;
    to_js(&validate_value(&value, &options).map_err(throw)?)
}

/// Validates every template of a list: an array, a Graph API list response `{data: [...]}`,
/// a single object, or JSON / JSON Lines text. Each report carries its `index`.
#[wasm_bindgen(js_name = validateTemplates, unchecked_return_type = "IndexedValidationReport[]")]
pub fn validate_templates(
    #[wasm_bindgen(unchecked_param_type = "TemplateInput | TemplateInput[]")] input: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ValidateOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let options = read_options(&options)?;
    let items = match input.as_string() {
        Some(text) => parse_document(&text).map_err(throw)?,
        None => items_of(read_input(&input, "template or list of templates")?),
    };
    #[derive(Serialize)]
    struct Indexed<T> {
        index: usize,
        #[serde(flatten)]
        report: T,
    }
    let reports: Vec<_> = items
        .iter()
        .enumerate()
        .map(|(index, item)| Indexed { index, report: validate_item(item, &options) })
        .collect();
    to_js(&reports)
}

/// Predicts the category Meta will give a template, from its content, with the reasons.
/// `options.lexicon` replaces the shipped word lists (same shape as `data/classify.json`).
#[wasm_bindgen(js_name = classifyTemplate, unchecked_return_type = "Classification")]
pub fn classify_template_js(
    #[wasm_bindgen(unchecked_param_type = "TemplateInput")] template: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "{ lexicon?: Record<string, unknown> }")] options: JsValue,
) -> Result<JsValue, JsValue> {
    console_error_panic_hook::set_once();
    let template = template_of(&template)?;
    let options = read_value(&options, "INVALID_OPTIONS")?;
    match options.get("lexicon") {
        None | Some(Value::Null) => to_js(&classify(&template)),
        Some(lexicon) => {
            let lexicon = crate::classify::Lexicon::from_json(&lexicon.to_string())
                .map_err(|e| throw(InputError::new("INVALID_OPTIONS", e)))?;
            to_js(&crate::classify::classify_with(&template, &lexicon))
        }
    }
}

/// Classifies free text as it is typed and lists the policy findings on it.
#[wasm_bindgen(js_name = checkContent, unchecked_return_type = "ContentCheck")]
pub fn check_content_js(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    #[wasm_bindgen(
        unchecked_optional_param_type = "{ language?: string; policy?: \"current\" | \"2019\"; category?: string }"
    )]
    options: JsValue,
) -> Result<JsValue, JsValue> {
    console_error_panic_hook::set_once();
    let Some(text) = text.as_string() else {
        return Err(throw(InputError::new(
            "INVALID_ARGUMENT",
            format!("checkContent expects a string, found {}", js_kind(&text)),
        )));
    };
    let opts: ContentOptions = read_struct(&options, "INVALID_OPTIONS")?;
    to_js(&check_content(&text, &opts))
}

/// Prices every outbound message of a timeline: allowed, billed, model, category, rate.
#[wasm_bindgen(js_name = estimateCost, unchecked_return_type = "PriceReport")]
pub fn estimate_cost_js(
    #[wasm_bindgen(unchecked_param_type = "Timeline | string")] timeline: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "PriceOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    console_error_panic_hook::set_once();
    let options: PriceOptions = read_struct(&options, "INVALID_OPTIONS")?;
    let value = text_or_value(&timeline, "INVALID_TIMELINE")?;
    let timeline: Timeline = serde_json::from_value(value)
        .map_err(|e| throw(InputError::new("INVALID_TIMELINE", format!("invalid timeline: {e}"))))?;
    to_js(&price_timeline(&timeline, &options).map_err(throw)?)
}

/// The cost of one template to many recipients, by market, with volume tiers.
#[wasm_bindgen(js_name = estimateCampaign, unchecked_return_type = "CampaignEstimate")]
pub fn estimate_campaign_js(
    #[wasm_bindgen(unchecked_param_type = "CampaignInput")] campaign: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "PriceOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    console_error_panic_hook::set_once();
    let options: PriceOptions = read_struct(&options, "INVALID_OPTIONS")?;
    let invalid = |m: String| throw(InputError::new("INVALID_CAMPAIGN", m));
    let at = js_sys::Reflect::get(&campaign, &"at".into())
        .ok()
        .and_then(|v| v.as_string())
        .ok_or_else(|| invalid("campaign needs `at` (ISO 8601)".into()))?;
    let at = parse_time(&at).map_err(|e| invalid(format!("at: {e}")))?;
    let category =
        js_sys::Reflect::get(&campaign, &"category".into()).ok().and_then(|v| v.as_string()).unwrap_or_default();
    let currency = js_sys::Reflect::get(&campaign, &"currency".into())
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_else(|| "USD".into());
    // Markets are those of the rules' day.
    let rules_at = options.as_of_time().map_err(throw)?.unwrap_or(at);
    if !matches!(category.to_ascii_lowercase().as_str(), "marketing" | "utility" | "authentication") {
        return Err(invalid(format!("category must be marketing, utility or authentication, not `{category}`")));
    }
    let recipients = js_sys::Reflect::get(&campaign, &"recipients".into()).unwrap_or(JsValue::UNDEFINED);
    let (per_market, bad) = if js_sys::Array::is_array(&recipients) {
        // Numbers are read straight from the JS array: a million recipients stay cheap.
        let list = js_sys::Array::from(&recipients);
        let numbers: Vec<String> = list.iter().filter_map(|v| v.as_string()).collect();
        let not_strings = list.length() as u64 - numbers.len() as u64;
        let (m, invalid) = count_markets(numbers.iter().map(String::as_str), rules_at);
        (m, invalid + not_strings)
    } else {
        let counts: std::collections::BTreeMap<String, u64> = js_to_json(&recipients)
            .and_then(|v| serde_json::from_value(v).map_err(|e| e.to_string()))
            .map_err(|e| invalid(format!("recipients must be numbers or counts per market: {e}")))?;
        (counts, 0)
    };
    to_js(&estimate_campaign(&category, &per_market, bad, at, &currency, &options).map_err(throw)?)
}

/// Reads a rate card in Meta's CSV layout, to inspect it or pass it as `rateCards`.
#[wasm_bindgen(js_name = loadRateCard, unchecked_return_type = "RateCard")]
pub fn load_rate_card_js(
    #[wasm_bindgen(unchecked_param_type = "string")] csv: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "{ id?: string; effective?: string; model?: \"CBP\" | \"PMP\" }")]
    options: JsValue,
) -> Result<JsValue, JsValue> {
    console_error_panic_hook::set_once();
    let csv =
        csv.as_string().ok_or_else(|| throw(InputError::new("INVALID_ARGUMENT", "loadRateCard expects CSV text")))?;
    let o: crate::pricing::RateCardInput = match read_value(&options, "INVALID_OPTIONS")? {
        Value::Null => Default::default(),
        Value::Object(mut o) => {
            o.insert("csv".into(), Value::String(String::new()));
            serde_json::from_value(Value::Object(o))
                .map_err(|e| throw(InputError::new("INVALID_OPTIONS", format!("invalid options: {e}"))))?
        }
        other => {
            return Err(throw(InputError::new(
                "INVALID_OPTIONS",
                format!("options must be an object, found {}", crate::template::json_kind(&other)),
            )))
        }
    };
    let (card, warnings) =
        crate::pricing::card_from_csv(&csv, o.id.as_deref(), o.effective.as_deref(), o.model.as_deref())
            .map_err(|e| throw(InputError::new("INVALID_RATE_CARD", e)))?;
    let dec = |v: Option<i64>| v.map(crate::pricing::to_decimal);
    let rates: std::collections::BTreeMap<&str, Value> = card
        .rates
        .iter()
        .map(|(m, r)| {
            (
                m.as_str(),
                serde_json::json!({
                    "marketing": dec(r.marketing), "utility": dec(r.utility), "authentication": dec(r.authentication),
                    "authentication_international": dec(r.authentication_international), "service": dec(r.service),
                }),
            )
        })
        .collect();
    to_js(&serde_json::json!({
        "id": card.id, "effective": crate::window::format_time(card.effective), "model": card.model,
        "currency": card.currency, "rates": rates, "warnings": warnings,
    }))
}

/// The customer-service and free-entry-point windows of one user at `now`.
#[wasm_bindgen(js_name = windowState, unchecked_return_type = "WindowStateResult")]
pub fn window_state_js(
    #[wasm_bindgen(unchecked_param_type = "TimelineEvent[]")] events: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string | number")] now: JsValue,
) -> Result<JsValue, JsValue> {
    console_error_panic_hook::set_once();
    let events: Vec<crate::window::Event> = js_to_json(&events)
        .and_then(|v| serde_json::from_value(v).map_err(|e| e.to_string()))
        .map_err(|e| throw(InputError::new("INVALID_TIMELINE", format!("invalid events: {e}"))))?;
    let now = match (now.as_string(), now.as_f64()) {
        (Some(s), _) => parse_time(&s).map_err(|e| throw(InputError::new("INVALID_ARGUMENT", format!("now: {e}"))))?,
        (None, Some(ms)) => (ms / 1000.0).floor() as i64,
        _ => return Err(throw(InputError::new("INVALID_ARGUMENT", "now must be ISO 8601 text or milliseconds"))),
    };
    to_js(&crate::window::window_state(&events, now).map_err(|e| throw(InputError::new("INVALID_TIMELINE", e)))?)
}

/// The pricing market of a recipient number (at `at`, default the latest assignment).
#[wasm_bindgen(js_name = marketOf)]
pub fn market_of_js(
    #[wasm_bindgen(unchecked_param_type = "string")] number: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "string")] at: JsValue,
) -> Result<String, JsValue> {
    let number = number
        .as_string()
        .ok_or_else(|| throw(InputError::new("INVALID_ARGUMENT", "marketOf expects a phone number string")))?;
    let at = match at.as_string() {
        Some(s) => parse_time(&s).map_err(|e| throw(InputError::new("INVALID_ARGUMENT", format!("at: {e}"))))?,
        None => i64::MAX / 2,
    };
    DATA.market_of(&number, at).map_err(|e| throw(InputError::new("INVALID_NUMBER", e)))
}

/// Splits JSON or JSON Lines text into its items (objects, array elements, `data` entries).
/// Throws `INVALID_JSON` with the failing `line` and `column`.
#[wasm_bindgen(js_name = parseDocument, unchecked_return_type = "unknown[]")]
pub fn parse_document_js(#[wasm_bindgen(unchecked_param_type = "string")] text: JsValue) -> Result<JsValue, JsValue> {
    let Some(text) = text.as_string() else {
        return Err(throw(InputError::new("INVALID_ARGUMENT", "parseDocument expects a string")));
    };
    to_js(&parse_document(&text).map_err(throw)?)
}

/// The rule registry: every code with its name, severity and documentation.
#[wasm_bindgen(unchecked_return_type = "RuleInfo[]")]
pub fn rules() -> Result<JsValue, JsValue> {
    #[derive(Serialize)]
    struct Info {
        code: &'static str,
        name: &'static str,
        severity: crate::Severity,
        summary: &'static str,
        why: &'static str,
        help: Option<&'static str>,
        uncertain: bool,
        error_code: Option<u32>,
        alternatives: &'static [u32],
    }
    let list: Vec<Info> = RULES
        .iter()
        .map(|r| Info {
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
        .collect();
    to_js(&list)
}

/// Renders a template with parameter values: the whole bubble as text, nodes and escaped HTML.
#[wasm_bindgen(js_name = renderTemplate, unchecked_return_type = "TemplatePreview")]
pub fn render_template_js(
    #[wasm_bindgen(unchecked_param_type = "TemplateInput")] template: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "TemplateParams")] params: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "RenderOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    console_error_panic_hook::set_once();
    let options: RenderOptions = read_struct(&options, "INVALID_OPTIONS")?;
    let template = template_of(&template)?;
    let params = read_value(&params, "INVALID_PARAMS")?;
    to_js(&render_template(&template, &params, &options).map_err(throw)?)
}

/// Renders WhatsApp-formatted text as `"html"` (default; every character escaped), `"text"`
/// (markers removed) or `"nodes"` (the block tree).
#[wasm_bindgen(js_name = renderMarkup, unchecked_return_type = "string | BlockNode[]")]
pub fn render_markup_js(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "\"html\" | \"text\" | \"nodes\"")] format: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "{ linksAsText?: boolean }")] options: JsValue,
) -> Result<JsValue, JsValue> {
    console_error_panic_hook::set_once();
    let Some(text) = text.as_string() else {
        return Err(throw(InputError::new(
            "INVALID_ARGUMENT",
            format!("renderMarkup expects a string, found {}", js_kind(&text)),
        )));
    };
    let format = if format.is_undefined() || format.is_null() {
        "html".to_string()
    } else {
        format.as_string().unwrap_or_default()
    };
    let options: RenderOptions = read_struct(&options, "INVALID_OPTIONS")?;
    let blocks = markup::parse(&text);
    match format.as_str() {
        "html" => Ok(markup::to_html(&blocks, if options.links_as_text { Links::Text } else { Links::Anchors }).into()),
        "text" => Ok(markup::to_plain_text(&blocks).into()),
        "nodes" => to_js(&blocks),
        other => Err(throw(InputError::new(
            "INVALID_ARGUMENT",
            format!("format must be \"html\", \"text\" or \"nodes\", not `{other}`"),
        ))),
    }
}

/// Checks a Cloud API send request; with `templates`, against the business's templates, and
/// with `state` and `now`, against the customer-service window. JSON text is read as the body
/// Meta receives: valid JSON that is not an object is a WP520 finding (Meta answers 100); a JS
/// value that is not an object throws `NOT_A_PAYLOAD`.
#[wasm_bindgen(js_name = checkSend, unchecked_return_type = "SendReport")]
pub fn check_send_js(
    #[wasm_bindgen(unchecked_param_type = "Record<string, unknown> | string")] payload: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "SendOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    console_error_panic_hook::set_once();
    let opts = read_send_options(&options)?;
    let registry = opts.templates.as_ref().map(|t| TemplateRegistry::from_items(&items_of(t.clone())));
    run_check(&payload, &opts, registry.as_ref())
}

/// Holds a compiled registry of the business's templates for repeated send checks.
#[wasm_bindgen]
pub struct SendChecker {
    registry: TemplateRegistry,
}

#[wasm_bindgen]
impl SendChecker {
    /// `templates`: a Graph API list response, an array of templates, or their JSON / JSON
    /// Lines text.
    #[wasm_bindgen(constructor)]
    pub fn new(#[wasm_bindgen(unchecked_param_type = "unknown")] templates: JsValue) -> Result<SendChecker, JsValue> {
        console_error_panic_hook::set_once();
        let registry = match templates.as_string() {
            Some(text) => TemplateRegistry::from_document(&text).map_err(throw)?,
            None => TemplateRegistry::from_items(&items_of(read_input(&templates, "template list")?)),
        };
        Ok(SendChecker { registry })
    }

    /// The number of (name, language) templates held.
    #[wasm_bindgen(getter)]
    pub fn size(&self) -> usize {
        self.registry.len()
    }

    /// Checks one send request against the held templates.
    #[wasm_bindgen(unchecked_return_type = "SendReport")]
    pub fn check(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Record<string, unknown> | string")] payload: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "Omit<SendOptions, \"templates\">")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let opts = read_send_options(&options)?;
        if opts.templates.is_some() {
            return Err(throw(InputError::new(
                "INVALID_OPTIONS",
                "a SendChecker holds its templates; pass them to the constructor",
            )));
        }
        run_check(&payload, &opts, Some(&self.registry))
    }
}

/// Builds the Cloud API send request for a template and its values.
#[wasm_bindgen(js_name = buildSendPayload, unchecked_return_type = "BuiltPayload")]
pub fn build_send_payload_js(
    #[wasm_bindgen(unchecked_param_type = "TemplateInput")] template: JsValue,
    #[wasm_bindgen(unchecked_param_type = "TemplateParams")] params: JsValue,
    #[wasm_bindgen(unchecked_param_type = "{ to: string }")] options: JsValue,
) -> Result<JsValue, JsValue> {
    console_error_panic_hook::set_once();
    let template = template_of(&template)?;
    let params = read_value(&params, "INVALID_PARAMS")?;
    let to = js_sys::Reflect::get(&options, &"to".into()).ok().and_then(|v| v.as_string());
    let Some(to) = to.filter(|t| !t.trim().is_empty()) else {
        return Err(throw(InputError::new("INVALID_OPTIONS", "buildSendPayload needs { to: \"<recipient number>\" }")));
    };
    let (payload, diagnostics) = build_send_payload(&template, &params, &to).map_err(throw)?;
    #[derive(Serialize)]
    struct Built {
        payload: Value,
        diagnostics: Vec<crate::Diagnostic>,
    }
    to_js(&Built { payload, diagnostics })
}

#[derive(Default)]
struct JsSendOptions {
    templates: Option<Value>,
    state: Option<std::collections::HashMap<String, crate::send::RecipientState>>,
    now: Option<i64>,
    as_of: Option<i64>,
    pricing: Option<PriceOptions>,
    length_unit: LengthUnit,
    endpoint: crate::payload::Endpoint,
    limits: crate::payload::Limits,
    rules: std::collections::HashMap<String, crate::check::RuleSetting>,
}

impl JsSendOptions {
    /// The core's options, borrowing from these and the registry.
    fn with<'a>(&'a self, templates: Option<&'a TemplateRegistry>) -> SendOptions<'a> {
        SendOptions {
            templates,
            state: self.state.as_ref(),
            now: self.now,
            as_of: self.as_of,
            pricing: self.pricing.as_ref(),
            length_unit: self.length_unit,
            endpoint: self.endpoint,
            limits: Some(&self.limits),
            rules: Some(&self.rules),
        }
    }
}

fn read_send_options(v: &JsValue) -> Result<JsSendOptions, JsValue> {
    let value = read_value(v, "INVALID_OPTIONS")?;
    let invalid = |m: String| throw(InputError::new("INVALID_OPTIONS", m));
    let obj = match &value {
        Value::Null => return Ok(JsSendOptions::default()),
        Value::Object(o) => o,
        other => {
            return Err(invalid(format!("options must be an object, found {}", crate::template::json_kind(other))))
        }
    };
    if let Some(k) = obj.keys().find(|k| {
        !matches!(
            k.as_str(),
            "templates" | "state" | "now" | "asOf" | "pricing" | "lengthUnit" | "endpoint" | "limits" | "rules"
        )
    }) {
        return Err(invalid(format!("unknown option `{k}`")));
    }
    let templates = match obj.get("templates") {
        Some(Value::String(text)) => Some(Value::Array(parse_document(text).map_err(throw)?)),
        other => other.filter(|v| !v.is_null()).cloned(),
    };
    let state = obj.get("state").filter(|v| !v.is_null()).map(read_state).transpose().map_err(throw)?;
    let time = |key: &str| -> Result<Option<i64>, JsValue> {
        match obj.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(parse_time(s).map_err(|e| invalid(format!("{key}: {e}")))?)),
            Some(Value::Number(n)) => Ok(Some(
                n.as_f64()
                    .map(|ms| (ms / 1000.0).floor() as i64)
                    .ok_or_else(|| invalid(format!("{key}: not a number")))?,
            )),
            Some(other) => Err(invalid(format!(
                "{key} must be ISO 8601 text or milliseconds, found {}",
                crate::template::json_kind(other)
            ))),
        }
    };
    let now = time("now")?;
    let as_of = time("asOf")?;
    let pricing = match obj.get("pricing") {
        None | Some(Value::Null) => None,
        Some(v) => Some(serde_json::from_value(v.clone()).map_err(|e| invalid(format!("pricing: {e}")))?),
    };
    let length_unit = match obj.get("lengthUnit") {
        None | Some(Value::Null) => LengthUnit::default(),
        Some(v) => serde_json::from_value(v.clone()).map_err(|e| invalid(format!("lengthUnit: {e}")))?,
    };
    let endpoint = match obj.get("endpoint") {
        None | Some(Value::Null) => crate::payload::Endpoint::default(),
        Some(v) => serde_json::from_value(v.clone())
            .map_err(|_| invalid("endpoint must be \"messages\" or \"marketing_messages\"".into()))?,
    };
    let limits = crate::payload::Limits::from_value(obj.get("limits").unwrap_or(&Value::Null)).map_err(throw)?;
    let rules = match obj.get("rules") {
        None | Some(Value::Null) => Default::default(),
        Some(v) => {
            let rules: std::collections::HashMap<String, crate::check::RuleSetting> =
                serde_json::from_value(v.clone()).map_err(|e| invalid(format!("rules: {e}")))?;
            if let Some(k) = rules.keys().find(|k| crate::rules::find_rule(k).is_none()) {
                return Err(invalid(format!("rules: no rule `{k}`")));
            }
            rules
        }
    };
    Ok(JsSendOptions { templates, state, now, as_of, pricing, length_unit, endpoint, limits, rules })
}

fn run_check(payload: &JsValue, opts: &JsSendOptions, registry: Option<&TemplateRegistry>) -> Result<JsValue, JsValue> {
    // JSON text is the body as Meta receives it: one that is not an object is a finding (WP520,
    // answered 100); a JS value that is not an object is a wrong argument (NOT_A_PAYLOAD).
    let body = text_or_value(payload, "NOT_A_PAYLOAD")?;
    let opts = opts.with(registry);
    let report =
        if payload.is_string() { crate::send::check_send_item(&body, &opts) } else { check_send(&body, &opts) };
    to_js(&report.map_err(throw)?)
}

/// A template from a JS object or JSON text.
fn template_of(v: &JsValue) -> Result<crate::template::Template, JsValue> {
    let value = read_input(v, "template")?;
    let Some(obj) = value.as_object() else {
        return Err(throw(InputError::new(
            "NOT_A_TEMPLATE",
            format!("expected a template object, found {}", crate::template::json_kind(&value)),
        )));
    };
    Ok(read_template(obj, &mut Vec::new()))
}

/// JSON text parsed, or a plain JS value read.
fn text_or_value(v: &JsValue, code: &'static str) -> Result<Value, JsValue> {
    match v.as_string() {
        Some(text) => serde_json::from_str(&text).map_err(|e| throw(InputError::json(&e, 0))),
        None => read_value(v, code),
    }
}

/// A plain JSON value (`undefined` reads as null); anything else is an error with `code`.
fn read_value(v: &JsValue, code: &'static str) -> Result<Value, JsValue> {
    if v.is_undefined() || v.is_null() {
        return Ok(Value::Null);
    }
    js_to_json(v).map_err(|e| throw(InputError::new(code, format!("expected plain JSON values: {e}"))))
}

/// Options deserialized into a struct, rejecting unknown keys.
fn read_struct<T: serde::de::DeserializeOwned + Default>(v: &JsValue, code: &'static str) -> Result<T, JsValue> {
    match read_value(v, code)? {
        Value::Null => Ok(T::default()),
        value @ Value::Object(_) => {
            serde_json::from_value(value).map_err(|e| throw(InputError::new(code, format!("invalid options: {e}"))))
        }
        other => Err(throw(InputError::new(
            code,
            format!("options must be an object, found {}", crate::template::json_kind(&other)),
        ))),
    }
}

fn read_input(v: &JsValue, what: &str) -> Result<Value, JsValue> {
    if let Some(text) = v.as_string() {
        return serde_json::from_str(text.strip_prefix('\u{feff}').unwrap_or(&text))
            .map_err(|e| throw(InputError::json(&e, 0)));
    }
    if v.is_undefined() || v.is_null() {
        return Err(throw(InputError::new("NOT_A_TEMPLATE", format!("expected a {what}, found {}", js_kind(v)))));
    }
    js_to_json(v).map_err(|e| {
        throw(InputError::new("NOT_A_TEMPLATE", format!("expected a {what} made of plain JSON values: {e}")))
    })
}

fn read_options(v: &JsValue) -> Result<ValidateOptions, JsValue> {
    // Every entry point reads options first: a good place to route panics to the console.
    console_error_panic_hook::set_once();
    if v.is_undefined() || v.is_null() {
        return Ok(ValidateOptions::default());
    }
    if !v.is_object() || js_sys::Array::is_array(v) {
        return Err(throw(InputError::new(
            "INVALID_OPTIONS",
            format!("options must be an object, found {}", js_kind(v)),
        )));
    }
    let value: Value =
        js_to_json(v).map_err(|e| throw(InputError::new("INVALID_OPTIONS", format!("invalid options: {e}"))))?;
    ValidateOptions::from_value(&value).map_err(throw)
}

/// Reads a JS value as JSON: the engine's `JSON.stringify`, then `serde_json`. Walking a JS
/// object from Rust recurses once per level, and a deep enough object (tens of thousands of
/// levels) overflows the WASM stack, which has no guard page: the instance is then corrupted for
/// good. This way the engine's own stack limit (a catchable `RangeError`) and serde_json's depth
/// limit (128) stop deep input with an error. Functions, symbols and `undefined` inside objects
/// are dropped, as `JSON.stringify` does; a BigInt is an error; lone surrogates become U+FFFD.
fn js_to_json(v: &JsValue) -> Result<Value, String> {
    if v.is_undefined() {
        return Ok(Value::Null);
    }
    let text = js_sys::JSON::stringify(v).map_err(|e| match e.dyn_ref::<js_sys::Error>() {
        Some(err) => String::from(err.message()),
        None => "the value cannot be written as JSON".to_string(),
    })?;
    let Some(text) = text.as_string() else {
        return Err(format!("{} is not a JSON value", js_kind(v)));
    };
    serde_json::from_str(&crate::text::repair_lone_surrogate_escapes(&text)).map_err(|e| e.to_string())
}

fn js_kind(v: &JsValue) -> String {
    if v.is_null() {
        "null".into()
    } else if js_sys::Array::is_array(v) {
        "an array".into()
    } else {
        v.js_typeof().as_string().unwrap_or_else(|| "a value".into())
    }
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| throw(InputError::new("INVALID_ARGUMENT", format!("could not build the result: {e}"))))
}

/// A JS `Error` carrying the input error's code (and line/column for JSON errors).
fn throw(e: InputError) -> JsValue {
    let err = js_sys::Error::new(&e.message);
    err.set_name("WaPreflightError");
    let obj: &JsValue = err.as_ref();
    // Setting a property on a fresh Error object cannot fail.
    let _ = js_sys::Reflect::set(obj, &"code".into(), &e.code.into());
    if let Some(line) = e.line {
        let _ = js_sys::Reflect::set(obj, &"line".into(), &(line as f64).into());
    }
    if let Some(column) = e.column {
        let _ = js_sys::Reflect::set(obj, &"column".into(), &(column as f64).into());
    }
    err.into()
}

// ---- exports for the front ends (adapters) ----
// What bin/wa-preflight.js and www/ would otherwise compute themselves lives in existing exports:
// the bubble as HTML is renderTemplate's `html` (option `html: true`), and a send request given
// as JSON text that is not an object gets its WP520 finding from checkSend (check_send_item).
// The core's placeholders_of (the placeholders of a text) and render::examples (a template's
// samples) are ready to export as `placeholders` and `exampleValues`; they are left out for
// the size budget (about 1.3 KB and 0.3 KB of gzip), as is a one-message price (about 1.5 KB).
