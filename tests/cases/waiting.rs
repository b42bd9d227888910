//! `wait` and the ways a container ends or is left (issue 11): a container that never ran, a
//! `--rm` container's code after its removal, `run -it` detached with the detach keys,
//! `--pidfile` and `--conmon-pidfile`.
use crate::support::wait::{quick, until, Cleanup, KillOnDrop, SETTLE};
use crate::support::Env;
use crate::{shared, unique_name};
use std::os::unix::process::CommandExt;
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

#[test]
fn wait_reading_a_record_as_the_monitor_removes_it_still_gets_the_code() {
    // The race CI hit 1 time in many, made certain with a fault point: `wait` has read a --rm
    // container's container.json (it runs) and stops before its state.json; the container
    // exits 5 and its monitor removes it; then wait reads on. Before: the missing state.json
    // read as a default state (created, exit 0), and wait answered 0.
    let env = shared();
    let name = unique_name("waitsplit");
    let _c = Cleanup::names(env, &[&name]);
    let script = "until [ -e /tmp/go ]; do sleep 0.05; done; exit 5";
    quick(
        env,
        [
            "run", "-d", "--rm", "--name", &name, "busybox", "sh", "-c", script,
        ],
    )
    .ok();
    let mark = env.root.join(format!("{name}.mark"));
    let mut wait = env
        .sk(["wait", &name])
        .env("SKIFF_FAULT_POINT", "record.between-reads")
        .env("SKIFF_FAULT_MARK", &mark)
        .spawn();
    let _w = KillOnDrop(wait.id() as i32);
    let at_point = |what: &str| {
        until(what, Duration::from_secs(30), || match mark.exists() {
            true => Ok(()),
            false => Err("not yet".to_string()),
        })
    };
    // First the lookup's read, then the first read of wait's loop: the one that decides.
    at_point("wait at its lookup's read");
    std::fs::remove_file(&mark).unwrap();
    at_point("wait between the two reads of its loop");
    quick(env, ["exec", &name, "touch", "/tmp/go"]).ok();
    until(
        "the monitor removed it",
        Duration::from_secs(30),
        || match quick(env, ["container", "exists", &name]).code {
            1 => Ok(()),
            c => Err(format!("exists: {c}")),
        },
    );
    std::fs::remove_file(&mark).unwrap();
    let st = crate::support::wait_timeout(&mut wait, Duration::from_secs(20));
    let out = wait.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        (st.and_then(|s| s.code()), stdout.trim()),
        (Some(0), "5"),
        "wait answers the code of the container removed under it\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_monitor_whose_teardown_fails_still_records_the_exit() {
    // The monitor releases what the start acquired (teardown.json) before it records the exit.
    // Before: when that release failed, it returned before recording it, leaving a "running"
    // record whose process and monitor were gone, which wait answered with 0. A corrupt
    // teardown.json makes the release fail (without a network helper, which it would leak).
    let env = shared();
    let name = unique_name("waittorn");
    let _c = Cleanup::names(env, &[&name]);
    let script = "until [ -e /tmp/go ]; do sleep 0.05; done; exit 5";
    quick(
        env,
        [
            "run",
            "-d",
            "--network",
            "none",
            "--name",
            &name,
            "busybox",
            "sh",
            "-c",
            script,
        ],
    )
    .ok();
    let id = env.container_id(&name);
    let run = env.runtime_dir.join("skiff/containers").join(&id);
    std::fs::write(run.join("teardown.json"), b"{not json").unwrap();
    quick(env, ["exec", &name, "touch", "/tmp/go"]).ok();
    assert_eq!(wait_code(env, &name), "5", "the exit is recorded");
    assert_eq!(status(env, &name), "exited");
}

/// A terminal for skiff: the command runs with a pty's slave as stdin, stdout and stderr; the
/// test reads and writes the master.
struct Term {
    master: std::fs::File,
    child: std::process::Child,
    seen: std::sync::mpsc::Receiver<Vec<u8>>,
    text: String,
}

