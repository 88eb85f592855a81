//! Realistic previews against reviewed HTML snapshots (`tests/fixtures/render/<case>.html`).
//! Regenerate with `UPDATE_SNAPSHOTS=1 cargo test --test render`, then review the diff.
#![cfg(not(target_arch = "wasm32"))]

use std::fs;

mod common;

#[test]
fn previews_match_their_reviewed_snapshots() {
    let mut stale = Vec::new();
    for case in ["it_order_shipped", "pt_auth_code"] {
        let got = common::render_snapshot(&fs::read_to_string(format!("tests/fixtures/render/{case}.json")).unwrap());
        let path = format!("tests/fixtures/render/{case}.html");
        if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
            fs::write(&path, &got).unwrap();
            continue;
        }
        let want = fs::read_to_string(&path).unwrap_or_default();
        if want != got {
            stale.push(format!("{case}:\n--- expected\n{want}--- got\n{got}"));
        }
    }
    assert!(stale.is_empty(), "\n{}", stale.join("\n"));
}
