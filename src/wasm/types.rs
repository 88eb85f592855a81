//! The TypeScript declarations wasm-bindgen adds to `wa_preflight.d.ts`: the result and option
//! types the exported functions name in their `unchecked_*_type` attributes.
//!
//! The result, option and input types are generated from the Rust types serde reads and writes
//! (`generated.d.ts`, kept current by the `ts_types` unit test). Written by hand below is only
//! what has no Rust type to derive from: inputs the core reads as untyped JSON (templates and
//! their values), the accepted time forms, the state map's alias, the error shape the binding
//! throws, and the overloads of `renderMarkup`.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const GENERATED: &str = include_str!("generated.d.ts");

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = r#"
/** A Graph API message template (create request or fetched), or its JSON text. */
export type TemplateInput = Record<string, unknown> | string;

/** A time: ISO 8601 text ("2025-08-01", "2025-08-01T09:00:00Z", "…T11:00:00.250+02:00"),
 *  milliseconds since 1970-01-01, or a Date. Every entry point reads times this way. */
export type TimeInput = string | number | Date;

/** Thrown for input that is not usable at all. */
export interface WaPreflightError extends Error {
  code: "INVALID_JSON" | "EMPTY_INPUT" | "NOT_A_TEMPLATE" | "NOT_A_PAYLOAD" | "INVALID_OPTIONS" | "INVALID_PARAMS" | "INVALID_STATE" | "INVALID_TIMELINE" | "INVALID_CAMPAIGN" | "INVALID_NUMBER" | "INVALID_RATE_CARD" | "INVALID_ARGUMENT";
  line?: number;
  column?: number;
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

/** Per recipient number (digits, country code first): conversation and consent state. */
export type ConversationState = Record<string, RecipientState>;

/** `renderMarkup` by format: HTML (the default) and plain text are strings, `"nodes"` the
 *  block tree. (These overloads come before the generated declaration, which stays for a
 *  format held in a `string`.) */
export function renderMarkup(text: string, format?: "html" | "text", options?: { linksAsText?: boolean }): string;
export function renderMarkup(text: string, format: "nodes", options?: { linksAsText?: boolean }): BlockNode[];"#;
