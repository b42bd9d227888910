//! `exec`: a command in a running container, with the container's own security settings
//! (capabilities, seccomp, rlimits) unless `--privileged`.
use super::record::{self, Record, Status};
use super::{start, user};
use crate::engine::spec::generate as spec;
use crate::runtime::{self, ChildFds, Prepared, Spawned};
use crate::store::Paths;
use anyhow::{bail, Result};

#[derive(Debug, Clone, Default)]
pub(crate) struct ExecOptions {
    pub(crate) command: Vec<String>,
    pub(crate) env: Vec<String>,
    pub(crate) env_files: Vec<std::path::PathBuf>,
    pub(crate) user: Option<String>,
    pub(crate) workdir: Option<String>,
    pub(crate) tty: bool,
    pub(crate) interactive: bool,
    pub(crate) privileged: bool,
}

/// The container, checked to be running.
pub(crate) fn running(paths: &Paths, key: &str) -> Result<Record> {
    let rec = record::find(paths, key)?;
    if rec.live_status() != Status::Running {
        bail!(
            "container {} is not running: start it first (skiff start {})",
            rec.name,
            rec.name
        );
    }
    Ok(rec)
}

/// The exec'd process: the container's spec with this command, env, user and directory.
fn prepared(
    paths: &Paths,
    rec: &Record,
    o: &ExecOptions,
) -> Result<(Prepared, Option<runtime::seccomp::Bpf>)> {
    if o.command.is_empty() {
        bail!("no command given: skiff exec CONTAINER COMMAND [ARG...]");
    }
    let (spec, bpf) = start::exec_parts(paths, rec)?;
    let mut p = runtime::prepare_spec(&spec, o.interactive, false)?;
    p.args = o.command.clone();
    p.terminal = o.tty;
    p.init = false;
    if let Some(u) = &o.user {
        // As Docker, against the container's current files: its upper dir is the top layer.
        let mut layers = rec.layer_dirs(paths);
        layers.push(paths.container(&rec.id).join("upper"));
        let r = user::resolve(&layers, Some(u))?;
        (p.uid, p.gid, p.groups) = (r.uid, r.gid, r.groups);
    }
    if let Some(w) = &o.workdir {
        if !w.starts_with('/') {
            bail!("the working directory {w:?} is invalid: it needs to be an absolute path");
        }
        p.cwd = w.clone();
    }
    for e in crate::engine::spec::parse::environment(&o.env_files, &o.env)? {
        spec::set_env(&mut p.env, e);
    }
    if o.tty {
        spec::set_env(&mut p.env, "TERM=xterm".into());
    }
    let bpf = if o.privileged {
        p.caps = runtime::caps_plan(&spec::all_caps());
        None
    } else {
        bpf
    };
    Ok((p, bpf))
}

/// Starts the command; `fds` replaces our stdio (health checks).
pub(crate) fn spawn(
    paths: &Paths,
    rec: &Record,
    o: &ExecOptions,
    fds: Option<ChildFds>,
) -> Result<Spawned> {
    // A frozen container's cgroup would freeze the command too, and the caller with it.
    if rec.state.paused {
        bail!(
            "container {} is paused: unpause it before exec (skiff unpause {})",
            rec.name,
            rec.name
        );
    }
    let (p, bpf) = prepared(paths, rec, o)?;
    let holder = runtime::userns::holder_pid(paths);
    runtime::exec_in(rec.state.pid, holder, &p, fds, bpf.as_ref())
}

/// `exec -d`: starts the command with /dev/null for its stdio and returns once it runs. Neither
/// the command nor its relay keeps any of the caller's descriptors.
pub(crate) fn detached(paths: &Paths, key: &str, o: &ExecOptions) -> Result<()> {
    if o.tty {
        bail!("exec -d with -t is not supported: a detached command has no terminal to attach");
    }
    let rec = running(paths, key)?;
    let null = || {
        std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open("/dev/null")
            .map(Into::into)
    };
    let fds = ChildFds {
        stdin: Some(null()?),
        stdout: null()?,
        stderr: null()?,
    };
    spawn(paths, &rec, o, Some(fds))?;
    Ok(())
}

/// Runs the command in the foreground; returns its exit code.
pub(crate) fn exec(paths: &Paths, key: &str, o: &ExecOptions) -> Result<i32> {
    let rec = running(paths, key)?;
    let child = spawn(paths, &rec, o, None)?;
    runtime::foreground(child, o.interactive)
}
