//! Detached containers (issue 4): `run -d` and the monitor, `ps`, `logs`, `exec`, `stop`,
//! `start`, `kill`, `wait`, `restart`, `top`, `rename`, `container prune`, `--init`, `--cidfile`,
//! labels, restart policies and health checks. The fault cases (killed monitor or CLI, races)
//! are in `lifecycle_faults.rs`.
use crate::support::wait::{
    inspect, monitor_pids, quick, status, until, until_status, Cleanup, SETTLE,
};
use crate::support::{have_tool, is_hex, run_cmd, skiff_bin, wait_timeout, Env};
use crate::{isolated_with_busybox, shared, unique_name};
use std::time::Duration;

/// `run -d --name NAME ARGS...`: asserts it prints the full id (and nothing else); returns it.
#[track_caller]
pub fn run_d(env: &Env, name: &str, args: &[&str]) -> String {
    let out = env
        .sk(["run", "-d", "--name", name])
        .args(args)
        .timeout(Duration::from_secs(20))
        .run();
    let id = out.ok().trim().to_string();
    assert!(
        is_hex(&id, 64) && out.stdout == format!("{id}\n"),
        "run -d prints the full id and a newline\n{}",
        out.dump()
    );
    id
}

/// Waits until `logs NAME` (stdout) satisfies `pred`; returns the last output.
#[track_caller]
pub fn until_logs(env: &Env, name: &str, pred: impl Fn(&str) -> bool) -> crate::support::Out {
    until(&format!("the logs of {name}"), SETTLE, || {
        let out = quick(env, ["logs", name]);
        if out.code == 0 && pred(&out.stdout) {
            Ok(out)
        } else {
            Err(out.dump())
        }
    })
}

#[test]
fn web_workflow_run_ps_exec_top_stop_start_rm() {
    let env = shared();
    let name = unique_name("web");
    let _c = Cleanup::names(env, &[&name]);
    let id = run_d(
        env,
        &name,
        &["busybox", "httpd", "-f", "-p", "80", "-h", "/var/www"],
    );
    assert_eq!(env.container_id(&name), id);
    let st = until_status(env, &name, "up", SETTLE, |s| s.starts_with("Up "));
    let ps = env.skiff(["ps"]);
    assert!(ps.ok().contains(&name), "plain ps lists it\n{}", ps.dump());
    let m = monitor_pids(&id);
    assert_eq!(m.len(), 1, "one monitor (status {st})");
    // While the container runs, its monitor is the small binary (its resident memory is the
    // point), and still the container's parent, which reaps it.
    let comm = std::fs::read_to_string(format!("/proc/{}/comm", m[0])).unwrap_or_default();
    assert_eq!(comm.trim(), "skiff-monitor");
    let pid = inspect(env, &name, "{{.State.Pid}}");
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    let ppid = stat
        .rsplit(')')
        .next()
        .and_then(|r| r.split_whitespace().nth(1));
    assert_eq!(ppid, Some(m[0].to_string().as_str()), "{stat}");

    let out = env.skiff(["exec", &name, "cat", "/var/www/index.html"]);
    assert_eq!(out.ok(), "<h1>hello from busybox</h1>\n", "{}", out.dump());

    let out = env.skiff(["top", &name]);
    assert!(
        out.ok().lines().next().is_some_and(|h| h.contains("PID")) && out.stdout.contains("httpd"),
        "top has a header and lists httpd\n{}",
        out.dump()
    );

    let out = env.skiff(["stop", "-t", "2", &name]);
    assert_eq!(out.ok(), format!("{name}\n"), "{}", out.dump());
    let st = status(env, &name);
    assert!(st.starts_with("Exited ("), "ps -a after stop: {st:?}");
    assert_eq!(inspect(env, &name, "{{.State.Running}}"), "false");
    let ps = env.skiff(["ps"]);
    assert!(!ps.ok().contains(&name), "plain ps omits it\n{}", ps.dump());

    let out = env.skiff(["start", &name]);
    assert_eq!(out.ok(), format!("{name}\n"), "{}", out.dump());
    until_status(env, &name, "up again", SETTLE, |s| s.starts_with("Up "));
    assert_eq!(env.container_id(&name), id, "same container, same id");
    let out = env.skiff(["exec", &name, "cat", "/var/www/index.html"]);
    out.ok();

    let state = env.store().join("containers").join(&id);
    let run_state = env.runtime_dir.join("skiff/containers").join(&id);
    assert!(state.exists(), "{} exists while it runs", state.display());
    let out = env.skiff(["rm", "-f", &name]);
    assert_eq!(out.ok(), format!("{name}\n"), "{}", out.dump());
    assert_eq!(status(env, &name), "", "rm -f removed it from ps -a");
    assert!(!state.exists(), "rm -f left {}", state.display());
    assert!(!run_state.exists(), "rm -f left {}", run_state.display());
    until("its monitor to end", SETTLE, || {
        let m = monitor_pids(&id);
        if m.is_empty() {
            Ok(())
        } else {
            Err(format!("{m:?}"))
        }
    });
}

