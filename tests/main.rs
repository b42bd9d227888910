//! Integration tests: the real `skiff` binary, run as the current unprivileged user against
//! images built offline from Debian's busybox-static (see `support`).
//!
//! One test binary with a module per area (as cargo and ripgrep do). The areas live in
//! `tests/cases/`, because cargo would build every file directly in `tests/` as a binary of its own.
// Tests unwrap and print their diagnostics freely.
#![allow(clippy::unwrap_used, clippy::print_stdout, clippy::print_stderr)]
mod support;

#[path = "cases/archive.rs"]
mod archive;
#[path = "cases/attach.rs"]
mod attach;
#[path = "cases/build.rs"]
mod build;
#[path = "cases/build_errors.rs"]
mod build_errors;
#[path = "cases/build_flags.rs"]
mod build_flags;
#[path = "cases/build_interop.rs"]
mod build_interop;
#[path = "cases/build_options.rs"]
mod build_options;
#[path = "cases/build_steps.rs"]
mod build_steps;
#[path = "cases/cli_aliases.rs"]
mod cli_aliases;
#[path = "cases/cli_errors.rs"]
mod cli_errors;
#[path = "cases/cli_flags.rs"]
mod cli_flags;
#[path = "cases/commit.rs"]
mod commit;
#[path = "cases/compose_config.rs"]
mod compose_config;
#[path = "cases/compose_up.rs"]
mod compose_up;
#[path = "cases/compose_watch.rs"]
mod compose_watch;
#[path = "cases/cp.rs"]
mod cp;
#[path = "cases/crash.rs"]
mod crash;
#[path = "cases/dns.rs"]
mod dns;
#[path = "cases/docs.rs"]
mod docs;
#[path = "cases/events.rs"]
mod events;
#[path = "cases/exe_guard.rs"]
mod exe_guard;
#[path = "cases/format.rs"]
mod format;
#[path = "cases/global_flags.rs"]
mod global_flags;
#[path = "cases/hostile.rs"]
mod hostile;
#[path = "cases/hostile_digests.rs"]
mod hostile_digests;
#[path = "cases/hostile_links.rs"]
mod hostile_links;
#[path = "cases/images.rs"]
mod images;
#[path = "cases/layers.rs"]
mod layers;
#[path = "cases/lifecycle.rs"]
mod lifecycle;
#[path = "cases/lifecycle_faults.rs"]
mod lifecycle_faults;
#[path = "cases/limits.rs"]
mod limits;
#[path = "cases/locks.rs"]
mod locks;
#[path = "cases/logging.rs"]
mod logging;
#[path = "cases/mounts.rs"]
mod mounts;
#[path = "cases/names.rs"]
mod names;
#[path = "cases/namespaces.rs"]
mod namespaces;
#[path = "cases/network.rs"]
mod network;
#[path = "cases/network_faults.rs"]
mod network_faults;
#[path = "cases/network_names.rs"]
mod network_names;
#[path = "cases/networks.rs"]
mod networks;
#[path = "cases/no_xdg.rs"]
mod no_xdg;
#[path = "cases/podman_flags.rs"]
mod podman_flags;
#[path = "cases/ps.rs"]
mod ps;
#[path = "cases/registry.rs"]
mod registry;
#[path = "cases/registry_cli.rs"]
mod registry_cli;
#[path = "cases/run.rs"]
mod run;
#[path = "cases/scripts.rs"]
mod scripts;
#[path = "cases/search.rs"]
mod search;
#[path = "cases/security.rs"]
mod security;
#[path = "cases/setup_errors.rs"]
mod setup_errors;
#[path = "cases/single_id.rs"]
mod single_id;
#[path = "cases/system_check.rs"]
mod system_check;
#[path = "cases/system_df.rs"]
mod system_df;
#[path = "cases/system_info.rs"]
mod system_info;
#[path = "cases/teardown.rs"]
mod teardown;
#[path = "cases/udp.rs"]
mod udp;
#[path = "cases/upgrade.rs"]
mod upgrade;
#[path = "cases/userns.rs"]
mod userns;
#[path = "cases/verb_flags.rs"]
mod verb_flags;
#[path = "cases/volumes.rs"]
mod volumes;
#[path = "cases/waiting.rs"]
mod waiting;

use support::Env;

/// The store shared by tests that only read images and make containers with unique names:
/// `busybox`, `probe` (busybox + /probe) and `layered` (whiteouts and opaque dirs), loaded once
/// per test run.
pub fn shared() -> &'static Env {
    Env::shared("shared", |env| {
        let dir = &env.root;
        support::image::busybox("busybox:latest").write_oci(&dir.join("busybox.tar"));
        support::probe::probe_image("probe:latest").write_oci(&dir.join("probe.tar"));
        layers::layered_image().write_oci(&dir.join("layered.tar"));
        for f in ["busybox.tar", "probe.tar", "layered.tar"] {
            env.load(&dir.join(f));
        }
    })
}

/// A fresh store with the busybox image loaded (`busybox:latest`), for tests that change or
/// break the store, or that list everything in it.
pub fn isolated_with_busybox() -> Env {
    let env = Env::isolated();
    let path = env.root.join("busybox.tar");
    support::image::busybox("busybox:latest").write_oci(&path);
    env.load(&path);
    env
}

/// A container name unique within this run (tests share a store).
pub fn unique_name(prefix: &str) -> String {
    use std::sync::atomic::{AtomicU32, Ordering};
    static N: AtomicU32 = AtomicU32::new(0);
    format!(
        "{prefix}-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    )
}
