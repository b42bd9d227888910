//! Test support: run the real `skiff` binary as the current (unprivileged) user in an isolated
//! environment, build images offline, and clean up what subordinate ids own.
//!
//! nextest runs every test in its own process, so anything shared "once per run" (the shared
//! store, the compiled probe) is shared through the file system under a per-user base directory,
//! keyed by the run (`NEXTEST_RUN_ID`, or the process id under plain `cargo test`), and set up
//! under an `flock`.
pub mod image;
pub mod probe;
pub mod registry;
pub mod wait;

use std::collections::HashMap;
use std::ffi::OsStr;
use std::fs::{self, File};
use std::io::{Read, Write};
use std::os::fd::AsRawFd;
use std::os::unix::fs::DirBuilderExt;
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

/// How long one skiff command may take before the test fails (and the command is killed).
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);

/// The skiff binary under test: nextest sets `NEXTEST_BIN_EXE_skiff` at run time (also when
/// running from an archive on another path); plain `cargo test` has the compile-time path.
pub fn skiff_bin() -> PathBuf {
    std::env::var_os("NEXTEST_BIN_EXE_skiff")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_skiff")))
}

/// The repository checkout (for `tests/probe/probe.c`, `man/`, `completions/`). nextest sets
/// `CARGO_MANIFEST_DIR` at run time to the remapped workspace when run from an archive; the
/// compile-time path may be unreadable then (CI builds as root under /root).
pub fn repo_dir() -> PathBuf {
    if let Some(d) = std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from) {
        if d.join("Cargo.toml").exists() {
            return d;
        }
    }
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// True in CI, where every prerequisite is installed and nothing may be skipped.
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0")
}

/// Skips (returns false) loudly when `tool` is missing on a developer's machine; fails in CI.
pub fn have_tool(tool: &str) -> bool {
    let found = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).any(|d| d.join(tool).is_file()))
        .unwrap_or(false);
    if !found {
        assert!(
            !in_ci(),
            "{tool} is not installed, but CI must install it (ci/test.sh)"
        );
        eprintln!("SKIPPED: {tool} is not installed; install it to run this test");
    }
    found
}

// ---------------------------------------------------------------------------------------------
// Running commands

/// What a finished command left: its output and its exit code (128+n when killed by signal n,
/// as a shell reports it).
#[derive(Debug, Clone)]
pub struct Out {
    pub stdout: String,
    pub stdout_bytes: Vec<u8>,
    pub stderr: String,
    pub code: i32,
    pub what: String,
}

impl Out {
    /// Panics with the whole output unless the command exited 0; returns stdout.
    #[track_caller]
    pub fn ok(&self) -> &str {
        assert_eq!(self.code, 0, "{} failed\n{}", self.what, self.dump());
        &self.stdout
    }
    /// Panics unless the command exited `code`.
    #[track_caller]
    pub fn code_is(&self, code: i32) -> &Self {
        assert_eq!(
            self.code,
            code,
            "{}: unexpected exit code\n{}",
            self.what,
            self.dump()
        );
        self
    }
    /// The non-empty lines of stderr.
    pub fn err_lines(&self) -> Vec<&str> {
        self.stderr
            .lines()
            .filter(|l| !l.trim().is_empty())
            .collect()
    }
    /// Asserts Docker's engine-error shape: exit 125, nothing on stdout, exactly one stderr line
    /// `error: <lowercase text>` that contains every one of `needles`.
    #[track_caller]
    pub fn engine_error(&self, needles: &[&str]) {
        self.code_is(125);
        let lines = self.err_lines();
        assert_eq!(
            lines.len(),
            1,
            "{}: want one error line\n{}",
            self.what,
            self.dump()
        );
        let line = lines[0];
        let rest = line.strip_prefix("error: ").unwrap_or_else(|| {
            panic!(
                "{}: error line must start with 'error: '\n{}",
                self.what,
                self.dump()
            )
        });
        assert!(
            rest.chars().next().is_some_and(|c| !c.is_uppercase()),
            "{}: error text must start lowercase\n{}",
            self.what,
            self.dump()
        );
        for n in needles {
            assert!(
                line.contains(n),
                "{}: error must mention {n:?}\n{}",
                self.what,
                self.dump()
            );
        }
    }
    pub fn dump(&self) -> String {
        format!(
            "--- command: {}\n--- exit code: {}\n--- stdout:\n{}\n--- stderr:\n{}",
            self.what, self.code, self.stdout, self.stderr
        )
    }
}

