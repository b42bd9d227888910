//! `image inspect`: Docker's image-inspect object, built from the index record and the raw
//! config JSON (so Docker-only fields such as OnBuild and Healthcheck survive).
use super::digest::Digest;
use super::lookup;
use super::reference::split_name;
use super::store::{layer_dirs, read_blob, Index};
use crate::store::Paths;
use anyhow::{Context, Result};
use serde_json::{json, Map, Value};

/// Docker's zero time, for dates an image does not have.
const ZERO_TIME: &str = "0001-01-01T00:00:00Z";

pub(crate) fn inspect(paths: &Paths, reference: &str) -> Result<Value> {
    let index = Index::read(paths)?;
    let img = &index.images[lookup::find(&index, reference)?.idx];
    let raw: Value = serde_json::from_slice(&read_blob(paths, &img.id)?)
        .with_context(|| format!("image config {} is corrupt", img.id))?;
    let str_of = |k: &str| raw.get(k).and_then(Value::as_str).unwrap_or("").to_string();
    // Parsed, since they name the layer directories shown under GraphDriver.
    let diff_ids: Vec<Digest> = raw["rootfs"]["diff_ids"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|d| Digest::parse(d.as_str().unwrap_or(""), "the image config's diff_ids"))
                .collect::<Result<_>>()
        })
        .transpose()?
        .unwrap_or_default();
    let mut repo_digests: Vec<String> = Vec::new();
    for n in &img.names {
        let d = format!("{}@{}", split_name(n).0, img.manifest);
        if !repo_digests.contains(&d) {
            repo_digests.push(d);
        }
    }
    let last_tag = img.tagged.iter().filter(|t| !t.is_empty()).max().cloned();
    let mut out = json!({
        "Id": img.id,
        "RepoTags": img.names,
        "RepoDigests": repo_digests,
        "Parent": "",
        "Comment": str_of("comment"),
        "Created": raw.get("created").and_then(Value::as_str).unwrap_or(ZERO_TIME),
        "DockerVersion": str_of("docker_version"),
        "Author": str_of("author"),
        "Config": docker_config(raw.get("config")),
        "Architecture": str_of("architecture"),
        "Os": str_of("os"),
        "Size": img.size,
        "GraphDriver": graph_driver(paths, &diff_ids),
        "RootFS": { "Type": "layers", "Layers": diff_ids },
        "Metadata": { "LastTagTime": last_tag.as_deref().unwrap_or(ZERO_TIME) },
    });
    if let Some(v) = raw.get("variant").filter(|v| v.is_string()) {
        out["Variant"] = v.clone();
    }
    Ok(out)
}

/// The config under Docker's names, with Docker's defaults for what the image leaves out.
fn docker_config(cfg: Option<&Value>) -> Value {
    let empty = Map::new();
    let cfg = cfg.and_then(Value::as_object).unwrap_or(&empty);
    let get = |k: &str, default: Value| cfg.get(k).cloned().unwrap_or(default);
    let mut out = json!({
        "Hostname": get("Hostname", json!("")),
        "Domainname": get("Domainname", json!("")),
        "User": get("User", json!("")),
        "AttachStdin": false,
        "AttachStdout": false,
        "AttachStderr": false,
        "Tty": false,
        "OpenStdin": false,
        "StdinOnce": false,
        "Env": get("Env", Value::Null),
        "Cmd": get("Cmd", Value::Null),
        "Image": get("Image", json!("")),
        "Volumes": get("Volumes", Value::Null),
        "WorkingDir": get("WorkingDir", json!("")),
        "Entrypoint": get("Entrypoint", Value::Null),
        "OnBuild": get("OnBuild", Value::Null),
        "Labels": get("Labels", Value::Null),
    });
    for k in [
        "ExposedPorts",
        "StopSignal",
        "Healthcheck",
        "ArgsEscaped",
        "Shell",
    ] {
        if let Some(v) = cfg.get(k) {
            out[k] = v.clone();
        }
    }
    out
}

/// Where the layers are, in the shape of Docker's overlay driver: the top layer as UpperDir,
/// the others (top first) as LowerDir.
fn graph_driver(paths: &Paths, diff_ids: &[Digest]) -> Value {
    let mut dirs: Vec<String> = layer_dirs(paths, diff_ids)
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    dirs.reverse();
    let mut data = Map::new();
    if let Some((top, lower)) = dirs.split_first() {
        data.insert("UpperDir".into(), json!(top));
        if !lower.is_empty() {
            data.insert("LowerDir".into(), json!(lower.join(":")));
        }
    }
    json!({ "Name": "overlay", "Data": data })
}
