//! The long form: every service key with a short syntax rewritten the way compose-go's
//! "canonical" transform does, relative paths resolved against the file's base directory.
//! What comes out deserializes straight into `model`; keys it does not know are left as they
//! are (the model carries them in `extra`).
use super::model::{DependsOn, Healthcheck, ServiceFileRef, ServiceNetwork, Ulimit};
use super::short;
use super::values::*;
use super::ComposeError;
use serde_json::{json, Value};
use std::path::Path;

/// Where relative paths of a file resolve, and HOME for `~`.
pub(crate) struct Base<'a> {
    pub dir: &'a Path,
    pub home: Option<&'a str>,
}

/// Rewrite every service of a raw document, and the top-level resources, into the long form.
pub(crate) fn document(doc: &mut Value, base: &Base) -> Result<(), ComposeError> {
    let Some(top) = doc.as_object_mut() else {
        return Ok(());
    };
    top.retain(|k, _| !k.starts_with("x-"));
    if let Some(Value::Object(services)) = top.get_mut("services") {
        for (name, svc) in services.iter_mut() {
            if let Value::Object(s) = svc {
                service(name, s, base)?;
            } else if svc.is_null() {
                *svc = json!({});
            }
        }
    }
    for kind in ["networks", "volumes", "secrets", "configs"] {
        if let Some(Value::Object(items)) = top.get_mut(kind) {
            for (key, item) in items.iter_mut() {
                if item.is_null() {
                    *item = json!({});
                }
                if let Value::Object(o) = item {
                    resource(kind, key, o, base)?;
                }
            }
        }
    }
    Ok(())
}

/// One service, in place.
pub(crate) fn service(name: &str, s: &mut Obj, base: &Base) -> Result<(), ComposeError> {
    s.retain(|k, _| !k.starts_with("x-"));
    scalars(name, s)?;
    structured(name, s, base)
}

/// The keys whose values are scalars, lists of scalars or flat maps.
fn scalars(name: &str, s: &mut Obj) -> Result<(), ComposeError> {
    let w = |k: &str| format!("service {name}: {k}");
    for k in ["command", "entrypoint"] {
        rewrite(s, k, |v| shell_words(&w(k), v))?;
    }
    rewrite(s, "environment", |v| {
        Ok(to_json(opt_map(&w("environment"), v)?))
    })?;
    for k in ["labels", "annotations", "sysctls"] {
        rewrite(s, k, |v| Ok(to_json(str_map(&w(k), v)?)))?;
    }
    for k in [
        "expose",
        "tmpfs",
        "dns",
        "dns_search",
        "dns_opt",
        "cap_add",
        "cap_drop",
        "security_opt",
        "group_add",
        "links",
        "external_links",
        "volumes_from",
        "profiles",
    ] {
        rewrite(s, k, |v| Ok(to_json(string_list(&w(k), v)?)))?;
    }
    for k in ["read_only", "privileged", "tty", "stdin_open", "init"] {
        rewrite(s, k, |v| Ok(Value::Bool(boolean(&w(k), v)?)))?;
    }
    for k in ["mem_limit", "mem_reservation", "shm_size"] {
        rewrite(s, k, |v| Ok(json!(bytes(&w(k), v)?)))?;
    }
    rewrite(s, "memswap_limit", |v| match int(&w("memswap_limit"), v) {
        Ok(i) => Ok(json!(i)),
        Err(_) => Ok(json!(bytes(&w("memswap_limit"), v)?)),
    })?;
    for k in ["cpu_shares", "pids_limit", "oom_score_adj", "scale"] {
        rewrite(s, k, |v| Ok(json!(int(&w(k), v)?)))?;
    }
    rewrite(s, "cpus", |v| Ok(json!(float(&w("cpus"), v)?)))?;
    for k in [
        "image",
        "restart",
        "user",
        "working_dir",
        "hostname",
        "domainname",
        "container_name",
        "stop_signal",
        "stop_grace_period",
        "pull_policy",
        "platform",
        "network_mode",
        "pid",
        "ipc",
        "userns_mode",
        "cpuset",
    ] {
        rewrite(s, k, |v| Ok(text(v).map_or(v.clone(), Value::String)))?;
    }
    Ok(())
}