#[test]
fn logs_keep_stdout_and_stderr_apart() {
    let env = shared();
    let name = unique_name("logs");
    let _c = Cleanup::names(env, &[&name]);
    run_d(
        env,
        &name,
        &["busybox", "sh", "-c", "echo out; echo err >&2; sleep 30"],
    );
    let out = until_logs(env, &name, |s| s == "out\n");
    assert_eq!(out.stderr, "err\n", "{}", out.dump());
}

#[test]
fn exec_it_gives_a_pty() {
    if !have_tool("script") {
        return;
    }
    let env = shared();
    let name = unique_name("execit");
    let _c = Cleanup::names(env, &[&name]);
    run_d(env, &name, &["busybox", "sleep", "300"]);
    // An interactive shell on the exec's pty, fed through script's terminal.
    let inner = format!("exec {} exec -it {name} sh", skiff_bin().display());
    let mut cmd = env.command("script");
    cmd.args(["-qec", &inner, "/dev/null"])
        .env("SHELL", "/bin/sh");
    let out = run_cmd(cmd, Some(b"tty\nexit 4\n"), Duration::from_secs(30));
    let text = out.stdout.replace('\r', "");
    assert!(
        text.lines().any(|l| l.trim().starts_with("/dev/pts/")),
        "tty inside exec -it must be a pty\n{}",
        out.dump()
    );
    assert_eq!(
        out.code,
        4,
        "exec -it exits with the command's code\n{}",
        out.dump()
    );
}

#[test]
fn run_d_rm_disappears_by_itself() {
    let env = shared();
    let name = unique_name("rmd");
    let _c = Cleanup::names(env, &[&name]);
    let id = run_d(env, &name, &["--rm", "busybox", "sh", "-c", "exit 0"]);
    until_status(env, &name, "gone", SETTLE, |s| s.is_empty());
    assert!(!env.store().join("containers").join(&id).exists());
}

#[test]
fn wait_prints_the_exit_code() {
    let env = shared();
    let name = unique_name("wait");
    let _c = Cleanup::names(env, &[&name]);
    run_d(env, &name, &["busybox", "sh", "-c", "sleep 0.5; exit 3"]);
    let out = quick(env, ["wait", &name]);
    assert_eq!(out.ok(), "3\n", "{}", out.dump());
    assert_eq!(inspect(env, &name, "{{.State.ExitCode}}"), "3");
    assert!(status(env, &name).starts_with("Exited (3) "));
}

#[test]
fn restart_on_failure_2_restarts_exactly_twice() {
    let env = shared();
    let name = unique_name("onfail");
    let _c = Cleanup::names(env, &[&name]);
    let id = run_d(
        env,
        &name,
        &[
            "--restart",
            "on-failure:2",
            "busybox",
            "sh",
            "-c",
            "echo run; exit 1",
        ],
    );
    // The monitor execs between its two binaries at each exit, and /proc can show its command
    // line empty for that instant: so "no monitor" alone is not "done". Done is no monitor and
    // the last exit recorded (while it is not, ps shows the dead run as `Exited (-1)`).
    until("the monitor to give up", Duration::from_secs(10), || {
        let m = monitor_pids(&id);
        let s = status(env, &name);
        if m.is_empty() && s.starts_with("Exited (1) ") {
            Ok(())
        } else {
            Err(format!("monitor {m:?}, status {s}"))
        }
    });
    assert!(monitor_pids(&id).is_empty(), "the monitor came back");
    assert_eq!(inspect(env, &name, "{{.RestartCount}}"), "2");
    let out = env.skiff(["logs", &name]);
    assert_eq!(
        out.ok(),
        "run\nrun\nrun\n",
        "three runs, three lines\n{}",
        out.dump()
    );
    assert_eq!(
        inspect(env, &name, "{{.HostConfig.RestartPolicy.Name}}"),
        "on-failure"
    );
}

