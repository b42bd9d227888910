//! `ContainerConfig`: what a container is asked to be, typed and validated once, by whoever
//! makes it (the CLI's flags today; compose, kube and build next). Stored as is in
//! `container.json`, so every field has a serde shape that is stable across versions: the
//! modes serialize as Docker's texts (`on-failure:2`, `container:ID`, `shareable`).
use super::parse;
use crate::engine::network::ports::Port;
use anyhow::Result;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;
use std::str::FromStr;
use std::time::Duration;

/// Fields left at their default are not written: `ps` reads a container.json per container,
/// and most of a config is defaults (`#[serde(default)]` reads them back).
fn is_default<T: Default + PartialEq>(v: &T) -> bool {
    *v == T::default()
}

/// Serializes a mode as its text and parses it back, so records read like Docker's flags.
macro_rules! text_serde {
    ($t:ty) => {
        impl Serialize for $t {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(&self.to_string())
            }
        }
        impl<'de> Deserialize<'de> for $t {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                s.parse()
                    .map_err(|e: anyhow::Error| serde::de::Error::custom(e))
            }
        }
    };
}

/// A container's configuration. `Default` is `docker run IMAGE` with no flags.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub(crate) struct ContainerConfig {
    /// The image as the producer named it (what `ps` shows).
    #[serde(skip_serializing_if = "is_default")]
    pub(crate) image: String,
    #[serde(skip_serializing_if = "is_default")]
    pub(crate) name: Option<String>,
    #[serde(skip_serializing_if = "is_default")]
    pub(crate) command: Vec<String>,
    /// `Some(vec![])` resets the image's entrypoint (Docker's `--entrypoint ""`).
    #[serde(skip_serializing_if = "is_default")]
    pub(crate) entrypoint: Option<Vec<String>>,
    /// `KEY=VALUE` over the image's, in order (files and `-e NAME` already resolved).
    #[serde(skip_serializing_if = "is_default")]
    pub(crate) env: Vec<String>,
    #[serde(skip_serializing_if = "is_default")]
    pub(crate) workdir: Option<String>,
    #[serde(skip_serializing_if = "is_default")]
    pub(crate) user: Option<String>,
    #[serde(skip_serializing_if = "is_default")]
    pub(crate) hostname: Option<String>,
    #[serde(skip_serializing_if = "is_default")]
    pub(crate) tty: bool,
    #[serde(skip_serializing_if = "is_default")]
    pub(crate) interactive: bool,
    #[serde(skip_serializing_if = "is_default")]
    pub(crate) read_only: bool,
    #[serde(skip_serializing_if = "is_default")]
    pub(crate) privileged: bool,
    /// Capability names (`CAP_NET_ADMIN`) or `ALL`, checked against capabilities(7).
    #[serde(skip_serializing_if = "is_default")]
    pub(crate) cap_add: Vec<String>,
    #[serde(skip_serializing_if = "is_default")]
    pub(crate) cap_drop: Vec<String>,
    #[serde(skip_serializing_if = "is_default")]
    pub(crate) security: Security,
    #[serde(skip_serializing_if = "is_default")]
    pub(crate) network: Network,
    /// `-p` (ranges expanded): host port 0 is any free one, chosen at each start.
    /// `--network-alias`, `--ip`, `--mac-address` (user networks).
    #[serde(skip_serializing_if = "is_default")]
    pub(crate) network_aliases: Vec<String>,
    #[serde(skip_serializing_if = "is_default")]
    pub(crate) ip: String,
    #[serde(skip_serializing_if = "is_default")]
    pub(crate) mac_address: String,
    #[serde(skip_serializing_if = "is_default")]
    pub(crate) ports: Vec<Port>,
    #[serde(skip_serializing_if = "is_default")]
    pub(crate) publish_all: bool,
    /// `--expose`, as `80/tcp` (ranges expanded).
    #[serde(skip_serializing_if = "is_default")]
    pub(crate) expose: Vec<String>,
    /// `--add-host` entries, `NAME:IP` or `NAME:host-gateway`, checked.
    #[serde(skip_serializing_if = "is_default")]
    pub(crate) add_hosts: Vec<String>,
    #[serde(skip_serializing_if = "is_default")]
    pub(crate) dns: Dns,
    /// `--no-hosts` (podman's): no /etc/hosts is mounted; the image's own is what it sees.
    #[serde(skip_serializing_if = "is_default")]
    pub(crate) no_hosts: bool,
    #[serde(skip_serializing_if = "is_default")]
    pub(crate) tmpfs: Vec<Tmpfs>,
    /// Bind, volume and `--mount type=tmpfs` mounts, in the order given.
    #[serde(skip_serializing_if = "is_default")]
    pub(crate) mounts: Vec<Mount>,
    /// `--volumes-from CTR[:ro|rw]` as given (resolved into `mounts` by create).
    #[serde(skip_serializing_if = "is_default")]
    pub(crate) volumes_from: Vec<String>,
    /// `-m`, `--cpus` and the rest.
    #[serde(skip_serializing_if = "is_default")]
    pub(crate) resources: Resources,
    #[serde(skip_serializing_if = "is_default")]
    pub(crate) namespaces: Namespaces,
    #[serde(skip_serializing_if = "is_default")]
    pub(crate) auto_remove: bool,
    #[serde(skip_serializing_if = "is_default")]
    pub(crate) restart: RestartPolicy,
    #[serde(skip_serializing_if = "is_default")]
    pub(crate) labels: BTreeMap<String, String>,
    /// A minimal init as pid 1 that reaps zombies and forwards signals.
    #[serde(skip_serializing_if = "is_default")]
    pub(crate) init: bool,
    /// A signal name (`SIGTERM`) or number, checked.
    #[serde(skip_serializing_if = "is_default")]
    pub(crate) stop_signal: Option<String>,
    #[serde(skip_serializing_if = "is_default")]
    pub(crate) stop_timeout: Option<u64>,
    #[serde(skip_serializing_if = "is_default")]
    pub(crate) health: HealthRequest,
    #[serde(skip_serializing_if = "is_default")]
    pub(crate) cidfile: Option<PathBuf>,
    /// `--tz`: a zone of the host's zoneinfo (`Asia/Tokyo`), or `local` (the host's own).
    #[serde(skip_serializing_if = "is_default")]
    pub(crate) timezone: Option<String>,
    /// `--timeout`: seconds after which the container is killed (podman's; none if unset).
    #[serde(skip_serializing_if = "is_default")]
    pub(crate) timeout: Option<u64>,
    /// `--unsetenv`: default variables (the image's, skiff's own) the container does not get.
    #[serde(skip_serializing_if = "is_default")]
    pub(crate) unsetenv: Vec<String>,
    /// `--unsetenv-all`: none of the default variables.
    #[serde(skip_serializing_if = "is_default")]
    pub(crate) unsetenv_all: bool,
    /// `--passwd-entry`: the /etc/passwd line for a `--user` uid the image does not know, with
    /// podman's `$USERNAME`, `$UID`, `$GID`, `$NAME`, `$HOME`; also the form of `--hostuser` lines.
    #[serde(skip_serializing_if = "is_default")]
    pub(crate) passwd_entry: Option<String>,
    /// `--hostuser`: accounts of the host (names or uids) added to the container's /etc/passwd.
    #[serde(skip_serializing_if = "is_default")]
    pub(crate) host_users: Vec<String>,
    /// `--group-add`: group names (the image's) or gids, or only `keep-groups`.
    #[serde(skip_serializing_if = "is_default")]
    pub(crate) group_add: Vec<String>,
    /// `--userns`, `--uidmap`, `--gidmap` (podman's): see userns.rs.
    #[serde(skip_serializing_if = "is_default")]
    pub(crate) userns: super::userns::UserNs,
    /// `--replace`: a container that has the name is removed first (by create; not stored).
    #[serde(skip)]
    pub(crate) replace: bool,
    // Logging (`--log-driver`, `--log-opt`, `-a`): see logging.rs.
    #[serde(skip_serializing_if = "is_default")]
    pub(crate) log: super::logging::LogConfig,
    #[serde(skip_serializing_if = "is_default")]
    pub(crate) attach: super::logging::Attach,
    // Pid files (issue 11, podman's), one block.
    /// `--pidfile`: the container's main pid is written there at each start (absolute);
    /// removed with the container.
    #[serde(skip_serializing_if = "is_default")]
    pub(crate) pidfile: Option<PathBuf>,
    /// `--conmon-pidfile`: the supervisor's pid (the monitor; a foreground run's CLI) is
    /// written there at each start (absolute); removed with the container.
    #[serde(skip_serializing_if = "is_default")]
    pub(crate) conmon_pidfile: Option<PathBuf>,
}