/// The keys with a grammar or a structure of their own.
fn structured(name: &str, s: &mut Obj, base: &Base) -> Result<(), ComposeError> {
    let w = |k: &str| format!("service {name}: {k}");
    rewrite(s, "build", |v| build(name, v, base))?;
    rewrite(s, "env_file", |v| env_files(name, v, base))?;
    rewrite(s, "ports", |v| ports(name, v))?;
    rewrite(s, "volumes", |v| volumes(name, v, base))?;
    rewrite(s, "networks", |v| networks(name, v))?;
    rewrite(s, "depends_on", |v| depends_on(name, v))?;
    rewrite(s, "healthcheck", |v| healthcheck(name, v))?;
    rewrite(s, "extra_hosts", |v| Ok(to_json(extra_hosts(name, v)?)))?;
    rewrite(s, "ulimits", |v| ulimits(name, v))?;
    rewrite(s, "devices", |v| devices(name, v))?;
    rewrite(s, "deploy", |v| deploy(name, v))?;
    rewrite(s, "logging", |v| logging(name, v))?;
    rewrite(s, "develop", |v| develop(name, v, base))?;
    for k in ["secrets", "configs"] {
        rewrite(s, k, |v| file_refs(&w(k), v))?;
    }
    Ok(())
}

/// `command`/`entrypoint`: a string is split into words as compose-go's `shellwords.Parse`
/// does (quotes and backslashes honoured, no shell run).
fn shell_words(what: &str, v: &Value) -> Result<Value, ComposeError> {
    match v {
        Value::String(s) => {
            let words = shlex::split(s).ok_or_else(|| {
                ComposeError::invalid(format!("{what}: unbalanced quotes in {s:?}"))
            })?;
            Ok(to_json(words))
        }
        other => Ok(to_json(string_list(what, other)?)),
    }
}

fn build(svc: &str, v: &Value, base: &Base) -> Result<Value, ComposeError> {
    let w = |k: &str| format!("service {svc}: build.{k}");
    let mut b = match v {
        Value::String(s) => {
            let mut m = Obj::new();
            m.insert("context".into(), Value::String(s.clone()));
            m
        }
        Value::Object(m) => m.clone(),
        other => {
            return Err(ComposeError::invalid(format!(
                "service {svc}: build: invalid value {other}"
            )))
        }
    };
    let ctx = b
        .get("context")
        .and_then(text)
        .unwrap_or_else(|| ".".into());
    let remote = ctx.contains("://") || ctx.starts_with("git@") || ctx.starts_with("github.com/");
    let ctx = if remote {
        ctx
    } else {
        short::host_path(base.dir, base.home, &ctx)
    };
    b.insert("context".into(), Value::String(ctx));
    if !b.contains_key("dockerfile") && !b.contains_key("dockerfile_inline") {
        b.insert("dockerfile".into(), json!("Dockerfile"));
    }
    rewrite(&mut b, "args", |v| Ok(to_json(opt_map(&w("args"), v)?)))?;
    rewrite(&mut b, "labels", |v| Ok(to_json(str_map(&w("labels"), v)?)))?;
    for k in ["tags", "cache_from", "platforms"] {
        rewrite(&mut b, k, |v| Ok(to_json(string_list(&w(k), v)?)))?;
    }
    for k in ["no_cache", "pull"] {
        rewrite(&mut b, k, |v| Ok(Value::Bool(boolean(&w(k), v)?)))?;
    }
    rewrite(&mut b, "shm_size", |v| Ok(json!(bytes(&w("shm_size"), v)?)))?;
    rewrite(&mut b, "extra_hosts", |v| Ok(to_json(extra_hosts(svc, v)?)))?;
    Ok(Value::Object(b))
}

/// `env_file`: kept as `[{path, required}]` (absolute) until the files are merged; the
/// loader then reads them into `environment`.
fn env_files(svc: &str, v: &Value, base: &Base) -> Result<Value, ComposeError> {
    let items = match v {
        Value::Array(a) => a.clone(),
        other => vec![other.clone()],
    };
    let mut out = Vec::new();
    for i in items {
        let (path, required) = match &i {
            Value::Object(m) => {
                let p = m.get("path").and_then(text).unwrap_or_default();
                let r = m
                    .get("required")
                    .map(|r| boolean(&format!("service {svc}: env_file.required"), r))
                    .transpose()?;
                (p, r.unwrap_or(true))
            }
            other => (text(other).unwrap_or_default(), true),
        };
        let path = short::host_path(base.dir, base.home, &path);
        out.push(json!({"path": path, "required": required}));
    }
    Ok(Value::Array(out))
}