#[test]
fn kill_usr1_reaches_a_trap() {
    let env = shared();
    let name = unique_name("trap");
    let _c = Cleanup::names(env, &[&name]);
    let script = "trap 'echo got-usr1; exit 7' USR1; echo ready; while :; do sleep 0.1; done";
    run_d(env, &name, &["busybox", "sh", "-c", script]);
    until_logs(env, &name, |s| s == "ready\n");
    let out = env.skiff(["kill", "-s", "USR1", &name]);
    assert_eq!(out.ok(), format!("{name}\n"), "{}", out.dump());
    until_status(env, &name, "exited by the trap", SETTLE, |s| {
        s.starts_with("Exited (7) ")
    });
    let out = env.skiff(["logs", &name]);
    assert_eq!(out.ok(), "ready\ngot-usr1\n", "{}", out.dump());
}

#[test]
fn kill_unknown_signal_is_125_with_the_valid_ones() {
    let env = shared();
    let name = unique_name("badsig");
    let _c = Cleanup::names(env, &[&name]);
    run_d(env, &name, &["busybox", "sleep", "300"]);
    let out = env.skiff(["kill", "-s", "SIGNOPE", &name]);
    out.engine_error(&["SIGNOPE", "SIGKILL", "SIGUSR1", "SIGTERM"]);
    assert!(
        status(env, &name).starts_with("Up "),
        "a bad signal leaves it running"
    );
    env.skiff(["kill", &name]).ok();
    let out = quick(env, ["wait", &name]);
    assert_eq!(
        out.ok(),
        "137\n",
        "kill sends SIGKILL by default\n{}",
        out.dump()
    );
}

#[test]
fn init_reaps_an_orphaned_zombie() {
    let env = shared();
    let (with, without) = (unique_name("init"), unique_name("noinit"));
    let _c = Cleanup::names(env, &[&with, &without]);
    // The subshell's background sleep is orphaned to pid 1; `exec sleep` as pid 1 never reaps,
    // so only an init that reaps keeps it from staying a zombie.
    let cmd = ["busybox", "sh", "-c", "(sleep 0.2 &); exec sleep 300"];
    run_d(env, &without, &cmd);
    // The CLI runs in the background: its return is checked last, so that a CLI that hangs
    // does not hide whether the init reaps.
    let mut cli = env
        .sk(["run", "-d", "--name", &with, "--init"])
        .args(cmd)
        .spawn();
    until_status(env, &with, "up", SETTLE, |s| s.starts_with("Up "));
    let procs = |name: &str| {
        quick(env, ["exec", name, "ps", "-o", "stat,comm"])
            .ok()
            .to_string()
    };
    // The control: without --init the orphan becomes a zombie (the test can see one).
    until("a zombie without --init", SETTLE, || {
        let p = procs(&without);
        if p.lines().any(|l| l.trim_start().starts_with('Z')) {
            Ok(())
        } else {
            Err(p)
        }
    });
    until("the orphan to be reaped with --init", SETTLE, || {
        let p = procs(&with);
        let sleeps = p
            .lines()
            .filter(|l| l.trim_end().ends_with("sleep"))
            .count();
        let zombies = p
            .lines()
            .filter(|l| l.trim_start().starts_with('Z'))
            .count();
        if sleeps == 1 && zombies == 0 {
            Ok(())
        } else {
            Err(p)
        }
    });
    // `run -d --init` returns as soon as the command runs, not when the container ends.
    let st = wait_timeout(&mut cli, SETTLE);
    assert!(
        st.is_some_and(|s| s.success()),
        "run -d --init had not returned {SETTLE:?} after its container was up: {st:?}"
    );
    // The init forwards stop's SIGTERM to the command (sleep dies of it, not of SIGKILL).
    env.skiff(["stop", "-t", "10", &with]).ok();
    assert_eq!(inspect(env, &with, "{{.State.ExitCode}}"), "143");
}

