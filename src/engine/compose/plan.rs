//! A service replica as a `ContainerConfig`: the typed request `up` hands to
//! `engine::container::run`, built from the normalised model (no CLI text in between). What a
//! service asks for that skiff cannot do is a warning naming the field, never dropped silently.
use super::model::{Healthcheck, PortConfig, Project, Service, ServiceVolume, VolumeType};
use crate::engine::network::ports::{self, Port};
use crate::engine::spec::config::{
    ContainerConfig, Dns, HealthRequest, Mount, MountKind, Network, Resources,
};
use crate::engine::spec::{parse, ulimit};
use anyhow::{bail, Context as _, Result};
use std::collections::BTreeMap;

/// Docker Compose's labels, so `ps --filter label=...` finds a project's containers.
pub(crate) const PROJECT: &str = "com.docker.compose.project";
pub(crate) const SERVICE: &str = "com.docker.compose.service";
pub(crate) const NUMBER: &str = "com.docker.compose.container-number";
pub(crate) const HASH: &str = "com.docker.compose.config-hash";
pub(crate) const ONEOFF: &str = "com.docker.compose.oneoff";
pub(crate) const WORKING_DIR: &str = "com.docker.compose.project.working_dir";
pub(crate) const CONFIG_FILES: &str = "com.docker.compose.project.config_files";
pub(crate) const NETWORK: &str = "com.docker.compose.network";
pub(crate) const VOLUME: &str = "com.docker.compose.volume";

/// Which replica of which service.
pub(crate) struct Replica<'a> {
    pub(crate) project: &'a Project,
    pub(crate) name: &'a str,
    pub(crate) service: &'a Service,
    pub(crate) number: u32,
    pub(crate) hash: &'a str,
    /// The container names of the project's services (`service:NAME` network and volumes_from
    /// name a service; its first replica is meant).
    pub(crate) first_of: &'a dyn Fn(&str) -> String,
}

/// The image a service runs: its `image`, else the name a `build:` tags (Docker Compose's
/// `PROJECT-SERVICE`).
pub(crate) fn image_name(project: &Project, name: &str, s: &Service) -> String {
    match &s.image {
        Some(i) => i.clone(),
        None => format!("{}-{name}", project.name),
    }
}

/// The container's name: `container_name`, else Docker Compose's `PROJECT-SERVICE-N`.
pub(crate) fn container_name(project: &Project, name: &str, s: &Service, n: u32) -> String {
    match &s.container_name {
        Some(c) => c.clone(),
        None => format!("{}-{name}-{n}", project.name),
    }
}

