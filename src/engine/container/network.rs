//! A container's side of its network (the resource is `engine::network`): what `create`
//! decides from its config and image (published and exposed ports, /etc/hosts and
//! /etc/resolv.conf, another container's netns by id), the host ports and addresses of each
//! start (`allocate`), the helper attached once its namespaces exist (`attach`), and what
//! `ps`, `port` and `inspect` show.
use super::record::{self, Record, Status};
use crate::engine::image::ResolvedImage;
use crate::engine::network::{self as resource, ports::Port};
pub(crate) use crate::engine::network::{files, mode, ports, Attachment, Mode, NetState};
use crate::engine::spec::config::{ContainerConfig, Network};
use crate::store::Paths;
use anyhow::Result;

/// What `create` writes: the resolved network name, the files, and the record's `NetState`;
/// and what the user should hear about the flags (Docker's create warnings).
pub(crate) struct NetPlan {
    pub(crate) network: Network,
    pub(crate) hosts: String,
    pub(crate) resolv_conf: String,
    pub(crate) state: NetState,
    pub(crate) warnings: Vec<String>,
}

/// Validates the network flags and makes the container's hosts and resolv.conf.
pub(crate) fn prepare(
    paths: &Paths,
    c: &ContainerConfig,
    img: &ResolvedImage,
    hostname: &str,
) -> Result<NetPlan> {
    let mode = mode(&c.network)?;
    let mut exposed: Vec<String> = Vec::new();
    let image_expose = img
        .config
        .config()
        .as_ref()
        .and_then(|c| c.exposed_ports().clone())
        .unwrap_or_default();
    for e in image_expose.iter() {
        for k in ports::parse_expose(e)? {
            if !exposed.contains(&k) {
                exposed.push(k);
            }
        }
    }
    for k in &c.expose {
        if !exposed.contains(k) {
            exposed.push(k.clone());
        }
    }
    let mut publish: Vec<Port> = c.ports.clone();
    if c.publish_all {
        for e in &exposed {
            if !publish.iter().any(|p| &p.key() == e) {
                let (port, proto) = e.split_once('/').unwrap_or((e, "tcp"));
                let port = port.parse().unwrap_or(0);
                publish.push(Port {
                    host_ip: String::new(),
                    host_port: 0,
                    container_port: port,
                    proto: proto.into(),
                    host_range: None,
                });
            }
        }
    }
    for p in &publish {
        if !exposed.contains(&p.key()) {
            exposed.push(p.key());
        }
    }
    let own_netns = matches!(mode, Mode::Pasta | Mode::Slirp);
    if !publish.is_empty() && matches!(mode, Mode::None | Mode::Container(_)) {
        return Err(anyhow::Error::msg(format!("cannot publish ports with --network {}: the container has no network of its own to forward to; drop -p/-P or use the default network", c.network)));
    }
    let mut warnings = Vec::new();
    if mode == Mode::Host {
        // Docker discards published ports in host mode (the container binds the host's ports)
        // and says so for -p.
        if !c.ports.is_empty() {
            warnings.push("published ports are discarded when using host network mode".into());
        }
        publish.clear();
    }
    // A host port taken now is no error yet: as in Docker and podman, each start checks its
    // ports, and a container whose start failed for one stays created, to start again later.
    let host_resolv = std::fs::read_to_string("/etc/resolv.conf").unwrap_or_default();
    let gateway = resource::host_gateway_for(&mode);
    let mut extra = Vec::new();
    for a in &c.add_hosts {
        extra.push(files::add_host(a, gateway.as_deref())?);
    }
    if let (Some(gw), true) = (&gateway, own_netns) {
        // podman's name for the host, reachable from the container.
        extra.push(("host.containers.internal".into(), gw.clone()));
    }
    let (network, hosts, resolv_conf) = match &mode {
        Mode::Container(key) => {
            if !c.dns.is_empty() || !c.add_hosts.is_empty() {
                return Err(anyhow::Error::msg("--dns, --dns-search, --dns-option and --add-host cannot be used with --network container:NAME: the container shares the other one's files"));
            }
            let other = record::find(paths, key)?;
            let dir = paths.container(&other.id);
            let read = |n: &str| std::fs::read_to_string(dir.join(n)).unwrap_or_default();
            (
                Network::Container(other.id.clone()),
                read("hosts"),
                read("resolv.conf"),
            )
        }
        m => {
            let (servers, fallback) = resource::dns_servers(m);
            let r = files::resolv_conf(&host_resolv, *m != Mode::Host, &servers, fallback, &c.dns);
            (
                m.network(),
                files::hosts(*m == Mode::Host, hostname, &extra),
                r,
            )
        }
    };
    let state = NetState {
        publish,
        exposed,
        ports: Vec::new(),
        ip: String::new(),
        gateway: String::new(),
    };
    Ok(NetPlan {
        network,
        hosts,
        resolv_conf,
        state,
        warnings,
    })
}

