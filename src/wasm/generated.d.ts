// Generated from the Rust types by `UPDATE_TYPES=1 cargo test --lib ts_types`; do not edit.
export type Severity = "info" | "warning" | "error";
export type Category = "MARKETING" | "UTILITY" | "AUTHENTICATION";
export type Span = { start: number, end: number, };
export type Diagnostic = { 
/**
 * Stable code, `WP` and three digits; never renumbered or reused.
 */
code: string, 
/**
 * Kebab-case name of the pattern flagged.
 */
rule: string, severity: Severity, 
/**
 * What is wrong: short, lowercase, no trailing period.
 */
message: string, 
/**
 * What to do about it.
 */
help: string | null, 
/**
 * JSON path of the field in the input, e.g. `components[1].buttons[0].text`.
 */
path: string, 
/**
 * Where in that field's text, in UTF-16 code units; `None` when the finding concerns the
 * field as a whole or the field is not text.
 */
span: Span | null, 
/**
 * For send findings: the Cloud API error code Meta would answer (see [`CloudError`]).
 */
error_code?: number, 
/**
 * Other codes Meta has been seen to answer for the same fault.
 */
alternatives?: Array<number>, };
export type Principle = "authentication" | "promotion" | "specific" | "requested" | "essential" | "feedback" | "unclear";
export type Band = "high" | "medium" | "uncertain";
export type CategoryReason = { 
/**
 * Shared with the lexicon: a reason costs no copy of its signal's id and clause.
 */
signal: string, 
/**
 * The principle of Meta's checklist the signal is evidence for.
 */
principle: Principle, 
/**
 * The category the signal points to.
 */
category: Category, 
/**
 * The words that fired, without WhatsApp markup (or the component, for structural signals).
 */
text: string, path: string, span: Span | null, clause: string, };
export type ChecklistLine = { principle: Principle, met: boolean, 
/**
 * What the author can read and act on.
 */
note: string, };
export type CategoryOutcome = { 
/**
 * `approved` (as declared), `approved_as_marketing` or `rejected`.
 */
action: "approved" | "approved_as_marketing" | "rejected", 
/**
 * The category the template will have, and be billed at; none when rejected.
 */
category: Category | null, note: string, };
export type Classification = { predicted: Category, 
/**
 * The share of templates with the same evidence that Meta gives `predicted` (measured on
 * the real-template evaluation, README "Category prediction").
 */
confidence: number, band: Band, 
/**
 * Which way through the checklist decided: `otp-format`, `code-words`, `promotion`,
 * `mixed-content`, `weak-promotion`, `utility-over-weak-promotion`, `generic-feedback`,
 * `utility`, `utility-one-signal`, `unclear` or `no-evidence`.
 */
basis: string, 
/**
 * Meta's checklist, principle by principle, in the order Meta applies it.
 */
checklist: Array<ChecklistLine>, reasons: Array<CategoryReason>, 
/**
 * The closest pre-2023 notification type, for utility content.
 */
legacy_type: string | null, 
/**
 * The word lists used: the template's language, or all of them.
 */
languages: Array<string>, };
export type CategorySummary = { declared: string | null, predicted: Category, confidence: number, reasons: Array<CategoryReason>, 
/**
 * The closest pre-2023 notification type, for utility content.
 */
legacy_type: string | null, band: Band, basis: string, checklist: Array<ChecklistLine>, 
/**
 * What Meta will do with the declared category, given the content; none when the template
 * declares no category Meta knows.
 */
outcome: CategoryOutcome | null, };
export type ContentCheck = { classification: Classification, 
/**
 * Content and category findings (rules of the content and category stages), at path `text`.
 */
diagnostics: Array<Diagnostic>, };
export type ValidationReport = { name: string | null, language: string | null, 
/**
 * False iff some diagnostic has severity `error`.
 */
ok: boolean, category: CategorySummary, diagnostics: Array<Diagnostic>, };
export type IndexedValidationReport = { index: number, name: string | null, language: string | null, 
/**
 * False iff some diagnostic has severity `error`.
 */
ok: boolean, category: CategorySummary, diagnostics: Array<Diagnostic>, };
export type RuleInfo = { code: string, name: string, severity: Severity, summary: string, why: string, help: string | null, uncertain: boolean, 
/**
 * For send rules: the Cloud API error code a send that breaks the rule gets.
 */
error_code: number | null, 
/**
 * Other codes Meta has been seen to answer for it.
 */
alternatives: Array<number>, };
export type InlineNode = { "type": "text", text: string, } | { "type": "bold", children: Array<InlineNode>, } | { "type": "italic", children: Array<InlineNode>, } | { "type": "strike", children: Array<InlineNode>, } | { "type": "mono", text: string, } | { "type": "code", text: string, } | { "type": "link", href: string, text: string, } | { "type": "break" };
export type BlockNode = { "type": "paragraph", children: Array<InlineNode>, } | { "type": "bullet", children: Array<InlineNode>, } | { "type": "numbered", number: number, children: Array<InlineNode>, } | { "type": "quote", children: Array<InlineNode>, };
export type RenderedText = { 
/**
 * The text with values filled in, WhatsApp markers as written.
 */
text: string, 
/**
 * What the recipient reads: markers removed.
 */
plain: string, 
/**
 * Escaped HTML.
 */
html: string, blocks: Array<BlockNode>, };
export type HeaderPreview = { 
/**
 * `text`, `image`, `video`, `gif`, `document`, `location` or `product` (`unknown` for a
 * header format Meta does not document).
 */
kind: "text" | "image" | "video" | "gif" | "document" | "location" | "product" | "unknown", 
/**
 * The media or location value, when given.
 */
media: Record<string, unknown> | null, } & Partial<RenderedText>;
export type ButtonPreview = { index: number, 
/**
 * `quick_reply`, `url`, `phone_number`, `copy_code`, `otp`, `flow`, `catalog` …
 */
kind: string, text: string, 
/**
 * The URL with its suffix filled in.
 */
url: string | null, phone_number: string | null, 
/**
 * The code a copy-code or OTP button copies.
 */
code: string | null, };
export type ButtonLayout = { visible: Array<number>, see_all_options: boolean, };
export type OfferPreview = { text: string, has_expiration: boolean, };
export type CardPreview = { header: HeaderPreview | null, body: RenderedText | null, buttons: Array<ButtonPreview>, };
export type TemplatePreview = { name: string | null, language: string | null, category: string | null, header: HeaderPreview | null, offer: OfferPreview | null, body: RenderedText | null, footer: RenderedText | null, buttons: Array<ButtonPreview>, layout: ButtonLayout, cards: Array<CardPreview>, 
/**
 * False iff some diagnostic is an error (an unfilled placeholder, an invalid value).
 */
ok: boolean, diagnostics: Array<Diagnostic>, 
/**
 * The bubble as one HTML fragment ([`Preview::bubble_html`]), with the `html` option.
 */
html?: string, };
export type SkippedCheck = { 
/**
 * `template`, `window`, `consent` or `billing`.
 */
check: "template" | "window" | "consent" | "billing", reason: string, };
export type WindowStateResult = { open: boolean, expires_at: string | null, remaining_seconds: number | null, free_entry_point: FreeEntryPoint | null, };
export type Timestamp = TimeInput;
export type Direction = "inbound" | "outbound";
export type RecipientState = { 
/**
 * When the user last wrote or called (ISO 8601 or epoch milliseconds).
 */
last_inbound_at?: Timestamp | null, 
/**
 * The pricing market of a recipient given as a business-scoped user ID (a name of
 * `data/markets.json`), which no calling code tells.
 */
market?: string | null, 
/**
 * End of a free-entry-point window (72 h after the reply to a Click-to-WhatsApp ad or Page
 * button message; ISO 8601 or epoch milliseconds).
 */
free_entry_point_until?: Timestamp | null, 
/**
 * Categories the user opted out of (`marketing`, `utility`, … or `all`).
 */
opted_out?: Array<string>, 
/**
 * The user turned off marketing messages from this business in WhatsApp (131050).
 */
marketing_stopped?: boolean, };
export type TimelineEvent = { 
/**
 * ISO 8601 time, epoch milliseconds or a `Date`.
 */
at: Timestamp, direction: Direction, 
/**
 * `template`, `text`, `image`, `interactive`, `call`, … (`text` when missing); `opt_in` and
 * `opt_out` record consent given elsewhere.
 */
type?: string | null, 
/**
 * The template's category (`marketing`, `utility`, `authentication`).
 */
category?: "marketing" | "utility" | "authentication" | null, 
/**
 * The user's number (recipient of outbound events).
 */
to?: string | null, 
/**
 * The user's number on inbound events (`to` is accepted too).
 */
from?: string | null, 
/**
 * `ctwa` (Click-to-WhatsApp ad) or `page_button` on the inbound message that came from one.
 */
entry_point?: string | null, 
/**
 * An inbound message's text or button payload (for opt-out words).
 */
text?: string | null, 
/**
 * Categories of an `opt_in` / `opt_out` event (all when missing).
 */
categories?: Array<string> | null, 
/**
 * The recipient's pricing market (a name of `data/markets.json`), for a recipient given as
 * a business-scoped user ID, whose market no calling code tells (it wins over a number's
 * calling code).
 */
market?: string | null, };
export type Timeline = { events: Array<TimelineEvent>, currency?: string, };
export type CampaignInput = { 
/**
 * `marketing`, `utility` or `authentication`.
 */
category: "marketing" | "utility" | "authentication", 
/**
 * Recipient numbers (an entry that is no string counts as invalid), or recipients counted
 * per market (`{"India": 10}`).
 */
recipients: string[] | Record<string, number>, 
/**
 * When the campaign is sent.
 */
at: Timestamp, 
/**
 * USD (the default) or the currency of a card passed in `rateCards`.
 */
currency?: string, };
export type SendQuoteInput = { 
/**
 * A phone number (any punctuation) or a business-scoped user ID.
 */
to: string, at: Timestamp, state?: RecipientState | null, };
export type Billing = { billable: boolean, pricing_model: PricingModel | null, category: string, market: string | null, rate: number | null, currency: string, type: string, card: string | null, 
/**
 * Why a billed message has no rate.
 */
reason: string | null, 
/**
 * What the price depends on that the data cannot vouch for (`stale_data`, …).
 */
notices: Array<PriceNotice>, };
export type SendQuote = { 
/**
 * The template's declared category, when it is one Meta knows (pre-2023 names mapped).
 */
declared: Category | null, 
/**
 * What Meta does with the declared category; none when the template declares none.
 */
outcome: CategoryOutcome | null, 
/**
 * The category the send is billed at: the outcome's, else the content's; none when Meta
 * rejects the template in its declared category.
 */
category: Category | null, 
/**
 * The price of the send at `category`; none when the template is rejected.
 */
billing: Billing | null, 
/**
 * The price at the declared category, when Meta bills another (or rejects it).
 */
as_declared: Billing | null, };
export type SendReport = { ok: boolean, 
/**
 * `allow` or `block`.
 */
verdict: "allow" | "block", 
/**
 * The Cloud API error the request would most likely get; `None` when allowed.
 */
error_code: number | null, 
/**
 * Other codes Meta has been seen to answer for the same fault.
 */
alternatives: Array<number>, diagnostics: Array<Diagnostic>, window: WindowState | null, 
/**
 * What the message costs, for a template whose category is known, when `now` is given.
 */
billing: Billing | null, 
/**
 * The checks that could not run for want of templates, state or time.
 */
skipped: Array<SkippedCheck>, };
export type BuiltPayload = { payload: Record<string, unknown>, diagnostics: Array<Diagnostic>, };
export type PricingModel = "NBP" | "CBP" | "PMP";
export type PriceNotice = { 
/**
 * `stale_data` (the date is past what the data covers), `incomplete_card` (the card in
 * force lacks some of a market's rates) or `disputed_allowance` (service messages billed
 * under a free allowance the sources dispute).
 */
kind: "stale_data" | "incomplete_card" | "disputed_allowance", message: string, 
/**
 * The data file, or `rateCards[i]`.
 */
file: string | null, 
/**
 * The day that file was last checked.
 */
checked: string | null, card: string | null, market: string | null, 
/**
 * The card's columns the data lacks for `market`.
 */
missing: Array<string>, };
export type PricedMessage = { 
/**
 * Index of the event in the timeline.
 */
event: number, allowed: boolean, billable: boolean, 
/**
 * `NBP`, `CBP` or `PMP`; `None` before any known era.
 */
pricing_model: PricingModel | null, 
/**
 * `marketing`, `utility`, `authentication`, `authentication-international`, `service`,
 * `business_agent`, and for 2022 conversations `business_initiated` / `user_initiated`.
 */
category: string, 
/**
 * Rate in the currency; `None` when free, not allowed, or when the data has no rate.
 */
rate: number | null, 
/**
 * Why it is free or not allowed: `free_customer_service`, `free_entry_point`,
 * `free_tier`, `conversation_open`, `outside_window`, `opted_out`, `marketing_stopped`,
 * `us_marketing_paused`, `invalid_number`, `user_id_not_allowed`, `per_token`, `no_rate`,
 * `regular`.
 */
type: string, 
/**
 * The conversation it belongs to (conversation-based pricing).
 */
conversation: string | null, market: string | null, 
/**
 * The rate card used.
 */
card: string | null, 
/**
 * The Cloud API error a refused send would get.
 */
error_code: number | null, 
/**
 * Why a billed message has no rate, in words.
 */
reason: string | null, };
export type PriceReport = { messages: Array<PricedMessage>, total: number, currency: string, 
/**
 * Billed messages whose rate the data does not have (so `total` is a lower bound).
 */
unpriced: number, 
/**
 * What the prices depend on that the data cannot vouch for: a date past the newest card,
 * a card that lacks some of a market's rates.
 */
notices: Array<PriceNotice>, };
export type RateRow = { marketing: number | null, utility: number | null, authentication: number | null, authentication_international: number | null, service: number | null, };
export type RateCard = { id: string, effective: string, model: "CBP" | "PMP", currency: string, rates: { [key in string]: RateRow }, 
/**
 * Unknown markets and unreadable cells.
 */
warnings: Array<string>, };
export type FreeEntryPoint = { open: boolean, expires_at: string, };
export type WindowState = { open: boolean, 
/**
 * When the window closes (or closed), RFC 3339 UTC; `None` when the user never wrote.
 */
expires_at: string | null, 
/**
 * Seconds left while open.
 */
remaining_seconds: number | null, };
export type CampaignLine = { market: string, recipients: number, rate: number | null, cost: number, 
/**
 * Why the market has no rate.
 */
reason: string | null, };
export type CampaignEstimate = { category: string, pricing_model: PricingModel | null, card: string | null, markets: Array<CampaignLine>, recipients: number, 
/**
 * Numbers that are not valid international numbers (not counted).
 */
invalid: number, total: number, currency: string, 
/**
 * Recipients in markets without a rate (not in `total`).
 */
unpriced: number, notices: Array<PriceNotice>, };
export type DataFile = { file: string, effective: string | null, last_checked: string | null, };
export type RuleSetting = "off" | "info" | "warning" | "error";
export type LengthUnit = "characters" | "utf16";
export type PolicyEra = "current" | "2019";
export type Endpoint = "messages" | "marketing_messages";
export type ValidateOptions = { 
/**
 * The unit in which length limits are counted.
 */
lengthUnit?: LengthUnit, 
/**
 * Per-rule overrides, keyed by code (`WP210`) or name (`variable-density`).
 */
rules?: { [key in string]: RuleSetting }, 
/**
 * Locale codes to accept in addition to `data/languages.json`.
 */
extraLanguages?: Array<string>, 
/**
 * Which content policies apply: `current` or `2019`; when not given, those in force on
 * `asOf` (the 2019 rules before about September 2022), else `current`.
 */
policy?: PolicyEra, 
/**
 * The date whose rules apply (Unix seconds), for the limits that changed on a known date
 * (`data/send-limits.json` eras); `None` applies today's data, the newest era. In JSON
 * `asOf`: a date (`2025-11-01`, midnight UTC), an ISO 8601 time or epoch milliseconds.
 */
asOf?: TimeInput, };
export type RenderOptions = { lengthUnit?: LengthUnit, 
/**
 * Fill placeholders that have no value with the template's sample values.
 */
useExamples?: boolean, 
/**
 * Render links as text instead of anchors.
 */
linksAsText?: boolean, 
/**
 * Per-rule overrides of the findings about the values, keyed by code or name.
 */
rules?: { [key in string]: RuleSetting }, 
/**
 * Also write the whole bubble as one HTML fragment ([`Preview::bubble_html`]).
 */
html?: boolean, };
export type Tier = { 
/**
 * `utility` or `authentication`.
 */
category: "utility" | "authentication", 
/**
 * A market, or every market when missing.
 */
market?: string, from?: number, to?: number, tier?: string, rate?: number, discount?: number, };
export type RateCardInput = { csv: string, id?: string, effective?: string, model?: "CBP" | "PMP", };
export type PriceOptions = { 
/**
 * Use facts only providers report (rates no Meta text states); without it such a rate is
 * unpriced and a notice says what is reported.
 */
includeReported?: boolean, 
/**
 * The business qualifies for authentication-international rates.
 */
authenticationInternational?: boolean, tiers?: Array<Tier>, 
/**
 * Rate cards in Meta's CSV layout, loaded at run time (see [`card_from_csv`]).
 */
rateCards?: Array<RateCardInput>, 
/**
 * What the month already used before the timeline: billed messages per `market/category`
 * (volume tiers), and `conversations`, `service_conversations`, `service_messages` (free
 * allowances).
 */
monthToDate?: { [key in string]: number }, 
/**
 * Price under the eras, cards, markets and dated rules in force on this day (`YYYY-MM-DD`
 * ISO 8601 or epoch milliseconds; Unix seconds here) instead of those of each message's
 * own time; windows still follow the messages' times.
 */
asOf?: TimeInput, 
/**
 * From 2026-10-01: the card column a service message is billed at when the card has no
 * service rate (`utility`, the default, `authentication`, or `unpriced`).
 */
serviceRate?: "utility" | "authentication" | "unpriced", 
/**
 * From 2026-10-01: service messages free each month before billing starts (disputed:
 * see `data/pricing-eras.json`).
 */
freeServiceMessagesPerMonth?: number, 
/**
 * The pricing market of recipients given as business-scoped user IDs, which carry no
 * calling code: `{"US.13491208655302741918": "North America"}`.
 */
markets?: { [key in string]: string }, };
export type SendOptions = { 
/**
 * The business's templates: a Graph API list response, an array, or their JSON / JSON
 * Lines text.
 */
templates?: unknown, 
/**
 * Conversation and consent state per recipient (read by [`read_state`]).
 */
state?: ConversationState, 
/**
 * The time of the send.
 */
now?: TimeInput, 
/**
 * The day whose dated rules, limits and prices apply, when not `now`'s.
 */
asOf?: TimeInput, pricing?: PriceOptions, lengthUnit?: LengthUnit, endpoint?: Endpoint, 
/**
 * Overrides of `data/send-limits.json` (read by [`Limits::from_value`]).
 */
limits?: Record<string, number | null>, rules?: { [key in string]: RuleSetting }, };
