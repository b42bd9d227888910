//! Starting a container: what every start needs (spec, rootfs, seccomp, network), the state
//! bookkeeping around a run, and the foreground run (`run`, `start -a`), where the CLI process
//! is the container's parent and supervisor.
use super::record::{self, Record, Status};
use super::{network, output};
use crate::runtime::{self, Launch, Rootfs};
use crate::store::Paths;
use anyhow::{bail, Context, Result};
use oci_spec::runtime::Spec;

pub(crate) struct StartOptions {
    /// Attach our stdin to the container.
    pub(crate) stdin: bool,
    /// `run --preserve-fds N`: our descriptors 3 to 3+N-1 go to the container.
    pub(crate) preserve_fds: u32,
}

/// What a launch needs besides stdio: the spec, the rootfs dirs and the seccomp program.
pub(crate) struct Parts {
    pub(crate) spec: Spec,
    pub(crate) rootfs: Rootfs,
    pub(crate) bpf: Option<runtime::seccomp::Bpf>,
    /// The container's cgroups, when it has limits.
    pub(crate) cgroup: Option<runtime::cgroups::Leaf>,
}

/// Reads (or takes) the spec and prepares the rootfs, seccomp program and network of `rec`:
/// host ports for -p/-P (checked free, kept in `rec.net` until `mark_started` records them)
/// and the namespaces to join for `container:NAME`. An `--rm` container that cannot start is removed.
pub(crate) fn parts(paths: &Paths, rec: &mut Record, spec: Option<Spec>) -> Result<Parts> {
    let res = (|| {
        let dir = paths.container(&rec.id);
        let mut spec = match spec {
            Some(s) => s,
            None => load_spec(paths, rec)?,
        };
        // A killed monitor's helper may still hold this container's ports.
        super::teardown::collect(paths, &rec.id);
        network::allocate(paths, rec)?;
        network::join_spec(paths, rec, &mut spec)?;
        super::namespaces::join_spec(paths, rec, &mut spec)?;
        super::idmap::own_upper(paths, rec)?;
        let rootfs = Rootfs {
            lowers: super::idmap::lower_dirs(paths, rec)?,
            upper: dir.join("upper"),
            work: dir.join("work"),
            target: dir.join("merged"),
        };
        let bpf = seccomp_filter(paths, &spec)?;
        let cgroup = super::limits::make(rec)?;
        Ok(Parts {
            spec,
            rootfs,
            bpf,
            cgroup,
        })
    })();
    if res.is_err() && rec.config.auto_remove {
        let _ = super::remove::remove_dir(paths, &rec.id);
    }
    res
}

/// The container's runtime spec (config.json).
pub(crate) fn load_spec(paths: &Paths, rec: &Record) -> Result<Spec> {
    let path = paths.container(&rec.id).join("config.json");
    crate::store::read_json::<Spec>(&path)?
        .with_context(|| format!("{} is missing", path.display()))
}

/// The spec and seccomp program for a process joining the running container (`exec`).
pub(crate) fn exec_parts(
    paths: &Paths,
    rec: &Record,
) -> Result<(Spec, Option<runtime::seccomp::Bpf>)> {
    let spec = load_spec(paths, rec)?;
    let bpf = seccomp_filter(paths, &spec)?;
    Ok((spec, bpf))
}

/// Records that `pid` runs the container (with the host ports its start allocated).
pub(crate) fn mark_started(paths: &Paths, rec: &mut Record, pid: i32) -> Result<()> {
    let start = runtime::userns::start_time(pid).unwrap_or(0);
    // Whoever calls this supervises the container (the monitor, or the CLI of a foreground
    // run): `wait` and `stop` know the exit is not recorded yet while it lives.
    let me = nix::unistd::getpid().as_raw();
    let me_start = runtime::userns::start_time(me).unwrap_or(0);
    let net = rec.net.clone();
    let fresh = record::update(paths, &rec.id, |r| {
        r.net = net;
        r.state.monitor_pid = me;
        r.state.monitor_start = me_start;
        r.state.status = Status::Running;
        r.state.pid = pid;
        r.state.pid_start = start;
        r.state.started_at = Some(chrono::Utc::now());
        r.state.error.clear();
        if let Some(h) = r
            .healthcheck
            .is_some()
            .then(|| r.state.health.get_or_insert_with(Default::default))
        {
            h.status = "starting".into();
            h.failing_streak = 0;
        }
    })?;
    if let Some(f) = fresh {
        *rec = f;
    }
    crate::engine::events::container(paths, rec, "start", &[]);
    write_pidfiles(rec, pid, me);
    Ok(())
}

/// `--pidfile` and `--conmon-pidfile` (podman's): written at each start. Their directories
/// were checked by create; a write that fails now (the directory removed since) must not leave
/// a running container unsupervised, so it is not an error of the start.
fn write_pidfiles(rec: &Record, pid: i32, supervisor: i32) {
    let c = &rec.config;
    for (file, pid) in [(&c.pidfile, pid), (&c.conmon_pidfile, supervisor)] {
        if let Some(f) = file {
            let _ = crate::store::write_atomic(f, pid.to_string().as_bytes(), false);
        }
    }
}

