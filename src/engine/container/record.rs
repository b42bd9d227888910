//! Container records (schema 2, DESIGN §3): `containers/<id>/container.json`, written once at
//! create (the `ContainerConfig`, the image's id and chain ids, the command; no absolute path, so
//! a store can move), and `state.json`, the volatile part (name, state, this start's network),
//! rewritten atomically under the container's own `state.lock`. Records of schema 1
//! (`record.json`) are upgraded on first read (see `legacy.rs`).
use super::files::{self, ContainerFile, StateFile};
use crate::engine::image::digest::{ChainId, Digest};
use crate::engine::spec::ContainerConfig;
use crate::store::{self, Paths};
use anyhow::{Context, Result};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Status {
    #[default]
    Created,
    Running,
    Exited,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub(crate) struct State {
    pub(crate) status: Status,
    pub(crate) pid: i32,
    /// The pid's start time (clock ticks since boot): with the pid, it names the process.
    pub(crate) pid_start: u64,
    pub(crate) exit_code: i32,
    pub(crate) started_at: Option<DateTime<Utc>>,
    pub(crate) finished_at: Option<DateTime<Utc>>,
    pub(crate) error: String,
    /// The monitor supervising a detached container (pid, start time), 0 when none.
    pub(crate) monitor_pid: i32,
    pub(crate) monitor_start: u64,
    pub(crate) restart_count: u32,
    pub(crate) health: Option<Health>,
    /// The OOM killer ended the last run (Docker's `State.OOMKilled`).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub(crate) oom_killed: bool,
    /// Frozen by `pause` (Docker's `State.Paused`).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub(crate) paused: bool,
    /// What `update` changed since create (container.json is immutable): laid over the
    /// config whenever the record is read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) updated: Option<Updated>,
}

/// `update`'s resources and restart policy.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub(crate) struct Updated {
    pub(crate) resources: crate::engine::spec::config::Resources,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) restart: Option<crate::engine::spec::config::RestartPolicy>,
}

/// Docker's health state: `starting`, `healthy`, `unhealthy`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub(crate) struct Health {
    pub(crate) status: String,
    pub(crate) failing_streak: u32,
    pub(crate) log: Vec<HealthLog>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub(crate) struct HealthLog {
    pub(crate) start: Option<DateTime<Utc>>,
    pub(crate) end: Option<DateTime<Utc>>,
    pub(crate) exit_code: i32,
    pub(crate) output: String,
}

/// A container as the engine sees it: its `container.json` (written once, at create) and its
/// `state.json` (rewritten under the container's `state.lock`) together.
#[derive(Debug, Clone)]
pub(crate) struct Record {
    pub(crate) id: String,
    /// Mutable (`rename`): kept in state.json.
    pub(crate) name: String,
    /// The normalized image name it resolved to, and its id (`sha256:<hex>`).
    pub(crate) image_name: String,
    pub(crate) image_id: Digest,
    /// The image's layers, bottom first: `layers/<chain>/diff` in the store (see `layer_dirs`).
    pub(crate) chain_ids: Vec<ChainId>,
    pub(crate) created: DateTime<Utc>,
    /// Docker's Path and Args: the command as it will be exec'd.
    pub(crate) path: String,
    pub(crate) args: Vec<String>,
    pub(crate) hostname: String,
    /// The image's STOPSIGNAL unless overridden (`--stop-signal`), and its health check.
    pub(crate) stop_signal: String,
    pub(crate) healthcheck: Option<HealthCheck>,
    pub(crate) state: State,
    /// What it was created with.
    pub(crate) config: Box<ContainerConfig>,
    /// network: published and exposed ports (from create), this start's bindings and address.
    pub(crate) net: super::network::NetState,
}

impl Record {
    pub(crate) fn short_id(&self) -> &str {
        &self.id[..12]
    }

    /// The state as it really is: a record that says running whose process is gone is exited.
    pub(crate) fn live_status(&self) -> Status {
        if self.state.status == Status::Running && !self.is_alive() {
            return Status::Exited;
        }
        self.state.status
    }

