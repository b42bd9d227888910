//! The rows and columns of `ps`: a container as the docker CLI's `ContainerContext` shows it.
use super::format;
use crate::engine::container::filter;
use crate::engine::container::list::{command_text, status_text, Entry, Size};
use crate::engine::image::human;

pub(crate) const DEFAULT_FORMAT: &str =
    "table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}";
/// podman's `ps --ns` table.
pub(crate) const NS_FORMAT: &str = "table {{.ID}}\t{{.Names}}\t{{.Pid}}\t{{.CgroupNS}}\t{{.IPC}}\t{{.MNT}}\t{{.NET}}\t{{.PIDNS}}\t{{.UserNS}}\t{{.UTS}}";
/// The columns podman's `ps --pod` adds.
pub(crate) const POD_FORMAT: &str = "\t{{.Pod}}\t{{.PodName}}";

/// `ps`'s fields: Docker's `ContainerContext`, then podman's and Go's other names.
pub(crate) const COLUMNS: format::Columns = format::Columns {
    docker: &[
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
    ],
    more: &[
        ("Id", "CONTAINER ID"),
        ("Created", "CREATED"),
        ("CreatedHuman", "CREATED"),
        ("ImageID", "IMAGE ID"),
        ("Pid", "PID"),
        ("ExitCode", "EXIT CODE"),
        ("Exited", "EXITED"),
        ("ExitedAt", "EXITED AT"),
        ("StartedAt", "STARTED AT"),
        ("Restarts", "RESTARTS"),
        ("AutoRemove", "AUTO REMOVE"),
        ("Pod", "POD ID"),
        ("PodName", "PODNAME"),
        ("IsInfra", "IS INFRA"),
        ("CgroupNS", "CGROUPNS"),
        ("IPC", "IPC"),
        ("MNT", "MNT"),
        ("NET", "NET"),
        ("PIDNS", "PIDNS"),
        ("UserNS", "USERNS"),
        ("UTS", "UTS"),
    ],
};

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
            "ID" | "Id" if self.trunc => r.short_id().to_string(),
            "ID" | "Id" => r.id.clone(),
            "Image" => r.config.image.clone(),
            "Command" => command_text(r, self.trunc),
            "CreatedAt" | "Created" => format::go_time(r.created),
            "RunningFor" | "CreatedHuman" => format!(
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
            _ => podman_field(r, name),
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

/// The fields podman's `ps` templates have and Docker's have not.
fn podman_field(r: &crate::engine::container::record::Record, name: &str) -> String {
    let running = r.live_status() == crate::engine::container::record::Status::Running;
    let unix = |t: Option<chrono::DateTime<chrono::Utc>>| t.map_or(0, |t| t.timestamp());
    match name {
        "ImageID" => r.image_id.hex().to_string(),
        "Pid" => if running { r.state.pid } else { 0 }.to_string(),
        "ExitCode" => r.state.exit_code.to_string(),
        "Exited" => (filter::state_text(r) == "exited").to_string(),
        "ExitedAt" => unix(r.state.finished_at).to_string(),
        "StartedAt" => unix(r.state.started_at).to_string(),
        "Restarts" => r.state.restart_count.to_string(),
        "AutoRemove" => r.config.auto_remove.to_string(),
        "IsInfra" => "false".to_string(),
        "CgroupNS" => namespace(r, running, "cgroup"),
        "IPC" => namespace(r, running, "ipc"),
        "MNT" => namespace(r, running, "mnt"),
        "NET" => namespace(r, running, "net"),
        "PIDNS" => namespace(r, running, "pid"),
        "UserNS" => namespace(r, running, "user"),
        "UTS" => namespace(r, running, "uts"),
        _ => String::new(),
    }
}

/// The inode number of a running container's namespace (`net:[4026532297]` → `4026532297`), as
/// podman's `ps --ns` shows it; empty when it is not running or cannot be read.
fn namespace(r: &crate::engine::container::record::Record, running: bool, ns: &str) -> String {
    if !running {
        return String::new();
    }
    std::fs::read_link(format!("/proc/{}/ns/{ns}", r.state.pid))
        .ok()
        .and_then(|l| {
            let l = l.to_string_lossy().into_owned();
            Some(l.split_once(":[")?.1.trim_end_matches(']').to_string())
        })
        .unwrap_or_default()
}
