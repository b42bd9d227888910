//! Checks before anything runs (references, cycles, port clashes), the start order and the
//! config hash `up` compares to decide whether a container is current.
use super::model::{Project, Service, VolumeType};
use super::ComposeError;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};

/// Every check `load` makes of a typed project.
pub(crate) fn project(p: &Project) -> Result<(), ComposeError> {
    for (name, s) in &p.services {
        references(p, name, s)?;
    }
    start_order(p)?;
    port_clashes(p)
}

fn undefined(svc: &str, kind: &str, what: &str) -> ComposeError {
    ComposeError::invalid(format!(
        "service {svc:?} refers to undefined {kind} {what:?}"
    ))
}

fn references(p: &Project, name: &str, s: &Service) -> Result<(), ComposeError> {
    for (dep, d) in &s.depends_on {
        if d.required && !p.services.contains_key(dep) {
            let why = if p.disabled_services.contains_key(dep) {
                " (not enabled by the active profiles)"
            } else {
                ""
            };
            return Err(ComposeError::invalid(format!(
                "service {name:?} depends on undefined service {dep:?}{why}"
            )));
        }
    }
    if let Some(other) = s
        .network_mode
        .as_deref()
        .and_then(|m| m.strip_prefix("service:"))
    {
        if !p.services.contains_key(other) {
            return Err(undefined(name, "service", other));
        }
    }
    for n in s.networks.keys() {
        if !p.networks.contains_key(n) {
            return Err(undefined(name, "network", n));
        }
    }
    for v in &s.volumes {
        if let (VolumeType::Volume, Some(src)) = (v.kind, &v.source) {
            if !p.volumes.contains_key(src) {
                return Err(undefined(name, "volume", src));
            }
        }
    }
    for r in &s.secrets {
        if !p.secrets.contains_key(&r.source) {
            return Err(undefined(name, "secret", &r.source));
        }
    }
    for r in &s.configs {
        if !p.configs.contains_key(&r.source) {
            return Err(undefined(name, "config", &r.source));
        }
    }
    Ok(())
}

/// The services in the order `up` starts them: each after what it depends on, ties by name.
/// A cycle is an error naming it (`a -> b -> a`).
pub fn start_order(p: &Project) -> Result<Vec<String>, ComposeError> {
    let deps = |s: &Service| -> Vec<String> {
        let mut d: Vec<String> = s
            .depends_on
            .keys()
            .filter(|d| p.services.contains_key(*d))
            .cloned()
            .collect();
        if let Some(o) = s
            .network_mode
            .as_deref()
            .and_then(|m| m.strip_prefix("service:"))
        {
            d.push(o.to_string());
        }
        d
    };
    let mut order = Vec::new();
    let mut done = BTreeSet::new();
    for name in p.services.keys() {
        visit(p, name, &deps, &mut Vec::new(), &mut done, &mut order)?;
    }
    Ok(order)
}

fn visit(
    p: &Project,
    name: &str,
    deps: &dyn Fn(&Service) -> Vec<String>,
    stack: &mut Vec<String>,
    done: &mut BTreeSet<String>,
    order: &mut Vec<String>,
) -> Result<(), ComposeError> {
    if done.contains(name) {
        return Ok(());
    }
    if let Some(i) = stack.iter().position(|s| s == name) {
        let mut cycle = stack[i..].to_vec();
        cycle.push(name.to_string());
        return Err(ComposeError::invalid(format!(
            "dependency cycle detected: {}",
            cycle.join(" -> ")
        )));
    }
    stack.push(name.to_string());
    if let Some(s) = p.services.get(name) {
        for d in deps(s) {
            visit(p, &d, deps, stack, done, order)?;
        }
    }
    stack.pop();
    done.insert(name.to_string());
    order.push(name.to_string());
    Ok(())
}

/// Two services (or two ports of one) publishing the same fixed host port and protocol on
/// overlapping addresses.
fn port_clashes(p: &Project) -> Result<(), ComposeError> {
    let mut seen: BTreeMap<(String, String), Vec<(String, String)>> = BTreeMap::new();
    for (name, s) in &p.services {
        for port in &s.ports {
            let Some(published) = port.published.as_deref().filter(|p| !p.contains('-')) else {
                continue;
            };
            let ip = port.host_ip.clone().unwrap_or_default();
            let key = (published.to_string(), port.protocol.clone());
            let users = seen.entry(key).or_default();
            let any = |i: &str| i.is_empty() || i == "0.0.0.0" || i == "::";
            if let Some((other, _)) = users.iter().find(|(_, i)| any(i) || any(&ip) || *i == ip) {
                let who = if other == name {
                    format!("service {name:?} publishes")
                } else {
                    format!("services {other:?} and {name:?} both publish")
                };
                return Err(ComposeError::invalid(format!(
                    "port clash: {who} host port {published}/{}",
                    port.protocol
                )));
            }
            users.push((name.clone(), ip));
        }
    }
    Ok(())
}

/// Docker's `com.docker.compose.config-hash`: the SHA-256 of the service's canonical JSON,
/// without what does not change its containers (replica counts, dependencies, profiles,
/// `develop`), so the same service hashes the same in every run.
pub fn config_hash(service: &Service) -> String {
    let mut s = service.clone();
    s.scale = None;
    if let Some(d) = s.deploy.as_mut() {
        d.replicas = None;
    }
    s.depends_on.clear();
    s.profiles.clear();
    s.develop = None;
    let json = serde_json::to_vec(&s).unwrap_or_default();
    hex::encode(Sha256::digest(json))
}
