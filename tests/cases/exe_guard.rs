//! CVE-2019-5736 class: while `exec` (or a health check) enters a container, the process that
//! becomes visible inside it must never let the container reach the skiff binary that made it.
//! A watcher in the container opens `/proc/PID/exe` of every new process and keeps trying to
//! write through what it got; skiff runs from a user-owned copy (as `cargo install` leaves it).
use crate::shared;
use crate::support::{run_cmd, skiff_bin, Out};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// A copy of skiff and its helper binaries in a user-owned directory.
fn user_owned_copy(dir: &Path) -> PathBuf {
    let bin_dir = skiff_bin().parent().expect("bin dir").to_path_buf();
    std::fs::create_dir_all(dir).unwrap();
    for name in ["skiff", "skiff-monitor", "skiff-enter"] {
        let from = bin_dir.join(name);
        if from.exists() {
            crate::support::copy_executable(&from, &dir.join(name));
        }
    }
    dir.join("skiff")
}

fn sha256_of(path: &Path) -> String {
    use sha2::{Digest, Sha256};
    hex::encode(Sha256::digest(std::fs::read(path).expect("read binary")))
}

fn run_with(skiff: &Path, args: &[&str]) -> Out {
    let mut cmd = shared().command(skiff);
    cmd.args(args);
    run_cmd(cmd, None, Duration::from_secs(60))
}

/// How the attack's skiff enters the watcher's container: exec, or a new container in its pid
/// namespace.
#[derive(Clone, Copy)]
enum Visit {
    Exec,
    PidJoin,
}

/// Starts a watcher (with `caps` added), enters its container 30 (10 with `--pid`) times
/// through `skiff`, with a health check running meanwhile, and returns what the watcher printed.
fn attack(skiff: &Path, name: &str, caps: &[&str], visit: Visit) -> String {
    let mut args = vec!["run", "-d", "--name", name, "--health-cmd", "true"];
    args.extend(["--health-interval", "1s"]);
    for c in caps {
        args.extend(["--cap-add", c]);
    }
    args.extend(["probe", "/probe", "exe-watch"]);
    run_with(skiff, &args).ok();
    let env = shared();
    crate::support::wait::until("the watcher", Duration::from_secs(20), || {
        let logs = env.skiff(["logs", name]);
        match logs.stdout.contains("watching") {
            true => Ok(()),
            false => Err(logs.dump()),
        }
    });
    let joined = format!("container:{name}");
    let (times, args) = match visit {
        Visit::Exec => (30, vec!["exec", name, "true"]),
        Visit::PidJoin => (10, vec!["run", "--rm", "--pid", &joined, "busybox", "true"]),
    };
    for _ in 0..times {
        // A binary already overwritten fails here; the checks below say why.
        let out = run_with(skiff, &args);
        if out.code != 0 {
            // A container that never starts in the pid namespace tests nothing.
            assert!(matches!(visit, Visit::Exec), "{}", out.dump());
            break;
        }
    }
    // Time for the watcher to write through anything it holds, now that no skiff runs.
    std::thread::sleep(Duration::from_millis(1500));
    let logs = env.skiff(["logs", name]);
    env.skiff(["rm", "-f", name]).ok();
    logs.stdout
}

#[test]
fn exec_never_hands_the_container_a_writable_skiff_binary() {
    guard(Visit::Exec);
}

/// `--pid container:NAME`: the new container's init is visible in NAME until its execve.
#[test]
fn pid_join_never_hands_the_container_a_writable_skiff_binary() {
    guard(Visit::PidJoin);
}

fn guard(visit: Visit) {
    let env = shared();
    let dir = env.root.join(crate::unique_name("exe-guard"));
    let skiff = user_owned_copy(&dir);
    // The watcher reports overlay files as another container's, not as a host's.
    let fs = nix::sys::statfs::statfs(&dir)
        .expect("statfs")
        .filesystem_type();
    assert_ne!(
        fs,
        nix::sys::statfs::OVERLAYFS_SUPER_MAGIC,
        "skiff's copy is on overlayfs"
    );
    let before: Vec<(PathBuf, String)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| (p.clone(), sha256_of(&p)))
        .collect();
    // With Docker's default capabilities, and with CAP_SYS_PTRACE (which gets past a
    // non-dumpable process): what the watcher may hold is at most a sealed in-memory copy.
    for caps in [&[][..], &["SYS_PTRACE"][..]] {
        let name = crate::unique_name("exe-watch");
        let seen = attack(&skiff, &name, caps, visit);
        for line in seen.lines() {
            // A sealed memfd may be opened for writing, but no write goes through.
            let sealed_copy = line.starts_with("memfd /memfd:skiff-enter")
                || line.starts_with("OPENED-FOR-WRITE /memfd:skiff-enter");
            // A container started in the watcher's pid namespace is seen once it runs its
            // command, from its own overlay (skiff's copies are on the host's file system).
            let joined_command = matches!(visit, Visit::PidJoin) && line.starts_with("OVERLAY ");
            assert!(
                line == "watching" || sealed_copy || joined_command,
                "with caps {caps:?} the container reached a host file or wrote: {line}\n{seen}"
            );
        }
        let opened: Vec<&str> = seen
            .lines()
            .filter(|l| *l != "watching" && !l.starts_with("OVERLAY "))
            .collect();
        if caps.is_empty() {
            assert!(opened.is_empty(), "non-dumpable: nothing to open\n{seen}");
        }
    }
    for (path, sum) in before {
        assert_eq!(sha256_of(&path), sum, "{} was changed", path.display());
    }
}

#[test]
fn exec_without_skiff_enter_beside_skiff_is_a_clear_125() {
    let env = shared();
    let dir = env.root.join(crate::unique_name("no-enter"));
    let skiff = user_owned_copy(&dir);
    std::fs::remove_file(dir.join("skiff-enter")).expect("remove skiff-enter");
    let name = crate::unique_name("no-enter");
    env.skiff(["run", "-d", "--name", &name, "busybox", "sleep", "60"])
        .ok();
    let out = run_with(&skiff, &["exec", &name, "true"]);
    out.code_is(125);
    let want = format!("error: cannot find {}", dir.join("skiff-enter").display());
    assert!(out.stderr.starts_with(&want), "{}", out.dump());
    env.skiff(["rm", "-f", &name]).ok();
}
