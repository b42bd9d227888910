//! User-defined networks as records (DESIGN §3): `networks/<name>.json`, the name taken first
//! with O_EXCL in `names/networks/<name>` (holding the id), both under `networks.lock`, which
//! also makes the subnet choice race-free. A network is a bridge in the rootless netns
//! (`rootless.rs`) once a container uses it; the record is all there is until then.
use super::subnet::{self, Cidr};
use crate::store::{self, Lock, Paths};
use anyhow::{bail, Context, Result};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// Names that are network modes, not networks.
const RESERVED: &[&str] = &[
    "none",
    "host",
    "bridge",
    "default",
    "pasta",
    "slirp4netns",
    "private",
    "container",
    "ns",
];

/// One subnet of a network, podman's shape.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub(crate) struct Subnet {
    pub(crate) subnet: String,
    pub(crate) gateway: String,
    /// `--ip-range`: addresses are handed out from it only.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub(crate) ip_range: String,
}

/// `networks/<name>.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub(crate) struct NetworkRecord {
    pub(crate) name: String,
    pub(crate) id: String,
    pub(crate) driver: String,
    /// The bridge in the rootless netns.
    pub(crate) interface: String,
    pub(crate) created: DateTime<Utc>,
    pub(crate) subnets: Vec<Subnet>,
    pub(crate) ipv6: bool,
    pub(crate) internal: bool,
    pub(crate) labels: BTreeMap<String, String>,
    pub(crate) options: BTreeMap<String, String>,
}

impl Default for NetworkRecord {
    fn default() -> Self {
        NetworkRecord {
            name: String::new(),
            id: String::new(),
            driver: "bridge".into(),
            interface: String::new(),
            created: DateTime::<Utc>::MIN_UTC,
            subnets: Vec::new(),
            ipv6: false,
            internal: false,
            labels: BTreeMap::new(),
            options: BTreeMap::new(),
        }
    }
}

impl NetworkRecord {
    /// `--opt mtu=N` (0: the kernel's default).
    pub(crate) fn mtu(&self) -> u32 {
        self.options
            .get("mtu")
            .and_then(|m| m.parse().ok())
            .unwrap_or(0)
    }
    pub(crate) fn cidrs(&self) -> Vec<Cidr> {
        self.subnets
            .iter()
            .filter_map(|s| s.subnet.parse().ok())
            .collect()
    }
}

/// What `network create` asks for.
#[derive(Debug, Clone, Default)]
pub(crate) struct CreateRequest {
    pub(crate) name: String,
    pub(crate) driver: Option<String>,
    pub(crate) subnets: Vec<String>,
    pub(crate) gateways: Vec<String>,
    pub(crate) ip_ranges: Vec<String>,
    pub(crate) internal: bool,
    pub(crate) ipv6: bool,
    pub(crate) labels: BTreeMap<String, String>,
    pub(crate) options: BTreeMap<String, String>,
    /// `--ignore`: an existing network of that name is no error.
    pub(crate) ignore: bool,
}

fn dir(paths: &Paths) -> PathBuf {
    paths.data.join("networks")
}
fn names_dir(paths: &Paths) -> PathBuf {
    paths.data.join("names/networks")
}
fn file(paths: &Paths, name: &str) -> PathBuf {
    dir(paths).join(format!("{name}.json"))
}
pub(crate) fn lock(paths: &Paths) -> Result<Lock> {
    Lock::exclusive(&paths.data.join("networks.lock"))
}

/// Docker's rule for network names.
pub(crate) fn valid_name(name: &str) -> bool {
    let mut c = name.chars();
    c.next().is_some_and(|f| f.is_ascii_alphanumeric())
        && c.all(|ch| ch.is_ascii_alphanumeric() || "_.-".contains(ch))
        && name.len() <= 200
}

/// The network named `name` (or its id, or an unambiguous id prefix), or None.
pub(crate) fn load(paths: &Paths, name: &str) -> Result<Option<NetworkRecord>> {
    if valid_name(name) {
        if let Some(r) = store::read_json::<NetworkRecord>(&file(paths, name))? {
            return Ok(Some(r));
        }
    }
    if name.len() >= 3 && name.chars().all(|c| c.is_ascii_hexdigit()) {
        let hits: Vec<_> = list(paths)?
            .into_iter()
            .filter(|n| n.id.starts_with(name))
            .collect();
        if hits.len() == 1 {
            return Ok(hits.into_iter().next());
        }
    }
    Ok(None)
}

/// The network `name`, or an error that says so (exit 125).
pub(crate) fn find(paths: &Paths, name: &str) -> Result<NetworkRecord> {
    load(paths, name)?.ok_or_else(|| {
        anyhow::Error::msg(format!(
            "network {name} not found: create it with `skiff network create {name}`"
        ))
    })
}