fn read_all(mut r: impl Read + Send + 'static) -> std::thread::JoinHandle<Vec<u8>> {
    std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = r.read_to_end(&mut v);
        v
    })
}

/// Runs `cmd` to completion with `stdin` (None: /dev/null) and a timeout; panics if it cannot
/// start or does not finish in time.
pub fn run_cmd(cmd: Command, stdin: Option<&[u8]>, timeout: Duration) -> Out {
    try_run(cmd, stdin, timeout).unwrap_or_else(|e| panic!("{e}"))
}

/// As `run_cmd`, but a command that cannot start or times out is an `Err` (for cleanup code,
/// which must not panic). The command gets its own process group so that a timeout kills
/// everything it started in the foreground.
pub fn try_run(mut cmd: Command, stdin: Option<&[u8]>, timeout: Duration) -> Result<Out, String> {
    let what = describe(&cmd);
    cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
    cmd.stdin(if stdin.is_some() {
        Stdio::piped()
    } else {
        Stdio::null()
    });
    cmd.process_group(0);
    let mut child = cmd
        .spawn()
        .map_err(|e| format!("cannot start {what}: {e}"))?;
    let writer = match (stdin, child.stdin.take()) {
        (Some(data), Some(mut w)) => {
            let data = data.to_vec();
            // A thread, so a command that never reads stdin cannot deadlock the test.
            Some(std::thread::spawn(move || {
                let _ = w.write_all(&data);
            }))
        }
        _ => None,
    };
    let out = child.stdout.take().map(read_all);
    let err = child.stderr.take().map(read_all);
    let status = wait_timeout(&mut child, timeout);
    let stdout_bytes = out.and_then(|h| h.join().ok()).unwrap_or_default();
    let stderr = err.and_then(|h| h.join().ok()).unwrap_or_default();
    if let Some(w) = writer {
        let _ = w.join();
    }
    let stdout = String::from_utf8_lossy(&stdout_bytes).into_owned();
    let stderr = String::from_utf8_lossy(&stderr).into_owned();
    let Some(status) = status else {
        return Err(format!(
            "{what} did not finish within {timeout:?} and was killed\n--- stdout:\n{stdout}\n--- stderr:\n{stderr}"
        ));
    };
    let code = status
        .code()
        .unwrap_or_else(|| 128 + status.signal().unwrap_or(0));
    Ok(Out {
        stdout,
        stdout_bytes,
        stderr,
        code,
        what,
    })
}

