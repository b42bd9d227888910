//! `--ipc`, `--uts` (and `--pid`): a namespace of the container's own, the host's, or another
//! running container's; and the user namespace holder's process name.
use crate::shared;

/// A detached probe container that made a SysV shared memory segment with `key` in its ipc
/// namespace, then sleeps.
fn shm_owner(ipc: Option<&str>, key: &str) -> String {
    let env = shared();
    let name = crate::unique_name("ipc-owner");
    let mut args = vec!["run", "-d", "--name", &name];
    if let Some(m) = ipc {
        args.extend(["--ipc", m]);
    }
    let script = format!("/probe shm-make {key} && exec sleep 300");
    args.extend(["probe", "sh", "-c", &script]);
    env.skiff(&args).ok();
    crate::support::wait::until("the segment", std::time::Duration::from_secs(20), || {
        let logs = env.skiff(["logs", &name]);
        match logs.stdout.trim() {
            "ok" => Ok(()),
            _ => Err(logs.dump()),
        }
    });
    name
}

#[test]
fn ipc_container_joins_the_other_containers_ipc_namespace() {
    let env = shared();
    let owner = shm_owner(None, "4242");
    let joined = format!("container:{owner}");
    let out = env.skiff([
        "run", "--rm", "--ipc", &joined, "probe", "/probe", "shm-get", "4242",
    ]);
    assert_eq!(
        out.ok().trim(),
        "ok",
        "the joined namespace has the segment"
    );
    let out = env.skiff(["run", "--rm", "probe", "/probe", "shm-get", "4242"]);
    assert_eq!(out.ok().trim(), "ENOENT", "a private namespace has not");
    let out = env.skiff([
        "run", "--rm", "--ipc", "private", "probe", "/probe", "shm-get", "4242",
    ]);
    assert_eq!(out.ok().trim(), "ENOENT", "--ipc private has not");
    let out = env.skiff(["inspect", "-f", "{{.HostConfig.IpcMode}}", &owner]);
    assert_eq!(out.ok().trim(), "shareable");
    // /dev/mqueue is mounted in the joined namespace (it belongs to the one it is mounted in).
    let out = env.skiff([
        "run",
        "--rm",
        "--ipc",
        &joined,
        "probe",
        "grep",
        "-c",
        "mqueue",
        "/proc/mounts",
    ]);
    assert_eq!(out.ok().trim(), "1");
    env.skiff(["rm", "-f", &owner]).ok();
}

#[test]
fn ipc_private_cannot_be_joined() {
    let env = shared();
    let owner = shm_owner(Some("private"), "4343");
    let joined = format!("container:{owner}");
    let out = env.skiff(["run", "--rm", "--ipc", &joined, "probe", "true"]);
    out.engine_error(&[&owner, "private"]);
    env.skiff(["rm", "-f", &owner]).ok();
}

#[test]
fn ipc_host_shares_the_hosts_ipc_namespace() {
    let env = shared();
    let out = env.skiff([
        "run",
        "--rm",
        "--ipc",
        "host",
        "busybox",
        "readlink",
        "/proc/self/ns/ipc",
    ]);
    let host = std::fs::read_link("/proc/self/ns/ipc").unwrap();
    assert_eq!(out.ok().trim(), host.to_string_lossy());
    // exec joins the container's namespaces, the host's ipc one included.
    let name = crate::unique_name("ipc-host");
    env.skiff([
        "run", "-d", "--name", &name, "--ipc", "host", "busybox", "sleep", "300",
    ])
    .ok();
    let out = env.skiff(["exec", &name, "readlink", "/proc/self/ns/ipc"]);
    assert_eq!(out.ok().trim(), host.to_string_lossy());
    let out = env.skiff(["inspect", "-f", "{{.HostConfig.IpcMode}}", &name]);
    assert_eq!(out.ok().trim(), "host");
    env.skiff(["rm", "-f", &name]).ok();
}

