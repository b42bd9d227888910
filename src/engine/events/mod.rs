//! The event log (DESIGN §3 `events.log`): every verb that changes state appends one record,
//! and `events` reads, filters and follows them. podman's "file" backend is the model, with
//! Docker's message as the record, so `events --format json` prints a line as it is stored.
//! Each verb's change is one call here (`container`, `image`, `volume`, `network`); writing is best effort:
//! the verb's work is done when its event is written, and a log that cannot be written must not
//! undo it or make it fail.
mod log;
pub(crate) mod read;

use crate::engine::container::record::Record;
use crate::store::Paths;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub(crate) use log::{FILE, ROTATED};

/// One event as Docker's API sends it (`docker events --format '{{json .}}'`).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub(crate) struct Event {
    /// Docker's legacy fields, set for containers and images: the action, the actor's id, and
    /// (containers) the image.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) status: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) from: Option<String>,
    #[serde(rename = "Type")]
    pub(crate) typ: String,
    #[serde(rename = "Action")]
    pub(crate) action: String,
    #[serde(rename = "Actor")]
    pub(crate) actor: Actor,
    pub(crate) scope: String,
    pub(crate) time: i64,
    #[serde(rename = "timeNano")]
    pub(crate) time_nano: i64,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
pub(crate) struct Actor {
    #[serde(rename = "ID")]
    pub(crate) id: String,
    #[serde(rename = "Attributes", default)]
    pub(crate) attributes: BTreeMap<String, String>,
}

impl Event {
    fn new(typ: &str, action: &str, id: &str, attributes: BTreeMap<String, String>) -> Event {
        let now = chrono::Utc::now();
        let nanos = now.timestamp_nanos_opt().unwrap_or(0);
        let legacy = matches!(typ, "container" | "image");
        Event {
            status: legacy.then(|| action.to_string()),
            id: legacy.then(|| id.to_string()),
            from: None,
            typ: typ.into(),
            action: action.into(),
            actor: Actor {
                id: id.into(),
                attributes,
            },
            scope: "local".into(),
            time: nanos.div_euclid(1_000_000_000),
            time_nano: nanos,
        }
    }
}

/// A container's event: Docker's attributes (its labels, `image`, `name`) and `extra`
/// (`exitCode` for die, `signal` for kill).
pub(crate) fn container(paths: &Paths, r: &Record, action: &str, extra: &[(&str, String)]) {
    let mut attrs = r.config.labels.clone();
    attrs.insert("image".into(), r.image_name.clone());
    attrs.insert("name".into(), r.name.clone());
    for (k, v) in extra {
        attrs.insert(k.to_string(), v.clone());
    }
    let mut e = Event::new("container", action, &r.id, attrs);
    e.from = Some(r.image_name.clone());
    log::append(paths, &e);
}

/// An image's event: `actor` is the image id (tag, untag, delete, import, commit, build) or
/// the name it was pulled, pushed, loaded or saved as (Docker's choice per action); `name` is
/// the attribute Docker gives.
pub(crate) fn image(paths: &Paths, action: &str, actor: &str, name: &str) {
    let attrs = BTreeMap::from([("name".to_string(), name.to_string())]);
    log::append(paths, &Event::new("image", action, actor, attrs));
}

/// A network's event (create, destroy, connect, disconnect): the actor is the network's id,
/// with Docker's `name` and `type` attributes and, for connect and disconnect, the container's
/// id as `container`.
pub(crate) fn network(paths: &Paths, action: &str, id: &str, name: &str, container: Option<&str>) {
    let mut attrs = BTreeMap::from([
        ("name".to_string(), name.to_string()),
        ("type".to_string(), "bridge".to_string()),
    ]);
    if let Some(c) = container {
        attrs.insert("container".into(), c.to_string());
    }
    log::append(paths, &Event::new("network", action, id, attrs));
}

/// A volume's event (create, destroy), with Docker's `driver` attribute.
pub(crate) fn volume(paths: &Paths, action: &str, name: &str) {
    let attrs = BTreeMap::from([("driver".to_string(), "local".to_string())]);
    log::append(paths, &Event::new("volume", action, name, attrs));
}
