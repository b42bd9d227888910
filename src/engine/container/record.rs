//! Container records: `containers/<id>/record.json`, one per container, rewritten atomically.
use crate::store::{self, Paths};
use anyhow::{Context, Result};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// What the user asked for at `create`/`run`, kept for `inspect` and for `start`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct CreateOptions {
    pub image: String,
    pub name: Option<String>,
    pub command: Vec<String>,
    pub entrypoint: Option<String>,
    pub env: Vec<String>,
    pub env_files: Vec<PathBuf>,
    pub workdir: Option<String>,
    pub user: Option<String>,
    pub hostname: Option<String>,
    pub tty: bool,
    pub interactive: bool,
    pub read_only: bool,
    pub cap_add: Vec<String>,
    pub cap_drop: Vec<String>,
    pub privileged: bool,
    pub security_opt: Vec<String>,
    /// `pasta`, `slirp4netns`, `none`, `host` or `container:ID` once created (`private`, in
    /// records made before the default network, is `none`); see `network::mode`.
    pub network: String,
    // network (see network.rs): -p, -P, --expose, --add-host, --dns, --dns-search, --dns-option
    pub publish: Vec<String>,
    pub publish_all: bool,
    pub expose: Vec<String>,
    pub add_host: Vec<String>,
    pub dns: Vec<String>,
    pub dns_search: Vec<String>,
    pub dns_option: Vec<String>,
    pub tmpfs: Vec<String>,
    /// `--ipc`, `--uts`, `--pid`: resolved modes (see namespaces.rs).
    pub ipc: String,
    pub uts: String,
    pub pid: String,
    pub auto_remove: bool,
    /// `--restart`: `no`, `on-failure[:N]`, `always`, `unless-stopped`.
    pub restart: String,
    pub labels: std::collections::BTreeMap<String, String>,
    /// Run a minimal init as pid 1 that reaps zombies and forwards signals.
    pub init: bool,
    pub stop_signal: Option<String>,
    pub stop_timeout: Option<u64>,
    /// `-l` and `--label-file` as given; `create` parses them into `labels`.
    #[serde(skip)]
    pub label_args: Vec<String>,
    #[serde(skip)]
    pub label_files: Vec<PathBuf>,
    #[serde(skip)]
    pub health: HealthFlags,
    pub cidfile: Option<PathBuf>,
}