    /// An `--rm` container whose run ended with nobody left to remove it: its supervisor was
    /// killed (kill -9 of a foreground CLI or of a monitor) and its process is gone.
    pub(crate) fn abandoned_with_rm(&self) -> bool {
        self.config.auto_remove
            && self.state.status == Status::Running
            && !self.monitor_alive()
            && !self.is_alive()
    }

    /// Waits up to `limit` for the container's process to end; true once it has. A pidfd wakes
    /// us the moment it exits (a 5 ms polling loop cost up to 5 ms per `stop` and `rm -f`).
    pub(crate) fn wait_exit(&self, limit: std::time::Duration) -> bool {
        use nix::poll::{poll, PollFd, PollFlags, PollTimeout};
        if !self.is_alive() {
            return true;
        }
        let pid = rustix::process::Pid::from_raw(self.state.pid);
        let flags = rustix::process::PidfdFlags::empty();
        let Some(fd) = pid.and_then(|p| rustix::process::pidfd_open(p, flags).ok()) else {
            return !self.is_alive();
        };
        // The pid may have been reused before the open: the fd must name our process.
        if !self.is_alive() {
            return true;
        }
        let timeout = PollTimeout::try_from(limit).unwrap_or(PollTimeout::MAX);
        let mut fds = [PollFd::new(
            std::os::fd::AsFd::as_fd(&fd),
            PollFlags::POLLIN,
        )];
        loop {
            match poll(&mut fds, timeout) {
                Err(nix::errno::Errno::EINTR) => continue,
                Ok(n) if n > 0 => return true,
                _ => return !self.is_alive(),
            }
        }
    }

    pub(crate) fn is_alive(&self) -> bool {
        self.state.pid > 0
            && crate::runtime::userns::start_time(self.state.pid) == Some(self.state.pid_start)
    }
}

/// A health check: Docker's `HEALTHCHECK` / `--health-*` (durations in nanoseconds).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub(crate) struct HealthCheck {
    pub(crate) test: Vec<String>,
    pub(crate) interval: u64,
    pub(crate) timeout: u64,
    pub(crate) start_period: u64,
    pub(crate) retries: u32,
}

impl Record {
    /// True while a monitor process supervises this container.
    pub(crate) fn monitor_alive(&self) -> bool {
        self.state.monitor_pid > 0
            && crate::runtime::userns::start_time(self.state.monitor_pid)
                == Some(self.state.monitor_start)
    }
}

impl Record {
    /// The image's unpacked layer directories in this store, bottom first.
    pub(crate) fn layer_dirs(&self, paths: &Paths) -> Vec<PathBuf> {
        self.chain_ids
            .iter()
            .map(|c| crate::engine::image::store::layer_path(paths, c).join("diff"))
            .collect()
    }
}

/// Rewrites a record's state atomically (container.json never changes). No fsync: the state
/// (running, exited, health) is made stale by a crash anyway and `live_status` re-derives it
/// from the process; the creation itself is made durable by `create`.
pub(crate) fn save(paths: &Paths, r: &Record) -> Result<()> {
    let dir = paths.container(&r.id);
    store::write_json_compact(&dir.join(files::STATE), &StateFile::of(r), false)?;
    super::list_cache::bump(paths);
    Ok(())
}

/// Read-modify-write of one record's state under its own lock, so concurrent updates (the
/// monitor's state, `rename`, health) never lose each other, and updates of other containers
/// never wait. None if the container is gone.
pub(crate) fn update(
    paths: &Paths,
    id: &str,
    f: impl FnOnce(&mut Record),
) -> Result<Option<Record>> {
    let dir = paths.container(id);
    let _lock = match store::Lock::exclusive(&dir.join(files::STATE_LOCK)) {
        Ok(l) => l,
        Err(_) if !dir.exists() => return Ok(None),
        Err(e) => return Err(e),
    };
    let Some(mut r) = load(paths, id)? else {
        return Ok(None);
    };
    f(&mut r);
    // The directory may vanish between load and save (rm -f): that is not an error.
    match save(paths, &r) {
        Ok(()) => Ok(Some(r)),
        Err(_) if !dir.exists() => Ok(None),
        Err(e) => Err(e),
    }
}

