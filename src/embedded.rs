//! The one loading policy of every `data/` file.
//!
//! - build.rs writes each file minified, without the keys written for people, to `OUT_DIR`;
//!   [`embedded!`] names that copy and [`load!`] parses it into the reader's own type.
//! - Each file is parsed once, on first use, by a `LazyLock` beside its reader.
//! - `tests/data_files.rs` parses every embedded file, so a parse cannot fail in a released build;
//!   should it ever, the reader falls back to knowing nothing (no words, no limits, no rates), it
//!   never panics, and it says so in the comment at its `LazyLock`.
//! - What users override at run time (a lexicon, rate cards, limits) arrives through the
//!   options of the entry points, never by replacing these files.
//!
//! Below everything: it imports nothing of the crate.

/// The minified copy of `data/<file>` as `&'static str`.
macro_rules! embedded {
    ($file:literal) => {
        include_str!(concat!(env!("OUT_DIR"), "/data/", $file))
    };
}

/// `data/<file>` parsed into `T` (`Option<T>`: `None` only if the embedded copy is broken).
macro_rules! load {
    ($file:literal) => {
        $crate::embedded::parse($crate::embedded::embedded!($file))
    };
}

pub(crate) use {embedded, load};

/// The strings of a JSON list in a data file, skipping other values (none when it is not a
/// list): the lenient reading of the files read from their JSON values.
pub fn strings(v: &serde_json::Value) -> impl Iterator<Item = &str> {
    v.as_array().into_iter().flatten().filter_map(serde_json::Value::as_str)
}

/// Parses an embedded file; see the module's policy for the `None` case.
pub fn parse<T: serde::de::DeserializeOwned>(text: &'static str) -> Option<T> {
    serde_json::from_str(text).ok()
}

// The table `DATA_FILES`, written by build.rs from the headers of `data/*.json`.
include!(concat!(env!("OUT_DIR"), "/data_files.rs"));
