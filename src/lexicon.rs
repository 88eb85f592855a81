//! Word lists matched against template text: folding (lowercase, accents removed), tokens with
//! their byte ranges in the original text, and terms of one or more tokens.
//!
//! Matching tokens instead of running Unicode-aware regexes keeps the scan linear and fast on
//! accented text, and gives each match its exact place in the original text.
//!
//! Term syntax: words separated by spaces (a space, hyphen or apostrophe in the text separates
//! words too: `don t`, `check in`); a word ending in `*` is a stem (`scont*` matches sconto,
//! sconti, scontato); `<num>` matches a number; `..` matches up to three words of any kind
//! (`numer* .. carta` finds "numero completo della tua carta"); `%`, `#`, `€`, `$` are words of
//! their own.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hash, Hasher};
use std::ops::Range;

/// An FxHash-style hasher (a rotate, an xor and a multiply per eight bytes): the keys hashed on
/// the hot path are short words and JSON paths from templates, not chosen by an adversary to any
/// effect beyond a slower lookup; SipHash cost a tenth of the scan.
#[derive(Default, Clone, Copy)]
pub struct FastHasher(u64);

impl FastHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for FastHasher {
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut w = [0u8; 8];
            w[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(w));
        }
    }
    #[inline]
    fn write_u8(&mut self, b: u8) {
        self.add(u64::from(b));
    }
    #[inline]
    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }
}

/// A hash map with [`FastHasher`], for lookups on the hot path.
pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;

/// A set of keys taken from the input (placeholder names, button labels): a list while small,
/// as it nearly always is (no hashing at all), and a `HashSet` with the standard, keyed hasher
/// past [`SmallSet::SMALL`] keys, so that input with thousands of keys chosen to collide cannot
/// make it quadratic.
#[derive(Debug, Clone)]
pub enum SmallSet<K> {
    Small(Vec<K>),
    Large(HashSet<K>),
}

impl<K: Hash + Eq> SmallSet<K> {
    /// The most keys kept as a list.
    pub const SMALL: usize = 16;

    pub fn new() -> Self {
        SmallSet::Small(Vec::new())
    }

    /// Adds `k`; false when it was there.
    pub fn insert(&mut self, k: K) -> bool {
        match self {
            SmallSet::Small(list) => {
                if list.contains(&k) {
                    return false;
                }
                if list.len() < Self::SMALL {
                    list.push(k);
                } else {
                    let mut set: HashSet<K> = list.drain(..).collect();
                    set.insert(k);
                    *self = SmallSet::Large(set);
                }
                true
            }
            SmallSet::Large(set) => set.insert(k),
        }
    }

    pub fn contains(&self, k: &K) -> bool {
        match self {
            SmallSet::Small(list) => list.contains(k),
            SmallSet::Large(set) => set.contains(k),
        }
    }

    pub fn len(&self) -> usize {
        match self {
            SmallSet::Small(list) => list.len(),
            SmallSet::Large(set) => set.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl<K: Hash + Eq> Default for SmallSet<K> {
    fn default() -> Self {
        Self::new()
    }
}

impl<K: Hash + Eq> FromIterator<K> for SmallSet<K> {
    fn from_iter<I: IntoIterator<Item = K>>(iter: I) -> Self {
        let mut set = SmallSet::new();
        for k in iter {
            set.insert(k);
        }
        set
    }
}

/// The words of a text: their folded forms, kept end to end in one buffer (one allocation for
/// the whole text, not one per word), and their byte ranges in the original.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tokens {
    folded: String,
    /// Per word: where its folded form ends in `folded` (it starts where the previous one ends)
    /// and its byte range in the original text.
    words: Vec<(usize, Range<usize>)>,
}

impl Tokens {
    /// No words.
    pub const EMPTY: Tokens = Tokens { folded: String::new(), words: Vec::new() };

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// The folded form of word `i`.
    pub fn folded(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.words[i - 1].0 };
        &self.folded[start..self.words[i].0]
    }

    /// The byte range of word `i` in the original text.
    pub fn range(&self, i: usize) -> Range<usize> {
        self.words[i].1.clone()
    }

    fn close(&mut self, range: Range<usize>) {
        self.words.push((self.folded.len(), range));
    }
}

/// Appends `c` lowercased and without diacritics.
#[inline]
pub fn fold_char(c: char, out: &mut String) {
    match c {
        // Most of any template's text: no table lookups.
        _ if c.is_ascii() => out.push(c.to_ascii_lowercase()),
        // Latin-1 capitals (À–Þ but ×) are their small letter plus 0x20; the rest of the block is
        // already small.
        '\u{C0}'..='\u{DE}' if c != '×' => strip_diacritic(char::from_u32(u32::from(c) + 0x20).unwrap_or(c), out),
        '\u{DF}'..='\u{FF}' => strip_diacritic(c, out),
        _ => c.to_lowercase().for_each(|l| strip_diacritic(l, out)),
    }
}

/// Appends the small letter `l` without its diacritics.
fn strip_diacritic(l: char, out: &mut String) {
    let plain = match l {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'č' => "c",
        'ď' | 'đ' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => "e",
        'ğ' => "g",
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'ı' => "i",
        'ł' => "l",
        'ñ' | 'ń' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => "o",
        'œ' => "oe",
        'ř' => "r",
        'ß' => "ss",
        'ś' | 'š' | 'ş' => "s",
        'ť' | 'ţ' => "t",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => "u",
        'ý' | 'ÿ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        other => {
            out.push(other);
            return;
        }
    };
    out.push_str(plain);
}

