//! The host's side of `info`: kernel, OS, CPUs and memory, seccomp, cgroups, the network
//! helpers, and the file system the store is on. Read from /proc and /etc; only the helpers'
//! versions take a process each (`--version`), as podman's `info` does.
use std::path::Path;
use std::process::{Command, Stdio};

#[derive(Debug, Clone, Default)]
pub(crate) struct Host {
    pub(crate) hostname: String,
    pub(crate) kernel: String,
    /// /etc/os-release's PRETTY_NAME.
    pub(crate) os: String,
    pub(crate) arch: &'static str,
    pub(crate) cpus: usize,
    pub(crate) mem_total: u64,
    /// The kernel has seccomp (skiff then applies its built-in profile by default).
    pub(crate) seccomp: bool,
    pub(crate) cgroups: crate::runtime::cgroups::Summary,
    pub(crate) helpers: Vec<Helper>,
}

/// A network helper found on PATH.
#[derive(Debug, Clone)]
pub(crate) struct Helper {
    pub(crate) name: &'static str,
    pub(crate) path: String,
    /// The first line of its `--version`, without the name.
    pub(crate) version: String,
    /// The default network uses it (pasta when both are there, as `run` decides).
    pub(crate) default: bool,
}

pub(crate) fn gather(run_dir: &Path) -> Host {
    let read = |p: &str| std::fs::read_to_string(p).unwrap_or_default();
    Host {
        hostname: read("/proc/sys/kernel/hostname").trim().to_string(),
        kernel: read("/proc/sys/kernel/osrelease").trim().to_string(),
        os: os_name(&read("/etc/os-release")),
        arch: std::env::consts::ARCH,
        cpus: std::thread::available_parallelism().map_or(1, |n| n.get()),
        mem_total: mem_total(&read("/proc/meminfo")),
        seccomp: read("/proc/self/status").contains("\nSeccomp:"),
        cgroups: crate::runtime::cgroups::summary(),
        helpers: helpers(run_dir),
    }
}

fn os_name(os_release: &str) -> String {
    let field = |key: &str| {
        os_release.lines().find_map(|l| {
            let v = l.strip_prefix(key)?.strip_prefix('=')?;
            Some(v.trim_matches('"').to_string())
        })
    };
    field("PRETTY_NAME")
        .or_else(|| field("NAME"))
        .unwrap_or_else(|| "Linux".into())
}

fn mem_total(meminfo: &str) -> u64 {
    meminfo
        .lines()
        .find_map(|l| l.strip_prefix("MemTotal:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .map_or(0, |kb| kb * 1024)
}

/// pasta and slirp4netns as found on PATH (the order `run` prefers them in). A helper's
/// `--version` costs a process (pasta's some 3 ms): the answers are kept in the run dir, keyed
/// by the binary's path, inode, size and change time, and asked again when one differs.
fn helpers(run_dir: &Path) -> Vec<Helper> {
    let cache_path = run_dir.join("helpers.json");
    let cache: Vec<Cached> = crate::store::read_json(&cache_path)
        .ok()
        .flatten()
        .unwrap_or_default();
    let mut fresh = Vec::new();
    let mut out: Vec<Helper> = Vec::new();
    for name in ["pasta", "slirp4netns"] {
        let Some(path) = on_path(name) else { continue };
        let key = key_of(&path);
        let version = match cache.iter().find(|c| c.key == key) {
            Some(c) => c.version.clone(),
            None => ask_version(name, &path),
        };
        fresh.push(Cached {
            key,
            version: version.clone(),
        });
        out.push(Helper {
            name,
            path: path.display().to_string(),
            version,
            default: out.is_empty(),
        });
    }
    // Only into a run dir that exists: `info` in a fresh store makes none.
    if fresh != cache && run_dir.is_dir() {
        let _ = crate::store::write_json_atomic(&cache_path, &fresh, false);
    }
    out
}

/// A helper's version as last asked, and which binary answered.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
struct Cached {
    key: String,
    version: String,
}

fn key_of(path: &Path) -> String {
    use std::os::unix::fs::MetadataExt;
    match std::fs::metadata(path) {
        Ok(m) => format!(
            "{} {} {} {}.{}",
            path.display(),
            m.ino(),
            m.size(),
            m.ctime(),
            m.ctime_nsec()
        ),
        Err(_) => path.display().to_string(),
    }
}

/// The first line of `PATH --version`, without the name (`1.2.0`, pasta's `unknown version`).
fn ask_version(name: &str, path: &Path) -> String {
    let text = Command::new(path)
        .arg("--version")
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        .unwrap_or_default();
    let first = text.lines().next().unwrap_or("");
    first
        .trim_start_matches(name)
        .trim_start()
        .trim_start_matches("version ")
        .to_string()
}

fn on_path(tool: &str) -> Option<std::path::PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join(tool))
        .find(|p| p.is_file())
}

/// The file system `dir` is on, with Docker's name for it, its size and the bytes used.
pub(crate) fn fs_of(dir: &Path) -> (String, u64, u64) {
    let name = match nix::sys::statfs::statfs(dir) {
        Ok(s) => fs_name(s.filesystem_type().0 as u64),
        Err(_) => String::new(),
    };
    let (size, used) = match nix::sys::statvfs::statvfs(dir) {
        Ok(s) => {
            let frag = s.fragment_size();
            let total = s.blocks() * frag;
            (total, total - s.blocks_free() * frag)
        }
        Err(_) => (0, 0),
    };
    (name, size, used)
}

/// Docker's names of file system magic numbers (`extfs` for every ext).
fn fs_name(magic: u64) -> String {
    match magic {
        0xEF53 => "extfs".into(),
        0x5846_5342 => "xfs".into(),
        0x0102_1994 => "tmpfs".into(),
        0x9123_683E => "btrfs".into(),
        0x2FC1_2FC1 => "zfs".into(),
        0x794C_7630 => "overlayfs".into(),
        0x6969 => "nfs".into(),
        m => format!("<unknown> ({m:#x})"),
    }
}