impl Term {
    fn spawn(env: &Env, args: &[&str]) -> Term {
        use std::process::Stdio;
        let ws = nix::pty::Winsize {
            ws_row: 24,
            ws_col: 80,
            ws_xpixel: 0,
            ws_ypixel: 0,
        };
        let pty = nix::pty::openpty(Some(&ws), None).expect("openpty");
        let slave = std::fs::File::from(pty.slave);
        let mut cmd = env.sk(args).cmd;
        cmd.stdin(Stdio::from(slave.try_clone().unwrap()))
            .stdout(Stdio::from(slave.try_clone().unwrap()))
            .stderr(Stdio::from(slave));
        cmd.process_group(0);
        let child = cmd.spawn().expect("spawn skiff on a pty");
        drop(cmd);
        let master = std::fs::File::from(pty.master);
        let mut reader = master.try_clone().unwrap();
        let (tx, seen) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            // EIO once the last slave is closed: the end.
            while let Ok(n) = std::io::Read::read(&mut reader, &mut buf) {
                if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                    break;
                }
            }
        });
        Term {
            master,
            child,
            seen,
            text: String::new(),
        }
    }

    fn write(&mut self, data: &[u8]) {
        std::io::Write::write_all(&mut self.master, data).unwrap();
    }

    /// Reads until the output contains `what`; false after 20 s.
    fn read_until(&mut self, what: &str, limit: Duration) -> bool {
        let end = std::time::Instant::now() + limit;
        while !self.text.contains(what) {
            let left = end.saturating_duration_since(std::time::Instant::now());
            match self.seen.recv_timeout(left) {
                Ok(d) => self.text.push_str(&String::from_utf8_lossy(&d)),
                Err(_) => return false,
            }
        }
        true
    }

    /// Types `echo` commands until the container's shell answers: the session is relaying.
    fn until_shell_answers(&mut self) {
        for i in 0..40 {
            self.write(format!("echo pong-$((40+{i}))\n").as_bytes());
            if self.read_until(&format!("pong-{}", 40 + i), Duration::from_millis(500)) {
                return;
            }
        }
        panic!("the container's shell never answered:\n{}", self.text);
    }

    fn exit_code(&mut self) -> Option<i32> {
        let st = crate::support::wait_timeout(&mut self.child, Duration::from_secs(20));
        if st.is_none() {
            crate::support::kill_group(self.child.id() as i32);
            let _ = self.child.wait();
        }
        st.and_then(|s| s.code())
    }
}

fn status(env: &Env, name: &str) -> String {
    let out = quick(env, ["inspect", "--format", "{{.State.Status}}", name]);
    out.stdout.trim().to_string()
}

#[test]
fn run_it_detaches_with_the_detach_keys_and_attach_comes_back() {
    // Before: run -it had no detach keys (ctrl-p ctrl-q went to the container) and no
    // --detach-keys flag.
    let env = shared();
    let name = unique_name("runit");
    let _c = Cleanup::names(env, &[&name]);
    let mut t = Term::spawn(env, &["run", "-it", "--name", &name, "busybox", "sh"]);
    t.until_shell_answers();
    t.write(b"\x10\x11");
    assert_eq!(
        t.exit_code(),
        Some(0),
        "run -it detaches: exit 0\n{}",
        t.text
    );
    assert_eq!(status(env, &name), "running", "the container runs on");
    let mut a = Term::spawn(env, &["attach", &name]);
    a.until_shell_answers();
    a.write(b"exit 3\n");
    assert_eq!(
        a.exit_code(),
        Some(3),
        "attach again, then the shell's exit\n{}",
        a.text
    );
    assert_eq!(status(env, &name), "exited");
}

#[test]
fn run_it_detach_keys_flag_and_exit_code_with_rm() {
    let env = shared();
    let name = unique_name("runitkeys");
    let _c = Cleanup::names(env, &[&name]);
    let mut t = Term::spawn(
        env,
        &[
            "run",
            "-it",
            "--detach-keys",
            "ctrl-a,x",
            "--name",
            &name,
            "busybox",
            "sh",
        ],
    );
    t.until_shell_answers();
    t.write(b"\x01x");
    assert_eq!(t.exit_code(), Some(0), "--detach-keys detaches\n{}", t.text);
    assert_eq!(status(env, &name), "running");
    quick(env, ["rm", "-f", &name]).ok();
    // A session that ends with the shell: run returns its code, and --rm has removed it.
    let mut t = Term::spawn(
        env,
        &["run", "-it", "--rm", "--name", &name, "busybox", "sh"],
    );
    t.until_shell_answers();
    t.write(b"exit 7\n");
    assert_eq!(t.exit_code(), Some(7), "{}", t.text);
    let gone = quick(env, ["container", "exists", &name]);
    assert_eq!(
        gone.code,
        1,
        "--rm removed it before run returned\n{}",
        gone.dump()
    );
}

#[test]
fn start_ai_on_a_terminal_can_be_detached_too() {
    // Before: start -ai ran the container under the CLI, which had no detach keys.
    let env = shared();
    let name = unique_name("startai");
    let _c = Cleanup::names(env, &[&name]);
    quick(env, ["create", "-it", "--name", &name, "busybox", "sh"]).ok();
    let mut t = Term::spawn(env, &["start", "-ai", &name]);
    t.until_shell_answers();
    t.write(b"\x10\x11");
    assert_eq!(t.exit_code(), Some(0), "start -ai detaches\n{}", t.text);
    assert_eq!(status(env, &name), "running", "the container runs on");
}

