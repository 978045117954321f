//! Mounts the app; everything else lives in the library (src/lib.rs).

fn main() {
    leptos::mount::mount_to_body(envelope_web::App);
}
