//! The page's memos, its signals of its own types, its stored values and
//! its effects: Leptos' own, with the value type (or, for effects, the
//! closure type) erased, so that the wasm holds one copy of Leptos'
//! reactive code for them instead of one per type.
//!
//! Leptos compiles its reactive nodes (storage, update, change check, read
//! and write guards and their drops) once for every value type a memo or a
//! signal holds: about 2 KB of wasm a type, and the page had some forty.
//! [`Memo`] and [`RwSignal`] keep their value behind a `dyn Any` in a
//! Leptos memo or signal of one type each, and give it back typed; the only
//! per-type code left is a downcast (and, for a memo, its equality check).
//! [`StoredValue`] does the same for values kept outside the graph, and
//! [`effect`] for effects, whose task Leptos compiles once per closure.
//! Signals of `String` and `bool`, which Leptos' own components and
//! attributes use anyway, stay Leptos' own.
//!
//! They have the part of Leptos' API the page uses, under the same names,
//! and behave the same: a memo is lazy, tracks what it reads and wakes its
//! readers only when its new value differs from the last (`PartialEq`); a
//! signal wakes its readers on every write.

use leptos::prelude::{Set, SetValue, Track, Update, UpdateValue, With, WithUntracked, WithValue};
use std::any::Any;
use std::marker::PhantomData;

/// Copy for every `T`, like Leptos' handles (a derive would ask `T: Copy`):
/// the handle is an index into Leptos' arena, not the value.
macro_rules! copy_handle {
    ($($handle:ident),*) => {$(
        impl<T> Clone for $handle<T> {
            fn clone(&self) -> Self {
                *self
            }
        }

        impl<T> Copy for $handle<T> {}
    )*};
}

copy_handle!(Memo, RwSignal, ReadSignal, StoredValue);

/// `get` and `get_untracked`, copies through `with` and `with_untracked`:
/// the same for memos and signals.
macro_rules! clone_reads {
    ($($handle:ident),*) => {$(
        impl<T: Clone + Send + Sync + 'static> $handle<T> {
            /// A copy of the value, tracking it.
            pub fn get(&self) -> T {
                self.with(T::clone)
            }

            /// A copy of the value without tracking it.
            pub fn get_untracked(&self) -> T {
                self.with_untracked(T::clone)
            }
        }
    )*};
}

clone_reads!(Memo, RwSignal);

/// A memo's value behind a type-erased pointer, with the equality of its
/// type.
struct Erased {
    value: Box<dyn Any + Send + Sync>,
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

impl<T: PartialEq + Send + Sync + 'static> Memo<T> {
    /// A memo computing its value with `compute`, which gets the previous
    /// value (none the first time).
    pub fn new(compute: impl Fn(Option<&T>) -> T + Send + Sync + 'static) -> Memo<T> {
        Memo {
            inner: erased_memo(Box::new(move |previous: Option<&Erased>| {
                let previous = previous.and_then(|p| p.value.downcast_ref::<T>());
                Erased {
                    value: Box::new(compute(previous)),
                    same: same::<T>,
                }
            })),
            value: PhantomData,
        }
    }
}

/// A memo's computation, erased.
type Compute = Box<dyn Fn(Option<&Erased>) -> Erased + Send + Sync>;

/// Leptos' memo over an erased computation: one closure type, so Leptos'
/// memo constructor is compiled once, not once per memo.
fn erased_memo(compute: Compute) -> leptos::prelude::Memo<Erased> {
    leptos::prelude::Memo::new(compute)
}

impl<T: 'static> Memo<T> {
    /// Applies `f` to the value, tracking it.
    pub fn with<R>(&self, f: impl FnOnce(&T) -> R) -> R {
        self.inner.with(|e| f(typed(&*e.value)))
    }

    /// Applies `f` to the value without tracking it.
    pub fn with_untracked<R>(&self, f: impl FnOnce(&T) -> R) -> R {
        self.inner.with_untracked(|e| f(typed(&*e.value)))
    }

    /// Tracks the value without reading it.
    pub fn track(&self) {
        self.inner.track();
    }
}

