//! podman's `run`/`create` flags (issue 11), each shown by its effect inside the container:
//! `--tz`, `--timeout`, `--replace`, `--preserve-fds`, `--sdnotify`, `--env-host`,
//! `--unsetenv(-all)`, `--passwd-entry`, `--hostuser`, `--group-add` (and `keep-groups`).
use crate::support::wait::{inspect, monitor_pids, until_status, Cleanup, SETTLE};
use crate::support::{run_cmd, skiff_bin, whoami};
use crate::{shared, unique_name};
use std::time::Duration;

#[test]
fn tz_sets_the_containers_time_zone() {
    let env = shared();
    assert!(
        std::path::Path::new("/usr/share/zoneinfo/Asia/Tokyo").exists(),
        "this test needs the host's zoneinfo (apt-get install tzdata)"
    );
    let out = env.skiff([
        "run",
        "--rm",
        "--tz",
        "Asia/Tokyo",
        "busybox",
        "date",
        "+%Z",
    ]);
    assert_eq!(out.ok(), "JST\n", "{}", out.dump());
    let out = env.skiff(["run", "--rm", "busybox", "date", "+%Z"]);
    assert_eq!(out.ok(), "UTC\n", "no --tz, no zone: {}", out.dump());
    let out = env.skiff([
        "run",
        "--rm",
        "--tz",
        "local",
        "busybox",
        "cat",
        "/etc/localtime",
    ]);
    match std::fs::read("/etc/localtime") {
        Ok(host) => assert!(out.code == 0 && out.stdout_bytes == host, "{}", out.dump()),
        Err(_) => out.engine_error(&["/etc/localtime"]),
    }
    for bad in ["Mars/Olympus_Mons", "../../../etc/passwd"] {
        env.skiff(["run", "--rm", "--tz", bad, "busybox", "true"])
            .engine_error(&["invalid --tz", bad]);
    }
}

#[test]
fn timeout_kills_the_container_with_podmans_exit_code() {
    let env = shared();
    let (fg, bg) = (unique_name("timeout-fg"), unique_name("timeout-bg"));
    let _c = Cleanup::names(env, &[&fg, &bg]);
    let out = env
        .sk([
            "run",
            "--name",
            &fg,
            "--timeout",
            "1",
            "busybox",
            "sleep",
            "300",
        ])
        .timeout(Duration::from_secs(30))
        .run();
    out.code_is(255);
    assert_eq!(inspect(env, &fg, "{{.State.ExitCode}}"), "-1");
    env.skiff([
        "run",
        "-d",
        "--name",
        &bg,
        "--timeout",
        "1",
        "busybox",
        "sleep",
        "300",
    ])
    .ok();
    until_status(env, &bg, "ended by its timeout", SETTLE * 2, |s| {
        s.starts_with("Exited (-1)")
    });
    // 0 is no limit.
    let out = env.skiff(["run", "--rm", "--timeout", "0", "busybox", "sleep", "1"]);
    out.ok();
}

#[test]
fn replace_removes_the_container_of_that_name_first() {
    let env = shared();
    let name = unique_name("replace");
    let _c = Cleanup::names(env, &[&name]);
    let first = env
        .skiff(["create", "--name", &name, "busybox"])
        .ok()
        .trim()
        .to_string();
    env.skiff(["create", "--name", &name, "busybox"])
        .engine_error(&["already in use"]);
    let second = env.skiff(["create", "--replace", "--name", &name, "busybox"]);
    let second = second.ok().trim().to_string();
    assert_ne!(first, second);
    assert_eq!(inspect(env, &name, "{{.Id}}"), second);
    env.skiff(["inspect", &first]).code_is(125);
    // A running one too.
    env.skiff(["start", &name]).ok();
    let third = env.skiff([
        "run",
        "-d",
        "--replace",
        "--name",
        &name,
        "busybox",
        "sleep",
        "300",
    ]);
    assert_eq!(inspect(env, &name, "{{.Id}}"), third.ok().trim());
    env.skiff(["run", "--rm", "--replace", "busybox", "true"])
        .engine_error(&["--name"]);
}

