//! Address leases of user networks: `$run/ipam/<network>/<ip>`, made with O_EXCL, naming the
//! container, the process that started it and (once it runs) its init, and the host end of its
//! veth. A lease whose starter and container are both gone is stale: it is taken over, and
//! counts for nobody (so a `kill -9`ed monitor never keeps an address or the rootless netns).
use super::subnet::Cidr;
use crate::runtime::proc::Identity;
use crate::store::{self, Paths};
use anyhow::{bail, Context, Result};
use serde::{Deserialize, Serialize};
use std::net::IpAddr;
use std::path::PathBuf;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub(crate) struct Lease {
    pub(crate) id: String,
    pub(crate) owner: Identity,
    pub(crate) container: Identity,
    /// The veth's end in the rootless netns.
    pub(crate) veth: String,
}

impl Lease {
    pub(crate) fn is_live(&self) -> bool {
        self.owner.is_alive() || self.container.is_alive()
    }
}

pub(crate) fn root(paths: &Paths) -> PathBuf {
    paths.run.join("ipam")
}

fn dir(paths: &Paths, net: &str) -> PathBuf {
    root(paths).join(net)
}

fn file(paths: &Paths, net: &str, ip: IpAddr) -> PathBuf {
    dir(paths, net).join(ip.to_string())
}

/// Takes `ip` on `net` for container `id`; false if a live lease of another holds it.
fn take(paths: &Paths, net: &str, ip: IpAddr, id: &str) -> Result<bool> {
    let p = file(paths, net, ip);
    let lease = Lease {
        id: id.into(),
        owner: Identity::of(nix::unistd::getpid().as_raw()).unwrap_or_default(),
        ..Lease::default()
    };
    let data = serde_json::to_vec(&lease)?;
    for _ in 0..2 {
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&p)
        {
            Ok(mut f) => {
                use std::io::Write;
                f.write_all(&data)
                    .with_context(|| format!("cannot write {}", p.display()))?;
                return Ok(true);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                match store::read_json::<Lease>(&p).ok().flatten() {
                    Some(old) if old.id == id => {
                        store::write_atomic(&p, &data, false)?;
                        return Ok(true);
                    }
                    Some(old) if old.is_live() => return Ok(false),
                    _ => {
                        let _ = std::fs::remove_file(&p);
                    }
                }
            }
            Err(e) => return Err(e).with_context(|| format!("cannot create {}", p.display())),
        }
    }
    Ok(false)
}

/// Leases an address of `subnet` (from `range` if given, never the gateway) on network `net`
/// for container `id`: `wanted` (`--ip`), or the next free one after the last handed out.
pub(crate) fn lease(
    paths: &Paths,
    net: &str,
    subnet: Cidr,
    range: Option<Cidr>,
    gateway: IpAddr,
    id: &str,
    wanted: Option<IpAddr>,
) -> Result<IpAddr> {
    let d = dir(paths, net);
    std::fs::create_dir_all(&d).with_context(|| format!("cannot create {}", d.display()))?;
    if let Some(ip) = wanted {
        if !subnet.contains(ip) || ip == gateway || ip == subnet.addr {
            bail!("--ip {ip} is not a free host address of network {net} ({subnet})");
        }
        if !take(paths, net, ip, id)? {
            bail!("--ip {ip} is already in use on network {net}: choose another address");
        }
        return Ok(ip);
    }
    let pool = range.unwrap_or(subnet);
    let lo: u128 = if pool == subnet { 1 } else { 0 };
    let hi = pool.last_index().min(65536);
    let count = hi.saturating_sub(lo) + 1;
    // In turn, from the one after the last address handed out (wrapping), as netavark does:
    // an address just given back may still be on a veth the kernel is tearing down, and a
    // peer's ARP or DNS cache may still name it.
    let start = last(paths, net)
        .and_then(|ip| pool.index_of(ip))
        .filter(|n| (lo..=hi).contains(n))
        .map_or(lo, |n| n + 1);
    for k in 0..count {
        let n = lo + (start - lo + k) % count;
        let Some(ip) = pool.nth(n) else { continue };
        if ip == gateway || ip == subnet.addr || !subnet.contains(ip) {
            continue;
        }
        if take(paths, net, ip, id)? {
            set_last(paths, net, ip);
            return Ok(ip);
        }
    }
    bail!("no free address left on network {net} ({pool}): remove containers from it, or create a network with a larger --subnet")
}

/// `$run/ipam-next/<network>`: the address of the network last handed out. It outlives the
/// rootless netns (a run, rm, run in a row gets another address) and goes with the network.
fn last_file(paths: &Paths, net: &str) -> PathBuf {
    paths.run.join("ipam-next").join(net)
}

fn last(paths: &Paths, net: &str) -> Option<IpAddr> {
    std::fs::read_to_string(last_file(paths, net))
        .ok()?
        .trim()
        .parse()
        .ok()
}

/// Best effort: without it, the next lease starts from the first address again.
fn set_last(paths: &Paths, net: &str, ip: IpAddr) {
    let p = last_file(paths, net);
    if let Some(d) = p.parent() {
        let _ = std::fs::create_dir_all(d);
    }
    let _ = store::write_atomic(&p, ip.to_string().as_bytes(), false);
}

/// Forgets the allocation order of network `net` (it was removed).
pub(crate) fn forget(paths: &Paths, net: &str) {
    let _ = std::fs::remove_file(last_file(paths, net));
}

/// Every lease of network `net` (or of all networks), with its address.
pub(crate) fn all(paths: &Paths, net: Option<&str>) -> Vec<(String, IpAddr, Lease)> {
    let nets: Vec<String> = match net {
        Some(n) => vec![n.to_string()],
        None => std::fs::read_dir(root(paths))
            .map(|rd| {
                rd.flatten()
                    .filter_map(|e| e.file_name().to_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default(),
    };
    let mut out = Vec::new();
    for n in nets {
        let Ok(rd) = std::fs::read_dir(dir(paths, &n)) else {
            continue;
        };
        for e in rd.flatten() {
            let Some(ip) = e.file_name().to_str().and_then(|s| s.parse().ok()) else {
                continue;
            };
            if let Ok(Some(l)) = store::read_json::<Lease>(&e.path()) {
                out.push((n.clone(), ip, l));
            }
        }
    }
    out
}

/// Rewrites the lease of `ip` on `net` with `f`.
pub(crate) fn update(
    paths: &Paths,
    net: &str,
    ip: IpAddr,
    f: impl FnOnce(&mut Lease),
) -> Result<()> {
    let p = file(paths, net, ip);
    let mut l = store::read_json::<Lease>(&p)?.unwrap_or_default();
    f(&mut l);
    store::write_json_atomic(&p, &l, false)
}

/// Drops the lease of `ip` on `net`.
pub(crate) fn drop_lease(paths: &Paths, net: &str, ip: IpAddr) {
    let _ = std::fs::remove_file(file(paths, net, ip));
    // The network's directory goes with its last lease (it is made again when needed).
    let _ = std::fs::remove_dir(dir(paths, net));
}

/// True when some live lease remains (stale ones are removed on the way).
pub(crate) fn any_live(paths: &Paths) -> bool {
    let mut live = false;
    for (net, ip, l) in all(paths, None) {
        if l.is_live() {
            live = true;
        } else {
            drop_lease(paths, &net, ip);
        }
    }
    live
}