/// Reads a container's record; None when there is none. A schema 1 record is upgraded first.
pub(crate) fn load(paths: &Paths, id: &str) -> Result<Option<Record>> {
    match read_current(paths, id)? {
        Current::Found(r) => Ok(Some(*r)),
        Current::Removed => Ok(None),
        Current::NoContainerFile => super::legacy::upgrade(paths, id),
    }
}

/// What a container's directory holds, read as one.
pub(super) enum Current {
    Found(Box<Record>),
    /// No directory, or it was removed (renamed away) while we read it.
    Removed,
    /// A directory without container.json: a schema 1 record (or a damaged store).
    NoContainerFile,
}

/// Reads a schema 2 record: container.json and state.json through one descriptor of the
/// container's directory. Removal renames that directory away whole and then deletes it: read
/// by path, the two reads could straddle the rename, and a missing state.json read as a default
/// state ("created", exit 0), which `wait` answered for a `--rm` container that exited 5. Read
/// through the descriptor, both come from the same directory; a state.json missing there is a
/// removal in progress when the directory is no longer at its path.
pub(super) fn read_current(paths: &Paths, id: &str) -> Result<Current> {
    use rustix::fs::{Mode, OFlags};
    let path = paths.container(id);
    let flags = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC;
    let dir = match rustix::fs::open(&path, flags, Mode::empty()) {
        Ok(d) => d,
        Err(rustix::io::Errno::NOENT | rustix::io::Errno::NOTDIR) => return Ok(Current::Removed),
        Err(e) => {
            return Err(std::io::Error::from(e))
                .with_context(|| format!("cannot read {}", path.display()))
        }
    };
    let dir = std::os::fd::AsFd::as_fd(&dir);
    let shown = |f: &str| path.join(f);
    let c = store::read_json_at::<ContainerFile>(dir, files::CONTAINER, &shown(files::CONTAINER))?;
    let Some(c) = c else {
        return Ok(Current::NoContainerFile);
    };
    // Tests stop here to remove the container between the two reads.
    store::fault::point("record.between-reads");
    let s: Option<StateFile> = store::read_json_at(dir, files::STATE, &shown(files::STATE))?;
    if s.is_none() && !still_at(dir, &path) {
        return Ok(Current::Removed);
    }
    c.into_record(s).map(|r| Current::Found(Box::new(r)))
}

/// True while `path` names the directory open as `dir` (a removal renames it away).
fn still_at(dir: std::os::fd::BorrowedFd, path: &std::path::Path) -> bool {
    match (rustix::fs::fstat(dir), rustix::fs::stat(path)) {
        (Ok(a), Ok(b)) => (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino),
        _ => false,
    }
}

/// `load` through the open `containers/` directory (see `store::read_json_at`).
fn load_at(paths: &Paths, dir: std::os::fd::BorrowedFd, id: &str) -> Result<Option<Record>> {
    let shown = |f: &str| paths.container(id).join(f);
    let rel = |f: &str| format!("{id}/{f}");
    let c = store::read_json_at::<ContainerFile>(
        dir,
        &rel(files::CONTAINER),
        &shown(files::CONTAINER),
    )?;
    let Some(c) = c else {
        return super::legacy::upgrade(paths, id);
    };
    let s: Option<StateFile> = store::read_json_at(dir, &rel(files::STATE), &shown(files::STATE))?;
    if s.is_none() {
        // Renamed away between the two reads (`read_current` says why that is no record), or
        // a damaged store (the directory is still there): read as `load` reads it.
        return load(paths, id);
    }
    c.into_record(s).map(Some)
}

/// Finishes the run of a container whose supervisor was killed and whose process has ended
/// since, for whichever command sees it first: releases what its start acquired (teardown.json:
/// the network helper, its host ports) and removes an `--rm` one. False when it is gone.
fn settle(paths: &Paths, r: &Record) -> bool {
    if r.state.status != Status::Running || r.monitor_alive() || r.is_alive() {
        return true;
    }
    super::teardown::collect(paths, &r.id);
    !(r.abandoned_with_rm() && super::remove::sweep_abandoned(paths, &r.id))
}