/// The replica's configuration, and warnings for what it asks that skiff does not do.
pub(crate) fn config(r: &Replica) -> Result<(ContainerConfig, Vec<String>)> {
    let s = r.service;
    let field = |f: &str| format!("service {:?}: {f}", r.name);
    let mut warnings: Vec<String> = unsupported(s)
        .into_iter()
        .map(|f| {
            format!(
                "service {:?}: field {f:?} is not supported by skiff and is ignored",
                r.name
            )
        })
        .collect();
    let (network, aliases, ip) = network(r)?;
    let c = ContainerConfig {
        image: image_name(r.project, r.name, s),
        name: Some(container_name(r.project, r.name, s, r.number)),
        command: s.command.clone().unwrap_or_default(),
        entrypoint: s.entrypoint.clone(),
        env: s
            .environment
            .iter()
            .filter_map(|(k, v)| v.as_ref().map(|v| format!("{k}={v}")))
            .collect(),
        workdir: s.working_dir.clone(),
        user: s.user.clone(),
        hostname: s.hostname.clone(),
        tty: s.tty,
        interactive: s.stdin_open,
        read_only: s.read_only,
        privileged: s.privileged,
        cap_add: caps(&s.cap_add).with_context(|| field("cap_add"))?,
        cap_drop: caps(&s.cap_drop).with_context(|| field("cap_drop"))?,
        security: parse::security(&s.security_opt).with_context(|| field("security_opt"))?,
        network,
        network_aliases: aliases,
        ip,
        ports: s
            .ports
            .iter()
            .map(port)
            .collect::<Result<_>>()
            .with_context(|| field("ports"))?,
        expose: expose(&s.expose).with_context(|| field("expose"))?,
        add_hosts: s
            .extra_hosts
            .iter()
            .map(|h| h.replacen('=', ":", 1))
            .collect(),
        dns: Dns {
            servers: s
                .dns
                .iter()
                .map(|d| {
                    d.parse()
                        .with_context(|| field(&format!("dns {d:?} is no IP address")))
                })
                .collect::<Result<_>>()?,
            search: s.dns_search.clone(),
            options: s.dns_opt.clone(),
        },
        tmpfs: s
            .tmpfs
            .iter()
            .map(|t| parse::tmpfs(t))
            .collect::<Result<_>>()?,
        mounts: mounts(r, &mut warnings)?,
        volumes_from: s.volumes_from.iter().map(|v| volumes_from(r, v)).collect(),
        resources: resources(s).with_context(|| field("resources"))?,
        restart: restart(s).with_context(|| field("restart"))?,
        labels: labels(r),
        init: s.init.unwrap_or(false),
        stop_signal: match &s.stop_signal {
            Some(sig) => parse::parse_signal(sig).map(|_| Some(sig.clone()))?,
            None => None,
        },
        stop_timeout: match &s.stop_grace_period {
            Some(d) => Some(
                parse::duration(d)
                    .with_context(|| field("stop_grace_period"))?
                    .as_secs(),
            ),
            None => None,
        },
        health: health(s.healthcheck.as_ref()).with_context(|| field("healthcheck"))?,
        group_add: parse::group_add(&s.group_add)?,
        namespaces: namespaces(r).with_context(|| field("pid/ipc"))?,
        userns: crate::engine::spec::userns::UserNs::parse(s.userns_mode.as_deref(), &[], &[])
            .with_context(|| field("userns_mode"))?,
        log: match &s.logging {
            Some(l) => {
                let opts: Vec<String> = l.options.iter().map(|(k, v)| format!("{k}={v}")).collect();
                crate::engine::spec::logging::log_config(l.driver.as_deref(), &opts)
                    .with_context(|| field("logging"))?
            }
            None => Default::default(),
        },
        ..Default::default()
    };
    Ok((c, warnings))
}

/// Fields the model carries that this mapping does not act on (beside the model's own
/// unsupported keys), named as in the file.
fn unsupported(s: &Service) -> Vec<String> {
    let mut out = s.unsupported_fields();
    let set = [
        ("domainname", s.domainname.is_some()),
        ("devices", !s.devices.is_empty()),
        ("sysctls", !s.sysctls.is_empty()),
        ("shm_size", s.shm_size.is_some()),
        ("links", !s.links.is_empty()),
        ("annotations", !s.annotations.is_empty()),
        ("platform", s.platform.is_some()),
    ];
    out.extend(set.iter().filter(|(_, on)| *on).map(|(f, _)| f.to_string()));
    out
}

/// `pid` and `ipc`: Docker's modes, and `service:NAME` for a service's first container.
fn namespaces(r: &Replica) -> Result<crate::engine::spec::config::Namespaces> {
    use crate::engine::spec::parse::NsKind;
    let mode = |kind, v: &Option<String>| {
        let v = v.as_deref().unwrap_or_default();
        let v = match v.strip_prefix("service:") {
            Some(svc) => format!("container:{}", (r.first_of)(svc)),
            None => v.to_string(),
        };
        parse::ns_mode(kind, &v)
    };
    Ok(crate::engine::spec::config::Namespaces {
        pid: mode(NsKind::Pid, &r.service.pid)?,
        ipc: mode(NsKind::Ipc, &r.service.ipc)?,
        ..Default::default()
    })
}

fn caps(v: &[String]) -> Result<Vec<String>> {
    v.iter().map(|c| parse::capability(c)).collect()
}

/// `network_mode`, else the service's networks (by their real names) with its aliases: the
/// service's name is an alias on every network, as Docker Compose makes it, so `api` answers
/// with every replica's address.
fn network(r: &Replica) -> Result<(Network, Vec<String>, String)> {
    let s = r.service;
    if let Some(mode) = &s.network_mode {
        let n = match mode.strip_prefix("service:") {
            Some(svc) => Network::Container((r.first_of)(svc)),
            None => parse::network(mode)
                .with_context(|| format!("service {:?}: network_mode {mode:?}", r.name))?,
        };
        return Ok((n, vec![], String::new()));
    }
    let mut nets: Vec<(&String, i64)> = s
        .networks
        .iter()
        .map(|(k, v)| (k, v.as_ref().and_then(|n| n.priority).unwrap_or(0)))
        .collect();
    // Docker Compose connects the highest priority first; the first is where `ip` goes.
    nets.sort_by_key(|(k, p)| (std::cmp::Reverse(*p), (*k).clone()));
    let mut names = Vec::new();
    let mut aliases = vec![r.name.to_string()];
    let mut ip = String::new();
    for (key, _) in &nets {
        let net = r.project.networks.get(*key);
        names.push(network_name(r.project, key, net));
        if let Some(Some(sn)) = s.networks.get(*key) {
            aliases.extend(sn.aliases.iter().cloned());
            if let (true, Some(a)) = (ip.is_empty(), &sn.ipv4_address) {
                ip = a.clone();
            }
        }
    }
    aliases.dedup();
    Ok((Network::User(names), aliases, ip))
}

