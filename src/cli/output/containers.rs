//! The rows and columns of `ps`: a container as the docker CLI's `ContainerContext` shows it.
use super::format;
use crate::engine::container::filter;
use crate::engine::container::list::{command_text, status_text, Entry, Size};
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

/// One container as the docker CLI's `ContainerContext` shows it, each field made when asked.
pub(crate) struct PsRow<'a> {
    pub(crate) entry: &'a Entry,
    pub(crate) trunc: bool,
    pub(crate) now: chrono::DateTime<chrono::Utc>,
}

impl format::Row for PsRow<'_> {
    fn field(&self, name: &str) -> String {
        let r = &self.entry.record;
        match name {
            "ID" if self.trunc => r.short_id().to_string(),
            "ID" => r.id.clone(),
            "Image" => r.config.image.clone(),
            "Command" => command_text(r, self.trunc),
            "CreatedAt" => format::go_time(r.created),
            "RunningFor" => format!(
                "{} ago",
                human::human_duration((self.now - r.created).num_seconds())
            ),
            "Ports" => crate::engine::container::network::ports_text(r),
            "State" => filter::state_text(r).to_string(),
            "Status" => status_text(r, self.now),
            "Size" => size_text(self.entry.size.unwrap_or_default()),
            "Names" => r.name.clone(),
            "Labels" => filter::labels(r)
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join(","),
            "LocalVolumes" => "0".to_string(),
            "Networks" => r.config.network.to_string(),
            _ => String::new(),
        }
    }
}

/// Docker's SIZE column: what the container wrote, and with its image.
fn size_text(size: Size) -> String {
    match size.root_fs {
        0 => human::human_size(size.rw),
        v => format!(
            "{} (virtual {})",
            human::human_size(size.rw),
            human::human_size(v)
        ),
    }
}
