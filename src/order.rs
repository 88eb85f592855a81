//! The crate's one sort. Each `sort_by` of the standard library is compiled anew for every
//! element type and comparator it is called with (about 90 KB of WASM over a dozen call sites),
//! so every call site sorts through [`sort_by`] here instead: it sorts the positions `0..len`
//! once, with the comparator behind `&dyn`, then moves the elements into that order. One
//! compiled sort serves every type; the order is stable, as `slice::sort_by`'s is.
//!
//! Below everything: it imports nothing of the crate.

use std::cmp::Ordering;

/// The positions `0..len` in the order `cmp` gives them, ties kept in position order.
fn positions(len: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|&a, &b| cmp(a, b));
    order
}

/// Sorts `v` stably by `cmp` (what `v.sort_by(cmp)` does).
pub fn sort_by<T>(v: &mut Vec<T>, cmp: impl Fn(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let order = positions(v.len(), &|a, b| cmp(&v[a], &v[b]));
    if order.iter().enumerate().all(|(i, &p)| i == p) {
        return; // already in order: nothing moves
    }
    let mut slots: Vec<Option<T>> = std::mem::take(v).into_iter().map(Some).collect();
    v.extend(order.into_iter().filter_map(|p| slots.get_mut(p).and_then(Option::take)));
}

/// Sorts `v` stably by the key `key` gives each element (what `v.sort_by_key(key)` does).
pub fn sort_by_key<T, K: Ord>(v: &mut Vec<T>, key: impl Fn(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `v` in ascending order (what `v.sort()` and, for values that are equal only when
/// identical, `v.sort_unstable()` do).
pub fn sort<T: Ord>(v: &mut Vec<T>) {
    sort_by(v, T::cmp);
}

// Tests only: the unwraps below are assertions on fixed inputs, compiled under cfg(test) and
// never into the library, so no user input reaches them.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agrees_with_the_standard_stable_sort() {
        // A fixed pseudo-random sequence with many ties: the payload records the original
        // position, so any instability would show.
        let mut x: u32 = 12345;
        let mut v: Vec<(u32, usize)> = (0..500)
            .map(|i| {
                x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                ((x >> 16) % 17, i)
            })
            .collect();
        let mut expected = v.clone();
        expected.sort_by_key(|e| e.0);
        sort_by_key(&mut v, |e| e.0);
        assert_eq!(v, expected);
    }

    #[test]
    fn sorts_short_sorted_and_reversed_input() {
        let mut empty: Vec<u8> = Vec::new();
        sort(&mut empty);
        assert!(empty.is_empty());
        let mut one = vec!["a".to_string()];
        sort(&mut one);
        assert_eq!(one, ["a"]);
        let mut sorted = vec![1, 2, 3];
        sort(&mut sorted);
        assert_eq!(sorted, [1, 2, 3]);
        let mut reversed: Vec<i64> = (0..100).rev().collect();
        sort(&mut reversed);
        assert_eq!(reversed, (0..100).collect::<Vec<_>>());
        let mut words = vec!["pear", "apple", "fig", "apple"];
        sort_by(&mut words, |a, b| b.cmp(a));
        assert_eq!(words, ["pear", "fig", "apple", "apple"]);
    }
}
