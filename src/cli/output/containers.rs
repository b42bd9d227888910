//! The rows and columns of `ps`: a container as the docker CLI's `ContainerContext` shows it.
use super::format;
use crate::engine::container::filter;
use crate::engine::container::list::{command_text, status_text, Entry};
use crate::engine::image::human;

pub(crate) const DEFAULT_FORMAT: &str =
    "table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}";

/// Docker's column titles for `table` templates.
pub(crate) const HEADER: &[(&str, &str)] = &[
    ("ID", "CONTAINER ID"),
    ("Image", "IMAGE"),
    ("Command", "COMMAND"),
    ("CreatedAt", "CREATED AT"),
    ("RunningFor", "CREATED"),
    ("Ports", "PORTS"),
    ("State", "STATE"),
    ("Status", "STATUS"),
    ("Size", "SIZE"),
    ("Names", "NAMES"),
    ("Labels", "LABELS"),
    ("Mounts", "MOUNTS"),
    ("LocalVolumes", "LOCAL VOLUMES"),
    ("Networks", "NETWORKS"),
];

/// One container as the docker CLI's `ContainerContext` shows it.
pub(crate) fn row(e: &Entry, trunc: bool, now: chrono::DateTime<chrono::Utc>) -> gotmpl::Value {
    let r = &e.record;
    let size = e.size.unwrap_or_default();
    let labels = filter::labels(r)
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join(",");
    let network = r.config.network.to_string();
    format::strings([
        (
            "ID",
            if trunc {
                r.short_id().to_string()
            } else {
                r.id.clone()
            },
        ),
        ("Image", r.config.image.clone()),
        ("Command", command_text(r, trunc)),
        ("CreatedAt", format::go_time(r.created)),
        (
            "RunningFor",
            format!(
                "{} ago",
                human::human_duration((now - r.created).num_seconds())
            ),
        ),
        ("Ports", crate::engine::container::network::ports_text(r)),
        ("State", filter::state_text(r).to_string()),
        ("Status", status_text(r, now)),
        (
            "Size",
            match size.root_fs {
                0 => human::human_size(size.rw),
                v => format!(
                    "{} (virtual {})",
                    human::human_size(size.rw),
                    human::human_size(v)
                ),
            },
        ),
        ("Names", r.name.clone()),
        ("Labels", labels),
        ("Mounts", String::new()),
        ("LocalVolumes", "0".to_string()),
        ("Networks", network.to_string()),
    ])
}
