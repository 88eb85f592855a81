//! The rule registry and the pass that runs every rule over a template.
//!
//! Each rule is declared once, next to its check, by the [`declare_rules!`] invocation of its
//! family module: code, name, [`Stage`], severity, texts, Cloud API error and the cases the
//! tests run. [`RULES`] composes the families' lists in code order, and `docs/rules.md` is
//! generated from it (`rules_markdown`). Codes are grouped by area (0xx input shape, 1xx
//! structure and limits, 2xx placeholders and examples, 3xx content policy, 4xx category, 5xx
//! send, 6xx window and consent) and are never renumbered or reused.

use std::collections::HashMap;

use crate::category::Category;
use crate::classify::{Classification, TextWords, Words};
use crate::diagnostic::{CloudError, Diagnostic, Severity};
use crate::lexicon::FastMap;
use crate::options::{RuleSetting, ValidateOptions};
use crate::placeholder::{scan, Scan};
use crate::template::{ButtonKind, ComponentKind, Template, Text};

/// Which stage of the work a rule belongs to: what it reads, and which entry points run it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// The input's shape: JSON types, required fields, known component and button types (WP0xx).
    Shape,
    /// A template's identity, structure, limits, buttons, placeholders and examples (WP1xx,
    /// WP2xx, and the legacy category spelling WP401).
    Template,
    /// What a text says: links, identifiers, prohibited content (WP3xx); `checkContent` runs these.
    Content,
    /// The declared category against the content (WP402–WP405); `checkContent` runs these too.
    Category,
    /// A send request: its values against the template, its body, the template's status (WP5xx).
    Send,
    /// The conversation: the customer-service window, consent and the recipient (WP6xx).
    Window,
}

impl Stage {
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Shape => "shape",
            Stage::Template => "template",
            Stage::Content => "content",
            Stage::Category => "category",
            Stage::Send => "send",
            Stage::Window => "window",
        }
    }

    /// True for the rules of a send request (their cases are send cases, not templates).
    pub fn is_send(self) -> bool {
        matches!(self, Stage::Send | Stage::Window)
    }
}

/// A rule: what it flags, why, and the cases that fire it and that do not. Declared with
/// [`declare_rules!`], one invocation per family file.
#[derive(Debug)]
pub struct Rule {
    /// `WP` and three digits.
    pub code: &'static str,
    /// Kebab-case name of the pattern flagged.
    pub name: &'static str,
    pub stage: Stage,
    pub severity: Severity,
    /// What the rule flags, one sentence.
    pub summary: &'static str,
    /// Why Meta cares, with the source.
    pub why: &'static str,
    /// Default advice attached to each finding.
    pub help: &'static str,
    /// True when the fact behind the rule rests on a secondary or inferred source; such rules
    /// are warnings at most.
    pub uncertain: bool,
    /// The Cloud API error a send that breaks this rule is expected to get.
    pub meta_error: Option<CloudError>,
    /// Inputs that fire the rule, as compact JSON (see [`cases`] for their shape); the tests
    /// run them and `docs/rules.md` prints them. Not compiled into the WASM module.
    #[cfg(not(target_arch = "wasm32"))]
    pub fires: &'static [&'static str],
    /// Near misses that do not fire it.
    #[cfg(not(target_arch = "wasm32"))]
    pub passes: &'static [&'static str],
}

