//! Helpers for detached containers: polling a container's state, finding its monitor and its
//! processes in /proc, and reading a followed command's output with a deadline.
use super::{parse_table, Env, Out};
use std::collections::HashMap;
use std::fs;
use std::time::{Duration, Instant};

/// How long a detached container may take to reach an expected state.
pub const SETTLE: Duration = Duration::from_secs(5);

/// The `ps -a` row of container `name`, if listed.
pub fn ps_row(env: &Env, name: &str) -> Option<HashMap<String, String>> {
    let out = env.skiff(["ps", "-a"]);
    parse_table(out.ok())
        .into_iter()
        .find(|r| r.get("NAMES").map(String::as_str) == Some(name))
}

/// The STATUS column of container `name` in `ps -a` ("" when not listed).
pub fn status(env: &Env, name: &str) -> String {
    ps_row(env, name)
        .map(|r| r["STATUS"].clone())
        .unwrap_or_default()
}

/// `inspect -f TEMPLATE NAME`, trimmed, asserting success.
#[track_caller]
pub fn inspect(env: &Env, name: &str, template: &str) -> String {
    let out = env.skiff(["inspect", "-f", template, name]);
    out.ok().trim().to_string()
}

/// Polls `ps -a` until the STATUS of `name` satisfies `pred`; panics with the last status after
/// `timeout`. Returns that status.
#[track_caller]
pub fn until_status(
    env: &Env,
    name: &str,
    what: &str,
    timeout: Duration,
    pred: impl Fn(&str) -> bool,
) -> String {
    let deadline = Instant::now() + timeout;
    loop {
        let s = status(env, name);
        if pred(&s) {
            return s;
        }
        assert!(
            Instant::now() < deadline,
            "timed out after {timeout:?} waiting for {name} to be {what}; last STATUS {s:?}\n{}",
            env.skiff(["ps", "-a"]).dump()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Polls until `f` returns Some; panics with `what` (and the last value seen) after `timeout`.
#[track_caller]
pub fn until<T>(what: &str, timeout: Duration, mut f: impl FnMut() -> Result<T, String>) -> T {
    let deadline = Instant::now() + timeout;
    loop {
        match f() {
            Ok(v) => return v,
            Err(last) => assert!(
                Instant::now() < deadline,
                "timed out after {timeout:?} waiting for {what}; last: {last}"
            ),
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The argv of process `pid` (empty if gone or unreadable).
pub fn cmdline(pid: i32) -> Vec<String> {
    fs::read(format!("/proc/{pid}/cmdline"))
        .map(|b| {
            b.split(|&c| c == 0)
                .filter(|s| !s.is_empty())
                .map(|s| String::from_utf8_lossy(s).into_owned())
                .collect()
        })
        .unwrap_or_default()
}

/// Every pid in /proc.
pub fn all_pids() -> Vec<i32> {
    fs::read_dir("/proc")
        .map(|rd| {
            rd.flatten()
                .filter_map(|e| e.file_name().to_str()?.parse().ok())
                .collect()
        })
        .unwrap_or_default()
}

/// True while `pid` exists and is not a zombie.
pub fn alive(pid: i32) -> bool {
    match fs::read_to_string(format!("/proc/{pid}/stat")) {
        Ok(s) => s
            .rfind(')')
            .and_then(|i| s[i + 2..].split_whitespace().next())
            .is_some_and(|st| st != "Z" && st != "X"),
        Err(_) => false,
    }
}

/// The monitors of container `id` (full id): processes whose command line is
/// `.../skiff monitor ID`.
pub fn monitor_pids(id: &str) -> Vec<i32> {
    all_pids()
        .into_iter()
        .filter(|&p| {
            // `skiff monitor ID` while it starts the container or records its exit, the small
            // `skiff-monitor --id ID ...` while the container runs.
            let a = cmdline(p);
            a.len() >= 3
                && ((a[0].ends_with("skiff") && a[1] == "monitor")
                    || (a[0].ends_with("skiff-monitor") && a[1] == "--id"))
                && a[2..].iter().any(|x| x == id)
        })
        .filter(|&p| alive(p))
        .collect()
}

/// The pid namespace of `pid` (`pid:[N]`), if readable.
pub fn pid_ns(pid: i32) -> Option<String> {
    fs::read_link(format!("/proc/{pid}/ns/pid"))
        .ok()
        .map(|p| p.to_string_lossy().into_owned())
}

/// Live processes in pid namespace `ns` (as `pid_ns` names it).
pub fn pids_in_ns(ns: &str) -> Vec<i32> {
    all_pids()
        .into_iter()
        .filter(|&p| pid_ns(p).as_deref() == Some(ns) && alive(p))
        .collect()
}

/// SIGKILLs one process this test found (never a group, never by name).
pub fn kill9(pid: i32) {
    // SAFETY: kill(2) on a single pid the test identified as its own container's process.
    unsafe { libc::kill(pid, libc::SIGKILL) };
}

/// Runs `skiff ARGS` with a short timeout (for commands that must not block).
pub fn quick<I, S>(env: &Env, args: I) -> Out
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    env.sk(args).timeout(Duration::from_secs(20)).run()
}

/// Removes containers when dropped (also when the test panics), so no detached container of a
/// failed test keeps running: the named ones, or with `all`, every container of the env.
pub struct Cleanup<'a> {
    env: &'a Env,
    names: Vec<String>,
    all: bool,
}

impl<'a> Cleanup<'a> {
    pub fn names(env: &'a Env, names: &[&str]) -> Self {
        Cleanup {
            env,
            names: names.iter().map(|s| s.to_string()).collect(),
            all: false,
        }
    }
    pub fn all(env: &'a Env) -> Self {
        Cleanup {
            env,
            names: Vec::new(),
            all: true,
        }
    }
}

impl Drop for Cleanup<'_> {
    fn drop(&mut self) {
        let mut names = self.names.clone();
        if self.all {
            let mut cmd = self.env.command(super::skiff_bin());
            cmd.args(["ps", "-a", "-q", "--no-trunc"]);
            if let Ok(out) = super::try_run(cmd, None, Duration::from_secs(30)) {
                names.extend(out.stdout.split_whitespace().map(String::from));
            }
        }
        for n in names {
            let mut cmd = self.env.command(super::skiff_bin());
            cmd.args(["rm", "-f"]).arg(&n);
            // Best effort: cleanup must not hide the test's own failure.
            let _ = super::try_run(cmd, None, Duration::from_secs(30));
        }
    }
}

/// Live monitors of containers of `env` (whatever the id): `skiff monitor` processes whose
/// environment has this env's XDG_DATA_HOME.
pub fn monitors_of_env(env: &Env) -> Vec<i32> {
    let want = format!("XDG_DATA_HOME={}", env.data_home.display());
    all_pids()
        .into_iter()
        .filter(|&p| {
            let a = cmdline(p);
            a.len() >= 2 && a[0].ends_with("skiff") && a[1] == "monitor"
        })
        .filter(|&p| {
            fs::read(format!("/proc/{p}/environ"))
                .map(|e| e.split(|&c| c == 0).any(|v| v == want.as_bytes()))
                .unwrap_or(false)
        })
        .filter(|&p| alive(p))
        .collect()
}

/// Kills a background skiff's process group (`Sk::spawn` makes one) when the test ends, also
/// when it fails.
pub struct KillOnDrop(pub i32);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        super::kill_group(self.0);
    }
}
