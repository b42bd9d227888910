//! Container logging (issue 11, defect 4 and the logging flags): every run is logged, attached
//! or not (`run` in the foreground, `start -a`, detached), a restarted container's log keeps
//! every run, `-a/--attach` picks what the terminal shows, `--log-driver` (k8s-file, json-file,
//! none, passthrough; journald refused) and `--log-opt` (max-size/max-file rotation, path, tag).
use crate::support::wait::{inspect, Cleanup};
use crate::support::{skiff_bin, Env};
use crate::{shared, unique_name};
use std::time::Duration;

const OUT_ERR: &str = "echo out; echo err >&2";

/// Asserts `logs ARGS... NAME` prints `out` on stdout and `err` on stderr.
#[track_caller]
fn assert_logs(env: &Env, args: &[&str], name: &str, out: &str, err: &str) {
    let o = env
        .sk(["logs"])
        .args(args)
        .args([name])
        .timeout(Duration::from_secs(20))
        .run();
    assert_eq!(o.ok(), out, "logs {args:?} stdout\n{}", o.dump());
    assert_eq!(o.stderr, err, "logs {args:?} stderr\n{}", o.dump());
}

#[test]
fn a_foreground_run_is_logged_and_logs_f_returns() {
    let env = shared();
    let name = unique_name("fg-log");
    let _c = Cleanup::names(env, &[&name]);
    let o = env.skiff(["run", "--name", &name, "busybox", "sh", "-c", OUT_ERR]);
    assert_eq!(o.ok(), "out\n", "{}", o.dump());
    assert_eq!(o.stderr, "err\n", "{}", o.dump());
    assert_logs(env, &[], &name, "out\n", "err\n");
    // The container has exited: -f prints the log and returns.
    assert_logs(env, &["-f"], &name, "out\n", "err\n");
    assert_logs(env, &["--tail", "1"], &name, "", "err\n");
    let ts = env.skiff(["logs", "-t", &name]);
    assert!(
        ts.ok().starts_with("20") && ts.stdout.ends_with("Z out\n"),
        "{}",
        ts.dump()
    );
}

#[test]
fn start_a_is_logged_and_every_run_is_kept() {
    let env = shared();
    let name = unique_name("start-a-log");
    let _c = Cleanup::names(env, &[&name]);
    env.skiff(["create", "--name", &name, "busybox", "echo", "run"])
        .ok();
    for _ in 0..2 {
        let o = env.skiff(["start", "-a", &name]);
        assert_eq!(o.ok(), "run\n", "{}", o.dump());
    }
    // A detached start (the monitor's log) appends to the same log.
    env.skiff(["start", &name]).ok();
    env.skiff(["wait", &name]).ok();
    assert_logs(env, &[], &name, "run\nrun\nrun\n", "");
}

#[test]
fn a_closed_stdout_does_not_end_the_supervision() {
    let env = shared();
    let name = unique_name("epipe-log");
    let _c = Cleanup::names(env, &[&name]);
    let code = env.root.join(format!("{name}.code"));
    let script = format!(
        "({} run --name {name} busybox sh -c 'seq 1 20000; echo done >&2; exit 3'; echo $? > {}) | head -n 1",
        skiff_bin().display(),
        code.display()
    );
    let o = env.command("sh").args(["-c", &script]).output().unwrap();
    assert_eq!(String::from_utf8_lossy(&o.stdout), "1\n");
    let code = std::fs::read_to_string(&code).unwrap_or_default();
    assert_eq!(code.trim(), "3", "the container's exit code");
    let logs = env.skiff(["logs", &name]);
    assert!(
        logs.ok().ends_with("19999\n20000\n") && logs.stderr == "done\n",
        "{}",
        logs.dump()
    );
}