/// `--group-add keep-groups`: the container's processes keep the caller's supplementary groups
/// (crun's annotation name, which podman sets too).
pub(crate) const KEEP_GROUPS: &str = "keep-groups";

/// `--security-opt`: the parts skiff acts on, and what it accepts as given (`label=…`,
/// `apparmor=…`, which have no effect without SELinux/AppArmor in a user namespace).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub(crate) struct Security {
    /// False with `seccomp=unconfined` (and with `--privileged`).
    pub(crate) seccomp_unconfined: bool,
    pub(crate) no_new_privileges: bool,
    /// Every `--security-opt` as given, for `inspect`.
    pub(crate) given: Vec<String>,
}

/// `--network`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub(crate) enum Network {
    /// No `--network`: pasta, else slirp4netns (resolved at create).
    #[default]
    Default,
    Pasta,
    Slirp4netns,
    None,
    Host,
    /// Another container's network namespace: its name at first, its id once created.
    Container(String),
    /// User-defined networks (`--network a,b`), in order.
    User(Vec<String>),
}

impl FromStr for Network {
    type Err = anyhow::Error;
    fn from_str(s: &str) -> Result<Network> {
        parse::network(s)
    }
}

impl fmt::Display for Network {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            Network::Default => f.write_str("default"),
            Network::Pasta => f.write_str("pasta"),
            Network::Slirp4netns => f.write_str("slirp4netns"),
            Network::None => f.write_str("none"),
            Network::Host => f.write_str("host"),
            Network::Container(c) => write!(f, "container:{c}"),
            Network::User(n) => f.write_str(&n.join(",")),
        }
    }
}
text_serde!(Network);

