//! The in-process OCI runtime: user namespace, mounts, rootfs, pivot_root, capabilities, seccomp,
//! exec. It takes an `oci_spec::runtime::Spec` and directories; it knows nothing of images.
mod binds;
pub(crate) mod caps;
pub(crate) mod cgroups;
mod enter;
mod exec;
mod init;
pub(crate) mod mounts;
pub(crate) mod proc;
pub(crate) mod pty;
mod run;
pub(crate) mod seccomp;
mod setup;
mod spawn;
pub(crate) mod tenant;
pub(crate) mod userns;

pub(crate) use pty::{terminal_size, RawMode};
pub(crate) use run::{code_of, foreground, run, write_fd, Output};
pub(crate) use spawn::{spawn, Spawned};
pub(crate) use tenant::exec_in;

use anyhow::{bail, Context, Result};
use oci_spec::runtime::{LinuxNamespaceType, Mount, Spec};
use std::path::PathBuf;

/// The container's root filesystem: an overlay of `lowers` (bottom first) with `upper`/`work`,
/// mounted at `target` inside the container's private mount namespace.
#[derive(Debug, Clone)]
pub(crate) struct Rootfs {
    pub(crate) lowers: Vec<PathBuf>,
    pub(crate) upper: PathBuf,
    pub(crate) work: PathBuf,
    pub(crate) target: PathBuf,
}

/// The annotation asking for the minimal init as pid 1 (`--init`).
pub(crate) const INIT_ANNOTATION: &str = "run.skiff.init";
/// The annotation that asks for the container's mount flags to be locked (see `binds`): set
/// when a bind or volume is mounted read-only.
pub(crate) const LOCK_MOUNTS_ANNOTATION: &str = "run.skiff.lock-mounts";

/// The annotation with the seconds after which whoever supervises the container kills it
/// (`--timeout`).
pub(crate) const TIMEOUT_ANNOTATION: &str = "run.skiff.timeout";

/// crun's annotation (podman sets it for `--group-add keep-groups`): no setgroups, so the
/// processes keep the supplementary groups of the user who runs the container.
pub(crate) const KEEP_GROUPS_ANNOTATION: &str = "run.oci.keep_original_groups";

/// The value of annotation `key` of `spec`.
pub(crate) fn annotation<'a>(spec: &'a Spec, key: &str) -> Option<&'a str> {
    spec.annotations()
        .as_ref()
        .and_then(|a| a.get(key))
        .map(String::as_str)
}

/// Everything `run` needs.
pub(crate) struct Launch<'a> {
    pub(crate) spec: &'a Spec,
    pub(crate) rootfs: &'a Rootfs,
    /// Give the container our stdin (`-i`); otherwise it reads /dev/null.
    pub(crate) stdin: bool,
    /// Descriptors to use as the container's stdin/stdout/stderr instead of ours (the
    /// monitor's pipes). Ignored with a terminal.
    pub(crate) fds: Option<ChildFds>,
    /// The compiled seccomp filter, if any (see `seccomp::prepare`).
    pub(crate) seccomp: Option<&'a seccomp::Bpf>,
    /// Called in the parent with the container's host pid and network namespace once its
    /// namespaces exist (e.g. to give it outbound access); the container's command does not
    /// start until it returns. An error aborts the start.
    pub(crate) after_clone: Option<AfterClone<'a>>,
    /// The container dies with the calling process (a foreground run: a `kill -9` of the CLI
    /// must not leave a container nobody supervises). A monitor's container outlives it.
    pub(crate) die_with_parent: bool,
    /// Our descriptors 3 to 3+N-1 are the container's too (`run --preserve-fds N`).
    pub(crate) preserve_fds: u32,
    /// The cgroup the container's first process moves itself into (limits asked).
    pub(crate) cgroup: Option<&'a cgroups::Leaf>,
}

/// The container's stdio when it is not ours: stdin None reads /dev/null.
pub(crate) struct ChildFds {
    pub(crate) stdin: Option<std::os::fd::OwnedFd>,
    pub(crate) stdout: std::os::fd::OwnedFd,
    pub(crate) stderr: std::os::fd::OwnedFd,
}

