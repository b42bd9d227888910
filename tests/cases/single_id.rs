//! The single-id fallback: a user without an /etc/subuid range still runs images; every file
//! is owned by root inside, and skiff warns once. CI runs these (only these) as a second user
//! without a range (`-E 'test(/single_id::/)'`); for a user with a range they cannot run: they
//! fail in CI (where that is a set-up mistake) and skip loudly for a developer.
use crate::support::image::busybox;
use crate::support::probe::probe_image;
use crate::support::{in_ci, squeeze_lines, sub_range, whoami, Env};

/// False (skip) when this user has a subordinate range; panics in CI.
fn user_without_range() -> bool {
    let has = sub_range("/etc/subuid").is_some() || sub_range("/etc/subgid").is_some();
    if has {
        let user = whoami().0;
        assert!(
            !in_ci(),
            "CI must run the single_id tests as a user without /etc/subuid and /etc/subgid entries, but {user} has one"
        );
        eprintln!(
            "SKIPPED: {user} has an /etc/subuid range; run single_id tests as a user without one"
        );
    }
    !has
}

/// A store with busybox and the probe image loaded by this user.
fn store() -> Env {
    let env = Env::isolated();
    let (a, b) = (env.root.join("busybox.tar"), env.root.join("probe.tar"));
    busybox("busybox:latest").write_oci(&a);
    probe_image("probe:latest").write_oci(&b);
    env.load(&a);
    env.load(&b);
    env
}

#[test]
fn single_id_run_works_with_exactly_one_warning() {
    if !user_without_range() {
        return;
    }
    let env = store();
    let out = env.skiff(["run", "--rm", "busybox", "id", "-u"]);
    assert_eq!(out.ok(), "0\n", "{}", out.dump());
    let lines = out.err_lines();
    assert_eq!(
        lines.len(),
        1,
        "exactly one stderr line, the warning\n{}",
        out.dump()
    );
    assert!(lines[0].starts_with("warning: "), "{}", out.dump());
}

#[test]
fn single_id_maps_only_the_users_own_id() {
    if !user_without_range() {
        return;
    }
    let env = store();
    let (_, uid, gid) = whoami();
    let out = env.skiff([
        "run",
        "--rm",
        "busybox",
        "sh",
        "-c",
        "cat /proc/self/uid_map /proc/self/gid_map",
    ]);
    let norm = squeeze_lines(out.ok());
    assert_eq!(
        norm,
        [format!("0 {uid} 1"), format!("0 {gid} 1")],
        "{}",
        out.dump()
    );
}

#[test]
fn single_id_image_files_are_owned_by_root() {
    if !user_without_range() {
        return;
    }
    let env = store();
    let out = env.skiff([
        "run",
        "--rm",
        "probe",
        "sh",
        "-c",
        "stat -c %u:%g /owned-by-1000 /bin/busybox; cat /owned-by-1000",
    ]);
    assert_eq!(out.ok(), "0:0\n0:0\nmine\n", "{}", out.dump());
}

/// CI delegates no cgroup to this user: a limit is refused with the documented error (never
/// run without it, as podman does on cgroup v1), and a run without limits works as ever.
#[test]
fn single_id_user_without_a_delegated_cgroup_gets_limits_refused() {
    if !user_without_range() {
        return;
    }
    let env = store();
    for flag in [["-m", "64m"], ["--pids-limit", "10"], ["--cpus", "0.5"]] {
        let out = env.skiff(["run", "--rm", flag[0], flag[1], "busybox", "true"]);
        out.engine_error(&[
            "needs a delegated cgroup; none is writable for uid",
            "RESOURCE LIMITS",
        ]);
    }
    assert_eq!(
        env.skiff(["ps", "-a", "-q"]).ok(),
        "",
        "a refused run creates nothing"
    );
    let out = env.skiff(["run", "--rm", "busybox", "echo", "ran"]);
    assert_eq!(out.ok(), "ran\n", "{}", out.dump());
}
