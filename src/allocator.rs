//! The page's memory allocator: blocks in power-of-two size classes, each
//! class with a list of freed blocks to reuse, carved from pages the wasm
//! memory grows by.
//!
//! Why not the standard library's (dlmalloc): it splits and merges blocks
//! of any size, which is the right trade for a long-running program with
//! unpredictable sizes, and costs about 2 KB of the brotli'd wasm. The
//! page's allocations are small strings and vectors, a few large ones for
//! the Monte Carlo's samples, and the same sizes again on every keystroke,
//! so a freed block is soon wanted again at its own size. The cost of never
//! merging: a block takes up to twice the bytes asked for, and memory taken
//! for one size class is only ever reused for that class, so the page's
//! memory is the sum over classes of the most each ever held at once.
//!
//! The arithmetic lives in [`Classes`], over any source of fresh memory,
//! so that native tests exercise exactly the code the page runs.

use std::alloc::{GlobalAlloc, Layout};
use std::cell::UnsafeCell;
use std::ptr::null_mut;

/// The smallest block: room for the free list's link on wasm32 and for
/// any alignment up to 8.
const MIN_CLASS: u32 = 3;
/// Blocks of up to 2^31 bytes: a larger request fails (returns null).
const CLASSES: usize = 32;

/// Where fresh memory comes from: `grow(bytes)` returns the start of at
/// least `bytes` new bytes, aligned to 64 KiB, or `None`.
pub trait Source {
    /// `bytes` new bytes (a multiple of 64 KiB), or `None` when memory is
    /// exhausted.
    fn grow(&mut self, bytes: usize) -> Option<*mut u8>;
}

/// The allocator's state: the free list of each class, and the unused end
/// of the last memory taken.
pub struct Classes<S> {
    free: [*mut u8; CLASSES],
    next: usize,
    end: usize,
    source: S,
}

/// 64 KiB, wasm's page.
const PAGE: usize = 1 << 16;

impl<S: Source> Classes<S> {
    /// An allocator that has taken no memory yet.
    pub const fn new(source: S) -> Classes<S> {
        Classes {
            free: [null_mut(); CLASSES],
            next: 0,
            end: 0,
            source,
        }
    }

    /// The size class of `layout`: the power of two its block takes. Every
    /// block is aligned to its size up to 64 KiB, so the class also covers
    /// the alignment.
    fn class(layout: Layout) -> Option<u32> {
        if layout.align() > PAGE {
            return None;
        }
        let bytes = layout.size().max(layout.align()).max(1 << MIN_CLASS);
        let class = bytes.checked_next_power_of_two()?.trailing_zeros();
        ((class as usize) < CLASSES).then_some(class)
    }

    /// A block for `layout`, or null.
    pub fn alloc(&mut self, layout: Layout) -> *mut u8 {
        let Some(class) = Self::class(layout) else {
            return null_mut();
        };
        let head = self.free[class as usize];
        if !head.is_null() {
            // SAFETY: a freed block of this class holds the next one's
            // address in its first word (written by `dealloc`).
            self.free[class as usize] = unsafe { head.cast::<*mut u8>().read() };
            return head;
        }
        self.carve(1 << class)
    }

    /// `size` fresh bytes aligned to `min(size, PAGE)`, or null.
    fn carve(&mut self, size: usize) -> *mut u8 {
        let align = size.min(PAGE);
        let mut start = (self.next + align - 1) & !(align - 1);
        if start > self.end || self.end - start < size {
            // What is left of the current region stays unused: less than
            // the block asked for.
            let pages = size.div_ceil(PAGE) * PAGE;
            let Some(region) = self.source.grow(pages) else {
                return null_mut();
            };
            let region = region as usize;
            // Memory grows at its end, so the new pages normally follow
            // the current region; if not (the first time), start there.
            if region != self.end {
                self.next = region;
            }
            self.end = region + pages;
            // Still fits: `end` is a multiple of `align`, so the aligned
            // start is at most the old end, and `pages >= size`.
            start = (self.next + align - 1) & !(align - 1);
        }
        self.next = start + size;
        start as *mut u8
    }

    /// Takes back the block at `ptr`, allocated for `layout`.
    ///
    /// # Safety
    /// `ptr` came from `alloc` (or `realloc`) with this `layout`.
    pub unsafe fn dealloc(&mut self, ptr: *mut u8, layout: Layout) {
        if let Some(class) = Self::class(layout) {
            // SAFETY: the block is at least 8 bytes and aligned for a
            // pointer (MIN_CLASS), and no longer in use.
            unsafe { ptr.cast::<*mut u8>().write(self.free[class as usize]) };
            self.free[class as usize] = ptr;
        }
    }

