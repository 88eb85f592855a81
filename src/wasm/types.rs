//! The TypeScript declarations wasm-bindgen adds to `wa_preflight.d.ts`: the result and option
//! types the exported functions name in their `unchecked_*_type` attributes.

use wasm_bindgen::prelude::*;

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
  /** Per-rule overrides of the findings about the values, e.g. { WP501: "warning" }. */
  rules?: Record<string, "off" | "info" | "warning" | "error">;
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
