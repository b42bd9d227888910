//! `info` and `version` as Docker prints them, and the object their `--format` templates see:
//! Docker's fields (`{{.Driver}}`, `{{.Containers}}`) and podman's (`{{.Store.GraphRoot}}`,
//! `{{.Host.IDMappings}}`) side by side, as each names them in its Go structs.
use crate::engine::image::human;
use crate::engine::info::{Info, VERSION};
use crate::runtime::userns::IdMap;
use serde_json::{json, Value};
use std::fmt::Write;

/// `version`'s object: Docker's Client fields, with podman's names of the same values.
pub(crate) fn version_value() -> Value {
    let arch = crate::engine::image::store::host_arch();
    json!({
        "Client": {
            "Platform": {"Name": "skiff"},
            "Version": VERSION,
            "ApiVersion": VERSION,
            "APIVersion": VERSION,
            "GitCommit": "",
            "Os": "linux",
            "Arch": arch,
            "OsArch": format!("linux/{arch}"),
            "Context": "default",
        }
    })
}

pub(crate) fn version_text() -> String {
    let arch = crate::engine::image::store::host_arch();
    format!(
        "Client:\n Version:           {VERSION}\n OS/Arch:           linux/{arch}\n Context:           default\n"
    )
}

fn id_maps(maps: &[IdMap]) -> Value {
    maps.iter()
        .map(|m| json!({"ContainerID": m.container, "HostID": m.host, "Size": m.size}))
        .collect()
}

/// The mapping in words: `single id (1003)` or `0:1003:1,1:100000:65536` (container:host:size).
fn mapping_text(maps: &[IdMap]) -> String {
    if maps.len() == 1 && maps[0].size == 1 {
        return format!("single id ({})", maps[0].host);
    }
    let parts: Vec<String> = maps
        .iter()
        .map(|m| format!("{}:{}:{}", m.container, m.host, m.size))
        .collect();
    format!("subordinate range ({})", parts.join(","))
}

const LOG_DRIVER: &str = "k8s-file";

fn driver_status(i: &Info) -> Vec<(&'static str, String)> {
    vec![
        ("Backing Filesystem", i.store.backing_fs.clone()),
        ("Supports d_type", "true".into()),
        ("Using metacopy", "false".into()),
        ("Native Overlay Diff", "true".into()),
        ("userxattr", "true".into()),
    ]
}

fn security_options(i: &Info) -> Vec<String> {
    let mut v = Vec::new();
    if i.host.seccomp {
        v.push("name=seccomp,profile=builtin".to_string());
    }
    v.push("name=rootless".into());
    v
}

fn helper_value(i: &Info, name: &str) -> Value {
    match i.host.helpers.iter().find(|h| h.name == name) {
        Some(h) => json!({"Executable": h.path, "Version": h.version}),
        None => json!({"Executable": "", "Version": ""}),
    }
}

/// `info`'s object (see the module's comment).
pub(crate) fn info_value(i: &Info) -> Value {
    let h = &i.host;
    let c = &i.containers;
    let status: serde_json::Map<String, Value> = driver_status(i)
        .into_iter()
        .map(|(k, v)| (k.to_string(), Value::String(v)))
        .collect();
    let default_net = h.helpers.iter().find(|x| x.default).map_or("", |x| x.name);
    json!({
        "Containers": c.total, "ContainersRunning": c.running,
        "ContainersPaused": c.paused, "ContainersStopped": c.stopped,
        "Images": i.images,
        "Driver": "overlay",
        "DriverStatus": driver_status(i).into_iter().map(|(k, v)| json!([k, v])).collect::<Vec<_>>(),
        "LoggingDriver": LOG_DRIVER,
        "CgroupDriver": "cgroupfs",
        "CgroupVersion": h.cgroups.version.to_string(),
        "KernelVersion": h.kernel, "OperatingSystem": h.os, "OSType": "linux",
        "Architecture": h.arch, "NCPU": h.cpus, "MemTotal": h.mem_total,
        "DockerRootDir": i.store.graph_root, "Name": h.hostname,
        "ServerVersion": VERSION,
        "SecurityOptions": security_options(i),
        "Host": {
            "Arch": crate::engine::image::store::host_arch(), "OS": "linux",
            "Kernel": h.kernel, "Hostname": h.hostname, "Distribution": h.os,
            "CPUs": h.cpus, "MemTotal": h.mem_total,
            "CgroupsVersion": format!("v{}", h.cgroups.version),
            "CgroupManager": "cgroupfs",
            "CgroupControllers": h.cgroups.controllers,
            "IDMappings": {"UIDMap": id_maps(&i.uid_map), "GIDMap": id_maps(&i.gid_map)},
            "Security": {
                "Rootless": true, "SECCOMPEnabled": h.seccomp,
                "SECCOMPProfilePath": if h.seccomp { "builtin" } else { "" },
            },
            "Pasta": helper_value(i, "pasta"),
            "Slirp4NetNS": helper_value(i, "slirp4netns"),
            "RootlessNetworkCmd": default_net,
            "LogDriver": LOG_DRIVER,
        },
        "Store": {
            "GraphRoot": i.store.graph_root, "RunRoot": i.store.run_root,
            "ConfigFile": i.store.config_file, "VolumePath": i.store.volume_path,
            "GraphDriverName": "overlay",
            "GraphOptions": {"overlay.mountopt": "userxattr"},
            "GraphStatus": status,
            "GraphRootAllocated": i.store.allocated, "GraphRootUsed": i.store.used,
            "ContainerStore": {"Number": c.total, "Paused": c.paused, "Running": c.running, "Stopped": c.stopped},
            "ImageStore": {"Number": i.images},
            "VolumeCount": i.volumes,
        },
        "Registries": {"Search": i.search, "Insecure": i.insecure},
        "Version": {"Version": VERSION, "OsArch": format!("linux/{}", crate::engine::image::store::host_arch())},
    })
}