#[test]
fn health_cmd_failing_becomes_unhealthy() {
    let env = shared();
    let name = unique_name("sick");
    let _c = Cleanup::names(env, &[&name]);
    let health = [
        "--health-cmd",
        "exit 1",
        "--health-retries",
        "1",
        "--health-interval",
        "200ms",
    ];
    run_d(
        env,
        &name,
        &[&health[..], &["busybox", "sleep", "300"]].concat(),
    );
    let st = until_status(env, &name, "unhealthy", SETTLE, |s| {
        s.ends_with("(unhealthy)")
    });
    assert!(st.starts_with("Up "), "{st}");
    assert_eq!(inspect(env, &name, "{{.State.Health.Status}}"), "unhealthy");
    let out = env.skiff(["healthcheck", "run", &name]);
    assert_eq!(
        out.code,
        1,
        "healthcheck run of a failing check exits 1\n{}",
        out.dump()
    );
}

#[test]
fn health_cmd_true_becomes_healthy_and_healthcheck_run() {
    let env = shared();
    let (name, none) = (unique_name("fit"), unique_name("nohc"));
    let _c = Cleanup::names(env, &[&name, &none]);
    let health = ["--health-cmd", "true", "--health-interval", "200ms"];
    run_d(
        env,
        &name,
        &[&health[..], &["busybox", "sleep", "300"]].concat(),
    );
    until_status(env, &name, "healthy", SETTLE, |s| s.ends_with("(healthy)"));
    assert_eq!(inspect(env, &name, "{{.State.Health.Status}}"), "healthy");
    let out = env.skiff(["healthcheck", "run", &name]);
    out.ok();
    // --no-healthcheck: no health at all.
    run_d(env, &none, &["--no-healthcheck", "busybox", "sleep", "300"]);
    let st = until_status(env, &none, "up", SETTLE, |s| s.starts_with("Up "));
    assert!(!st.contains("health"), "{st}");
}

/// An image's own `HEALTHCHECK` (Docker's `config.Healthcheck`, which the OCI config type has
/// no field for) is the container's unless the flags replace it.
#[test]
fn an_images_healthcheck_is_the_containers_default() {
    use crate::support::image::{busybox_layer, Image};
    let env = Env::isolated();
    let img = Image::with_config(
        "localhost/hc:1",
        vec![busybox_layer()],
        serde_json::json!({
            "Env": ["PATH=/bin"],
            "Cmd": ["sleep", "300"],
            "Healthcheck": {"Test": ["CMD-SHELL", "true"], "Interval": 200_000_000u64, "Retries": 2},
        }),
    );
    let path = env.root.join("hc.tar");
    img.write_oci(&path);
    env.load(&path);
    let name = "hc-image";
    run_d(&env, name, &["localhost/hc:1"]);
    assert_eq!(
        inspect(&env, name, "{{json .Config.Healthcheck.Test}}"),
        r#"["CMD-SHELL","true"]"#
    );
    until_status(&env, name, "healthy", SETTLE, |s| s.ends_with("(healthy)"));
    env.skiff([
        "create",
        "--name",
        "hc-off",
        "--no-healthcheck",
        "localhost/hc:1",
    ])
    .ok();
    assert_eq!(
        inspect(&env, "hc-off", "{{.Config.Healthcheck}}"),
        "<no value>"
    );
    env.skiff(["rm", "-f", name]).ok();
}

