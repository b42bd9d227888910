//! Resource limits through the cgroups the user may write (DESIGN §4): a leaf per container in
//! each hierarchy that has a controller a limit needs, under this process's own cgroup (or the
//! nearest writable ancestor on cgroup v2, whose "no internal processes" rule keeps controllers
//! out of a cgroup that has processes). A container without limits gets no cgroup work at all.
//! Where no writable cgroup has the controller, the limit is refused, never ignored.
mod delegated;
mod discover;
mod files;
mod state;

use anyhow::{bail, Context, Result};
pub(crate) use delegated::{summary, Summary};
pub(crate) use discover::Hierarchy;
use serde::{Deserialize, Serialize};
pub(crate) use state::Usage;
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
    /// `--cgroup-parent`: where the container's cgroups go instead of under ours (no limit).
    pub(crate) parent: Option<String>,
}

impl Limits {
    pub(crate) fn is_empty(&self) -> bool {
        Limits {
            parent: None,
            ..self.clone()
        } == Limits::default()
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
    /// Makes `name`'s directories and writes `limits` into them: where a limit needs them
    /// (an error when none is writable), and where `stats` and `pause` read and freeze (only
    /// when writable). Everything made is removed again on an error.
    pub(crate) fn create(name: &str, limits: &Limits) -> Result<Leaf> {
        let all = placed(limits, true)?;
        let mut leaf = Leaf::default();
        let made = (|| {
            for (parent, required) in plan(&all, limits)? {
                let dir = parent.join(name);
                // A killed supervisor's leftover of an earlier start (empty: its processes are
                // gone) is removed first, so the limits are written afresh.
                let _ = std::fs::remove_dir(&dir);
                match std::fs::create_dir(&dir) {
                    Ok(()) => leaf.dirs.push(dir.clone()),
                    Err(_) if !required => continue,
                    Err(e) => {
                        let what = format!("cannot create the cgroup {}", dir.display());
                        return Err(anyhow::Error::new(e).context(what));
                    }
                }
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

    /// `update` of a running container: writes `limits` into `name`'s directories, making a
    /// directory the new limits need that its start did not (a container started without a
    /// memory limit has no v1 memory cgroup) and moving the container's processes (`pids`)
    /// into it. The new leaf, with its directories, is returned.
    pub(crate) fn apply(name: &str, limits: &Limits, pids: &[i32]) -> Result<Leaf> {
        let all = placed(limits, true)?;
        let mut leaf = Leaf::default();
        for (parent, required) in plan(&all, limits)? {
            let dir = parent.join(name);
            let v2 = all.iter().any(|h| h.v2 && dir.starts_with(&h.mount));
            if !dir.exists() {
                match std::fs::create_dir(&dir) {
                    Ok(()) => {}
                    Err(_) if !required => continue,
                    Err(e) => {
                        let what = format!("cannot create the cgroup {}", dir.display());
                        return Err(anyhow::Error::new(e).context(what));
                    }
                }
                files::write_limits(&dir, v2, limits)?;
                let procs = dir.join("cgroup.procs");
                for pid in pids {
                    // A process that ended meanwhile is no error.
                    match std::fs::write(&procs, pid.to_string()) {
                        Err(e) if e.raw_os_error() != Some(libc::ESRCH) => {
                            let what =
                                format!("cannot move process {pid} into {}", procs.display());
                            return Err(anyhow::Error::new(e).context(what));
                        }
                        _ => {}
                    }
                }
            } else {
                files::write_limits(&dir, v2, limits)?;
            }
            leaf.dirs.push(dir);
        }
        Ok(leaf)
    }

    /// The processes in the directories (each once), for `apply`.
    pub(crate) fn pids(&self) -> Vec<i32> {
        let mut out: Vec<i32> = Vec::new();
        for d in &self.dirs {
            let text = std::fs::read_to_string(d.join("cgroup.procs")).unwrap_or_default();
            for pid in text.lines().filter_map(|l| l.trim().parse().ok()) {
                if !out.contains(&pid) {
                    out.push(pid);
                }
            }
        }
        out
    }

    /// Where `create` put (or would put) `name`'s directories for `limits`, existing or not.
    pub(crate) fn find(name: &str, limits: &Limits) -> Leaf {
        let all = placed(limits, false).unwrap_or_default();
        let dirs = plan(&all, limits)
            .unwrap_or_default()
            .into_iter()
            .map(|(parent, _)| parent.join(name))
            .collect();
        Leaf { dirs }
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

    /// The cgroup v2 directory among `dirs` (its index, and the directory open for
    /// CLONE_INTO_CGROUP), if any.
    pub(crate) fn v2_dir(&self) -> Result<Option<(usize, OwnedFd)>> {
        let Some(i) = self
            .dirs
            .iter()
            .position(|d| d.join("cgroup.controllers").exists())
        else {
            return Ok(None);
        };
        let dir = std::fs::File::open(&self.dirs[i])
            .with_context(|| format!("cannot open {}", self.dirs[i].display()))?;
        Ok(Some((i, dir.into())))
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

/// What `stats` and `pause` read and freeze on v1, made where writable for a container that has
/// limits. One without gets none of them: a process moved into any v1 cgroup waits for an RCU
/// grace period (~11 ms here, a fifth of a `run --rm`), and v1 has no CLONE_INTO_CGROUP. It gets
/// its v2 cgroup only, which it is born in for nothing, and which freezes (`cgroup.freeze`) and
/// counts CPU (`cpu.stat`) with no controller enabled.
const OPTIONAL: [&str; 5] = ["memory", "cpuacct", "pids", "freezer", "blkio"];

/// Where a container's cgroups go, each with whether a limit needs it: on v1, our cgroup in
/// each hierarchy holding a needed (or, with limits and if writable, an optional) controller;
/// on v2 one
/// directory (a process is in one v2 cgroup): the nearest writable cgroup from ours up to the
/// mount that hands every needed v2 controller to its children (v2's rule: no controllers in a
/// cgroup with processes, so that is an ancestor when the limits need some). An error names the
/// first needed controller no writable cgroup has.
fn plan(all: &[Hierarchy], limits: &Limits) -> Result<Vec<(PathBuf, bool)>> {
    let needs = &limits.needs();
    // Under a --cgroup-parent, the v2 cgroup must be made there, never above it.
    let fixed = limits.parent.is_some();
    let mut out: Vec<(PathBuf, bool)> = Vec::new();
    let mut v2_needs = Vec::new();
    let v1 = |ctrl: &str| {
        all.iter()
            .find(|h| !h.v2 && h.controllers.iter().any(|c| c == ctrl))
    };
    for (ctrl, what) in needs {
        match v1(ctrl) {
            Some(h) if writable(&h.dir) => out.push((h.dir.clone(), true)),
            Some(_) => return Err(no_cgroup(what, ctrl, all)),
            None => v2_needs.push((*ctrl, *what)),
        }
    }
    for ctrl in OPTIONAL.into_iter().filter(|_| !needs.is_empty()) {
        if let Some(h) = v1(ctrl).filter(|h| writable(&h.dir)) {
            out.push((h.dir.clone(), false));
        }
    }
    if let Some(h) = all.iter().find(|h| h.v2) {
        match v2_place(h, &v2_needs, !fixed) {
            Some(dir) => out.push((dir, !v2_needs.is_empty() || fixed)),
            None => {
                if let Some((ctrl, what)) = v2_needs.first() {
                    return Err(no_cgroup(what, ctrl, all));
                }
            }
        }
    } else if let Some((ctrl, what)) = v2_needs.first() {
        return Err(no_cgroup(what, ctrl, all));
    }
    let mut seen = std::collections::HashSet::new();
    out.retain(|(d, _)| seen.insert(d.clone()));
    Ok(out)
}

/// The v2 directory for a leaf whose limits need `needs` (see `plan`).
fn v2_place(h: &Hierarchy, needs: &[(&str, &str)], walk: bool) -> Option<PathBuf> {
    let mut dir = h.dir.as_path();
    loop {
        let enabled =
            std::fs::read_to_string(dir.join("cgroup.subtree_control")).unwrap_or_default();
        let has = |c: &str| enabled.split_whitespace().any(|e| e == c);
        if writable(dir) && needs.iter().all(|(c, _)| has(c)) {
            return Some(dir.to_path_buf());
        }
        if dir == h.mount || !walk {
            return None;
        }
        dir = dir.parent()?;
    }
}

/// The hierarchies with our directory replaced by `--cgroup-parent` (an absolute path from
/// each hierarchy's root, a relative one under our own cgroup); with `make`, the parent is
/// made where missing (as Docker does), filled in as a child cgroup needs (v1 cpuset's sets,
/// v2's controllers handed down).
fn placed(limits: &Limits, make: bool) -> Result<Vec<Hierarchy>> {
    let mut all = discover::hierarchies();
    let Some(parent) = limits.parent.as_deref() else {
        return Ok(all);
    };
    if parent.split('/').any(|c| c == "..") || parent.trim_matches('/').is_empty() {
        bail!("invalid --cgroup-parent {parent:?}: name a cgroup below a hierarchy's root, without ..");
    }
    if !all.iter().any(|h| h.v2) && limits.is_empty() {
        bail!("--cgroup-parent {parent}: with no cgroup v2 hierarchy, only a container with limits gets cgroups to place there");
    }
    for h in &mut all {
        h.dir = match parent.strip_prefix('/') {
            Some(abs) => h.mount.join(abs),
            None => h.dir.join(parent),
        };
        if make && !h.dir.exists() {
            files::make_parent(&h.dir, h.v2);
        }
    }
    Ok(all)
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
    let all = placed(limits, true)?;
    plan(&all, limits)?;
    if limits.blkio_weight.is_some() && !files::has_blkio_weight(&all) {
        bail!("--blkio-weight needs the blkio controller's weight (the BFQ I/O scheduler), which this host lacks: run without it");
    }
    Ok(())
}

/// The cgroups skiff made for the container whose process is `pid`, for `exec` to put its
/// processes there too: each one's `cgroup.procs` open for writing, and the v2 one's index
/// with its directory open (for CLONE_INTO_CGROUP, see `SingleThreaded::clone_placed`).
pub(crate) type Joined = (Vec<std::fs::File>, Option<(usize, std::fs::File)>);

pub(crate) fn procs_of(pid: i32) -> Result<Joined> {
    let cgroup = std::fs::read_to_string(format!("/proc/{pid}/cgroup")).unwrap_or_default();
    let mountinfo = std::fs::read_to_string("/proc/self/mountinfo").unwrap_or_default();
    let mut out = Vec::new();
    let mut v2 = None;
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
            if h.v2 {
                let dir = std::fs::File::open(&h.dir)
                    .with_context(|| format!("cannot open {}", h.dir.display()))?;
                v2 = Some((out.len() - 1, dir));
            }
        }
    }
    Ok((out, v2))
}