/// Declares a family's rules: one block per rule, and the family's list `LIST`, which
/// [`RULES`] composes. `uncertain` (default `false`) and `meta_error` (default none) may be
/// left out; `stage` and `severity` name a [`Stage`] and a [`Severity`] variant.
///
/// ```text
/// declare_rules! {
///     HEADER_TOO_LONG {
///         code: "WP131", name: "header-too-long", stage: Template, severity: Error,
///         summary: "…", why: "… (M-COMP).", help: "…",
///         fires: [r#"{"name": "x", …}"#],
///         passes: [r#"{"name": "x", …}"#],
///     }
/// }
/// ```
macro_rules! declare_rules {
    (@or $default:expr) => { $default };
    (@or $default:expr, $given:expr) => { $given };
    ($(
        $(#[$attr:meta])*
        $id:ident {
            code: $code:literal,
            name: $name:literal,
            stage: $stage:ident,
            severity: $severity:ident,
            summary: $summary:expr,
            why: $why:expr,
            help: $help:expr,
            $(uncertain: $uncertain:literal,)?
            $(meta_error: $meta_error:expr,)?
            fires: [$($fires:literal),* $(,)?],
            passes: [$($passes:literal),* $(,)?] $(,)?
        }
    )*) => {
        $(
            $(#[$attr])*
            pub static $id: $crate::rules::Rule = $crate::rules::Rule {
                code: $code,
                name: $name,
                stage: $crate::rules::Stage::$stage,
                severity: $crate::diagnostic::Severity::$severity,
                summary: $summary,
                why: $why,
                help: $help,
                uncertain: declare_rules!(@or false $(, $uncertain)?),
                meta_error: declare_rules!(@or None $(, Some($meta_error))?),
                #[cfg(not(target_arch = "wasm32"))]
                fires: &[$($fires),*],
                #[cfg(not(target_arch = "wasm32"))]
                passes: &[$($passes),*],
            };
        )*

        /// This family's rules, in declaration order.
        pub static LIST: &[&$crate::rules::Rule] = &[$(&$id),*];
    };
}

pub mod authentication;
pub mod buttons;
#[cfg(not(target_arch = "wasm32"))]
pub mod cases;
pub mod category;
pub mod content;
#[cfg(not(target_arch = "wasm32"))]
mod docs;
pub mod examples;
pub mod identity;
pub mod limits;
pub mod payload;
pub mod placeholders;
pub mod policy;
pub mod sending;
pub mod shape;
pub mod structure;

#[cfg(not(target_arch = "wasm32"))]
pub use docs::rules_markdown;

/// Findings are built from their rule here, beside the registry, so that `diagnostic` (what a
/// finding is) needs nothing of the rules.
impl Diagnostic {
    /// A finding of `rule` at `path`, with the rule's default severity and help.
    pub fn new(rule: &'static Rule, path: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            code: rule.code,
            rule: rule.name,
            severity: rule.severity,
            message: message.into(),
            help: if rule.help.is_empty() { None } else { Some(rule.help.to_string()) },
            path: path.into(),
            span: None,
            error_code: rule.meta_error.map(|e| e.code),
            alternatives: rule.meta_error.map_or(&[], |e| e.alternatives),
        }
    }
}

/// The rule families; a new family is one more line here.
const FAMILIES: &[&[&Rule]] = &[
    shape::LIST,
    identity::LIST,
    structure::LIST,
    limits::LIST,
    buttons::LIST,
    authentication::LIST,
    placeholders::LIST,
    examples::LIST,
    content::LIST,
    policy::LIST,
    category::LIST,
    sending::LIST,
    payload::LIST,
];

const RULE_COUNT: usize = {
    let (mut n, mut i) = (0, 0);
    while i < FAMILIES.len() {
        n += FAMILIES[i].len();
        i += 1;
    }
    n
};

/// True when code `a` sorts before code `b` (byte order; codes are `WP` and three digits).
const fn code_before(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let mut i = 0;
    while i < a.len() && i < b.len() {
        if a[i] != b[i] {
            return a[i] < b[i];
        }
        i += 1;
    }
    a.len() < b.len()
}

/// The families' rules gathered and sorted by code, at compile time.
static BY_CODE: [&Rule; RULE_COUNT] = {
    let mut out = [FAMILIES[0][0]; RULE_COUNT];
    let (mut n, mut f) = (0, 0);
    while f < FAMILIES.len() {
        let mut r = 0;
        while r < FAMILIES[f].len() {
            // Insertion sort: shift the larger codes up, then place this one.
            let rule = FAMILIES[f][r];
            let mut at = n;
            while at > 0 && code_before(rule.code, out[at - 1].code) {
                out[at] = out[at - 1];
                at -= 1;
            }
            out[at] = rule;
            n += 1;
            r += 1;
        }
        f += 1;
    }
    out
};

/// Every rule, in code order.
pub static RULES: &[&Rule] = &BY_CODE;

/// Looks a rule up by code (`WP201`) or name (`variable-at-edge`).
pub fn find_rule(key: &str) -> Option<&'static Rule> {
    RULES.iter().copied().find(|r| r.code.eq_ignore_ascii_case(key) || r.name == key)
}

