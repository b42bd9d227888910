//! `include:`: other Compose files loaded as projects of their own (paths relative to their
//! own directory or the entry's `project_directory`, variables from the entry's `env_file`
//! under the project environment), whose resources join this file's. A resource defined
//! both here and in an included file, differently, is an error.
use super::load::{read_file, Ctx};
use super::values::{string_list, text, Json};
use super::{envfile, ComposeError};
use serde_json::Value;
use std::path::{Path, PathBuf};

const KINDS: [&str; 5] = ["services", "networks", "volumes", "secrets", "configs"];

/// Load and add every file `doc`'s `include` names (`file`'s directory is the base).
pub(crate) fn apply(ctx: &mut Ctx, doc: &mut Json, file: &Path) -> Result<(), ComposeError> {
    let Some(entries) = doc.as_object_mut().and_then(|m| m.remove("include")) else {
        return Ok(());
    };
    let here = file.parent().unwrap_or(Path::new("/")).to_path_buf();
    let abs = |p: &str| PathBuf::from(super::short::host_path(&here, None, p));
    for entry in entries.as_array().into_iter().flatten() {
        let (paths, project_dir, env_files) = match entry {
            Value::Object(m) => (
                string_list("include.path", m.get("path").unwrap_or(&Value::Null))?,
                m.get("project_directory").and_then(text),
                string_list(
                    "include.env_file",
                    m.get("env_file").unwrap_or(&Value::Null),
                )?,
            ),
            other => (vec![text(other).unwrap_or_default()], None, vec![]),
        };
        let mut environ = ctx.environ.clone();
        for f in &env_files {
            let vars = envfile::read(&abs(f), &|k| ctx.lookup(k))?;
            for (k, v) in vars {
                environ.entry(k).or_insert(v);
            }
        }
        let mut sub = Ctx {
            environ: &environ,
            interpolate: ctx.interpolate,
            validate: ctx.validate,
            warnings: &mut *ctx.warnings,
        };
        for p in &paths {
            let path = abs(p);
            let dir = match &project_dir {
                Some(d) => abs(d),
                None => path.parent().unwrap_or(Path::new("/")).to_path_buf(),
            };
            let included = read_file(&mut sub, &path, &dir)?;
            add(doc, included, &path, file)?;
        }
    }
    Ok(())
}

fn add(doc: &mut Json, included: Json, from: &Path, file: &Path) -> Result<(), ComposeError> {
    for kind in KINDS {
        let Some(Value::Object(items)) = included.get(kind) else {
            continue;
        };
        let target = doc.as_object_mut().map(|m| {
            m.entry(kind)
                .or_insert_with(|| Value::Object(Default::default()))
        });
        let Some(Value::Object(target)) = target else {
            continue;
        };
        for (key, v) in items {
            match target.get(key) {
                Some(existing) if existing != v => {
                    return Err(ComposeError::invalid(format!(
                    "{kind}.{key} from the included file {} conflicts with the one defined in {}",
                    from.display(),
                    file.display()
                )))
                }
                _ => {
                    target.insert(key.clone(), v.clone());
                }
            }
        }
    }
    Ok(())
}
