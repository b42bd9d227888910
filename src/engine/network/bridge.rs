//! A container on user networks: its addresses leased before the start (`allocate`, so
//! /etc/hosts can name them), a veth per network into the bridge in the rootless netns once its
//! netns exists (`join`), its names in each network's DNS file, and everything given back when
//! it ends (`leave`): the leases, the veths, its DNS records, and the rootless netns itself with
//! the last container.
use super::ipam;
use super::subnet::Cidr;
use super::user::{self, NetworkRecord};
use crate::netns::dnsconf::{self, NetworkDns};
use crate::netns::link::{self, Netlink};
use crate::netns::rootless;
use crate::runtime::proc::Identity;
use crate::store::Paths;
use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};
use std::fs::File;
use std::net::IpAddr;

/// A container's attachment to one user network (in `NetState.networks`, in order).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub(crate) struct Endpoint {
    pub(crate) name: String,
    pub(crate) network_id: String,
    /// `--network-alias` / `connect --alias`.
    pub(crate) aliases: Vec<String>,
    /// `--ip` / `connect --ip`, `--mac-address`: wanted at each start.
    pub(crate) static_ip: String,
    pub(crate) static_mac: String,
    /// This (or the last) start's interface, addresses and gateway.
    pub(crate) interface: String,
    pub(crate) ip: String,
    pub(crate) prefix: u8,
    pub(crate) gateway: String,
    pub(crate) ipv6: String,
    pub(crate) ipv6_prefix: u8,
    pub(crate) ipv6_gateway: String,
    pub(crate) mac: String,
}

/// A random locally administered unicast MAC address.
fn random_mac_bytes() -> [u8; 6] {
    let mut b = [0u8; 6];
    getrandom::fill(&mut b).expect("getrandom");
    b[0] = (b[0] & 0xfe) | 0x02;
    b
}

fn random_mac() -> String {
    random_mac_bytes()
        .iter()
        .map(|x| format!("{x:02x}"))
        .collect::<Vec<_>>()
        .join(":")
}

/// Leases the addresses of `eps` for container `id` (before its start).
pub(crate) fn allocate(paths: &Paths, id: &str, eps: &mut [Endpoint]) -> Result<()> {
    let _lock = rootless::lock(paths)?;
    for ep in eps.iter_mut() {
        let net = user::find(paths, &ep.name)?;
        allocate_one(paths, id, &net, ep)?;
    }
    Ok(())
}

fn allocate_one(paths: &Paths, id: &str, net: &NetworkRecord, ep: &mut Endpoint) -> Result<()> {
    ep.network_id = net.id.clone();
    for s in &net.subnets {
        let c: Cidr = s.subnet.parse()?;
        let gw: IpAddr = s.gateway.parse()?;
        let range = match s.ip_range.as_str() {
            "" => None,
            r => Some(r.parse::<Cidr>()?),
        };
        let wanted = match ep.static_ip.parse::<IpAddr>() {
            Ok(ip) if ip.is_ipv6() == c.is_v6() => Some(ip),
            _ => None,
        };
        let ip = ipam::lease(paths, &net.name, c, range, gw, id, wanted)?;
        if c.is_v6() {
            (ep.ipv6, ep.ipv6_prefix, ep.ipv6_gateway) = (ip.to_string(), c.prefix, gw.to_string());
        } else {
            (ep.ip, ep.prefix, ep.gateway) = (ip.to_string(), c.prefix, gw.to_string());
        }
    }
    ep.mac = match ep.static_mac.as_str() {
        "" => random_mac(),
        m => m.to_string(),
    };
    Ok(())
}

/// The host end of a container's veth: unique per container and network, within IFNAMSIZ.
fn veth_name(id: &str, net_id: &str) -> String {
    format!(
        "ve{}{}",
        &id[..6.min(id.len())],
        &net_id[..6.min(net_id.len())]
    )
}