#[test]
fn attach_stdout_hides_stderr_from_the_terminal_but_logs_it() {
    let env = shared();
    let name = unique_name("attach-log");
    let _c = Cleanup::names(env, &[&name]);
    let o = env.skiff([
        "run", "-a", "STDOUT", "--name", &name, "busybox", "sh", "-c", OUT_ERR,
    ]);
    assert_eq!(o.ok(), "out\n", "{}", o.dump());
    assert_eq!(o.stderr, "", "stderr is not attached\n{}", o.dump());
    assert_logs(env, &[], &name, "out\n", "err\n");
    let o = env.skiff([
        "run", "--rm", "-a", "stderr", "busybox", "sh", "-c", OUT_ERR,
    ]);
    assert_eq!((o.ok(), o.stderr.as_str()), ("", "err\n"), "{}", o.dump());
    // `-i` without `-a STDIN`: the container does not get our stdin.
    let o = env
        .sk(["run", "--rm", "-i", "-a", "stdout", "busybox", "cat"])
        .stdin("typed\n")
        .run();
    assert_eq!(o.ok(), "", "{}", o.dump());
    let o = env
        .sk([
            "run", "--rm", "-i", "-a", "stdin", "-a", "stdout", "busybox", "cat",
        ])
        .stdin("typed\n")
        .run();
    assert_eq!(o.ok(), "typed\n", "{}", o.dump());
    for bad in [&["-d", "-a", "stdout"][..], &["-a", "stdio"]] {
        let o = env.sk(["run"]).args(bad).args(["busybox", "true"]).run();
        assert_eq!(o.code, 125, "{}", o.dump());
        assert!(o.stderr.starts_with("error: "), "{}", o.dump());
    }
}

#[test]
fn log_drivers_none_passthrough_journald_json_file() {
    let env = shared();
    let none = unique_name("drv-none");
    let json = unique_name("drv-json");
    let pass = unique_name("drv-pass");
    let _c = Cleanup::names(env, &[&none, &json, &pass]);
    let run = |name: &str, driver: &str| {
        let o = env.skiff([
            "run",
            "--name",
            name,
            "--log-driver",
            driver,
            "busybox",
            "sh",
            "-c",
            OUT_ERR,
        ]);
        assert_eq!(
            (o.ok(), o.stderr.as_str()),
            ("out\n", "err\n"),
            "{}",
            o.dump()
        );
    };
    run(&none, "none");
    let o = env.skiff(["logs", &none]);
    assert_eq!(o.code, 125, "{}", o.dump());
    assert_eq!(
        o.stderr,
        "error: configured logging driver does not support reading\n"
    );
    assert_eq!(
        inspect(env, &none, "{{.HostConfig.LogConfig.Type}}"),
        "none"
    );
    let dir = env.store().join("containers").join(env.container_id(&none));
    assert!(!dir.join("ctr.log").exists(), "no log is kept");

    run(&json, "json-file");
    assert_logs(env, &[], &json, "out\n", "err\n");
    assert_eq!(
        inspect(env, &json, "{{.HostConfig.LogConfig.Type}}"),
        "json-file"
    );

    run(&pass, "passthrough");
    assert_eq!(env.skiff(["logs", &pass]).code, 125);
    let o = env.skiff([
        "run",
        "-d",
        "--log-driver",
        "passthrough",
        "busybox",
        "true",
    ]);
    assert!(
        o.code == 125 && o.stderr.contains("passthrough") && o.stderr.contains("detached"),
        "{}",
        o.dump()
    );
    let o = env.skiff(["start", &pass]);
    assert_eq!(o.code, 125, "a detached start is refused too\n{}", o.dump());

    for (driver, says) in [("journald", "journal"), ("syslog", "unknown log driver")] {
        let o = env.skiff(["run", "--rm", "--log-driver", driver, "busybox", "true"]);
        assert!(
            o.code == 125 && o.stderr.starts_with("error: ") && o.stderr.contains(says),
            "{}",
            o.dump()
        );
    }
}

/// A shell loop printing `n` numbered lines of about 100 bytes.
fn lines(n: u32) -> String {
    format!(
        "i=1; while [ $i -le {n} ]; do echo \"line $i {}\"; i=$((i+1)); done",
        "x".repeat(88)
    )
}

