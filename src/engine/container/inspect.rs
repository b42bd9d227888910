//! `inspect` of containers: Docker's schema for what skiff has.
use super::list::status_text;
use super::network;
use super::record::{Record, Status};
use crate::engine::spec::config::NsMode;
use crate::store::Paths;
use anyhow::Result;
use chrono::{DateTime, SecondsFormat, Utc};
use oci_spec::runtime::Spec;
use serde_json::{json, Value};

fn time(t: Option<DateTime<Utc>>) -> String {
    t.map(|t| t.to_rfc3339_opts(SecondsFormat::Nanos, true))
        .unwrap_or_else(|| "0001-01-01T00:00:00Z".into())
}

/// A container as `docker inspect` shows it, with the fields skiff has (and Docker's empty
/// values for those it has not yet, so that templates reading them print nothing, not fail).
pub(crate) fn inspect(paths: &Paths, r: &Record) -> Result<Value> {
    let dir = paths.container(&r.id);
    let spec: Option<Spec> = crate::store::read_json(&dir.join("config.json")).unwrap_or(None);
    let process = spec.as_ref().and_then(|s| s.process().clone());
    let running = r.live_status() == Status::Running;
    let p = |n: &str| dir.join(n).to_string_lossy().to_string();
    let log_path = match r.config.log.driver.keeps_log() {
        true => super::output::log_path(paths, r)
            .to_string_lossy()
            .to_string(),
        false => String::new(),
    };
    let lower: Vec<String> = r
        .layer_dirs(paths)
        .iter()
        .rev()
        .map(|l| l.to_string_lossy().to_string())
        .collect();
    Ok(json!({
        "Id": r.id,
        "Created": time(Some(r.created)),
        "Path": r.path,
        "Args": r.args,
        "State": state(r),
        "Image": r.image_id,
        "ImageName": r.image_name,
        "ResolvConfPath": p("resolv.conf"),
        "HostnamePath": p("hostname"),
        "HostsPath": p("hosts"),
        "LogPath": log_path,
        "Name": format!("/{}", r.name),
        "RestartCount": r.state.restart_count,
        "Driver": "overlay",
        "Platform": "linux",
        "GraphDriver": {"Name": "overlay", "Data": {
            "LowerDir": lower.join(":"), "UpperDir": p("upper"), "WorkDir": p("work"), "MergedDir": p("merged"),
        }},
        "Mounts": super::volumes::inspect_mounts(paths, &r.config),
        "HostConfig": host_config(r, &log_path),
        "Config": config(r, process.as_ref()),
        // network: live bindings and address while running (Docker clears them on exit)
        "NetworkSettings": {
            "Ports": network::ports::ports_json(network::live_ports(r), if running { &r.net.exposed } else { &[] }),
            "IPAddress": if running { r.net.ip.as_str() } else { "" },
            "Gateway": if running { r.net.gateway.as_str() } else { "" },
            "MacAddress": network::mac_address(r, running),
            "Networks": network::networks_json(r, running),
        },
        "SkiffStatusText": status_text(r, Utc::now()),
    }))
}

/// Docker's `State`.
fn state(r: &Record) -> Value {
    let status = r.live_status();
    let running = status == Status::Running;
    let health = r.state.health.as_ref().map(|h| {
        let log: Vec<Value> = h
            .log
            .iter()
            .map(|l| json!({"Start": time(l.start), "End": time(l.end), "ExitCode": l.exit_code, "Output": l.output}))
            .collect();
        json!({"Status": h.status, "FailingStreak": h.failing_streak, "Log": log})
    });
    json!({
        "Status": super::filter::state_text(r),
        "Running": running,
        "Paused": r.state.paused,
        "Restarting": false,
        "OOMKilled": r.state.oom_killed,
        "Dead": false,
        "Pid": if running { r.state.pid } else { 0 },
        "ExitCode": r.state.exit_code,
        "Error": r.state.error,
        "StartedAt": time(r.state.started_at),
        "FinishedAt": time(r.state.finished_at),
        "Health": health,
    })
}

/// Docker's `HostConfig`: how the container runs.
fn host_config(r: &Record, log_path: &str) -> Value {
    let o = &r.config;
    let tmpfs: serde_json::Map<String, Value> = o
        .tmpfs
        .iter()
        .map(|t| (t.destination.clone(), json!(t.options.join(","))))
        .collect();
    let mut v = json!({
        "Binds": super::volumes::binds(o),
        "Mounts": super::volumes::host_mounts(o),
        "VolumesFrom": if o.volumes_from.is_empty() { Value::Null } else { json!(o.volumes_from) },
        "NetworkMode": o.network.to_string(),
        "IpcMode": o.namespaces.ipc.to_string(),
        "UTSMode": own_is_blank(&o.namespaces.uts),
        "PidMode": own_is_blank(&o.namespaces.pid),
        // Docker's field: "" for the default, else the mode given (keep-id; podman's).
        "UsernsMode": o.userns.mode,
        "AutoRemove": o.auto_remove,
        "Privileged": o.privileged,
        "ReadonlyRootfs": o.read_only,
        "CapAdd": o.cap_add,
        "CapDrop": o.cap_drop,
        "SecurityOpt": o.security.given,
        "Tmpfs": tmpfs,
        "PortBindings": network::ports::bindings_json(&r.net.publish),
        "Dns": o.dns.servers,
        "DnsOptions": o.dns.options,
        "DnsSearch": o.dns.search,
        "ExtraHosts": o.add_hosts,
        "PublishAllPorts": o.publish_all,
        "RestartPolicy": {"Name": o.restart.name(), "MaximumRetryCount": o.restart.max_retries()},
        "LogConfig": log_config(r, log_path),
    });
    resources(&o.resources, &mut v);
    v
}

