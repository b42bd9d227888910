//! `pause`/`unpause`: the container's processes frozen through its freezer cgroup (v1 freezer
//! or v2 cgroup.freeze), as Docker and podman do; `State.Paused` in its record. A container
//! with no freezer cgroup (nothing delegated to the user) cannot be paused: a clear error.
use super::exec::running;
use super::limits;
use super::record::{self, Record};
use crate::error::coded;
use crate::store::Paths;
use anyhow::Result;

/// Freezes the container `key`.
pub(crate) fn pause(paths: &Paths, key: &str) -> Result<Record> {
    let rec = running(paths, key)?;
    if rec.state.paused {
        return Err(coded(
            125,
            format!("container {} is already paused", rec.name),
        ));
    }
    let leaf = limits::leaf(&rec);
    if !leaf.can_freeze() {
        return Err(coded(
            125,
            format!(
                "cannot pause container {}: it has no freezer cgroup (pausing needs a delegated cgroup: see skiff-run(1), RESOURCE LIMITS)",
                rec.name
            ),
        ));
    }
    leaf.freeze(true)?;
    record::update(paths, &rec.id, |r| r.state.paused = true)?;
    crate::engine::events::container(paths, &rec, "pause", &[]);
    Ok(rec)
}

/// Thaws the container `key`.
pub(crate) fn unpause(paths: &Paths, key: &str) -> Result<Record> {
    let rec = running(paths, key)?;
    if !rec.state.paused {
        return Err(coded(125, format!("container {} is not paused", rec.name)));
    }
    limits::leaf(&rec).freeze(false)?;
    record::update(paths, &rec.id, |r| r.state.paused = false)?;
    crate::engine::events::container(paths, &rec, "unpause", &[]);
    Ok(rec)
}

/// After a signal to a paused container (stop, kill, rm -f): thawed, so that it can act on
/// it (a frozen process handles nothing, SIGKILL included on cgroup v1), as Docker does.
pub(crate) fn thaw_signalled(paths: &Paths, rec: &Record) {
    if rec.state.paused {
        let _ = limits::leaf(rec).freeze(false);
        let _ = record::update(paths, &rec.id, |r| r.state.paused = false);
    }
}
