//! `inspect` of containers: Docker's schema for what skiff has.
use super::list::status_text;
use super::network;
use super::record::{Record, Status};
use crate::store::Paths;
use anyhow::Result;
use chrono::{DateTime, SecondsFormat, Utc};
use oci_spec::runtime::Spec;
use serde_json::{json, Value};

fn time(t: Option<DateTime<Utc>>) -> String {
    t.map(|t| t.to_rfc3339_opts(SecondsFormat::Nanos, true))
        .unwrap_or_else(|| "0001-01-01T00:00:00Z".into())
}

pub fn inspect(paths: &Paths, r: &Record) -> Result<Value> {
    let dir = paths.container(&r.id);
    let spec: Option<Spec> = crate::store::read_json(&dir.join("config.json")).unwrap_or(None);
    let process = spec.as_ref().and_then(|s| s.process().clone());
    let env = process
        .as_ref()
        .and_then(|p| p.env().clone())
        .unwrap_or_default();
    let cwd = process
        .as_ref()
        .map(|p| p.cwd().to_string_lossy().to_string())
        .unwrap_or_default();
    let o = &r.options;
    let status = r.live_status();
    let running = status == Status::Running;
    let p = |n: &str| dir.join(n).to_string_lossy().to_string();
    let tmpfs: serde_json::Map<String, Value> = o
        .tmpfs
        .iter()
        .map(|t| {
            let (d, opts) = t.split_once(':').unwrap_or((t, ""));
            (d.to_string(), json!(opts))
        })
        .collect();
    let lower: Vec<String> = r
        .layers
        .iter()
        .rev()
        .map(|l| l.to_string_lossy().to_string())
        .collect();
    let network = if o.network == "private" {
        "none"
    } else {
        o.network.as_str()
    };
    let user = process
        .as_ref()
        .map(|p| {
            o.user.clone().unwrap_or_else(|| {
                if p.user().uid() == 0 {
                    String::new()
                } else {
                    p.user().uid().to_string()
                }
            })
        })
        .unwrap_or_default();
    let health = r.state.health.as_ref().map(|h| {
        let log: Vec<Value> = h
            .log
            .iter()
            .map(|l| json!({"Start": time(l.start), "End": time(l.end), "ExitCode": l.exit_code, "Output": l.output}))
            .collect();
        json!({"Status": h.status, "FailingStreak": h.failing_streak, "Log": log})
    });
    let healthcheck = r.healthcheck.as_ref().map(|h| {
        json!({"Test": h.test, "Interval": h.interval, "Timeout": h.timeout, "StartPeriod": h.start_period, "Retries": h.retries})
    });
    Ok(json!({
        "Id": r.id,
        "Created": time(Some(r.created)),
        "Path": r.path,
        "Args": r.args,
        "State": {
            "Status": match status { Status::Created => "created", Status::Running => "running", Status::Exited => "exited" },
            "Running": running,
            "Paused": false,
            "Restarting": false,
            "OOMKilled": false,
            "Dead": false,
            "Pid": if running { r.state.pid } else { 0 },
            "ExitCode": r.state.exit_code,
            "Error": r.state.error,
            "StartedAt": time(r.state.started_at),
            "FinishedAt": time(r.state.finished_at),
            "Health": health,
        },
        "Image": r.image_id,
        "ImageName": r.image_name,
        "ResolvConfPath": p("resolv.conf"),
        "HostnamePath": p("hostname"),
        "HostsPath": p("hosts"),
        "LogPath": p("ctr.log"),
        "Name": format!("/{}", r.name),
        "RestartCount": r.state.restart_count,
        "Driver": "overlay",
        "Platform": "linux",
        "GraphDriver": {"Name": "overlay", "Data": {
            "LowerDir": lower.join(":"), "UpperDir": p("upper"), "WorkDir": p("work"), "MergedDir": p("merged"),
        }},
        "Mounts": [],
        "HostConfig": {
            "NetworkMode": network,
            "IpcMode": mode_or(&o.ipc, "shareable"),
            "UTSMode": mode_or(&o.uts, ""),
            "PidMode": mode_or(&o.pid, ""),
            "AutoRemove": o.auto_remove,
            "Privileged": o.privileged,
            "ReadonlyRootfs": o.read_only,
            "CapAdd": o.cap_add,
            "CapDrop": o.cap_drop,
            "SecurityOpt": o.security_opt,
            "Tmpfs": tmpfs,
            "PortBindings": network::ports::bindings_json(&r.net.publish),
            "Dns": o.dns,
            "DnsOptions": o.dns_option,
            "DnsSearch": o.dns_search,
            "ExtraHosts": o.add_host,
            "PublishAllPorts": o.publish_all,
            "RestartPolicy": restart_policy(&o.restart),
            "LogConfig": {"Type": "k8s-file", "Config": {"path": p("ctr.log")}},
        },
        "Config": {
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
            "Image": r.image,
            "Volumes": Value::Null,
            "WorkingDir": cwd,
            "Entrypoint": o.entrypoint.as_ref().map(|e| json!([e])).unwrap_or(Value::Null),
            "OnBuild": Value::Null,
            "ExposedPorts": r.net.exposed.iter().map(|e| (e.clone(), json!({}))).collect::<serde_json::Map<String, Value>>(),
            "Labels": o.labels,
            "StopSignal": r.stop_signal,
            "Healthcheck": healthcheck,
        },
        // network: live bindings and address while running (Docker clears them on exit)
        "NetworkSettings": {
            "Ports": network::ports::ports_json(network::live_ports(r), if running { &r.net.exposed } else { &[] }),
            "IPAddress": if running { r.net.ip.as_str() } else { "" },
            "Gateway": if running { r.net.gateway.as_str() } else { "" },
            "MacAddress": "",
        },
        "SkiffStatusText": status_text(r, Utc::now()),
    }))
}

fn restart_policy(p: &str) -> Value {
    let (name, max) = super::config::restart_policy(p).unwrap_or(("no".into(), 0));
    json!({"Name": name, "MaximumRetryCount": max})
}

/// A namespace mode as Docker shows it: `default` for records made before the flag existed,
/// and "" for a uts or pid namespace of the container's own (Docker has no name for it).
fn mode_or<'a>(mode: &'a str, default: &'a str) -> &'a str {
    match mode {
        "" => default,
        "private" if default.is_empty() => "",
        m => m,
    }
}
