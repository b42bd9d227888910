//! podman's global flags (issue 11): `--root`/`--runroot` name an independent store, handed to
//! every process skiff starts for a container (its monitor, the exit record, health checks);
//! `--storage-driver` takes overlay only; `--log-level` and `--noout` do what podman's do; the
//! flags of a remote service and of another runtime are refused with the reason.
use crate::isolated_with_busybox;
use crate::support::image;
use crate::support::wait::{until_status, SETTLE};
use crate::support::{parse_table, Env, Out};
use std::ffi::OsString;
use std::path::PathBuf;
use std::time::Duration;

/// A second store inside an environment (removed with it), with its own user-namespace holder,
/// which the environment does not know: its containers and holder are ended on drop.
struct AltStore<'a> {
    env: &'a Env,
    root: PathBuf,
    runroot: PathBuf,
}

impl<'a> AltStore<'a> {
    fn new(env: &'a Env) -> AltStore<'a> {
        AltStore {
            env,
            root: env.data_home.join("alt"),
            runroot: env.runtime_dir.join("alt"),
        }
    }
    fn args(&self, args: &[&str]) -> Vec<OsString> {
        let mut v: Vec<OsString> = vec![
            "--root".into(),
            self.root.clone().into(),
            "--runroot".into(),
            self.runroot.clone().into(),
        ];
        v.extend(args.iter().map(OsString::from));
        v
    }
    fn skiff(&self, args: &[&str]) -> Out {
        self.env.skiff(self.args(args))
    }
    fn names(&self) -> Vec<String> {
        parse_table(self.skiff(&["ps", "-a"]).ok())
            .into_iter()
            .map(|r| r["NAMES"].clone())
            .collect()
    }
}

impl Drop for AltStore<'_> {
    fn drop(&mut self) {
        let ids = self.skiff(&["ps", "-a", "-q"]).stdout;
        let mut rm = self.args(&["rm", "-f"]);
        rm.extend(ids.split_whitespace().map(OsString::from));
        if rm.len() > 6 {
            let _ = self.env.skiff(rm);
        }
        let pid = std::fs::read_to_string(self.runroot.join("userns.pid")).unwrap_or_default();
        if let Some(pid) = pid.split_whitespace().next().and_then(|p| p.parse().ok()) {
            // SAFETY: kill(2) of the holder this test's store started.
            unsafe { libc::kill(pid, libc::SIGKILL) };
        }
    }
}

#[test]
fn root_and_runroot_give_an_independent_store_both_usable_at_once() {
    let env = isolated_with_busybox();
    let alt = AltStore::new(&env);
    let tar = env.root.join("altbox.tar");
    image::busybox("altbox:latest").write_oci(&tar);
    alt.skiff(&["load", "-i", tar.to_str().unwrap()]).ok();
    // Images: each store sees its own.
    let images = |out: Out| out.ok().to_string();
    let theirs = images(alt.skiff(&["images"]));
    let ours = images(env.skiff(["images"]));
    assert!(
        theirs.contains("altbox") && !theirs.contains("busybox"),
        "{theirs}"
    );
    assert!(
        ours.contains("busybox") && !ours.contains("altbox"),
        "{ours}"
    );
    alt.skiff(&["run", "--rm", "--pull=never", "busybox", "true"])
        .code_is(125);
    // Containers: the same name in both, running at the same time, each store's monitor
    // recording its exit and running its health checks.
    env.skiff(["run", "-d", "--name", "twin", "busybox", "sleep", "300"])
        .ok();
    let hc = ["--health-cmd", "true", "--health-interval", "1s"];
    let mut run = vec!["run", "-d", "--name", "twin"];
    run.extend(hc);
    run.extend(["altbox", "sleep", "300"]);
    alt.skiff(&run).ok();
    alt.skiff(&[
        "run", "-d", "--name", "quick", "altbox", "sh", "-c", "exit 3",
    ])
    .ok();
    let mut names = alt.names();
    names.sort();
    assert_eq!(names, ["quick", "twin"]);
    assert_eq!(parse_table(env.skiff(["ps", "-a"]).ok()).len(), 1);
    let alt_status = |name: &str| {
        parse_table(alt.skiff(&["ps", "-a"]).ok())
            .into_iter()
            .find(|r| r["NAMES"] == name)
            .map(|r| r["STATUS"].clone())
            .unwrap_or_default()
    };
    let healthy = crate::support::wait::until("the alt store's health check", SETTLE * 2, || {
        let s = alt_status("twin");
        if s.contains("(healthy)") {
            Ok(s)
        } else {
            Err(s)
        }
    });
    assert!(healthy.starts_with("Up"), "{healthy}");
    crate::support::wait::until("the alt store's exit record", SETTLE, || {
        let s = alt_status("quick");
        if s.starts_with("Exited (3)") {
            Ok(())
        } else {
            Err(s)
        }
    });
    let out = alt.skiff(&["exec", "twin", "cat", "/etc/hostname"]);
    assert!(!out.ok().trim().is_empty(), "{}", out.dump());
    until_status(&env, "twin", "running", SETTLE, |s| s.starts_with("Up"));
    // Removing one store's container leaves the other's running.
    alt.skiff(&["rm", "-f", "twin"]).ok();
    until_status(&env, "twin", "running", SETTLE, |s| s.starts_with("Up"));
    env.skiff(["rm", "-f", "twin"]).ok();
    assert!(
        alt.root.join("index.json").is_file(),
        "the store is where --root says"
    );
}