/// Where a scanned text field sits in the template; decides which rules apply to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    HeaderText,
    Body,
    Footer,
    ButtonUrl,
    CardHeaderText,
    CardBody,
    /// Button labels, offer text, phone numbers: fields that take no parameters.
    Static,
}

/// A text field with its placeholder scan, computed once per validation.
#[derive(Debug)]
pub struct Field<'a> {
    pub role: Role,
    pub text: &'a Text,
    pub scan: Scan,
    /// The field's words and the words of every list found in them, read once for the
    /// classifier and every rule that reads words (policy, identifiers).
    pub words: &'a Words,
    /// JSON path of the component (or button) the field belongs to.
    pub owner: &'a str,
    /// The component's `example`, for header and body fields.
    pub example: Option<&'a serde_json::Value>,
}

/// What every rule sees: the template, the options, the scans, and the findings so far.
pub struct Context<'a> {
    pub template: &'a Template,
    pub options: &'a ValidateOptions,
    /// What the content says the category is.
    pub classification: &'a Classification,
    /// The declared category, legacy values mapped; `None` when missing or unknown.
    pub category: Option<Category>,
    pub fields: Vec<Field<'a>>,
    findings: Findings,
}

/// At most this many findings of one rule on one field are kept, so that hostile input (a body
/// of 200,000 placeholders) gives a bounded answer in bounded time.
pub const MAX_PER_SITE: usize = 20;

/// Findings being collected, at most [`MAX_PER_SITE`] per rule and field (and, for a send
/// request, at most a total per rule: [`Findings::with_rule_cap`]). Rules that may find many
/// things in one field ask [`Findings::wants`] before building each diagnostic, which keeps the
/// work linear in the input. Every entry point ends with [`Findings::finish`], which applies the
/// caller's per-rule settings: template validation, content checks, renders, built and checked
/// sends alike.
#[derive(Debug, Default)]
pub struct Findings {
    list: Vec<Diagnostic>,
    per_site: FastMap<&'static str, FastMap<String, usize>>,
    /// The cap on one rule's findings in all, with the counts so far; none for templates.
    per_rule: Option<(usize, FastMap<&'static str, usize>)>,
}

impl Findings {
    /// Findings that also keep at most `cap` of one rule in all: a send request's unknown keys
    /// each sit at their own path, so the per-site cap alone would not bound them.
    pub fn with_rule_cap(cap: usize) -> Self {
        Findings { per_rule: Some((cap, FastMap::default())), ..Findings::default() }
    }

    /// False once `rule` has reached its cap at `path`.
    pub fn wants(&self, rule: &Rule, path: &str) -> bool {
        self.wants_code(rule.code, path)
    }

    fn wants_code(&self, code: &str, path: &str) -> bool {
        let site = self.per_site.get(code).and_then(|m| m.get(path)).is_none_or(|n| *n < MAX_PER_SITE);
        site && self.per_rule.as_ref().is_none_or(|(cap, m)| m.get(code).is_none_or(|n| n < cap))
    }

    pub fn push(&mut self, d: Diagnostic) {
        if !self.wants_code(d.code, &d.path) {
            return;
        }
        *self.per_site.entry(d.code).or_default().entry(d.path.clone()).or_insert(0) += 1;
        if let Some((_, counts)) = &mut self.per_rule {
            *counts.entry(d.code).or_insert(0) += 1;
        }
        self.list.push(d);
    }

    /// Adds the findings collected in `other`, within this one's caps. When none of their rules
    /// has a finding here yet (the usual case: each family reports its own rules), `other`'s
    /// counts are this one's and are taken over as they are.
    pub fn absorb(&mut self, other: Findings) {
        let disjoint = self.per_rule.is_none()
            && other.per_rule.is_none()
            && other.per_site.keys().all(|code| !self.per_site.contains_key(code));
        if !disjoint {
            for d in other.list {
                self.push(d);
            }
            return;
        }
        if self.list.is_empty() {
            *self = other;
            return;
        }
        self.list.extend(other.list);
        self.per_site.extend(other.per_site);
    }

