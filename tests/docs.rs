//! `docs/rules.md` is generated from the rule registry; this test fails when it is stale.
//! Regenerate with `UPDATE_DOCS=1 cargo test --test docs` (or `npm run docs`).
#![cfg(not(target_arch = "wasm32"))]

#[test]
fn rules_doc_is_up_to_date() {
    let generated = wa_preflight::rules_markdown();
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/rules.md");
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(path, &generated).expect("write docs/rules.md");
        return;
    }
    let current = std::fs::read_to_string(path).unwrap_or_default();
    assert!(current == generated, "docs/rules.md is stale: run `npm run docs` and commit the result");
}
