//! What `skiff-dns` serves: every `DIR/*.json` (a `NetworkDns` each), kept fresh without a
//! signal. Before a query is answered, the files of the networks it concerns are stat'ed and
//! re-read when their mtime, size or inode changed (skiff replaces them by rename), and the
//! directory is rescanned when its own mtime changed (a network was added or removed) or when
//! the client's address falls in no known subnet (a network made since the last scan).
use super::dnsconf::NetworkDns;
use std::net::IpAddr;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

/// A network file larger than this is skipped: skiff writes a few hundred bytes per container,
/// and the server's memory stays bounded whatever lands in the directory.
const MAX_FILE: u64 = 16 << 20;
/// At most this many networks are served (more files are ignored, in name order).
const MAX_NETWORKS: usize = 1024;

/// What identifies one version of a file: a rename gives a new inode, an edit in place a new
/// mtime or size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    ino: u64,
    size: u64,
    mtime: i64,
    mtime_ns: i64,
}

impl Stamp {
    fn of(meta: &std::fs::Metadata) -> Stamp {
        Stamp {
            ino: meta.ino(),
            size: meta.size(),
            mtime: meta.mtime(),
            mtime_ns: meta.mtime_nsec(),
        }
    }
}

/// A subnet as `10.89.0.0/24` or `fd00::/64`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Subnet {
    addr: IpAddr,
    prefix: u8,
}

impl Subnet {
    /// Parses `ADDR/PREFIX` (a bare address is a host route); `None` when malformed.
    pub fn parse(text: &str) -> Option<Subnet> {
        let (addr, prefix) = match text.split_once('/') {
            Some((a, p)) => (a.parse().ok()?, p.parse().ok()?),
            None => {
                let a: IpAddr = text.parse().ok()?;
                (a, if a.is_ipv4() { 32 } else { 128 })
            }
        };
        let max = if matches!(addr, IpAddr::V4(_)) {
            32
        } else {
            128
        };
        (prefix <= max).then_some(Subnet { addr, prefix })
    }

    /// Whether `ip` is in the subnet (an IPv4-mapped IPv6 address counts as IPv4).
    pub fn contains(&self, ip: IpAddr) -> bool {
        match (self.addr, canonical(ip)) {
            (IpAddr::V4(net), IpAddr::V4(ip)) => {
                let mask = u32::MAX
                    .checked_shl(32 - u32::from(self.prefix))
                    .unwrap_or(0);
                u32::from(net) & mask == u32::from(ip) & mask
            }
            (IpAddr::V6(net), IpAddr::V6(ip)) => {
                let mask = u128::MAX
                    .checked_shl(128 - u32::from(self.prefix))
                    .unwrap_or(0);
                u128::from(net) & mask == u128::from(ip) & mask
            }
            _ => false,
        }
    }
}

/// `::ffff:a.b.c.d` as `a.b.c.d`: what a dual-stack socket reports for an IPv4 client.
pub fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6
            .to_ipv4_mapped()
            .map(IpAddr::V4)
            .unwrap_or(IpAddr::V6(v6)),
        v4 => v4,
    }
}

/// One network as last read.
#[derive(Debug)]
struct Loaded {
    path: PathBuf,
    stamp: Stamp,
    subnets: Vec<Subnet>,
    dns: NetworkDns,
}

/// Every network of the directory, as fresh as the last query needed.
#[derive(Debug)]
pub struct Zones {
    dir: PathBuf,
    dir_stamp: Option<Stamp>,
    nets: Vec<Loaded>,
}

impl Zones {
    /// Serves `dir`; it is read at the first query (and may not exist yet).
    pub fn new(dir: &Path) -> Zones {
        Zones {
            dir: dir.to_path_buf(),
            dir_stamp: None,
            nets: Vec::new(),
        }
    }

