//! Reading input documents: one JSON object, an array of them, a Graph API list response
//! `{"data": [...]}`, or JSON Lines; and the typed error for input that cannot be read at all.

use serde::Serialize;
use serde_json::Value;

/// Input that is not usable at all (as opposed to a template with problems, which yields
/// diagnostics). Surfaced in JavaScript as a thrown `Error` carrying `code`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InputError {
    /// `INVALID_JSON`, `EMPTY_INPUT`, `NOT_A_TEMPLATE` or `INVALID_OPTIONS`.
    pub code: &'static str,
    pub message: String,
    /// 1-based line of a JSON syntax error.
    pub line: Option<usize>,
    /// 1-based column of a JSON syntax error.
    pub column: Option<usize>,
}

impl InputError {
    pub fn new(code: &'static str, message: impl Into<String>) -> Self {
        InputError { code, message: message.into(), line: None, column: None }
    }

    /// A JSON syntax error; `line_offset` is added to serde's line (for JSON Lines).
    pub fn json(e: &serde_json::Error, line_offset: usize) -> Self {
        let text = e.to_string();
        // serde appends " at line L column C"; the position is kept in `line`/`column`.
        let reason = text.rfind(" at line ").map_or(text.as_str(), |i| &text[..i]);
        let line = e.line() + line_offset;
        InputError {
            code: "INVALID_JSON",
            message: format!("invalid JSON at line {line}, column {}: {reason}", e.column()),
            line: Some(line),
            column: Some(e.column()),
        }
    }
}

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for InputError {}

/// Splits a document into its items.
///
/// A whole-document parse is tried first; if it fails and the first line is a complete JSON
/// value on its own, the document is read as JSON Lines and an error names the failing line.
pub fn parse_document(text: &str) -> Result<Vec<Value>, InputError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(InputError::new("EMPTY_INPUT", "the input is empty"));
    }
    let whole_err = match serde_json::from_str::<Value>(text) {
        Ok(v) => return Ok(items_of(v)),
        Err(e) => e,
    };
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    if serde_json::from_str::<Value>(first).is_err() {
        return Err(InputError::json(&whole_err, 0));
    }
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<Value>(line) {
            Ok(v) => out.extend(items_of(v)),
            Err(e) => return Err(InputError::json(&e, i)),
        }
    }
    Ok(out)
}

/// The items of one parsed value: an array's elements, a list response's `data`, or itself.
pub fn items_of(v: Value) -> Vec<Value> {
    match v {
        Value::Array(items) => items,
        Value::Object(mut o) if o.get("data").is_some_and(Value::is_array) => match o.remove("data") {
            Some(Value::Array(items)) => items,
            _ => Vec::new(),
        },
        other => vec![other],
    }
}

// Tests only: the unwraps below are assertions on fixed inputs, compiled under cfg(test) and
// never into the library, so no user input reaches them.
#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn shapes() {
        assert_eq!(parse_document(r#"{"name":"a"}"#).unwrap(), vec![json!({"name":"a"})]);
        assert_eq!(parse_document(r#"[{"name":"a"},{"name":"b"}]"#).unwrap().len(), 2);
        let list = r#"{"data":[{"name":"a"}],"paging":{"cursors":{}}}"#;
        assert_eq!(parse_document(list).unwrap(), vec![json!({"name":"a"})]);
        assert_eq!(parse_document("{\"name\":\"a\"}\n\n{\"name\":\"b\"}\n").unwrap().len(), 2);
    }

    #[test]
    fn errors_name_the_line() {
        let e = parse_document("{\"name\":\"a\"}\n{\"name\":\n{\"name\":\"c\"}").unwrap_err();
        assert_eq!((e.code, e.line), ("INVALID_JSON", Some(2)));
        let e = parse_document("{\n  \"name\": \"a\",\n  oops\n}").unwrap_err();
        assert_eq!((e.code, e.line), ("INVALID_JSON", Some(3)));
        assert_eq!(parse_document("  \n").unwrap_err().code, "EMPTY_INPUT");
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let deep = "[".repeat(100_000);
        assert_eq!(parse_document(&deep).unwrap_err().code, "INVALID_JSON");
    }
}
