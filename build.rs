//! Build script: link flags only.
fn main() {
    // skiff copies skiff-enter into a sealed memfd for every `exec` (see src/runtime/tenant.rs),
    // so its size is time on every exec: keep debug info out of it in debug builds too.
    println!("cargo:rustc-link-arg-bin=skiff-enter=-Wl,--strip-debug");
    println!("cargo:rerun-if-changed=build.rs");
}
