//! The network verbs that involve containers: who uses a network, `rm`, `prune`, `connect`
//! and `disconnect` (live when the container runs).
use super::bridge;
use super::user::{self, NetworkRecord};
use crate::engine::container::record::{self, Record, Status};
use crate::engine::spec::config::Network;
use crate::store::Paths;
use anyhow::{bail, Result};

/// The containers (any state) on network `name`: (id, name, IPv4 address while running).
pub(crate) fn users(paths: &Paths, name: &str) -> Result<Vec<(String, String, String)>> {
    Ok(record::list(paths)?
        .into_iter()
        .filter(|r| r.net.networks.iter().any(|e| e.name == name))
        .map(|r| {
            let running = r.live_status() == Status::Running;
            let ip = r
                .net
                .networks
                .iter()
                .find(|e| e.name == name && running && !e.ip.is_empty())
                .map(|e| format!("{}/{}", e.ip, e.prefix))
                .unwrap_or_default();
            (r.id, r.name, ip)
        })
        .collect())
}

/// Docker's `network inspect` object for the network `name`, with the containers on it.
pub(crate) fn inspect(paths: &Paths, name: &str) -> Result<serde_json::Value> {
    let net = user::find(paths, name)?;
    Ok(user::inspect(&net, &users(paths, &net.name)?))
}

/// `network rm`: refused while a container uses it. Returns false when it did not exist and
/// `missing_ok` (`-f`).
pub(crate) fn remove(paths: &Paths, name: &str, missing_ok: bool) -> Result<bool> {
    let _lock = user::lock(paths)?;
    let net = match user::load(paths, name)? {
        Some(n) => n,
        None if missing_ok => return Ok(false),
        None => bail!("network {name} not found"),
    };
    let used = users(paths, &net.name)?;
    if !used.is_empty() {
        let names: Vec<_> = used.iter().map(|u| u.1.as_str()).collect();
        bail!(
            "network {} is in use by container(s) {}: remove them or `network disconnect` them first",
            net.name,
            names.join(", ")
        );
    }
    user::remove_record(paths, &net.name)?;
    crate::engine::events::network(paths, "destroy", &net.id, &net.name, None);
    Ok(true)
}

/// `network prune`: removes the networks no container uses and that match `keep` (filters).
pub(crate) fn prune(paths: &Paths, keep: impl Fn(&NetworkRecord) -> bool) -> Result<Vec<String>> {
    let _lock = user::lock(paths)?;
    let recs = record::list(paths)?;
    let mut out = Vec::new();
    for n in user::list(paths)? {
        let used = recs
            .iter()
            .any(|r| r.net.networks.iter().any(|e| e.name == n.name));
        if !used && keep(&n) {
            user::remove_record(paths, &n.name)?;
            crate::engine::events::network(paths, "destroy", &n.id, &n.name, None);
            out.push(n.name);
        }
    }
    Ok(out)
}

fn user_mode(r: &Record, verb: &str) -> Result<()> {
    if !matches!(r.config.network, Network::User(_)) {
        bail!(
            "cannot {verb} container {}: it uses --network {}, and only containers on user-defined networks can be connected or disconnected",
            r.name,
            r.config.network
        );
    }
    Ok(())
}

/// `network connect [--alias A] [--ip IP] NET CTR`.
pub(crate) fn connect(
    paths: &Paths,
    net: &str,
    ctr: &str,
    aliases: &[String],
    ip: &str,
) -> Result<()> {
    let net = user::find(paths, net)?;
    let r = record::find(paths, ctr)?;
    user_mode(&r, "connect")?;
    if r.net.networks.iter().any(|e| e.name == net.name) {
        bail!(
            "container {} is already connected to network {}",
            r.name,
            net.name
        );
    }
    let mut ep = crate::engine::container::network::endpoint(&net, aliases, ip, "")?;
    if r.live_status() == Status::Running {
        let used: Vec<&str> = r
            .net
            .networks
            .iter()
            .map(|e| e.interface.as_str())
            .collect();
        let index = (0..)
            .find(|i| !used.contains(&format!("eth{i}").as_str()))
            .unwrap_or(0);
        let names = vec![r.name.clone()];
        if let Err(e) = bridge::connect_live(
            paths,
            &r.id,
            &names,
            &r.config.dns.servers,
            &mut ep,
            index,
            r.state.pid,
        ) {
            let _ = bridge::leave(paths, &r.id, Some(&net.name));
            return Err(e);
        }
    }
    record::update(paths, &r.id, |x| {
        x.net.networks.retain(|e| e.name != ep.name);
        x.net.networks.push(ep.clone());
    })?;
    crate::engine::events::network(paths, "connect", &net.id, &net.name, Some(&r.id));
    Ok(())
}

/// `network disconnect NET CTR`: a running container loses the interface at once.
pub(crate) fn disconnect(paths: &Paths, net: &str, ctr: &str) -> Result<()> {
    let r = record::find(paths, ctr)?;
    let (name, id) = match user::load(paths, net)? {
        Some(n) => (n.name, n.id),
        None => (net.to_string(), String::new()),
    };
    if !r.net.networks.iter().any(|e| e.name == name) {
        bail!("container {} is not connected to network {name}", r.name);
    }
    bridge::leave(paths, &r.id, Some(&name))?;
    record::update(paths, &r.id, |x| x.net.networks.retain(|e| e.name != name))?;
    crate::engine::events::network(paths, "disconnect", &id, &name, Some(&r.id));
    Ok(())
}

/// `network ls --filter` and `network prune --filter`: name, id, driver, label, type.
#[derive(Debug, Default)]
pub(crate) struct Filters(Vec<(String, String, bool)>);

impl Filters {
    pub(crate) fn parse(specs: &[String]) -> Result<Filters> {
        let mut out = Vec::new();
        for s in specs {
            let (k, v) = s.split_once('=').ok_or_else(|| {
                anyhow::Error::msg(format!("invalid filter {s:?}: use KEY=VALUE"))
            })?;
            let (k, neg) = match k.strip_suffix('!') {
                Some(k) => (k, true),
                None => (k, false),
            };
            match k {
                "name" | "id" | "driver" | "label" | "type" => {}
                _ => bail!("invalid filter {k:?}: use name, id, driver, label or type"),
            }
            out.push((k.to_string(), v.to_string(), neg));
        }
        Ok(Filters(out))
    }

    /// Docker's rule: values of one key are alternatives, different keys must all match.
    pub(crate) fn matches(&self, n: &NetworkRecord) -> bool {
        let keys: std::collections::BTreeSet<&str> = self.0.iter().map(|f| f.0.as_str()).collect();
        keys.into_iter().all(|k| {
            let mut any = false;
            for (_, v, neg) in self.0.iter().filter(|f| f.0 == k) {
                let hit = match k {
                    "name" => n.name.contains(v.as_str()),
                    "id" => n.id.starts_with(v.as_str()),
                    "driver" => &n.driver == v,
                    "type" => v == "custom",
                    _ => match v.split_once('=') {
                        Some((lk, lv)) => n.labels.get(lk).is_some_and(|x| x == lv),
                        None => n.labels.contains_key(v.as_str()),
                    },
                };
                if *neg && hit {
                    return false;
                }
                any |= hit || *neg;
            }
            any
        })
    }
}
