//! The container's side of `commit`: its files and settings handed to `image::commit`, and
//! `--pause`. skiff has no cgroup freezer (no `pause` verb yet), so a pause is SIGSTOP to every
//! process of the container's pid namespace and SIGCONT to the same ones afterwards; a process
//! that was stopped already is left alone, and stays stopped.
use super::record::{self, Record, Status};
use super::top;
use crate::engine::image::commit::{CommitReport, CommitSource, Plan};
use crate::engine::spec::generate::set_env;
use crate::runtime::userns::Mapping;
use crate::store::Paths;
use anyhow::Result;
use nix::sys::signal::{kill, Signal};
use nix::unistd::Pid;
use serde_json::{json, Map, Value};
use std::time::{Duration, Instant};

/// Commits container `key` as `plan` says, pausing it while its files are read if `pause`.
pub(crate) fn commit(
    paths: &Paths,
    key: &str,
    plan: &Plan,
    pause: bool,
    mapping: &Mapping,
) -> Result<CommitReport> {
    let rec = record::find(paths, key)?;
    let src = source(paths, &rec)?;
    let mut stopped = match pause && rec.live_status() == Status::Running {
        true => freeze(&rec),
        false => Vec::new(),
    };
    // Resumed as soon as its files are read, not after the layer is stored.
    let mut resume = || {
        for pid in stopped.drain(..) {
            let _ = kill(pid, Signal::SIGCONT);
        }
    };
    let res = plan.write(paths, &src, mapping, &mut resume);
    resume(); // when the write failed before reading them
    if let Ok(r) = &res {
        let attrs = [("imageID", r.id.to_string())];
        crate::engine::events::container(paths, &rec, "commit", &attrs);
    }
    res
}

fn source(paths: &Paths, rec: &Record) -> Result<CommitSource> {
    let img: Value = serde_json::from_slice(&crate::engine::image::store::read_blob(
        paths,
        &rec.image_id,
    )?)
    .unwrap_or_default();
    let mut created_by = vec![rec.path.clone()];
    created_by.extend(rec.args.iter().cloned());
    Ok(CommitSource {
        upper: paths.container(&rec.id).join("upper"),
        lowers: super::idmap::lower_dirs(paths, rec)?,
        image_id: rec.image_id.clone(),
        config: settings(rec, &img["config"]),
        created_by: created_by.join(" "),
        stubs: super::diff::mount_points(paths, rec),
        ids: super::idmap::maps(rec),
    })
}

/// The Docker `Config` fields the container set beyond its image's (`run -e`, a command,
/// `--entrypoint`, `-w`, `-u`, `--label`, `--expose`/`-p`, `--stop-signal`): Docker's commit
/// keeps them in the new image.
fn settings(rec: &Record, img: &Value) -> Map<String, Value> {
    let c = &rec.config;
    let mut out = Map::new();
    let mut env: Vec<String> = serde_json::from_value(img["Env"].clone()).unwrap_or_default();
    for e in &c.env {
        set_env(&mut env, e.clone());
    }
    out.insert("Env".into(), json!(env));
    if let Some(ep) = &c.entrypoint {
        out.insert("Entrypoint".into(), json!(ep));
        // As `run --entrypoint`: the image's Cmd no longer applies.
        out.insert("Cmd".into(), Value::Null);
    }
    if !c.command.is_empty() {
        out.insert("Cmd".into(), json!(c.command));
    }
    if let Some(w) = &c.workdir {
        out.insert("WorkingDir".into(), json!(w));
    }
    if let Some(u) = &c.user {
        out.insert("User".into(), json!(u));
    }
    if !c.labels.is_empty() {
        let mut labels = img["Labels"].as_object().cloned().unwrap_or_default();
        labels.extend(c.labels.iter().map(|(k, v)| (k.clone(), json!(v))));
        out.insert("Labels".into(), Value::Object(labels));
    }
    if !rec.net.exposed.is_empty() {
        let mut ports = img["ExposedPorts"].as_object().cloned().unwrap_or_default();
        ports.extend(rec.net.exposed.iter().map(|p| (p.clone(), json!({}))));
        out.insert("ExposedPorts".into(), Value::Object(ports));
    }
    if let Some(s) = &c.stop_signal {
        out.insert("StopSignal".into(), json!(s));
    }
    out
}

/// Stops every running process of the container; returns those it stopped, once they are.
fn freeze(rec: &Record) -> Vec<Pid> {
    let mut stopped = Vec::new();
    for pid in top::pids(rec).unwrap_or_default() {
        if state(pid) != Some('T') && kill(Pid::from_raw(pid), Signal::SIGSTOP).is_ok() {
            stopped.push(Pid::from_raw(pid));
        }
    }
    // A signal is delivered asynchronously: wait (briefly) until each process is stopped.
    let deadline = Instant::now() + Duration::from_secs(2);
    while Instant::now() < deadline
        && stopped
            .iter()
            .any(|p| !matches!(state(p.as_raw()), Some('T') | None))
    {
        std::thread::sleep(Duration::from_millis(1));
    }
    stopped
}

/// The state letter of `/proc/PID/stat` (`R`, `S`, `T`...), after the command's parentheses.
fn state(pid: i32) -> Option<char> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    stat.rsplit_once(')')?.1.trim_start().chars().next()
}