#[test]
fn global_flags_go_before_or_after_the_verb() {
    let env = Env::isolated();
    let root = env.data_home.join("other");
    let root = root.to_str().unwrap();
    let before = env.skiff(["--root", root, "images", "-q"]);
    let after = env.skiff(["images", "-q", "--root", root]);
    assert_eq!((before.ok(), after.ok()), ("", ""));
    let out = env.skiff(["--log-level", "debug", "images", "--root", root]);
    out.ok();
    assert!(
        out.stderr
            .contains(&format!("debug: using graph root {root}")),
        "{}",
        out.dump()
    );
}

#[test]
fn storage_driver_is_overlay_and_remote_or_runtime_flags_are_refused() {
    let env = Env::isolated();
    for d in ["overlay", "overlay2"] {
        env.skiff(["--storage-driver", d, "images"]).ok();
    }
    env.skiff(["--storage-driver", "vfs", "images"])
        .engine_error(&["storage driver \"vfs\" is not supported", "overlay"]);
    for args in [
        &["--url", "unix:///run/podman.sock", "ps"][..],
        &["--remote", "ps"],
        &["ps", "--connection", "box"],
    ] {
        env.skiff(args).engine_error(&["skiff is daemonless"]);
    }
    env.skiff(["--remote=false", "ps"]).ok();
    for args in [
        &["--runtime", "crun", "ps"][..],
        &["run", "--runtime", "runc", "busybox"],
    ] {
        env.skiff(args)
            .engine_error(&["--runtime", "built-in runtime"]);
    }
    env.skiff(["--log-level", "loud", "ps"]).engine_error(&[
        "invalid value 'loud'",
        "debug",
        "warn",
    ]);
}

#[test]
fn log_level_error_hides_warnings_and_noout_silences_skiff_not_containers() {
    let env = isolated_with_busybox();
    let km = ["run", "--rm", "--kernel-memory", "4m", "busybox", "true"];
    let out = env.skiff(km);
    out.ok();
    assert!(
        out.stderr
            .contains("warning: Specifying a kernel memory limit is deprecated"),
        "{}",
        out.dump()
    );
    let out = env.skiff(["--log-level", "error"].iter().chain(&km));
    out.ok();
    assert_eq!(out.stderr, "", "{}", out.dump());
    let out = env.skiff(["--noout", "images"]);
    assert_eq!(out.ok(), "", "{}", out.dump());
    let out = env.skiff(["--noout", "create", "--name", "quiet", "busybox"]);
    assert_eq!(out.ok(), "", "no id printed\n{}", out.dump());
    env.skiff(["inspect", "quiet"]).ok();
    let out = env
        .sk([
            "--noout",
            "run",
            "--rm",
            "busybox",
            "echo",
            "from the container",
        ])
        .timeout(Duration::from_secs(30))
        .run();
    assert_eq!(out.ok(), "from the container\n", "{}", out.dump());
    let out = env.skiff(["--noout", "ps", "--bogus"]);
    out.engine_error(&["unknown flag: --bogus"]);
}