/// `--dns`, `--dns-search`, `--dns-option`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub(crate) struct Dns {
    pub(crate) servers: Vec<std::net::IpAddr>,
    pub(crate) search: Vec<String>,
    pub(crate) options: Vec<String>,
}

impl Dns {
    pub(crate) fn is_empty(&self) -> bool {
        self.servers.is_empty() && self.search.is_empty() && self.options.is_empty()
    }
}

/// `--tmpfs PATH[:OPTS]`: `options` as given (Docker's defaults are added by spec generation).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Tmpfs {
    pub(crate) destination: String,
    pub(crate) options: Vec<String>,
}

/// What a mount is made of.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum MountKind {
    /// A host path, bound as it is.
    #[default]
    Bind,
    /// A named (or anonymous) volume of the store.
    Volume,
    /// A fresh tmpfs (`--mount type=tmpfs`; `--tmpfs` is `ContainerConfig::tmpfs`).
    Tmpfs,
}

impl MountKind {
    /// Docker's `Type`.
    pub(crate) fn name(&self) -> &'static str {
        match self {
            MountKind::Bind => "bind",
            MountKind::Volume => "volume",
            MountKind::Tmpfs => "tmpfs",
        }
    }
}

/// A bind, volume or tmpfs mount of `-v`, `--mount`, `--volumes-from` or the image's VOLUME.
/// Records before mounts existed had none (the field was always empty), so no migration is
/// needed: an older record reads as "no mounts".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub(crate) struct Mount {
    pub(crate) kind: MountKind,
    /// bind: the host path, absolute and lexically clean; volume: its name (an anonymous one
    /// is named by create); tmpfs: empty.
    #[serde(skip_serializing_if = "is_default")]
    pub(crate) source: String,
    pub(crate) destination: String,
    #[serde(skip_serializing_if = "is_default")]
    pub(crate) read_only: bool,
    /// `rprivate` (the default, empty here), `private`, `rshared`, `shared`, `rslave`, `slave`.
    #[serde(skip_serializing_if = "is_default")]
    pub(crate) propagation: String,
    /// bind: only the source mount, not the mounts below it (`bind-recursive=disabled`).
    #[serde(skip_serializing_if = "is_default")]
    pub(crate) nonrecursive: bool,
    /// volume: no copy of the image's content at the destination into a new volume.
    #[serde(skip_serializing_if = "is_default")]
    pub(crate) nocopy: bool,
    /// `U`: the source is chowned to the container's user at create.
    #[serde(skip_serializing_if = "is_default")]
    pub(crate) chown: bool,
    /// `nosuid`, `nodev`, `noexec` (and `suid`, `dev`, `exec` for tmpfs).
    #[serde(skip_serializing_if = "is_default")]
    pub(crate) flags: Vec<String>,
    /// tmpfs: its size in bytes and the mode of its root.
    #[serde(skip_serializing_if = "is_default")]
    pub(crate) tmpfs_size: Option<u64>,
    #[serde(skip_serializing_if = "is_default")]
    pub(crate) tmpfs_mode: Option<u32>,
    /// The `-v` text (source made absolute): `HostConfig.Binds`. None for `--mount` (whose
    /// mounts are `HostConfig.Mounts`) and for the image's VOLUMEs.
    #[serde(skip_serializing_if = "is_default")]
    pub(crate) bind_spec: Option<String>,
    /// Made by `--mount` (`HostConfig.Mounts`).
    #[serde(skip_serializing_if = "is_default")]
    pub(crate) mount_flag: bool,
    /// Docker's `Mode`: the `-v` options as given (`ro,Z`); empty for `--mount`.
    #[serde(skip_serializing_if = "is_default")]
    pub(crate) mode: String,
    /// A volume with no name given (`-v /path`, the image's VOLUME): removed with the container
    /// by `rm -v` and `--rm`.
    #[serde(skip_serializing_if = "is_default")]
    pub(crate) anonymous: bool,
    /// bind: a missing source directory is created (`-v`); `--mount` refuses it, as Docker.
    #[serde(skip_serializing_if = "is_default")]
    pub(crate) create_source: bool,
    /// volume: `volume-label` and `volume-opt` of `--mount`, for a volume it creates.
    #[serde(skip_serializing_if = "is_default")]
    pub(crate) volume_labels: BTreeMap<String, String>,
    #[serde(skip_serializing_if = "is_default")]
    pub(crate) volume_options: BTreeMap<String, String>,
}

