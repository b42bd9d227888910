//! Resource limits through the cgroups the user may write (DESIGN §4): a leaf per container in
//! each hierarchy that has a controller a limit needs, under this process's own cgroup (or the
//! nearest writable ancestor on cgroup v2, whose "no internal processes" rule keeps controllers
//! out of a cgroup that has processes). A container without limits gets no cgroup work at all.
//! Where no writable cgroup has the controller, the limit is refused, never ignored.
mod discover;
mod files;

use anyhow::{bail, Context, Result};
pub(crate) use discover::Hierarchy;
use serde::{Deserialize, Serialize};
use std::os::fd::OwnedFd;
use std::path::{Path, PathBuf};

/// The limits of `--memory`, `--cpus`, `--pids-limit` & co., as the runtime applies them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Limits {
    pub(crate) memory: Option<i64>,
    pub(crate) memory_reservation: Option<i64>,
    /// Memory plus swap; -1 is unlimited.
    pub(crate) memory_swap: Option<i64>,
    pub(crate) cpu_quota: Option<i64>,
    pub(crate) cpu_period: Option<u64>,
    pub(crate) cpu_shares: Option<u64>,
    pub(crate) cpuset_cpus: Option<String>,
    pub(crate) cpuset_mems: Option<String>,
    pub(crate) pids: Option<i64>,
    pub(crate) blkio_weight: Option<u16>,
}

impl Limits {
    pub(crate) fn is_empty(&self) -> bool {
        *self == Limits::default()
    }

    /// The controllers the limits need, with the flag that asked for each (for errors).
    fn needs(&self) -> Vec<(&'static str, &'static str)> {
        let mut v = Vec::new();
        if self.memory.is_some() || self.memory_reservation.is_some() || self.memory_swap.is_some()
        {
            v.push(("memory", "memory limit (--memory)"));
        }
        if self.cpu_quota.is_some() || self.cpu_period.is_some() || self.cpu_shares.is_some() {
            v.push(("cpu", "cpu limit (--cpus, --cpu-shares)"));
        }
        if self.cpuset_cpus.is_some() || self.cpuset_mems.is_some() {
            v.push(("cpuset", "cpu set (--cpuset-cpus)"));
        }
        if self.pids.is_some() {
            v.push(("pids", "pids limit (--pids-limit)"));
        }
        if self.blkio_weight.is_some() {
            v.push(("blkio", "block I/O weight (--blkio-weight)"));
        }
        v
    }
}

/// A container's cgroup directories, one per hierarchy used (kept in teardown.json, so that
/// whoever sees the container end removes them).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Leaf {
    pub(crate) dirs: Vec<PathBuf>,
}

impl Leaf {
    /// Makes `name`'s directories and writes `limits` into them. Everything made is removed
    /// again on an error.
    pub(crate) fn create(name: &str, limits: &Limits) -> Result<Leaf> {
        let all = discover::hierarchies();
        let mut leaf = Leaf::default();
        let made = (|| {
            for (ctrl, what) in limits.needs() {
                let parent = place(&all, ctrl).ok_or_else(|| no_cgroup(what, ctrl, &all))?;
                let dir = parent.join(name);
                if leaf.dirs.contains(&dir) {
                    continue;
                }
                std::fs::create_dir(&dir)
                    .with_context(|| format!("cannot create the cgroup {}", dir.display()))?;
                leaf.dirs.push(dir.clone());
                let v2 = all.iter().any(|h| h.v2 && dir.starts_with(&h.mount));
                files::write_limits(&dir, v2, limits)?;
            }
            Ok(())
        })();
        match made {
            Ok(()) => Ok(leaf),
            Err(e) => {
                leaf.remove();
                Err(e)
            }
        }
    }

    /// Each directory's `cgroup.procs`, open for the container's first process to write `0`
    /// into (it moves itself, before anything it runs can allocate).
    pub(crate) fn procs(&self) -> Result<Vec<OwnedFd>> {
        self.dirs
            .iter()
            .map(|d| {
                let p = d.join("cgroup.procs");
                std::fs::OpenOptions::new()
                    .write(true)
                    .open(&p)
                    .map(OwnedFd::from)
                    .with_context(|| format!("cannot open {}", p.display()))
            })
            .collect()
    }

    /// Whether the kernel's OOM killer killed a process in the container.
    pub(crate) fn oom_killed(&self) -> bool {
        self.dirs.iter().any(|d| files::oom_kills(d) > 0)
    }

