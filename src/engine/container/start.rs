//! Running a container in the foreground (`run`, `start -a`): the CLI process is its parent and
//! records its state; the exit code comes back to the caller.
use super::network;
use super::record::{self, Record, Status};
use crate::runtime::{self, Launch, Rootfs};
use crate::store::Paths;
use anyhow::{bail, Context, Result};
use oci_spec::runtime::Spec;

pub struct StartOptions {
    /// Attach our stdin to the container.
    pub stdin: bool,
}

/// Runs `rec` until it exits; returns its exit code. `spec` avoids re-reading config.json
/// when the caller just created it.
pub fn run_foreground(
    paths: &Paths,
    mut rec: Record,
    spec: Option<Spec>,
    o: &StartOptions,
) -> Result<i32> {
    if rec.live_status() == Status::Running {
        bail!("container {} is already running", rec.name);
    }
    let dir = paths.container(&rec.id);
    let mut spec = match spec {
        Some(s) => s,
        None => {
            let path = dir.join("config.json");
            crate::store::read_json::<Spec>(&path)?
                .with_context(|| format!("{} is missing", path.display()))?
        }
    };
    let rootfs = Rootfs {
        lowers: rec.layers.clone(),
        upper: dir.join("upper"),
        work: dir.join("work"),
        target: dir.join("merged"),
    };
    let bpf = seccomp_filter(paths, &spec)?;
    // network: host ports for -p/-P (checked free), the netns to join for container:NAME, and
    // the helper (pasta/slirp4netns) attached once the netns exists, stopped after the run.
    if let Err(e) =
        network::allocate(&mut rec).and_then(|_| network::join_spec(paths, &rec, &mut spec))
    {
        if rec.options.auto_remove {
            let _ = super::remove::remove_dir(paths, &rec.id);
        }
        return Err(e);
    }
    let net_rec = rec.clone();
    let mut net: Option<network::NetHandle> = None;
    let mut attach = |pid: i32| -> Result<()> {
        net = Some(network::attach(paths, &net_rec, pid)?);
        Ok(())
    };
    let mut launch = Launch {
        spec: &spec,
        rootfs: &rootfs,
        stdin: o.stdin,
        seccomp: bpf.as_ref(),
        after_clone: None,
    };
    if network::needs_attach(&rec) {
        launch.after_clone = Some(&mut attach);
    }
    let mut started = |pid: i32| -> Result<()> {
        rec.state.status = Status::Running;
        rec.state.pid = pid;
        rec.state.pid_start = runtime::userns::start_time(pid).unwrap_or(0);
        rec.state.started_at = Some(chrono::Utc::now());
        rec.state.error.clear();
        record::save(paths, &rec)
    };
    let res = runtime::run(&mut launch, &mut started);
    drop(net); // network: the helper ends with the container
               // The record may have been removed meanwhile (rm -f): then there is nothing to update.
    let mut rec = match record::load(paths, &rec.id) {
        Ok(Some(r)) => r,
        _ => return res,
    };
    match &res {
        Ok(code) => {
            rec.state.status = Status::Exited;
            rec.state.exit_code = *code;
            rec.state.finished_at = Some(chrono::Utc::now());
        }
        Err(e) => {
            rec.state.exit_code = crate::error::exit_code(e);
            rec.state.error = format!("{e:#}");
        }
    }
    rec.state.pid = 0;
    if rec.options.auto_remove {
        super::remove::remove_dir(paths, &rec.id)?;
    } else if let Err(e) = record::save(paths, &rec) {
        // An `rm -f` may remove the container between the load above and this save.
        if paths.container(&rec.id).exists() {
            return Err(e);
        }
    }
    res
}

/// The container's seccomp program: an explicit profile in the spec, or Docker's default (named
/// by an annotation so config.json stays small and a cache hit skips parsing the profile).
fn seccomp_filter(paths: &Paths, spec: &Spec) -> Result<Option<runtime::seccomp::Bpf>> {
    let cache = paths.run.join("seccomp");
    if let Some(s) = spec.linux().as_ref().and_then(|l| l.seccomp().as_ref()) {
        return Ok(Some(runtime::seccomp::prepare(s, &cache)?));
    }
    let default = spec
        .annotations()
        .as_ref()
        .and_then(|a| a.get(super::spec::SECCOMP_ANNOTATION))
        .is_some_and(|v| v == "default");
    if !default {
        return Ok(None);
    }
    let caps: Vec<String> = spec
        .process()
        .as_ref()
        .and_then(|p| p.capabilities().as_ref())
        .and_then(|c| c.bounding().as_ref())
        .map(|b| b.iter().map(|c| format!("CAP_{c}")).collect())
        .unwrap_or_default();
    Ok(Some(super::seccomp::prepare_default(&caps, &cache)?))
}
