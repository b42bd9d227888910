//! The rows and columns of `volume ls`.
use super::format;
use crate::engine::volume::Volume;
use crate::store::Paths;

pub(crate) const VOLUMES_FORMAT: &str = "table {{.Driver}}\t{{.Name}}";

/// `volume ls`' fields: Docker's `VolumeContext`, then podman's.
pub(crate) const VOLUMES_COLUMNS: format::Columns = format::Columns {
    docker: &[
        ("Name", "VOLUME NAME"),
        ("Driver", "DRIVER"),
        ("Scope", "SCOPE"),
        ("Mountpoint", "MOUNTPOINT"),
        ("Labels", "LABELS"),
        ("Links", "LINKS"),
        ("Size", "SIZE"),
    ],
    more: &[("CreatedAt", "CREATED AT"), ("Anonymous", "ANONYMOUS")],
};

/// One volume as the docker CLI shows it.
pub(crate) struct VolumeLine<'a> {
    pub(crate) v: &'a Volume,
    pub(crate) paths: &'a Paths,
}

impl format::Row for VolumeLine<'_> {
    fn field(&self, name: &str) -> String {
        let v = self.v;
        match name {
            "Name" => v.name.clone(),
            "Driver" => v.driver.clone(),
            "Scope" => "local".into(),
            "Mountpoint" => v.mountpoint(self.paths).to_string_lossy().into_owned(),
            "Labels" => (v.labels.iter())
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join(","),
            // Docker computes these only for `system df`.
            "Links" | "Size" => "N/A".into(),
            "CreatedAt" => format::go_time(v.created_at),
            "Anonymous" => v.anonymous.to_string(),
            _ => String::new(),
        }
    }
}
