//! Prepares the data files for embedding: each `data/*.json` is written to `OUT_DIR/data/`
//! minified and without the keys that only explain it to people (`about`, `note`, `notes`,
//! `summary`, `source_keys`, `currencies_source`, `…_about`, and `source` except in
//! `send-limits.json`, whose findings cite it), which no code reads; the files in `data/` stay
//! the record, with every source. Also lists their dates (`effective`,
//! `last_checked`) for `DATA_FILES`, so that `--version` and `dataFiles()` say how fresh the
//! data is. Tests check the table against the files and that every embedded file still parses.

use std::fmt::Write as _;
use std::path::Path;

/// Drops the keys written for people, at any depth; `source` too unless the file's reader
/// shows it (the limits name their source in findings).
fn strip(v: &mut serde_json::Value, keep_source: bool) {
    match v {
        serde_json::Value::Object(o) => {
            o.retain(|k, _| {
                !matches!(k.as_str(), "about" | "note" | "notes" | "summary" | "source_keys" | "currencies_source")
                    && !k.ends_with("_about")
                    && (keep_source || k != "source")
            });
            o.values_mut().for_each(|x| strip(x, keep_source));
        }
        serde_json::Value::Array(a) => a.iter_mut().for_each(|x| strip(x, keep_source)),
        _ => {}
    }
}

fn main() {
    println!("cargo:rerun-if-changed=data");
    let mut files: Vec<_> = std::fs::read_dir("data")
        .map(|d| {
            d.filter_map(Result::ok).map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "json")).collect()
        })
        .unwrap_or_default();
    files.sort();
    let mut out = String::from("/// (file, effective, last checked) of each embedded data file, from its top-level keys.\npub const DATA_FILES: &[(&str, Option<&str>, Option<&str>)] = &[\n");
    let out_dir = std::path::PathBuf::from(std::env::var("OUT_DIR").unwrap_or_else(|_| ".".into()));
    let _ = std::fs::create_dir_all(out_dir.join("data"));
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap_or_default();
        println!("cargo:rerun-if-changed={}", path.display());
        // A file that does not parse is embedded as it is, so that its reader reports it.
        let parsed = serde_json::from_str::<serde_json::Value>(&text).ok();
        let header = |key: &str| parsed.as_ref().and_then(|v| v[key].as_str()).map(str::to_string);
        let (effective, checked) = (header("effective"), header("last_checked"));
        let embedded = match parsed {
            Some(mut v) => {
                strip(&mut v, path.file_name().is_some_and(|n| n == "send-limits.json"));
                v.to_string()
            }
            None => text.clone(),
        };
        let _ = std::fs::write(out_dir.join("data").join(path.file_name().unwrap_or_default()), embedded);
        let quote = |v: Option<String>| v.map_or("None".to_string(), |v| format!("Some({v:?})"));
        let name = Path::new("data").join(path.file_name().unwrap_or_default());
        let _ = writeln!(
            out,
            "    ({:?}, {}, {}),",
            name.to_string_lossy().replace('\\', "/"),
            quote(effective),
            quote(checked)
        );
    }
    out.push_str("];\n");
    let _ = std::fs::write(out_dir.join("data_files.rs"), out);
}
