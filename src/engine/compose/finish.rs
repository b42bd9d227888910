//! The merged document to a `Project`: service environments completed from `env_file`s and
//! the project environment, profiles applied, and the defaults compose-go fills in (the
//! `default` network, real names of networks, volumes, secrets and configs).
use super::load::Ctx;
use super::model::{Project, Service};
use super::values::{Json, Obj};
use super::{envfile, ComposeError};
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};

/// Top-level keys the model has; others are reported.
const TOP_LEVEL: [&str; 6] = [
    "name", "services", "networks", "volumes", "secrets", "configs",
];

pub(crate) fn project(
    ctx: &mut Ctx,
    doc: Json,
    name: &str,
    profiles: &[String],
) -> Result<Project, ComposeError> {
    let mut top = match doc {
        Value::Object(m) => m,
        _ => Obj::new(),
    };
    for k in top.keys() {
        match k.as_str() {
            "version" => ctx
                .warnings
                .push("the attribute `version` is obsolete, it will be ignored".into()),
            "include" => {}
            k if TOP_LEVEL.contains(&k) => {}
            k => ctx.warnings.push(format!(
                "top-level key '{k}' is not supported by skiff and is ignored"
            )),
        }
    }
    let mut services = match top.remove("services") {
        Some(Value::Object(s)) => s,
        _ => Obj::new(),
    };
    for (svc, v) in services.iter_mut() {
        if let Value::Object(s) = v {
            environment(ctx, svc, s)?;
            if !s.contains_key("networks") && !s.contains_key("network_mode") {
                s.insert("networks".into(), json!({"default": null}));
            }
        }
    }
    let mut typed: BTreeMap<String, Service> = BTreeMap::new();
    for (svc, v) in services {
        let s: Service = serde_json::from_value(v)
            .map_err(|e| ComposeError::invalid(format!("service {svc}: {e}")))?;
        typed.insert(svc, s);
    }
    let (enabled, disabled) = apply_profiles(typed, profiles);
    let mut p = Project {
        name: name.to_string(),
        services: enabled,
        disabled_services: disabled,
        ..Default::default()
    };
    resources(&mut p, &mut top)?;
    for (svc, s) in &p.services {
        for f in s.unsupported_fields() {
            ctx.warnings.push(format!(
                "service {svc}: field '{f}' is not supported by skiff and is ignored"
            ));
        }
    }
    Ok(p)
}

/// `env_file` contents under `environment`, then variables without a value taken from the
/// project environment (left unset if it has none).
fn environment(ctx: &Ctx, svc: &str, s: &mut Obj) -> Result<(), ComposeError> {
    let mut env: BTreeMap<String, Option<String>> = BTreeMap::new();
    if let Some(Value::Array(files)) = s.remove("env_file") {
        for f in files {
            let path = std::path::PathBuf::from(f["path"].as_str().unwrap_or_default());
            if !path.is_file() && f["required"] == json!(false) {
                continue;
            }
            let lookup = |k: &str| ctx.lookup(k);
            let vars = envfile::read(&path, &lookup).map_err(|e| match e {
                ComposeError::Io { path, source } => ComposeError::invalid(format!(
                    "service {svc}: env file {}: {source}",
                    path.display()
                )),
                other => other,
            })?;
            env.extend(vars.into_iter().map(|(k, v)| (k, Some(v))));
        }
    }
    if let Some(Value::Object(own)) = s.get("environment") {
        for (k, v) in own {
            env.insert(k.clone(), v.as_str().map(String::from));
        }
    }
    for (k, v) in env.iter_mut() {
        if v.is_none() {
            *v = ctx.lookup(k);
        }
    }
    if !env.is_empty() {
        s.insert("environment".into(), super::values::to_json(env));
    }
    Ok(())
}

/// Split services into those the active profiles enable (a service without profiles always
/// is; `*` enables all) plus everything they depend on, and the rest.
pub(crate) fn apply_profiles(
    all: BTreeMap<String, Service>,
    profiles: &[String],
) -> (BTreeMap<String, Service>, BTreeMap<String, Service>) {
    let wild = profiles.iter().any(|p| p == "*");
    let mut on: BTreeSet<String> = all
        .iter()
        .filter(|(_, s)| {
            wild || s.profiles.is_empty() || s.profiles.iter().any(|p| profiles.contains(p))
        })
        .map(|(n, _)| n.clone())
        .collect();
    let mut todo: Vec<String> = on.iter().cloned().collect();
    while let Some(n) = todo.pop() {
        for dep in all
            .get(&n)
            .map(|s| s.depends_on.keys())
            .into_iter()
            .flatten()
        {
            if all.contains_key(dep) && on.insert(dep.clone()) {
                todo.push(dep.clone());
            }
        }
    }
    all.into_iter().partition(|(n, _)| on.contains(n))
}

/// Top-level networks, volumes, secrets and configs, typed, with their real names; the
/// `default` network added when a service uses it.
fn resources(p: &mut Project, top: &mut Obj) -> Result<(), ComposeError> {
    let mut take = |kind: &str| -> Obj {
        match top.remove(kind) {
            Some(Value::Object(m)) => m,
            _ => Obj::new(),
        }
    };
    let mut networks = take("networks");
    let uses_default = p
        .services
        .values()
        .any(|s| s.networks.contains_key("default"));
    if uses_default && !networks.contains_key("default") {
        networks.insert("default".into(), json!({}));
    }
    let (volumes, secrets, configs) = (take("volumes"), take("secrets"), take("configs"));
    p.networks = named(&p.name, "networks", networks)?;
    p.volumes = named(&p.name, "volumes", volumes)?;
    p.secrets = named(&p.name, "secrets", secrets)?;
    p.configs = named(&p.name, "configs", configs)?;
    Ok(())
}

/// Each entry typed, `name` defaulting to the key when external and `PROJECT_KEY` otherwise.
fn named<T: serde::de::DeserializeOwned>(
    project: &str,
    kind: &str,
    items: Obj,
) -> Result<BTreeMap<String, T>, ComposeError> {
    let mut out = BTreeMap::new();
    for (key, mut v) in items {
        if v.is_null() {
            v = json!({});
        }
        if let Value::Object(o) = &mut v {
            if !o.contains_key("name") {
                let external = o.get("external") == Some(&Value::Bool(true));
                let real = if external {
                    key.clone()
                } else {
                    format!("{project}_{key}")
                };
                o.insert("name".into(), Value::String(real));
            }
        }
        let t = serde_json::from_value(v)
            .map_err(|e| ComposeError::invalid(format!("{kind}.{key}: {e}")))?;
        out.insert(key, t);
    }
    Ok(out)
}
