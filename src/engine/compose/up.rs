//! `compose up`: the project's networks and volumes, then each service's replicas in
//! dependency order, each created through `engine::container::run` from a typed config.
//! Idempotent: a replica whose config hash is unchanged is left alone (started if stopped), a
//! changed one is recreated, so a second `up` of an unchanged project only reads records.
use super::model::{Condition, Project, Service, VolumeType};
use super::plan::{self, Replica};
use super::state::{self, Member};
use crate::engine::container::record::Status;
use crate::engine::container::{detach, lifecycle, remove, run};
use crate::engine::network::user as network;
use crate::engine::volume::create as volume;
use crate::runtime::userns::Mapping;
use crate::store::Paths;
use anyhow::{bail, Context as _, Result};
use std::collections::{BTreeMap, BTreeSet};
use std::time::{Duration, Instant};

/// What `up` was asked.
#[derive(Debug, Default)]
pub(crate) struct UpOptions {
    /// The services named (with their dependencies unless `no_deps`); empty: all.
    pub(crate) services: Vec<String>,
    pub(crate) no_deps: bool,
    pub(crate) force_recreate: bool,
    pub(crate) no_recreate: bool,
    pub(crate) no_start: bool,
    /// `--scale SERVICE=N`.
    pub(crate) scale: BTreeMap<String, u32>,
    pub(crate) remove_orphans: bool,
    /// `--wait`: return once every service is running (healthy where it has a health check).
    pub(crate) wait: bool,
    /// `-t`: how long a stop before a recreate waits.
    pub(crate) timeout: Option<u64>,
}

/// Something `up` or `down` did, for the CLI's progress lines (Docker's words).
pub(crate) struct Event<'a> {
    /// "Network", "Volume" or "Container".
    pub(crate) kind: &'static str,
    pub(crate) name: &'a str,
    /// "Created", "Recreated", "Started", "Running", "Healthy", "Stopped", "Removed", ...
    pub(crate) action: &'static str,
}

/// What `up` needs from its caller: the image of a service (built or pulled as the CLI's
/// flags say), and where to report.
pub(crate) struct Hooks<'a> {
    pub(crate) image: &'a mut dyn FnMut(&str, &Service) -> Result<run::Image>,
    pub(crate) event: &'a mut dyn FnMut(Event),
    pub(crate) warn: &'a mut dyn FnMut(String),
}

/// Brings the project up; returns the ids of the selected services' containers.
pub(crate) fn up(
    paths: &Paths,
    mapping: &Mapping,
    p: &Project,
    o: &UpOptions,
    h: &mut Hooks,
) -> Result<Vec<String>> {
    for s in o.scale.keys().chain(&o.services) {
        if !p.services.contains_key(s) {
            bail!("no such service: {s}");
        }
    }
    let selected = selected(p, &o.services, o.no_deps);
    let order: Vec<String> = super::start_order(p)?
        .into_iter()
        .filter(|s| selected.contains(s))
        .collect();
    orphans(paths, p, o, h)?;
    resources(paths, p, &selected, h)?;
    let mut recreated = BTreeSet::new();
    let mut ids = Vec::new();
    for name in &order {
        let s = &p.services[name];
        if !o.no_start {
            wait_dependencies(paths, p, name, s, &selected, h)?;
        }
        let restart_dep = s
            .depends_on
            .iter()
            .any(|(d, dep)| dep.restart && recreated.contains(d));
        let (svc_ids, changed) = converge(paths, mapping, p, name, o, restart_dep, h)?;
        if changed {
            recreated.insert(name.clone());
        }
        ids.extend(svc_ids);
    }
    if o.wait {
        for name in &order {
            wait_ready(paths, p, name, h)?;
        }
    }
    Ok(ids)
}

/// The services named and, unless `no_deps`, everything they depend on.
pub(crate) fn selected(p: &Project, names: &[String], no_deps: bool) -> BTreeSet<String> {
    if names.is_empty() {
        return p.services.keys().cloned().collect();
    }
    let mut out = BTreeSet::new();
    let mut todo: Vec<String> = names.to_vec();
    while let Some(n) = todo.pop() {
        if !out.insert(n.clone()) || no_deps {
            continue;
        }
        if let Some(s) = p.services.get(&n) {
            todo.extend(
                s.depends_on
                    .keys()
                    .filter(|d| p.services.contains_key(*d))
                    .cloned(),
            );
        }
    }
    out
}

