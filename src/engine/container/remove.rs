//! `rm`: a container disappears atomically (renamed to a trash name under the lock), then its
//! files (owned by subordinate ids: the caller has joined the user namespace) are deleted after
//! the lock is released, so removing a container with a big upper dir delays nobody else's
//! `start`, `create` or `ps`. A killed `rm` leaves a `.trash-<pid>-<start>-…` dir, which listing
//! skips (not a 64-hex id) and the next removal collects once that pid is dead.
use super::record::{self, Record, Status};
use crate::engine::spec::config::{Network, NsMode};
use crate::store::{self, Lock, Paths, Trash};
use anyhow::{Context, Result};
use nix::sys::signal::{kill, Signal};
use nix::unistd::Pid;
use std::collections::HashSet;
use std::time::Duration;

#[derive(Debug, Default)]
pub(crate) struct RemoveOptions {
    pub(crate) force: bool,
    /// `rm -f -t N` (podman's): a running container is stopped (its stop signal, then SIGKILL
    /// after N seconds) instead of killed at once.
    pub(crate) stop_timeout: Option<u64>,
    /// `rm -v`: the container's anonymous volumes go too (`--rm` containers' always do).
    pub(crate) volumes: bool,
}

/// Removes the container named `key` (id, prefix or name); returns its record's name.
pub(crate) fn remove(paths: &Paths, key: &str, o: &RemoveOptions) -> Result<String> {
    let rec = record::find(paths, key)?;
    if rec.live_status() == Status::Running {
        if !o.force {
            return Err(anyhow::Error::msg(format!("cannot remove container \"{}\": container is running: stop the container before removing or force remove (skiff rm -f)", rec.name)));
        }
        match o.stop_timeout {
            Some(t) => {
                super::lifecycle::stop(paths, &rec.id, Some(t))?;
            }
            None => {
                let _ = kill(Pid::from_raw(rec.state.pid), Signal::SIGKILL);
                super::pause::thaw_signalled(paths, &rec);
                rec.wait_exit(Duration::from_secs(5));
            }
        }
    }
    remove_dir_with(paths, &rec.id, o.volumes)?;
    Ok(rec.name)
}

/// `--replace`: removes the container named `name` (by its name only, never an id prefix), if
/// there is one, running or not, so that a new container can take the name.
pub(crate) fn replace(paths: &Paths, name: &str) -> Result<()> {
    match super::reserve::lookup(paths, name)? {
        Some(rec) => remove(
            paths,
            &rec.id,
            &RemoveOptions {
                force: true,
                ..Default::default()
            },
        )
        .map(drop),
        None => Ok(()),
    }
}

/// `rm --depend` (podman's): `keys` with the containers that join their namespaces (`--network`,
/// `--ipc`, `--pid`, `--uts container:ID`), and theirs in turn, each dependent before the
/// container it needs. Keys that name no container stay, for `rm` to report.
pub(crate) fn with_dependents(paths: &Paths, keys: &[String]) -> Result<Vec<String>> {
    let all = record::list(paths)?;
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for k in keys {
        match record::find(paths, k) {
            Ok(r) => dependents_first(&all, &r.id, k, &mut seen, &mut out),
            Err(_) => out.push(k.clone()),
        }
    }
    Ok(out)
}

/// Pushes the dependents of `id` (by id), then `id` as `shown`; each container once.
fn dependents_first(
    all: &[Record],
    id: &str,
    shown: &str,
    seen: &mut HashSet<String>,
    out: &mut Vec<String>,
) {
    if !seen.insert(id.to_string()) {
        return;
    }
    for d in all.iter().filter(|r| joins(r).contains(&id)) {
        dependents_first(all, &d.id, &d.id, seen, out);
    }
    out.push(shown.to_string());
}

/// The ids of the containers whose namespaces `r` joins.
fn joins(r: &Record) -> Vec<&str> {
    let mut v = Vec::new();
    if let Network::Container(id) = &r.config.network {
        v.push(id.as_str());
    }
    let ns = &r.config.namespaces;
    for mode in [&ns.ipc, &ns.uts, &ns.pid] {
        if let NsMode::Container(id) = mode {
            v.push(id.as_str());
        }
    }
    v
}