    /// The block at `ptr` resized to `new_size`: the same block while the
    /// size class stays the same, else a new one with the contents copied.
    ///
    /// # Safety
    /// `ptr` came from `alloc` with `layout`.
    pub unsafe fn realloc(&mut self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let Ok(new_layout) = Layout::from_size_align(new_size, layout.align()) else {
            return null_mut();
        };
        if Self::class(layout) == Self::class(new_layout) {
            return ptr;
        }
        let new = self.alloc(new_layout);
        if !new.is_null() {
            // SAFETY: both blocks hold at least the smaller size, and
            // different blocks never overlap.
            unsafe {
                std::ptr::copy_nonoverlapping(ptr, new, layout.size().min(new_size));
                self.dealloc(ptr, layout);
            }
        }
        new
    }
}

/// Fresh memory from `memory.grow`.
pub struct WasmMemory;

impl Source for WasmMemory {
    fn grow(&mut self, bytes: usize) -> Option<*mut u8> {
        #[cfg(target_arch = "wasm32")]
        {
            let previous = core::arch::wasm32::memory_grow(0, bytes / PAGE);
            (previous != usize::MAX).then(|| (previous * PAGE) as *mut u8)
        }
        #[cfg(not(target_arch = "wasm32"))]
        {
            let _ = bytes;
            None
        }
    }
}

/// The page's global allocator.
pub struct PageAllocator(UnsafeCell<Classes<WasmMemory>>);

// SAFETY: the page's wasm has one thread.
unsafe impl Sync for PageAllocator {}

impl PageAllocator {
    /// The allocator before it has taken any memory.
    pub const fn new() -> PageAllocator {
        PageAllocator(UnsafeCell::new(Classes::new(WasmMemory)))
    }
}

impl Default for PageAllocator {
    fn default() -> PageAllocator {
        PageAllocator::new()
    }
}

// SAFETY: one thread, and no call re-enters another (none allocates).
unsafe impl GlobalAlloc for PageAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        unsafe { (*self.0.get()).alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { (*self.0.get()).dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        unsafe { (*self.0.get()).realloc(ptr, layout, new_size) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Fresh memory from a buffer of `pages` 64 KiB pages, handed out in
    /// order, like `memory.grow`; `gap` pages are skipped before the first
    /// region (the data and stack before the heap).
    struct Arena {
        base: *mut u8,
        pages: usize,
        used: usize,
        grown: usize,
    }

    impl Arena {
        fn new(pages: usize, gap: usize) -> Arena {
            let layout = Layout::from_size_align(pages * PAGE, PAGE).unwrap();
            // SAFETY: a non-zero size; freed in Drop with the same layout.
            let base = unsafe { std::alloc::alloc_zeroed(layout) };
            assert!(!base.is_null());
            Arena {
                base,
                pages,
                used: gap,
                grown: 0,
            }
        }
    }

    impl Drop for Arena {
        fn drop(&mut self) {
            let layout = Layout::from_size_align(self.pages * PAGE, PAGE).unwrap();
            // SAFETY: allocated in `new` with this layout.
            unsafe { std::alloc::dealloc(self.base, layout) };
        }
    }

    impl Source for Arena {
        fn grow(&mut self, bytes: usize) -> Option<*mut u8> {
            assert_eq!(bytes % PAGE, 0, "whole pages");
            let pages = bytes / PAGE;
            if self.used + pages > self.pages {
                return None;
            }
            // SAFETY: within the buffer.
            let region = unsafe { self.base.add(self.used * PAGE) };
            self.used += pages;
            self.grown += pages;
            Some(region)
        }
    }

    fn layout(size: usize, align: usize) -> Layout {
        Layout::from_size_align(size, align).unwrap()
    }