/// Folds a whole string (for terms and keys).
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(s, &mut out);
    out
}

/// Appends `s` lowercased and without diacritics.
fn fold_into(s: &str, out: &mut String) {
    // Most lexicon words: ASCII, where folding is lowercasing.
    if s.is_ascii() {
        let start = out.len();
        out.push_str(s);
        out.get_mut(start..).into_iter().for_each(str::make_ascii_lowercase);
        return;
    }
    for c in s.chars() {
        fold_char(c, out);
    }
}

fn is_symbol(c: char) -> bool {
    matches!(c, '%' | '#' | '€' | '$' | '£')
}

/// A letter or digit. Latin-1 letters (most accented letters of en, it, pt, es, de, fr) are
/// decided without the Unicode tables.
fn is_word_char(c: char) -> bool {
    match c {
        _ if c.is_ascii() => c.is_ascii_alphanumeric(),
        '\u{C0}'..='\u{FF}' => c != '×' && c != '÷',
        _ => c.is_alphanumeric(),
    }
}

/// Splits `text` into words (runs of letters and digits) and symbol tokens.
pub fn tokenize(text: &str) -> Tokens {
    // About one word in six bytes of template text.
    let mut out = Tokens { folded: String::with_capacity(text.len()), words: Vec::with_capacity(text.len() / 6 + 1) };
    let mut start: Option<usize> = None;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii() {
            // ASCII, most of any template: a run of letters and digits is copied and lowercased
            // at once, without decoding or folding character by character.
            if b.is_ascii_alphanumeric() {
                let end = bytes[i..].iter().position(|c| !c.is_ascii_alphanumeric()).map_or(bytes.len(), |n| i + n);
                if start.is_none() {
                    start = Some(i);
                }
                let from = out.folded.len();
                out.folded.push_str(&text[i..end]);
                out.folded[from..].make_ascii_lowercase();
                i = end;
                continue;
            }
            if let Some(s) = start.take() {
                out.close(s..i);
            }
            if matches!(b, b'%' | b'#' | b'$') {
                out.folded.push(char::from(b));
                out.close(i..i + 1);
            }
            i += 1;
            continue;
        }
        // Other characters decoded one at a time.
        let Some(c) = text[i..].chars().next() else { break };
        let width = c.len_utf8();
        if is_word_char(c) {
            if start.is_none() {
                start = Some(i);
            }
            fold_char(c, &mut out.folded);
        } else {
            if let Some(s) = start.take() {
                out.close(s..i);
            }
            if is_symbol(c) {
                out.folded.push(c);
                out.close(i..i + width);
            }
        }
        i += width;
    }
    if let Some(s) = start {
        out.close(s..text.len());
    }
    out
}

/// One word of a term. A word's folded text is a byte range of its set's `text`, so that a
/// lexicon of thousands of terms is a few allocations, not one per word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pat {
    Exact(u32, u32),
    Prefix(u32, u32),
    Num,
    /// Up to this many words of any kind.
    Gap(usize),
}

/// The most words `..` stands for.
const GAP_WORDS: usize = 3;

/// The word at `start..end` of a set's `text` (ranges are the set's own, so always there).
fn word(text: &str, start: u32, end: u32) -> &str {
    text.get(start as usize..end as usize).unwrap_or_default()
}

impl Pat {
    /// Whether token `t` is this word (`text`: the set's words).
    fn matches(&self, t: &str, text: &str) -> bool {
        match *self {
            Pat::Exact(s, e) => t == word(text, s, e),
            Pat::Prefix(s, e) => t.starts_with(word(text, s, e)),
            Pat::Num => !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()),
            Pat::Gap(_) => true,
        }
    }
}