/// Docker's `info` text: the Client block, then what Docker calls the Server (here the local
/// store and host), with podman's id mapping and network helpers added.
pub(crate) fn info_text(i: &Info) -> String {
    let h = &i.host;
    let c = &i.containers;
    let mut o = String::new();
    let _ = writeln!(
        o,
        "Client:\n Version:    {VERSION}\n Context:    default\n Debug Mode: false\n"
    );
    let _ = writeln!(o, "Server:");
    let _ = writeln!(
        o,
        " Containers: {}\n  Running: {}\n  Paused: {}\n  Stopped: {}",
        c.total, c.running, c.paused, c.stopped
    );
    let _ = writeln!(
        o,
        " Images: {}\n Volumes: {}\n Server Version: {VERSION}",
        i.images, i.volumes
    );
    let _ = writeln!(o, " Storage Driver: overlay");
    for (k, v) in driver_status(i) {
        let _ = writeln!(o, "  {k}: {v}");
    }
    let _ = writeln!(
        o,
        " Logging Driver: {LOG_DRIVER}\n Cgroup Driver: cgroupfs\n Cgroup Version: {}",
        h.cgroups.version
    );
    let ctrls = match h.cgroups.controllers.is_empty() {
        true => "none".to_string(),
        false => h.cgroups.controllers.join(" "),
    };
    let _ = writeln!(o, " Delegated Cgroup Controllers: {ctrls}");
    let _ = writeln!(
        o,
        " ID Mapping:\n  UIDs: {}\n  GIDs: {}",
        mapping_text(&i.uid_map),
        mapping_text(&i.gid_map)
    );
    let _ = writeln!(o, " Network Helpers:");
    if h.helpers.is_empty() {
        let _ = writeln!(o, "  none (the default network needs pasta or slirp4netns)");
    }
    for x in &h.helpers {
        let default = if x.default { " (default)" } else { "" };
        let _ = writeln!(o, "  {}: {} {}{default}", x.name, x.path, x.version);
    }
    let _ = writeln!(o, " Security Options:");
    if h.seccomp {
        let _ = writeln!(o, "  seccomp\n   Profile: builtin");
    }
    let _ = writeln!(o, "  rootless");
    let _ = writeln!(
        o,
        " Kernel Version: {}\n Operating System: {}\n OSType: linux",
        h.kernel, h.os
    );
    let _ = writeln!(
        o,
        " Architecture: {}\n CPUs: {}\n Total Memory: {}",
        h.arch,
        h.cpus,
        human::binary_size(h.mem_total)
    );
    let _ = writeln!(
        o,
        " Name: {}\n Docker Root Dir: {}",
        h.hostname, i.store.graph_root
    );
    let _ = writeln!(o, " Run Root: {}", i.store.run_root);
    let _ = writeln!(
        o,
        " Store Size: {} used of {}",
        human::human_size(i.store.used),
        human::human_size(i.store.allocated)
    );
    let _ = writeln!(o, " Registries: {}", list_or_none(&i.search));
    let _ = writeln!(o, " Insecure Registries: {}", list_or_none(&i.insecure));
    o
}

fn list_or_none(v: &[String]) -> String {
    match v.is_empty() {
        true => "none".into(),
        false => v.join(", "),
    }
}