fn ports(svc: &str, v: &Value) -> Result<Value, ComposeError> {
    let mut out = Vec::new();
    for p in v.as_array().into_iter().flatten() {
        match p {
            Value::Object(m) => out.push(short::port_long(svc, m)?),
            other => out.extend(short::port_short(svc, other)?),
        }
    }
    Ok(to_json(out))
}

fn volumes(svc: &str, v: &Value, base: &Base) -> Result<Value, ComposeError> {
    let mut out = Vec::new();
    for item in v.as_array().into_iter().flatten() {
        match item {
            Value::String(s) => {
                out.push(to_json(short::volume_short(svc, s, base.dir, base.home)?))
            }
            Value::Object(m) => out.push(volume_long(svc, m, base)?),
            other => {
                return Err(ComposeError::invalid(format!(
                    "service {svc}: invalid volume {other}"
                )))
            }
        }
    }
    Ok(Value::Array(out))
}

fn volume_long(svc: &str, m: &Obj, base: &Base) -> Result<Value, ComposeError> {
    let w = |k: &str| format!("service {svc}: volumes.{k}");
    let mut m = m.clone();
    if m.get("type").and_then(Value::as_str) == Some("bind") {
        if let Some(src) = m.get("source").and_then(text) {
            let abs = short::host_path(base.dir, base.home, &src);
            m.insert("source".into(), Value::String(abs));
        }
    }
    rewrite(&mut m, "read_only", |v| {
        Ok(Value::Bool(boolean(&w("read_only"), v)?))
    })?;
    if let Some(Value::Object(b)) = m.get_mut("bind") {
        rewrite(b, "create_host_path", |v| {
            Ok(Value::Bool(boolean(&w("bind"), v)?))
        })?;
    }
    if let Some(Value::Object(t)) = m.get_mut("tmpfs") {
        rewrite(t, "size", |v| Ok(json!(bytes(&w("tmpfs.size"), v)?)))?;
        rewrite(t, "mode", |v| mode(&w("tmpfs.mode"), v))?;
    }
    if let Some(Value::Object(o)) = m.get_mut("volume") {
        rewrite(o, "nocopy", |v| {
            Ok(Value::Bool(boolean(&w("volume.nocopy"), v)?))
        })?;
    }
    Ok(Value::Object(m))
}

/// A file mode: a number, or octal text ("0440").
fn mode(what: &str, v: &Value) -> Result<Value, ComposeError> {
    match v {
        Value::String(s) => u32::from_str_radix(s.trim_start_matches("0o"), 8)
            .map(|m| json!(m))
            .map_err(|_| ComposeError::invalid(format!("{what}: invalid mode {s:?}"))),
        other => Ok(json!(uint(what, other)?)),
    }
}

fn networks(svc: &str, v: &Value) -> Result<Value, ComposeError> {
    let mut out = serde_json::Map::new();
    match v {
        Value::Array(names) => {
            for n in names {
                let n = text(n).ok_or_else(|| {
                    ComposeError::invalid(format!("service {svc}: networks: invalid entry {n}"))
                })?;
                out.insert(n, Value::Null);
            }
        }
        Value::Object(m) => {
            for (k, cfg) in m {
                let typed: Option<ServiceNetwork> = match cfg {
                    Value::Null => None,
                    c => {
                        let mut c = c.clone();
                        if let Some(o) = c.as_object_mut() {
                            rewrite(o, "aliases", |a| Ok(to_json(string_list("aliases", a)?)))?;
                        }
                        Some(serde_json::from_value(c).map_err(|e| {
                            ComposeError::invalid(format!("service {svc}: networks.{k}: {e}"))
                        })?)
                    }
                };
                out.insert(k.clone(), to_json(typed));
            }
        }
        other => {
            return Err(ComposeError::invalid(format!(
                "service {svc}: networks: invalid value {other}"
            )))
        }
    }
    Ok(Value::Object(out))
}