/// Waits for `child`; on timeout kills its process group and returns None.
pub fn wait_timeout(child: &mut Child, timeout: Duration) -> Option<std::process::ExitStatus> {
    let deadline = Instant::now() + timeout;
    loop {
        if let Ok(Some(st)) = child.try_wait() {
            return Some(st);
        }
        if Instant::now() >= deadline {
            kill_group(child.id() as i32);
            let _ = child.wait();
            return None;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// SIGKILLs a process group we started (its leader's pid is the group id).
pub fn kill_group(pgid: i32) {
    // SAFETY: kill(2) with a negative pid signals the process group this test created.
    unsafe { libc::kill(-pgid, libc::SIGKILL) };
}

fn describe(cmd: &Command) -> String {
    let mut s = cmd.get_program().to_string_lossy().into_owned();
    for a in cmd.get_args() {
        let a = a.to_string_lossy();
        if a.is_empty() || a.contains([' ', '\'', '"', '$']) {
            s.push_str(&format!(" '{}'", a.replace('\'', "'\\''")));
        } else {
            s.push(' ');
            s.push_str(&a);
        }
    }
    s
}

// ---------------------------------------------------------------------------------------------
// The user and the host

/// The current user's name, uid and gid.
pub fn whoami() -> (String, u32, u32) {
    let uid = nix::unistd::getuid();
    let name = nix::unistd::User::from_uid(uid)
        .ok()
        .flatten()
        .map(|u| u.name)
        .unwrap_or_else(|| uid.to_string());
    (name, uid.as_raw(), nix::unistd::getgid().as_raw())
}

/// The user's first range in `/etc/subuid` or `/etc/subgid` (matched by name or uid).
pub fn sub_range(file: &str) -> Option<(u32, u32)> {
    let (name, uid, _) = whoami();
    let text = fs::read_to_string(file).ok()?;
    text.lines().find_map(|l| {
        let f: Vec<&str> = l.trim().split(':').collect();
        if f.len() != 3 || (f[0] != name && f[0] != uid.to_string()) {
            return None;
        }
        Some((f[1].parse().ok()?, f[2].parse().ok()?))
    })
}

/// The subordinate uid and gid ranges; the tests that need them fail with a clear message
/// when the user has none (the single-id tests are the ones for that case).
#[track_caller]
pub fn sub_ranges() -> ((u32, u32), (u32, u32)) {
    match (sub_range("/etc/subuid"), sub_range("/etc/subgid")) {
        (Some(u), Some(g)) => (u, g),
        _ => panic!(
            "user {} has no /etc/subuid and /etc/subgid range; these tests need one \
             (ci/test.sh adds it; only the single_id tests run without)",
            whoami().0
        ),
    }
}

// ---------------------------------------------------------------------------------------------
// Isolated environments

/// Where every test environment of this user lives: `$TMPDIR/skiff-UID` (0700). Short on
/// purpose, as are the environments' names below it: paths under a store and a runtime dir
/// end in unix sockets (108 bytes at most) — podman's conmon silently fails to report the exit
/// (and `podman run` hangs for 20 s) once the environment's path is longer than about 34 bytes.
pub fn base_dir() -> &'static Path {
    static BASE: OnceLock<PathBuf> = OnceLock::new();
    BASE.get_or_init(|| {
        let base = std::env::temp_dir().join(format!("skiff-{}", whoami().1));
        fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(&base)
            .expect("create test base dir");
        collect_stale(&base);
        base
    })
}

/// Identifies this test run, so that processes of one nextest run share the shared stores.
fn run_key() -> String {
    match std::env::var("NEXTEST_RUN_ID") {
        Ok(id) if !id.is_empty() => id
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .take(6)
            .collect(),
        _ => format!("p{}", std::process::id()),
    }
}

/// Removes environments left by earlier runs (killed tests, shared stores): those of another run
/// whose `inuse.lock` no process holds.
fn collect_stale(base: &Path) {
    let key = run_key();
    let Ok(rd) = fs::read_dir(base) else { return };
    for e in rd.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if name.contains(&key) || !e.path().is_dir() {
            continue;
        }
        let Ok(f) = File::options()
            .create(true)
            .append(true)
            .open(e.path().join("inuse.lock"))
        else {
            continue;
        };
        if flock(&f, libc::LOCK_EX | libc::LOCK_NB) {
            Env::at(e.path(), false).cleanup();
        }
    }
}

fn flock(f: &File, op: i32) -> bool {
    // SAFETY: flock on a descriptor this process owns; no memory is passed.
    unsafe { libc::flock(f.as_raw_fd(), op) == 0 }
}

/// One isolated skiff (and podman) environment: its own HOME, XDG_DATA_HOME, XDG_CONFIG_HOME
/// and XDG_RUNTIME_DIR (so its own user-namespace holder). Isolated ones are removed on drop.
pub struct Env {
    pub root: PathBuf,
    pub home: PathBuf,
    pub data_home: PathBuf,
    pub config_home: PathBuf,
    pub runtime_dir: PathBuf,
    remove_on_drop: bool,
    _inuse: Option<File>,
}

impl Env {
    fn at(root: PathBuf, remove_on_drop: bool) -> Env {
        Env {
            home: root.join("home"),
            data_home: root.join("data"),
            config_home: root.join("config"),
            runtime_dir: root.join("run"),
            root,
            remove_on_drop,
            _inuse: None,
        }
    }

    fn create(root: PathBuf, remove_on_drop: bool) -> Env {
        let mut env = Env::at(root, remove_on_drop);
        for d in [
            &env.root,
            &env.home,
            &env.data_home,
            &env.config_home,
            &env.runtime_dir,
        ] {
            fs::DirBuilder::new()
                .recursive(true)
                .mode(0o700)
                .create(d)
                .expect("create env dir");
        }
        let lock = File::options()
            .create(true)
            .append(true)
            .open(env.root.join("inuse.lock"))
            .expect("create inuse.lock");
        assert!(flock(&lock, libc::LOCK_SH), "flock inuse.lock");
        env._inuse = Some(lock);
        env
    }

    /// A fresh environment for one test; everything in it is removed when it drops.
    pub fn isolated() -> Env {
        let base = base_dir();
        let root = tempfile::Builder::new()
            .prefix(&format!("i{}", run_key()))
            .rand_bytes(4)
            .tempdir_in(base)
            .expect("create env dir")
            .keep();
        Env::create(root, true)
    }

    /// The store shared by every test of this run that names `group`; `setup` runs once per run
    /// (under a file lock, whichever test process comes first). Tests sharing it must use
    /// unique container names and must not remove what others use.
    pub fn shared(group: &'static str, setup: fn(&Env)) -> &'static Env {
        static GROUPS: OnceLock<Mutex<HashMap<&'static str, &'static Env>>> = OnceLock::new();
        let mut map = GROUPS
            .get_or_init(Default::default)
            .lock()
            .unwrap_or_else(|p| p.into_inner());
        if let Some(env) = map.get(group) {
            return env;
        }
        let root = base_dir().join(format!("g{}{group}", run_key()));
        let env: &'static Env = Box::leak(Box::new(Env::create(root, false)));
        let lock = File::options()
            .create(true)
            .append(true)
            .open(env.root.join("setup.lock"))
            .expect("create setup.lock");
        assert!(flock(&lock, libc::LOCK_EX), "flock setup.lock");
        let ready = env.root.join("ready");
        if !ready.exists() {
            setup(env);
            fs::write(&ready, b"").expect("write ready marker");
        }
        drop(lock);
        map.insert(group, env);
        env
    }

    /// `$XDG_DATA_HOME/skiff`: the store.
    pub fn store(&self) -> PathBuf {
        self.data_home.join("skiff")
    }

    /// A command with this environment only (no inherited HOME/XDG/SKIFF variables).
    pub fn command(&self, program: impl AsRef<OsStr>) -> Command {
        let mut c = Command::new(program);
        c.env_clear()
            .env(
                "PATH",
                std::env::var_os("PATH")
                    .unwrap_or_else(|| "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin".into()),
            )
            .env("HOME", &self.home)
            .env("XDG_DATA_HOME", &self.data_home)
            .env("XDG_CONFIG_HOME", &self.config_home)
            .env("XDG_RUNTIME_DIR", &self.runtime_dir)
            .env("LANG", "C.UTF-8")
            .env("TZ", "UTC")
            .current_dir(&self.root);
        let (name, _, _) = whoami();
        c.env("USER", &name).env("LOGNAME", &name);
        if let Some(bt) = std::env::var_os("RUST_BACKTRACE") {
            c.env("RUST_BACKTRACE", bt);
        }
        c
    }

    /// Starts building a skiff invocation.
    pub fn sk<I, S>(&self, args: I) -> Sk<'_>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let mut cmd = self.command(skiff_bin());
        cmd.args(args);
        Sk {
            cmd,
            stdin: None,
            timeout: DEFAULT_TIMEOUT,
            _env: self,
        }
    }

    /// Runs `skiff ARGS` (stdin /dev/null, default timeout).
    pub fn skiff<I, S>(&self, args: I) -> Out
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        self.sk(args).run()
    }

    /// `skiff load -i FILE`, asserting success.
    #[track_caller]
    pub fn load(&self, archive: &Path) -> Out {
        let out = self.skiff([OsStr::new("load"), OsStr::new("-i"), archive.as_os_str()]);
        out.ok();
        out
    }

    /// The full id of container `name`, from `skiff ps -a --no-trunc`.
    #[track_caller]
    pub fn container_id(&self, name: &str) -> String {
        let out = self.skiff(["ps", "-a", "--no-trunc"]);
        let rows = parse_table(out.ok());
        let row = rows
            .iter()
            .find(|r| r.get("NAMES").map(String::as_str) == Some(name))
            .unwrap_or_else(|| panic!("container {name} not in ps -a --no-trunc\n{}", out.dump()));
        let id = row["CONTAINER ID"].clone();
        assert!(
            is_hex(&id, 64),
            "ps --no-trunc must show the 64-hex id, got {id:?}"
        );
        id
    }

    /// A podman command in this environment (its own storage, overlay driver, cgroupfs, file
    /// events: this machine kind has no systemd user session).
    pub fn podman<I, S>(&self, args: I) -> Out
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let dir = self.config_home.join("containers");
        if !dir.join("storage.conf").exists() {
            fs::create_dir_all(&dir).expect("mkdir containers config");
            fs::write(
                dir.join("storage.conf"),
                "[storage]\ndriver = \"overlay\"\n",
            )
            .expect("storage.conf");
            fs::write(
                dir.join("containers.conf"),
                "[engine]\ncgroup_manager = \"cgroupfs\"\nevents_logger = \"file\"\n",
            )
            .expect("containers.conf");
        }
        let mut cmd = self.command("podman");
        cmd.args(args);
        run_cmd(cmd, None, Duration::from_secs(120))
    }

    /// Kills the namespace holders (skiff's and podman's) and removes the environment. Files
    /// owned by subordinate ids are removed from inside skiff's user namespace.
    fn cleanup(&self) {
        // Containers still running (a test that failed half-way, a background run whose skiff
        // was killed) would outlive the store otherwise.
        let mut ps = self.command(skiff_bin());
        ps.args(["ps", "-a", "-q", "--no-trunc"]);
        let ids: Vec<String> = try_run(ps, None, Duration::from_secs(30))
            .map(|o| o.stdout.split_whitespace().map(String::from).collect())
            .unwrap_or_default();
        if !ids.is_empty() {
            let mut rm = self.command(skiff_bin());
            rm.args(["rm", "-f"]).args(&ids);
            let _ = try_run(rm, None, Duration::from_secs(30));
        }
        kill_pidfile(&self.runtime_dir.join("libpod/tmp/pause.pid"));
        if self.data_home.exists() {
            let mut cmd = self.command(skiff_bin());
            cmd.arg("unshare").arg("rm").arg("-rf").arg(&self.data_home);
            // Best effort: a broken engine must not hide the test's own failure.
            let _ = try_run(cmd, None, Duration::from_secs(30));
        }
        kill_pidfile(&self.runtime_dir.join("skiff/userns.pid"));
        if fs::remove_dir_all(&self.root).is_err() && self.root.exists() {
            eprintln!(
                "note: could not remove all of {} (files owned by subordinate ids?)",
                self.root.display()
            );
        }
    }
}

