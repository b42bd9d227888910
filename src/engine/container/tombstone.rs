//! Exit tombstones: a `--rm` container's exit code, kept in the run dir after its record is
//! removed so that a `wait` racing the removal (or coming just after it) still gets the code,
//! as Docker's does. One small file per container (`exits/<id>`: the code and the name), written
//! before the record goes, pruned after `KEEP` (podman keeps exit codes five minutes too).
use crate::store::{mkdir_private, write_atomic, Paths};
use anyhow::Result;
use std::path::PathBuf;
use std::time::Duration;

/// How long a tombstone is kept.
const KEEP: Duration = Duration::from_secs(300);

fn dir(paths: &Paths) -> PathBuf {
    paths.run.join("exits")
}

/// Records that container `id` (named `name`) exited with `code`, and prunes old tombstones.
pub(crate) fn write(paths: &Paths, id: &str, name: &str, code: i32) -> Result<()> {
    let d = dir(paths);
    mkdir_private(&d)?;
    prune(&d);
    write_atomic(&d.join(id), format!("{code}\n{name}\n").as_bytes(), false)
}

fn prune(d: &std::path::Path) {
    let Ok(entries) = std::fs::read_dir(d) else {
        return;
    };
    for e in entries.flatten() {
        let old = e
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > KEEP);
        if old {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// The exit code of a removed container, by full id, name or unique id prefix.
pub(crate) fn find(paths: &Paths, key: &str) -> Option<i32> {
    let key = key.trim_start_matches('/');
    if key.is_empty() {
        return None;
    }
    let mut hits = Vec::new();
    for e in std::fs::read_dir(dir(paths)).ok()?.flatten() {
        let id = e.file_name().to_string_lossy().into_owned();
        if id.starts_with('.') {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(e.path()) else {
            continue;
        };
        let mut lines = text.lines();
        let Some(code) = lines.next().and_then(|c| c.parse::<i32>().ok()) else {
            continue;
        };
        if id == key || lines.next() == Some(key) {
            return Some(code);
        }
        if id.starts_with(key) {
            hits.push(code);
        }
    }
    match hits[..] {
        [code] => Some(code),
        _ => None,
    }
}