/// Removes a container's directory: renamed away under the lock so that readers never see half
/// of it, then deleted after the lock is released (with any leftovers of removals a crash
/// interrupted: the rename makes each tree ours alone).
pub(crate) fn remove_dir(paths: &Paths, id: &str) -> Result<()> {
    remove_dir_with(paths, id, false)
}

/// `remove_dir`, with the container's anonymous volumes when `volumes` or when it was made
/// with `--rm` (Docker's rule), once the container is gone (after its lock: volumes come after
/// containers in the lock order).
fn remove_dir_with(paths: &Paths, id: &str, volumes: bool) -> Result<()> {
    // Its process is gone (or it never ran): its helper goes too, before the run dir that names
    // it, and outside the lock (it waits for the helper's exit). An unreadable record must not
    // keep the container from going.
    let _ = super::teardown::release(paths, id);
    // Only a supervisor killed while the container ran leaves its cgroups (its record still
    // says running); every other exit removed them.
    if let Ok(Some(r)) = record::load(paths, id) {
        if r.state.status == Status::Running {
            super::limits::finish(&r);
        }
    }
    let mut trash = Trash::new();
    let rec = {
        let _lock = Lock::exclusive(&paths.container_lock())?;
        remove_dir_locked(paths, id, &mut trash)?
    };
    trash.empty()?;
    let Some(rec) = rec.filter(|r| volumes || r.config.auto_remove) else {
        return Ok(());
    };
    store::fault::point("remove.volumes");
    let anon = super::volumes::anonymous(&rec.config);
    crate::engine::volume::remove::remove_anonymous(paths, &anon).map(drop)
}

/// `--rm` for a container whose supervisor (a foreground CLI or a monitor) was killed before it
/// could apply it, and whose process is gone too: whoever lists containers next removes it, so
/// `ps -a` never shows it. Checked again under the lock; false when it is not (or no longer)
/// such a container. Deleting its files may need the user namespace: a caller outside leaves
/// them as a leftover the next removal collects.
pub(crate) fn sweep_abandoned(paths: &Paths, id: &str) -> bool {
    let mut trash = Trash::new();
    let gone = {
        let Ok(_lock) = Lock::exclusive(&paths.container_lock()) else {
            return false;
        };
        match record::load(paths, id) {
            Ok(Some(r)) if r.abandoned_with_rm() => {
                let _ = remove_dir_locked(paths, id, &mut trash);
                !paths.container(id).exists()
            }
            _ => false,
        }
    };
    let _ = trash.empty();
    gone
}

/// The name is released after the directory is renamed away: a kill -9 in between leaves a name
/// file whose container does not exist, which the next taker of the name finds stale.
fn remove_dir_locked(paths: &Paths, id: &str, trash: &mut Trash) -> Result<Option<Record>> {
    let rec = record::load(paths, id).ok().flatten();
    let pidfiles = rec
        .as_ref()
        .map(|r| [r.config.pidfile.clone(), r.config.conmon_pidfile.clone()]);
    let name = rec.as_ref().map(|r| r.name.clone());
    let containers = paths.containers();
    let moved = trash
        .take(&paths.container(id), &containers)
        .with_context(|| format!("cannot remove container {id}"))?;
    if !moved {
        // Another rm took it between our lookup and the lock.
        return Err(crate::error::no_such_container(id));
    }
    store::fault::point("remove.dir-gone");
    if let Some(r) = &rec {
        crate::engine::events::container(paths, r, "destroy", &[]);
    }
    if let Some(name) = name {
        super::reserve::release(paths, &name, id);
    }
    trash.claim_leftovers(&containers)?;
    // podman's: the pid files go with the container.
    for f in pidfiles.into_iter().flatten().flatten() {
        let _ = std::fs::remove_file(f);
    }
    match store::remove_tree(&paths.run_container(id)) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            Err(e).context("cannot remove the container's runtime directory")
        }
        _ => Ok(rec),
    }
}
