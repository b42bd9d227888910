//! What a process sees inside a container: ids and id maps, owners on the host, namespaces,
//! Docker's default capabilities and seccomp profile, masked and read-only paths. Most checks
//! go through the static probe (`tests/probe/probe.c`) at `/probe` in the `probe` image.
use crate::support::{squeeze_lines, sub_ranges};
use crate::{shared, unique_name};
use std::os::unix::fs::MetadataExt;

/// Docker's default capability set (CHOWN DAC_OVERRIDE FOWNER FSETID KILL SETGID SETUID SETPCAP
/// NET_BIND_SERVICE NET_RAW SYS_CHROOT MKNOD AUDIT_WRITE SETFCAP) as /proc/self/status prints it.
const DOCKER_DEFAULT_CAPS: &str = "00000000a80425fb";

/// `skiff run --rm FLAGS probe /probe ARGS`, asserting success; the probe's one line.
#[track_caller]
fn probe(flags: &[&str], args: &[&str]) -> String {
    let mut argv = vec!["run", "--rm"];
    argv.extend_from_slice(flags);
    argv.push("probe");
    argv.push("/probe");
    argv.extend_from_slice(args);
    let out = shared().skiff(&argv);
    out.ok().trim().to_string()
}

/// The value of `key` in the probe's `caps` line (`CapEff=... CapPrm=... CapBnd=...`).
fn cap(line: &str, key: &str) -> String {
    line.split_whitespace()
        .find_map(|f| f.strip_prefix(&format!("{key}=")))
        .unwrap_or_else(|| panic!("no {key} in probe output {line:?}"))
        .to_string()
}

#[test]
fn root_inside_the_container() {
    let who = probe(&[], &["whoami"]);
    assert!(who.starts_with("uid=0 gid=0 "), "{who}");
    let out = shared().skiff(["run", "--rm", "busybox", "id", "-u"]);
    assert_eq!(out.ok(), "0\n", "{}", out.dump());
}

#[test]
fn uid_and_gid_maps_show_the_subordinate_ranges() {
    let ((su, su_n), (sg, sg_n)) = sub_ranges();
    let (_, uid, gid) = crate::support::whoami();
    let out = shared().skiff([
        "run",
        "--rm",
        "busybox",
        "sh",
        "-c",
        "cat /proc/self/uid_map; echo --; cat /proc/self/gid_map",
    ]);
    let norm = squeeze_lines(out.ok());
    let want = [
        format!("0 {uid} 1"),
        format!("1 {su} {su_n}"),
        "--".to_string(),
        format!("0 {gid} 1"),
        format!("1 {sg} {sg_n}"),
    ];
    assert_eq!(norm, want, "{}", out.dump());
}

