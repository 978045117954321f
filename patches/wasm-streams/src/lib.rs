//! Envelope's stand-in for [wasm-streams] 0.5: the part of its API that
//! leptos' `server_fn` names, and none of what it does.
//!
//! Why it exists: leptos 0.8 always compiles `server_fn`'s browser client,
//! and that client depends on wasm-streams for streaming request and
//! response bodies. wasm-streams exports three classes to JavaScript
//! (`IntoUnderlyingSource`, `IntoUnderlyingByteSource`,
//! `IntoUnderlyingSink`); wasm exports are roots that no linker or
//! optimiser may remove, so their code and their JavaScript glue shipped in
//! every page although nothing calls them: 5.0 KB brotli (2026-12-03: wasm
//! 298.4 -> 294.3 KB, JS 6.9 -> 6.0 KB).
//!
//! Envelope has no server and defines no server functions, so nothing in the
//! page ever reaches these functions. Should a later change add a server
//! function that streams, it stops here with a message that says why,
//! instead of failing somewhere less obvious: remove the patch in the root
//! Cargo.toml then.
//!
//! [wasm-streams]: https://crates.io/crates/wasm-streams

#![deny(missing_docs)]

use core::pin::Pin;
use core::task::{Context, Poll};
use futures_core::Stream;
use web_sys::wasm_bindgen::JsValue;

/// What every conversion below says when called.
const UNSUPPORTED: &str =
    "Envelope builds without wasm-streams (patches/wasm-streams): streaming server functions are not supported";

/// A JavaScript `ReadableStream`, as wasm-streams names it.
#[derive(Debug)]
pub struct ReadableStream {
    raw: web_sys::ReadableStream,
}

impl ReadableStream {
    /// Wraps a JavaScript stream.
    pub fn from_raw(raw: web_sys::ReadableStream) -> Self {
        Self { raw }
    }

    /// The JavaScript stream.
    pub fn into_raw(self) -> web_sys::ReadableStream {
        self.raw
    }

    /// Would turn a Rust stream into a JavaScript one (a streaming request
    /// body). Not supported: always panics with [`UNSUPPORTED`].
    pub fn from_stream<St>(_stream: St) -> Self
    where
        St: Stream<Item = Result<JsValue, JsValue>> + 'static,
    {
        panic!("{UNSUPPORTED}")
    }

    /// Would read the JavaScript stream as a Rust one (a streaming response
    /// body). The stream it returns panics with [`UNSUPPORTED`] when polled.
    pub fn into_stream(self) -> IntoStream {
        IntoStream { _raw: self.raw }
    }
}

/// A JavaScript stream read as a Rust one: see [`ReadableStream::into_stream`].
#[derive(Debug)]
pub struct IntoStream {
    _raw: web_sys::ReadableStream,
}

impl Stream for IntoStream {
    type Item = Result<JsValue, JsValue>;

    fn poll_next(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        panic!("{UNSUPPORTED}")
    }
}