/// See `Launch::after_clone`.
pub(crate) type AfterClone<'a> = &'a mut dyn FnMut(i32, &std::fs::File) -> Result<()>;

/// The spec boiled down before the fork, so the child does no parsing.
pub(crate) struct Prepared {
    pub(crate) clone_flags: libc::c_int,
    pub(crate) new_net: bool,
    /// Existing namespaces to join (close-on-exec), instead of new ones: another container's
    /// ipc, uts or network namespace.
    pub(crate) join: Vec<(std::fs::File, nix::sched::CloneFlags)>,
    /// Another container's pid namespace to start in (`--pid container:NAME`; see spawn.rs).
    pub(crate) join_pid: Option<std::fs::File>,
    pub(crate) hostname: Option<String>,
    pub(crate) mounts: Vec<Mount>,
    pub(crate) masked: Vec<String>,
    pub(crate) readonly: Vec<String>,
    pub(crate) readonly_root: bool,
    pub(crate) args: Vec<String>,
    pub(crate) env: Vec<String>,
    pub(crate) cwd: String,
    pub(crate) uid: u32,
    pub(crate) gid: u32,
    pub(crate) groups: Vec<u32>,
    pub(crate) can_setgroups: bool,
    pub(crate) caps: caps::Plan,
    pub(crate) rlimits: Vec<(nix::sys::resource::Resource, u64, u64)>,
    pub(crate) no_new_privs: bool,
    pub(crate) terminal: bool,
    pub(crate) stdin: bool,
    /// The child waits for the parent's go before exec (set when there is an `after_clone`).
    pub(crate) wait_for_go: bool,
    /// Run skiff's minimal init as pid 1 (`--init`).
    pub(crate) init: bool,
    /// Lock the mounts' flags (a user namespace of the container's own; see `binds`).
    pub(crate) lock_mounts: bool,
    /// A pidfd of the process the container must die with (see `Launch::die_with_parent`).
    pub(crate) parent: Option<std::os::fd::OwnedFd>,
    /// See `Launch::preserve_fds`.
    pub(crate) preserve_fds: u32,
    /// `--timeout`: when the supervisor kills the container.
    pub(crate) timeout: Option<std::time::Duration>,
    /// A user namespace of the container's own (`--userns`): its `uid_map` and `gid_map`,
    /// written by the parent right after the clone, before the child goes on.
    pub(crate) id_maps: Option<(String, String)>,
    /// `cgroup.procs` of the container's cgroups, written `0` by the child first thing.
    pub(crate) cgroup_procs: Vec<std::os::fd::OwnedFd>,
    /// The cgroup v2 directory among them (its index there, and the directory open): the
    /// child is cloned into it rather than moving itself (see `SingleThreaded::clone_placed`).
    pub(crate) cgroup_into: Option<(usize, std::os::fd::OwnedFd)>,
    /// `--oom-score-adj`, written to /proc/self/oom_score_adj by the child.
    pub(crate) oom_score_adj: Option<i32>,
    /// The child makes its cgroup namespace itself, once in its cgroups (see `init`).
    pub(crate) unshare_cgroupns: bool,
}

/// The capability plan for a list of Docker names (`exec --privileged`).
pub(crate) fn caps_plan(names: &[String]) -> caps::Plan {
    let v = serde_json::json!({"bounding": names, "effective": names, "permitted": names});
    caps::plan(&serde_json::from_value(v).unwrap_or_default())
}