impl Drop for Env {
    fn drop(&mut self) {
        if self.remove_on_drop {
            self.cleanup();
        }
    }
}

/// SIGKILLs the process a pid file names ("PID" or "PID STARTTIME"), if it is still that process
/// and ours.
fn kill_pidfile(path: &Path) {
    let Ok(text) = fs::read_to_string(path) else {
        return;
    };
    let mut f = text.split_whitespace();
    let Some(pid) = f.next().and_then(|p| p.parse::<i32>().ok()) else {
        return;
    };
    if pid <= 1 {
        return;
    }
    let Ok(stat) = fs::read_to_string(format!("/proc/{pid}/stat")) else {
        return;
    };
    if let Some(want) = f.next() {
        let start = stat
            .rfind(')')
            .and_then(|i| stat[i + 2..].split_whitespace().nth(19));
        if start != Some(want) {
            return;
        }
    }
    let mine = fs::metadata(format!("/proc/{pid}"))
        .map(|m| std::os::unix::fs::MetadataExt::uid(&m) == whoami().1)
        .unwrap_or(false);
    if mine {
        // SAFETY: kill(2) on a pid verified above to be this user's holder process.
        unsafe { libc::kill(pid, libc::SIGKILL) };
    }
}

/// A skiff invocation being built: `env.sk(args).stdin(..).env(..).run()`.
pub struct Sk<'a> {
    pub cmd: Command,
    stdin: Option<Vec<u8>>,
    timeout: Duration,
    _env: &'a Env,
}

