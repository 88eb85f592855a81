//! The TypeScript declarations of the result and option types, generated with `ts-rs` from the
//! Rust types serde serializes to JS. `src/wasm/generated.d.ts` is the committed output that
//! `src/wasm/types.rs` adds to the package's `.d.ts`; this test fails when it is stale.
//! Regenerate with `UPDATE_TYPES=1 cargo test --release --lib ts_types`.
//! The derives are `cfg_attr(test, …)`: they add nothing to the library or its WASM.
//!
//! Tests only: the unwraps below are assertions on fixed inputs (the file write and read).

use ts_rs::{Config, TS};

/// Each type's declaration, `export`ed, in a fixed order.
fn declarations() -> String {
    let cfg = Config::new().with_large_int("number");
    let decls = [
        crate::diagnostic::Severity::decl(&cfg),
        crate::category::Category::decl(&cfg),
        crate::diagnostic::Span::decl(&cfg),
        crate::diagnostic::Diagnostic::decl(&cfg),
        crate::classify::Principle::decl(&cfg),
        crate::classify::Band::decl(&cfg),
        crate::classify::Reason::decl(&cfg),
        crate::classify::Check::decl(&cfg),
        crate::classify::MetaOutcome::decl(&cfg),
        crate::classify::Classification::decl(&cfg),
        crate::check::CategorySummary::decl(&cfg),
        crate::check::ContentCheck::decl(&cfg),
        crate::check::Report::decl(&cfg),
        crate::entry::IndexedReport::decl(&cfg),
        crate::entry::RuleInfo::decl(&cfg),
        crate::markup::Inline::decl(&cfg),
        crate::markup::Block::decl(&cfg),
        crate::render::RenderedText::decl(&cfg),
        // The flattened `Option<RenderedText>`: all of its keys or none.
        crate::render::HeaderPreview::decl(&cfg).replacen("};", "} & Partial<RenderedText>;", 1),
        crate::render::ButtonPreview::decl(&cfg),
        crate::render::ButtonLayout::decl(&cfg),
        crate::render::OfferPreview::decl(&cfg),
        crate::render::CardPreview::decl(&cfg),
        crate::render::Preview::decl(&cfg),
        crate::send::Skipped::decl(&cfg),
        crate::window::WindowState::decl(&cfg),
        crate::time::Timestamp::decl(&cfg),
        crate::window::Direction::decl(&cfg),
        crate::send::RecipientState::decl(&cfg),
        crate::window::Event::decl(&cfg),
        crate::pricing::Timeline::decl(&cfg),
        crate::entry::CampaignInput::decl(&cfg),
        crate::entry::QuoteInput::decl(&cfg),
        crate::send::Billing::decl(&cfg),
        crate::send::Quote::decl(&cfg),
        crate::send::SendReport::decl(&cfg),
        crate::entry::BuiltPayload::decl(&cfg),
        crate::pricing::Model::decl(&cfg),
        crate::pricing::Notice::decl(&cfg),
        crate::pricing::PricedMessage::decl(&cfg),
        crate::pricing::PriceReport::decl(&cfg),
        crate::entry::RateRow::decl(&cfg),
        crate::entry::RateCardView::decl(&cfg),
        crate::window::FreeEntryPoint::decl(&cfg),
        crate::window::Window::decl(&cfg),
        crate::pricing::CampaignLine::decl(&cfg),
        crate::pricing::Campaign::decl(&cfg),
        crate::entry::DataFile::decl(&cfg),
        crate::options::RuleSetting::decl(&cfg),
        crate::text::LengthUnit::decl(&cfg),
        crate::policy::PolicyEra::decl(&cfg),
        crate::payload::Endpoint::decl(&cfg),
        crate::options::ValidateOptions::decl(&cfg),
        crate::render::RenderOptions::decl(&cfg),
        crate::pricing::Tier::decl(&cfg),
        crate::pricing::RateCardInput::decl(&cfg),
        crate::pricing::PriceOptions::decl(&cfg),
        crate::entry::SendCheckOptions::decl(&cfg),
    ];
    let mut out =
        String::from("// Generated from the Rust types by `UPDATE_TYPES=1 cargo test --lib ts_types`; do not edit.\n");
    for d in decls {
        out.push_str("export ");
        out.push_str(&d);
        out.push('\n');
    }
    out
}

#[test]
fn generated_declarations_are_up_to_date() {
    let generated = declarations();
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/wasm/generated.d.ts");
    if std::env::var_os("UPDATE_TYPES").is_some() {
        std::fs::write(path, &generated).unwrap();
        return;
    }
    let current = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        current == generated,
        "src/wasm/generated.d.ts is stale: run `UPDATE_TYPES=1 cargo test --lib ts_types` and commit it"
    );
}