/// The networks and volumes of the file that the services `selected` use, made if missing.
pub(crate) fn resources(
    paths: &Paths,
    p: &Project,
    selected: &BTreeSet<String>,
    h: &mut Hooks,
) -> Result<()> {
    for key in used_networks(p, selected) {
        ensure_network(paths, p, &key, h)?;
    }
    for key in used_volumes(p, selected) {
        ensure_volume(paths, p, &key, h)?;
    }
    Ok(())
}

fn orphans(paths: &Paths, p: &Project, o: &UpOptions, h: &mut Hooks) -> Result<()> {
    let orphans: Vec<Member> = state::members(paths, &p.name)?
        .into_iter()
        .filter(|m| !m.oneoff && !p.services.contains_key(&m.service))
        .collect();
    if orphans.is_empty() {
        return Ok(());
    }
    if !o.remove_orphans {
        let names: Vec<&str> = orphans.iter().map(|m| m.record.name.as_str()).collect();
        (h.warn)(format!(
            "found orphan containers ({}) for this project: if you removed or renamed this service in your compose file, run this command with --remove-orphans to clean them up",
            names.join(", ")
        ));
        return Ok(());
    }
    for m in orphans {
        remove_member(paths, &m, o.timeout)?;
        (h.event)(Event {
            kind: "Container",
            name: &m.record.name,
            action: "Removed",
        });
    }
    Ok(())
}

fn used_networks(p: &Project, selected: &BTreeSet<String>) -> BTreeSet<String> {
    selected
        .iter()
        .filter_map(|s| p.services.get(s))
        .filter(|s| s.network_mode.is_none())
        .flat_map(|s| s.networks.keys().cloned())
        .collect()
}

fn used_volumes(p: &Project, selected: &BTreeSet<String>) -> BTreeSet<String> {
    selected
        .iter()
        .filter_map(|s| p.services.get(s))
        .flat_map(|s| s.volumes.iter())
        .filter(|v| v.kind == VolumeType::Volume)
        .filter_map(|v| v.source.clone())
        .filter(|k| p.volumes.contains_key(k))
        .collect()
}

fn ensure_network(paths: &Paths, p: &Project, key: &str, h: &mut Hooks) -> Result<()> {
    let net = p.networks.get(key);
    let name = plan::network_name(p, key, net);
    if network::load(paths, &name)?.is_some() {
        return Ok(());
    }
    let net = net.cloned().unwrap_or_default();
    if net.external {
        bail!("network {name} declared as external, but could not be found");
    }
    let pools = net.ipam.iter().flat_map(|i| i.config.iter());
    let mut labels = net.labels.clone();
    labels.insert(plan::PROJECT.into(), p.name.clone());
    labels.insert(plan::NETWORK.into(), key.into());
    let req = network::CreateRequest {
        name: name.clone(),
        driver: net.driver.clone().filter(|d| d != "bridge"),
        subnets: pools.clone().filter_map(|c| c.subnet.clone()).collect(),
        gateways: pools.clone().filter_map(|c| c.gateway.clone()).collect(),
        ip_ranges: pools.filter_map(|c| c.ip_range.clone()).collect(),
        internal: net.internal,
        ipv6: net.enable_ipv6.unwrap_or(false),
        labels,
        options: net.driver_opts.clone(),
        ignore: true,
    };
    let (_, created) = network::create(paths, &req).with_context(|| format!("network {key:?}"))?;
    if created {
        (h.event)(Event {
            kind: "Network",
            name: &name,
            action: "Created",
        });
    }
    Ok(())
}

fn ensure_volume(paths: &Paths, p: &Project, key: &str, h: &mut Hooks) -> Result<()> {
    let v = p.volumes.get(key).cloned().unwrap_or_default();
    let name = plan::volume_name(p, key);
    if crate::engine::volume::load(paths, &name)?.is_some() {
        return Ok(());
    }
    if v.external {
        bail!("external volume {name:?} not found");
    }
    let mut labels = v.labels.clone();
    labels.insert(plan::PROJECT.into(), p.name.clone());
    labels.insert(plan::VOLUME.into(), key.into());
    let req = volume::VolumeRequest {
        name: Some(name.clone()),
        driver: v.driver.clone(),
        labels,
        options: v.driver_opts.clone(),
        anonymous: false,
    };
    let (_, created) = volume::create(paths, &req).with_context(|| format!("volume {key:?}"))?;
    if created {
        (h.event)(Event {
            kind: "Volume",
            name: &name,
            action: "Created",
        });
    }
    Ok(())
}

