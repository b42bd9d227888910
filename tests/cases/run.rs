//! `skiff run` (foreground), `create`, `start`, `inspect` of containers: exit codes, stdio,
//! and the flags of Docker's `run` that issue 3 covers.
use crate::support::{
    have_tool, image::PATH_ENV, is_hex, parse_table, run_cmd, skiff_bin, wait_timeout,
    DEFAULT_TIMEOUT,
};
use crate::{shared, unique_name};
use std::io::BufRead;
use std::time::Duration;

#[test]
fn echo_hello_prints_hello_and_exits_0() {
    let out = shared().skiff(["run", "--rm", "busybox", "echo", "hello"]);
    assert_eq!(out.ok(), "hello\n", "{}", out.dump());
    assert_eq!(
        out.stderr,
        "",
        "a plain run prints nothing on stderr\n{}",
        out.dump()
    );
}

#[test]
fn exit_code_is_the_containers() {
    shared()
        .skiff(["run", "--rm", "busybox", "sh", "-c", "exit 3"])
        .code_is(3);
}

#[test]
fn missing_command_exits_127() {
    let out = shared().skiff(["run", "--rm", "busybox", "no-such-command"]);
    out.code_is(127);
    assert!(
        out.stderr.contains("no-such-command"),
        "the error names the command\n{}",
        out.dump()
    );
}

#[test]
fn non_executable_file_exits_126() {
    let out = shared().skiff(["run", "--rm", "busybox", "/etc/passwd"]);
    out.code_is(126);
    assert!(
        out.stderr.contains("/etc/passwd"),
        "the error names the file\n{}",
        out.dump()
    );
}

#[test]
fn bad_flag_is_a_one_line_error_and_125() {
    let out = shared().skiff(["run", "--no-such-flag", "busybox", "true"]);
    out.engine_error(&["--no-such-flag"]);
    assert_eq!(out.stdout, "", "{}", out.dump());
}

#[test]
fn unknown_image_is_a_one_line_error_and_125() {
    let out = shared().skiff(["run", "--rm", "no-such-image-here", "true"]);
    out.engine_error(&["no-such-image-here"]);
    assert_eq!(out.stdout, "", "{}", out.dump());
}

#[test]
fn stdout_and_stderr_stay_separate() {
    let out = shared().skiff([
        "run",
        "--rm",
        "busybox",
        "sh",
        "-c",
        "echo out; echo err >&2",
    ]);
    assert_eq!(out.ok(), "out\n", "{}", out.dump());
    assert_eq!(out.stderr, "err\n", "{}", out.dump());
}

#[test]
fn dash_i_passes_stdin() {
    let out = shared()
        .sk(["run", "--rm", "-i", "busybox", "cat"])
        .stdin("hi\nthere\n")
        .run();
    assert_eq!(out.ok(), "hi\nthere\n", "{}", out.dump());
}

#[test]
fn without_dash_i_stdin_is_not_attached() {
    // Docker attaches stdin only with -i: cat sees an empty stdin and ends at once.
    let out = shared()
        .sk(["run", "--rm", "busybox", "cat"])
        .stdin("should not arrive\n")
        .run();
    assert_eq!(out.ok(), "", "{}", out.dump());
}

#[test]
fn image_cmd_is_the_default_command() {
    // The image's Cmd is ["sh"]: with -i it reads the script from stdin.
    let out = shared()
        .sk(["run", "--rm", "-i", "busybox"])
        .stdin("echo from-default-cmd\n")
        .run();
    assert_eq!(out.ok(), "from-default-cmd\n", "{}", out.dump());
}

#[test]
fn env_flags_set_and_pass_variables() {
    let out = shared()
        .sk([
            "run",
            "--rm",
            "-e",
            "FOO=bar",
            "-e",
            "FROM_HOST",
            "-e",
            "EMPTY=",
            "busybox",
        ])
        .args([
            "sh",
            "-c",
            r#"echo "$FOO|$FROM_HOST|${EMPTY-unset}|$PATH|$HOME""#,
        ])
        .env("FROM_HOST", "host value")
        .run();
    let want = format!(
        "bar|host value||{}|/root\n",
        PATH_ENV.trim_start_matches("PATH=")
    );
    assert_eq!(
        out.ok(),
        want,
        "-e NAME takes the value from skiff's environment; HOME comes from /etc/passwd\n{}",
        out.dump()
    );
}

