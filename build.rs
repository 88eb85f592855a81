//! Lists the data files embedded in the build with their dates (`effective`, `last_checked`)
//! for `data_files()`, so that `--version` and `dataFiles()` say how fresh the data is without
//! embedding the files twice. A test checks the table against the parsed files.

use std::fmt::Write as _;
use std::path::Path;

/// The string value of the first top-level `"key": "…"` of a data file (the header keys come
/// before the content in every file of `data/`).
fn header_value(text: &str, key: &str) -> Option<String> {
    let needle = format!("\"{key}\":");
    let at = text.find(&needle)? + needle.len();
    let rest = text[at..].trim_start().strip_prefix('"')?;
    Some(rest[..rest.find('"')?].to_string())
}

fn main() {
    println!("cargo:rerun-if-changed=data");
    let mut files: Vec<_> = std::fs::read_dir("data")
        .map(|d| {
            d.filter_map(Result::ok).map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "json")).collect()
        })
        .unwrap_or_default();
    files.sort();
    let mut out = String::from("/// (file, effective, last checked) of each embedded data file, read from its header.\npub const DATA_FILES: &[(&str, Option<&str>, Option<&str>)] = &[\n");
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap_or_default();
        println!("cargo:rerun-if-changed={}", path.display());
        let quote = |v: Option<String>| v.map_or("None".to_string(), |v| format!("Some({v:?})"));
        let name = Path::new("data").join(path.file_name().unwrap_or_default());
        let _ = writeln!(
            out,
            "    ({:?}, {}, {}),",
            name.to_string_lossy().replace('\\', "/"),
            quote(header_value(&text, "effective")),
            quote(header_value(&text, "last_checked"))
        );
    }
    out.push_str("];\n");
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap_or_else(|_| ".".into())).join("data_files.rs");
    let _ = std::fs::write(dest, out);
}