    /// The networks of the client at `source`: those whose subnets hold it and, when it is a
    /// container of theirs, every other network that container is on (as Docker's DNS answers
    /// a container on two networks the names of both, whichever address it asks from). Each
    /// is re-read first if its file changed.
    pub fn for_source(&mut self, source: IpAddr) -> Vec<&NetworkDns> {
        let dir_stamp = std::fs::metadata(&self.dir).ok().map(|m| Stamp::of(&m));
        let known = self.nets.iter().any(|n| n.holds(source));
        if dir_stamp != self.dir_stamp || !known {
            self.rescan(dir_stamp);
        } else {
            for net in self.nets.iter_mut().filter(|n| n.holds(source)) {
                net.refresh();
            }
            // A file that vanished since the last scan lost its stamp in refresh.
            self.nets.retain(|n| n.stamp.ino != 0);
        }
        let ids: Vec<String> = self
            .nets
            .iter()
            .filter(|n| n.holds(source))
            .flat_map(|n| n.dns.records.iter())
            .filter(|r| r.ips.iter().any(|ip| canonical(*ip) == source))
            .map(|r| r.id.clone())
            .collect();
        if !ids.is_empty() {
            for net in self.nets.iter_mut().filter(|n| !n.holds(source)) {
                net.refresh();
            }
            self.nets.retain(|n| n.stamp.ino != 0);
        }
        let has_client = |n: &Loaded| n.dns.records.iter().any(|r| ids.contains(&r.id));
        self.nets
            .iter()
            .filter(|n| n.holds(source) || has_client(n))
            .map(|n| &n.dns)
            .collect()
    }

    /// Reads the directory again: new files are loaded, changed ones re-read, gone ones dropped.
    fn rescan(&mut self, dir_stamp: Option<Stamp>) {
        self.dir_stamp = dir_stamp;
        let mut paths: Vec<PathBuf> = match std::fs::read_dir(&self.dir) {
            Ok(rd) => rd
                .filter_map(|e| e.ok())
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "json"))
                .collect(),
            Err(_) => Vec::new(),
        };
        paths.sort();
        paths.truncate(MAX_NETWORKS);
        let mut old = std::mem::take(&mut self.nets);
        for path in paths {
            let net = match old.iter().position(|n| n.path == path) {
                Some(i) => {
                    let mut n = old.swap_remove(i);
                    n.refresh();
                    Some(n)
                }
                None => Loaded::read(path),
            };
            self.nets.extend(net.filter(|n| n.stamp.ino != 0));
        }
    }
}

impl Loaded {
    fn holds(&self, ip: IpAddr) -> bool {
        self.subnets.iter().any(|s| s.contains(ip))
    }

    /// Reads a network file; `None` when it is gone, too large or not a network.
    fn read(path: PathBuf) -> Option<Loaded> {
        let (stamp, dns) = read_file(&path)?;
        let subnets = dns
            .subnets
            .iter()
            .filter_map(|s| Subnet::parse(s))
            .collect();
        Some(Loaded {
            path,
            stamp,
            subnets,
            dns,
        })
    }

    /// Re-reads the file if it changed. A file that is gone leaves an empty stamp (dropped by
    /// the caller); one that cannot be parsed keeps the last good records (skiff replaces
    /// files whole, so that is a transient state at worst).
    fn refresh(&mut self) {
        let meta = match std::fs::metadata(&self.path) {
            Ok(m) => m,
            Err(_) => {
                self.stamp.ino = 0;
                self.subnets.clear();
                return;
            }
        };
        if Stamp::of(&meta) == self.stamp {
            return;
        }
        if let Some(new) = Loaded::read(self.path.clone()) {
            *self = new;
        }
    }
}

