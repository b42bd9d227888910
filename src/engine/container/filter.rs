//! `ps --filter KEY=VALUE` and `ps --sort KEY`: pure functions over container records.
//! Docker's rules: values of one key are alternatives (any may match), different keys must all
//! match, and every `label=` must match.
use super::record::{Record, Status};
use anyhow::{bail, Result};
use regex::Regex;
use std::cmp::Ordering;
use std::collections::BTreeMap;

/// The keys `ps --filter` accepts, for the error that lists them.
pub(crate) const KEYS: &[&str] = &[
    "ancestor", "exited", "health", "id", "label", "name", "status", "volume",
];
const STATUSES: &[&str] = &[
    "created",
    "restarting",
    "running",
    "removing",
    "paused",
    "exited",
    "dead",
];
const HEALTHS: &[&str] = &["starting", "healthy", "unhealthy", "none"];

#[derive(Debug, Default)]
pub(crate) struct Filters {
    status: Vec<String>,
    names: Vec<Regex>,
    labels: Vec<(String, Option<String>)>,
    /// What the user wrote, and the image ids those names resolve to (see `resolve_ancestors`).
    pub(crate) ancestors: Vec<String>,
    ancestor_ids: Vec<String>,
    ids: Vec<String>,
    health: Vec<String>,
    exited: Vec<i32>,
    /// `volume=`: a volume's name or a mount's destination (Docker's).
    volumes: Vec<String>,
}

impl Filters {
    /// Parses `--filter` values; an unknown key or a bad value is an error that says what is valid.
    pub(crate) fn parse(specs: &[String]) -> Result<Filters> {
        let mut f = Filters::default();
        for spec in specs {
            let Some((key, value)) = spec.split_once('=') else {
                bail!(
                    "invalid filter {spec:?}: give KEY=VALUE, with KEY one of {}",
                    KEYS.join(", ")
                );
            };
            let bad = |valid: &[&str]| -> Result<()> {
                bail!(
                    "invalid filter {spec:?}: the value must be one of {}",
                    valid.join(", ")
                )
            };
            match key.to_ascii_lowercase().as_str() {
                "status" if STATUSES.contains(&value) => f.status.push(value.into()),
                "status" => bad(STATUSES)?,
                "health" if HEALTHS.contains(&value) => f.health.push(value.into()),
                "health" => bad(HEALTHS)?,
                "name" => f.names.push(Regex::new(value).map_err(|e| {
                    anyhow::anyhow!("invalid filter {spec:?}: not a regular expression: {e}")
                })?),
                "label" => f.labels.push(match value.split_once('=') {
                    Some((k, v)) => (k.into(), Some(v.into())),
                    None => (value.into(), None),
                }),
                "ancestor" => f.ancestors.push(value.into()),
                "volume" => f.volumes.push(value.into()),
                "id" => f.ids.push(value.into()),
                "exited" => f.exited.push(value.parse().map_err(|_| {
                    anyhow::anyhow!("invalid filter {spec:?}: exited takes an exit code (a number)")
                })?),
                _ => bail!(
                    "invalid filter {key:?}: valid filters for ps are {}",
                    KEYS.join(", ")
                ),
            }
        }
        Ok(f)
    }

    /// Docker's daemon lists stopped containers without `-a` when a status is asked for.
    pub(crate) fn implies_all(&self) -> bool {
        !self.status.is_empty()
    }

    /// Turns each `ancestor=` value into the image id it names (`resolve` returns None for a name
    /// that is not an image: such a filter still matches records by the name they were made with).
    pub(crate) fn resolve_ancestors(&mut self, resolve: impl Fn(&str) -> Option<String>) {
        self.ancestor_ids = self.ancestors.iter().filter_map(|a| resolve(a)).collect();
    }

    pub(crate) fn matches(&self, r: &Record) -> bool {
        let any = |empty: bool, hit: bool| empty || hit;
        let status = state_text(r);
        any(
            self.status.is_empty(),
            self.status.iter().any(|s| s == status),
        ) && any(
            self.names.is_empty(),
            // Docker matches names with their leading slash, so `^/web$` works too.
            self.names
                .iter()
                .any(|re| re.is_match(&r.name) || re.is_match(&format!("/{}", r.name))),
        ) && self.labels.iter().all(|(k, v)| match labels(r).get(k) {
            Some(have) => v.as_ref().is_none_or(|v| v == have),
            None => false,
        }) && any(
            self.ancestors.is_empty(),
            self.ancestors.iter().any(|a| a == &r.config.image)
                || self.ancestor_ids.iter().any(|id| r.image_id == *id),
        ) && any(
            self.ids.is_empty(),
            self.ids.iter().any(|p| r.id.starts_with(p)),
        ) && any(
            self.health.is_empty(),
            self.health.iter().any(|h| h == health(r)),
        ) && any(
            self.exited.is_empty(),
            status == "exited" && self.exited.contains(&r.state.exit_code),
        ) && any(
            self.volumes.is_empty(),
            self.volumes.iter().any(|v| {
                (r.config.mounts.iter()).any(|m| {
                    m.destination == *v
                        || (m.kind == crate::engine::spec::config::MountKind::Volume
                            && m.source == *v)
                })
            }),
        )
    }
}