/// Docker's resource fields of `HostConfig` (0 and "" where unset, as Docker shows them).
fn resources(res: &crate::engine::spec::config::Resources, v: &mut Value) {
    let Some(m) = v.as_object_mut() else { return };
    let fields = [
        ("Memory", json!(res.memory.unwrap_or(0))),
        (
            "MemoryReservation",
            json!(res.memory_reservation.unwrap_or(0)),
        ),
        ("MemorySwap", json!(res.memory_swap.unwrap_or(0))),
        ("NanoCpus", json!(res.nano_cpus.unwrap_or(0))),
        ("CpuShares", json!(res.cpu_shares.unwrap_or(0))),
        ("CpuPeriod", json!(res.cpu_period.unwrap_or(0))),
        ("CpuQuota", json!(res.cpu_quota.unwrap_or(0))),
        (
            "CpusetCpus",
            json!(res.cpuset_cpus.clone().unwrap_or_default()),
        ),
        (
            "CpusetMems",
            json!(res.cpuset_mems.clone().unwrap_or_default()),
        ),
        ("PidsLimit", json!(res.pids_limit)),
        ("BlkioWeight", json!(res.blkio_weight.unwrap_or(0))),
        ("OomScoreAdj", json!(res.oom_score_adj.unwrap_or(0))),
        ("Ulimits", json!(res.ulimits)),
        (
            "CgroupParent",
            json!(res.cgroup_parent.clone().unwrap_or_default()),
        ),
    ];
    for (k, val) in fields {
        m.insert(k.to_string(), val);
    }
}

/// Docker's `Config`: what the container is, with the process as the spec gives it.
fn config(r: &Record, process: Option<&oci_spec::runtime::Process>) -> Value {
    let o = &r.config;
    let env = process.and_then(|p| p.env().clone()).unwrap_or_default();
    let cwd = process
        .map(|p| p.cwd().to_string_lossy().to_string())
        .unwrap_or_default();
    let user = process
        .map(|p| match (&o.user, p.user().uid()) {
            (Some(u), _) => u.clone(),
            (None, 0) => String::new(),
            (None, uid) => uid.to_string(),
        })
        .unwrap_or_default();
    let healthcheck = r.healthcheck.as_ref().map(|h| {
        json!({"Test": h.test, "Interval": h.interval, "Timeout": h.timeout, "StartPeriod": h.start_period, "Retries": h.retries})
    });
    json!({
        "Hostname": r.hostname,
        "Domainname": "",
        "User": user,
        "AttachStdin": o.interactive,
        "AttachStdout": true,
        "AttachStderr": true,
        "Tty": o.tty,
        "OpenStdin": o.interactive,
        "StdinOnce": o.interactive,
        "Env": env,
        "Cmd": if o.command.is_empty() { Value::Null } else { json!(o.command) },
        "Image": o.image,
        "Volumes": super::volumes::config_volumes(o),
        "WorkingDir": cwd,
        "Entrypoint": o.entrypoint.as_ref().map(|e| json!(e)).unwrap_or(Value::Null),
        "OnBuild": Value::Null,
        "ExposedPorts": r.net.exposed.iter().map(|e| (e.clone(), json!({}))).collect::<serde_json::Map<String, Value>>(),
        "Labels": o.labels,
        "StopSignal": r.stop_signal,
        "Healthcheck": healthcheck,
    })
}

/// A uts or pid mode as Docker shows it: "" for a namespace of the container's own (Docker has
/// no name for it).
fn own_is_blank(mode: &NsMode) -> String {
    match mode {
        NsMode::Private | NsMode::Default => String::new(),
        m => m.to_string(),
    }
}

/// `HostConfig.LogConfig`: Docker's `{Type, Config}`, the options as given (podman's `path`
/// included, where the log is); none for a driver that keeps no log.
fn log_config(r: &Record, log_path: &str) -> Value {
    let log = &r.config.log;
    let mut config: serde_json::Map<String, Value> = log
        .given
        .iter()
        .map(|(k, v)| (k.clone(), json!(v)))
        .collect();
    if log.driver.keeps_log() {
        config.insert("path".into(), json!(log_path));
    }
    json!({"Type": log.driver.name(), "Config": config})
}