pub(crate) fn rlimit(name: &str) -> Option<nix::sys::resource::Resource> {
    use nix::sys::resource::Resource as R;
    Some(match name {
        "RLIMIT_NOFILE" => R::RLIMIT_NOFILE,
        "RLIMIT_NPROC" => R::RLIMIT_NPROC,
        "RLIMIT_CORE" => R::RLIMIT_CORE,
        "RLIMIT_STACK" => R::RLIMIT_STACK,
        "RLIMIT_MEMLOCK" => R::RLIMIT_MEMLOCK,
        "RLIMIT_AS" => R::RLIMIT_AS,
        "RLIMIT_CPU" => R::RLIMIT_CPU,
        "RLIMIT_DATA" => R::RLIMIT_DATA,
        "RLIMIT_FSIZE" => R::RLIMIT_FSIZE,
        "RLIMIT_LOCKS" => R::RLIMIT_LOCKS,
        "RLIMIT_MSGQUEUE" => R::RLIMIT_MSGQUEUE,
        "RLIMIT_NICE" => R::RLIMIT_NICE,
        "RLIMIT_RTPRIO" => R::RLIMIT_RTPRIO,
        "RLIMIT_SIGPENDING" => R::RLIMIT_SIGPENDING,
        "RLIMIT_RSS" => R::RLIMIT_RSS,
        "RLIMIT_RTTIME" => R::RLIMIT_RTTIME,
        _ => return None,
    })
}

pub(crate) fn prepare(l: &Launch) -> Result<Prepared> {
    let mut p = prepare_spec(l.spec, l.stdin, l.after_clone.is_some())?;
    if l.die_with_parent {
        let me = rustix::process::getpid();
        let fd = rustix::process::pidfd_open(me, rustix::process::PidfdFlags::empty())
            .context("pidfd_open")?;
        // Kept across the fork (the child polls it), closed by the command's execve.
        p.parent = Some(fd);
    }
    p.preserve_fds = l.preserve_fds;
    if let Some(leaf) = l.cgroup {
        p.cgroup_procs = leaf.procs()?;
        p.cgroup_into = leaf.v2_dir()?;
        p.unshare_cgroupns = p.clone_flags & libc::CLONE_NEWCGROUP != 0;
        p.clone_flags &= !libc::CLONE_NEWCGROUP;
    }
    Ok(p)
}

/// An existing namespace to join, opened now (the child only calls setns).
fn open_namespace(
    typ: LinuxNamespaceType,
    path: &std::path::Path,
) -> Result<(std::fs::File, nix::sched::CloneFlags)> {
    use nix::sched::CloneFlags as F;
    let (name, flag) = match typ {
        LinuxNamespaceType::Network => ("network", F::CLONE_NEWNET),
        LinuxNamespaceType::Ipc => ("ipc", F::CLONE_NEWIPC),
        LinuxNamespaceType::Uts => ("uts", F::CLONE_NEWUTS),
        t => bail!("joining an existing {t:?} namespace is not supported"),
    };
    let f = std::fs::File::open(path)
        .with_context(|| format!("cannot open the {name} namespace {}", path.display()))?;
    Ok((f, flag))
}

/// The process's rlimits (a spec naming one this runtime does not know is refused: a limit
/// asked for is never dropped).
fn rlimits(
    process: &oci_spec::runtime::Process,
) -> Result<Vec<(nix::sys::resource::Resource, u64, u64)>> {
    let mut out = Vec::new();
    for r in process.rlimits().iter().flatten() {
        let name = serde_json::to_value(r.typ())?
            .as_str()
            .unwrap_or_default()
            .to_string();
        let res = rlimit(&name).with_context(|| format!("the rlimit {name} is not supported"))?;
        out.push((res, r.soft(), r.hard()));
    }
    Ok(out)
}

/// The namespaces of a spec: new ones as clone flags, existing ones opened to join.
struct Namespaces {
    flags: libc::c_int,
    new_net: bool,
    join: Vec<(std::fs::File, nix::sched::CloneFlags)>,
    join_pid: Option<std::fs::File>,
}