    /// The findings, with the per-rule settings (keyed by code or name) applied.
    pub fn finish(self, settings: &HashMap<String, RuleSetting>) -> Vec<Diagnostic> {
        apply_settings(self.list, settings)
    }
}

impl<'a> Context<'a> {
    /// `words`: the template's text fields read (`TextWords::read`).
    pub fn new(
        template: &'a Template,
        options: &'a ValidateOptions,
        classification: &'a Classification,
        words: &'a TextWords,
    ) -> Self {
        let category =
            template.category.as_ref().and_then(|c| crate::category::parse_category(&c.value).map(|(cat, _)| cat));
        // About one field per component, and a few for buttons.
        let mut fields = Vec::with_capacity(template.components.len() + 4);
        for c in &template.components {
            collect_fields(&c.kind, &c.path, c.example.as_ref(), false, words, &mut fields);
        }
        Context { template, options, classification, category, fields, findings: Findings::default() }
    }

    pub fn report(&mut self, d: Diagnostic) {
        self.findings.push(d);
    }

    /// Adds the findings a rule family collected on its own.
    pub fn absorb(&mut self, found: Findings) {
        self.findings.absorb(found);
    }

    pub fn fields(&self, role: Role) -> impl Iterator<Item = &Field<'a>> {
        self.fields.iter().filter(move |f| f.role == role)
    }

    /// Findings with the options' per-rule settings applied.
    pub fn finish(self) -> Vec<Diagnostic> {
        self.findings.finish(&self.options.rules)
    }
}

/// Applies per-rule settings (keyed by code or name): turns findings off or re-grades them.
pub fn apply_settings(list: Vec<Diagnostic>, settings: &HashMap<String, RuleSetting>) -> Vec<Diagnostic> {
    if settings.is_empty() {
        return list;
    }
    list.into_iter()
        .filter_map(|d| {
            let severity = match settings.get(d.code).or_else(|| settings.get(d.rule)) {
                Some(RuleSetting::Off) => return None,
                Some(RuleSetting::Info) => Severity::Info,
                Some(RuleSetting::Warning) => Severity::Warning,
                Some(RuleSetting::Error) => Severity::Error,
                None => d.severity,
            };
            Some(Diagnostic { severity, ..d })
        })
        .collect()
}

/// The first key of per-rule settings that names no rule.
pub fn unknown_rule(settings: &HashMap<String, RuleSetting>) -> Option<&str> {
    settings.keys().map(String::as_str).find(|k| find_rule(k).is_none())
}

/// Reads a `rules` field of options (serde `deserialize_with`), refusing rules that do not exist.
pub fn deserialize_settings<'de, D: serde::Deserializer<'de>>(d: D) -> Result<HashMap<String, RuleSetting>, D::Error> {
    use serde::Deserialize;
    // Read as the map itself (no `Value` between), so that each reader's monomorphisation
    // stays small.
    let settings = Option::<HashMap<String, RuleSetting>>::deserialize(d)?.unwrap_or_default();
    match unknown_rule(&settings) {
        Some(unknown) => Err(serde::de::Error::custom(format!("rules: no rule `{unknown}`"))),
        None => Ok(settings),
    }
}

/// Words of a field `TextWords` did not read (none: it reads every text field).
static NO_WORDS: Words = Words::EMPTY;

fn collect_fields<'a>(
    kind: &'a ComponentKind,
    path: &'a str,
    example: Option<&'a serde_json::Value>,
    in_card: bool,
    words: &'a TextWords,
    out: &mut Vec<Field<'a>>,
) {
    let push = |out: &mut Vec<Field<'a>>,
                role: Role,
                text: &'a Option<Text>,
                owner: &'a str,
                example: Option<&'a serde_json::Value>| {
        if let Some(text) = text {
            let words = words.get(text).unwrap_or(&NO_WORDS);
            out.push(Field { role, text, scan: scan(&text.value), words, owner, example });
        }
    };
    match kind {
        ComponentKind::Header(h) => {
            push(out, if in_card { Role::CardHeaderText } else { Role::HeaderText }, &h.text, path, example)
        }
        ComponentKind::Body(b) => push(out, if in_card { Role::CardBody } else { Role::Body }, &b.text, path, example),
        ComponentKind::Footer(f) => push(out, Role::Footer, &f.text, path, None),
        ComponentKind::LimitedTimeOffer(o) => push(out, Role::Static, &o.text, path, None),
        ComponentKind::Buttons(buttons) => {
            for b in buttons {
                push(out, Role::Static, &b.text, &b.path, None);
                push(out, Role::Static, &b.phone_number, &b.path, None);
                if b.kind == ButtonKind::Url && !b.is_otp() {
                    push(out, Role::ButtonUrl, &b.url, &b.path, b.example.as_ref());
                }
            }
        }
        ComponentKind::Carousel(cards) => {
            for card in cards {
                for c in &card.components {
                    collect_fields(&c.kind, &c.path, c.example.as_ref(), true, words, out);
                }
            }
        }
        ComponentKind::CallPermissionRequest | ComponentKind::Unknown(_) => {}
    }
}

