//! `update`: new resource limits (and restart policy) for a container. container.json stays
//! as created; the new values go into the state (`State.updated`), laid over the config at
//! every read, so the next start, `inspect` and the monitor's restart decision all see them.
//! A running container gets them at once in its cgroups, including a cgroup its start did not
//! need (one started without `-m` has no memory cgroup): made, and its processes moved in.
use super::limits;
use super::record::{self, Record, Status, Updated};
use crate::engine::spec::config::{Resources, RestartPolicy};
use crate::error::coded;
use crate::store::Paths;
use anyhow::Result;

/// What to change: the limits given (unset ones keep their value) and a restart policy.
#[derive(Debug, Clone, Default)]
pub(crate) struct Change {
    pub(crate) resources: Resources,
    pub(crate) restart: Option<RestartPolicy>,
}

/// Applies `change` to container `key`; returns its record as updated.
pub(crate) fn update(paths: &Paths, key: &str, change: &Change) -> Result<Record> {
    let rec = record::find(paths, key)?;
    let mut res = rec.config.resources.clone();
    merge(&mut res, &change.resources);
    if res.no_cgroups && !res.limits().is_empty() {
        return Err(coded(
            125,
            format!(
                "container {} was created with --cgroups=disabled: it can hold no limits",
                rec.name
            ),
        ));
    }
    crate::runtime::cgroups::check(&res.limits())?;
    if rec.live_status() == Status::Running && res.limits() != rec.config.resources.limits() {
        let mut pids = limits::leaf(&rec).pids();
        if pids.is_empty() {
            pids.push(rec.state.pid);
        }
        limits::apply(&rec, &res, &pids)?;
    }
    let restart = change
        .restart
        .or(rec.state.updated.as_ref().and_then(|u| u.restart));
    let updated = Updated {
        resources: res,
        restart,
    };
    let done = record::update(paths, &rec.id, |r| r.state.updated = Some(updated))?;
    done.ok_or_else(|| coded(125, format!("container {} was removed meanwhile", rec.name)))
}

/// `new`'s set fields over `old` (Docker: `update` changes only what it is given).
fn merge(old: &mut Resources, new: &Resources) {
    macro_rules! take {
        ($($f:ident),*) => { $( if new.$f.is_some() { old.$f = new.$f.clone(); } )* };
    }
    take!(
        memory,
        memory_reservation,
        memory_swap,
        nano_cpus,
        cpu_shares,
        cpu_period,
        cpu_quota,
        cpuset_cpus,
        cpuset_mems,
        pids_limit,
        blkio_weight
    );
    // Docker: --cpus replaces a quota and period, and the reverse.
    if new.nano_cpus.is_some() {
        old.cpu_quota = None;
        old.cpu_period = None;
    } else if new.cpu_quota.is_some() || new.cpu_period.is_some() {
        old.nano_cpus = None;
    }
}