/// Sets the container's network namespace `netns` (its init is `pid`) on its networks: the
/// rootless netns made if needed, each network's bridge, a veth per network, addresses and the
/// default route, and its DNS records (`names`: its name and aliases; `upstreams`: its
/// `--dns` servers). `netns.lock` is held only for what containers share (the namespace, the
/// bridges, skiff-dns, the DNS files): this container's own links are made outside it, so
/// containers starting together do not wait for each other's netlink work (DESIGN §3). Back
/// under the lock, the namespace those links went into is checked to be still the live one (a
/// holder killed meanwhile and made again by another command is not), and they are made again
/// there if not.
pub(crate) fn join(
    paths: &Paths,
    id: &str,
    names: &[String],
    upstreams: &[IpAddr],
    eps: &mut [Endpoint],
    pid: i32,
    netns: &File,
) -> Result<()> {
    let (mut rnl, nets, holder) = {
        let _lock = rootless::lock(paths)?;
        let (rn, mut rnl, mut st) = ensure(paths, id)?;
        let mut nets = Vec::new();
        for ep in eps.iter() {
            let net = user::find(paths, &ep.name)?;
            st = bridge(paths, &rn, &mut rnl, st, &net)?;
            nets.push(net);
        }
        let (st, _) = rootless::ensure_dns(paths, &rn, st)?;
        (rnl, nets, st.holder)
    };
    crate::store::fault::point("join.unlocked");
    let mut cnl = Netlink::open_in(netns)?;
    // The loopback device is index 1 in every network namespace.
    cnl.set_up_index(1, None)
        .context("cannot set the container's lo up")?;
    let wired = wire(paths, id, eps, &nets, pid, &mut rnl, &mut cnl, netns);
    drop(rnl);
    let _lock = rootless::lock(paths)?;
    if !rootless::is_current(paths, holder) {
        // The holder was killed meanwhile: the veths just made went into its namespace, which
        // dies with the last descriptor on it, and a command that made the namespace again did
        // not plug this container in (it had no veth yet). Once more, under the lock.
        let (rn, mut rnl, mut st) = ensure(paths, id)?;
        for net in &nets {
            st = bridge(paths, &rn, &mut rnl, st, net)?;
        }
        rootless::ensure_dns(paths, &rn, st)?;
        for ep in eps.iter() {
            let _ = cnl.delete(&ep.interface);
        }
        wire(paths, id, eps, &nets, pid, &mut rnl, &mut cnl, netns)?;
    } else {
        wired?;
    }
    for ep in eps.iter() {
        dns_add(paths, id, names, upstreams, ep)?;
    }
    Ok(())
}

/// A veth per network (`eps` and `nets` in the same order) from the bridges of the rootless
/// netns `rnl` talks to, into the container's netns, and its default route.
#[allow(clippy::too_many_arguments)]
fn wire(
    paths: &Paths,
    id: &str,
    eps: &mut [Endpoint],
    nets: &[NetworkRecord],
    pid: i32,
    rnl: &mut Netlink,
    cnl: &mut Netlink,
    netns: &File,
) -> Result<()> {
    let mut default = None;
    for (i, (ep, net)) in eps.iter_mut().zip(nets).enumerate() {
        ep.interface = format!("eth{i}");
        plug(paths, id, net, ep, pid, rnl, cnl, netns)?;
        if !net.internal && default.is_none() {
            default = Some(ep.clone());
        }
    }
    match default {
        Some(ep) => routes(cnl, &ep),
        None => Ok(()),
    }
}