fn depends_on(svc: &str, v: &Value) -> Result<Value, ComposeError> {
    let mut out = serde_json::Map::new();
    let w = format!("service {svc}: depends_on");
    match v {
        Value::Array(names) => {
            for n in names {
                let n = text(n)
                    .ok_or_else(|| ComposeError::invalid(format!("{w}: invalid entry {n}")))?;
                out.insert(
                    n,
                    to_json(DependsOn {
                        required: true,
                        ..Default::default()
                    }),
                );
            }
        }
        Value::Object(m) => {
            for (k, d) in m {
                let mut d = d.as_object().cloned().unwrap_or_default();
                for b in ["restart", "required"] {
                    rewrite(&mut d, b, |x| Ok(Value::Bool(boolean(&w, x)?)))?;
                }
                d.entry("condition").or_insert(json!("service_started"));
                let typed: DependsOn = serde_json::from_value(Value::Object(d))
                    .map_err(|e| ComposeError::invalid(format!("{w}.{k}: {e}")))?;
                out.insert(k.clone(), to_json(typed));
            }
        }
        other => return Err(ComposeError::invalid(format!("{w}: invalid value {other}"))),
    }
    Ok(Value::Object(out))
}

fn healthcheck(svc: &str, v: &Value) -> Result<Value, ComposeError> {
    let w = |k: &str| format!("service {svc}: healthcheck.{k}");
    let mut h = v.as_object().cloned().unwrap_or_default();
    rewrite(&mut h, "test", |t| match t {
        Value::String(s) => Ok(json!(["CMD-SHELL", s])),
        other => Ok(to_json(string_list(&w("test"), other)?)),
    })?;
    for k in ["interval", "timeout", "start_period", "start_interval"] {
        rewrite(
            &mut h,
            k,
            |d| Ok(text(d).map_or(Value::Null, Value::String)),
        )?;
    }
    rewrite(&mut h, "retries", |r| Ok(json!(uint(&w("retries"), r)?)))?;
    rewrite(&mut h, "disable", |d| {
        Ok(Value::Bool(boolean(&w("disable"), d)?))
    })?;
    let typed: Healthcheck = serde_json::from_value(Value::Object(h))
        .map_err(|e| ComposeError::invalid(format!("service {svc}: healthcheck: {e}")))?;
    Ok(to_json(typed))
}

pub(crate) fn extra_hosts(svc: &str, v: &Value) -> Result<Vec<String>, ComposeError> {
    let mut out = Vec::new();
    match v {
        Value::Object(m) => {
            for (host, ips) in m {
                for ip in string_list(&format!("service {svc}: extra_hosts"), ips)? {
                    out.push(short::extra_host(svc, &format!("{host}={ip}"))?);
                }
            }
        }
        other => {
            for e in string_list(&format!("service {svc}: extra_hosts"), other)? {
                out.push(short::extra_host(svc, &e)?);
            }
        }
    }
    Ok(out)
}

fn ulimits(svc: &str, v: &Value) -> Result<Value, ComposeError> {
    let mut out = std::collections::BTreeMap::new();
    for (k, l) in v.as_object().into_iter().flatten() {
        let w = format!("service {svc}: ulimits.{k}");
        let u = match l {
            Value::Object(m) => Ulimit {
                soft: int(&w, m.get("soft").unwrap_or(&Value::Null))?,
                hard: int(&w, m.get("hard").unwrap_or(&Value::Null))?,
            },
            n => {
                let n = int(&w, n)?;
                Ulimit { soft: n, hard: n }
            }
        };
        out.insert(k.clone(), u);
    }
    Ok(to_json(out))
}

/// `devices`: the long form `{source, target, permissions}` as `source:target:permissions`.
fn devices(svc: &str, v: &Value) -> Result<Value, ComposeError> {
    let mut out = Vec::new();
    for d in v.as_array().into_iter().flatten() {
        match d {
            Value::Object(m) => {
                let f = |k: &str| m.get(k).and_then(text);
                let src = f("source").unwrap_or_default();
                let parts: Vec<String> = [
                    Some(src.clone()),
                    Some(f("target").unwrap_or(src)),
                    f("permissions"),
                ]
                .into_iter()
                .flatten()
                .collect();
                out.push(parts.join(":"));
            }
            other => out.push(text(other).ok_or_else(|| {
                ComposeError::invalid(format!("service {svc}: devices: invalid entry {other}"))
            })?),
        }
    }
    Ok(to_json(out))
}

