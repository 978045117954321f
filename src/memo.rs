//! The page's memos: Leptos memos whose value type is erased, so that the
//! wasm holds one copy of Leptos' memo code instead of one per value type.
//!
//! Leptos compiles its reactive node (the memo's storage, its update and
//! its change check, the read guards and their drops) once for every value
//! type a memo holds: about 2 KB of wasm a type, and the page has some
//! thirty. This [`Memo`] keeps its value behind an `Arc<dyn Any>` in a
//! `leptos::prelude::Memo` of one type, and gives it back typed. The only
//! per-type code left is the equality check and the downcast.
//!
//! It has the part of Leptos' memo API the page uses, under the same names
//! (the modules import it in place of the prelude's), and it behaves the
//! same: it is lazy, it tracks what it reads, and it wakes its readers only
//! when its new value differs from the last (`PartialEq`).

use leptos::prelude::{Signal, Track, With, WithUntracked};
use std::any::Any;
use std::marker::PhantomData;
use std::sync::Arc;

/// A value behind a type-erased pointer, with the equality of its type.
#[derive(Clone)]
struct Erased {
    value: Arc<dyn Any + Send + Sync>,
    same: fn(&(dyn Any + Send + Sync), &(dyn Any + Send + Sync)) -> bool,
}

impl PartialEq for Erased {
    fn eq(&self, other: &Erased) -> bool {
        (self.same)(&*self.value, &*other.value)
    }
}

/// Whether `a` and `b` are both `T`s and equal.
fn same<T: PartialEq + 'static>(a: &(dyn Any + Send + Sync), b: &(dyn Any + Send + Sync)) -> bool {
    match (a.downcast_ref::<T>(), b.downcast_ref::<T>()) {
        (Some(a), Some(b)) => a == b,
        _ => false,
    }
}

/// A derived value of type `T`: Leptos' memo, with its value type erased
/// (see the module's documentation). Copy, like Leptos' own.
pub struct Memo<T> {
    inner: leptos::prelude::Memo<Erased>,
    value: PhantomData<fn() -> T>,
}

impl<T> Clone for Memo<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Memo<T> {}

impl<T: PartialEq + Send + Sync + 'static> Memo<T> {
    /// A memo computing its value with `compute`, which gets the previous
    /// value (none the first time).
    pub fn new(compute: impl Fn(Option<&T>) -> T + Send + Sync + 'static) -> Memo<T> {
        let inner = leptos::prelude::Memo::new(move |previous: Option<&Erased>| {
            let previous = previous.and_then(|p| p.value.downcast_ref::<T>());
            Erased {
                value: Arc::new(compute(previous)),
                same: same::<T>,
            }
        });
        Memo {
            inner,
            value: PhantomData,
        }
    }
}

impl<T: 'static> Memo<T> {
    /// Applies `f` to the value, tracking it.
    pub fn with<R>(&self, f: impl FnOnce(&T) -> R) -> R {
        self.inner.with(|e| f(typed(e)))
    }

    /// Applies `f` to the value without tracking it.
    pub fn with_untracked<R>(&self, f: impl FnOnce(&T) -> R) -> R {
        self.inner.with_untracked(|e| f(typed(e)))
    }

    /// A copy of the value, tracking it.
    pub fn get(&self) -> T
    where
        T: Clone,
    {
        self.with(T::clone)
    }

    /// A copy of the value without tracking it.
    pub fn get_untracked(&self) -> T
    where
        T: Clone,
    {
        self.with_untracked(T::clone)
    }

    /// Tracks the value without reading it.
    pub fn track(&self) {
        self.inner.track();
    }
}

/// For props that take any signal (`#[prop(into)] Signal<T>`).
impl<T: Clone + Send + Sync + 'static> From<Memo<T>> for Signal<T> {
    fn from(memo: Memo<T>) -> Signal<T> {
        Signal::derive(move || memo.get())
    }
}

/// The `T` in `e`. Every `Erased` of a `Memo<T>` is made by its `new`, from
/// a `T`, so the downcast cannot fail; the fallback only keeps a wrong
/// type (which would be a bug here) from reaching undefined behaviour.
fn typed<T: 'static>(e: &Erased) -> &T {
    match e.value.downcast_ref::<T>() {
        Some(value) => value,
        None => unreachable!("a Memo<T> holds a T"),
    }
}

#[cfg(test)]
mod tests {
    use super::Memo;
    use leptos::prelude::*;

    #[test]
    fn wakes_readers_only_when_the_value_changes() {
        let owner = Owner::new();
        owner.set();
        let input = RwSignal::new(1);
        let computed = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let count = computed.clone();
        let parity = Memo::new(move |previous: Option<&bool>| {
            count.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            // The previous value comes back typed.
            let _: Option<&bool> = previous;
            input.get() % 2 == 0
        });
        let text = super::Memo::new(move |_| format!("even: {}", parity.get()));
        assert_eq!(text.get_untracked(), "even: false");
        input.set(3);
        assert_eq!(text.get_untracked(), "even: false");
        input.set(4);
        assert_eq!(text.with_untracked(String::clone), "even: true");
        assert!(parity.get_untracked());
        assert!(computed.load(std::sync::atomic::Ordering::Relaxed) >= 2);
    }
}
