//! Platforms and Docker's predefined ARGs. skiff builds for the host's platform only: `--platform`
//! and `FROM --platform` must name it (`linux/amd64` on x86_64), anything else is an error.
//! BuildKit's automatic platform ARGs (TARGETPLATFORM, TARGETOS, TARGETARCH, TARGETVARIANT and
//! the BUILD* ones) are in the global scope (FROM sees them) and in a stage after `ARG NAME`.
//! The proxy ARGs can be given with --build-arg without an ARG: RUN steps see them, but they
//! are kept out of the cache key and the history.
use crate::engine::image::store::host_arch;
use anyhow::{bail, Result};

/// The proxy variables Docker predefines.
pub(crate) const PROXY_ARGS: [&str; 10] = [
    "HTTP_PROXY",
    "http_proxy",
    "HTTPS_PROXY",
    "https_proxy",
    "FTP_PROXY",
    "ftp_proxy",
    "NO_PROXY",
    "no_proxy",
    "ALL_PROXY",
    "all_proxy",
];

/// The host's platform variant, as BuildKit names it (only 32-bit arm has one by default).
fn variant() -> &'static str {
    match host_arch() {
        "arm" => "v7",
        _ => "",
    }
}

/// `linux/ARCH[/VARIANT]` of the host.
pub(crate) fn host() -> String {
    match variant() {
        "" => format!("linux/{}", host_arch()),
        v => format!("linux/{}/{v}", host_arch()),
    }
}

/// Checks that `p` (a `--platform` or `FROM --platform` value) is the host's platform.
pub(crate) fn check(p: &str, what: &str) -> Result<()> {
    let parts: Vec<&str> = p.split('/').collect();
    let ok = match parts.as_slice() {
        ["linux", arch] => *arch == host_arch(),
        ["linux", arch, v] => *arch == host_arch() && *v == variant(),
        _ => false,
    };
    if !ok {
        bail!(
            "{what}={p}: skiff builds for this host's platform only ({}); give that or leave it out",
            host()
        );
    }
    Ok(())
}

/// BuildKit's automatic platform ARGs, with the host as both build and target platform.
pub(crate) fn predefined() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for prefix in ["TARGET", "BUILD"] {
        out.push((format!("{prefix}PLATFORM"), host()));
        out.push((format!("{prefix}OS"), "linux".to_string()));
        out.push((format!("{prefix}ARCH"), host_arch().to_string()));
        out.push((format!("{prefix}VARIANT"), variant().to_string()));
    }
    out
}