#[test]
fn run_it_without_a_terminal_is_docker_s_error_and_creates_nothing() {
    let env = shared();
    let name = unique_name("runitnotty");
    let _c = Cleanup::names(env, &[&name]);
    // An image that is not here: the error comes before any pull.
    let out = env
        .sk(["run", "-it", "--name", &name, "nosuch.invalid/img", "true"])
        .stdin("")
        .run();
    assert_eq!(out.code, 125, "{}", out.dump());
    assert!(
        out.stderr.contains("the input device is not a TTY"),
        "{}",
        out.dump()
    );
    let gone = quick(env, ["container", "exists", &name]);
    assert_eq!(gone.code, 1, "nothing created\n{}", gone.dump());
}

fn ppid(pid: &str) -> String {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    let after = stat.rfind(')').map_or("", |i| &stat[i + 2..]);
    after
        .split_whitespace()
        .nth(1)
        .unwrap_or_default()
        .to_string()
}

#[test]
fn pidfile_and_conmon_pidfile_of_a_detached_container() {
    // podman's: the container's main pid and its monitor's, written when it starts, removed
    // with the container (before: both flags unknown).
    let env = shared();
    let name = unique_name("pidfile");
    let _c = Cleanup::names(env, &[&name]);
    let dir = tempfile::tempdir_in(&env.root).unwrap();
    let (p, c) = (dir.path().join("ctr.pid"), dir.path().join("mon.pid"));
    let args = [
        "run",
        "-d",
        "--name",
        &name,
        "--pidfile",
        p.to_str().unwrap(),
        "--conmon-pidfile",
        c.to_str().unwrap(),
        "busybox",
        "sleep",
        "60",
    ];
    quick(env, args).ok();
    let pid = std::fs::read_to_string(&p).expect("the pid file is written");
    let mon = std::fs::read_to_string(&c).expect("the conmon pid file is written");
    let cmdline = std::fs::read(format!("/proc/{pid}/cmdline")).unwrap_or_default();
    assert_eq!(
        cmdline, b"sleep\x0060\x00",
        "the pid file names the container's process"
    );
    assert_eq!(ppid(&pid), mon, "the monitor is the container's parent");
    quick(env, ["rm", "-f", &name]).ok();
    assert!(!p.exists() && !c.exists(), "both go with the container");
}

#[test]
fn conmon_pidfile_of_a_foreground_run_is_skiff_s_own_pid() {
    // A foreground run is supervised by skiff's own process: its pid is the "monitor's".
    let env = shared();
    let name = unique_name("pidfilefg");
    let _c = Cleanup::names(env, &[&name]);
    let dir = tempfile::tempdir_in(&env.root).unwrap();
    let (p, c) = (dir.path().join("ctr.pid"), dir.path().join("mon.pid"));
    let mut child = env
        .sk([
            "run",
            "--rm",
            "--name",
            &name,
            "--pidfile",
            p.to_str().unwrap(),
        ])
        .args([
            "--conmon-pidfile",
            c.to_str().unwrap(),
            "busybox",
            "sleep",
            "60",
        ])
        .spawn();
    let read = |f: &std::path::Path| std::fs::read_to_string(f).unwrap_or_default();
    let mon = until("the pid files", SETTLE, || match (read(&p), read(&c)) {
        (ctr, mon) if !ctr.is_empty() && !mon.is_empty() => Ok(mon),
        other => Err(format!("{other:?}")),
    });
    assert_eq!(
        mon,
        child.id().to_string(),
        "the supervisor is skiff itself"
    );
    quick(env, ["kill", &name]).ok();
    let st = crate::support::wait_timeout(&mut child, Duration::from_secs(30));
    assert!(st.is_some(), "run ends with its container");
    assert!(!p.exists() && !c.exists(), "--rm removed the pid files");
}

#[test]
fn a_pidfile_in_a_missing_directory_is_refused_before_create() {
    let env = shared();
    let name = unique_name("pidnodir");
    let _c = Cleanup::names(env, &[&name]);
    let out = quick(
        env,
        [
            "create",
            "--name",
            &name,
            "--pidfile",
            "/nonexistent-dir/x.pid",
            "busybox",
        ],
    );
    assert_eq!(out.code, 125, "{}", out.dump());
    assert!(out.stderr.contains("/nonexistent-dir"), "{}", out.dump());
    assert_eq!(quick(env, ["container", "exists", &name]).code, 1);
}
