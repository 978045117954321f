//! A small stable sort for the lists Envelope orders: ranged inputs, link
//! keys and warnings, tornado bars, chart rows.
//!
//! Why not `slice::sort_by`: every element type instantiates std's driftsort
//! and quicksort, several KB of WebAssembly apiece, and the web app ships a
//! dozen of them. Here only two small closures are made per type; the sort
//! itself works on positions, in one copy: insertion sort for short lists,
//! a merge sort for longer ones (such as the pairs and warnings of a hostile
//! 16 KiB share link), so no input takes quadratic time.

use std::cmp::Ordering;

/// Up to this length, insertion sort: fast on short or nearly sorted lists.
const SHORT: usize = 24;

/// Sorts `items` in place by `compare`, keeping equal items in their order.
/// O(n log n) comparisons; O(n) extra memory.
///
/// ```
/// let mut v = [(2, 'a'), (1, 'b'), (2, 'c'), (0, 'd')];
/// envelope_core::sorting::sort_by(&mut v, |x, y| x.0.cmp(&y.0));
/// assert_eq!(v, [(0, 'd'), (1, 'b'), (2, 'a'), (2, 'c')]);
/// ```
pub fn sort_by<T>(items: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
    let mut order = sorted_positions(items.len(), &mut |a, b| compare(&items[a], &items[b]));
    permute(&mut order, &mut |a, b| items.swap(a, b));
}

/// The positions `0..n` in stably sorted order, by `compare` of two
/// positions. Of plain usizes, so no unsafe moves of items; neither generic
/// nor inlined, so one copy in the wasm, not one per item type.
#[inline(never)]
fn sorted_positions(n: usize, compare: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    if n <= SHORT {
        for i in 1..n {
            let mut j = i;
            while j > 0 && compare(order[j - 1], order[j]) == Ordering::Greater {
                order.swap(j - 1, j);
                j -= 1;
            }
        }
        return order;
    }
    // Bottom-up: runs of 1, 2, 4... merged pairwise into `merged`.
    let mut merged = vec![0; n];
    let mut width = 1;
    while width < n {
        for start in (0..n).step_by(2 * width) {
            let middle = (start + width).min(n);
            let end = (start + 2 * width).min(n);
            let (mut left, mut right) = (start, middle);
            for slot in &mut merged[start..end] {
                // The left run wins ties: stable.
                let take_left = left < middle
                    && (right == end || compare(order[right], order[left]) != Ordering::Less);
                if take_left {
                    *slot = order[left];
                    left += 1;
                } else {
                    *slot = order[right];
                    right += 1;
                }
            }
        }
        std::mem::swap(&mut order, &mut merged);
        width *= 2;
    }
    order
}

/// Reorders items so that position k holds what was at `order[k]`,
/// following each cycle of the permutation with `swap` (`order` is used
/// up). One copy too.
#[inline(never)]
fn permute(order: &mut [usize], swap: &mut dyn FnMut(usize, usize)) {
    for start in 0..order.len() {
        let mut current = start;
        while order[current] != start {
            let next = order[current];
            swap(current, next);
            order[current] = current;
            current = next;
        }
        order[current] = current;
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

/// For each of `keys`, whether an equal key comes before it: the later
/// spellings of a key said twice. O(n log n), through the one sort above,
/// so no hash set (and no hasher) is compiled in for it.
///
/// ```
/// let seen = envelope_core::sorting::repeated(&["b", "a", "b", "c", "a"]);
/// assert_eq!(seen, [false, false, true, false, true]);
/// ```
pub fn repeated<K: Ord>(keys: &[K]) -> Vec<bool> {
    let order = sorted_positions(keys.len(), &mut |a, b| keys[a].cmp(&keys[b]));
    let mut repeated = vec![false; keys.len()];
    // Stable: among equal keys the first position comes first.
    for pair in order.windows(2) {
        if keys[pair[0]] == keys[pair[1]] {
            repeated[pair[1]] = true;
        }
    }
    repeated
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Same order as std's stable sort, ties included (the second
        /// element records where each item started).
        #[test]
        fn agrees_with_the_standard_stable_sort(keys in proptest::collection::vec(0u8..8, 0..300)) {
            let mut ours: Vec<(u8, usize)> = keys.iter().copied().zip(0..).collect();
            let mut std_sorted = ours.clone();
            sort_by_key(&mut ours, |item| item.0);
            std_sorted.sort_by_key(|item| item.0);
            prop_assert_eq!(ours, std_sorted);
        }

        /// Wide keys too, so long runs of distinct values are merged.
        #[test]
        fn agrees_with_the_standard_sort_on_wide_keys(keys in proptest::collection::vec(any::<i32>(), 0..300)) {
            let mut ours = keys.clone();
            let mut std_sorted = keys;
            sort_by(&mut ours, |a, b| b.cmp(a));
            std_sorted.sort_by(|a, b| b.cmp(a));
            prop_assert_eq!(ours, std_sorted);
        }
    }

    #[test]
    fn a_long_list_in_two_runs_is_sorted_stably() {
        // The shape of a hostile link's warnings: late positions, then early.
        let mut items: Vec<(usize, usize)> = (5_000..10_000)
            .chain(0..5_000)
            .map(|k| (k / 3, k))
            .collect();
        let mut expected = items.clone();
        expected.sort_by_key(|item| item.0);
        sort_by_key(&mut items, |item| item.0);
        assert_eq!(items, expected);
    }

    proptest! {
        /// `repeated` marks exactly the positions a hash set would have
        /// seen already, walking the keys in order.
        #[test]
        fn repeated_agrees_with_a_set_walked_in_order(keys in proptest::collection::vec(0u8..12, 0..200)) {
            let mut seen = std::collections::HashSet::new();
            let expected: Vec<bool> = keys.iter().map(|k| !seen.insert(*k)).collect();
            prop_assert_eq!(repeated(&keys), expected);
        }
    }
}
