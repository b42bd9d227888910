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
    let own_netns = own_netns || matches!(mode, Mode::User(_));
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
    let networks = endpoints(paths, c, &mode, &publish)?;
    let resolv_conf = match networks.first() {
        // The network's DNS, at its gateway (in the rootless netns), even with `--dns`: as
        // Docker's embedded DNS, it forwards other names to those servers (see `attach`), and
        // container names keep resolving.
        Some(first) => {
            let gw = vec![first.gateway.clone()];
            let dns = crate::engine::spec::config::Dns {
                servers: Vec::new(),
                ..c.dns.clone()
            };
            files::resolv_conf(&host_resolv, true, &gw, &[], &dns)
        }
        None => resolv_conf,
    };
    let state = NetState {
        publish,
        exposed,
        ports: Vec::new(),
        ip: String::new(),
        gateway: String::new(),
        networks,
    };
    Ok(NetPlan {
        network,
        hosts,
        resolv_conf,
        state,
        warnings,
    })
}

/// The endpoints of a container on user networks (checked to exist), with `--network-alias`,
/// `--ip` and `--mac-address`, which need one.
fn endpoints(
    paths: &Paths,
    c: &ContainerConfig,
    mode: &Mode,
    publish: &[Port],
) -> Result<Vec<resource::bridge::Endpoint>> {
    let Mode::User(names) = mode else {
        if !c.network_aliases.is_empty() || !c.ip.is_empty() || !c.mac_address.is_empty() {
            return Err(anyhow::Error::msg("--network-alias, --ip and --mac-address need a user-defined network: create one with `skiff network create NAME` and add --network NAME"));
        }
        return Ok(vec![]);
    };
    if names.len() > 1 && (!c.ip.is_empty() || !c.mac_address.is_empty()) {
        return Err(anyhow::Error::msg("--ip and --mac-address apply to one network: give a single --network, and `network connect --ip` for the others"));
    }
    if let Some(p) = publish.iter().find(|p| p.proto != "tcp") {
        return Err(anyhow::Error::msg(format!("cannot publish {}/{} on a user network: skiff forwards TCP ports of user networks only", p.container_port, p.proto)));
    }
    let mut out = Vec::new();
    for n in names {
        let net = resource::user::find(paths, n)?;
        if out
            .iter()
            .any(|e: &resource::bridge::Endpoint| e.name == net.name)
        {
            return Err(anyhow::Error::msg(format!("network {n} is given twice")));
        }
        out.push(endpoint(&net, &c.network_aliases, &c.ip, &c.mac_address)?);
    }
    Ok(out)
}