/// A signal holding a `T`: Leptos' `RwSignal`, with its value type erased
/// (see the module's documentation). Copy, like Leptos' own.
pub struct RwSignal<T> {
    inner: leptos::prelude::RwSignal<Boxed>,
    value: PhantomData<fn() -> T>,
}

/// A signal's value behind a type-erased pointer.
struct Boxed(Box<dyn Any + Send + Sync>);

impl<T: Send + Sync + 'static> RwSignal<T> {
    /// A signal holding `value`.
    pub fn new(value: T) -> RwSignal<T> {
        RwSignal {
            inner: leptos::prelude::RwSignal::new(Boxed(Box::new(value))),
            value: PhantomData,
        }
    }

    /// Replaces the value and wakes its readers.
    pub fn set(&self, value: T) {
        self.inner.set(Boxed(Box::new(value)));
    }

    /// Changes the value in place and wakes its readers.
    pub fn update(&self, f: impl FnOnce(&mut T)) {
        self.inner.update(|b| f(typed_mut(&mut *b.0)));
    }

    /// Applies `f` to the value, tracking it.
    pub fn with<R>(&self, f: impl FnOnce(&T) -> R) -> R {
        self.inner.with(|b| f(typed(&*b.0)))
    }

    /// Applies `f` to the value without tracking it.
    pub fn with_untracked<R>(&self, f: impl FnOnce(&T) -> R) -> R {
        self.inner.with_untracked(|b| f(typed(&*b.0)))
    }
}

/// A [`RwSignal`] that can only be read: what a signal's writer hands out.
pub struct ReadSignal<T>(RwSignal<T>);

impl<T: Send + Sync + 'static> ReadSignal<T> {
    /// Applies `f` to the value, tracking it.
    pub fn with<R>(&self, f: impl FnOnce(&T) -> R) -> R {
        self.0.with(f)
    }

    /// A copy of the value, tracking it.
    pub fn get(&self) -> T
    where
        T: Clone,
    {
        self.0.get()
    }
}

impl<T: Send + Sync + 'static> RwSignal<T> {
    /// The same signal, to read only.
    pub fn read_only(&self) -> ReadSignal<T> {
        ReadSignal(*self)
    }
}

/// A value kept beside the reactive graph (read and written without
/// tracking): Leptos' `StoredValue`, with its value type erased like
/// [`RwSignal`]'s. Copy, like Leptos' own.
pub struct StoredValue<T> {
    inner: leptos::prelude::StoredValue<Boxed>,
    value: PhantomData<fn() -> T>,
}

impl<T: Send + Sync + 'static> StoredValue<T> {
    /// Keeps `value`.
    pub fn new(value: T) -> StoredValue<T> {
        StoredValue {
            inner: leptos::prelude::StoredValue::new(Boxed(Box::new(value))),
            value: PhantomData,
        }
    }

    /// Applies `f` to the value.
    pub fn with_value<R>(&self, f: impl FnOnce(&T) -> R) -> R {
        self.inner.with_value(|b| f(typed(&*b.0)))
    }

    /// A copy of the value.
    pub fn get_value(&self) -> T
    where
        T: Clone,
    {
        self.with_value(T::clone)
    }

    /// Replaces the value.
    pub fn set_value(&self, value: T) {
        self.inner.set_value(Boxed(Box::new(value)));
    }

    /// Changes the value in place and returns what `f` returns; `None`
    /// once the value is gone (its owner disposed of).
    pub fn try_update_value<R>(&self, f: impl FnOnce(&mut T) -> R) -> Option<R> {
        self.inner.try_update_value(|b| f(typed_mut(&mut *b.0)))
    }

    /// Changes the value in place.
    pub fn update_value(&self, f: impl FnOnce(&mut T)) {
        self.try_update_value(f);
    }
}