fn deploy(svc: &str, v: &Value) -> Result<Value, ComposeError> {
    let w = |k: &str| format!("service {svc}: deploy.{k}");
    let mut d = v.as_object().cloned().unwrap_or_default();
    rewrite(&mut d, "replicas", |r| Ok(json!(uint(&w("replicas"), r)?)))?;
    rewrite(&mut d, "labels", |l| Ok(to_json(str_map(&w("labels"), l)?)))?;
    if let Some(Value::Object(res)) = d.get_mut("resources") {
        for which in ["limits", "reservations"] {
            if let Some(Value::Object(r)) = res.get_mut(which) {
                rewrite(r, "cpus", |c| Ok(json!(float(&w("resources.cpus"), c)?)))?;
                rewrite(r, "memory", |m| {
                    Ok(json!(bytes(&w("resources.memory"), m)?))
                })?;
                rewrite(r, "pids", |p| Ok(json!(int(&w("resources.pids"), p)?)))?;
            }
        }
    }
    if let Some(Value::Object(r)) = d.get_mut("restart_policy") {
        rewrite(r, "max_attempts", |m| {
            Ok(json!(uint(&w("restart_policy"), m)?))
        })?;
        for k in ["delay", "window"] {
            rewrite(r, k, |t| Ok(text(t).map_or(Value::Null, Value::String)))?;
        }
    }
    Ok(Value::Object(d))
}

fn logging(svc: &str, v: &Value) -> Result<Value, ComposeError> {
    let mut l = v.as_object().cloned().unwrap_or_default();
    rewrite(&mut l, "options", |o| {
        Ok(to_json(str_map(
            &format!("service {svc}: logging.options"),
            o,
        )?))
    })?;
    Ok(Value::Object(l))
}

fn develop(svc: &str, v: &Value, base: &Base) -> Result<Value, ComposeError> {
    let mut d = v.as_object().cloned().unwrap_or_default();
    if let Some(Value::Array(rules)) = d.get_mut("watch") {
        for r in rules.iter_mut().filter_map(Value::as_object_mut) {
            if let Some(p) = r.get("path").and_then(text) {
                r.insert(
                    "path".into(),
                    Value::String(short::host_path(base.dir, base.home, &p)),
                );
            }
            rewrite(r, "ignore", |i| {
                Ok(to_json(string_list(
                    &format!("service {svc}: develop.watch.ignore"),
                    i,
                )?))
            })?;
        }
    }
    Ok(Value::Object(d))
}

fn file_refs(what: &str, v: &Value) -> Result<Value, ComposeError> {
    let mut out = Vec::new();
    for r in v.as_array().into_iter().flatten() {
        match r {
            Value::Object(m) => {
                let mut m = m.clone();
                rewrite(&mut m, "mode", |x| mode(what, x))?;
                for k in ["uid", "gid"] {
                    rewrite(
                        &mut m,
                        k,
                        |x| Ok(text(x).map_or(Value::Null, Value::String)),
                    )?;
                }
                let typed: ServiceFileRef = serde_json::from_value(Value::Object(m))
                    .map_err(|e| ComposeError::invalid(format!("{what}: {e}")))?;
                out.push(typed);
            }
            other => out.push(ServiceFileRef {
                source: text(other).unwrap_or_default(),
                ..Default::default()
            }),
        }
    }
    Ok(to_json(out))
}

/// A top-level network, volume, secret or config: list/dict fields as maps, the old
/// `external: {name: x}` form as `external: true, name: x`, file paths absolute.
fn resource(kind: &str, key: &str, o: &mut Obj, base: &Base) -> Result<(), ComposeError> {
    let w = |k: &str| format!("{kind}.{key}: {k}");
    o.retain(|k, _| !k.starts_with("x-"));
    if let Some(Value::Object(ext)) = o.get("external").cloned() {
        if let Some(n) = ext.get("name").and_then(text) {
            o.insert("name".into(), Value::String(n));
        }
        o.insert("external".into(), Value::Bool(true));
    }
    for k in ["external", "internal", "attachable", "enable_ipv6"] {
        rewrite(o, k, |v| Ok(Value::Bool(boolean(&w(k), v)?)))?;
    }
    for k in ["labels", "driver_opts"] {
        rewrite(o, k, |v| Ok(to_json(str_map(&w(k), v)?)))?;
    }
    rewrite(
        o,
        "name",
        |v| Ok(text(v).map_or(Value::Null, Value::String)),
    )?;
    if let Some(f) = o.get("file").and_then(text) {
        o.insert(
            "file".into(),
            Value::String(short::host_path(base.dir, base.home, &f)),
        );
    }
    Ok(())
}