/// Where `pats`, a term without a gap (nearly all), matched from word `i` of `words` ends (one
/// past its last word): word by word, with no recursion.
fn match_plain(pats: &[Pat], text: &str, words: &[&str], i: usize) -> Option<usize> {
    let end = i + pats.len();
    (end <= words.len() && pats.iter().zip(&words[i..end]).all(|(p, w)| p.matches(w, text))).then_some(end)
}

/// Where `pats` matched from word `i` of `words` ends (one past its last word): the shortest
/// match.
fn match_at(pats: &[Pat], text: &str, words: &[&str], i: usize) -> Option<usize> {
    if !pats.iter().any(|p| matches!(p, Pat::Gap(_))) {
        return match_plain(pats, text, words, i);
    }
    let Some((first, rest)) = pats.split_first() else { return Some(i) };
    if let Pat::Gap(most) = first {
        return (0..=*most).take_while(|k| i + k <= words.len()).find_map(|k| match_at(rest, text, words, i + k));
    }
    if i < words.len() && first.matches(words[i], text) {
        match_at(rest, text, words, i + 1)
    } else {
        None
    }
}

type WordMap<V> = FastMap<String, V>;

/// A set of terms, indexed by their first word (and their second: common first words such as
/// `your`, `il`, `sua` start dozens of terms).
#[derive(Debug, Clone, Default)]
pub struct TermSet {
    /// Every word of every term, folded, one after another.
    text: String,
    /// Every term's words, one term after another.
    pats: Vec<Pat>,
    /// Per term: where its words are in `pats`.
    terms: Vec<(u32, u32)>,
    /// Per term: whether it has a gap (`..`), decided once.
    gapped: Vec<bool>,
    by_first: WordMap<First>,
    /// Terms whose first word is a stem of fewer than three bytes or a number, by the first
    /// byte a matching token starts with (a number: each digit); an empty stem matches any token
    /// and is in every bucket.
    wild_first: Vec<Vec<usize>>,
    /// Terms whose first word is a stem of three bytes or more, by those first three bytes and
    /// then by the stem: a token tries only the stems it could match, and each stem once (fifty
    /// terms start with `num`, from a handful of stems).
    stem3: FastMap<[u8; 3], Vec<(String, Vec<usize>)>>,
}

/// The entry of `word` in `map`, made when missing, so that the word is copied only then (most
/// words start many terms). Never `None`: std's map has no entry by reference, hence the lookup.
fn entry<'m, V: Default>(map: &'m mut WordMap<V>, word: &str) -> Option<&'m mut V> {
    if !map.contains_key(word) {
        map.insert(word.to_string(), V::default());
    }
    map.get_mut(word)
}

/// Files term `idx`, whose first word is exact, under that word, and under its second and third
/// words when they are exact too. (`None` only where [`entry`] never gives it.)
fn file_exact(by_first: &mut WordMap<First>, text: &str, pats: &[Pat], idx: usize) -> Option<()> {
    let exact = |i: usize| match pats.get(i) {
        Some(&Pat::Exact(s, e)) => Some(word(text, s, e)),
        _ => None,
    };
    let first = entry(by_first, exact(0)?)?;
    let Some(second) = exact(1) else {
        first.any_second.push(idx);
        return Some(());
    };
    let second = entry(&mut first.by_second, second)?;
    match exact(2) {
        Some(third) => entry(&mut second.by_third, third)?.push(idx),
        None => second.any_third.push(idx),
    }
    Some(())
}

/// The first three bytes of `w`, when it has them.
fn head3(w: &str) -> Option<[u8; 3]> {
    w.as_bytes().get(..3).map(|b| [b[0], b[1], b[2]])
}

/// The terms that start with one word: those of one word or whose second word is a stem or a
/// number, and the others by their second word.
#[derive(Debug, Clone, Default)]
struct First {
    any_second: Vec<usize>,
    by_second: WordMap<Second>,
}

/// The terms that start with two given words, likewise by their third word: `il tuo` starts
/// dozens of terms.
#[derive(Debug, Clone, Default)]
struct Second {
    any_third: Vec<usize>,
    by_third: WordMap<Vec<usize>>,
}

/// A match: the term's index and the byte range it covers in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    pub term: usize,
    pub range: Range<usize>,
}