/// Makes the service's replicas what the file says: removes extra ones, recreates changed
/// ones, creates missing ones, starts stopped ones. Returns their ids and whether any was
/// (re)created.
fn converge(
    paths: &Paths,
    mapping: &Mapping,
    p: &Project,
    name: &str,
    o: &UpOptions,
    restart_dep: bool,
    h: &mut Hooks,
) -> Result<(Vec<String>, bool)> {
    let s = &p.services[name];
    let want = o
        .scale
        .get(name)
        .copied()
        .or(s.deploy.as_ref().and_then(|d| d.replicas))
        .or(s.scale)
        .unwrap_or(1);
    if want > 1 && s.container_name.is_some() {
        bail!("service {name:?} has container_name set and cannot be scaled to {want}");
    }
    let hash = super::config_hash(s);
    let have: Vec<Member> = state::members(paths, &p.name)?
        .into_iter()
        .filter(|m| m.service == name && !m.oneoff)
        .collect();
    for m in have.iter().filter(|m| m.number > want) {
        remove_member(paths, m, o.timeout)?;
        (h.event)(Event {
            kind: "Container",
            name: &m.record.name,
            action: "Removed",
        });
    }
    let mut ids = Vec::new();
    let mut changed = false;
    for n in 1..=want {
        let old = have.iter().find(|m| m.number == n);
        let stale = old.is_some_and(|m| m.hash != hash);
        let id = match old {
            Some(m) if !(o.force_recreate || (stale && !o.no_recreate)) => {
                if restart_dep && m.running() {
                    lifecycle::stop(paths, &m.record.id, o.timeout)?;
                }
                keep(paths, m, o.no_start, restart_dep, h)?
            }
            _ => {
                if let Some(m) = old {
                    remove_member(paths, m, o.timeout)?;
                }
                changed = true;
                let action = if old.is_some() {
                    "Recreated"
                } else {
                    "Created"
                };
                create(paths, mapping, p, name, n, &hash, o.no_start, action, h)?
            }
        };
        ids.push(id);
    }
    Ok((ids, changed))
}

/// An unchanged replica: started if it is not running.
fn keep(
    paths: &Paths,
    m: &Member,
    no_start: bool,
    restarted: bool,
    h: &mut Hooks,
) -> Result<String> {
    let running = !restarted && m.running();
    if !running && !no_start {
        detach::start(paths, &m.record.id)?;
        let action = if restarted { "Restarted" } else { "Started" };
        (h.event)(Event {
            kind: "Container",
            name: &m.record.name,
            action,
        });
    } else {
        (h.event)(Event {
            kind: "Container",
            name: &m.record.name,
            action: "Running",
        });
    }
    Ok(m.record.id.clone())
}

#[allow(clippy::too_many_arguments)]
fn create(
    paths: &Paths,
    mapping: &Mapping,
    p: &Project,
    name: &str,
    number: u32,
    hash: &str,
    no_start: bool,
    action: &'static str,
    h: &mut Hooks,
) -> Result<String> {
    let s = &p.services[name];
    let first_of = |svc: &str| match p.services.get(svc) {
        Some(o) => plan::container_name(p, svc, o, 1),
        None => svc.to_string(),
    };
    let replica = Replica {
        project: p,
        name,
        service: s,
        number,
        hash,
        first_of: &first_of,
    };
    let (config, warnings) = plan::config(&replica)?;
    if number == 1 {
        warnings.into_iter().for_each(|w| (h.warn)(w));
    }
    let image = (h.image)(name, s)?;
    let created = run::create(paths, mapping, config, image, &mut |_| {})?;
    let id = created.record.id.clone();
    let cname = created.record.name.clone();
    created.warnings.iter().for_each(|w| (h.warn)(w.clone()));
    (h.event)(Event {
        kind: "Container",
        name: &cname,
        action,
    });
    if !no_start {
        run::start(paths, created, run::Mode::Detached)?;
        (h.event)(Event {
            kind: "Container",
            name: &cname,
            action: "Started",
        });
    }
    Ok(id)
}

