//! What docker and podman scripts do with the container and image verbs (issue 11): podman's
//! cleanup flags (`rm -t 0 --all --force --ignore`, `rmi -a -f`), `--all`/`--latest` on the
//! lifecycle verbs, `untag`, `image exists` and `container exists`, real-time signals for `kill`,
//! and an `exec -d` that lets go of the caller at once.
use crate::lifecycle::{run_d, until_logs};
use crate::support::wait::{quick, status, until, Cleanup, SETTLE};
use crate::{shared, unique_name};
use std::io::Read;
use std::process::Stdio;
use std::time::Duration;

#[test]
fn kill_sends_real_time_signals_by_name_and_number() {
    let env = shared();
    let name = unique_name("rt");
    let _c = Cleanup::names(env, &[&name]);
    let script = "for n in 34 37 40 63 64; do trap \"echo got-$n\" $n; done; echo ready; \
                  while :; do sleep 0.1; done";
    run_d(env, &name, &["busybox", "sh", "-c", script]);
    until_logs(env, &name, |s| s == "ready\n");
    for (sig, n) in [
        ("RTMIN", 34),
        ("SIGRTMIN+3", 37),
        ("40", 40),
        ("RTMAX-1", 63),
        ("RTMAX", 64),
    ] {
        let out = env.skiff(["kill", "-s", sig, &name]);
        assert_eq!(out.ok(), format!("{name}\n"), "{}", out.dump());
        until_logs(env, &name, |s| s.contains(&format!("got-{n}\n")));
    }
    for bad in ["RTMAX+1", "RTMIN-1", "65", "0"] {
        env.skiff(["kill", "-s", bad, &name])
            .engine_error(&[bad, "RTMIN+N"]);
    }
    assert!(status(env, &name).starts_with("Up "), "still running");
}

/// `out=$(skiff exec -d C sleep 300)` returns at once: the command holds none of the caller's
/// descriptors, so the caller's pipe ends when skiff exits while the command still runs.
#[test]
fn exec_d_lets_go_of_the_callers_output_at_once() {
    let env = shared();
    let name = unique_name("execd");
    let _c = Cleanup::names(env, &[&name]);
    run_d(env, &name, &["busybox", "sleep", "300"]);
    let mut cmd = env.command(crate::support::skiff_bin());
    cmd.args(["exec", "-d", &name, "sleep", "301"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("start skiff exec -d");
    let (mut out, mut err) = (child.stdout.take().unwrap(), child.stderr.take().unwrap());
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let (mut o, mut e) = (String::new(), String::new());
        let _ = out.read_to_string(&mut o);
        let _ = err.read_to_string(&mut e);
        let _ = tx.send((o, e));
    });
    let st = crate::support::wait_timeout(&mut child, Duration::from_secs(20));
    assert!(st.is_some_and(|s| s.success()), "exec -d exits 0");
    let got = rx.recv_timeout(Duration::from_secs(20));
    // The command must still be running, so that the end of the pipe above was not its exit.
    until("the detached sleep to show in ps", SETTLE, || {
        let ps = quick(env, ["exec", &name, "ps", "-o", "args"]);
        match ps.stdout.contains("sleep 301") {
            true => Ok(()),
            false => Err(ps.dump()),
        }
    });
    let (o, e) = got.expect("the caller's stdout and stderr end when exec -d exits");
    assert_eq!((o.as_str(), e.as_str()), ("", ""));
}