/// Every container record as it is on disk (unreadable leftovers of interrupted creates are
/// skipped), without sweeping abandoned `--rm` containers: for callers holding the lock.
pub(super) fn load_all(paths: &Paths) -> Result<Vec<Record>> {
    let dir = paths.containers();
    let rd = match std::fs::read_dir(&dir) {
        Ok(rd) => rd,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e).with_context(|| format!("cannot list {}", dir.display())),
    };
    let fd = std::fs::File::open(&dir).with_context(|| format!("cannot open {}", dir.display()))?;
    let fd = std::os::fd::AsFd::as_fd(&fd);
    let (cached, young) = super::list_cache::read(paths);
    let mut cache = super::list_cache::Cache::parse(paths, &cached, young);
    let mut out = Vec::with_capacity(cache.len() + 16);
    for ent in rd.flatten() {
        let name = ent.file_name();
        let name = name.to_string_lossy();
        if name.len() != 64 {
            continue;
        }
        let r = match cache.take(&name) {
            Some((c, Some(s))) => c.into_record(Some(s)).map(Some),
            Some((c, None)) => load_cached_at(paths, fd, &name, c),
            None => load_at(paths, fd, &name),
        };
        if let Ok(Some(r)) = r {
            out.push(r);
        }
    }
    cache.refresh(paths, &out);
    Ok(out)
}

/// `load_at` with the container's `container.json` from the listing cache (its state was not
/// current there): only its state is read. Without a state file (the container is being
/// removed, or the store is damaged) it is read as `load_at` reads it, which tells the two apart.
fn load_cached_at(
    paths: &Paths,
    dir: std::os::fd::BorrowedFd,
    id: &str,
    c: ContainerFile,
) -> Result<Option<Record>> {
    let rel = format!("{id}/{}", files::STATE);
    let shown = paths.container(id).join(files::STATE);
    match store::read_json_at::<StateFile>(dir, &rel, &shown)? {
        Some(s) => c.into_record(Some(s)).map(Some),
        None => load_at(paths, dir, id),
    }
}

/// True when a running container other than `id` lives in the network namespace of container
/// `id` (`--network container:ID`): that namespace outlives `id`'s process. Records are read,
/// not settled: the caller may hold the rootless netns lock, and settling takes it.
pub(crate) fn netns_joined_by_others(paths: &Paths, id: &str) -> bool {
    load_all(paths).unwrap_or_default().iter().any(|r| {
        r.id != id
            && matches!(&r.config.network, crate::engine::spec::config::Network::Container(c) if c == id)
            && r.is_alive()
    })
}

/// Every container record, each settled first (see `settle`): abandoned `--rm` containers are
/// removed, not listed.
pub(crate) fn list(paths: &Paths) -> Result<Vec<Record>> {
    let mut all = load_all(paths)?;
    all.retain(|r| settle(paths, r));
    Ok(all)
}

/// Finds a container by full id, name, or unique id prefix. A name is found by its name file;
/// only a prefix (or a name with no file) reads every record.
pub(crate) fn find(paths: &Paths, key: &str) -> Result<Record> {
    let key = key.trim_start_matches('/');
    let by_id = if key.len() == 64 {
        load(paths, key)?
    } else {
        None
    };
    let direct = match by_id {
        Some(r) => Some(r),
        None => super::reserve::lookup(paths, key)?,
    };
    if let Some(r) = direct {
        if settle(paths, &r) {
            return Ok(r);
        }
    }
    let all = list(paths)?;
    if let Some(r) = all.iter().find(|r| r.name == key) {
        return Ok(r.clone());
    }
    let matches: Vec<&Record> = all
        .iter()
        .filter(|r| !key.is_empty() && r.id.starts_with(key))
        .collect();
    match matches.len() {
        1 => Ok(matches[0].clone()),
        0 => Err(crate::error::no_such_container(key)),
        _ => anyhow::bail!("container id prefix {key:?} is ambiguous: give more characters"),
    }
}