/// Every network, by name.
pub(crate) fn list(paths: &Paths) -> Result<Vec<NetworkRecord>> {
    let d = dir(paths);
    let rd = match std::fs::read_dir(&d) {
        Ok(rd) => rd,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(vec![]),
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", d.display())),
    };
    let mut out = Vec::new();
    for e in rd.flatten() {
        let p = e.path();
        if p.extension().is_some_and(|x| x == "json") {
            if let Some(r) = store::read_json::<NetworkRecord>(&p)? {
                out.push(r);
            }
        }
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}

fn new_id() -> String {
    let mut b = [0u8; 32];
    getrandom::fill(&mut b).expect("getrandom");
    hex::encode(b)
}

/// `network create`: returns the record, and false when `--ignore` found it existing.
pub(crate) fn create(paths: &Paths, req: &CreateRequest) -> Result<(NetworkRecord, bool)> {
    let name = &req.name;
    if !valid_name(name) {
        bail!("invalid network name {name:?}: use letters, digits and _.- (starting with a letter or digit)");
    }
    if RESERVED.contains(&name.as_str()) {
        bail!("network name {name} is reserved (it is a network mode): choose another name");
    }
    match req.driver.as_deref() {
        None | Some("bridge") => {}
        Some(d) => bail!("network driver {d:?} is not supported: skiff has the bridge driver only"),
    }
    check_options(&req.options)?;
    paths.ensure()?;
    for d in [dir(paths), names_dir(paths)] {
        std::fs::create_dir_all(&d).with_context(|| format!("cannot create {}", d.display()))?;
    }
    let _lock = lock(paths)?;
    if let Some(old) = load(paths, name)?.filter(|o| &o.name == name) {
        if req.ignore {
            return Ok((old, false));
        }
        bail!("network {name} already exists: choose another name, or remove it first");
    }
    let others = list(paths)?;
    let subnets = subnet::choose(req, &others)?;
    let id = new_id();
    let rec = NetworkRecord {
        name: name.clone(),
        interface: format!("skbr{}", &id[..8]),
        id,
        driver: "bridge".into(),
        created: Utc::now(),
        subnets,
        ipv6: req.ipv6,
        internal: req.internal,
        labels: req.labels.clone(),
        options: req.options.clone(),
    };
    reserve(paths, name, &rec.id)?;
    if let Err(e) = store::write_json_atomic(&file(paths, name), &rec, true) {
        let _ = std::fs::remove_file(names_dir(paths).join(name));
        return Err(e);
    }
    crate::engine::events::network(paths, "create", &rec.id, name, None);
    Ok((rec, true))
}

/// Takes the name with O_EXCL. A name file left by a create killed before its record (no
/// record under the lock we hold) is stale and taken over.
fn reserve(paths: &Paths, name: &str, id: &str) -> Result<()> {
    let p = names_dir(paths).join(name);
    let open = || {
        std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&p)
    };
    let mut f = match open() {
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            std::fs::remove_file(&p).with_context(|| format!("cannot remove {}", p.display()))?;
            open()
        }
        r => r,
    }
    .with_context(|| format!("cannot create {}", p.display()))?;
    use std::io::Write;
    f.write_all(id.as_bytes())
        .with_context(|| format!("cannot write {}", p.display()))
}

fn check_options(o: &BTreeMap<String, String>) -> Result<()> {
    for (k, v) in o {
        match k.as_str() {
            "mtu" | "com.docker.network.driver.mtu" => {
                let ok = v.parse::<u32>().is_ok_and(|m| (68..=65535).contains(&m));
                if !ok {
                    bail!("invalid --opt mtu={v}: use a number from 68 to 65535");
                }
            }
            _ => bail!("unsupported network option {k:?}: skiff knows mtu only"),
        }
    }
    Ok(())
}

/// Removes the record and its name (the caller checked that no container uses it).
pub(crate) fn remove_record(paths: &Paths, name: &str) -> Result<()> {
    let p = file(paths, name);
    std::fs::remove_file(&p).with_context(|| format!("cannot remove {}", p.display()))?;
    let _ = std::fs::remove_file(names_dir(paths).join(name));
    super::ipam::forget(paths, name);
    Ok(())
}

/// Docker's `network inspect` object.
pub(crate) fn inspect(
    n: &NetworkRecord,
    containers: &[(String, String, String)],
) -> serde_json::Value {
    let config: Vec<_> = n
        .subnets
        .iter()
        .map(|s| {
            let mut m = serde_json::json!({"Subnet": s.subnet, "Gateway": s.gateway});
            if !s.ip_range.is_empty() {
                m["IPRange"] = s.ip_range.clone().into();
            }
            m
        })
        .collect();
    let ctrs: serde_json::Map<String, serde_json::Value> = containers
        .iter()
        .map(|(id, name, ip)| {
            (
                id.clone(),
                serde_json::json!({"Name": name, "IPv4Address": ip}),
            )
        })
        .collect();
    serde_json::json!({
        "Name": n.name,
        "Id": n.id,
        "Created": n.created.to_rfc3339_opts(chrono::SecondsFormat::Nanos, true),
        "Scope": "local",
        "Driver": n.driver,
        "EnableIPv6": n.ipv6,
        "IPAM": {"Driver": "default", "Options": {}, "Config": config},
        "Internal": n.internal,
        "Attachable": false,
        "Ingress": false,
        "ConfigFrom": {"Network": ""},
        "ConfigOnly": false,
        "Containers": ctrs,
        "Options": n.options,
        "Labels": n.labels,
        "NetworkInterface": n.interface,
        "DNSEnabled": true,
    })
}