#[test]
fn logs_survive_the_container_follow_ends_tail_timestamps_since() {
    let env = shared();
    let name = unique_name("logf");
    let _c = Cleanup::names(env, &[&name]);
    run_d(
        env,
        &name,
        &["busybox", "sh", "-c", "echo 1; echo 2; sleep 1; echo 3"],
    );
    let mut f = env.sk(["logs", "-f", &name]).spawn();
    let st = wait_timeout(&mut f, Duration::from_secs(10));
    let mut text = String::new();
    use std::io::Read;
    let _ = f.stdout.take().unwrap().read_to_string(&mut text);
    assert!(
        st.is_some_and(|s| s.success()),
        "logs -f must end with the container: {st:?}"
    );
    assert_eq!(text, "1\n2\n3\n", "logs -f shows every line");

    // After the container: the log is kept.
    let out = env.skiff(["logs", &name]);
    assert_eq!(out.ok(), "1\n2\n3\n", "{}", out.dump());
    let out = env.skiff(["logs", "--tail", "1", &name]);
    assert_eq!(out.ok(), "3\n", "{}", out.dump());
    let out = env.skiff(["logs", "-t", &name]);
    let lines: Vec<&str> = out.ok().lines().collect();
    assert_eq!(lines.len(), 3, "{}", out.dump());
    for (l, want) in lines.iter().zip(["1", "2", "3"]) {
        let (ts, text) = l.split_once(' ').unwrap_or(("", ""));
        assert!(
            chrono::DateTime::parse_from_rfc3339(ts).is_ok() && text == want,
            "-t prefixes an RFC 3339 timestamp: {l:?}"
        );
    }
    let out = env.skiff(["logs", "--since", "2099-01-01T00:00:00Z", &name]);
    assert_eq!(out.ok(), "", "nothing since the future\n{}", out.dump());
    let out = env.skiff(["logs", "--since", "10m", &name]);
    assert_eq!(out.ok(), "1\n2\n3\n", "{}", out.dump());
    let out = env.skiff(["logs", "--until", "2000-01-01T00:00:00Z", &name]);
    assert_eq!(out.ok(), "", "nothing until 2000\n{}", out.dump());
}

#[test]
fn exec_codes_user_workdir_env_detach() {
    let env = shared();
    let name = unique_name("exec");
    let _c = Cleanup::names(env, &[&name]);
    run_d(env, &name, &["busybox", "sleep", "300"]);
    let out = env.skiff(["exec", &name, "no-such-command"]);
    out.code_is(127);
    assert!(out.stderr.contains("no-such-command"), "{}", out.dump());
    let out = env.skiff(["exec", &name, "/etc/passwd"]);
    out.code_is(126);
    assert!(out.stderr.contains("/etc/passwd"), "{}", out.dump());
    env.skiff(["exec", &name, "sh", "-c", "exit 5"]).code_is(5);
    let out = env.skiff(["exec", "-u", "33", &name, "id", "-u"]);
    assert_eq!(out.ok(), "33\n", "{}", out.dump());
    let out = env.skiff(["exec", "-w", "/tmp", &name, "pwd"]);
    assert_eq!(out.ok(), "/tmp\n", "{}", out.dump());
    let file = tempfile::NamedTempFile::new_in(&env.root).expect("temp file");
    std::fs::write(file.path(), "Y=from-file\n").expect("write env file");
    let ef = file.path().to_str().unwrap();
    let out = env.skiff([
        "exec",
        "-e",
        "X=1",
        "--env-file",
        ef,
        &name,
        "sh",
        "-c",
        "echo $X $Y",
    ]);
    assert_eq!(out.ok(), "1 from-file\n", "{}", out.dump());
    let out = env
        .sk(["exec", "-i", &name, "cat"])
        .stdin("through exec\n")
        .run();
    assert_eq!(out.ok(), "through exec\n", "{}", out.dump());
    let out = env.skiff(["exec", "-d", &name, "sh", "-c", "echo detached > /tmp/d"]);
    assert_eq!(out.ok(), "", "{}", out.dump());
    until("exec -d to run", SETTLE, || {
        let o = quick(env, ["exec", &name, "cat", "/tmp/d"]);
        if o.stdout == "detached\n" {
            Ok(())
        } else {
            Err(o.dump())
        }
    });
    // exec into a stopped container is an error.
    env.skiff(["kill", &name]).ok();
    let out = env.skiff(["exec", &name, "true"]);
    out.engine_error(&[&name]);
}

#[test]
fn exec_user_resolves_against_the_containers_current_passwd() {
    // Docker reads the running container's /etc/passwd: a user added since start is known.
    let env = shared();
    let name = unique_name("exec-user");
    let _c = Cleanup::names(env, &[&name]);
    run_d(env, &name, &["busybox", "sleep", "300"]);
    let add = "echo late:x:4321:4322:late:/late:/bin/sh >> /etc/passwd";
    env.skiff(["exec", &name, "sh", "-c", add]).ok();
    let out = env.skiff(["exec", "-u", "late", &name, "sh", "-c", "id -u; id -g"]);
    assert_eq!(out.ok(), "4321\n4322\n", "{}", out.dump());
}