/// A project network's real name: its `name:`, else `PROJECT_KEY`.
pub(crate) fn network_name(
    project: &Project,
    key: &str,
    net: Option<&super::model::Network>,
) -> String {
    match net.and_then(|n| n.name.clone()) {
        Some(n) => n,
        None => format!("{}_{key}", project.name),
    }
}

/// A project volume's real name: its `name:`, else `PROJECT_KEY`.
pub(crate) fn volume_name(project: &Project, key: &str) -> String {
    match project.volumes.get(key).and_then(|v| v.name.clone()) {
        Some(n) => n,
        None => format!("{}_{key}", project.name),
    }
}

fn port(p: &PortConfig) -> Result<Port> {
    let (host_port, host_range) = match p.published.as_deref() {
        None | Some("") => (0, None),
        Some(r) => match r.split_once('-') {
            Some((a, b)) => {
                let (a, b): (u16, u16) = (a.parse()?, b.parse()?);
                (0, Some((a, b)))
            }
            None => (
                r.parse()
                    .with_context(|| format!("bad published port {r:?}"))?,
                None,
            ),
        },
    };
    if !matches!(p.protocol.as_str(), "tcp" | "udp") {
        bail!("protocol {:?} is not supported: use tcp or udp", p.protocol);
    }
    Ok(Port {
        host_ip: p.host_ip.clone().unwrap_or_default(),
        host_port,
        container_port: p.target,
        proto: p.protocol.clone(),
        host_range,
    })
}

fn expose(v: &[String]) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for e in v {
        out.extend(ports::parse_expose(e)?);
    }
    Ok(out)
}

fn mounts(r: &Replica, warnings: &mut Vec<String>) -> Result<Vec<Mount>> {
    let mut out = Vec::new();
    for v in &r.service.volumes {
        out.push(mount(r, v, warnings)?);
    }
    for (kind, refs, dir) in [
        ("secrets", &r.service.secrets, "/run/secrets/"),
        ("configs", &r.service.configs, "/"),
    ] {
        for f in refs {
            let objects = match kind {
                "secrets" => &r.project.secrets,
                _ => &r.project.configs,
            };
            let Some(file) = objects.get(&f.source).and_then(|o| o.file.clone()) else {
                bail!(
                    "service {:?}: {kind} {:?}: only file sources are supported by skiff",
                    r.name,
                    f.source
                );
            };
            let target = match &f.target {
                Some(t) if t.starts_with('/') => t.clone(),
                Some(t) => format!("{dir}{t}"),
                None => format!("{dir}{}", f.source),
            };
            out.push(Mount {
                kind: MountKind::Bind,
                source: file.to_string_lossy().into_owned(),
                destination: target,
                read_only: true,
                ..Default::default()
            });
        }
    }
    Ok(out)
}

fn mount(r: &Replica, v: &ServiceVolume, warnings: &mut Vec<String>) -> Result<Mount> {
    let mut m = Mount {
        destination: v.target.clone(),
        read_only: v.read_only,
        ..Default::default()
    };
    match v.kind {
        VolumeType::Bind => {
            m.kind = MountKind::Bind;
            m.source = v.source.clone().unwrap_or_default();
            m.create_source = v.bind.as_ref().is_some_and(|b| b.create_host_path);
            if let Some(p) = v.bind.as_ref().and_then(|b| b.propagation.clone()) {
                m.propagation = p;
            }
        }
        VolumeType::Volume => {
            m.kind = MountKind::Volume;
            match &v.source {
                Some(key) => m.source = volume_name(r.project, key),
                None => m.anonymous = true,
            }
            m.nocopy = v.volume.as_ref().is_some_and(|o| o.nocopy);
        }
        VolumeType::Tmpfs => {
            m.kind = MountKind::Tmpfs;
            m.tmpfs_size = v.tmpfs.as_ref().and_then(|t| t.size);
            m.tmpfs_mode = v.tmpfs.as_ref().and_then(|t| t.mode);
        }
        other => bail!(
            "service {:?}: volume type {other:?} at {} is not supported by skiff",
            r.name,
            v.target
        ),
    }
    if v.consistency.is_some() {
        warnings.push(format!(
            "service {:?}: volume consistency has no effect on Linux",
            r.name
        ));
    }
    Ok(m)
}

