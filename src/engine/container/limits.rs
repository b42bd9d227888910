//! A container's cgroups (`-m`, `--cpus`, `--pids-limit`...): made at each start, read for the
//! OOM killer's verdict and removed at its exit by whoever supervises it, and removed by `rm`
//! when a killed supervisor could not. Named by the container id, so any command finds them.
use super::record::Record;
use crate::runtime::cgroups::Leaf;
use anyhow::Result;

fn name(id: &str) -> String {
    format!("skiff-{id}")
}

/// The cgroups for a start of `rec`: for its limits, and for `stats` and `pause` where the
/// user may make them (none where nothing is delegated).
pub(crate) fn make(rec: &Record) -> Result<Option<Leaf>> {
    if rec.config.resources.no_cgroups {
        return Ok(None);
    }
    let leaf = Leaf::create(&name(&rec.id), &rec.config.resources.limits())?;
    Ok(Some(leaf).filter(|l| !l.dirs.is_empty()))
}

/// After the container's exit: whether the OOM killer struck, and the cgroups removed (found
/// again: the monitor's exit half no longer holds the start's `Leaf`).
pub(crate) fn finish(rec: &Record) -> bool {
    finish_leaf(&leaf(rec))
}

/// `finish` of the cgroups the start made.
pub(crate) fn finish_leaf(leaf: &Leaf) -> bool {
    let oom = leaf.oom_killed();
    leaf.remove();
    oom
}

/// The cgroups of `rec`'s current start (existing or not).
pub(crate) fn leaf(rec: &Record) -> Leaf {
    Leaf::find(&name(&rec.id), &rec.config.resources.limits())
}

/// `update` of a running `rec`: its cgroups made to hold `res` (see `Leaf::apply`).
pub(crate) fn apply(
    rec: &Record,
    res: &crate::engine::spec::config::Resources,
    pids: &[i32],
) -> Result<()> {
    Leaf::apply(&name(&rec.id), &res.limits(), pids).map(drop)
}
