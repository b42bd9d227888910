//! Build script: link flags only.
fn main() {
    // skiff copies skiff-enter into a sealed memfd for every `exec` (see src/runtime/tenant.rs),
    // so its size is time on every exec: keep debug info out of it in debug builds too.
    println!("cargo:rustc-link-arg-bin=skiff-enter=-Wl,--strip-debug");
    // Relative relocations packed (DT_RELR, glibc 2.36+): the dynamic loader reads ~10 KB
    // instead of a 530 KB .rela.dyn at every start of every skiff process.
    println!("cargo:rustc-link-arg-bins=-Wl,-z,pack-relative-relocs");
    println!("cargo:rerun-if-changed=build.rs");
}
