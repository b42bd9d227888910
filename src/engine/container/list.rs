//! `ps`: container records with their live state, newest first.
use super::filter::{self, Filters, SortKey};
use super::record::{self, Record, Status};
use crate::engine::image::human;
use crate::engine::image::merged;
use crate::engine::image::walk::{self, Visitor};
use crate::store::Paths;
use anyhow::Result;
use chrono::{DateTime, Utc};
use rustix::fs::FileType;
use std::os::fd::{AsFd, OwnedFd};

/// `ps` with `--filter`, `--sort` and `-s`: what `query` selects.
#[derive(Debug, Default)]
pub(crate) struct Query {
    pub(crate) all: bool,
    pub(crate) last: Option<usize>,
    pub(crate) filters: Filters,
    pub(crate) sort: Option<SortKey>,
    /// Compute each container's size (a walk of its upper dir): only when asked, it is slow.
    pub(crate) size: bool,
}

/// Docker's SizeRw (bytes written by the container) and SizeRootFs (that plus its image).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Size {
    pub(crate) rw: u64,
    pub(crate) root_fs: u64,
}

pub(crate) struct Entry {
    pub(crate) record: Record,
    pub(crate) size: Option<Size>,
}

/// The records `ps` shows: filtered (as Docker, `-n` counts what the filters kept), sorted, and
/// sized when asked.
pub(crate) fn query(paths: &Paths, q: &mut Query) -> Result<Vec<Entry>> {
    let mut v = record::list(paths)?;
    // A killed build's step container is no container of the user's; only `ps` can hide it (it
    // runs outside the user namespace, so it cannot remove the step's files).
    v.retain(|r| !crate::engine::build::is_dead_step(&r.name));
    // Cached keys: the sort then moves each (large) record once, not at every comparison.
    v.sort_by_cached_key(|r| std::cmp::Reverse(r.created));
    let all = q.all || q.last.is_some() || q.filters.implies_all();
    v.retain(|r| all || r.live_status() == Status::Running);
    let index = match q.size || !q.filters.ancestors.is_empty() {
        true => Some(crate::engine::image::store::Index::read(paths)?),
        false => None,
    };
    if let Some(index) = &index {
        q.filters.resolve_ancestors(|name| {
            crate::engine::image::lookup::find(index, name)
                .ok()
                .map(|f| index.images[f.idx].id.to_string())
        });
    }
    v.retain(|r| q.filters.matches(r));
    if let Some(n) = q.last {
        v.truncate(n);
    }
    let mut out: Vec<Entry> = v
        .into_iter()
        .map(|record| {
            let size = index.as_ref().filter(|_| q.size).map(|index| {
                let image = index
                    .by_id(record.image_id.as_str())
                    .map_or(0, |i| index.images[i].size);
                let rw = dir_size(&paths.container(&record.id).join("upper"));
                Size {
                    rw,
                    root_fs: rw + image,
                }
            });
            Entry { record, size }
        })
        .collect();
    if let Some(key) = q.sort {
        let size_of = |e: &Entry| e.size.map_or(0, |s| s.root_fs);
        out.sort_by(|a, b| match key {
            SortKey::Size => size_of(a).cmp(&size_of(b)),
            _ => filter::compare(key, &a.record, &b.record),
        });
    }
    Ok(out)
}

/// The bytes of the regular files under `dir` (Docker's SizeRw counts file sizes, not blocks),
/// at any depth (an iterative walk with a bounded number of open directories). Directories the
/// user cannot read (owned by a subordinate id) count as empty.
fn dir_size(dir: &std::path::Path) -> u64 {
    let Ok(root) = merged::open_roots(&[dir.to_path_buf()]) else {
        return 0;
    };
    let mut size = FileBytes(0);
    let _ = walk::walk(&mut size, root);
    size.0
}

struct FileBytes(u64);

impl Visitor for FileBytes {
    fn names(&self, dirs: &[OwnedFd]) -> Result<Vec<Vec<u8>>> {
        Ok(merged::names(dirs)?.into_iter().collect())
    }

    fn visit(&mut self, dirs: &[OwnedFd], name: &[u8], _: &str) -> Result<Option<Vec<OwnedFd>>> {
        let Ok(Some(st)) = merged::lstat(dirs[0].as_fd(), name) else {
            return Ok(None);
        };
        match FileType::from_raw_mode(st.st_mode) {
            FileType::RegularFile => self.0 += st.st_size as u64,
            FileType::Directory => return self.descend(dirs, name),
            _ => {}
        }
        Ok(None)
    }

    fn descend(&self, dirs: &[OwnedFd], name: &[u8]) -> Result<Option<Vec<OwnedFd>>> {
        Ok(merged::open_dir(dirs[0].as_fd(), name)
            .ok()
            .map(|d| vec![d]))
    }
}

/// Docker's STATUS column: `Created`, `Up 5 seconds`, `Exited (3) 2 minutes ago`.
pub(crate) fn status_text(r: &Record, now: DateTime<Utc>) -> String {
    let since = |t: Option<DateTime<Utc>>| {
        human::human_duration(t.map(|t| (now - t).num_seconds()).unwrap_or(0))
    };
    match r.live_status() {
        Status::Created => "Created".into(),
        Status::Running => {
            let health = match r.state.health.as_ref().map(|h| h.status.as_str()) {
                Some("starting") => " (health: starting)",
                Some("healthy") => " (healthy)",
                Some("unhealthy") => " (unhealthy)",
                _ => "",
            };
            let paused = if r.state.paused { " (Paused)" } else { "" };
            format!("Up {}{paused}{health}", since(r.state.started_at))
        }
        Status::Exited if r.state.status == Status::Running => "Exited (-1) Less than a second ago"
            .replace("Less than a second", &since(r.state.started_at)),
        Status::Exited => format!(
            "Exited ({}) {} ago",
            r.state.exit_code,
            since(r.state.finished_at)
        ),
    }
}

/// Docker's COMMAND column: the command quoted, cut to 20 characters with an ellipsis.
pub(crate) fn command_text(r: &Record, trunc: bool) -> String {
    let mut cmd = r.path.clone();
    for a in &r.args {
        cmd.push(' ');
        cmd.push_str(a);
    }
    let cmd = if trunc {
        human::ellipsis(&cmd, 20)
    } else {
        cmd
    };
    format!("{cmd:?}")
}