/// `-m`, `--cpus`, `--pids-limit` & co. (Docker's units: bytes, nano-cpus, cpu-shares).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub(crate) struct Resources {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) memory: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) memory_reservation: Option<i64>,
    /// Memory plus swap; -1 is unlimited swap.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) memory_swap: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) nano_cpus: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) cpu_shares: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) cpu_period: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) cpu_quota: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) cpuset_cpus: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) cpuset_mems: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) pids_limit: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) blkio_weight: Option<u16>,
    /// Not a cgroup limit: the process's own `/proc/self/oom_score_adj`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) oom_score_adj: Option<i32>,
    /// `--ulimit`s: process rlimits, no cgroup either.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(crate) ulimits: Vec<super::ulimit::Ulimit>,
    /// `--cgroup-parent`: the cgroup its own go under (absolute, or relative to skiff's).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) cgroup_parent: Option<String>,
    /// `--cgroups=disabled`: the container gets no cgroup at all (nor stats, nor pause).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub(crate) no_cgroups: bool,
}

impl Resources {
    /// What the cgroups must hold (the CFS period Docker's `--cpus` uses is 100 ms).
    pub(crate) fn limits(&self) -> crate::runtime::cgroups::Limits {
        let (quota, period) = match self.nano_cpus {
            Some(n) if n > 0 => (Some(n / 10_000), Some(self.cpu_period.unwrap_or(100_000))),
            _ => (self.cpu_quota.filter(|q| *q > 0), self.cpu_period),
        };
        // Docker: with -m and no --memory-swap, swap may be as large again as memory.
        let swap = match (self.memory_swap, self.memory) {
            (None, Some(m)) if m > 0 => Some(2 * m),
            (s, _) => s.filter(|s| *s != 0),
        };
        crate::runtime::cgroups::Limits {
            memory: self.memory.filter(|m| *m > 0),
            memory_reservation: self.memory_reservation.filter(|m| *m > 0),
            memory_swap: swap,
            cpu_quota: quota,
            cpu_period: period,
            cpu_shares: self.cpu_shares.filter(|s| *s > 0),
            cpuset_cpus: self.cpuset_cpus.clone(),
            cpuset_mems: self.cpuset_mems.clone(),
            pids: self.pids_limit.filter(|p| *p != 0),
            parent: self.cgroup_parent.clone(),
            blkio_weight: self.blkio_weight.filter(|w| *w > 0),
        }
    }
}

