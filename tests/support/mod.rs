//! Test support: run the real `skiff` binary as the current (unprivileged) user in an isolated
//! environment, build images offline, and clean up what subordinate ids own.
//!
//! nextest runs every test in its own process, so anything shared "once per run" (the shared
//! store, the compiled probe) is shared through the file system under a per-user base directory,
//! keyed by the run (`NEXTEST_RUN_ID`, or the process id under plain `cargo test`), and set up
//! under an `flock`.
mod cmd;
pub mod image;
pub mod netns;
pub mod networks;
mod parse;
pub mod probe;
pub mod registry;
pub mod wait;
pub use cmd::*;
pub use parse::*;

use std::collections::HashMap;
use std::ffi::OsStr;
use std::fs::{self, File};

use std::os::fd::AsRawFd;
use std::os::unix::fs::DirBuilderExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Mutex, OnceLock};
use std::time::Duration;

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

/// Lowers this test process's soft limit on open files to `n` (the usual 1024: systemd's, and
/// this machine's for users), for the skiff commands it runs next: nextest runs each test in a
/// process of its own, so no other test is affected.
pub fn limit_open_files(n: u64) {
    use nix::sys::resource::{getrlimit, setrlimit, Resource};
    let (_, hard) = getrlimit(Resource::RLIMIT_NOFILE).expect("getrlimit");
    setrlimit(Resource::RLIMIT_NOFILE, n.min(hard), hard).expect("setrlimit");
}

/// A shell script that nests `d` 2000 times below the current directory (deeper than 1024 open
/// files, and `d/`×2000 is longer than PATH_MAX) and writes `f` at the bottom.
pub const DEEP_TREE: &str =
    "i=0; while [ $i -lt 2000 ]; do mkdir d; cd d; i=$((i+1)); done; echo deep > f";

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
pub(crate) fn run_key() -> String {
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
pub fn kill_pidfile(path: &Path) {
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
    /// Starts it in the background like `spawn`, with its stdin a pipe the caller writes to
    /// (`child.stdin`), at its own pace.
    pub fn spawn_with_stdin(mut self) -> Child {
        self.cmd
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .stdin(Stdio::piped());
        self.cmd.process_group(0);
        self.cmd.spawn().expect("spawn skiff")
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

/// Copies an executable with `cp`, not `fs::copy`: a file this process holds open for writing
/// is inherited by every child another test thread forks meanwhile, and running the copy then
/// fails with ETXTBSY ("text file busy") until those children exec.
pub fn copy_executable(from: &Path, to: &Path) {
    let st = Command::new("cp")
        .arg(from)
        .arg(to)
        .status()
        .expect("run cp");
    assert!(
        st.success(),
        "cp {} {} failed",
        from.display(),
        to.display()
    );
}
