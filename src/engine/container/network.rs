//! A container's network (DESIGN §4): `--network pasta|slirp4netns|none|host|container:NAME`,
//! the default one (pasta, else slirp4netns), published ports, and its /etc/hosts and
//! /etc/resolv.conf.
//!
//! `prepare` (at create) validates the flags and makes the files; `allocate` (before each start)
//! picks and checks the host ports; `attach` (once the container's namespaces exist) starts the
//! helper, which lives as long as the returned handle.
pub mod files;
mod helper;
mod pasta;
pub mod ports;
mod slirp;

use super::record::{self, Record, Status};
use crate::engine::image::ResolvedImage;
use crate::engine::spec::config::{ContainerConfig, Network};
use crate::error::{coded, ENGINE};
use crate::store::Paths;
use anyhow::Result;
use ports::Port;
use serde::{Deserialize, Serialize};

/// What a record keeps about its network.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct NetState {
    /// `-p` and `-P` as asked (host port 0: any free one at each start).
    pub publish: Vec<Port>,
    /// The image's EXPOSE and `--expose`, as `80/tcp`.
    pub exposed: Vec<String>,
    /// The bindings of the current (or last) start.
    pub ports: Vec<Port>,
    /// The container's address and gateway on its network (empty for none/host).
    pub ip: String,
    pub gateway: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    Pasta,
    Slirp,
    None,
    Host,
    /// Joins the network namespace of the container with this id.
    Container(String),
}

fn on_path(tool: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|p| std::env::split_paths(&p).any(|d| d.join(tool).is_file()))
}

/// The mode a network request comes to: the default is pasta, else slirp4netns.
pub fn mode(network: &Network) -> Result<Mode> {
    Ok(match network {
        Network::Default => {
            if on_path("pasta") {
                Mode::Pasta
            } else if on_path("slirp4netns") {
                Mode::Slirp
            } else {
                return Err(coded(ENGINE, "the default network needs pasta (package passt) or slirp4netns, and neither is installed: install one, or use --network none"));
            }
        }
        Network::Pasta => Mode::Pasta,
        Network::Slirp4netns => Mode::Slirp,
        Network::None => Mode::None,
        Network::Host => Mode::Host,
        Network::Container(c) => Mode::Container(c.clone()),
    })
}

impl Mode {
    /// The request stored in the record (shown as `HostConfig.NetworkMode`).
    pub fn network(&self) -> Network {
        match self {
            Mode::Pasta => Network::Pasta,
            Mode::Slirp => Network::Slirp4netns,
            Mode::None => Network::None,
            Mode::Host => Network::Host,
            Mode::Container(id) => Network::Container(id.clone()),
        }
    }
}

/// What `create` writes: the resolved network name, the files, and the record's `NetState`.
pub struct NetPlan {
    pub network: Network,
    pub hosts: String,
    pub resolv_conf: String,
    pub state: NetState,
}

/// The host's default-route gateway (pasta gives the container the same one, and maps it to
/// the host's loopback).
fn host_gateway() -> Option<String> {
    let routes = std::fs::read_to_string("/proc/net/route").ok()?;
    routes.lines().skip(1).find_map(|l| {
        let f: Vec<&str> = l.split_whitespace().collect();
        if f.len() > 2 && f[1] == "00000000" {
            let g = u32::from_str_radix(f[2], 16).ok()?;
            Some(std::net::Ipv4Addr::from(g.to_le_bytes()).to_string())
        } else {
            None
        }
    })
}

/// The host's own address towards `gateway` (pasta copies it into the container). A UDP
/// connect sends nothing; it only asks the kernel for the route's source address.
fn host_address(gateway: &str) -> Option<String> {
    let s = std::net::UdpSocket::bind("0.0.0.0:0").ok()?;
    s.connect((gateway, 9)).ok()?;
    Some(s.local_addr().ok()?.ip().to_string())
}