impl Sk<'_> {
    pub fn args<I, S>(mut self, args: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        self.cmd.args(args);
        self
    }
    pub fn stdin(mut self, data: impl AsRef<[u8]>) -> Self {
        self.stdin = Some(data.as_ref().to_vec());
        self
    }
    pub fn env(mut self, k: &str, v: impl AsRef<OsStr>) -> Self {
        self.cmd.env(k, v);
        self
    }
    pub fn timeout(mut self, t: Duration) -> Self {
        self.timeout = t;
        self
    }
    pub fn run(self) -> Out {
        run_cmd(self.cmd, self.stdin.as_deref(), self.timeout)
    }
    /// Starts it in the background (own process group, output piped).
    pub fn spawn(mut self) -> Child {
        self.cmd
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .stdin(Stdio::null());
        self.cmd.process_group(0);
        self.cmd.spawn().expect("spawn skiff")
    }
}

// ---------------------------------------------------------------------------------------------
// Output parsing

/// Each line of `text` with its words joined by one space (for tab- or space-aligned output
/// such as /proc/self/uid_map).
pub fn squeeze_lines(text: &str) -> Vec<String> {
    text.lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect()
}

pub fn is_hex(s: &str, len: usize) -> bool {
    s.len() == len
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// Parses a Docker table (tabwriter output: columns start where the header's labels start;
/// labels are separated by two or more spaces and may contain one, as `IMAGE ID`). Offsets are
/// counted in characters, as Go's tabwriter counts runes.
pub fn parse_table(text: &str) -> Vec<HashMap<String, String>> {
    let mut lines = text.lines().filter(|l| !l.trim().is_empty());
    let Some(header) = lines.next() else {
        return Vec::new();
    };
    let h: Vec<char> = header.chars().collect();
    let mut cols: Vec<(usize, String)> = Vec::new();
    let mut i = 0;
    while i < h.len() {
        if h[i] == ' ' {
            i += 1;
            continue;
        }
        let start = i;
        while i < h.len() && !(h[i] == ' ' && (i + 1 >= h.len() || h[i + 1] == ' ')) {
            i += 1;
        }
        cols.push((start, h[start..i].iter().collect()));
    }
    lines
        .map(|l| {
            let c: Vec<char> = l.chars().collect();
            cols.iter()
                .enumerate()
                .map(|(k, (start, name))| {
                    let end = cols.get(k + 1).map(|n| n.0).unwrap_or(c.len()).min(c.len());
                    let v: String = c
                        .get(*start..end)
                        .map(|s| s.iter().collect())
                        .unwrap_or_default();
                    (name.clone(), v.trim().to_string())
                })
                .collect()
        })
        .collect()
}

/// The header labels of a Docker table.
pub fn table_header(text: &str) -> Vec<String> {
    text.lines()
        .next()
        .unwrap_or("")
        .split("  ")
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect()
}

/// Docker's `HumanDuration` texts for durations under an hour ("Less than a second",
/// "1 second", "N seconds", "About a minute", "N minutes").
pub fn is_docker_duration(s: &str) -> bool {
    if s == "Less than a second" || s == "1 second" || s == "About a minute" {
        return true;
    }
    for unit in [" seconds", " minutes"] {
        if let Some(n) = s.strip_suffix(unit) {
            return n.parse::<u32>().is_ok_and(|n| n >= 2);
        }
    }
    false
}

/// Waits until `cond` holds, polling; panics with `what` after `timeout`.
#[track_caller]
pub fn wait_for(what: &str, timeout: Duration, mut cond: impl FnMut() -> bool) {
    let deadline = Instant::now() + timeout;
    while !cond() {
        assert!(
            Instant::now() < deadline,
            "timed out after {timeout:?} waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}
