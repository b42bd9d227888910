//! Networks as a resource (DESIGN §2): the modes a container's network can be (pasta,
//! slirp4netns, none, host, another container's), with one lifecycle: `prepare` (the files and the
//! addresses a mode gives, decided before anything runs), `attach` (once the container's netns
//! exists: the helper that gives it the outside and its published ports) and `detach` (the
//! helper ends; a detached start's helper is recorded in teardown.json instead, and released by
//! whoever sees the container's exit). `engine/container/network.rs` is the container's side.
pub(crate) mod bridge;
pub(crate) mod files;
mod helper;
pub(crate) mod ipam;
pub(crate) mod manage;
mod pasta;
pub(crate) mod ports;
pub(crate) mod proxy;
mod slirp;
pub(crate) mod subnet;
pub(crate) mod user;

use crate::engine::spec::config::Network;
use anyhow::Result;
use ports::Port;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// What a record keeps about its network.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub(crate) struct NetState {
    /// `-p` and `-P` as asked (host port 0: any free one at each start).
    pub(crate) publish: Vec<Port>,
    /// The image's EXPOSE and `--expose`, as `80/tcp`.
    pub(crate) exposed: Vec<String>,
    /// The bindings of the current (or last) start.
    pub(crate) ports: Vec<Port>,
    /// The container's address and gateway on its network (empty for none/host).
    pub(crate) ip: String,
    pub(crate) gateway: String,
    /// User networks, in order (`--network a,b`, then `connect`).
    pub(crate) networks: Vec<bridge::Endpoint>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Mode {
    Pasta,
    Slirp,
    None,
    Host,
    /// Joins the network namespace of the container with this id.
    Container(String),
    /// User networks: a veth per network into its bridge in the rootless netns.
    User(Vec<String>),
}

fn on_path(tool: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|p| std::env::split_paths(&p).any(|d| d.join(tool).is_file()))
}

/// The mode a network request comes to: the default is pasta, else slirp4netns.
pub(crate) fn mode(network: &Network) -> Result<Mode> {
    Ok(match network {
        Network::Default => {
            if on_path("pasta") {
                Mode::Pasta
            } else if on_path("slirp4netns") {
                Mode::Slirp
            } else {
                return Err(anyhow::Error::msg("the default network needs pasta (package passt) or slirp4netns, and neither is installed: install one, or use --network none"));
            }
        }
        Network::Pasta => Mode::Pasta,
        Network::Slirp4netns => Mode::Slirp,
        Network::None => Mode::None,
        Network::Host => Mode::Host,
        Network::Container(c) => Mode::Container(c.clone()),
        Network::User(n) => Mode::User(n.clone()),
    })
}

impl Mode {
    /// The request stored in the record (shown as `HostConfig.NetworkMode`).
    pub(crate) fn network(&self) -> Network {
        match self {
            Mode::Pasta => Network::Pasta,
            Mode::Slirp => Network::Slirp4netns,
            Mode::None => Network::None,
            Mode::Host => Network::Host,
            Mode::Container(id) => Network::Container(id.clone()),
            Mode::User(n) => Network::User(n.clone()),
        }
    }
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

/// The addresses a container gets on its network, and its gateway (empty for none/host).
pub(crate) fn addresses(mode: &Mode) -> (String, String) {
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
    (ip.unwrap_or_default(), gw.unwrap_or_default())
}

/// The gateway the container sees the host at (`host-gateway`, `host.containers.internal`).
pub(crate) fn host_gateway_for(mode: &Mode) -> Option<String> {
    match mode {
        Mode::Pasta => host_gateway(),
        Mode::Slirp => host_gateway().and_then(|g| host_address(&g)),
        // pasta on the rootless netns maps its gateway to the host's loopback too.
        Mode::User(_) => host_gateway(),
        _ => None,
    }
}

/// The DNS servers a mode's resolver gives the container (replacing the host's), and those to
/// fall back on when the host has only loopback ones.
pub(crate) fn dns_servers(mode: &Mode) -> (Vec<String>, &'static [&'static str]) {
    match mode {
        Mode::Slirp => (vec![slirp::DNS.into()], &[]),
        Mode::Pasta => (vec![pasta::DNS_FORWARD.into()], &[]),
        _ => (vec![], &["8.8.8.8", "8.8.4.4"]),
    }
}