/// Validates the network flags and makes the container's hosts and resolv.conf.
pub fn prepare(
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
        return Err(coded(ENGINE, format!("cannot publish ports with --network {}: the container has no network of its own to forward to; drop -p/-P or use the default network", c.network)));
    }
    if mode == Mode::Host {
        // Docker discards published ports in host mode: the container binds the host's ports.
        publish.clear();
    }
    // Fail now, before anything exists, if a host port is taken (start checks again).
    allocate_ports(paths, &publish)?;
    let host_resolv = std::fs::read_to_string("/etc/resolv.conf").unwrap_or_default();
    let gateway = match mode {
        Mode::Pasta => host_gateway(),
        Mode::Slirp => host_gateway().and_then(|g| host_address(&g)),
        _ => None,
    };
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
                return Err(coded(ENGINE, "--dns, --dns-search, --dns-option and --add-host cannot be used with --network container:NAME: the container shares the other one's files"));
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
            let (servers, fallback): (Vec<String>, &[&str]) = match m {
                Mode::Slirp => (vec![slirp::DNS.into()], &[]),
                Mode::Pasta => (vec![pasta::DNS_FORWARD.into()], &[]),
                _ => (vec![], &["8.8.8.8", "8.8.4.4"]),
            };
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
pub fn allocate(paths: &Paths, rec: &mut Record) -> Result<()> {
    let mode = mode(&rec.config.network)?;
    rec.net.ports = allocate_ports(paths, &rec.net.publish)?;
    let (ip, gw) = match mode {
        Mode::Pasta => {
            let gw = host_gateway();
            (gw.as_deref().and_then(host_address), gw)
        }
        Mode::Slirp => (
            Some(slirp::IP.to_string()),
            Some(slirp::GATEWAY.to_string()),
        ),
        _ => (None, None),
    };
    rec.net.ip = ip.unwrap_or_default();
    rec.net.gateway = gw.unwrap_or_default();
    Ok(())
}

/// True when the container needs a helper attached after its namespaces exist.
pub fn needs_attach(rec: &Record) -> bool {
    matches!(mode(&rec.config.network), Ok(Mode::Pasta | Mode::Slirp))
}

/// Keeps a container's network helper alive; stops it when dropped or `stop`ped.
#[derive(Default)]
pub struct NetHandle {
    helper: Option<helper::Helper>,
}

impl NetHandle {
    pub fn stop(mut self) {
        if let Some(h) = &mut self.helper {
            h.stop();
        }
    }
    /// The helper's pid and exit descriptor, for a new owner; it keeps running.
    pub fn release(mut self) -> Option<(i32, Option<std::os::fd::OwnedFd>)> {
        self.helper.take().map(helper::Helper::release)
    }
}

/// Attaches the container's netns (its first process is host pid `pid`) to the network its
/// record asks for, forwarding the ports `allocate` chose. A `detached` start's helper outlives
/// us and is recorded in teardown.json (see `helper::spawn`).
pub fn attach(
    paths: &Paths,
    rec: &Record,
    pid: i32,
    netns: &std::fs::File,
    detached: bool,
) -> Result<NetHandle> {
    let mut write = |kind: &'static str, helper: i32| {
        let t = super::teardown::acquired(pid, kind, helper, &rec.net.ports);
        super::teardown::record(paths, &rec.id, &t)
    };
    let record: Option<helper::Record> = match detached {
        true => Some(&mut write),
        false => None,
    };
    let helper = match mode(&rec.config.network)? {
        Mode::Pasta => Some(pasta::start(&paths.run, netns, &rec.net.ports, record)?),
        Mode::Slirp => Some(slirp::start(
            &paths.run,
            &rec.id,
            netns,
            &rec.net.ports,
            record,
        )?),
        _ => None,
    };
    Ok(NetHandle { helper })
}

/// For `--network container:ID`: the netns to join, `/proc/PID/ns/net` of that container.
pub fn joined_netns(paths: &Paths, rec: &Record) -> Result<Option<String>> {
    let Mode::Container(id) = mode(&rec.config.network)? else {
        return Ok(None);
    };
    let other = record::find(paths, &id)?;
    if other.live_status() != Status::Running {
        return Err(coded(
            ENGINE,
            format!(
                "cannot join the network of container {}: it is not running; start it first",
                other.name
            ),
        ));
    }
    Ok(Some(format!("/proc/{}/ns/net", other.state.pid)))
}

/// Docker's PORTS column for `ps`: `0.0.0.0:8080->80/tcp` (only while running).
pub fn ports_text(rec: &Record) -> String {
    if rec.live_status() != Status::Running {
        return String::new();
    }
    ports::text(&rec.net.ports, &rec.net.exposed)
}

/// The live bindings (for `port`): none unless running.
pub fn live_ports(rec: &Record) -> &[Port] {
    if rec.live_status() == Status::Running {
        &rec.net.ports
    } else {
        &[]
    }
}

/// Adds the netns of `--network container:ID` to the spec (its pid changes with each start, so
/// config.json cannot carry it).
pub fn join_spec(paths: &Paths, rec: &Record, spec: &mut oci_spec::runtime::Spec) -> Result<()> {
    let Some(path) = joined_netns(paths, rec)? else {
        return Ok(());
    };
    super::namespaces::set_path(spec, oci_spec::runtime::LinuxNamespaceType::Network, path)
}
