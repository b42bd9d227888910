//! Volumes as a resource (DESIGN §3): `volumes/<name>/{volume.json,_data/}`. A volume is made
//! in an owner-tagged temp directory and renamed into place, so a `kill -9` leaves either no
//! volume or a whole one; removal renames it to a trash name under `volumes.lock`.
//!
//! The files of a volume belong to the ids the container used: the data dir is made inside
//! skiff's user namespace (owned by the user on the host), and a file a container writes as uid
//! 1000 is owned by the matching subordinate id on the host, as the container's own files are.
pub(crate) mod archive;
pub(crate) mod copyup;
pub(crate) mod create;
pub(crate) mod remove;

use crate::engine::spec::config::MountKind;
use crate::store::{self, Paths};
use anyhow::{bail, Context, Result};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// Docker's label on the volumes it makes for `-v /path` and the image's VOLUMEs.
pub(crate) const ANONYMOUS_LABEL: &str = "com.docker.volume.anonymous";

/// `volume.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct Volume {
    pub(crate) name: String,
    pub(crate) driver: String,
    #[serde(default)]
    pub(crate) labels: BTreeMap<String, String>,
    /// `-o` of the local driver: `type`, `device`, `o`.
    #[serde(default)]
    pub(crate) options: BTreeMap<String, String>,
    pub(crate) created_at: DateTime<Utc>,
    #[serde(default)]
    pub(crate) anonymous: bool,
}

/// What a container mounts for a volume.
pub(crate) enum Backing {
    /// A directory of the host: the volume's `_data`, or its `device` with `o=bind`.
    Dir(PathBuf),
    /// A file system made for each container that mounts it (`-o type=tmpfs`): its type and
    /// options.
    Fs(String, Vec<String>),
}

impl Volume {
    /// How the volume is mounted (the local driver's options, checked at create).
    pub(crate) fn backing(&self, paths: &Paths) -> Backing {
        match (self.options.get("type"), self.options.get("device")) {
            (Some(t), _) if t != "none" => Backing::Fs(
                t.clone(),
                (self.options.get("o").into_iter())
                    .flat_map(|o| o.split(','))
                    .filter(|o| !o.is_empty())
                    .map(String::from)
                    .collect(),
            ),
            (_, Some(d)) => Backing::Dir(PathBuf::from(d)),
            _ => Backing::Dir(data_dir(paths, &self.name)),
        }
    }

    /// Docker's `Mountpoint`.
    pub(crate) fn mountpoint(&self, paths: &Paths) -> PathBuf {
        data_dir(paths, &self.name)
    }
}

/// `volumes/<name>`; the name was checked against Docker's pattern by whoever took it.
pub(crate) fn dir(paths: &Paths, name: &str) -> PathBuf {
    paths.volumes().join(name)
}

pub(crate) fn data_dir(paths: &Paths, name: &str) -> PathBuf {
    dir(paths, name).join("_data")
}

/// The volume named `name`, or None.
pub(crate) fn load(paths: &Paths, name: &str) -> Result<Option<Volume>> {
    if !crate::engine::spec::mount_flags::valid_volume_name(name) {
        return Ok(None);
    }
    store::read_json(&dir(paths, name).join("volume.json"))
}

/// The volume named `name`, or Docker's error.
pub(crate) fn find(paths: &Paths, name: &str) -> Result<Volume> {
    match load(paths, name)? {
        Some(v) => Ok(v),
        None => bail!("no such volume: {name}"),
    }
}

/// Every volume, by name (temp and trash entries are not volumes).
pub(crate) fn list(paths: &Paths) -> Result<Vec<Volume>> {
    let dir = paths.volumes();
    let entries = match std::fs::read_dir(&dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(vec![]),
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", dir.display())),
    };
    let mut out = Vec::new();
    for e in entries {
        let name = e?.file_name().to_string_lossy().into_owned();
        if let Some(v) = load(paths, &name)? {
            out.push(v);
        }
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}

/// The names of the containers that mount the volume `name` (any state).
pub(crate) fn users(paths: &Paths, name: &str) -> Result<Vec<String>> {
    Ok(crate::engine::container::record::list(paths)?
        .into_iter()
        .filter(|r| uses(&r.config.mounts, name))
        .map(|r| r.name)
        .collect())
}

/// Whether `mounts` include the volume `name`.
pub(crate) fn uses(mounts: &[crate::engine::spec::config::Mount], name: &str) -> bool {
    mounts
        .iter()
        .any(|m| m.kind == MountKind::Volume && m.source == name)
}

/// `volume inspect`: Docker's fields.
pub(crate) fn inspect(paths: &Paths, v: &Volume) -> serde_json::Value {
    serde_json::json!({
        "CreatedAt": v.created_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        "Driver": v.driver,
        "Labels": v.labels,
        "Mountpoint": v.mountpoint(paths),
        "Name": v.name,
        "Options": v.options,
        "Scope": "local",
    })
}

/// `volume ls --filter` and `volume prune --filter`: `dangling=true|false`, `name=` (a
/// substring, as Docker), `label=KEY[=VALUE]`, `label!=`, `driver=`; different keys must all
/// match, values of one key any.
#[derive(Debug, Default)]
pub(crate) struct Filters {
    dangling: Option<bool>,
    names: Vec<String>,
    labels: Vec<(String, Option<String>)>,
    not_labels: Vec<(String, Option<String>)>,
    drivers: Vec<String>,
}

impl Filters {
    pub(crate) fn parse(specs: &[String]) -> Result<Filters> {
        let mut f = Filters::default();
        for s in specs {
            let Some((k, v)) = s.split_once('=') else {
                bail!("bad format of filter {s:?}: expected name=value");
            };
            let label = |v: &str| match v.split_once('=') {
                Some((k, v)) => (k.to_string(), Some(v.to_string())),
                None => (v.to_string(), None),
            };
            match k {
                "dangling" => {
                    f.dangling = Some(match v.to_ascii_lowercase().as_str() {
                        "true" | "1" => true,
                        "false" | "0" => false,
                        _ => bail!("invalid filter 'dangling={v}': use true or false"),
                    })
                }
                "name" => f.names.push(v.into()),
                "driver" => f.drivers.push(v.into()),
                "label" => f.labels.push(label(v)),
                _ if k == "label!" => f.not_labels.push(label(v)),
                _ => bail!(
                    "invalid filter '{k}': volumes filter on dangling, driver, label and name"
                ),
            }
        }
        Ok(f)
    }

    /// Whether `v` matches; `used` says whether a container mounts it (for `dangling`).
    pub(crate) fn matches(&self, v: &Volume, used: bool) -> bool {
        let has = |(k, val): &(String, Option<String>)| match v.labels.get(k) {
            Some(have) => val.as_ref().is_none_or(|x| x == have),
            None => false,
        };
        self.dangling.is_none_or(|d| d != used)
            && (self.names.is_empty() || self.names.iter().any(|n| v.name.contains(n.as_str())))
            && (self.drivers.is_empty() || self.drivers.contains(&v.driver))
            && self.labels.iter().all(has)
            && !self.not_labels.iter().any(has)
    }

    /// Whether `dangling` is asked (so the containers must be read).
    pub(crate) fn needs_users(&self) -> bool {
        self.dangling.is_some()
    }
}