/// `volumes_from: [service]` names its first container; `container:NAME` a container.
fn volumes_from(r: &Replica, v: &str) -> String {
    if let Some(c) = v.strip_prefix("container:") {
        return c.to_string();
    }
    let (svc, mode) = v.split_once(':').map_or((v, None), |(a, b)| (a, Some(b)));
    let first = (r.first_of)(svc);
    match mode {
        Some(m) => format!("{first}:{m}"),
        None => first,
    }
}

fn resources(s: &Service) -> Result<Resources> {
    let limits = s
        .deploy
        .as_ref()
        .and_then(|d| d.resources.as_ref())
        .and_then(|r| r.limits.as_ref());
    let cpus = limits.and_then(|l| l.cpus).or(s.cpus);
    let mut ulimits = Vec::new();
    for (name, u) in &s.ulimits {
        ulimits.push(ulimit::parse(&format!("{name}={}:{}", u.soft, u.hard))?);
    }
    let r = Resources {
        memory: limits
            .and_then(|l| l.memory)
            .or(s.mem_limit)
            .map(|m| m as i64),
        memory_reservation: s.mem_reservation.map(|m| m as i64),
        memory_swap: s.memswap_limit,
        nano_cpus: cpus.map(|c| (c * 1e9).round() as i64),
        cpu_shares: s.cpu_shares.map(|c| c as u64),
        cpuset_cpus: s.cpuset.clone(),
        pids_limit: limits.and_then(|l| l.pids).or(s.pids_limit),
        oom_score_adj: s.oom_score_adj.map(|a| a as i32),
        ulimits,
        ..Default::default()
    };
    crate::runtime::cgroups::check(&r.limits())?;
    Ok(r)
}

fn restart(s: &Service) -> Result<crate::engine::spec::config::RestartPolicy> {
    if let Some(r) = &s.restart {
        return parse::restart_policy(r);
    }
    let policy = s.deploy.as_ref().and_then(|d| d.restart_policy.as_ref());
    Ok(match policy.and_then(|p| p.condition.as_deref()) {
        None | Some("none") => Default::default(),
        Some("on-failure") => parse::restart_policy(&match policy.and_then(|p| p.max_attempts) {
            Some(n) => format!("on-failure:{n}"),
            None => "on-failure".into(),
        })?,
        Some("any") => parse::restart_policy("always")?,
        Some(c) => bail!("deploy.restart_policy.condition {c:?}: use none, on-failure or any"),
    })
}

fn labels(r: &Replica) -> BTreeMap<String, String> {
    let mut l = r.service.labels.clone();
    let p = r.project;
    let files: Vec<String> = p
        .compose_files
        .iter()
        .map(|f| f.to_string_lossy().into_owned())
        .collect();
    for (k, v) in [
        (PROJECT, p.name.clone()),
        (SERVICE, r.name.to_string()),
        (NUMBER, r.number.to_string()),
        (HASH, r.hash.to_string()),
        (ONEOFF, "False".to_string()),
        (WORKING_DIR, p.working_dir.to_string_lossy().into_owned()),
        (CONFIG_FILES, files.join(",")),
    ] {
        l.insert(k.to_string(), v);
    }
    l
}

fn health(h: Option<&Healthcheck>) -> Result<HealthRequest> {
    let Some(h) = h else {
        return Ok(HealthRequest::default());
    };
    let duration = |d: &Option<String>| d.as_deref().map(parse::duration).transpose();
    let none = h.test.first().is_some_and(|t| t == "NONE");
    Ok(HealthRequest {
        disable: h.disable || none,
        test: (!h.test.is_empty() && !none).then(|| h.test.clone()),
        interval: duration(&h.interval)?,
        timeout: duration(&h.timeout)?,
        start_period: duration(&h.start_period)?,
        retries: h.retries.map(|r| r as u32),
    })
}
