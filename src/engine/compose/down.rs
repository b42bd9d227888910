//! `compose down`: the project's containers (stopped together, dependents' first in order of
//! removal), then its networks, and with `-v` its volumes. External resources are never
//! touched; a network or volume another project's container still uses is left, with a reason.
use super::model::Project;
use super::plan;
use super::state::{self, Member};
use super::up::Event;
use crate::engine::container::{lifecycle, remove};
use crate::store::Paths;
use anyhow::Result;

#[derive(Debug, Default)]
pub(crate) struct DownOptions {
    /// `-v`: named volumes of the file and the containers' anonymous volumes.
    pub(crate) volumes: bool,
    pub(crate) remove_orphans: bool,
    /// `-t`: seconds a stop waits before SIGKILL.
    pub(crate) timeout: Option<u64>,
}

/// Takes the project down; the events say what went.
pub(crate) fn down(
    paths: &Paths,
    p: &Project,
    o: &DownOptions,
    event: &mut dyn FnMut(Event),
    warn: &mut dyn FnMut(String),
) -> Result<()> {
    let mut members: Vec<Member> = state::members(paths, &p.name)?
        .into_iter()
        .filter(|m| o.remove_orphans || p.services.contains_key(&m.service))
        .collect();
    let order = super::start_order(p).unwrap_or_default();
    // Dependents first: the reverse of the start order (orphans, in no order, before all).
    members.sort_by_key(|m| std::cmp::Reverse(order.iter().position(|s| *s == m.service)));
    stop_all(paths, &members, o.timeout, event);
    for m in &members {
        let ro = remove::RemoveOptions {
            force: true,
            stop_timeout: o.timeout,
            volumes: o.volumes,
        };
        match remove::remove(paths, &m.record.id, &ro) {
            Ok(_) => event(Event {
                kind: "Container",
                name: &m.record.name,
                action: "Removed",
            }),
            Err(e) => warn(format!("container {}: {e:#}", m.record.name)),
        }
    }
    for (key, net) in &p.networks {
        if net.external {
            continue;
        }
        let name = plan::network_name(p, key, Some(net));
        match crate::engine::network::manage::remove(paths, &name, true) {
            Ok(true) => event(Event {
                kind: "Network",
                name: &name,
                action: "Removed",
            }),
            Ok(false) => {}
            Err(e) => warn(format!("{e:#}")),
        }
    }
    if o.volumes {
        for (key, v) in &p.volumes {
            if v.external {
                continue;
            }
            let name = plan::volume_name(p, key);
            match crate::engine::volume::remove::remove(paths, &name, false) {
                Ok(true) => event(Event {
                    kind: "Volume",
                    name: &name,
                    action: "Removed",
                }),
                Ok(false) => {}
                // Gone meanwhile (another `down`): nothing to say.
                Err(_)
                    if crate::engine::volume::load(paths, &name)
                        .ok()
                        .flatten()
                        .is_none() => {}
                Err(e) => warn(format!("{e:#}")),
            }
        }
    }
    Ok(())
}

/// Stops the running members at once, each in a thread of its own: a container that ignores
/// its stop signal costs the whole project one timeout, not one each.
pub(crate) fn stop_all(
    paths: &Paths,
    members: &[Member],
    timeout: Option<u64>,
    event: &mut dyn FnMut(Event),
) {
    let results: Vec<(String, Result<()>)> = std::thread::scope(|sc| {
        let handles: Vec<_> = members
            .iter()
            .filter(|m| m.running())
            .map(|m| {
                sc.spawn(move || {
                    let r = lifecycle::stop(paths, &m.record.id, timeout).map(|_| ());
                    (m.record.name.clone(), r)
                })
            })
            .collect();
        handles.into_iter().filter_map(|h| h.join().ok()).collect()
    });
    for (name, r) in results {
        if r.is_ok() {
            event(Event {
                kind: "Container",
                name: &name,
                action: "Stopped",
            });
        }
    }
}
