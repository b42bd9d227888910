//! `system check`: verifies the store and, asked to, repairs it. Problems are found without
//! changing anything; a repair removes what is broken and unreferenced: corrupt blobs, images
//! with a missing or corrupt part (the GC then collects what only they used), leftovers of
//! interrupted work whose owner died (also the step containers of a killed build), runtime
//! directories of containers that no longer exist, and the stale state of containers whose
//! process and monitor are gone (one still running without its monitor is killed first, with
//! `force` only). A container whose image or layers are missing holds the user's writable
//! layer: it is removed only with `force`.
use super::check_images;
use crate::engine::container::{self, record, remove as crm, teardown};
use crate::engine::image::digest::Digest;
use crate::engine::image::remove::{remove, RemoveOptions};
use crate::engine::image::store::{layer_path, Index};
use crate::store::{self, Lock, Paths, Trash};
use anyhow::{bail, Result};
use nix::sys::signal::{kill, Signal};
use nix::unistd::Pid;
use std::path::PathBuf;

/// One thing wrong with the store, and how a repair would fix it.
#[derive(Debug)]
pub(crate) struct Problem {
    /// One line, naming the object and what is wrong.
    pub(crate) text: String,
    pub(super) fix: Fix,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Fix {
    /// A corrupt or misnamed blob: deleted.
    Blob(PathBuf),
    /// An image with a broken part: leaves the index (unless a container uses it, without force).
    Image(Digest),
    /// A container whose image or layers are missing: removed with force only.
    Container(String),
    /// A build step's container whose build was killed: removed (it holds nothing of the
    /// user's; the next build would remove it too).
    DeadStep(String),
    /// A container recorded as running whose process and monitor are gone: marked exited.
    Stale(String),
    /// A container running with its monitor gone: killed and marked exited, with force only.
    Unsupervised(String),
    /// A leftover of interrupted work (owner dead) in this directory: claimed and deleted.
    Leftovers(PathBuf),
    /// A runtime directory of a container that does not exist.
    RunDir(PathBuf),
}

impl Problem {
    pub(super) fn new(text: String, fix: Fix) -> Problem {
        Problem { text, fix }
    }
}

/// Finds every problem. Must run inside the user namespace (it reads every tree).
pub(crate) fn check(paths: &Paths) -> Result<Vec<Problem>> {
    let mut out = Vec::new();
    if !paths.data.exists() {
        return Ok(out);
    }
    let bad = check_images::blobs(paths, &mut out)?;
    check_images::images(paths, &bad, &mut out)?;
    containers(paths, &mut out)?;
    leftovers(paths, &mut out);
    run_dirs(paths, &mut out);
    Ok(out)
}

fn containers(paths: &Paths, out: &mut Vec<Problem>) -> Result<()> {
    let index = Index::read(paths)?;
    for r in record::list(paths)? {
        let who = format!("container {} ({})", r.short_id(), r.name);
        if crate::engine::build::is_dead_step(&r.name) {
            // Whatever else is wrong with it, removing it is the repair.
            out.push(Problem::new(
                format!("{who}: left by interrupted work: the step container of a build that was killed"),
                Fix::DeadStep(r.id.clone()),
            ));
            continue;
        }
        if index.by_id(r.image_id.as_str()).is_none() {
            out.push(Problem::new(
                format!("{who}: its image {} is not in the store", r.image_id),
                Fix::Container(r.id.clone()),
            ));
        } else if let Some(c) =
            (r.chain_ids.iter()).find(|c| !layer_path(paths, c).join("diff").is_dir())
        {
            out.push(Problem::new(
                format!("{who}: its layer {c} is missing"),
                Fix::Container(r.id.clone()),
            ));
        }
        let running = r.state.status == record::Status::Running && !r.monitor_alive();
        if running && !r.is_alive() {
            out.push(Problem::new(
                format!("{who}: recorded as running, but its process and monitor are gone"),
                Fix::Stale(r.id.clone()),
            ));
        } else if running {
            out.push(Problem::new(
                format!("{who}: running, but its monitor is gone (its exit would not be recorded)"),
                Fix::Unsupervised(r.id.clone()),
            ));
        }
    }
    Ok(())
}

/// The directories where work in progress keeps owner-tagged temp and trash entries.
fn work_dirs(paths: &Paths) -> Vec<PathBuf> {
    let mut dirs = vec![
        paths.data.clone(),
        paths.blobs(),
        paths.layers(),
        paths.containers(),
        paths.volumes(),
        paths.build_cache(),
        paths.container_names(),
    ];
    if let Ok(d) = std::fs::read_dir(paths.volumes()) {
        dirs.extend(d.flatten().map(|e| e.path()).filter(|p| p.is_dir()));
    }
    dirs
}

fn leftovers(paths: &Paths, out: &mut Vec<Problem>) {
    for dir in work_dirs(paths) {
        let Ok(d) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in d.flatten() {
            if store::is_dead_leftover(&e.file_name().to_string_lossy()) {
                out.push(Problem::new(
                    format!("{}: left by interrupted work", e.path().display()),
                    Fix::Leftovers(dir.clone()),
                ));
            }
        }
    }
}

/// `$XDG_RUNTIME_DIR/skiff/containers/<id>` of containers that no longer exist.
fn run_dirs(paths: &Paths, out: &mut Vec<Problem>) {
    let Ok(d) = std::fs::read_dir(paths.run.join("containers")) else {
        return;
    };
    for e in d.flatten() {
        let id = e.file_name().to_string_lossy().into_owned();
        if !paths.container(&id).exists() && !store::is_dead_leftover(&id) {
            out.push(Problem::new(
                format!(
                    "{}: runtime state of a container that does not exist",
                    e.path().display()
                ),
                Fix::RunDir(e.path()),
            ));
        }
    }
}

/// How a repair went for one problem.
pub(crate) enum Repaired {
    Done,
    /// Left as it is, and why.
    Kept(String),
}

/// Repairs `problems` in an order where each repair leaves the others meaningful: containers
/// first (they hold images), then images, blobs, stale state and leftovers.
pub(crate) fn repair(paths: &Paths, problems: &[Problem], force: bool) -> Vec<Repaired> {
    let rank = |f: &Fix| match f {
        Fix::Container(_) | Fix::DeadStep(_) => 0,
        Fix::Unsupervised(_) | Fix::Stale(_) => 1,
        Fix::Image(_) => 2,
        Fix::Blob(_) => 3,
        Fix::RunDir(_) => 4,
        Fix::Leftovers(_) => 5,
    };
    let mut order: Vec<usize> = (0..problems.len()).collect();
    order.sort_by_key(|&i| rank(&problems[i].fix));
    let mut done: Vec<Option<Repaired>> = problems.iter().map(|_| None).collect();
    for i in order {
        let r = match fix(paths, &problems[i].fix, force) {
            Ok(()) => Repaired::Done,
            Err(e) => Repaired::Kept(format!("{e:#}")),
        };
        done[i] = Some(r);
    }
    done.into_iter()
        .map(|r| r.unwrap_or(Repaired::Done))
        .collect()
}

fn fix(paths: &Paths, f: &Fix, force: bool) -> Result<()> {
    match f {
        Fix::Container(id) => {
            if !force {
                bail!("it holds the container's writable layer: repair with -f to remove it");
            }
            let o = crm::RemoveOptions {
                force: true,
                ..Default::default()
            };
            crm::remove(paths, id, &o).map(|_| ())
        }
        Fix::DeadStep(id) => {
            let o = crm::RemoveOptions {
                force: true,
                volumes: true,
                ..Default::default()
            };
            crm::remove(paths, id, &o).map(|_| ())
        }
        Fix::Unsupervised(id) => {
            if !force {
                bail!("it is still running: repair with -f to kill it");
            }
            if let Some(r) = record::load(paths, id)? {
                if r.is_alive() {
                    let _ = kill(Pid::from_raw(r.state.pid), Signal::SIGKILL);
                    r.wait_exit(std::time::Duration::from_secs(5));
                }
            }
            mark_exited(paths, id)
        }
        Fix::Stale(id) => mark_exited(paths, id),
        Fix::Image(id) => {
            let users = container::users_of_image(paths, id)?;
            if !users.is_empty() && !force {
                bail!(
                    "containers use it ({}): repair with -f to remove them",
                    users.join(", ")
                );
            }
            for u in &users {
                let o = crm::RemoveOptions {
                    force: true,
                    ..Default::default()
                };
                crm::remove(paths, u, &o)?;
            }
            let o = RemoveOptions {
                force: true,
                ignore_missing: true,
            };
            for r in remove(paths, &[id.to_string()], &o, &|_| Ok(Vec::new()))? {
                r.result?;
            }
            Ok(())
        }
        Fix::Blob(path) => {
            let mut trash = Trash::new();
            {
                let _lock = Lock::exclusive(&paths.image_lock())?;
                trash.take(path, &paths.blobs())?;
            }
            trash.empty()
        }
        Fix::RunDir(path) => match store::remove_tree(path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e.into()),
            _ => Ok(()),
        },
        Fix::Leftovers(dir) => store::remove_tmp_leftovers(dir).map(|_| ()),
    }
}

/// Records the exit no supervisor recorded (137: killed), and releases what its start held.
fn mark_exited(paths: &Paths, id: &str) -> Result<()> {
    let now = chrono::Utc::now();
    let gone = |r: &mut record::Record| {
        if r.state.status == record::Status::Running && !r.is_alive() && !r.monitor_alive() {
            r.state.status = record::Status::Exited;
            r.state.exit_code = 137;
            r.state.finished_at = Some(now);
        }
    };
    record::update(paths, id, gone)?;
    teardown::collect(paths, id);
    container::remove::sweep_abandoned(paths, id);
    Ok(())
}