impl TermSet {
    pub fn new<'a>(terms: impl IntoIterator<Item = &'a str>) -> Self {
        let mut set = TermSet { wild_first: vec![Vec::new(); 256], ..TermSet::default() };
        let mut term_pats: Vec<Pat> = Vec::new();
        for term in terms {
            term_pats.clear();
            for w in
                term.split(|c: char| c.is_whitespace() || c == '-' || c == '\'' || c == '’').filter(|w| !w.is_empty())
            {
                term_pats.push(match w {
                    "<num>" => Pat::Num,
                    ".." => Pat::Gap(GAP_WORDS),
                    _ => {
                        let start = set.text.len() as u32;
                        fold_into(w.strip_suffix('*').unwrap_or(w), &mut set.text);
                        let end = set.text.len() as u32;
                        if w.ends_with('*') {
                            Pat::Prefix(start, end)
                        } else {
                            Pat::Exact(start, end)
                        }
                    }
                });
            }
            // A gap cannot start or end a term: it would only widen the match.
            let gap = |p: &&Pat| matches!(p, Pat::Gap(_));
            let lead = term_pats.iter().take_while(gap).count();
            let trail = term_pats.iter().skip(lead).rev().take_while(gap).count();
            let pats = term_pats.get(lead..term_pats.len() - trail).unwrap_or_default();
            // A term with no words never matches, but keeps its index: callers number their
            // terms' payloads in the order given.
            let idx = set.terms.len();
            let start = set.pats.len() as u32;
            set.pats.extend_from_slice(pats);
            set.terms.push((start, set.pats.len() as u32));
            set.gapped.push(pats.iter().any(|p| matches!(p, Pat::Gap(_))));
            let text = &set.text;
            match pats.first() {
                Some(Pat::Exact(..)) => {
                    file_exact(&mut set.by_first, text, pats, idx);
                }
                Some(&Pat::Prefix(s, e)) => {
                    let p = word(text, s, e);
                    match (head3(p), p.as_bytes().first()) {
                        (Some(h), _) => {
                            let stems = set.stem3.entry(h).or_default();
                            match stems.iter_mut().find(|(s, _)| s == p) {
                                Some((_, terms)) => terms.push(idx),
                                None => stems.push((p.to_string(), vec![idx])),
                            }
                        }
                        (None, Some(&b)) => set.wild_first[usize::from(b)].push(idx),
                        (None, None) => set.wild_first.iter_mut().for_each(|bucket| bucket.push(idx)),
                    }
                }
                Some(Pat::Num) => (b'0'..=b'9').for_each(|b| set.wild_first[usize::from(b)].push(idx)),
                Some(Pat::Gap(_)) | None => {}
            }
        }
        set
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// Every occurrence of every term in `tokens` (terms may overlap).
    pub fn find(&self, tokens: &Tokens) -> Vec<Match> {
        self.find_where(tokens, |_| true)
    }

    /// Every occurrence of the terms `wanted` keeps (by index), in `tokens`: the others are not
    /// tried at all.
    pub fn find_where(&self, tokens: &Tokens, wanted: impl Fn(usize) -> bool) -> Vec<Match> {
        let mut out = Vec::new();
        let words: Vec<&str> = (0..tokens.len()).map(|i| tokens.folded(i)).collect();
        for (i, &word) in words.iter().enumerate() {
            let (one, two, three): (&[usize], &[usize], &[usize]) = match self.by_first.get(word) {
                Some(first) => match words.get(i + 1).and_then(|next| first.by_second.get(*next)) {
                    Some(second) => (
                        &first.any_second,
                        &second.any_third,
                        match words.get(i + 2) {
                            Some(third) if !second.by_third.is_empty() => {
                                second.by_third.get(*third).map(Vec::as_slice).unwrap_or_default()
                            }
                            _ => &[],
                        },
                    ),
                    None => (&first.any_second, &[], &[]),
                },
                None => (&[], &[], &[]),
            };
            let wild = match word.as_bytes().first() {
                Some(&b) => self.wild_first.get(usize::from(b)).map(Vec::as_slice).unwrap_or_default(),
                None => &[],
            };
            let stems: &[(String, Vec<usize>)] = match head3(word) {
                Some(h) if !self.stem3.is_empty() => self.stem3.get(&h).map(Vec::as_slice).unwrap_or_default(),
                _ => &[],
            };
            let stemmed = stems.iter().filter(|(stem, _)| word.starts_with(stem.as_str())).flat_map(|(_, ts)| ts);
            for &t in one.iter().chain(two).chain(three).chain(wild).chain(stemmed) {
                if !wanted(t) {
                    continue;
                }
                let (start, end) = self.terms[t];
                let pats = self.pats.get(start as usize..end as usize).unwrap_or_default();
                let end = match self.gapped[t] {
                    true => match_at(pats, &self.text, &words, i),
                    false => match_plain(pats, &self.text, &words, i),
                };
                if let Some(end) = end {
                    out.push(Match { term: t, range: tokens.range(i).start..tokens.range(end - 1).end });
                }
            }
        }
        out
    }
}