/// Stops (gracefully, as `stop` does) and removes a container.
pub(crate) fn remove_member(paths: &Paths, m: &Member, timeout: Option<u64>) -> Result<()> {
    if m.running() {
        lifecycle::stop(paths, &m.record.id, timeout)?;
    }
    let o = remove::RemoveOptions {
        force: true,
        stop_timeout: timeout,
        volumes: false,
    };
    remove::remove(paths, &m.record.id, &o).map(|_| ())
}

/// Waits until `name`'s dependencies meet their `depends_on` conditions.
fn wait_dependencies(
    paths: &Paths,
    p: &Project,
    name: &str,
    s: &Service,
    selected: &BTreeSet<String>,
    h: &mut Hooks,
) -> Result<()> {
    for (dep, d) in &s.depends_on {
        if !selected.contains(dep) || d.condition == Condition::ServiceStarted {
            continue;
        }
        let deadline = Instant::now() + Duration::from_secs(600);
        loop {
            let ms: Vec<Member> = state::members(paths, &p.name)?
                .into_iter()
                .filter(|m| &m.service == dep && !m.oneoff)
                .collect();
            if met(&ms, dep, d.condition)? {
                if d.condition == Condition::ServiceHealthy {
                    for m in &ms {
                        (h.event)(Event {
                            kind: "Container",
                            name: &m.record.name,
                            action: "Healthy",
                        });
                    }
                }
                break;
            }
            if Instant::now() > deadline {
                bail!("service {name:?}: gave up waiting for {dep:?} after 10 minutes");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
    Ok(())
}

/// Whether a dependency's containers meet `c`; an error when they never will.
fn met(ms: &[Member], dep: &str, c: Condition) -> Result<bool> {
    for m in ms {
        let r = &m.record;
        match c {
            Condition::ServiceStarted => {}
            Condition::ServiceHealthy => {
                if r.healthcheck.is_none() {
                    bail!(
                        "dependency failed to start: container {} has no healthcheck configured",
                        r.name
                    );
                }
                match r.state.health.as_ref().map(|h| h.status.as_str()) {
                    Some("healthy") => {}
                    Some("unhealthy") => bail!(
                        "dependency failed to start: container {} is unhealthy",
                        r.name
                    ),
                    _ if r.live_status() != Status::Running => {
                        bail!(
                            "dependency failed to start: container {} exited ({})",
                            r.name,
                            r.state.exit_code
                        )
                    }
                    _ => return Ok(false),
                }
            }
            Condition::ServiceCompletedSuccessfully => match r.live_status() {
                Status::Exited if r.state.exit_code == 0 => {}
                Status::Exited => bail!(
                    "service {dep:?} didn't complete successfully: exit {}",
                    r.state.exit_code
                ),
                _ => return Ok(false),
            },
        }
    }
    Ok(!ms.is_empty())
}

/// `--wait`: the service's containers running, and healthy where they have a health check.
fn wait_ready(paths: &Paths, p: &Project, name: &str, h: &mut Hooks) -> Result<()> {
    let deadline = Instant::now() + Duration::from_secs(600);
    loop {
        let ms: Vec<Member> = state::members(paths, &p.name)?
            .into_iter()
            .filter(|m| m.service == name && !m.oneoff)
            .collect();
        let mut ready = true;
        for m in &ms {
            if !m.running() {
                bail!(
                    "container {} exited ({})",
                    m.record.name,
                    m.record.state.exit_code
                );
            }
            if m.record.healthcheck.is_some() {
                match m.record.state.health.as_ref().map(|h| h.status.as_str()) {
                    Some("healthy") => {}
                    Some("unhealthy") => bail!("container {} is unhealthy", m.record.name),
                    _ => ready = false,
                }
            }
        }
        if ready {
            for m in &ms {
                let action = if m.record.healthcheck.is_some() {
                    "Healthy"
                } else {
                    "Running"
                };
                (h.event)(Event {
                    kind: "Container",
                    name: &m.record.name,
                    action,
                });
            }
            return Ok(());
        }
        if Instant::now() > deadline {
            bail!("service {name:?} was not ready after 10 minutes");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}
