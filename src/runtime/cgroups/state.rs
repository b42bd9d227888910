//! What `pause` and `stats` do with a container's cgroups: freeze or thaw it (v1 `freezer`,
//! v2 `cgroup.freeze`), and read its usage (v1 and v2 files).
use super::Leaf;
use anyhow::{bail, Context, Result};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

impl Leaf {
    /// The directory that can freeze the container: a v1 freezer cgroup or a v2 one.
    fn freezer(&self) -> Option<(PathBuf, bool)> {
        self.dirs.iter().find_map(|d| {
            if d.join("freezer.state").exists() {
                Some((d.clone(), false))
            } else if d.join("cgroup.freeze").exists() {
                Some((d.clone(), true))
            } else {
                None
            }
        })
    }

    /// Whether the container can be frozen (its cgroups have a freezer).
    pub(crate) fn can_freeze(&self) -> bool {
        self.freezer().is_some()
    }

    /// Freezes (or thaws) every process of the container, and waits until the kernel says so.
    pub(crate) fn freeze(&self, frozen: bool) -> Result<()> {
        let Some((dir, v2)) = self.freezer() else {
            bail!("the container has no freezer cgroup");
        };
        let (file, value, done): (&str, &str, fn(&str) -> bool) = match (v2, frozen) {
            (false, true) => ("freezer.state", "FROZEN", |s| s.trim() == "FROZEN"),
            (false, false) => ("freezer.state", "THAWED", |s| s.trim() == "THAWED"),
            (true, true) => ("cgroup.freeze", "1", |s| s.lines().any(|l| l == "frozen 1")),
            (true, false) => ("cgroup.freeze", "0", |s| s.lines().any(|l| l == "frozen 0")),
        };
        let path = dir.join(file);
        std::fs::write(&path, value).with_context(|| format!("cannot write {}", path.display()))?;
        let watch = dir.join(if v2 { "cgroup.events" } else { "freezer.state" });
        let deadline = Instant::now() + Duration::from_secs(5);
        while !std::fs::read_to_string(&watch).is_ok_and(|s| done(&s)) {
            if Instant::now() > deadline {
                bail!(
                    "the container did not {} within 5 s",
                    if frozen { "freeze" } else { "thaw" }
                );
            }
            std::thread::sleep(Duration::from_millis(1));
        }
        Ok(())
    }

    /// The container's usage as its cgroups count it (zeros where no cgroup counts it).
    pub(crate) fn usage(&self) -> Usage {
        let mut u = Usage::default();
        for d in &self.dirs {
            read_usage(d, &mut u);
        }
        // A container without limits has a v2 cgroup only, where no controller may be enabled
        // (hybrid hosts): its tasks are counted, and its memory is its processes' resident set.
        let has = |f: &str| self.dirs.iter().any(|d| d.join(f).exists());
        if let Some(v2) = self.dirs.iter().find(|d| d.join("cgroup.threads").exists()) {
            if !has("pids.current") {
                u.pids = read(v2, "cgroup.threads").map_or(0, |t| t.lines().count() as u64);
            }
            if !has("memory.current") && !has("memory.usage_in_bytes") {
                u.memory = resident(&read(v2, "cgroup.procs").unwrap_or_default());
            }
        }
        u
    }
}

/// Docker's `stats` figures, from the cgroups.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Usage {
    /// CPU time used, in nanoseconds.
    pub(crate) cpu_ns: u64,
    /// Memory in use, without the inactive page cache (Docker's and podman's rule).
    pub(crate) memory: u64,
    /// The memory limit (None: no limit).
    pub(crate) memory_limit: Option<u64>,
    pub(crate) pids: u64,
    pub(crate) block_read: u64,
    pub(crate) block_write: u64,
}

/// The resident memory of the processes listed (one pid per line), in bytes.
fn resident(pids: &str) -> u64 {
    let page = nix::unistd::sysconf(nix::unistd::SysconfVar::PAGE_SIZE)
        .ok()
        .flatten()
        .unwrap_or(4096) as u64;
    pids.lines()
        .filter_map(|pid| std::fs::read_to_string(format!("/proc/{pid}/statm")).ok())
        .filter_map(|statm| statm.split_whitespace().nth(1)?.parse::<u64>().ok())
        .map(|pages| pages * page)
        .sum()
}

fn read(dir: &Path, file: &str) -> Option<String> {
    std::fs::read_to_string(dir.join(file)).ok()
}

fn number(dir: &Path, file: &str) -> Option<u64> {
    read(dir, file)?.trim().parse().ok()
}

/// The value of `key` in a `key value` file (memory.stat, cpu.stat).
fn keyed(text: &str, key: &str) -> Option<u64> {
    text.lines()
        .find_map(|l| l.strip_prefix(key)?.strip_prefix(' ')?.trim().parse().ok())
}

fn read_usage(d: &Path, u: &mut Usage) {
    // v1
    if let Some(ns) = number(d, "cpuacct.usage") {
        u.cpu_ns = ns;
    }
    if let Some(m) = number(d, "memory.usage_in_bytes") {
        let stat = read(d, "memory.stat").unwrap_or_default();
        u.memory = m.saturating_sub(keyed(&stat, "total_inactive_file").unwrap_or(0));
        // v1 says "no limit" with the largest page-aligned number.
        u.memory_limit = number(d, "memory.limit_in_bytes").filter(|l| *l < 1 << 62);
    }
    if let Some(text) = read(d, "blkio.throttle.io_service_bytes") {
        for l in text.lines() {
            let f: Vec<&str> = l.split_whitespace().collect();
            match f.as_slice() {
                [_, "Read", n] => u.block_read += n.parse().unwrap_or(0),
                [_, "Write", n] => u.block_write += n.parse().unwrap_or(0),
                _ => {}
            }
        }
    }
    // v2
    if let Some(stat) = read(d, "cpu.stat").filter(|_| !d.join("cpuacct.usage").exists()) {
        if let Some(us) = keyed(&stat, "usage_usec") {
            u.cpu_ns = us * 1000;
        }
    }
    if let Some(m) = number(d, "memory.current") {
        let stat = read(d, "memory.stat").unwrap_or_default();
        u.memory = m.saturating_sub(keyed(&stat, "inactive_file").unwrap_or(0));
        u.memory_limit = number(d, "memory.max");
    }
    if let Some(text) = read(d, "io.stat") {
        for l in text.lines() {
            u.block_read += l
                .split_whitespace()
                .find_map(|f| f.strip_prefix("rbytes=")?.parse::<u64>().ok())
                .unwrap_or(0);
            u.block_write += l
                .split_whitespace()
                .find_map(|f| f.strip_prefix("wbytes=")?.parse::<u64>().ok())
                .unwrap_or(0);
        }
    }
    // both
    if let Some(p) = number(d, "pids.current") {
        u.pids = p;
    }
}