/// The rootless netns (under its lock), made if needed. Made again because its holder died
/// (kill -9), it has none of the veths of the containers still running on user networks: each
/// of those (but `joining`) is plugged in again as its record says, same interfaces, addresses
/// and MACs, so it is reachable again and its DNS records true.
fn ensure(paths: &Paths, joining: &str) -> Result<(File, Netlink, rootless::State)> {
    let had = rootless::load(paths).is_some_and(|s| s.holder.is_alive());
    let (rn, mut st) = rootless::ensure(paths)?;
    let mut rnl = Netlink::open_in(&rn)?;
    if !had {
        // Leases of containers that were plugged in (a veth recorded) and still run; one
        // still starting (no veth yet) is plugged in by its own join.
        let leases: Vec<_> = ipam::all(paths, None)
            .into_iter()
            .filter(|(_, _, l)| l.id != joining && !l.veth.is_empty() && l.container.is_alive())
            .collect();
        let mut done: Vec<&str> = Vec::new();
        for (_, _, l) in &leases {
            if done.contains(&l.id.as_str()) {
                continue;
            }
            done.push(&l.id);
            let held: Vec<(&str, IpAddr)> = leases
                .iter()
                .filter(|(_, _, o)| o.id == l.id)
                .map(|(n, ip, _)| (n.as_str(), *ip))
                .collect();
            // Best effort: a container that cannot be plugged in stays cut off, as it was.
            let _ = replug(paths, &rn, &mut rnl, &mut st, &l.id, l.container.pid, &held);
        }
    }
    Ok((rn, rnl, st))
}

/// Plugs running container `id` (its init is `pid`) into the rootless netns `rn` again, on
/// the networks where its record's address is one it holds (`held`: network, address).
#[allow(clippy::too_many_arguments)]
fn replug(
    paths: &Paths,
    rn: &File,
    rnl: &mut Netlink,
    st: &mut rootless::State,
    id: &str,
    pid: i32,
    held: &[(&str, IpAddr)],
) -> Result<()> {
    let rec = crate::engine::container::record::load(paths, id)?
        .with_context(|| format!("container {id} is gone"))?;
    let netns = File::open(format!("/proc/{pid}/ns/net"))
        .with_context(|| format!("cannot open the network namespace of process {pid}"))?;
    let mut cnl = Netlink::open_in(&netns)?;
    let mut default = None;
    let mut eps = rec.net.networks.clone();
    for ep in eps.iter_mut() {
        let ours = |ip: &str| {
            ip.parse()
                .is_ok_and(|ip| held.contains(&(ep.name.as_str(), ip)))
        };
        if !ours(&ep.ip) && !ours(&ep.ipv6) {
            continue;
        }
        let net = user::find(paths, &ep.name)?;
        *st = bridge(paths, rn, rnl, st.clone(), &net)?;
        // The old namespace may not be cleaned up yet: its veth's end here goes first.
        let _ = cnl.delete(&ep.interface);
        plug(paths, id, &net, ep, pid, rnl, &mut cnl, &netns)?;
        if !net.internal && default.is_none() {
            default = Some(ep.clone());
        }
    }
    match default {
        Some(ep) => routes(&mut cnl, &ep),
        None => Ok(()),
    }
}

/// The default routes of a container through `ep`'s gateways.
fn routes(cnl: &mut Netlink, ep: &Endpoint) -> Result<()> {
    if let Ok(gw) = ep.gateway.parse() {
        cnl.add_default_route(gw)?;
    }
    if let Ok(gw) = ep.ipv6_gateway.parse() {
        cnl.add_default_route(gw)?;
    }
    Ok(())
}

/// The network's bridge in the rootless netns, with its gateway addresses and firewall rule.
fn bridge(
    paths: &Paths,
    rn: &File,
    rnl: &mut Netlink,
    st: rootless::State,
    net: &NetworkRecord,
) -> Result<rootless::State> {
    if st.bridges.contains(&net.interface) {
        return Ok(st);
    }
    rnl.add_bridge(&net.interface, net.mtu(), random_mac_bytes())?;
    for s in &net.subnets {
        let c: Cidr = s.subnet.parse()?;
        rnl.add_address(&net.interface, s.gateway.parse()?, c.prefix)?;
    }
    rootless::isolate(rn, &net.interface, net.internal)?;
    rootless::add_bridge(paths, st, &net.interface)
}

