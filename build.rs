//! Build script: link flags only.
use std::process::Command;

fn main() {
    // skiff copies skiff-enter into a sealed memfd for every `exec` (see src/runtime/tenant.rs),
    // so its size is time on every exec: keep debug info out of it in debug builds too.
    println!("cargo:rustc-link-arg-bin=skiff-enter=-Wl,--strip-debug");
    // Relative relocations packed (DT_RELR, glibc 2.36+): the dynamic loader reads ~10 KB
    // instead of a 530 KB .rela.dyn at every start of every skiff process.
    println!("cargo:rustc-link-arg-bins=-Wl,-z,pack-relative-relocs");
    hot_order();
    println!("cargo:rerun-if-changed=build.rs");
}

/// Lays out the functions the everyday verbs run next to each other (link/hot.order, made by
/// link/profile.sh): the kernel maps 64 KiB of the binary around each page a process first
/// touches, so spread-out code costs resident memory (peak RSS of `run --rm`, measured in
/// bench/compare.sh). Only in release builds, and only where the linker is lld (Rust's default
/// linker on x86_64 Linux since 1.90): GNU ld does not know the option.
fn hot_order() {
    let order = concat!(env!("CARGO_MANIFEST_DIR"), "/link/hot.order");
    println!("cargo:rerun-if-changed={order}");
    let release = std::env::var("PROFILE").is_ok_and(|p| p == "release");
    if release && links_with_lld() && std::path::Path::new(order).is_file() {
        println!("cargo:rustc-link-arg-bin=skiff=-Wl,--symbol-ordering-file={order}");
        // Names from an older build that no longer exist only lose their place.
        println!("cargo:rustc-link-arg-bin=skiff=-Wl,--no-warn-symbol-ordering");
    }
}

/// Whether rustc links this target with its own lld: x86_64-unknown-linux-gnu from 1.90 on,
/// unless the flags pick another linker.
fn links_with_lld() -> bool {
    let target = std::env::var("TARGET").unwrap_or_default();
    let flags = std::env::var("CARGO_ENCODED_RUSTFLAGS").unwrap_or_default();
    if target != "x86_64-unknown-linux-gnu" || flags.contains("linker") || flags.contains("fuse-ld")
    {
        return false;
    }
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let Ok(out) = Command::new(rustc).arg("--version").output() else {
        return false;
    };
    // "rustc 1.95.0 (59807616e 2026-04-14)"
    let text = String::from_utf8_lossy(&out.stdout);
    let minor = text
        .split_whitespace()
        .nth(1)
        .and_then(|v| v.split('.').nth(1))
        .and_then(|m| m.parse::<u32>().ok());
    minor.is_some_and(|m| m >= 90)
}
