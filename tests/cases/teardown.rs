//! What a start acquired outlives a `kill -9` of the container's monitor (issue 10 §5): the
//! network helper and its host ports are released by the next skiff command that sees the
//! container's exit, and the port is reusable at once.
use crate::lifecycle::run_d;
use crate::network::{free_port, get, PAGE};
use crate::support::wait::{
    alive, all_pids, cmdline, inspect, kill9, monitor_pids, status, until, Cleanup, SETTLE,
};
use crate::support::{have_tool, limit_open_files, Env, DEEP_TREE};
use crate::{isolated_with_busybox, shared, unique_name};

/// Live pasta processes forwarding host port `port` (their `-t PORT:80` argument).
fn helpers_on(port: u16) -> Vec<i32> {
    let fwd = format!("{port}:80");
    all_pids()
        .into_iter()
        .filter(|&p| {
            let a = cmdline(p);
            a.first().is_some_and(|c| c.ends_with("pasta")) && a.contains(&fwd)
        })
        .filter(|&p| alive(p))
        .collect()
}

/// `run -d -p PORT:80` of busybox httpd, checked to serve; its id and its helper's pid.
#[track_caller]
fn serve(env: &Env, name: &str, port: u16) -> (String, i32) {
    let spec = format!("{port}:80");
    let httpd = ["httpd", "-f", "-p", "80", "-h", "/var/www"];
    let mut args = vec!["-p", &spec, "busybox"];
    args.extend(httpd);
    let id = run_d(env, name, &args);
    assert!(get(port).contains(PAGE), "{name} serves on port {port}");
    let h = helpers_on(port);
    assert_eq!(h.len(), 1, "one helper forwards port {port}: {h:?}");
    (id, h[0])
}

/// SIGKILLs the monitor of container `id` (serving on `port` through `helper`), waits until it
/// is gone, and checks that the container keeps its network.
#[track_caller]
fn kill_monitor(id: &str, port: u16, helper: i32) {
    let m = monitor_pids(id);
    assert_eq!(m.len(), 1, "one monitor of {id}: {m:?}");
    kill9(m[0]);
    until("the monitor to die", SETTLE, || match alive(m[0]) {
        true => Err("alive".into()),
        false => Ok(()),
    });
    assert!(alive(helper), "the helper {helper} outlives the monitor");
    assert!(get(port).contains(PAGE), "{id} serves without its monitor");
}

/// SIGKILLs the container's process and waits until it is gone.
#[track_caller]
fn kill_container(env: &Env, name: &str) {
    let pid: i32 = inspect(env, name, "{{.State.Pid}}").parse().expect("pid");
    kill9(pid);
    until("the container to die", SETTLE, || match alive(pid) {
        true => Err("alive".into()),
        false => Ok(()),
    });
}

#[test]
fn kill_9_of_the_monitor_then_rm_f_releases_the_helper_and_its_port() {
    if !have_tool("pasta") {
        return;
    }
    let env = shared();
    let (a, b) = (unique_name("tdrm"), unique_name("tdrm"));
    let _c = Cleanup::names(env, &[&a, &b]);
    let port = free_port();
    let (id, helper) = serve(env, &a, port);
    kill_monitor(&id, port, helper);
    let out = env.skiff(["rm", "-f", &a]);
    assert_eq!(out.ok(), format!("{a}\n"), "{}", out.dump());
    assert!(!alive(helper), "rm -f must end the helper {helper}");
    // No wait: the port is free once rm -f returns.
    let (_, again) = serve(env, &b, port);
    assert_ne!(again, helper);
}

#[test]
fn kill_9_of_the_monitor_then_of_the_container_frees_the_port_for_any_run() {
    if !have_tool("pasta") {
        return;
    }
    let env = shared();
    let (a, b) = (unique_name("tdexit"), unique_name("tdexit"));
    let _c = Cleanup::names(env, &[&a, &b]);
    let port = free_port();
    let (id, helper) = serve(env, &a, port);
    kill_monitor(&id, port, helper);
    kill_container(env, &a);
    // No command has looked at `a` since: the run of another container on its port finds the
    // port held, and releases what `a` left.
    let (_, other) = serve(env, &b, port);
    assert!(!alive(helper), "the helper {helper} outlives its container");
    assert!(status(env, &a).starts_with("Exited"), "{}", status(env, &a));
    assert_eq!(inspect(env, &a, "{{.State.Running}}"), "false");
    let out = env.skiff(["rm", "-f", &b]);
    assert_eq!(out.ok(), format!("{b}\n"), "{}", out.dump());
    assert!(!alive(other), "rm -f must end the helper {other}");
    // And the container itself starts again on its port, with a monitor of its own.
    let out = env.skiff(["start", &a]);
    assert_eq!(out.ok(), format!("{a}\n"), "{}", out.dump());
    assert!(get(port).contains(PAGE), "{a} serves again on port {port}");
    assert_eq!(inspect(env, &a, "{{.State.Running}}"), "true");
    assert_eq!(monitor_pids(&id).len(), 1, "one monitor of {id}");
}

#[test]
fn kill_9_of_the_monitor_then_of_the_container_then_ps_releases_the_helper() {
    if !have_tool("pasta") {
        return;
    }
    let env = shared();
    let a = unique_name("tdps");
    let _c = Cleanup::names(env, &[&a]);
    let port = free_port();
    let (id, helper) = serve(env, &a, port);
    kill_monitor(&id, port, helper);
    kill_container(env, &a);
    // ps is the first to see the exit: the helper is gone when it returns.
    assert!(status(env, &a).starts_with("Exited"), "{}", status(env, &a));
    assert!(!alive(helper), "ps must end the helper {helper}");
    assert!(
        std::net::TcpListener::bind(("0.0.0.0", port)).is_ok(),
        "host port {port} is free"
    );
}

/// A container whose upper dir nests 2000 directories (deeper than the soft limit on open
/// files, and `d/`×2000 is longer than PATH_MAX) is removed whole: `rm` exits 0, nothing of
/// the container stays in the store (not even a trash dir for a later removal), `ps -a` no
/// longer lists it.
#[test]
fn rm_removes_a_tree_deeper_than_the_open_file_limit() {
    limit_open_files(1024);
    let env = isolated_with_busybox();
    env.skiff(["run", "--name", "deep", "busybox", "sh", "-c", DEEP_TREE])
        .ok();
    let id = env.container_id("deep");
    let out = env.skiff(["rm", "deep"]);
    out.ok();
    let containers = env.store().join("containers");
    let left: Vec<String> = std::fs::read_dir(&containers)
        .expect("read containers/")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".trash-") || n.starts_with(&id))
        .collect();
    assert!(
        left.is_empty(),
        "rm left {left:?} in {}",
        containers.display()
    );
    let ps = env.skiff(["ps", "-a", "--no-trunc"]);
    assert!(!ps.ok().contains(&id), "ps -a still lists {id}");
}