/// The host ports for `wanted` (see `ports::allocate`). A port in use may be held by the helper
/// of a container whose monitor was killed and that no command has looked at since: what such
/// containers left is released, and the ports tried again.
fn allocate_ports(paths: &Paths, wanted: &[Port]) -> Result<Vec<Port>> {
    ports::allocate(wanted).or_else(|e| match super::teardown::collect_all(paths) {
        0 => Err(e),
        _ => ports::allocate(wanted),
    })
}

/// Before each start: the host ports (checked free) and the addresses the container will have.
pub(crate) fn allocate(paths: &Paths, rec: &mut Record) -> Result<()> {
    let mode = mode(&rec.config.network)?;
    rec.net.ports = allocate_ports(paths, &rec.net.publish)?;
    (rec.net.ip, rec.net.gateway) = resource::addresses(&mode);
    Ok(())
}

/// True when the container needs a helper attached after its namespaces exist.
pub(crate) fn needs_attach(rec: &Record) -> bool {
    matches!(mode(&rec.config.network), Ok(Mode::Pasta | Mode::Slirp))
}

/// Attaches the container's netns (its first process is host pid `pid`) to the network its
/// record asks for, forwarding the ports `allocate` chose. A `detached` start's helper outlives
/// us and is recorded in teardown.json (see `helper::spawn`).
pub(crate) fn attach(
    paths: &Paths,
    rec: &Record,
    pid: i32,
    netns: &std::fs::File,
    detached: bool,
) -> Result<Attachment> {
    let mut write = |kind: &'static str, helper: i32| {
        let t = super::teardown::acquired(pid, kind, helper, &rec.net.ports);
        super::teardown::record(paths, &rec.id, &t)
    };
    let on_spawn: Option<resource::OnSpawn> = match detached {
        true => Some(&mut write),
        false => None,
    };
    let mode = mode(&rec.config.network)?;
    resource::attach(&paths.run, &rec.id, &mode, netns, &rec.net.ports, on_spawn)
}

/// For `--network container:ID`: the netns to join, `/proc/PID/ns/net` of that container.
pub(crate) fn joined_netns(paths: &Paths, rec: &Record) -> Result<Option<String>> {
    let Mode::Container(id) = mode(&rec.config.network)? else {
        return Ok(None);
    };
    let other = record::find(paths, &id)?;
    if other.live_status() != Status::Running {
        return Err(anyhow::Error::msg(format!(
            "cannot join the network of container {}: it is not running; start it first",
            other.name
        )));
    }
    Ok(Some(format!("/proc/{}/ns/net", other.state.pid)))
}

/// Docker's PORTS column for `ps`: `0.0.0.0:8080->80/tcp` (only while running).
pub(crate) fn ports_text(rec: &Record) -> String {
    if rec.live_status() != Status::Running {
        return String::new();
    }
    ports::text(&rec.net.ports, &rec.net.exposed)
}

/// The live bindings (for `port`): none unless running.
pub(crate) fn live_ports(rec: &Record) -> &[Port] {
    if rec.live_status() == Status::Running {
        &rec.net.ports
    } else {
        &[]
    }
}

/// Adds the netns of `--network container:ID` to the spec (its pid changes with each start, so
/// config.json cannot carry it).
pub(crate) fn join_spec(
    paths: &Paths,
    rec: &Record,
    spec: &mut oci_spec::runtime::Spec,
) -> Result<()> {
    let Some(path) = joined_netns(paths, rec)? else {
        return Ok(());
    };
    super::namespaces::set_path(spec, oci_spec::runtime::LinuxNamespaceType::Network, path)
}
