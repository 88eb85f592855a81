//! The JavaScript binding: the only file that names wasm-bindgen types. Each function takes
//! plain JS values (or JSON text), calls the core, and returns plain JS objects; misuse throws
//! an `Error` with a `code` (`INVALID_JSON`, `EMPTY_INPUT`, `NOT_A_TEMPLATE`, `INVALID_OPTIONS`,
//! `INVALID_ARGUMENT`).

use serde::Serialize;
use serde_json::Value;
use wasm_bindgen::prelude::*;

use crate::check::{check_content, validate_item, validate_value, ContentOptions};
use crate::entry::{self, CampaignInput, IndexedReport, MarkupFormat, MarkupOptions, SendCheck};
use crate::input::{items_of, parse_document, InputError};
use crate::pricing::{price_timeline, PriceOptions, Timeline};
use crate::render::{render_template, RenderOptions};
use crate::send::{build_send_payload, TemplateRegistry};
use crate::template::read_template;
use crate::time::Timestamp;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = r#"
/** A Graph API message template (create request or fetched), or its JSON text. */
export type TemplateInput = Record<string, unknown> | string;

export type Severity = "error" | "warning" | "info";

/** A time: ISO 8601 text ("2025-08-01", "2025-08-01T09:00:00Z", "…T11:00:00.250+02:00"),
 *  milliseconds since 1970-01-01, or a Date. Every entry point reads times this way. */
export type TimeInput = string | number | Date;

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
  legacy_type: string | null;
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
  legacy_type: string | null;
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
  /** The date whose limits and policies apply ("2025-11-01", an ISO 8601 time or ms); today's when absent. */
  asOf?: TimeInput;
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
  now?: TimeInput;
  /** The day whose dated rules, limits and prices apply, when not now's (YYYY-MM-DD, ISO 8601 or ms). */
  asOf?: TimeInput;
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
  at: TimeInput;
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
  asOf?: TimeInput;
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
  /** When the campaign is sent. */
  at: TimeInput;
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
    to_js(&entry::data_files())
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
    let reports: Vec<IndexedReport> = items
        .iter()
        .enumerate()
        .map(|(index, item)| IndexedReport { index, report: validate_item(item, &options) })
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
    let options: entry::ClassifyOptions = read_struct(&options)?;
    let template = template_of(&template)?;
    to_js(&options.classify(&template).map_err(throw)?)
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
    let opts: ContentOptions = read_struct(&options)?;
    to_js(&check_content(&text, &opts))
}

/// Prices every outbound message of a timeline: allowed, billed, model, category, rate.
#[wasm_bindgen(js_name = estimateCost, unchecked_return_type = "PriceReport")]
pub fn estimate_cost_js(
    #[wasm_bindgen(unchecked_param_type = "Timeline | string")] timeline: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "PriceOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    console_error_panic_hook::set_once();
    let options: PriceOptions = read_struct(&options)?;
    let text = match timeline.as_string() {
        Some(text) => text,
        None => read_text(&timeline, "INVALID_TIMELINE")?,
    };
    let timeline: Timeline = serde_json::from_str(&text)
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
    let options: PriceOptions = read_struct(&options)?;
    let campaign = CampaignInput::from_json(&read_text(&campaign, "INVALID_CAMPAIGN")?).map_err(throw)?;
    to_js(&campaign.estimate(&options).map_err(throw)?)
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
    let options: entry::RateCardOptions = read_struct(&options)?;
    to_js(&entry::load_rate_card(&csv, &options).map_err(throw)?)
}

/// The customer-service and free-entry-point windows of one user at `now`.
#[wasm_bindgen(js_name = windowState, unchecked_return_type = "WindowStateResult")]
pub fn window_state_js(
    #[wasm_bindgen(unchecked_param_type = "TimelineEvent[]")] events: JsValue,
    #[wasm_bindgen(unchecked_param_type = "TimeInput")] now: JsValue,
) -> Result<JsValue, JsValue> {
    console_error_panic_hook::set_once();
    let events: Vec<crate::window::Event> = js_to_text(&events)
        .and_then(|text| serde_json::from_str(&text).map_err(|e| e.to_string()))
        .map_err(|e| throw(InputError::new("INVALID_TIMELINE", format!("invalid events: {e}"))))?;
    let now =
        read_time(&now, "now")?.ok_or_else(|| throw(InputError::new("INVALID_ARGUMENT", "windowState needs `now`")))?;
    to_js(&crate::window::window_state(&events, now.secs()))
}

/// The pricing market of a recipient number (at `at`, default the latest assignment).
#[wasm_bindgen(js_name = marketOf)]
pub fn market_of_js(
    #[wasm_bindgen(unchecked_param_type = "string")] number: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "TimeInput")] at: JsValue,
) -> Result<String, JsValue> {
    let number = number
        .as_string()
        .ok_or_else(|| throw(InputError::new("INVALID_ARGUMENT", "marketOf expects a phone number string")))?;
    let at = read_time(&at, "at")?;
    entry::market_of(&number, at).map_err(throw)
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
    to_js(&entry::rule_infos())
}

