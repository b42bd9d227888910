//! Records of schema 1 (`containers/<id>/record.json`: flag texts, absolute layer paths), as the
//! versions before records v2 wrote them, upgraded to `container.json` + `state.json` on first
//! read. The upgrade takes no lock (a reader may hold the container's `state.lock` or the
//! containers lock): each file is linked into place only if absent, so concurrent upgraders and
//! a crash at any step converge on one result, and a state written since is never overwritten.
use super::files::{self, ContainerFile, StateFile};
use super::network::{ports, NetState};
use super::record::{read_current, Current, HealthCheck, Record, State};
use crate::engine::spec::config::{ContainerConfig, Dns, NsMode};
use crate::engine::spec::parse::{self, NsKind};
use crate::store::{self, Paths};
use anyhow::{Context, Result};
use chrono::{DateTime, Utc};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

const RECORD: &str = "record.json";

/// Schema 1's `CreateOptions`: the flags as given (only the fields the upgrade needs).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Options {
    image: String,
    name: Option<String>,
    command: Vec<String>,
    entrypoint: Option<String>,
    env: Vec<String>,
    workdir: Option<String>,
    user: Option<String>,
    hostname: Option<String>,
    tty: bool,
    interactive: bool,
    read_only: bool,
    cap_add: Vec<String>,
    cap_drop: Vec<String>,
    privileged: bool,
    security_opt: Vec<String>,
    network: String,
    publish: Vec<String>,
    publish_all: bool,
    expose: Vec<String>,
    add_host: Vec<String>,
    dns: Vec<String>,
    dns_search: Vec<String>,
    dns_option: Vec<String>,
    tmpfs: Vec<String>,
    ipc: String,
    uts: String,
    pid: String,
    auto_remove: bool,
    restart: String,
    labels: BTreeMap<String, String>,
    init: bool,
    stop_signal: Option<String>,
    stop_timeout: Option<u64>,
    cidfile: Option<PathBuf>,
}

/// Schema 1's record.
#[derive(Debug, Deserialize)]
struct RecordV1 {
    id: String,
    name: String,
    image_name: String,
    /// Parsed like every digest read from disk: a bad one fails the upgrade, clearly.
    image_id: crate::engine::image::digest::Digest,
    created: DateTime<Utc>,
    path: String,
    args: Vec<String>,
    layers: Vec<PathBuf>,
    hostname: String,
    #[serde(default)]
    stop_signal: String,
    #[serde(default)]
    healthcheck: Option<HealthCheck>,
    state: State,
    options: Options,
    #[serde(default)]
    net: NetState,
}

/// Upgrades `containers/<id>/record.json` if there is one; None when the container has no
/// record at all.
pub(crate) fn upgrade(paths: &Paths, id: &str) -> Result<Option<Record>> {
    let dir = paths.container(id);
    let Some(old) = store::read_json::<RecordV1>(&dir.join(RECORD))? else {
        // Another upgrader may have finished in between.
        return match read_current(paths, id)? {
            Current::Found(r) => Ok(Some(*r)),
            Current::Removed | Current::NoContainerFile => Ok(None),
        };
    };
    let r = convert(old).with_context(|| format!("cannot upgrade the record of container {id}"))?;
    // The state first: container.json's presence says the upgrade is done.
    link_new(&dir.join(files::STATE), &StateFile::of(&r))?;
    link_new(&dir.join(files::CONTAINER), &ContainerFile::of(&r))?;
    match std::fs::remove_file(dir.join(RECORD)) {
        Err(e) if e.kind() != ErrorKind::NotFound => {
            return Err(e).with_context(|| format!("cannot remove {}", dir.join(RECORD).display()))
        }
        _ => {}
    }
    // Read back: a concurrent upgrader or a state update since may have won.
    match read_current(paths, id)? {
        Current::Found(r) => Ok(Some(*r)),
        Current::Removed => Ok(None),
        Current::NoContainerFile => Ok(Some(r)),
    }
}

