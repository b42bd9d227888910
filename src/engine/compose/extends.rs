//! `extends`: a service built on another one, of this file or of another (`file:`, relative
//! to the extending file). The base is resolved first (it may extend in turn; a loop is an
//! error), put in the long form with paths relative to its own file, and the extending
//! service is merged onto it by the same rules as `-f` files.
use super::load::{parse_raw, Ctx};
use super::values::{text, Json, Obj};
use super::{merge, normalize, ComposeError};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// Resolve every `extends` of `doc` (read from `file`, paths relative to `base_dir`).
pub(crate) fn apply(
    ctx: &mut Ctx,
    doc: &mut Json,
    file: &Path,
    base_dir: &Path,
) -> Result<(), ComposeError> {
    let Some(Value::Object(services)) = doc.get("services") else {
        return Ok(());
    };
    let services = services.clone();
    let extending: Vec<String> = services
        .iter()
        .filter(|(_, s)| s.get("extends").is_some())
        .map(|(n, _)| n.clone())
        .collect();
    for name in extending {
        let mut stack = Vec::new();
        let resolved = resolve(ctx, &services, &name, file, base_dir, &mut stack)?;
        doc["services"][&name] = Value::Object(resolved);
    }
    Ok(())
}

/// Service `name` of `services` (from `file`) with its `extends` applied, in the long form.
fn resolve(
    ctx: &mut Ctx,
    services: &Obj,
    name: &str,
    file: &Path,
    dir: &Path,
    stack: &mut Vec<(PathBuf, String)>,
) -> Result<Obj, ComposeError> {
    let mut svc = match services.get(name) {
        Some(Value::Object(s)) => s.clone(),
        Some(_) => Obj::new(),
        None => {
            return Err(ComposeError::invalid(format!(
                "cannot extend service {name:?} of {}: no such service",
                file.display()
            )))
        }
    };
    let ext = svc.remove("extends");
    normalize::service(name, &mut svc, &ctx.base(dir))?;
    let Some(ext) = ext else {
        return Ok(svc);
    };
    let key = (file.to_path_buf(), name.to_string());
    if stack.contains(&key) {
        let names: Vec<&str> = stack
            .iter()
            .map(|(_, n)| n.as_str())
            .chain([name])
            .collect();
        return Err(ComposeError::invalid(format!(
            "circular extends: {}",
            names.join(" -> ")
        )));
    }
    stack.push(key);
    let (other_file, base_name) = match &ext {
        Value::Object(m) => (
            m.get("file").and_then(text),
            m.get("service").and_then(text).unwrap_or_default(),
        ),
        v => (None, text(v).unwrap_or_default()),
    };
    let base = match other_file {
        None => resolve(ctx, services, &base_name, file, dir, stack)?,
        Some(f) => {
            let here = file.parent().unwrap_or(Path::new("/"));
            let path = PathBuf::from(super::short::host_path(here, None, &f));
            let doc = parse_raw(ctx, &path)?;
            let theirs = doc
                .get("services")
                .and_then(Value::as_object)
                .cloned()
                .unwrap_or_default();
            let their_dir = path.parent().unwrap_or(Path::new("/")).to_path_buf();
            resolve(ctx, &theirs, &base_name, &path, &their_dir, stack)?
        }
    };
    stack.pop();
    let wrap = |s: Obj| serde_json::json!({"services": {name: s}});
    let merged = merge::documents(wrap(base), wrap(svc));
    Ok(merged["services"][name]
        .as_object()
        .cloned()
        .unwrap_or_default())
}