#[test]
fn preserve_fds_passes_the_callers_descriptors() {
    let env = shared();
    let (a, b) = (env.root.join("fd-a"), env.root.join("fd-b"));
    std::fs::write(&a, "first\n").unwrap();
    std::fs::write(&b, "second\n").unwrap();
    let sh = |script: &str| {
        let mut c = env.command("sh");
        c.arg("-c").arg(script).arg(skiff_bin()).arg(&a).arg(&b);
        run_cmd(c, None, Duration::from_secs(60))
    };
    let out =
        sh(r#""$0" run --rm --preserve-fds 2 busybox sh -c 'cat <&3; cat <&4' 3<"$1" 4<"$2""#);
    assert_eq!(out.ok(), "first\nsecond\n", "{}", out.dump());
    // Without the option the container gets none of them.
    let out = sh(r#""$0" run --rm busybox sh -c 'cat <&3' 3<"$1""#);
    assert_ne!(out.code, 0, "{}", out.dump());
    let out = sh(r#""$0" run --rm --preserve-fds 1 busybox true 3<&-"#);
    out.engine_error(&["file descriptor 3 is not available"]);
    let out = sh(r#""$0" run -d --preserve-fds 1 busybox true 3<"$1""#);
    out.engine_error(&["--preserve-fds", "--detach"]);
}

#[test]
fn sdnotify_ignore_keeps_notify_socket_from_containers_and_monitors() {
    let env = shared();
    let name = unique_name("sdnotify");
    let _c = Cleanup::names(env, &[&name]);
    let out = env
        .sk([
            "run",
            "--rm",
            "--sdnotify=ignore",
            "--env-host",
            "busybox",
            "/bin/busybox",
            "env",
        ])
        .env("NOTIFY_SOCKET", "/run/user/1/notify")
        .env("SKIFF_T_HOST", "here")
        .run();
    let env_out = out.ok();
    assert!(env_out.contains("SKIFF_T_HOST=here"), "{}", out.dump());
    assert!(!env_out.contains("NOTIFY_SOCKET"), "{}", out.dump());
    let id = env
        .sk(["run", "-d", "--name", &name, "busybox", "sleep", "300"])
        .env("NOTIFY_SOCKET", "/run/user/1/notify")
        .run();
    let id = id.ok().trim().to_string();
    for pid in monitor_pids(&id) {
        let environ = std::fs::read(format!("/proc/{pid}/environ")).unwrap_or_default();
        let environ = String::from_utf8_lossy(&environ);
        assert!(!environ.contains("NOTIFY_SOCKET"), "monitor {pid} has it");
    }
    for mode in ["container", "conmon", "healthy"] {
        env.skiff([
            "run",
            "--rm",
            &format!("--sdnotify={mode}"),
            "busybox",
            "true",
        ])
        .engine_error(&["--sdnotify", mode, "ignore"]);
    }
}

#[test]
fn env_host_and_unsetenv() {
    let env = shared();
    let run = |args: &[&str]| {
        let mut a = vec!["run", "--rm"];
        a.extend(args);
        a.extend(["busybox", "/bin/busybox", "env"]);
        let out = env.sk(a).env("SKIFF_T_HOST", "here").run();
        let mut lines: Vec<String> = out.ok().lines().map(String::from).collect();
        lines.sort();
        lines
    };
    assert!(run(&["--env-host"]).contains(&"SKIFF_T_HOST=here".into()));
    assert!(!run(&[]).iter().any(|l| l.starts_with("SKIFF_T_HOST")));
    let over = run(&["--env-host", "-e", "SKIFF_T_HOST=flag"]);
    assert!(over.contains(&"SKIFF_T_HOST=flag".into()), "{over:?}");
    let unset = run(&["--env-host", "--unsetenv", "SKIFF_T_HOST"]);
    assert!(
        !unset.iter().any(|l| l.starts_with("SKIFF_T_HOST")),
        "{unset:?}"
    );
    let lines = run(&["--unsetenv", "PATH", "--unsetenv", "HOSTNAME", "-e", "X=1"]);
    assert!(
        !lines
            .iter()
            .any(|l| l.starts_with("PATH=") || l.starts_with("HOSTNAME=")),
        "{lines:?}"
    );
    assert!(
        lines.contains(&"X=1".into()) && lines.contains(&"HOME=/root".into()),
        "{lines:?}"
    );
    assert_eq!(run(&["--unsetenv-all", "-e", "A=1"]), ["A=1"]);
}

#[test]
fn passwd_entry_and_hostuser_add_accounts() {
    let env = shared();
    let entry = "$USERNAME:x:$UID:$GID:$NAME:$HOME:/bin/sh";
    let script = "id; grep ^4242: /etc/passwd";
    let out = env.skiff([
        "run",
        "--rm",
        "-u",
        "4242:33",
        "--passwd-entry",
        entry,
        "busybox",
        "sh",
        "-c",
        script,
    ]);
    assert_eq!(
        out.ok(),
        "uid=4242(4242) gid=33(www-data)\n4242:x:4242:33:container user:/:/bin/sh\n",
        "{}",
        out.dump()
    );
    // Docker's way without it: no line for an unknown uid.
    let out = env.skiff([
        "run",
        "--rm",
        "-u",
        "4242",
        "busybox",
        "sh",
        "-c",
        "grep -c ^4242: /etc/passwd",
    ]);
    assert_eq!(out.stdout, "0\n", "{}", out.dump());
    let (me, uid, gid) = whoami();
    let script = format!("id -un; grep ^{me}: /etc/passwd");
    let out = env.skiff([
        "run",
        "--rm",
        "--hostuser",
        &me,
        "-u",
        &me,
        "busybox",
        "sh",
        "-c",
        &script,
    ]);
    let text = out.ok();
    assert!(
        text.starts_with(&format!("{me}\n{me}:*:{uid}:{gid}:")),
        "{}",
        out.dump()
    );
    assert!(text.trim_end().ends_with(":/bin/sh"), "{}", out.dump());
    env.skiff([
        "run",
        "--rm",
        "--hostuser",
        "no-such-user-4242",
        "busybox",
        "true",
    ])
    .engine_error(&["no-such-user-4242", "no such user on this host"]);
}

#[test]
fn group_add_and_keep_groups() {
    let env = shared();
    let out = env.skiff([
        "run",
        "--rm",
        "--group-add",
        "daemon",
        "--group-add",
        "4000",
        "busybox",
        "id",
        "-G",
    ]);
    assert_eq!(out.ok(), "0 1 4000\n", "{}", out.dump());
    env.skiff([
        "run",
        "--rm",
        "--group-add",
        "nosuchgroup",
        "busybox",
        "true",
    ])
    .engine_error(&["unable to find group nosuchgroup"]);
    env.skiff([
        "run",
        "--rm",
        "--group-add",
        "keep-groups",
        "--group-add",
        "1",
        "busybox",
        "true",
    ])
    .engine_error(&["keep-groups"]);
    // keep-groups: the caller's supplementary groups, as the user namespace shows them (the
    // user's own group is root's; others are unmapped, the overflow gid).
    let groups = |flags: &[&str]| {
        let mut a = vec!["run", "--rm"];
        a.extend(flags);
        a.extend(["busybox", "grep", "^Groups:", "/proc/self/status"]);
        let out = env.skiff(a);
        let mut g: Vec<String> = out
            .ok()
            .split_whitespace()
            .skip(1)
            .map(String::from)
            .collect();
        g.sort();
        g
    };
    let gid = nix::unistd::getgid();
    let mut mine: Vec<String> = nix::unistd::getgroups()
        .unwrap()
        .into_iter()
        .map(|g| if g == gid { "0" } else { "65534" }.to_string())
        .collect();
    mine.sort();
    mine.dedup();
    let kept = {
        let mut k = groups(&["--group-add", "keep-groups"]);
        k.dedup();
        k
    };
    assert_eq!(kept, mine);
    assert_eq!(
        groups(&[]),
        Vec::<String>::new(),
        "root has no supplementary groups in busybox"
    );
}
