//! The instructions that change only the image config (ENV, LABEL, WORKDIR, USER, EXPOSE,
//! VOLUME, ENTRYPOINT, CMD, STOPSIGNAL, SHELL, MAINTAINER, HEALTHCHECK, ONBUILD), on Docker's `config` object, with
//! variables expanded where Docker expands them.
use super::dockerfile::{Cmd, Op};
use super::expand::{self, Vars};
use crate::engine::spec::generate::set_env;
use anyhow::{bail, Result};
use serde_json::{json, Map, Value};

/// The stage's shell (`SHELL`, or Docker's default), for shell-form RUN, CMD and ENTRYPOINT.
pub(crate) fn shell(cfg: &Map<String, Value>) -> Vec<String> {
    serde_json::from_value(cfg.get("Shell").cloned().unwrap_or_default())
        .ok()
        .filter(|s: &Vec<String>| !s.is_empty())
        .unwrap_or_else(|| vec!["/bin/sh".into(), "-c".into()])
}

pub(crate) fn argv(cmd: &Cmd, cfg: &Map<String, Value>) -> Vec<String> {
    match cmd {
        Cmd::Exec(v) => v.clone(),
        Cmd::Shell(s) => {
            let mut v = shell(cfg);
            v.push(s.clone());
            v
        }
    }
}

/// The environment the image sets, as variables for expansion.
pub(crate) fn env_vars(cfg: &Map<String, Value>) -> Vars {
    cfg.get("Env")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|e| e.as_str()?.split_once('='))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// Applies a config-only `op` to `top` (the image config's top level); returns the expanded
/// form, which the cache key and the history use.
pub(crate) fn apply(top: &mut Map<String, Value>, op: &Op, vars: &Vars) -> Result<String> {
    let cfg = top
        .entry("config")
        .or_insert_with(|| json!({}))
        .as_object_mut()
        .ok_or_else(|| anyhow::anyhow!("the image config is not an object"))?;
    let words = |list: &[String]| -> Result<Vec<String>> {
        list.iter().map(|w| expand::word(w, vars)).collect()
    };
    let shown = match op {
        Op::Env(text) => env(cfg, text, vars)?,
        Op::Label(text) => label(cfg, text, vars)?,
        Op::Workdir(w) => {
            let w = expand::word(w, vars)?;
            let cur = cfg.get("WorkingDir").and_then(Value::as_str).unwrap_or("/");
            let dir = match w.starts_with('/') {
                true => w,
                false => format!("{}/{w}", cur.trim_end_matches('/')),
            };
            cfg.insert("WorkingDir".into(), json!(dir));
            format!("WORKDIR {dir}")
        }
        Op::User(u) => {
            let u = expand::word(u, vars)?;
            cfg.insert("User".into(), json!(u));
            format!("USER {u}")
        }
        Op::Expose(ports) => expose(cfg, &words(ports)?)?,
        Op::Volume(vols) => {
            let vols = words(vols)?;
            let map = cfg.entry("Volumes").or_insert_with(|| json!({}));
            for v in &vols {
                map[v] = json!({});
            }
            format!("VOLUME {vols:?}")
        }
        Op::Entrypoint(c) => {
            let v = argv(c, cfg);
            cfg.insert("Entrypoint".into(), json!(v));
            // As Docker: a new ENTRYPOINT resets the CMD a base image had.
            cfg.insert("Cmd".into(), Value::Null);
            format!("ENTRYPOINT {v:?}")
        }
        Op::Cmd(c) => {
            let v = argv(c, cfg);
            cfg.insert("Cmd".into(), json!(v));
            format!("CMD {v:?}")
        }
        Op::Stopsignal(s) => {
            let s = expand::word(s, vars)?;
            cfg.insert("StopSignal".into(), json!(s));
            format!("STOPSIGNAL {s}")
        }
        Op::Shell(v) => {
            cfg.insert("Shell".into(), json!(v));
            format!("SHELL {v:?}")
        }
        Op::Maintainer(m) => {
            top.insert("author".into(), json!(m));
            format!("MAINTAINER {m}")
        }
        Op::Healthcheck(h) => {
            cfg.insert("Healthcheck".into(), h.clone());
            format!("HEALTHCHECK {h}")
        }
        Op::Onbuild(t) => {
            let list = cfg.entry("OnBuild").or_insert_with(|| json!([]));
            if !list.is_array() {
                *list = json!([]);
            }
            if let Some(l) = list.as_array_mut() {
                l.push(json!(t));
            }
            format!("ONBUILD {t}")
        }
        Op::Run(_) | Op::Copy(_) | Op::Arg(_) => bail!("not a config instruction"),
    };
    Ok(shown)
}

fn env(cfg: &mut Map<String, Value>, text: &str, vars: &Vars) -> Result<String> {
    let mut env: Vec<String> =
        serde_json::from_value(cfg.get("Env").cloned().unwrap_or_default()).unwrap_or_default();
    let mut shown = Vec::new();
    for (k, v) in expand::pairs(text, vars, "ENV")? {
        set_env(&mut env, format!("{k}={v}"));
        shown.push(format!("{k}={v}"));
    }
    cfg.insert("Env".into(), json!(env));
    Ok(format!("ENV {}", shown.join(" ")))
}

fn label(cfg: &mut Map<String, Value>, text: &str, vars: &Vars) -> Result<String> {
    let labels = cfg.entry("Labels").or_insert_with(|| json!({}));
    if !labels.is_object() {
        *labels = json!({});
    }
    let mut shown = Vec::new();
    for (k, v) in expand::pairs(text, vars, "LABEL")? {
        shown.push(format!("{k}={v}"));
        labels[k] = json!(v);
    }
    Ok(format!("LABEL {}", shown.join(" ")))
}

fn expose(cfg: &mut Map<String, Value>, ports: &[String]) -> Result<String> {
    let map = cfg.entry("ExposedPorts").or_insert_with(|| json!({}));
    for p in expand::split(&ports.join(" ")) {
        let p = match p.contains('/') {
            true => p.to_lowercase(),
            false => format!("{p}/tcp"),
        };
        let num = p.split('/').next().unwrap_or_default();
        if num.split('-').any(|n| n.parse::<u16>().is_err()) {
            bail!("EXPOSE {p}: not a port (write EXPOSE 80 or EXPOSE 53/udp)");
        }
        map[&p] = json!({});
    }
    Ok(format!("EXPOSE {}", ports.join(" ")))
}