/// Renders a template with parameter values: the whole bubble as text, nodes and escaped HTML.
#[wasm_bindgen(js_name = renderTemplate, unchecked_return_type = "TemplatePreview")]
pub fn render_template_js(
    #[wasm_bindgen(unchecked_param_type = "TemplateInput")] template: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "TemplateParams")] params: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "RenderOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    console_error_panic_hook::set_once();
    let options: RenderOptions = read_struct(&options)?;
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
    let format = match format.is_undefined() || format.is_null() {
        true => None,
        false => Some(format.as_string().unwrap_or_default()),
    };
    let format = MarkupFormat::from_name(format.as_deref()).map_err(throw)?;
    let options: MarkupOptions = read_struct(&options)?;
    to_js(&entry::render_markup(&text, format, &options))
}

/// Checks a Cloud API send request; with `templates`, against the business's templates, and
/// with `state` and `now`, against the customer-service window.
#[wasm_bindgen(js_name = checkSend, unchecked_return_type = "SendReport")]
pub fn check_send_js(
    #[wasm_bindgen(unchecked_param_type = "Record<string, unknown> | string")] payload: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "SendOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    console_error_panic_hook::set_once();
    let opts = SendCheck::from_json(&read_text(&options, "INVALID_OPTIONS")?).map_err(throw)?;
    run_check(&payload, &opts, None)
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
        let opts = SendCheck::from_json(&read_text(&options, "INVALID_OPTIONS")?).map_err(throw)?;
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
    let options = entry::BuildOptions::from_json(&read_text(&options, "INVALID_OPTIONS")?).map_err(throw)?;
    let (payload, diagnostics) = build_send_payload(&template, &params, &options.to).map_err(throw)?;
    to_js(&entry::BuiltPayload { payload, diagnostics })
}

fn run_check(payload: &JsValue, opts: &SendCheck, registry: Option<&TemplateRegistry>) -> Result<JsValue, JsValue> {
    let payload = text_or_value(payload, "NOT_A_PAYLOAD")?;
    to_js(&opts.check(&payload, registry).map_err(throw)?)
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

/// A plain JS value written as JSON text (`undefined` is `null`), for a core reader.
fn read_text(v: &JsValue, code: &'static str) -> Result<String, JsValue> {
    js_to_text(v).map_err(|e| throw(InputError::new(code, format!("expected plain JSON values: {e}"))))
}

/// Options deserialized into their core struct (`undefined` and `null` are the defaults).
fn read_struct<T: serde::de::DeserializeOwned + Default>(v: &JsValue) -> Result<T, JsValue> {
    entry::read_options(&read_text(v, "INVALID_OPTIONS")?).map_err(throw)
}

/// A time argument: a `Date` as its milliseconds, else ISO 8601 text or milliseconds as the
/// core's [`Timestamp`] reads them; `undefined` and `null` are none.
fn read_time(v: &JsValue, name: &str) -> Result<Option<Timestamp>, JsValue> {
    let invalid = |m: String| throw(InputError::new("INVALID_ARGUMENT", format!("{name}: {m}")));
    if let Some(date) = v.dyn_ref::<js_sys::Date>() {
        return Timestamp::from_millis(date.get_time()).map(Some).map_err(invalid);
    }
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    serde_json::from_str(&read_text(v, "INVALID_ARGUMENT")?).map(Some).map_err(|e| invalid(e.to_string()))
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

fn read_options(v: &JsValue) -> Result<crate::check::ValidateOptions, JsValue> {
    // Every entry point reads options first: a good place to route panics to the console.
    console_error_panic_hook::set_once();
    entry::validate_options(&read_text(v, "INVALID_OPTIONS")?).map_err(throw)
}

/// Reads a JS value as JSON: the engine's `JSON.stringify`, then `serde_json`. Walking a JS
/// object from Rust recurses once per level, and a deep enough object (tens of thousands of
/// levels) overflows the WASM stack, which has no guard page: the instance is then corrupted for
/// good. This way the engine's own stack limit (a catchable `RangeError`) and serde_json's depth
/// limit (128) stop deep input with an error. Functions, symbols and `undefined` inside objects
/// are dropped, as `JSON.stringify` does; a BigInt is an error; lone surrogates become U+FFFD.
fn js_to_json(v: &JsValue) -> Result<Value, String> {
    serde_json::from_str(&js_to_text(v)?).map_err(|e| e.to_string())
}

/// The JSON text of a JS value, as [`js_to_json`] reads it (`undefined` is `null`): what the core
/// readers of options deserialize their structs from.
fn js_to_text(v: &JsValue) -> Result<String, String> {
    if v.is_undefined() {
        return Ok("null".into());
    }
    let text = js_sys::JSON::stringify(v).map_err(|e| match e.dyn_ref::<js_sys::Error>() {
        Some(err) => String::from(err.message()),
        None => "the value cannot be written as JSON".to_string(),
    })?;
    let Some(text) = text.as_string() else {
        return Err(format!("{} is not a JSON value", js_kind(v)));
    };
    Ok(crate::text::repair_lone_surrogate_escapes(&text).into_owned())
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
