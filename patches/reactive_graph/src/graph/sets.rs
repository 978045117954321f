//! Types that hold the set of sources or subscribers affiliated with a reactive node.
//!
//! At the moment, these are implemented as linear maps built on a `Vec<_>`. This is for the sake
//! of minimizing binary size as much as possible, and on the assumption that the M:N relationship
//! between sources and subscribers usually consists of fairly small numbers, such that the cost of
//! a linear search is not significantly more expensive than a hash and lookup.

// Envelope's patch (PATCH.md): the sets are vectors searched linearly, as
// the comment above says, rather than `FxIndexSet`s. Insertion order, and
// each source or subscriber once, are kept as before.
use super::{AnySource, AnySubscriber, Source};
use std::mem;

/// Envelope's patch: upstream's `FxIndexSet`, now a vector searched
/// linearly (the name changed with it, so that no reader takes it for a
/// hash set).
type LinearSet<T> = Vec<T>;

#[derive(Default, Clone, Debug)]
pub struct SourceSet(LinearSet<AnySource>);

impl SourceSet {
    pub fn new() -> Self {
        Self(Default::default())
    }

    pub fn insert(&mut self, source: AnySource) {
        // Envelope's patch: a vector that holds each source once.
        if !self.0.contains(&source) {
            self.0.push(source);
        }
    }

    pub fn remove(&mut self, source: &AnySource) {
        // Envelope's patch: removed in place, the others keep their order.
        if let Some(at) = self.0.iter().position(|s| s == source) {
            self.0.remove(at);
        }
    }

    pub fn take(&mut self) -> LinearSet<AnySource> {
        mem::take(&mut self.0)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn clear_sources(&mut self, subscriber: &AnySubscriber) {
        for source in self.take() {
            source.remove_subscriber(subscriber);
        }
    }
}

impl IntoIterator for SourceSet {
    type Item = AnySource;
    type IntoIter = <LinearSet<AnySource> as IntoIterator>::IntoIter;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a> IntoIterator for &'a SourceSet {
    type Item = &'a AnySource;
    type IntoIter = <&'a LinearSet<AnySource> as IntoIterator>::IntoIter;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}
#[derive(Debug, Default, Clone)]
pub struct SubscriberSet(LinearSet<AnySubscriber>);

impl SubscriberSet {
    pub fn new() -> Self {
        // Envelope's patch: a vector (see the top of the file).
        Self(LinearSet::with_capacity(2))
    }

    pub fn subscribe(&mut self, subscriber: AnySubscriber) {
        // Envelope's patch: a vector that holds each subscriber once.
        if !self.0.contains(&subscriber) {
            self.0.push(subscriber);
        }
    }

    pub fn unsubscribe(&mut self, subscriber: &AnySubscriber) {
        // note: do not use `.swap_remove()` here.
        // using `.remove()` is slower because it shifts other items
        // but it maintains the order of the subscribers, which is important
        // to correctness when you're using this to drive something like a UI,
        // which can have nested effects, where the inner one assumes the outer
        // has already run (for example, an outer effect that checks .is_some(),
        // and an inner effect that unwraps)
        // Envelope's patch: removed in place, the others keep their order.
        if let Some(at) = self.0.iter().position(|s| s == subscriber) {
            self.0.remove(at);
        }
    }

    pub fn take(&mut self) -> LinearSet<AnySubscriber> {
        mem::take(&mut self.0)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }
}

impl IntoIterator for SubscriberSet {
    type Item = AnySubscriber;
    type IntoIter = <LinearSet<AnySubscriber> as IntoIterator>::IntoIter;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a> IntoIterator for &'a SubscriberSet {
    type Item = &'a AnySubscriber;
    type IntoIter = <&'a LinearSet<AnySubscriber> as IntoIterator>::IntoIter;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}