#[test]
fn rename_start_several_and_restart() {
    let env = shared();
    let (a, b, c) = (unique_name("ren"), unique_name("renb"), unique_name("renc"));
    let _c = Cleanup::names(env, &[&a, &b, &c]);
    let id = run_d(env, &a, &["busybox", "sleep", "300"]);
    env.skiff(["create", "--name", &c, "busybox", "sleep", "300"])
        .ok();
    env.skiff(["rename", &a, &c]).engine_error(&[&c]);
    env.skiff(["rename", &a, &b]).ok();
    assert_eq!(env.container_id(&b), id);
    assert_eq!(status(env, &a), "", "the old name is gone");
    env.skiff(["exec", &b, "true"]).ok();
    env.skiff(["stop", "-t", "0", &b]).ok();

    let out = env.skiff(["start", &b, &c]);
    assert_eq!(out.ok(), format!("{b}\n{c}\n"), "{}", out.dump());
    for n in [&b, &c] {
        until_status(env, n, "up", SETTLE, |s| s.starts_with("Up "));
    }
    let pid = inspect(env, &c, "{{.State.Pid}}");
    let out = env.skiff(["restart", "-t", "0", &c]);
    assert_eq!(out.ok(), format!("{c}\n"), "{}", out.dump());
    until_status(env, &c, "up after restart", SETTLE, |s| {
        s.starts_with("Up ")
    });
    assert_ne!(
        inspect(env, &c, "{{.State.Pid}}"),
        pid,
        "restart runs a new process"
    );
}

#[test]
fn cidfile_labels_and_container_prune() {
    let env = isolated_with_busybox();
    let _c = Cleanup::all(&env);
    let cid = env.root.join("cid");
    let labels = env.root.join("labels");
    std::fs::write(&labels, "c=3\n# comment\n").expect("write label file");
    let (cids, lf) = (cid.to_str().unwrap(), labels.to_str().unwrap());
    let args = [
        "--cidfile",
        cids,
        "-l",
        "a=1",
        "--label",
        "b=2",
        "--label-file",
        lf,
    ];
    let id = run_d(
        &env,
        "up",
        &[&args[..], &["busybox", "sleep", "300"]].concat(),
    );
    assert_eq!(std::fs::read_to_string(&cid).expect("cidfile"), id);
    let out = env.skiff(["inspect", "-f", "{{json .Config.Labels}}", "up"]);
    let v: serde_json::Value = serde_json::from_str(out.ok().trim()).expect("labels json");
    assert_eq!(
        v,
        serde_json::json!({"a": "1", "b": "2", "c": "3"}),
        "{}",
        out.dump()
    );

    let out = env.skiff([
        "run",
        "-d",
        "--cidfile",
        cids,
        "--name",
        "again",
        "busybox",
        "true",
    ]);
    out.engine_error(&[cids]);
    assert_eq!(status(&env, "again"), "", "a refused run creates nothing");

    env.skiff(["run", "--name", "done", "busybox", "true"]).ok();
    env.skiff(["create", "--name", "fresh", "busybox", "true"])
        .ok();
    let done = env.container_id("done");
    let fresh = env.container_id("fresh");
    let out = env.skiff(["container", "prune", "-f"]);
    let text = out.ok();
    assert!(
        text.contains(&done) && text.contains(&fresh),
        "prune lists what it removed\n{}",
        out.dump()
    );
    assert!(!text.contains(&id), "{}", out.dump());
    assert_eq!(status(&env, "done"), "");
    assert!(
        status(&env, "up").starts_with("Up "),
        "prune keeps running ones"
    );
    let out = env.skiff(["stop", "-a", "-t", "0"]);
    assert_eq!(
        out.ok(),
        format!("{id}\n"),
        "stop -a prints what it stopped\n{}",
        out.dump()
    );
    assert!(status(&env, "up").starts_with("Exited "));
}