/// `--ipc`, `--uts`, `--pid`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub(crate) struct Namespaces {
    pub(crate) ipc: NsMode,
    pub(crate) uts: NsMode,
    pub(crate) pid: NsMode,
}

/// One namespace's mode (Docker's names).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub(crate) enum NsMode {
    /// No flag: `shareable` for ipc (as podman), `private` otherwise (resolved at create).
    #[default]
    Default,
    Private,
    /// ipc only: a namespace of its own that others may join.
    Shareable,
    Host,
    /// Another container's: its name at first, its id once created.
    Container(String),
}

impl NsMode {
    /// A namespace of the container's own (private or shareable).
    pub(crate) fn is_own(&self) -> bool {
        matches!(self, NsMode::Default | NsMode::Private | NsMode::Shareable)
    }
}

impl FromStr for NsMode {
    type Err = anyhow::Error;
    fn from_str(s: &str) -> Result<NsMode> {
        Ok(match s {
            "" | "default" => NsMode::Default,
            "private" => NsMode::Private,
            "shareable" => NsMode::Shareable,
            "host" => NsMode::Host,
            s => match s.strip_prefix("container:") {
                Some(c) if !c.is_empty() => NsMode::Container(c.to_string()),
                _ => anyhow::bail!("invalid namespace mode {s:?}"),
            },
        })
    }
}

impl fmt::Display for NsMode {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            NsMode::Default => f.write_str("default"),
            NsMode::Private => f.write_str("private"),
            NsMode::Shareable => f.write_str("shareable"),
            NsMode::Host => f.write_str("host"),
            NsMode::Container(c) => write!(f, "container:{c}"),
        }
    }
}
text_serde!(NsMode);

/// `--restart`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) enum RestartPolicy {
    #[default]
    No,
    /// Restart after a non-zero exit, at most `max` times (0: no limit).
    OnFailure {
        max: u32,
    },
    Always,
    UnlessStopped,
}

