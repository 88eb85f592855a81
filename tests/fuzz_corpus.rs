//! Replays the fuzz corpus kept in `fuzz/corpus/<target>/` (inputs `npm run fuzz` found
//! interesting, minimised) through the same checks as the fuzz targets, so that every input that
//! once reached new code keeps passing natively in `npm test`.
#![cfg(not(target_arch = "wasm32"))]
#[path = "../fuzz/checks.rs"]
mod checks;

use std::path::Path;

fn replay(target: &str, check: fn(&[u8])) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus").join(target);
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("corpus entry").path())
        .collect();
    entries.sort();
    assert!(entries.len() >= 20, "{target}: only {} corpus inputs", entries.len());
    for path in entries {
        let data = std::fs::read(&path).expect("corpus file");
        let outcome = std::panic::catch_unwind(|| check(&data));
        assert!(outcome.is_ok(), "{target}: {} breaks an invariant", path.display());
    }
}

#[test]
fn validate_corpus() {
    replay("validate", checks::validate);
}

#[test]
fn markup_corpus() {
    replay("markup", checks::markup);
}

#[test]
fn send_corpus() {
    replay("send", checks::send);
}

#[test]
fn pricing_corpus() {
    replay("pricing", checks::pricing);
}