#[test]
fn ipc_errors_are_clear() {
    let env = shared();
    let out = env.skiff([
        "run",
        "--rm",
        "--ipc",
        "container:nosuch-ipc",
        "busybox",
        "true",
    ]);
    out.engine_error(&["nosuch-ipc"]);
    let out = env.skiff(["run", "--rm", "--ipc", "bogus", "busybox", "true"]);
    out.engine_error(&["--ipc", "bogus"]);
    // A stopped container has no namespace to join.
    let name = crate::unique_name("ipc-stopped");
    env.skiff(["create", "--name", &name, "busybox", "true"])
        .ok();
    let out = env.skiff([
        "run",
        "--rm",
        "--ipc",
        &format!("container:{name}"),
        "busybox",
        "true",
    ]);
    out.engine_error(&[&name, "not running"]);
    env.skiff(["rm", "-f", &name]).ok();
}

#[test]
fn uts_host_has_the_hosts_hostname() {
    let env = shared();
    let host = nix::unistd::gethostname().unwrap();
    let out = env.skiff(["run", "--rm", "--uts", "host", "busybox", "hostname"]);
    assert_eq!(out.ok().trim(), host.to_string_lossy());
    let out = env.skiff([
        "run",
        "--rm",
        "--uts",
        "host",
        "--hostname",
        "x",
        "busybox",
        "true",
    ]);
    out.engine_error(&["conflicting options: hostname and the UTS mode"]);
    let out = env.skiff(["run", "--rm", "--uts", "bogus", "busybox", "true"]);
    out.engine_error(&["--uts", "bogus"]);
}

#[test]
fn uts_container_shares_the_other_containers_hostname() {
    let env = shared();
    let name = crate::unique_name("uts-owner");
    env.skiff([
        "run",
        "-d",
        "--name",
        &name,
        "--hostname",
        "shared-name",
        "busybox",
        "sleep",
        "300",
    ])
    .ok();
    let joined = format!("container:{name}");
    let out = env.skiff([
        "run",
        "--rm",
        "--uts",
        &joined,
        "busybox",
        "sh",
        "-c",
        "hostname; cat /etc/hostname",
    ]);
    assert_eq!(out.ok(), "shared-name\nshared-name\n");
    env.skiff(["rm", "-f", &name]).ok();
}

#[test]
fn pid_container_sees_the_other_containers_processes() {
    let env = shared();
    let name = crate::unique_name("pid-owner");
    env.skiff(["run", "-d", "--name", &name, "busybox", "sleep", "300"])
        .ok();
    let joined = format!("container:{name}");
    let out = env.skiff(["run", "--rm", "--pid", &joined, "busybox", "ps"]);
    assert!(out.ok().contains("sleep 300"), "{}", out.dump());
    // With the default network too: its helper gets the namespace from the init itself.
    let out = env.skiff([
        "run",
        "--rm",
        "--pid",
        &joined,
        "--network",
        "none",
        "busybox",
        "ps",
    ]);
    assert!(out.ok().contains("sleep 300"), "{}", out.dump());
    let out = env.skiff(["inspect", "-f", "{{.HostConfig.PidMode}}", &name]);
    assert_eq!(out.ok().trim(), "");
    env.skiff(["rm", "-f", &name]).ok();
    let out = env.skiff(["run", "--rm", "--pid", &joined, "busybox", "true"]);
    out.engine_error(&[&name]);
}

#[test]
fn pid_modes_not_supported_are_clear_errors() {
    let env = shared();
    let out = env.skiff(["run", "--rm", "--pid", "host", "busybox", "true"]);
    out.engine_error(&["--pid host"]);
    let out = env.skiff(["run", "--rm", "--pid", "bogus", "busybox", "true"]);
    out.engine_error(&["--pid", "bogus"]);
}

#[test]
fn the_user_namespace_holder_is_named_skiff_userns() {
    let env = shared();
    env.skiff(["images"]).ok();
    let pidfile = env.runtime_dir.join("skiff/userns.pid");
    let text = std::fs::read_to_string(&pidfile).expect("the holder's pid file");
    let pid = text.split_whitespace().next().expect("a pid");
    let comm = std::fs::read_to_string(format!("/proc/{pid}/comm")).expect("the holder runs");
    assert_eq!(comm.trim(), "skiff-userns");
}