#[test]
fn env_file_sets_variables() {
    let env = shared();
    let file = tempfile::NamedTempFile::new_in(&env.root).expect("temp file");
    std::fs::write(file.path(), "# a comment\nA=1\n\nB=two words\n").expect("write env file");
    let out = env.skiff([
        "run",
        "--rm",
        "--env-file",
        file.path().to_str().unwrap(),
        "busybox",
        "sh",
        "-c",
        r#"echo "$A|$B""#,
    ]);
    assert_eq!(out.ok(), "1|two words\n", "{}", out.dump());
}

#[test]
fn workdir_flag_sets_and_creates_the_directory() {
    let env = shared();
    let out = env.skiff(["run", "--rm", "-w", "/tmp", "busybox", "pwd"]);
    assert_eq!(out.ok(), "/tmp\n", "{}", out.dump());
    let out = env.skiff(["run", "--rm", "-w", "/made/by/run", "busybox", "pwd"]);
    assert_eq!(
        out.ok(),
        "/made/by/run\n",
        "a missing -w directory is created, as Docker does\n{}",
        out.dump()
    );
}

#[test]
fn user_flag_numeric() {
    let out = shared().skiff([
        "run",
        "--rm",
        "-u",
        "33:33",
        "busybox",
        "sh",
        "-c",
        "id -u; id -g",
    ]);
    assert_eq!(out.ok(), "33\n33\n", "{}", out.dump());
}

#[test]
fn user_flag_by_name_resolves_in_the_image() {
    let out = shared().skiff([
        "run",
        "--rm",
        "-u",
        "www-data",
        "busybox",
        "sh",
        "-c",
        "id -u; id -g; echo $HOME",
    ]);
    assert_eq!(
        out.ok(),
        "33\n33\n/var/www\n",
        "uid, primary group and HOME come from the image's /etc/passwd\n{}",
        out.dump()
    );
}

#[test]
fn unknown_user_is_an_error() {
    let out = shared().skiff(["run", "--rm", "-u", "no-such-user", "busybox", "true"]);
    assert_ne!(out.code, 0, "{}", out.dump());
    assert!(
        out.stderr.contains("no-such-user"),
        "the error names the user\n{}",
        out.dump()
    );
}

#[test]
fn entrypoint_flag_replaces_the_entrypoint() {
    let out = shared().skiff([
        "run",
        "--rm",
        "--entrypoint",
        "echo",
        "busybox",
        "hi",
        "there",
    ]);
    assert_eq!(out.ok(), "hi there\n", "{}", out.dump());
}

#[test]
fn hostname_flag_sets_hostname_and_etc_hostname() {
    let out = shared().skiff([
        "run",
        "--rm",
        "--hostname",
        "box1",
        "busybox",
        "sh",
        "-c",
        "hostname; cat /etc/hostname",
    ]);
    assert_eq!(out.ok(), "box1\nbox1\n", "{}", out.dump());
}

#[test]
fn default_hostname_is_the_short_id() {
    let env = shared();
    let name = unique_name("host");
    let out = env.skiff(["run", "--name", &name, "busybox", "hostname"]);
    let host = out.ok().trim().to_string();
    let id = env.container_id(&name);
    assert_eq!(
        host,
        id[..12],
        "hostname must be the first 12 hex of the container id {id}"
    );
    env.skiff(["rm", &name]).ok();
}

