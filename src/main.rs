//! Mounts the app; everything else lives in the library (src/lib.rs).

/// The page's allocator (src/allocator.rs says why).
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: envelope_web::allocator::PageAllocator =
    envelope_web::allocator::PageAllocator::new();

fn main() {
    leptos::mount::mount_to_body(envelope_web::App);
}