#[test]
fn max_size_rotation_bounds_the_log() {
    let env = shared();
    let fg = unique_name("rot-fg");
    let bg = unique_name("rot-bg");
    let _c = Cleanup::names(env, &[&fg, &bg]);
    // About 200 KiB, in the foreground, one file (Docker's default max-file 1).
    let o = env
        .sk(["run", "--name", &fg, "--log-opt", "max-size=10k", "busybox"])
        .args(["sh", "-c", &lines(2000)])
        .timeout(Duration::from_secs(60))
        .run();
    assert!(o.ok().contains("\nline 2000 "), "the terminal gets it all");
    let path = inspect(env, &fg, "{{.LogPath}}");
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    assert!(size > 0 && size <= 10 * 1024, "{path} is {size} bytes");
    assert!(!std::path::Path::new(&format!("{path}.1")).exists());
    let logs = env.skiff(["logs", "--tail", "1", &fg]);
    assert!(logs.ok().starts_with("line 2000 "), "{}", logs.dump());

    // Detached (the monitor's writer), three files in all: read oldest first.
    env.sk(["run", "-d", "--name", &bg, "--log-opt", "max-size=10k"])
        .args([
            "--log-opt",
            "max-file=3",
            "busybox",
            "sh",
            "-c",
            &lines(2000),
        ])
        .run()
        .ok();
    env.skiff(["wait", &bg]).ok();
    let path = inspect(env, &bg, "{{.LogPath}}");
    let mut total = 0;
    for p in [path.clone(), format!("{path}.1"), format!("{path}.2")] {
        let size = std::fs::metadata(&p).map(|m| m.len()).unwrap_or(0);
        assert!(size > 0 && size <= 10 * 1024, "{p} is {size} bytes");
        total += size;
    }
    assert!(!std::path::Path::new(&format!("{path}.3")).exists());
    let logs = env.skiff(["logs", &bg]);
    let numbers: Vec<u32> = logs
        .ok()
        .lines()
        .filter_map(|l| l.split(' ').nth(1)?.parse().ok())
        .collect();
    assert_eq!(numbers.last(), Some(&2000), "{}", logs.dump());
    assert!(
        numbers.windows(2).all(|w| w[1] == w[0] + 1),
        "in order, without gaps"
    );
    assert!(total <= 30 * 1024 && numbers.len() < 400);
}

#[test]
fn log_opt_path_and_tag() {
    let env = shared();
    let name = unique_name("log-path");
    let _c = Cleanup::names(env, &[&name]);
    let file = env.root.join(format!("{name}.log"));
    let path_opt = format!("path={}", file.display());
    let o = env.skiff([
        "run",
        "--name",
        &name,
        "--log-opt",
        &path_opt,
        "--log-opt",
        "tag=web",
        "busybox",
        "echo",
        "hi",
    ]);
    assert_eq!(o.ok(), "hi\n", "{}", o.dump());
    let text = std::fs::read_to_string(&file).unwrap_or_default();
    assert!(text.ends_with(" stdout F hi\n"), "{text:?}");
    assert_logs(env, &[], &name, "hi\n", "");
    assert_eq!(
        inspect(env, &name, "{{.LogPath}}"),
        file.display().to_string()
    );
    assert_eq!(
        inspect(env, &name, "{{.HostConfig.LogConfig.Config.tag}}"),
        "web"
    );
}

#[test]
fn logs_f_follows_the_log_across_rotations() {
    let env = shared();
    let name = unique_name("rot-follow");
    let _c = Cleanup::names(env, &[&name]);
    let slow = "i=0; while [ $i -lt 400 ]; do echo $i; i=$((i+1)); sleep 0.01; done";
    env.sk(["run", "-d", "--name", &name, "--log-opt", "max-size=2k"])
        .args(["--log-opt", "max-file=2", "busybox", "sh", "-c", slow])
        .run()
        .ok();
    let o = env
        .sk(["logs", "-f", &name])
        .timeout(Duration::from_secs(60))
        .run();
    let numbers: Vec<u32> = o.ok().lines().filter_map(|l| l.parse().ok()).collect();
    assert_eq!(
        numbers,
        (0..400).collect::<Vec<_>>(),
        "every line once, in order, though the log rotated under the reader"
    );
}

#[test]
fn a_run_with_a_terminal_is_logged() {
    if !crate::support::have_tool("script") {
        return;
    }
    let env = shared();
    let name = unique_name("tty-log");
    let _c = Cleanup::names(env, &[&name]);
    let inner = format!(
        "{} run -t --name {name} busybox sh -c 'echo viatty; exit 5'",
        skiff_bin().display()
    );
    let mut cmd = env.command("script");
    cmd.args(["-qec", &inner, "/dev/null"]);
    let out = crate::support::run_cmd(cmd, None, Duration::from_secs(30));
    assert!(
        out.code == 5 && out.stdout.contains("viatty"),
        "{}",
        out.dump()
    );
    // The terminal's line ends, as podman keeps them.
    assert_logs(env, &[], &name, "viatty\r\n", "");
}