impl RestartPolicy {
    /// Docker's `HostConfig.RestartPolicy.Name`.
    pub(crate) fn name(&self) -> &'static str {
        match self {
            RestartPolicy::No => "no",
            RestartPolicy::OnFailure { .. } => "on-failure",
            RestartPolicy::Always => "always",
            RestartPolicy::UnlessStopped => "unless-stopped",
        }
    }
    /// Docker's `MaximumRetryCount`.
    pub(crate) fn max_retries(&self) -> u32 {
        match self {
            RestartPolicy::OnFailure { max } => *max,
            _ => 0,
        }
    }
    /// Whether a run that ended with `code` after `restarts` restarts is started again (a
    /// stop by the user is handled by the caller).
    pub(crate) fn restarts(&self, code: i32, restarts: u32) -> bool {
        match self {
            RestartPolicy::No => false,
            RestartPolicy::OnFailure { max } => code != 0 && (*max == 0 || restarts < *max),
            RestartPolicy::Always | RestartPolicy::UnlessStopped => true,
        }
    }
}

impl FromStr for RestartPolicy {
    type Err = anyhow::Error;
    fn from_str(s: &str) -> Result<RestartPolicy> {
        parse::restart_policy(s)
    }
}

impl fmt::Display for RestartPolicy {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            RestartPolicy::OnFailure { max } if *max > 0 => write!(f, "on-failure:{max}"),
            p => f.write_str(p.name()),
        }
    }
}
text_serde!(RestartPolicy);

/// `--health-*` and `--no-healthcheck`: each over the image's HEALTHCHECK where given.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub(crate) struct HealthRequest {
    pub(crate) disable: bool,
    /// `["CMD-SHELL", "..."]` for `--health-cmd`.
    pub(crate) test: Option<Vec<String>>,
    #[serde(with = "opt_nanos")]
    pub(crate) interval: Option<Duration>,
    #[serde(with = "opt_nanos")]
    pub(crate) timeout: Option<Duration>,
    #[serde(with = "opt_nanos")]
    pub(crate) start_period: Option<Duration>,
    pub(crate) retries: Option<u32>,
}

/// Durations as nanoseconds, Docker's unit for health checks in its JSON.
mod opt_nanos {
    use serde::{Deserialize, Deserializer, Serializer};
    use std::time::Duration;

    pub(crate) fn serialize<S: Serializer>(d: &Option<Duration>, s: S) -> Result<S::Ok, S::Error> {
        match d {
            Some(d) => s.serialize_u64(u64::try_from(d.as_nanos()).unwrap_or(u64::MAX)),
            None => s.serialize_none(),
        }
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<Duration>, D::Error> {
        Ok(Option::<u64>::deserialize(d)?.map(Duration::from_nanos))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modes_round_trip_through_their_texts() {
        let c = ContainerConfig {
            network: Network::Container("abc".into()),
            restart: RestartPolicy::OnFailure { max: 2 },
            namespaces: Namespaces {
                ipc: NsMode::Shareable,
                uts: NsMode::Host,
                pid: NsMode::Container("x".into()),
            },
            health: HealthRequest {
                interval: Some(Duration::from_millis(1500)),
                ..Default::default()
            },
            ..Default::default()
        };
        let v = serde_json::to_value(&c).unwrap();
        assert_eq!(v["network"], "container:abc");
        assert_eq!(v["restart"], "on-failure:2");
        assert_eq!(v["namespaces"]["ipc"], "shareable");
        assert_eq!(v["health"]["interval"], 1_500_000_000u64);
        let back: ContainerConfig = serde_json::from_value(v).unwrap();
        assert_eq!(back, c);
    }

    #[test]
    fn restart_policies_decide_like_docker() {
        let p: RestartPolicy = "on-failure:2".parse().unwrap();
        assert!(p.restarts(1, 1));
        assert!(!p.restarts(1, 2));
        assert!(!p.restarts(0, 0));
        assert!(RestartPolicy::Always.restarts(0, 99));
        assert!(!RestartPolicy::No.restarts(1, 0));
        assert_eq!(
            "on-failure".parse::<RestartPolicy>().unwrap().to_string(),
            "on-failure"
        );
    }
}