/// The `--health-*` flags as given (parsed by `create`).
#[derive(Debug, Clone, Default)]
pub struct HealthFlags {
    pub cmd: Option<String>,
    pub interval: Option<String>,
    pub timeout: Option<String>,
    pub retries: Option<u32>,
    pub start_period: Option<String>,
    pub disable: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    #[default]
    Created,
    Running,
    Exited,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct State {
    pub status: Status,
    pub pid: i32,
    /// The pid's start time (clock ticks since boot): with the pid, it names the process.
    pub pid_start: u64,
    pub exit_code: i32,
    pub started_at: Option<DateTime<Utc>>,
    pub finished_at: Option<DateTime<Utc>>,
    pub error: String,
    /// The monitor supervising a detached container (pid, start time), 0 when none.
    pub monitor_pid: i32,
    pub monitor_start: u64,
    pub restart_count: u32,
    pub health: Option<Health>,
}

/// Docker's health state: `starting`, `healthy`, `unhealthy`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Health {
    pub status: String,
    pub failing_streak: u32,
    pub log: Vec<HealthLog>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct HealthLog {
    pub start: Option<DateTime<Utc>>,
    pub end: Option<DateTime<Utc>>,
    pub exit_code: i32,
    pub output: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Record {
    pub id: String,
    pub name: String,
    /// The image as the user named it (what `ps` shows).
    pub image: String,
    /// The normalized image name it resolved to, and its id.
    pub image_name: String,
    pub image_id: String,
    pub created: DateTime<Utc>,
    /// Docker's Path and Args: the command as it will be exec'd.
    pub path: String,
    pub args: Vec<String>,
    /// The image's unpacked layer directories, bottom first.
    pub layers: Vec<PathBuf>,
    pub hostname: String,
    /// The image's STOPSIGNAL unless overridden (`--stop-signal`), and its health check.
    #[serde(default)]
    pub stop_signal: String,
    #[serde(default)]
    pub healthcheck: Option<HealthCheck>,
    pub state: State,
    pub options: CreateOptions,
    /// network: published and exposed ports, address (see network.rs).
    #[serde(default)]
    pub net: super::network::NetState,
}

impl Record {
    pub fn short_id(&self) -> &str {
        &self.id[..12]
    }

    /// The state as it really is: a record that says running whose process is gone is exited.
    pub fn live_status(&self) -> Status {
        if self.state.status == Status::Running && !self.is_alive() {
            return Status::Exited;
        }
        self.state.status
    }

    /// An `--rm` container whose run ended with nobody left to remove it: its supervisor was
    /// killed (kill -9 of a foreground CLI or of a monitor) and its process is gone.
    pub fn abandoned_with_rm(&self) -> bool {
        self.options.auto_remove
            && self.state.status == Status::Running
            && !self.monitor_alive()
            && !self.is_alive()
    }

    /// Waits up to `limit` for the container's process to end; true once it has. A pidfd wakes
    /// us the moment it exits (a 5 ms polling loop cost up to 5 ms per `stop` and `rm -f`).
    pub fn wait_exit(&self, limit: std::time::Duration) -> bool {
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

    pub fn is_alive(&self) -> bool {
        self.state.pid > 0
            && crate::runtime::userns::start_time(self.state.pid) == Some(self.state.pid_start)
    }
}

/// A health check: Docker's `HEALTHCHECK` / `--health-*` (durations in nanoseconds).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct HealthCheck {
    pub test: Vec<String>,
    pub interval: u64,
    pub timeout: u64,
    pub start_period: u64,
    pub retries: u32,
}

impl Record {
    /// True while a monitor process supervises this container.
    pub fn monitor_alive(&self) -> bool {
        self.state.monitor_pid > 0
            && crate::runtime::userns::start_time(self.state.monitor_pid)
                == Some(self.state.monitor_start)
    }
}

pub fn record_path(paths: &Paths, id: &str) -> PathBuf {
    paths.container(id).join("record.json")
}

/// Rewrites a record atomically. No fsync: what changes after create is the state (running,
/// exited, health), which a crash makes stale anyway and `live_status` re-derives from the
/// process; the creation itself is made durable by `create`.
pub fn save(paths: &Paths, r: &Record) -> Result<()> {
    store::write_json_atomic(&record_path(paths, &r.id), r, false)
}

/// Read-modify-write of one record under the container lock, so concurrent updates (the
/// monitor's state, `rename`, health) never lose each other. None if the container is gone.
pub fn update(paths: &Paths, id: &str, f: impl FnOnce(&mut Record)) -> Result<Option<Record>> {
    let _lock = store::Lock::exclusive(&paths.container_lock())?;
    let Some(mut r) = load(paths, id)? else {
        return Ok(None);
    };
    f(&mut r);
    // The directory may vanish between load and save (rm -f): that is not an error.
    match save(paths, &r) {
        Ok(()) => Ok(Some(r)),
        Err(_) if !paths.container(id).exists() => Ok(None),
        Err(e) => Err(e),
    }
}

pub fn load(paths: &Paths, id: &str) -> Result<Option<Record>> {
    store::read_json(&record_path(paths, id))
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
    let mut out = Vec::new();
    for ent in rd.flatten() {
        let name = ent.file_name();
        let name = name.to_string_lossy();
        if name.len() != 64 {
            continue;
        }
        if let Ok(Some(r)) = load(paths, &name) {
            out.push(r);
        }
    }
    Ok(out)
}

/// Every container record, each settled first (see `settle`): abandoned `--rm` containers are
/// removed, not listed.
pub fn list(paths: &Paths) -> Result<Vec<Record>> {
    let mut all = load_all(paths)?;
    all.retain(|r| settle(paths, r));
    Ok(all)
}

/// Finds a container by full id, name, or unique id prefix. A name is found by its name file;
/// only a prefix (or a name with no file) reads every record.
pub fn find(paths: &Paths, key: &str) -> Result<Record> {
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
        0 => Err(crate::error::coded(
            crate::error::ENGINE,
            format!("no such container: {key}"),
        )),
        _ => anyhow::bail!("container id prefix {key:?} is ambiguous: give more characters"),
    }
}
