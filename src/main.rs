//! Mounts the app; everything else lives in the library (src/lib.rs).

fn main() {
    leptos::mount::mount_to_body(envelope_web::App);
}

// Talc instead of Rust's default wasm allocator (dlmalloc): a smaller
// download, and faster. The page is single-threaded (no wasm atomics).
#[cfg(all(target_family = "wasm", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
