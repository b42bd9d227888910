//! The steps a container process takes once its namespaces and root are in place, up to its
//! execve: shared by the container's init (`init`, after pivot_root) and a process exec'd into a
//! running container (`enter`, after joining the container's namespaces), so the two cannot
//! drift apart on a security step.
//!
//! The order is part of the security, and is runc's:
//! 1. stdio (a new session; the pty, the caller's descriptors or /dev/null);
//! 2. rlimits, while we may still raise a hard limit;
//! 3. no_new_privs, before the filter, so nothing exec'd later gains privileges;
//! 4. seccomp, while CAP_SYS_ADMIN is still held, so a filter loads even without no_new_privs;
//!    Docker's profile allows every call made after it;
//! 5. the bounding set, groups, gid and uid, then the capability sets (`user`);
//! 6. the working directory, last, as the container's user.
use super::{caps, init::ChildEnds, seccomp::Bpf, ChildFds, Prepared};
use anyhow::{Context, Result};

/// Steps 1–6 above.
pub(super) fn process(
    p: &Prepared,
    fds: Option<&ChildFds>,
    bpf: Option<&Bpf>,
    ends: &ChildEnds,
) -> Result<()> {
    stdio(fds, p, ends)?;
    for (res, soft, hard) in &p.rlimits {
        nix::sys::resource::setrlimit(*res, *soft, *hard)
            .with_context(|| format!("setrlimit {res:?}"))?;
    }
    if p.no_new_privs {
        nix::sys::prctl::set_no_new_privs().context("no_new_privs")?;
    }
    if let Some(bpf) = bpf {
        super::seccomp::install(bpf).context("cannot load the seccomp filter")?;
    }
    user(p)?;
    workdir(&p.cwd)
}

/// Default dispositions and an empty mask, first thing in a new container process: Rust ignores
/// SIGPIPE at start-up and callers block the signals they proxy, and the command must inherit
/// neither.
pub(super) fn reset_signals() {
    for sig in 1..32 {
        if sig == libc::SIGKILL || sig == libc::SIGSTOP {
            continue;
        }
        // SAFETY: restoring default dispositions; no handler code is involved.
        unsafe { libc::signal(sig, libc::SIG_DFL) };
    }
    let _ = nix::sys::signal::SigSet::empty().thread_set_mask();
}

/// The container's stdio: a new session always (signals reach it only through the parent's
/// forwarding, as with Docker); with a terminal, the pty made in the container's own devpts;
/// else the caller's descriptors (a monitor's pipes, a health check's), our stdin with `-i`, or
/// /dev/null.
fn stdio(fds: Option<&ChildFds>, p: &Prepared, ends: &ChildEnds) -> Result<()> {
    nix::unistd::setsid().context("setsid")?;
    if let Some(sock) = &ends.tty {
        super::pty::child_side(sock)?;
        return Ok(());
    }
    if let Some(fds) = fds {
        nix::unistd::dup2_stdout(&fds.stdout).context("dup2 stdout")?;
        nix::unistd::dup2_stderr(&fds.stderr).context("dup2 stderr")?;
        if let Some(i) = &fds.stdin {
            nix::unistd::dup2_stdin(i).context("dup2 stdin")?;
            return Ok(());
        }
    }
    if !p.stdin || fds.is_some() {
        let null = std::fs::File::open("/dev/null").context("/dev/null")?;
        nix::unistd::dup2_stdin(&null).context("dup2 stdin")?;
    }
    Ok(())
}

/// Becomes the container's user: bounding set first (dropping needs CAP_SETPCAP), keepcaps so
/// the uid switch keeps the permitted set, groups before gid before uid (each needs the
/// privilege the next drops), then the final capability sets.
fn user(p: &Prepared) -> Result<()> {
    caps::drop_bounding(&p.caps)?;
    nix::sys::prctl::set_keepcaps(true).context("keepcaps")?;
    if p.can_setgroups {
        let groups: Vec<nix::unistd::Gid> = p
            .groups
            .iter()
            .map(|g| nix::unistd::Gid::from_raw(*g))
            .collect();
        nix::unistd::setgroups(&groups).context("setgroups")?;
    }
    let gid = nix::unistd::Gid::from_raw(p.gid);
    nix::unistd::setresgid(gid, gid, gid).map_err(|e| id_error("group", p.gid, e))?;
    let uid = nix::unistd::Uid::from_raw(p.uid);
    nix::unistd::setresuid(uid, uid, uid).map_err(|e| id_error("user", p.uid, e))?;
    caps::apply(&p.caps)
}

/// EINVAL from setresuid/setresgid means the id has no mapping in the user namespace: say so
/// (a bare "invalid argument" leaves the user guessing).
fn id_error(what: &str, id: u32, e: nix::errno::Errno) -> anyhow::Error {
    let (file, sub) = match what {
        "user" => ("uid_map", "subuid"),
        _ => ("gid_map", "subgid"),
    };
    if e == nix::errno::Errno::EINVAL {
        return anyhow::anyhow!(
            "cannot switch to {what} {id}: it is not mapped in skiff's user namespace \
             (see `skiff unshare cat /proc/self/{file}`; a larger range in /etc/{sub} maps more)"
        );
    }
    anyhow::Error::from(e).context(format!("cannot switch to {what} {id}"))
}

/// Enters the working directory (the last step before exec, as in runc).
fn workdir(cwd: &str) -> Result<()> {
    std::env::set_current_dir(cwd)
        .with_context(|| format!("cannot change to the working directory {cwd:?}"))
}
