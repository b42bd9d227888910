//! `wait` and the ways a container ends or is left (issue 11): a container that never ran, a
//! `--rm` container's code after its removal, `run -it` detached with the detach keys,
//! `--pidfile` and `--conmon-pidfile`.
use crate::support::wait::{quick, Cleanup};
use crate::support::Env;
use crate::{shared, unique_name};
use std::time::Duration;

/// `wait NAME` with a bound: a wait that hangs is the defect, not a slow test.
#[track_caller]
fn wait_code(env: &Env, name: &str) -> String {
    let out = env
        .sk(["wait", name])
        .timeout(Duration::from_secs(15))
        .run();
    assert_eq!(out.code, 0, "wait {name}\n{}", out.dump());
    out.stdout.trim().to_string()
}

#[test]
fn wait_on_a_created_container_returns_at_once_with_0() {
    // Docker and podman: a container that never ran is not running, so wait answers 0 at
    // once (before: it blocked until the container ran, i.e. forever).
    let env = shared();
    let name = unique_name("waitcreated");
    let _c = Cleanup::names(env, &[&name]);
    quick(env, ["create", "--name", &name, "busybox", "true"]).ok();
    assert_eq!(wait_code(env, &name), "0");
}

#[test]
fn wait_on_a_container_whose_start_failed_returns_its_code() {
    // A start that fails (a command that is not there: 127) leaves the container created;
    // wait answers with the failed start's code rather than waiting for a run.
    let env = shared();
    let name = unique_name("waitfailed");
    let _c = Cleanup::names(env, &[&name]);
    quick(env, ["create", "--name", &name, "busybox", "/no/such/cmd"]).ok();
    let start = quick(env, ["start", &name]);
    assert_ne!(start.code, 0, "the start fails\n{}", start.dump());
    let code = wait_code(env, &name);
    let recorded = quick(env, ["inspect", "--format", "{{.State.ExitCode}}", &name]);
    assert_eq!(
        code,
        recorded.ok().trim(),
        "wait gives the failed start's code"
    );
    assert_ne!(code, "0");
}

#[test]
fn wait_on_run_rm_d_keeps_the_exit_code_after_the_removal() {
    // The monitor removes a --rm container as it exits; a wait that comes while it is being
    // removed, or after, still answers the container's code (before: 0, or no such container).
    let env = shared();
    for secs in [0, 1, 0, 1, 0, 1] {
        let name = unique_name("waitrm");
        let _c = Cleanup::names(env, &[&name]);
        let script = format!("sleep {secs}; exit 5");
        quick(
            env,
            [
                "run", "-d", "--rm", "--name", &name, "busybox", "sh", "-c", &script,
            ],
        )
        .ok();
        assert_eq!(wait_code(env, &name), "5", "sleep {secs}");
        let gone = quick(env, ["container", "exists", &name]);
        assert_eq!(gone.code, 1, "--rm removed it\n{}", gone.dump());
    }
}
