//! Subnets of user networks: CIDR parsing, overlap checks, and the choice of a free
//! `10.89.N.0/24` (and `fd00:89:0:N::/64` with `--ipv6`) that no other network and no route of
//! the host uses (pasta copies the host's addressing into the rootless netns: a subnet that
//! overlapped it would shadow the way out).
use super::user::{CreateRequest, NetworkRecord, Subnet};
use anyhow::{bail, Result};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::str::FromStr;

/// An address block: its first address and prefix length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Cidr {
    pub(crate) addr: IpAddr,
    pub(crate) prefix: u8,
}

fn bits(ip: IpAddr) -> (u128, u8) {
    match ip {
        IpAddr::V4(a) => (u32::from(a) as u128, 32),
        IpAddr::V6(a) => (u128::from(a), 128),
    }
}

fn from_bits(v: u128, v6: bool) -> IpAddr {
    if v6 {
        IpAddr::V6(Ipv6Addr::from(v))
    } else {
        IpAddr::V4(Ipv4Addr::from(v as u32))
    }
}

impl Cidr {
    fn mask(&self) -> u128 {
        let (_, width) = bits(self.addr);
        if self.prefix == 0 {
            0
        } else {
            (!0u128 << (width - self.prefix)) & (!0u128 >> (128 - width as u32))
        }
    }
    pub(crate) fn is_v6(&self) -> bool {
        self.addr.is_ipv6()
    }
    pub(crate) fn contains(&self, ip: IpAddr) -> bool {
        ip.is_ipv6() == self.is_v6() && bits(ip).0 & self.mask() == bits(self.addr).0
    }
    pub(crate) fn overlaps(&self, o: &Cidr) -> bool {
        if self.is_v6() != o.is_v6() {
            return false;
        }
        let shorter = if self.prefix < o.prefix { self } else { o };
        let m = shorter.mask();
        bits(self.addr).0 & m == bits(o.addr).0 & m
    }
    /// The `n`th address of the block (0 is the network's own).
    pub(crate) fn nth(&self, n: u128) -> Option<IpAddr> {
        let (base, width) = bits(self.addr);
        let size = 1u128
            .checked_shl((width - self.prefix) as u32)
            .unwrap_or(u128::MAX);
        (n < size).then(|| from_bits(base + n, self.is_v6()))
    }
    /// The index of `ip` in the block (the inverse of `nth`), if it is in it.
    pub(crate) fn index_of(&self, ip: IpAddr) -> Option<u128> {
        self.contains(ip).then(|| bits(ip).0 - bits(self.addr).0)
    }
    /// The last usable index (the broadcast address excluded for IPv4).
    pub(crate) fn last_index(&self) -> u128 {
        let (_, width) = bits(self.addr);
        let host = (width - self.prefix) as u32;
        let size = 1u128.checked_shl(host).unwrap_or(u128::MAX);
        if self.is_v6() {
            size - 1
        } else {
            size.saturating_sub(2)
        }
    }
}

impl FromStr for Cidr {
    type Err = anyhow::Error;
    fn from_str(s: &str) -> Result<Cidr> {
        let bad = || {
            anyhow::Error::msg(format!(
                "invalid subnet {s:?}: use CIDR notation such as 10.89.5.0/24"
            ))
        };
        let (a, p) = s.split_once('/').ok_or_else(bad)?;
        let addr: IpAddr = a.parse().map_err(|_| bad())?;
        let prefix: u8 = p.parse().map_err(|_| bad())?;
        let width = bits(addr).1;
        if prefix > width || prefix == 0 {
            return Err(bad());
        }
        let c = Cidr { addr, prefix };
        let net = from_bits(bits(addr).0 & c.mask(), addr.is_ipv6());
        Ok(Cidr { addr: net, prefix })
    }
}

impl std::fmt::Display for Cidr {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "{}/{}", self.addr, self.prefix)
    }
}

/// The host's IPv4 routes (not the default one), from /proc/net/route.
pub(crate) fn host_routes() -> Vec<Cidr> {
    let text = std::fs::read_to_string("/proc/net/route").unwrap_or_default();
    text.lines()
        .skip(1)
        .filter_map(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            let dest = u32::from_str_radix(f.get(1)?, 16).ok()?;
            let mask = u32::from_str_radix(f.get(7)?, 16).ok()?;
            (mask != 0).then(|| Cidr {
                addr: IpAddr::V4(Ipv4Addr::from(dest.to_le_bytes())),
                prefix: mask.count_ones() as u8,
            })
        })
        .collect()
}

