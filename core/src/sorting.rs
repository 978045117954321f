//! A small stable sort for the short lists Envelope orders: ranged inputs,
//! link keys and warnings, tornado bars, chart rows.
//!
//! Why not `slice::sort_by`: every element type instantiates std's driftsort
//! and quicksort, several KB of WebAssembly apiece, and the web app ships a
//! dozen of them. Insertion sort is a few hundred bytes per type, stable,
//! and linear on the nearly sorted lists these are; the longest (a share
//! link's warnings) holds at most a few thousand items.

use std::cmp::Ordering;

/// Sorts `items` in place by `compare`, keeping equal items in their order.
///
/// ```
/// let mut v = [(2, 'a'), (1, 'b'), (2, 'c'), (0, 'd')];
/// envelope_core::sorting::sort_by(&mut v, |x, y| x.0.cmp(&y.0));
/// assert_eq!(v, [(0, 'd'), (1, 'b'), (2, 'a'), (2, 'c')]);
/// ```
pub fn sort_by<T>(items: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
    for i in 1..items.len() {
        let mut j = i;
        while j > 0 && compare(&items[j - 1], &items[j]) == Ordering::Greater {
            items.swap(j - 1, j);
            j -= 1;
        }
    }
}

/// Sorts `items` in place by the key `key` gives, keeping items with equal
/// keys in their order.
///
/// ```
/// let mut words = ["ccc", "a", "bb", "d"];
/// envelope_core::sorting::sort_by_key(&mut words, |w| w.len());
/// assert_eq!(words, ["a", "d", "bb", "ccc"]);
/// ```
pub fn sort_by_key<T, K: Ord>(items: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Same order as std's stable sort, ties included (the second
        /// element records where each item started).
        #[test]
        fn agrees_with_the_standard_stable_sort(keys in proptest::collection::vec(0u8..8, 0..200)) {
            let mut ours: Vec<(u8, usize)> = keys.iter().copied().zip(0..).collect();
            let mut std_sorted = ours.clone();
            sort_by_key(&mut ours, |item| item.0);
            std_sorted.sort_by_key(|item| item.0);
            prop_assert_eq!(ours, std_sorted);
        }
    }
}
