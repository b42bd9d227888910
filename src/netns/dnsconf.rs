//! The contract between skiff (the writer) and `skiff-dns` (the reader): one JSON file per user
//! network in the DNS directory (`$XDG_RUNTIME_DIR/skiff/dns/<network>.json`), replaced whole by
//! rename. `skiff-dns` serves every file of the directory at once, listening on port 53 of all
//! addresses of the rootless netns, and picks the network of a query by the client's source
//! address (the subnet it falls in, and the other networks of the container that has that
//! address), so a container sees only the names of its own networks and a new network needs no
//! restart. It stats a file at each query and re-reads it when it
//! changed: a record renamed in before `run -d` returns answers the very next query, with no
//! signal and no sleep.
use serde::{Deserialize, Serialize};
use std::net::IpAddr;
use std::path::Path;

/// What one network's DNS answers.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct NetworkDns {
    /// The network's name (also the file's stem).
    pub name: String,
    /// Its subnets as `10.89.0.0/24` (and an IPv6 one with `--ipv6`): a query whose source
    /// address falls in one of them is answered from this network's records.
    pub subnets: Vec<String>,
    /// Where names that are not containers' go (the host's resolvers, as reachable from the
    /// rootless netns). With none, or on an `internal` network, such names get NXDOMAIN.
    pub upstreams: Vec<IpAddr>,
    /// `--internal` networks resolve their own names only.
    pub internal: bool,
    pub records: Vec<Record>,
}

/// One container on the network.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Record {
    /// The full container id: its first 12 characters answer too.
    pub id: String,
    /// Its addresses on this network.
    pub ips: Vec<IpAddr>,
    /// Its name, hostname and `--network-alias`es on this network.
    pub names: Vec<String>,
    /// Its own `--dns` servers: where its other names go instead of the network's upstreams
    /// (Docker's embedded DNS forwards to them; the container's resolv.conf still names the
    /// network's DNS, so container names keep resolving).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub upstreams: Vec<IpAddr>,
}

impl NetworkDns {
    /// The file of `network` in the DNS directory `dir`.
    pub fn path(dir: &Path, network: &str) -> std::path::PathBuf {
        dir.join(format!("{network}.json"))
    }

    /// Reads one network's file; `Ok(None)` when it does not exist.
    pub fn load(path: &Path) -> anyhow::Result<Option<NetworkDns>> {
        use anyhow::Context;
        match std::fs::read(path) {
            Ok(data) => serde_json::from_slice(&data)
                .map(Some)
                .with_context(|| format!("{} is corrupt", path.display())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e).with_context(|| format!("cannot read {}", path.display())),
        }
    }

    /// Replaces the network's file atomically (temp file + rename in the same directory).
    pub fn save(&self, dir: &Path) -> anyhow::Result<()> {
        let data = serde_json::to_vec(self)?;
        crate::store::write_atomic(&Self::path(dir, &self.name), &data, false)
    }

    /// Adds or replaces the record of container `rec.id`.
    pub fn upsert(&mut self, rec: Record) {
        self.records.retain(|r| r.id != rec.id);
        self.records.push(rec);
    }

    /// Forgets container `id`.
    pub fn remove(&mut self, id: &str) {
        self.records.retain(|r| r.id != id);
    }

    /// The addresses answering `name` (a container name, an alias, a full or 12-character id),
    /// case-insensitively as DNS names are.
    pub fn lookup(&self, name: &str) -> Vec<IpAddr> {
        let name = name.trim_end_matches('.');
        let hit = |r: &&Record| {
            r.names.iter().any(|n| n.eq_ignore_ascii_case(name))
                || (name.len() >= 12 && r.id.starts_with(&name.to_ascii_lowercase()))
        };
        self.records
            .iter()
            .filter(hit)
            .flat_map(|r| r.ips.clone())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_aliases_and_short_ids_answer() {
        let mut n = NetworkDns {
            name: "appnet".into(),
            ..Default::default()
        };
        n.upsert(Record {
            id: "0123456789abcdef0123".into(),
            ips: vec!["10.89.0.2".parse().unwrap()],
            names: vec!["db".into(), "database".into()],
            ..Default::default()
        });
        assert_eq!(
            n.lookup("DB."),
            vec!["10.89.0.2".parse::<IpAddr>().unwrap()]
        );
        assert_eq!(n.lookup("database").len(), 1);
        assert_eq!(n.lookup("0123456789ab").len(), 1);
        assert!(n.lookup("0123").is_empty());
        n.remove("0123456789abcdef0123");
        assert!(n.lookup("db").is_empty());
    }
}