/// One veth: the host end on the bridge, the other as `ep.interface` in the container.
#[allow(clippy::too_many_arguments)]
fn plug(
    paths: &Paths,
    id: &str,
    net: &NetworkRecord,
    ep: &mut Endpoint,
    pid: i32,
    rnl: &mut Netlink,
    cnl: &mut Netlink,
    netns: &File,
) -> Result<()> {
    let veth = veth_name(id, &net.id);
    // A veth left by a start whose container namespace outlived it.
    let _ = rnl.delete(&veth);
    let mac = link::parse_mac(&ep.mac);
    let br = rnl.index(&net.interface)?.with_context(|| {
        format!(
            "the bridge {} of network {} is gone",
            net.interface, net.name
        )
    })?;
    rnl.add_veth(&veth, br, &ep.interface, netns, mac, net.mtu())?;
    let (index, mac) = cnl
        .link(&ep.interface)?
        .with_context(|| format!("interface {} did not appear in the container", ep.interface))?;
    for (ip, prefix) in [(&ep.ip, ep.prefix), (&ep.ipv6, ep.ipv6_prefix)] {
        if let Ok(ip) = ip.parse() {
            cnl.add_address_index(index, ip, prefix)
                .with_context(|| format!("cannot add address {ip}/{prefix} to {}", ep.interface))?;
        }
    }
    cnl.set_up_index(index, None)
        .with_context(|| format!("cannot set {} up", ep.interface))?;
    if !mac.is_empty() {
        ep.mac = mac;
    }
    let container = Identity::of(pid).unwrap_or_default();
    for ip in [&ep.ip, &ep.ipv6] {
        if let Ok(ip) = ip.parse() {
            ipam::update(paths, &net.name, ip, |l| {
                l.container = container;
                l.veth = veth.clone();
            })?;
        }
    }
    Ok(())
}

/// Adds the container's record to the network's DNS file (made if needed); `upstreams` are
/// its own `--dns` servers.
fn dns_add(
    paths: &Paths,
    id: &str,
    names: &[String],
    upstreams: &[IpAddr],
    ep: &Endpoint,
) -> Result<()> {
    let net = user::find(paths, &ep.name)?;
    let dir = rootless::dns_dir(paths);
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let path = NetworkDns::path(&dir, &net.name);
    let mut d = NetworkDns::load(&path)?.unwrap_or_default();
    d.name = net.name.clone();
    d.subnets = net.subnets.iter().map(|s| s.subnet.clone()).collect();
    d.internal = net.internal;
    d.upstreams = match net.internal {
        true => vec![],
        false => rootless::DNS_FORWARD.parse().into_iter().collect(),
    };
    let mut all: Vec<String> = names.to_vec();
    for a in &ep.aliases {
        if !all.contains(a) {
            all.push(a.clone());
        }
    }
    d.upsert(dnsconf::Record {
        id: id.into(),
        ips: [&ep.ip, &ep.ipv6]
            .iter()
            .filter_map(|s| s.parse().ok())
            .collect(),
        names: all,
        upstreams: upstreams.to_vec(),
    });
    d.save(&dir)
}

fn dns_remove(paths: &Paths, net: &str, id: &str) {
    let dir = rootless::dns_dir(paths);
    let path = NetworkDns::path(&dir, net);
    if let Ok(Some(mut d)) = NetworkDns::load(&path) {
        d.remove(id);
        let _ = d.save(&dir);
    }
}