/// Runs `f` now (once the page's first render is done, as Leptos' effects
/// do) and again whenever what it read changes. Leptos' `Effect` keeps
/// each effect in an async task of its own type: through one boxed
/// function here, the page's effects share one task type, and one copy of
/// its code.
pub fn effect(f: impl FnMut() + 'static) {
    let mut f: Box<dyn FnMut()> = Box::new(f);
    leptos::prelude::Effect::new(move |_| f());
}

/// The `T` in `value`. A `Memo<T>`, `RwSignal<T>` or `StoredValue<T>` only
/// ever stores a `T` (its `new`, `set` and memo function take nothing else), so the
/// downcast cannot fail; the check keeps a bug here from becoming
/// undefined behaviour.
fn typed<T: 'static>(value: &(dyn Any + Send + Sync)) -> &T {
    match value.downcast_ref::<T>() {
        Some(value) => value,
        None => unreachable!("an erased Memo<T> or RwSignal<T> holds a T"),
    }
}

/// [`typed`], to change the value in place.
fn typed_mut<T: 'static>(value: &mut (dyn Any + Send + Sync)) -> &mut T {
    match value.downcast_mut::<T>() {
        Some(value) => value,
        None => unreachable!("an erased RwSignal<T> or StoredValue<T> holds a T"),
    }
}

#[cfg(test)]
mod tests {
    use super::Memo;
    use leptos::prelude::*;

    #[test]
    fn wakes_readers_only_when_the_value_changes() {
        use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
        use std::sync::Arc;
        let owner = Owner::new();
        owner.set();
        let input = RwSignal::new(1);
        let previous_seen = Arc::new(std::sync::Mutex::new(Vec::new()));
        let seen = previous_seen.clone();
        let parity = Memo::new(move |previous: Option<&bool>| {
            // The previous value comes back typed.
            if let Ok(mut seen) = seen.lock() {
                seen.push(previous.copied());
            }
            input.get() % 2 == 0
        });
        let text_runs = Arc::new(AtomicUsize::new(0));
        let runs = text_runs.clone();
        let text = Memo::new(move |_| {
            runs.fetch_add(1, Relaxed);
            format!("even: {}", parity.get())
        });
        assert_eq!(text.get_untracked(), "even: false");
        assert_eq!(text_runs.load(Relaxed), 1);
        // 1 -> 3: the parity is computed again, and is the same, so the
        // text is not.
        input.set(3);
        assert_eq!(text.get_untracked(), "even: false");
        assert_eq!(text_runs.load(Relaxed), 1);
        // 3 -> 4: the parity changes, and the text follows.
        input.set(4);
        assert_eq!(text.with_untracked(String::clone), "even: true");
        assert_eq!(text_runs.load(Relaxed), 2);
        assert!(parity.get_untracked());
        assert_eq!(
            *previous_seen.lock().expect("not poisoned"),
            [None, Some(false), Some(false)]
        );
    }

    #[test]
    fn signals_give_back_what_was_set_and_updated() {
        let owner = Owner::new();
        owner.set();
        let rows = super::RwSignal::new(vec![1u32, 2]);
        let total = Memo::new(move |_| rows.with(|r| r.iter().sum::<u32>()));
        assert_eq!(total.get_untracked(), 3);
        rows.update(|r| r.push(4));
        assert_eq!(total.get_untracked(), 7);
        rows.set(vec![10]);
        assert_eq!(total.get_untracked(), 10);
        assert_eq!(rows.get_untracked(), [10]);
        let read = rows.read_only();
        assert_eq!(read.with(Vec::len), 1);
    }

    #[test]
    fn stored_values_give_back_what_was_stored() {
        let owner = Owner::new();
        owner.set();
        let timer = super::StoredValue::new(Some(7u64));
        assert_eq!(timer.get_value(), Some(7));
        assert_eq!(timer.try_update_value(Option::take), Some(Some(7)));
        assert_eq!(timer.get_value(), None);
        timer.set_value(Some(9));
        timer.update_value(|t| *t = t.map(|t| t + 1));
        assert_eq!(timer.with_value(|t| *t), Some(10));
    }
}