#[test]
fn a_file_made_by_uid_1000_is_owned_by_subuid_base_plus_999_on_the_host() {
    let env = shared();
    let ((su, _), (sg, _)) = sub_ranges();
    let name = unique_name("owner");
    env.skiff([
        "run",
        "--name",
        &name,
        "-u",
        "1000:1000",
        "busybox",
        "touch",
        "/tmp/by-1000",
    ])
    .ok();
    let id = env.container_id(&name);
    let path = env
        .store()
        .join("containers")
        .join(&id)
        .join("upper/tmp/by-1000");
    let md = std::fs::metadata(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert_eq!(
        (md.uid(), md.gid()),
        (su + 999, sg + 999),
        "owner of {}",
        path.display()
    );
    env.skiff(["rm", &name]).ok();
}

#[test]
fn image_owners_are_kept_and_land_on_subordinate_ids() {
    let env = shared();
    let ((su, _), (sg, _)) = sub_ranges();
    let out = env.skiff([
        "run",
        "--rm",
        "probe",
        "stat",
        "-c",
        "%u:%g",
        "/owned-by-1000",
    ]);
    assert_eq!(out.ok(), "1000:1000\n", "{}", out.dump());
    // The unpacked layer on the host holds it as the subordinate id (unpacked in the namespace).
    let layers = env.store().join("layers");
    let found: Vec<_> = std::fs::read_dir(&layers)
        .unwrap_or_else(|e| panic!("{}: {e}", layers.display()))
        .flatten()
        .map(|e| e.path().join("diff/owned-by-1000"))
        .filter(|p| p.exists())
        .collect();
    assert_eq!(
        found.len(),
        1,
        "one unpacked layer holds /owned-by-1000: {found:?}"
    );
    let md = std::fs::metadata(&found[0]).expect("stat");
    assert_eq!(
        (md.uid(), md.gid()),
        (su + 999, sg + 999),
        "owner of {}",
        found[0].display()
    );
}

#[test]
fn the_command_is_pid_1_in_its_own_pid_namespace() {
    assert_eq!(probe(&[], &["pid"]), "1");
    let out = shared().skiff(["run", "--rm", "busybox", "ps", "-o", "pid,comm"]);
    let rows: Vec<Vec<&str>> = out
        .ok()
        .lines()
        .skip(1)
        .map(|l| l.split_whitespace().collect())
        .collect();
    assert_eq!(
        rows,
        [vec!["1", "ps"]],
        "ps sees only itself, as pid 1\n{}",
        out.dump()
    );
}

#[test]
fn capabilities_are_dockers_default_set() {
    let line = probe(&[], &["caps"]);
    for key in ["CapEff", "CapPrm", "CapBnd"] {
        assert_eq!(cap(&line, key), DOCKER_DEFAULT_CAPS, "{key} in {line}");
    }
}

#[test]
fn cap_add_and_cap_drop_change_the_set() {
    assert_eq!(
        cap(&probe(&["--cap-drop", "CHOWN"], &["caps"]), "CapEff"),
        "00000000a80425fa"
    );
    assert_eq!(
        cap(&probe(&["--cap-add", "SYS_ADMIN"], &["caps"]), "CapEff"),
        "00000000a82425fb"
    );
    assert_eq!(
        cap(&probe(&["--cap-drop", "ALL"], &["caps"]), "CapEff"),
        "0000000000000000"
    );
}

#[test]
fn privileged_has_every_capability_the_user_namespace_has() {
    // At least every capability in the bounding set of an ordinary process of this user (a new
    // user namespace may grant even more, as podman's does).
    let status = std::fs::read_to_string("/proc/self/status").expect("status");
    let host_bnd = status
        .lines()
        .find_map(|l| l.strip_prefix("CapBnd:"))
        .expect("CapBnd")
        .trim();
    let host_bnd = u64::from_str_radix(host_bnd, 16).expect("hex");
    let line = probe(&["--privileged"], &["caps"]);
    let eff = u64::from_str_radix(&cap(&line, "CapEff"), 16).expect("hex");
    assert_eq!(
        eff & host_bnd,
        host_bnd,
        "{line} lacks some of {host_bnd:016x}"
    );
}

#[test]
fn default_seccomp_profile_blocks_keyctl_and_unshare_with_eperm() {
    assert_eq!(
        probe(&[], &["seccomp"]),
        "2",
        "a seccomp filter is installed"
    );
    assert_eq!(probe(&[], &["keyctl"]), "EPERM");
    assert_eq!(probe(&[], &["unshare-user"]), "EPERM");
}

#[test]
fn privileged_allows_keyctl_and_unshare() {
    assert_eq!(
        probe(&["--privileged"], &["seccomp"]),
        "0",
        "no filter with --privileged"
    );
    assert_eq!(probe(&["--privileged"], &["keyctl"]), "ok");
    assert_eq!(probe(&["--privileged"], &["unshare-user"]), "ok");
}

#[test]
fn seccomp_unconfined_removes_the_filter() {
    let opt = ["--security-opt", "seccomp=unconfined"];
    assert_eq!(probe(&opt, &["seccomp"]), "0");
    assert_eq!(probe(&opt, &["keyctl"]), "ok");
}

#[test]
fn no_new_privileges_security_opt_sets_the_flag() {
    assert_eq!(
        probe(&["--security-opt", "no-new-privileges"], &["nnp"]),
        "1"
    );
}

#[test]
fn read_only_root_fails_writes_with_erofs_and_tmpfs_stays_writable() {
    assert_eq!(
        probe(&[], &["write", "/x"]),
        "ok",
        "the root is writable by default"
    );
    assert_eq!(probe(&["--read-only"], &["write", "/x"]), "EROFS");
    assert_eq!(
        probe(&["--read-only", "--tmpfs", "/tmp"], &["write", "/tmp/x"]),
        "ok"
    );
}

#[test]
fn proc_sys_is_read_only() {
    // Container root may write the sysctls of its own network namespace when it has NET_ADMIN
    // (the kernel's permission check comes first: without the capability it is EACCES), so with
    // NET_ADMIN only a read-only /proc/sys stops the write, and --privileged lifts that.
    let sysctl = "/proc/sys/net/ipv4/ip_forward";
    assert_eq!(
        probe(&["--cap-add", "NET_ADMIN"], &["write", sysctl]),
        "EROFS"
    );
    assert_eq!(probe(&["--privileged"], &["write", sysctl]), "ok");
}

#[test]
fn masked_paths_read_empty() {
    // /proc/timer_list is root-only on the host: readable and empty only when masked with
    // /dev/null. /sys/firmware is masked with an empty read-only tmpfs. (/proc/kcore does not
    // exist on this kernel.)
    let out = shared().skiff([
        "run",
        "--rm",
        "busybox",
        "sh",
        "-ec",
        "wc -c < /proc/timer_list; wc -c < /proc/keys; ls -A /sys/firmware | wc -l",
    ]);
    let got: Vec<&str> = out.ok().split_whitespace().collect();
    assert_eq!(got, ["0", "0", "0"], "{}", out.dump());
}

#[test]
fn dev_has_the_standard_devices() {
    let out = shared().skiff([
        "run",
        "--rm",
        "busybox",
        "sh",
        "-ec",
        "for d in null zero full random urandom tty; do test -c /dev/$d; done; \
         test -d /dev/pts; test -d /dev/mqueue; echo x > /dev/shm/x; head -c 3 /dev/zero | wc -c",
    ]);
    assert_eq!(out.ok().trim(), "3", "{}", out.dump());
}

#[test]
fn network_none_has_only_lo_and_it_is_up() {
    let out = shared().skiff([
        "run",
        "--rm",
        "--network",
        "none",
        "busybox",
        "sh",
        "-c",
        "ls /sys/class/net; cat /sys/class/net/lo/flags",
    ]);
    // flags 0x9 = IFF_UP | IFF_LOOPBACK.
    assert_eq!(out.ok(), "lo\n0x9\n", "{}", out.dump());
}

#[test]
fn network_host_sees_the_hosts_interfaces() {
    let mut host: Vec<String> = std::fs::read_dir("/sys/class/net")
        .expect("/sys/class/net")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    host.sort();
    let out = shared().skiff([
        "run",
        "--rm",
        "--network",
        "host",
        "busybox",
        "ls",
        "/sys/class/net",
    ]);
    let mut got: Vec<String> = out.ok().split_whitespace().map(String::from).collect();
    got.sort();
    assert_eq!(got, host, "{}", out.dump());
}