/// Records a helper that outlives its starter (kind, pid) as soon as it exists.
pub(crate) type OnSpawn<'a> = helper::Record<'a>;

/// Attaches the netns of container `id` (held open as `netns`) to the network `mode` names,
/// forwarding `ports`. With `on_spawn`, the helper outlives us and is recorded by it; without,
/// it dies with us.
pub(crate) fn attach(
    run_dir: &Path,
    id: &str,
    mode: &Mode,
    netns: &std::fs::File,
    ports: &[Port],
    on_spawn: Option<OnSpawn>,
) -> Result<Attachment> {
    let helper = match mode {
        Mode::Pasta => Some(pasta::start(run_dir, netns, ports, on_spawn)?),
        Mode::Slirp => Some(slirp::start(run_dir, id, netns, ports, on_spawn)?),
        _ => None,
    };
    Ok(Attachment {
        helper,
        leave: None,
    })
}

/// What a container on user networks is joined with (see `attach_user`).
pub(crate) struct UserJoin<'a> {
    pub(crate) id: &'a str,
    /// Its name and aliases, for the DNS.
    pub(crate) names: &'a [String],
    /// Its `--dns` servers: the network's DNS forwards its other names there.
    pub(crate) upstreams: &'a [std::net::IpAddr],
    pub(crate) endpoints: &'a [bridge::Endpoint],
    pub(crate) pid: i32,
}

/// Attaches a container to its user networks (`bridge::join`) and publishes `ports` through a
/// proxy to its first address. With `on_spawn` (a detached start), the proxy outlives us and
/// teardown.json gives everything back; without, `detach` does.
pub(crate) fn attach_user(
    paths: &crate::store::Paths,
    j: &UserJoin,
    netns: &std::fs::File,
    ports: &[Port],
    on_spawn: Option<OnSpawn>,
) -> Result<Attachment> {
    let foreground = on_spawn.is_none();
    let mut eps = j.endpoints.to_vec();
    let res = (|| {
        bridge::join(paths, j.id, j.names, j.upstreams, &mut eps, j.pid, netns)?;
        let mut helper = None;
        if !ports.is_empty() {
            let target = eps.iter().find_map(|e| e.ip.parse().ok()).ok_or_else(|| {
                anyhow::Error::msg(
                    "cannot publish ports: the container has no IPv4 address on its networks",
                )
            })?;
            let rn = crate::netns::rootless::open(paths)?;
            helper = Some(proxy::start(paths, &rn, ports, target, on_spawn)?);
        } else if let Some(record) = on_spawn {
            // No helper, but teardown.json all the same: whoever sees the container gone with
            // its monitor (kill -9) gives its leases back through it.
            record("bridge", 0)?;
        }
        Ok(helper)
    })();
    match res {
        Ok(helper) => Ok(Attachment {
            helper,
            leave: foreground.then(|| (paths.clone(), j.id.to_string())),
        }),
        Err(e) => {
            let _ = bridge::leave(paths, j.id, None);
            Err(e)
        }
    }
}

/// Keeps a container's network helper alive; stops it when dropped or `stop`ped.
#[derive(Default)]
pub(crate) struct Attachment {
    helper: Option<helper::Helper>,
    /// A foreground run on user networks: what to give back at its end.
    leave: Option<(crate::store::Paths, String)>,
}

impl Attachment {
    /// Ends the helper (the container's run is over).
    pub(crate) fn detach(mut self) {
        if let Some(h) = &mut self.helper {
            h.stop();
        }
        if let Some((paths, id)) = self.leave.take() {
            let _ = bridge::leave(&paths, &id, None);
        }
    }
    /// The helper's pid and exit descriptor, for a new owner; it keeps running.
    pub(crate) fn release(mut self) -> Option<(i32, Option<std::os::fd::OwnedFd>)> {
        self.helper.take().map(helper::Helper::release)
    }
}