#[test]
fn etc_hosts_and_resolv_conf_are_written() {
    let out = shared().skiff([
        "run",
        "--rm",
        "busybox",
        "sh",
        "-c",
        "cat /etc/hosts; test -f /etc/resolv.conf && echo resolv",
    ]);
    let text = out.ok();
    assert!(
        text.contains("127.0.0.1") && text.contains("localhost"),
        "/etc/hosts maps localhost\n{}",
        out.dump()
    );
    assert!(
        text.ends_with("resolv\n"),
        "/etc/resolv.conf exists\n{}",
        out.dump()
    );
}

#[test]
fn rm_flag_removes_the_container_and_frees_the_name() {
    let env = shared();
    let name = unique_name("rmflag");
    env.skiff(["run", "--rm", "--name", &name, "busybox", "true"])
        .ok();
    let ps = env.skiff(["ps", "-a"]);
    assert!(
        !ps.ok().contains(&name),
        "--rm container still listed\n{}",
        ps.dump()
    );
    // The name is free again.
    env.skiff(["run", "--rm", "--name", &name, "busybox", "true"])
        .ok();
}

#[test]
fn without_rm_the_container_stays_exited() {
    let env = shared();
    let name = unique_name("stays");
    env.skiff(["run", "--name", &name, "busybox", "true"]).ok();
    let ps = env.skiff(["ps", "-a"]);
    let rows = parse_table(ps.ok());
    let row = rows
        .iter()
        .find(|r| r["NAMES"] == name)
        .unwrap_or_else(|| panic!("{name} not listed\n{}", ps.dump()));
    assert!(row["STATUS"].starts_with("Exited (0) "), "{}", ps.dump());
    let out = env.skiff(["rm", &name]);
    assert_eq!(
        out.ok(),
        format!("{name}\n"),
        "rm prints the name it was given, as Docker does"
    );
}

#[test]
fn name_conflict_is_an_error() {
    let env = shared();
    let name = unique_name("conflict");
    env.skiff(["create", "--name", &name, "busybox", "true"])
        .ok();
    env.skiff(["create", "--name", &name, "busybox", "true"])
        .engine_error(&[&name]);
    env.skiff(["rm", &name]).ok();
}

#[test]
fn create_prints_the_id_and_start_attaches() {
    let env = shared();
    let name = unique_name("created");
    let out = env.skiff(["create", "--name", &name, "busybox", "echo", "started"]);
    let id = out.ok().trim().to_string();
    assert!(is_hex(&id, 64), "create prints the full id\n{}", out.dump());
    assert_eq!(env.container_id(&name), id);
    let out = env.skiff(["start", "-a", &name]);
    assert_eq!(out.ok(), "started\n", "{}", out.dump());
    env.skiff(["rm", &name]).ok();
}

#[test]
fn start_attach_interactive_passes_stdin() {
    let env = shared();
    let name = unique_name("startai");
    env.skiff(["create", "-i", "--name", &name, "busybox", "cat"])
        .ok();
    let out = env
        .sk(["start", "-a", "-i", &name])
        .stdin("through start\n")
        .run();
    assert_eq!(out.ok(), "through start\n", "{}", out.dump());
    env.skiff(["rm", &name]).ok();
}

#[test]
fn inspect_shows_state_and_exit_code() {
    let env = shared();
    let name = unique_name("inspect");
    env.skiff(["run", "--name", &name, "busybox", "sh", "-c", "exit 3"])
        .code_is(3);
    let out = env.skiff(["inspect", &name]);
    let v: serde_json::Value = serde_json::from_str(out.ok())
        .unwrap_or_else(|e| panic!("inspect is not JSON: {e}\n{}", out.dump()));
    let c = &v[0];
    assert_eq!(c["Id"], env.container_id(&name).as_str(), "{}", out.dump());
    assert_eq!(
        c["Name"].as_str().map(|n| n.trim_start_matches('/')),
        Some(name.as_str()),
        "{}",
        out.dump()
    );
    assert_eq!(c["State"]["Status"], "exited", "{}", out.dump());
    assert_eq!(c["State"]["ExitCode"], 3, "{}", out.dump());
    env.skiff(["rm", &name]).ok();
}

