//! Mounts the app; everything else lives in the library (src/lib.rs).

fn main() {
    leptos::mount::mount_to_body(envelope_web::App);
}

// Talc instead of std's wasm allocator (dlmalloc): 1.5 KB less to download
// (brotli), and the same memory in use (tests/uncertainty.rs: about 6 MiB
// at load, 8-12 MiB once Monte Carlo runs repeat, with either). std no
// longer links dlmalloc for its own use: patches/send_wrapper keeps the
// page from asking std for its thread. The page is single-threaded (no
// wasm atomics).
#[cfg(all(target_family = "wasm", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