/// The subnets of a new network: the requested ones (checked against the others), or free ones.
pub(crate) fn choose(req: &CreateRequest, others: &[NetworkRecord]) -> Result<Vec<Subnet>> {
    let taken: Vec<(String, Cidr)> = others
        .iter()
        .flat_map(|n| n.cidrs().into_iter().map(|c| (n.name.clone(), c)))
        .collect();
    if req.gateways.len() > req.subnets.len() || req.ip_ranges.len() > req.subnets.len() {
        bail!("--gateway and --ip-range need a --subnet each");
    }
    let mut out = Vec::new();
    for (i, s) in req.subnets.iter().enumerate() {
        let c: Cidr = s.parse()?;
        if let Some((n, t)) = taken.iter().find(|(_, t)| t.overlaps(&c)) {
            bail!("subnet {c} overlaps with {t} of network {n}: choose another --subnet");
        }
        if out
            .iter()
            .any(|o: &Subnet| o.subnet.parse::<Cidr>().is_ok_and(|o| o.overlaps(&c)))
        {
            bail!("subnet {c} is given twice or overlaps another --subnet");
        }
        out.push(subnet_of(c, req.gateways.get(i), req.ip_ranges.get(i))?);
    }
    let has_v4 = out.iter().any(|s| !s.subnet.contains(':'));
    let has_v6 = out.iter().any(|s| s.subnet.contains(':'));
    if has_v6 && !req.ipv6 {
        bail!("an IPv6 --subnet needs --ipv6");
    }
    if !has_v4 {
        let routes = host_routes();
        let c = (0..=255u32)
            .map(|n| Cidr {
                addr: IpAddr::V4(Ipv4Addr::new(10, 89, n as u8, 0)),
                prefix: 24,
            })
            .find(|c| {
                !taken.iter().any(|(_, t)| t.overlaps(c)) && !routes.iter().any(|r| r.overlaps(c))
            })
            .ok_or_else(|| anyhow::Error::msg("no free subnet left in 10.89.0.0/16: remove unused networks (network prune) or give --subnet"))?;
        out.insert(0, subnet_of(c, None, None)?);
    }
    if req.ipv6 && !has_v6 {
        let c = (0..=0xffffu32)
            .map(|n| Cidr {
                addr: IpAddr::V6(Ipv6Addr::new(0xfd00, 0x89, 0, n as u16, 0, 0, 0, 0)),
                prefix: 64,
            })
            .find(|c| !taken.iter().any(|(_, t)| t.overlaps(c)))
            .ok_or_else(|| anyhow::Error::msg("no free IPv6 subnet left: give --subnet"))?;
        out.push(subnet_of(c, None, None)?);
    }
    Ok(out)
}

fn subnet_of(c: Cidr, gateway: Option<&String>, range: Option<&String>) -> Result<Subnet> {
    if c.last_index() < 2 {
        bail!("subnet {c} is too small for a gateway and a container");
    }
    let gw = match gateway {
        Some(g) => {
            let ip: IpAddr = g.parse().map_err(|_| {
                anyhow::Error::msg(format!("invalid --gateway {g:?}: not an IP address"))
            })?;
            if !c.contains(ip) || ip == c.addr {
                bail!("--gateway {g} is not a host address of subnet {c}");
            }
            ip
        }
        None => c.nth(1).unwrap_or(c.addr),
    };
    let ip_range = match range {
        Some(r) => {
            let rc: Cidr = r.parse()?;
            if !c.contains(rc.addr) || rc.prefix < c.prefix {
                bail!("--ip-range {r} is not inside subnet {c}");
            }
            rc.to_string()
        }
        None => String::new(),
    };
    Ok(Subnet {
        subnet: c.to_string(),
        gateway: gw.to_string(),
        ip_range,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cidrs() {
        let a: Cidr = "10.89.1.7/24".parse().unwrap();
        assert_eq!(a.to_string(), "10.89.1.0/24");
        assert!(a.overlaps(&"10.89.0.0/16".parse().unwrap()));
        assert!(!a.overlaps(&"10.89.2.0/24".parse().unwrap()));
        assert_eq!(a.nth(2), Some("10.89.1.2".parse().unwrap()));
        assert_eq!(a.last_index(), 254);
        assert!("10.89.1.0/33".parse::<Cidr>().is_err());
        assert!("nonsense".parse::<Cidr>().is_err());
        let v6: Cidr = "fd00:89::/64".parse().unwrap();
        assert!(v6.contains("fd00:89::5".parse().unwrap()));
    }
}
