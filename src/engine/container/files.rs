//! The on-disk shape of a container record (schema 2): `container.json` and `state.json`.
//! `Record` is the two put together; these structs are only what is written.
use super::network::{ports::Port, NetState};
use super::record::{HealthCheck, Record, State};
use crate::engine::image::digest::{ChainId, Digest};
use crate::engine::spec::ContainerConfig;
use anyhow::{bail, Result};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The schema written today; `legacy.rs` upgrades what came before.
pub(crate) const SCHEMA: u32 = 2;
pub(crate) const CONTAINER: &str = "container.json";
pub(crate) const STATE: &str = "state.json";
pub(crate) const STATE_LOCK: &str = "state.lock";

/// `container.json`: what the container is. Written once, at create.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct ContainerFile {
    pub(crate) schema: u32,
    pub(crate) id: String,
    pub(crate) created: DateTime<Utc>,
    pub(crate) image: ImageRef,
    /// Docker's Path and Args.
    pub(crate) path: String,
    pub(crate) args: Vec<String>,
    pub(crate) hostname: String,
    pub(crate) stop_signal: String,
    pub(crate) healthcheck: Option<HealthCheck>,
    /// `-p`/`-P` as resolved at create, and the exposed ports (image's and `--expose`).
    pub(crate) publish: Vec<Port>,
    pub(crate) exposed: Vec<String>,
    pub(crate) config: Box<ContainerConfig>,
}

/// The image a container was made from: no paths, only names and digests.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct ImageRef {
    /// The normalized name the reference resolved to (or the id, when named by id).
    pub(crate) name: String,
    pub(crate) id: Digest,
    /// Its layers, bottom first (directories `layers/<chain>/` of the store).
    pub(crate) chain_ids: Vec<ChainId>,
}

/// `state.json`: what changes (name, run state, this start's network).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub(crate) struct StateFile {
    pub(crate) schema: u32,
    pub(crate) name: String,
    pub(crate) state: State,
    /// The bindings of the current (or last) start, and the address.
    pub(crate) ports: Vec<Port>,
    pub(crate) ip: String,
    pub(crate) gateway: String,
    /// User networks and this start's addresses on them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) networks: Vec<crate::engine::network::bridge::Endpoint>,
}

impl ContainerFile {
    pub(crate) fn of(r: &Record) -> ContainerFile {
        ContainerFile {
            schema: SCHEMA,
            id: r.id.clone(),
            created: r.created,
            image: ImageRef {
                name: r.image_name.clone(),
                id: r.image_id.clone(),
                chain_ids: r.chain_ids.clone(),
            },
            path: r.path.clone(),
            args: r.args.clone(),
            hostname: r.hostname.clone(),
            stop_signal: r.stop_signal.clone(),
            healthcheck: r.healthcheck.clone(),
            publish: r.net.publish.clone(),
            exposed: r.net.exposed.clone(),
            config: r.config.clone(),
        }
    }

    /// The record, with its state (a missing state.json, which only a damaged store has, reads
    /// as a created container under its asked or short name).
    pub(crate) fn into_record(self, state: Option<StateFile>) -> Result<Record> {
        if self.schema > SCHEMA {
            bail!(
                "container {} was written by a newer skiff (record schema {}): upgrade skiff",
                self.id,
                self.schema
            );
        }
        let s = state.unwrap_or_else(|| StateFile {
            name: self
                .config
                .name
                .clone()
                .unwrap_or_else(|| self.id.chars().take(12).collect()),
            ..Default::default()
        });
        Ok(Record {
            id: self.id,
            name: s.name,
            image_name: self.image.name,
            image_id: self.image.id,
            chain_ids: self.image.chain_ids,
            created: self.created,
            path: self.path,
            args: self.args,
            hostname: self.hostname,
            stop_signal: self.stop_signal,
            healthcheck: self.healthcheck,
            config: match &s.state.updated {
                Some(u) => {
                    let mut c = self.config;
                    c.resources = u.resources.clone();
                    c.restart = u.restart.unwrap_or(c.restart);
                    c
                }
                None => self.config,
            },
            state: s.state,
            net: NetState {
                publish: self.publish,
                exposed: self.exposed,
                ports: s.ports,
                ip: s.ip,
                gateway: s.gateway,
                networks: s.networks,
            },
        })
    }
}

impl StateFile {
    pub(crate) fn of(r: &Record) -> StateFile {
        StateFile {
            schema: SCHEMA,
            name: r.name.clone(),
            state: r.state.clone(),
            ports: r.net.ports.clone(),
            ip: r.net.ip.clone(),
            gateway: r.net.gateway.clone(),
            networks: r.net.networks.clone(),
        }
    }
}