fn namespaces(linux: &oci_spec::runtime::Linux) -> Result<Namespaces> {
    let mut flags = 0;
    let mut new_net = false;
    let mut join = Vec::new();
    let mut join_pid = None;
    for ns in linux.namespaces().iter().flatten() {
        if let (Some(path), LinuxNamespaceType::Pid) = (ns.path(), ns.typ()) {
            let f = std::fs::File::open(path)
                .with_context(|| format!("cannot open the pid namespace {}", path.display()))?;
            join_pid = Some(f);
            continue;
        }
        if let Some(path) = ns.path() {
            // `--network/--ipc/--uts container:NAME`: joined by the child, before its mounts.
            join.push(open_namespace(ns.typ(), path)?);
            continue;
        }
        flags |= match ns.typ() {
            LinuxNamespaceType::Pid => libc::CLONE_NEWPID,
            LinuxNamespaceType::Network => {
                new_net = true;
                libc::CLONE_NEWNET
            }
            LinuxNamespaceType::Ipc => libc::CLONE_NEWIPC,
            LinuxNamespaceType::Uts => libc::CLONE_NEWUTS,
            LinuxNamespaceType::Mount => libc::CLONE_NEWNS,
            LinuxNamespaceType::Cgroup => libc::CLONE_NEWCGROUP,
            // skiff runs containers in its user namespace (see userns.rs), or (`--userns`) in
            // one of their own nested in it.
            LinuxNamespaceType::User => libc::CLONE_NEWUSER,
            LinuxNamespaceType::Time => libc::CLONE_NEWTIME,
        };
    }
    Ok(Namespaces {
        flags,
        new_net,
        join,
        join_pid,
    })
}

/// The spec boiled down (see `Prepared`).
pub(crate) fn prepare_spec(spec: &Spec, stdin: bool, wait_for_go: bool) -> Result<Prepared> {
    let Some(process) = spec.process() else {
        bail!("the spec has no process")
    };
    let linux = spec.linux().clone().unwrap_or_default();
    let Namespaces {
        flags,
        new_net,
        join,
        join_pid,
    } = namespaces(&linux)?;
    if flags & libc::CLONE_NEWNS == 0 {
        bail!("a container needs its own mount namespace");
    }
    let rlimits = rlimits(process)?;
    let id_maps = (flags & libc::CLONE_NEWUSER != 0).then(|| {
        let text = |m: &Option<Vec<oci_spec::runtime::LinuxIdMapping>>| {
            (m.iter().flatten())
                .map(|e| format!("{} {} {}\n", e.container_id(), e.host_id(), e.size()))
                .collect::<String>()
        };
        (text(linux.uid_mappings()), text(linux.gid_mappings()))
    });
    if id_maps.is_some() && join_pid.is_some() {
        bail!("a container with a user namespace of its own (--userns, --uidmap) cannot join another container's pid namespace yet");
    }
    let user = process.user();
    let setgroups = std::fs::read_to_string("/proc/self/setgroups").unwrap_or_default();
    let keep_groups = annotation(spec, KEEP_GROUPS_ANNOTATION) == Some("1");
    Ok(Prepared {
        clone_flags: flags,
        new_net,
        join,
        join_pid,
        hostname: spec.hostname().clone(),
        mounts: spec.mounts().clone().unwrap_or_default(),
        masked: linux.masked_paths().clone().unwrap_or_default(),
        readonly: linux.readonly_paths().clone().unwrap_or_default(),
        readonly_root: spec
            .root()
            .as_ref()
            .and_then(|r| r.readonly())
            .unwrap_or(false),
        args: process.args().clone().unwrap_or_default(),
        env: process.env().clone().unwrap_or_default(),
        cwd: process.cwd().to_string_lossy().to_string(),
        uid: user.uid(),
        gid: user.gid(),
        groups: user.additional_gids().clone().unwrap_or_default(),
        can_setgroups: setgroups.trim() != "deny" && !keep_groups,
        caps: caps::plan(&process.capabilities().clone().unwrap_or_default()),
        rlimits,
        no_new_privs: process.no_new_privileges().unwrap_or(false),
        terminal: process.terminal().unwrap_or(false),
        stdin,
        wait_for_go,
        init: annotation(spec, INIT_ANNOTATION) == Some("true"),
        lock_mounts: annotation(spec, LOCK_MOUNTS_ANNOTATION) == Some("1"),
        parent: None,
        preserve_fds: 0,
        timeout: annotation(spec, TIMEOUT_ANNOTATION)
            .and_then(|t| t.parse().ok())
            .map(std::time::Duration::from_secs),
        id_maps,
        cgroup_procs: Vec::new(),
        cgroup_into: None,
        oom_score_adj: process.oom_score_adj(),
        unshare_cgroupns: false,
    })
}