#[test]
fn tty_gives_a_pty_with_the_window_size() {
    if !have_tool("script") {
        return;
    }
    let env = shared();
    // script(1) gives skiff a terminal; stty sets its size, which -t must carry into the container.
    let inner = format!(
        "stty rows 33 cols 77; exec {} run --rm -t busybox sh -c 'tty; stty size'",
        skiff_bin().display()
    );
    let mut cmd = env.command("script");
    cmd.args(["-qec", &inner, "/dev/null"])
        .env("SHELL", "/bin/sh");
    let out = run_cmd(cmd, None, DEFAULT_TIMEOUT);
    let text = out.stdout.replace('\r', "");
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    assert_eq!(out.code, 0, "{}", out.dump());
    assert_eq!(lines, ["/dev/pts/0", "33 77"], "{}", out.dump());
}

#[test]
fn ctrl_c_reaches_the_container() {
    let env = shared();
    let mut child = env.sk(["run", "--rm", "probe", "/probe", "signal"]).spawn();
    let stdout = child.stdout.take().expect("stdout");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
        {
            let _ = tx.send(line);
        }
    });
    let first = rx.recv_timeout(Duration::from_secs(30));
    if first.as_deref() != Ok("ready") {
        crate::support::kill_group(child.id() as i32);
        let _ = child.wait();
        panic!("the probe never said ready: {first:?}");
    }
    // SIGINT to skiff alone, as Docker's sig-proxy forwards it; the container must receive it.
    // SAFETY: kill(2) on the child this test started.
    unsafe { libc::kill(child.id() as i32, libc::SIGINT) };
    let status = wait_timeout(&mut child, Duration::from_secs(30))
        .expect("skiff run did not end after SIGINT");
    let rest: Vec<String> = rx.try_iter().collect();
    assert_eq!(rest, ["SIGINT"], "the container saw the signal");
    assert_eq!(
        status.code(),
        Some(130),
        "exit code is the container's (128+SIGINT)"
    );
}

#[test]
fn killed_by_a_signal_exits_128_plus_n() {
    shared()
        .skiff(["run", "--rm", "probe", "/probe", "segv"])
        .code_is(128 + libc::SIGSEGV);
}

/// A malformed reference given to run, create or pull is Docker's `invalid reference format`,
/// found before any lookup or pull: every registry a name could reach is a local listener that
/// must see no connection (and does see one for a valid name, so the set-up is proven).
#[test]
fn invalid_references_fail_before_any_registry_is_contacted() {
    let env = crate::support::Env::isolated();
    let registry = crate::support::registry::Tripwire::install(&env);
    let skiff = |args: &[&str]| env.sk(args).env("SKIFF_REGISTRY_TIMEOUT", "1s").run();
    let verbs: [&[&str]; 5] = [
        &["run", "--rm"],
        &["run", "--rm", "--pull", "always"],
        &["run", "--rm", "--pull", "never"],
        &["create"],
        &["pull"],
    ];
    for verb in verbs {
        let with = |image: &'static str| {
            let mut v = verb.to_vec();
            v.push(image);
            if verb[0] != "pull" {
                v.push("true");
            }
            skiff(&v)
        };
        for bad in [
            "busybox@sha256:abc",
            "busybox:",
            "../../x",
            "a//b",
            "busybox:-x",
        ] {
            with(bad).engine_error(&["invalid reference format"]);
        }
        for (bad, repo) in [
            ("UPPER", "UPPER"),
            ("Busybox", "Busybox"),
            ("Busy:box", "Busy"),
        ] {
            with(bad).engine_error(&[&format!(
                "invalid reference format: repository name (library/{repo}) must be lowercase"
            )]);
        }
    }
    assert!(
        registry.untouched(),
        "an invalid reference made skiff contact a registry"
    );
    assert_eq!(env.skiff(["ps", "-a", "-q"]).ok(), "", "no container left");
    // The control: a valid name does reach the listener (which never answers).
    skiff(&["pull", "valid"]).engine_error(&["did not answer"]);
    assert!(registry.was_contacted(), "the listener is the registry");
}