/// Runs every rule family over `template`, whose text fields `words` holds read.
pub fn run(
    template: &Template,
    options: &ValidateOptions,
    classification: &Classification,
    words: &TextWords,
) -> Vec<Diagnostic> {
    let mut cx = Context::new(template, options, classification, words);
    // Each stage is its own function (`#[inline(never)]`, and wasm-opt's inlining of functions
    // with one caller is off, see scripts/build.mjs), not one body of 56 KB of WASM: V8 moves a
    // function to its optimising tier only once it has compiled all of it, which for that body
    // took about 200 ms, while an editor's calls ran the rules in baseline code.
    shape::check(&mut cx);
    identity::check(&mut cx);
    structure::check(&mut cx);
    limits::check(&mut cx);
    buttons::check(&mut cx);
    authentication::check(&mut cx);
    placeholders::check(&mut cx);
    examples::check(&mut cx);
    content::check(&mut cx);
    policy::check(&mut cx);
    category::check(&mut cx);
    cx.finish()
}

// Tests only: the unwraps below are assertions on fixed inputs, compiled under cfg(test) and
// never into the library, so no user input reaches them.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn send_findings_are_capped_per_site_and_per_rule() {
        let finding = |path: String| Diagnostic::new(&payload::UNEXPECTED_KEY, path, "unexpected key");
        let mut one_site = Findings::with_rule_cap(50);
        (0..30).for_each(|_| one_site.push(finding("to".into())));
        assert_eq!(one_site.finish(&HashMap::new()).len(), MAX_PER_SITE);
        let mut many_sites = Findings::with_rule_cap(50);
        (0..100).for_each(|i| many_sites.push(finding(format!("k{i}"))));
        assert!(!many_sites.wants(&payload::UNEXPECTED_KEY, "k100"));
        let settings = HashMap::from([("WP530".to_string(), RuleSetting::Warning)]);
        let kept = many_sites.finish(&settings);
        assert_eq!(kept.len(), 50);
        assert!(kept.iter().all(|d| d.severity == Severity::Warning));
        // Templates have no cap per rule, only per site.
        let mut template = Findings::default();
        (0..100).for_each(|i| template.push(finding(format!("k{i}"))));
        assert_eq!(template.finish(&HashMap::new()).len(), 100);
    }

    #[test]
    // The cases and the source table are native-only (see `cases` and `docs`).
    #[cfg(not(target_arch = "wasm32"))]
    fn codes_and_names_are_unique_and_well_formed() {
        let mut codes: Vec<&str> = RULES.iter().map(|r| r.code).collect();
        let mut names: Vec<&str> = RULES.iter().map(|r| r.name).collect();
        for r in RULES {
            assert!(
                r.code.len() == 5 && r.code.starts_with("WP") && r.code[2..].bytes().all(|b| b.is_ascii_digit()),
                "{}",
                r.code
            );
            assert!(r.name.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'), "{}", r.name);
            assert!(!r.name.starts_with("no-"), "{} names a prohibition, not the pattern", r.name);
            assert!(!(r.uncertain && r.severity == Severity::Error), "{} is uncertain but an error", r.code);
            assert!(
                !r.summary.is_empty() && !r.why.is_empty() && !r.fires.is_empty() && !r.passes.is_empty(),
                "{}",
                r.code
            );
        }
        codes.sort_unstable();
        for r in RULES {
            for word in r.why.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-')) {
                let tag = word.trim_matches('-');
                if tag.starts_with("M-") || tag == "PYWA" {
                    assert!(docs::SOURCES.iter().any(|(t, _)| *t == tag), "{} cites unknown source {tag}", r.code);
                }
            }
        }
        codes.dedup();
        names.sort_unstable();
        names.dedup();
        assert_eq!(codes.len(), RULES.len());
        assert_eq!(names.len(), RULES.len());
    }
}
