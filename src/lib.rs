//! wa-preflight checks WhatsApp Business message templates before they are submitted to Meta.
//!
//! The flow is parse → check (→ classify → render/price, as those land): [`input`] splits a
//! document into items, [`template`] reads each item leniently into the Graph API model, and
//! [`rules`] runs the rule registry, producing [`Diagnostic`]s with stable codes, JSON paths
//! and UTF-16 spans. The same core runs natively and as WebAssembly (`src/wasm/`).
//!
//! ```
//! // A doc example, compiled only as a test: its unwraps assert on this fixed input.
//! use wa_preflight::{validate_json, ValidateOptions};
//!
//! let report = validate_json(r#"{
//!     "name": "order_update", "language": "en_US", "category": "UTILITY",
//!     "components": [{"type": "BODY", "text": "{{1}}, your order has shipped.",
//!                     "example": {"body_text": [["Maria"]]}}]
//! }"#, &ValidateOptions::default()).unwrap();
//! assert!(!report.ok);
//! assert_eq!(report.diagnostics[0].code, "WP201");
//! assert_eq!(report.diagnostics[0].path, "components[0].text");
//! let span = report.diagnostics[0].span.unwrap();
//! assert_eq!((span.start, span.end), (0, 5));
//! ```

pub mod address;
pub mod category;
pub mod check;
pub mod classify;
pub mod consent;
pub mod diagnostic;
pub mod embedded;
pub mod entry;
pub mod input;
pub mod lexicon;
pub mod limits;
pub mod markup;
pub mod options;
pub mod order;
pub mod params;
pub mod payload;
pub mod placeholder;
pub mod policy;
pub mod pricing;
pub mod render;
pub mod rules;
pub mod send;
pub mod template;
pub mod text;
pub mod time;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod ts_types;
pub mod window;
pub mod wire;

/// The JavaScript binding (WebAssembly builds only).
#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use check::{
    check_content, validate_document, validate_item, validate_json, validate_value, ContentCheck, ContentOptions,
    Report, RuleSetting, ValidateOptions,
};
pub use diagnostic::{Diagnostic, Severity, Span};
pub use input::{parse_document, InputError};
#[cfg(not(target_arch = "wasm32"))]
pub use rules::rules_markdown;
pub use rules::{Rule, Stage, RULES};
pub use text::LengthUnit;

/// The crate version, also exported to JavaScript as `version()`.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

pub use embedded::DATA_FILES;
