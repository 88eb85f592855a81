//! Realistic templates (Italian, Portuguese, Spanish, English; create requests, list responses,
//! JSON Lines) against reviewed expectations: `tests/fixtures/templates/<file>.expected` lists,
//! per item, each finding as `code severity path start..end`.
//! Regenerate with `UPDATE_SNAPSHOTS=1 cargo test --test templates`, then review the diff.
#![cfg(not(target_arch = "wasm32"))]

use std::fs;

mod common;

#[test]
fn templates_match_their_reviewed_expectations() {
    let mut stale = Vec::new();
    let mut files: Vec<_> = fs::read_dir("tests/fixtures/templates")
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json" || x == "jsonl"))
        .collect();
    files.sort();
    assert!(files.len() >= 8);
    for path in files {
        let got = common::render(&fs::read_to_string(&path).unwrap());
        let expected_path = path.with_extension("expected");
        if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
            fs::write(&expected_path, &got).unwrap();
            continue;
        }
        let want = fs::read_to_string(&expected_path).unwrap_or_default();
        if want != got {
            stale.push(format!("{}:\n--- expected\n{want}--- got\n{got}", path.display()));
        }
    }
    assert!(stale.is_empty(), "\n{}", stale.join("\n"));
}