/// Keeps, per key (a signal, a word group), the longest of overlapping matches, in order of
/// key and start: what every word-list reader wants of [`TermSet::find`]'s overlapping output.
pub fn longest_per_key<K: Ord + Copy>(found: &mut Vec<(K, Range<usize>)>) {
    crate::order::sort_by_key(found, |(k, r)| (*k, r.start, std::cmp::Reverse(r.end)));
    found.dedup_by(|b, a| a.0 == b.0 && b.1.start < a.1.end);
}

// Tests only: the unwraps below are assertions on fixed inputs, compiled under cfg(test) and
// never into the library, so no user input reaches them.
#[cfg(test)]
mod tests {
    use super::*;

    fn found(terms: &[&str], text: &str) -> Vec<String> {
        let set = TermSet::new(terms.iter().copied());
        set.find(&tokenize(text)).into_iter().map(|m| text[m.range].to_string()).collect()
    }

    #[test]
    fn folds_case_accents_and_inflection() {
        assert_eq!(fold("PROMOÇÕES Über Straße"), "promocoes uber strasse");
        assert_eq!(found(&["promoc*"], "Aproveite as PROMOÇÕES!"), vec!["PROMOÇÕES"]);
        assert_eq!(found(&["scont*"], "Sconti e sconto; nessuno sconosciuto"), vec!["Sconti", "sconto"]);
        assert_eq!(found(&["codigo de verificacao"], "Seu código de verificação é 123"), vec!["código de verificação"]);
    }

    #[test]
    fn multi_word_terms_numbers_and_symbols() {
        assert_eq!(found(&["don t miss"], "Don’t miss it"), vec!["Don’t miss"]);
        assert_eq!(found(&["<num> %"], "Get 20 % or 30% off"), vec!["20 %", "30%"]);
        assert_eq!(found(&["check in"], "Online check-in is open"), vec!["check-in"]);
        assert_eq!(found(&["# <num>"], "Order #12345 shipped"), vec!["#12345"]);
        assert!(found(&["sale"], "wholesale salesman").is_empty());
    }

    #[test]
    fn gaps_stand_for_up_to_three_words() {
        let terms = ["numer* .. carta", ".. iban .."];
        assert_eq!(found(&terms, "il numero completo della tua carta"), vec!["numero completo della tua carta"]);
        assert_eq!(found(&terms, "Numero carta"), vec!["Numero carta"]);
        assert!(found(&terms, "numero della pratica e la carta").is_empty());
        assert_eq!(found(&terms, "IBAN"), vec!["IBAN"]);
        assert!(found(&["numero .."], "").is_empty());
    }

    #[test]
    fn latin1_fast_paths_agree_with_the_unicode_tables() {
        for c in (0..0x2000).filter_map(char::from_u32) {
            assert_eq!(is_word_char(c), c.is_alphanumeric(), "{c:?}");
            let (mut fast, mut table) = (String::new(), String::new());
            fold_char(c, &mut fast);
            c.to_lowercase().for_each(|l| strip_diacritic(l, &mut table));
            assert_eq!(fast, table, "{c:?}");
        }
    }

    #[test]
    fn tokens_keep_folded_forms_and_original_ranges() {
        let text = "Ação: 20% #1 — Straße";
        let t = tokenize(text);
        let words: Vec<(&str, &str)> = (0..t.len()).map(|i| (t.folded(i), &text[t.range(i)])).collect();
        assert_eq!(
            words,
            vec![("acao", "Ação"), ("20", "20"), ("%", "%"), ("#", "#"), ("1", "1"), ("strasse", "Straße")]
        );
        assert!(tokenize(" — ").is_empty());
    }

    #[test]
    fn empty_terms_keep_the_numbering() {
        let set = TermSet::new(["", " - ", "ordine"]);
        let m = set.find(&tokenize("Il tuo ordine"));
        assert_eq!(m, vec![Match { term: 2, range: 7..13 }]);
    }

    #[test]
    fn spans_are_in_the_original_text() {
        let text = "🎉 Ação: DESCONTO";
        let m = &TermSet::new(["desconto"]).find(&tokenize(text))[0];
        assert_eq!(&text[m.range.clone()], "DESCONTO");
    }
}