/// Docker's State word for a record: `created`, `running`, `paused`, `exited`.
pub(crate) fn state_text(r: &Record) -> &'static str {
    match r.live_status() {
        Status::Created => "created",
        Status::Running if r.state.paused => "paused",
        Status::Running => "running",
        Status::Exited => "exited",
    }
}

/// The container's labels (`-l`, `--label-file`).
pub(crate) fn labels(r: &Record) -> BTreeMap<String, String> {
    r.config.labels.clone()
}

/// The health word (`starting`, `healthy`, `unhealthy`, `none`).
pub(crate) fn health(r: &Record) -> &str {
    match &r.state.health {
        Some(h) if r.healthcheck.is_some() && !h.status.is_empty() => &h.status,
        _ => "none",
    }
}

/// podman's `ps --sort` keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SortKey {
    Created,
    Id,
    Image,
    Names,
    RunningFor,
    Size,
    Status,
}

pub(crate) const SORT_KEYS: &[&str] = &[
    "created",
    "id",
    "image",
    "names",
    "runningfor",
    "size",
    "status",
];

impl std::str::FromStr for SortKey {
    type Err = anyhow::Error;
    fn from_str(s: &str) -> Result<Self> {
        Ok(match s {
            "created" => SortKey::Created,
            "id" => SortKey::Id,
            "image" => SortKey::Image,
            "names" => SortKey::Names,
            "runningfor" => SortKey::RunningFor,
            "size" => SortKey::Size,
            "status" => SortKey::Status,
            _ => bail!(
                "invalid sort key {s:?}: use one of {}",
                SORT_KEYS.join(", ")
            ),
        })
    }
}

/// Orders two records by `key`, as podman's `--sort` does: oldest first by `created`, shortest
/// running first by `runningfor`, ascending otherwise. Sizes are not in records: `Size` compares
/// equal here (`list` sorts by it).
pub(crate) fn compare(key: SortKey, a: &Record, b: &Record) -> Ordering {
    match key {
        SortKey::Created => a.created.cmp(&b.created),
        SortKey::RunningFor => b.created.cmp(&a.created),
        SortKey::Id => a.id.cmp(&b.id),
        SortKey::Image => a.config.image.cmp(&b.config.image),
        SortKey::Names => a.name.cmp(&b.name),
        SortKey::Size => Ordering::Equal,
        SortKey::Status => state_text(a).cmp(state_text(b)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::container::record::State;

    fn rec(name: &str, status: Status, code: i32) -> Record {
        Record {
            id: format!("{:0<64}", name.len()),
            name: name.into(),
            image_name: "docker.io/library/busybox:latest".into(),
            image_id: format!("sha256:{}", "a".repeat(64)).parse().unwrap(),
            created: chrono::Utc::now(),
            path: "sh".into(),
            args: vec![],
            chain_ids: vec![],
            hostname: String::new(),
            stop_signal: "SIGTERM".into(),
            healthcheck: None,
            net: Default::default(),
            state: State {
                status,
                exit_code: code,
                ..Default::default()
            },
            config: Box::new(crate::engine::spec::ContainerConfig {
                image: "busybox".into(),
                ..Default::default()
            }),
        }
    }

    fn f(specs: &[&str]) -> Filters {
        Filters::parse(&specs.iter().map(|s| s.to_string()).collect::<Vec<_>>()).unwrap()
    }

    #[test]
    fn same_key_is_or_different_keys_are_and() {
        let web = rec("web", Status::Exited, 3);
        let db = rec("db", Status::Created, 0);
        assert!(f(&["status=exited", "status=created"]).matches(&db));
        assert!(f(&["status=exited", "name=we"]).matches(&web));
        assert!(!f(&["status=exited", "name=db"]).matches(&web));
        assert!(f(&["name=^/web$"]).matches(&web));
        assert!(f(&["exited=3"]).matches(&web));
        assert!(!f(&["exited=0"]).matches(&db));
        assert!(f(&["health=none"]).matches(&db));
        assert!(!f(&["label=a"]).matches(&db));
        assert!(f(&["id=2"]).matches(&db) && !f(&["id=3"]).matches(&db));
        let mut a = f(&["ancestor=sha256:aa"]);
        a.resolve_ancestors(|_| Some(format!("sha256:{}", "a".repeat(64))));
        assert!(a.matches(&db));
        assert!(f(&["ancestor=busybox"]).matches(&db));
        assert!(!f(&["ancestor=alpine"]).matches(&db));
    }

    #[test]
    fn bad_filters_say_what_is_valid() {
        let err = |s: &str| Filters::parse(&[s.to_string()]).unwrap_err().to_string();
        assert!(err("color=red").contains("ancestor, exited, health"));
        assert!(err("status=sleepy").contains("created, restarting"));
        assert!(err("novalue").contains("KEY=VALUE"));
        assert!(err("exited=x").contains("number"));
        assert!("bogus".parse::<SortKey>().is_err());
    }
}