/// Writes `v` to `path` unless `path` exists (write a temp file, then link(2) it: atomic and
/// exclusive).
fn link_new<T: serde::Serialize>(path: &Path, v: &T) -> Result<()> {
    let dir = path.parent().context("path has no parent")?;
    let tmp = dir.join(store::tmp_name());
    store::write_json_compact(&tmp, v, false)?;
    let res = std::fs::hard_link(&tmp, path);
    let _ = std::fs::remove_file(&tmp);
    match res {
        Err(e) if e.kind() != ErrorKind::AlreadyExists => {
            Err(e).with_context(|| format!("cannot write {}", path.display()))
        }
        _ => Ok(()),
    }
}

/// `layers/<hex>/diff` → the chain id `sha256:<hex>`.
fn chain_id(p: &Path) -> Result<crate::engine::image::digest::ChainId> {
    let hex = p
        .parent()
        .and_then(|l| l.file_name())
        .and_then(|h| h.to_str())
        .with_context(|| format!("layer path {} is not a store layer", p.display()))?;
    format!("sha256:{hex}")
        .parse()
        .map_err(|e| anyhow::anyhow!("layer path {}: {e}", p.display()))
}

fn ns(kind: NsKind, v: &str) -> NsMode {
    match (kind, v) {
        // Records made before the flags existed: a namespace of the container's own.
        (NsKind::Ipc, "") => NsMode::Shareable,
        (_, "") => NsMode::Private,
        (k, v) => parse::ns_mode(k, v).unwrap_or(NsMode::Private),
    }
}

/// Flag texts to typed values. What schema 1 stored was validated when it was created, so a
/// value that no longer parses is kept as the nearest meaning rather than refused.
fn config(o: Options) -> Result<ContainerConfig> {
    let mut ports = Vec::new();
    for p in &o.publish {
        ports.extend(ports::parse_publish(p)?);
    }
    let mut expose = Vec::new();
    for e in &o.expose {
        expose.extend(ports::parse_expose(e)?);
    }
    Ok(ContainerConfig {
        image: o.image,
        name: o.name,
        command: o.command,
        entrypoint: o
            .entrypoint
            .map(|e| if e.is_empty() { vec![] } else { vec![e] }),
        env: o.env.into_iter().filter(|e| e.contains('=')).collect(),
        workdir: o.workdir,
        user: o.user,
        hostname: o.hostname,
        tty: o.tty,
        interactive: o.interactive,
        read_only: o.read_only,
        privileged: o.privileged,
        cap_add: o.cap_add,
        cap_drop: o.cap_drop,
        security: parse::security(&o.security_opt)?,
        network: parse::network(&o.network)?,
        ports,
        publish_all: o.publish_all,
        expose,
        add_hosts: o.add_host,
        dns: Dns {
            servers: o.dns.iter().filter_map(|s| s.parse().ok()).collect(),
            search: o.dns_search,
            options: o.dns_option,
        },
        tmpfs: o
            .tmpfs
            .iter()
            .map(|t| parse::tmpfs(t))
            .collect::<Result<_>>()?,
        namespaces: crate::engine::spec::config::Namespaces {
            ipc: ns(NsKind::Ipc, &o.ipc),
            uts: ns(NsKind::Uts, &o.uts),
            pid: ns(NsKind::Pid, &o.pid),
        },
        auto_remove: o.auto_remove,
        restart: parse::restart_policy(&o.restart).unwrap_or_default(),
        labels: o.labels,
        init: o.init,
        stop_signal: o.stop_signal,
        stop_timeout: o.stop_timeout,
        cidfile: o.cidfile,
        ..Default::default()
    })
}

fn convert(old: RecordV1) -> Result<Record> {
    let chain_ids = old
        .layers
        .iter()
        .map(|l| chain_id(l))
        .collect::<Result<_>>()?;
    Ok(Record {
        id: old.id,
        name: old.name,
        image_name: old.image_name,
        image_id: old.image_id,
        chain_ids,
        created: old.created,
        path: old.path,
        args: old.args,
        hostname: old.hostname,
        stop_signal: old.stop_signal,
        healthcheck: old.healthcheck,
        state: old.state,
        config: Box::new(config(old.options)?),
        net: old.net,
    })
}