/// The stamp and contents of one network file, stamped before reading so that a change during
/// the read is seen at the next query.
fn read_file(path: &Path) -> Option<(Stamp, NetworkDns)> {
    use std::io::Read;
    let f = std::fs::File::open(path).ok()?;
    let meta = f.metadata().ok()?;
    if !meta.is_file() || meta.size() > MAX_FILE {
        return None;
    }
    let mut data = Vec::with_capacity(meta.size() as usize);
    f.take(MAX_FILE).read_to_end(&mut data).ok()?;
    let dns: NetworkDns = serde_json::from_slice(&data).ok()?;
    Some((Stamp::of(&meta), dns))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::netns::dnsconf::Record;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn subnets_hold_their_addresses_only() {
        let s = Subnet::parse("10.89.7.0/24").unwrap();
        assert!(s.contains(ip("10.89.7.200")));
        assert!(s.contains(ip("::ffff:10.89.7.3")));
        assert!(!s.contains(ip("10.89.8.1")));
        assert!(!s.contains(ip("fd00::1")));
        let s6 = Subnet::parse("fd89:7::/64").unwrap();
        assert!(s6.contains(ip("fd89:7::5")));
        assert!(!s6.contains(ip("fd89:8::5")));
        assert!(Subnet::parse("0.0.0.0/0").unwrap().contains(ip("1.2.3.4")));
        assert!(Subnet::parse("10.0.0.0/33").is_none());
        assert!(Subnet::parse("nonsense").is_none());
        assert!(Subnet::parse("10.1.2.3").unwrap().contains(ip("10.1.2.3")));
    }

    fn net(name: &str, subnet: &str, names: &[&str], addr: &str) -> NetworkDns {
        NetworkDns {
            name: name.into(),
            subnets: vec![subnet.into()],
            records: vec![Record {
                id: "0123456789abcdef".into(),
                ips: vec![ip(addr)],
                names: names.iter().map(|s| s.to_string()).collect(),
                ..Default::default()
            }],
            ..Default::default()
        }
    }

    #[test]
    fn a_container_on_two_networks_gets_the_names_of_both() {
        let dir = tempfile::tempdir().unwrap();
        let mut z = Zones::new(dir.path());
        let mut a = net("a", "10.89.7.0/24", &["db"], "10.89.7.2");
        let mut b = net("b", "10.89.8.0/24", &["web"], "10.89.8.2");
        let both = Record {
            id: "bbbbbbbbbbbbbbbb".into(),
            ips: vec![ip("10.89.7.9")],
            names: vec!["both".into()],
            ..Default::default()
        };
        a.upsert(both.clone());
        a.save(dir.path()).unwrap();
        b.save(dir.path()).unwrap();
        // Not on b yet: a's names only.
        assert_eq!(z.for_source(ip("10.89.7.9")).len(), 1);
        b.upsert(Record {
            ips: vec![ip("10.89.8.9")],
            ..both
        });
        b.save(dir.path()).unwrap();
        for from in ["10.89.7.9", "10.89.8.9"] {
            let nets = z.for_source(ip(from));
            assert_eq!(nets.len(), 2, "{from}");
            assert!(nets.iter().any(|n| !n.lookup("web").is_empty()));
            assert!(nets.iter().any(|n| !n.lookup("db").is_empty()));
        }
        // Another client of a (not on b) still sees a only.
        assert_eq!(z.for_source(ip("10.89.7.5")).len(), 1);
        // Disconnected from b: b's names are gone at the next query.
        b.remove("bbbbbbbbbbbbbbbb");
        b.save(dir.path()).unwrap();
        assert_eq!(z.for_source(ip("10.89.7.9")).len(), 1);
    }

    #[test]
    fn files_are_picked_by_source_and_reread_when_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let mut z = Zones::new(dir.path());
        assert!(z.for_source(ip("10.89.7.5")).is_empty());
        net("a", "10.89.7.0/24", &["db"], "10.89.7.2")
            .save(dir.path())
            .unwrap();
        net("b", "10.89.8.0/24", &["web"], "10.89.8.2")
            .save(dir.path())
            .unwrap();
        let a = z.for_source(ip("10.89.7.5"));
        assert_eq!(a.len(), 1);
        assert_eq!(a[0].lookup("db").len(), 1);
        assert!(a[0].lookup("web").is_empty());
        // Replaced by rename: the next query sees it.
        net("a", "10.89.7.0/24", &["db2"], "10.89.7.3")
            .save(dir.path())
            .unwrap();
        let a = z.for_source(ip("10.89.7.5"));
        assert!(a[0].lookup("db").is_empty());
        assert_eq!(a[0].lookup("db2").len(), 1);
        std::fs::remove_file(NetworkDns::path(dir.path(), "a")).unwrap();
        assert!(z.for_source(ip("10.89.7.5")).is_empty());
        assert_eq!(z.for_source(ip("10.89.8.9")).len(), 1);
    }
}