/// Records how a run ended (an exit code, or an error before exec) and applies `--rm`.
/// Returns the updated record, or None when the container is gone (removed meanwhile by
/// `rm -f`, or by `--rm` now).
pub(crate) fn mark_finished(paths: &Paths, id: &str, res: &Result<i32>) -> Result<Option<Record>> {
    mark_exit(paths, id, res, false)
}

/// `mark_finished`, saying whether the OOM killer ended the container (`State.OOMKilled`).
pub(crate) fn mark_exit(
    paths: &Paths,
    id: &str,
    res: &Result<i32>,
    oom: bool,
) -> Result<Option<Record>> {
    let rec = record::update(paths, id, |r| {
        r.state.oom_killed = oom;
        match res {
            Ok(code) => {
                r.state.status = Status::Exited;
                r.state.exit_code = *code;
                r.state.finished_at = Some(chrono::Utc::now());
                // Written before the state is, under its lock: a `stop` that waits for the
                // exit to be recorded writes its own event after this one.
                let code = [("exitCode", code.to_string())];
                crate::engine::events::container(paths, r, "die", &code);
            }
            Err(e) => {
                r.state.exit_code = crate::error::exit_code(e);
                r.state.error = format!("{e:#}");
            }
        }
        r.state.pid = 0;
    })?;
    match rec {
        Some(r) if r.config.auto_remove => {
            // First the code, where a `wait` racing the removal finds it (a wait is worth less
            // than the removal: a tombstone that cannot be written does not stop it).
            let _ = super::tombstone::write(paths, &r.id, &r.name, r.state.exit_code);
            super::remove::remove_dir(paths, &r.id)?;
            Ok(None)
        }
        other => Ok(other),
    }
}

/// The network helper (pasta/slirp4netns) for a container that needs one, attached by the
/// launch's `after_clone` hook; it ends when the run detaches it (or the handle is dropped).
pub(crate) struct NetSlot<'a> {
    paths: &'a Paths,
    rec: Record,
    /// A monitor's start: the helper outlives us, recorded in teardown.json.
    detached: bool,
    pub(crate) handle: Option<network::Attachment>,
}

impl<'a> NetSlot<'a> {
    pub(crate) fn new(paths: &'a Paths, rec: &Record) -> NetSlot<'a> {
        NetSlot {
            paths,
            rec: rec.clone(),
            detached: false,
            handle: None,
        }
    }
    pub(crate) fn detached(paths: &'a Paths, rec: &Record) -> NetSlot<'a> {
        NetSlot {
            detached: true,
            ..NetSlot::new(paths, rec)
        }
    }
    pub(crate) fn needed(&self) -> bool {
        network::needs_attach(&self.rec)
    }
    pub(crate) fn attach(&mut self, pid: i32, netns: &std::fs::File) -> Result<()> {
        let h = network::attach(self.paths, &self.rec, pid, netns, self.detached)?;
        self.handle = Some(h);
        Ok(())
    }
}

/// Runs `rec` until it exits; returns its exit code. `spec` avoids re-reading config.json
/// when the caller just created it.
pub(crate) fn run_foreground(
    paths: &Paths,
    mut rec: Record,
    spec: Option<Spec>,
    o: &StartOptions,
) -> Result<i32> {
    if rec.live_status() == Status::Running {
        bail!("container {} is already running", rec.name);
    }
    let parts = parts(paths, &mut rec, spec)?;
    // Opened before the start, appending: a failure to log is an error, not a silent loss, and
    // earlier runs' lines stay.
    let mut relay = output::Relay::new(paths, &rec)?;
    let pipes = output::Relay::pipes(&rec, o.stdin)?;
    let mut net = NetSlot::new(paths, &rec);
    let needed = net.needed();
    let mut hook = |pid: i32, netns: &std::fs::File| net.attach(pid, netns);
    let mut launch = Launch {
        spec: &parts.spec,
        rootfs: &parts.rootfs,
        stdin: o.stdin,
        seccomp: parts.bpf.as_ref(),
        after_clone: None,
        fds: pipes.child,
        die_with_parent: true,
        preserve_fds: o.preserve_fds,
        cgroup: parts.cgroup.as_ref(),
    };
    if needed {
        launch.after_clone = Some(&mut hook);
    }
    let mut started = |pid: i32| mark_started(paths, &mut rec, pid);
    let mut sink = |s: usize, data: &[u8]| relay.output(s, data);
    let out = runtime::Output {
        pipes: pipes.ours,
        sink: &mut sink,
    };
    let res = runtime::run(&mut launch, &mut started, out);
    drop(launch);
    relay.finish();
    // The helper ends with the container.
    if let Some(h) = net.handle.take() {
        h.detach();
    }
    let oom = parts
        .cgroup
        .as_ref()
        .is_some_and(super::limits::finish_leaf);
    mark_exit(paths, &rec.id, &res, oom)?;
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
        .and_then(|a| a.get(crate::engine::spec::generate::SECCOMP_ANNOTATION))
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