/// One endpoint on `net`, its static address and MAC checked.
pub(crate) fn endpoint(
    net: &resource::user::NetworkRecord,
    aliases: &[String],
    ip: &str,
    mac: &str,
) -> Result<resource::bridge::Endpoint> {
    if !ip.is_empty() {
        let addr: std::net::IpAddr = ip
            .parse()
            .map_err(|_| anyhow::Error::msg(format!("invalid --ip {ip:?}: not an IP address")))?;
        if !net.cidrs().iter().any(|c| c.contains(addr)) {
            return Err(anyhow::Error::msg(format!(
                "--ip {ip} is not in a subnet of network {} ({})",
                net.name,
                net.subnets
                    .iter()
                    .map(|s| s.subnet.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )));
        }
    }
    if !mac.is_empty() && crate::netns::link::parse_mac(mac).is_none() {
        return Err(anyhow::Error::msg(format!(
            "invalid --mac-address {mac:?}: use six hex pairs such as 92:d0:c6:0a:29:33"
        )));
    }
    Ok(resource::bridge::Endpoint {
        name: net.name.clone(),
        network_id: net.id.clone(),
        aliases: aliases.to_vec(),
        static_ip: ip.to_string(),
        static_mac: mac.to_ascii_lowercase(),
        // Known before any start: resolv.conf names it (the network's DNS listens there).
        gateway: net
            .subnets
            .iter()
            .find(|s| !s.gateway.contains(':'))
            .map(|s| s.gateway.clone())
            .unwrap_or_default(),
        ..Default::default()
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
    if let Mode::User(_) = mode {
        rec.net.ports = allocate_ports(paths, &rec.net.publish)?;
        for (i, ep) in rec.net.networks.iter_mut().enumerate() {
            ep.interface = format!("eth{i}");
        }
        resource::bridge::allocate(paths, &rec.id, &mut rec.net.networks)?;
        let first = rec.net.networks.first();
        rec.net.ip = first.map(|e| e.ip.clone()).unwrap_or_default();
        rec.net.gateway = first.map(|e| e.gateway.clone()).unwrap_or_default();
        return own_hosts_line(paths, rec);
    }
    rec.net.ports = allocate_ports(paths, &rec.net.publish)?;
    (rec.net.ip, rec.net.gateway) = resource::addresses(&mode);
    Ok(())
}

/// /etc/hosts names the container by its address on its (first) network, as Docker's does.
fn own_hosts_line(paths: &Paths, rec: &Record) -> Result<()> {
    let path = paths.container(&rec.id).join("hosts");
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let mut out = String::new();
    let mut placed = false;
    let line = format!("{}\t{} {}\n", rec.net.ip, rec.hostname, rec.name);
    for l in text.lines() {
        let mut w = l.split_whitespace();
        let ours = w.next().is_some() && w.any(|n| n == rec.hostname);
        if ours {
            if !placed && !rec.net.ip.is_empty() {
                out.push_str(&line);
                placed = true;
            }
            continue;
        }
        out.push_str(l);
        out.push('\n');
    }
    if !placed && !rec.net.ip.is_empty() {
        out.push_str(&line);
    }
    crate::store::write_atomic(&path, out.as_bytes(), false)
}

/// True when the container needs a helper attached after its namespaces exist.
pub(crate) fn needs_attach(rec: &Record) -> bool {
    matches!(
        mode(&rec.config.network),
        Ok(Mode::Pasta | Mode::Slirp | Mode::User(_))
    )
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
    if let Mode::User(_) = mode {
        let names = vec![rec.name.clone()];
        let j = resource::UserJoin {
            id: &rec.id,
            names: &names,
            upstreams: &rec.config.dns.servers,
            endpoints: &rec.net.networks,
            pid,
        };
        return resource::attach_user(paths, &j, netns, &rec.net.ports, on_spawn);
    }
    resource::attach(&paths.run, &rec.id, &mode, netns, &rec.net.ports, on_spawn)
}

/// `NetworkSettings.Networks`: Docker's endpoint objects per user network (addresses while
/// running only, as Docker clears them on exit).
pub(crate) fn networks_json(rec: &Record, running: bool) -> serde_json::Value {
    let mut m = serde_json::Map::new();
    for e in &rec.net.networks {
        let live = |s: &String| if running { s.clone() } else { String::new() };
        let mut aliases = e.aliases.clone();
        aliases.push(rec.short_id().to_string());
        m.insert(
            e.name.clone(),
            serde_json::json!({
                "IPAMConfig": if e.static_ip.is_empty() { serde_json::Value::Null } else { serde_json::json!({"IPv4Address": e.static_ip}) },
                "Links": null,
                "Aliases": aliases,
                "MacAddress": live(&e.mac),
                "NetworkID": e.network_id,
                "EndpointID": "",
                "Gateway": live(&e.gateway),
                "IPAddress": live(&e.ip),
                "IPPrefixLen": if running { e.prefix } else { 0 },
                "IPv6Gateway": live(&e.ipv6_gateway),
                "GlobalIPv6Address": live(&e.ipv6),
                "GlobalIPv6PrefixLen": if running { e.ipv6_prefix } else { 0 },
                "DNSNames": [rec.name.clone(), rec.short_id().to_string()],
            }),
        );
    }
    serde_json::Value::Object(m)
}

/// `NetworkSettings.MacAddress`: the first network's, while running.
pub(crate) fn mac_address(rec: &Record, running: bool) -> String {
    match (running, rec.net.networks.first()) {
        (true, Some(e)) => e.mac.clone(),
        _ => String::new(),
    }
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