    #[test]
    fn blocks_are_aligned_apart_and_keep_their_bytes() {
        let mut heap = Classes::new(Arena::new(64, 3));
        let mut blocks = Vec::new();
        // Sizes and alignments of all kinds, in an order that mixes them.
        for i in 0..400usize {
            let size = (i * 7919) % 5000 + 1;
            let align = 1 << (i % 5);
            let p = heap.alloc(layout(size, align));
            assert!(!p.is_null());
            assert_eq!(p as usize % align, 0, "aligned to {align}");
            // SAFETY: the block holds `size` bytes.
            unsafe { std::ptr::write_bytes(p, i as u8, size) };
            blocks.push((p, size, i as u8));
        }
        blocks.sort_by_key(|b| b.0 as usize);
        for pair in blocks.windows(2) {
            assert!(
                pair[0].0 as usize + pair[0].1 <= pair[1].0 as usize,
                "no overlap"
            );
        }
        for &(p, size, byte) in &blocks {
            // SAFETY: the block holds `size` bytes written above.
            let bytes = unsafe { std::slice::from_raw_parts(p, size) };
            assert!(bytes.iter().all(|&b| b == byte), "contents kept");
        }
    }

    #[test]
    fn a_freed_block_is_reused_for_its_size_class_only() {
        let mut heap = Classes::new(Arena::new(4, 0));
        let a = heap.alloc(layout(100, 8));
        // SAFETY: `a` came from `alloc` with this layout.
        unsafe { heap.dealloc(a, layout(100, 8)) };
        // Another size in the same class (65..=128 bytes) gets it back ...
        assert_eq!(heap.alloc(layout(120, 4)), a);
        // ... and a smaller class does not.
        let b = heap.alloc(layout(40, 8));
        assert_ne!(b, a);
    }

    #[test]
    fn repeating_the_same_work_takes_no_more_memory() {
        let mut heap = Classes::new(Arena::new(64, 0));
        let sizes = [24, 24, 80, 3000, 80_000, 17, 640];
        let round = |heap: &mut Classes<Arena>| {
            let blocks: Vec<_> = sizes
                .iter()
                .map(|&s| (heap.alloc(layout(s, 8)), s))
                .collect();
            for (p, s) in blocks {
                assert!(!p.is_null());
                // SAFETY: allocated just above with this layout.
                unsafe { heap.dealloc(p, layout(s, 8)) };
            }
        };
        round(&mut heap);
        let after_one = heap.source.grown;
        for _ in 0..100 {
            round(&mut heap);
        }
        assert_eq!(heap.source.grown, after_one);
        // A page for the blocks before the 80,000-byte one, whose 2^17 bytes
        // take the next two whole pages, and a page for the blocks after it.
        assert_eq!(after_one, 4);
    }

    #[test]
    fn realloc_keeps_the_block_within_its_class_and_the_bytes_across() {
        let mut heap = Classes::new(Arena::new(8, 0));
        let p = heap.alloc(layout(40, 8));
        // SAFETY: 40 bytes allocated above.
        unsafe { std::ptr::write_bytes(p, 7, 40) };
        // 40 and 60 bytes are both in the 64-byte class.
        // SAFETY: `p` came from `alloc` with this layout.
        let same = unsafe { heap.realloc(p, layout(40, 8), 60) };
        assert_eq!(same, p);
        // SAFETY: as above, now with 60 bytes.
        let moved = unsafe { heap.realloc(same, layout(60, 8), 1000) };
        assert_ne!(moved, p);
        // SAFETY: the first 40 bytes were copied.
        let bytes = unsafe { std::slice::from_raw_parts(moved, 40) };
        assert!(bytes.iter().all(|&b| b == 7));
        // The old block went back to its class.
        assert_eq!(heap.alloc(layout(64, 8)), p);
    }

    #[test]
    fn what_cannot_be_had_is_null_not_a_panic() {
        let mut heap = Classes::new(Arena::new(2, 0));
        // More than the source has.
        assert!(heap.alloc(layout(3 * PAGE, 8)).is_null());
        // Past the largest class, and an alignment past a page.
        assert!(heap.alloc(layout(usize::MAX / 2, 1)).is_null());
        assert!(heap.alloc(layout(8, 2 * PAGE)).is_null());
        // SAFETY: a failed realloc leaves the block as it was.
        let p = heap.alloc(layout(8, 8));
        assert!(!p.is_null());
        assert!(unsafe { heap.realloc(p, layout(8, 8), 3 * PAGE) }.is_null());
        // What the source still has is handed out.
        assert!(!heap.alloc(layout(PAGE / 2, 8)).is_null());
    }

    #[test]
    fn large_blocks_start_on_a_page() {
        let mut heap = Classes::new(Arena::new(16, 1));
        let small = heap.alloc(layout(8, 8));
        let large = heap.alloc(layout(PAGE + 1, 8));
        assert_eq!(large as usize % PAGE, 0);
        assert!(large as usize > small as usize);
    }
}