/// Gives back what container `id` holds on user networks (`only`: just that network): leases,
/// veths, DNS records; the rootless netns ends when no live lease remains.
pub(crate) fn leave(paths: &Paths, id: &str, only: Option<&str>) -> Result<()> {
    if !ipam::root(paths).exists() {
        return Ok(());
    }
    // Whether another container joined its namespace: asked only when its process is gone
    // and it has a veth (records are read, never settled: settling takes this lock).
    let shared = std::cell::OnceCell::new();
    let outlives = |l: &ipam::Lease| {
        l.container.is_alive()
            || *shared
                .get_or_init(|| crate::engine::container::record::netns_joined_by_others(paths, id))
    };
    let _lock = rootless::lock(paths)?;
    let mine: Vec<_> = ipam::all(paths, only)
        .into_iter()
        .filter(|(_, _, l)| l.id == id)
        .collect();
    if !mine.is_empty() {
        // A veth goes with the container's network namespace: once its last process is gone,
        // the kernel deletes both ends of every veth in it (in the background). Deleting the
        // host end here would wait for an RCU grace period (~10-15 ms per veth) for nothing.
        // Only a namespace that lives on (the container runs: `network disconnect`, a failed
        // start; or another container joined it) has its veths deleted here.
        let doomed: Vec<&str> = mine
            .iter()
            .filter(|(_, _, l)| !l.veth.is_empty() && outlives(l))
            .map(|(_, _, l)| l.veth.as_str())
            .collect();
        if !doomed.is_empty() {
            let rn = rootless::load(paths)
                .filter(|s| s.holder.is_alive())
                .and_then(|s| rootless::open_ns(s.holder).ok());
            if let Some(mut nl) = rn.as_ref().and_then(|ns| Netlink::open_in(ns).ok()) {
                for veth in doomed {
                    let _ = nl.delete(veth);
                }
            }
        }
        for (net, ip, _) in &mine {
            ipam::drop_lease(paths, net, *ip);
            dns_remove(paths, net, id);
        }
    }
    if !ipam::any_live(paths) && rootless::load(paths).is_some() {
        rootless::stop(paths);
    }
    Ok(())
}

/// `connect` of a running container (its init is `pid`): one more network, plugged live.
pub(crate) fn connect_live(
    paths: &Paths,
    id: &str,
    names: &[String],
    upstreams: &[IpAddr],
    ep: &mut Endpoint,
    index: usize,
    pid: i32,
) -> Result<()> {
    let netns = File::open(format!("/proc/{pid}/ns/net"))
        .with_context(|| format!("cannot open the network namespace of process {pid}"))?;
    // As in `join`: the lock for what is shared, the container's own links outside it, and
    // the links made again under the lock if the rootless netns was replaced meanwhile. Its
    // other networks' veths are plugged in again by `ensure` like every running container's.
    let (mut rnl, net, holder) = {
        let _lock = rootless::lock(paths)?;
        let net = user::find(paths, &ep.name)?;
        allocate_one(paths, id, &net, ep)?;
        let (rn, mut rnl, st) = ensure(paths, "")?;
        let st = bridge(paths, &rn, &mut rnl, st, &net)?;
        let (st, _) = rootless::ensure_dns(paths, &rn, st)?;
        (rnl, net, st.holder)
    };
    crate::store::fault::point("connect.unlocked");
    let mut cnl = Netlink::open_in(&netns)?;
    ep.interface = format!("eth{index}");
    let wired = plug(paths, id, &net, ep, pid, &mut rnl, &mut cnl, &netns);
    drop(rnl);
    let _lock = rootless::lock(paths)?;
    if !rootless::is_current(paths, holder) {
        let (rn, mut rnl, st) = ensure(paths, "")?;
        let st = bridge(paths, &rn, &mut rnl, st, &net)?;
        rootless::ensure_dns(paths, &rn, st)?;
        let _ = cnl.delete(&ep.interface);
        plug(paths, id, &net, ep, pid, &mut rnl, &mut cnl, &netns)?;
    } else {
        wired?;
    }
    if !net.internal {
        // The container may have had no way out (only internal networks) before.
        let _ = routes(&mut cnl, ep);
    }
    dns_add(paths, id, names, upstreams, ep)
}