    /// Removes the directories (once their processes are gone; a few retries for the kernel
    /// to let go of a just-reaped one). Errors are dropped: `rm` collects again.
    pub(crate) fn remove(&self) {
        for d in self.dirs.iter().rev() {
            for _ in 0..50 {
                match std::fs::remove_dir(d) {
                    Err(e) if e.raw_os_error() == Some(libc::EBUSY) => {
                        std::thread::sleep(std::time::Duration::from_millis(2))
                    }
                    _ => break,
                }
            }
        }
    }
}

/// Where a leaf with controller `ctrl` goes: on v1, our cgroup in the hierarchy holding it, if
/// we may write it; on v2, the nearest writable cgroup from ours up to the mount that hands the
/// controller to its children (a v1 hierarchy wins: on a hybrid host v2 has none).
fn place(all: &[Hierarchy], ctrl: &str) -> Option<PathBuf> {
    if let Some(h) = all.iter().find(|h| h.controllers.iter().any(|c| c == ctrl)) {
        return writable(&h.dir).then(|| h.dir.clone());
    }
    let h = all.iter().find(|h| h.v2)?;
    let mut dir = h.dir.as_path();
    loop {
        let enabled =
            std::fs::read_to_string(dir.join("cgroup.subtree_control")).unwrap_or_default();
        if writable(dir) && enabled.split_whitespace().any(|c| c == ctrl) {
            return Some(dir.to_path_buf());
        }
        if dir == h.mount {
            return None;
        }
        dir = dir.parent()?;
    }
}

/// We may make a cgroup there and move processes into it.
fn writable(dir: &Path) -> bool {
    use nix::unistd::{access, AccessFlags};
    let w = AccessFlags::W_OK | AccessFlags::X_OK;
    access(dir, w).is_ok() && access(&dir.join("cgroup.procs"), AccessFlags::W_OK).is_ok()
}

/// The error of a limit no writable cgroup can hold: why, and how to get one.
fn no_cgroup(what: &str, ctrl: &str, all: &[Hierarchy]) -> anyhow::Error {
    let uid = nix::unistd::getuid();
    let h = all
        .iter()
        .find(|h| h.controllers.iter().any(|c| c == ctrl))
        .or_else(|| all.iter().find(|h| h.v2));
    let why = match h {
        Some(h) if h.v2 => format!(
            "{} has no writable cgroup with the {ctrl} controller",
            h.dir.display()
        ),
        Some(h) => format!("{} is not writable", h.dir.display()),
        None => format!("no {ctrl} cgroup hierarchy is mounted"),
    };
    crate::error::coded(
        125,
        format!(
            "{what} needs a delegated cgroup; none is writable for uid {uid}: {why}: ask the \
             administrator to delegate one (see skiff-run(1), RESOURCE LIMITS) or run without the limit"
        ),
    )
}

/// Refuses a limit this host cannot hold, before anything is made (for `create`).
pub(crate) fn check(limits: &Limits) -> Result<()> {
    let all = discover::hierarchies();
    for (ctrl, what) in limits.needs() {
        if place(&all, ctrl).is_none() {
            return Err(no_cgroup(what, ctrl, &all));
        }
    }
    if limits.blkio_weight.is_some() && !files::has_blkio_weight(&all) {
        bail!("--blkio-weight needs the blkio controller's weight (the BFQ I/O scheduler), which this host lacks: run without it");
    }
    Ok(())
}

impl Leaf {
    /// Where `create` put (or would put) `name`'s directories for `limits`, existing or not.
    pub(crate) fn find(name: &str, limits: &Limits) -> Leaf {
        let all = discover::hierarchies();
        let mut dirs: Vec<PathBuf> = Vec::new();
        for (ctrl, _) in limits.needs() {
            if let Some(dir) = place(&all, ctrl).map(|p| p.join(name)) {
                if !dirs.contains(&dir) {
                    dirs.push(dir);
                }
            }
        }
        Leaf { dirs }
    }
}

/// `cgroup.procs` of the cgroups skiff made for the container whose process is `pid` (none
/// without limits), open for writing: `exec` puts its processes there too.
pub(crate) fn procs_of(pid: i32) -> Result<Vec<std::fs::File>> {
    let cgroup = std::fs::read_to_string(format!("/proc/{pid}/cgroup")).unwrap_or_default();
    let mountinfo = std::fs::read_to_string("/proc/self/mountinfo").unwrap_or_default();
    let mut out = Vec::new();
    for h in discover::parse(&cgroup, &mountinfo) {
        let ours = h
            .dir
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with("skiff-"));
        if ours {
            let p = h.dir.join("cgroup.procs");
            let f = std::fs::OpenOptions::new().write(true).open(&p);
            out.push(f.with_context(|| format!("cannot open {}", p.display()))?);
        }
    }
    Ok(out)
}
