//! The user namespace every skiff process works in. One long-lived holder process per user (like
//! podman's pause process) owns a user namespace mapped with the user's subordinate ids; each skiff
//! command that touches layer contents `setns`es into it, which costs microseconds instead of the
//! ~3 ms the setuid `newuidmap`/`newgidmap` helpers take per call. Without a subuid range (or
//! without the helpers) the namespace maps one id, and every file is owned by root inside.
use super::proc;
use crate::store::{self, Lock, Paths};
use anyhow::{bail, Context, Result};
use nix::sched::{setns, unshare, CloneFlags};
use nix::unistd::{getgid, getuid, ForkResult, Pid};
use std::fs::File;
use std::io::{Read, Write};
use std::os::fd::AsRawFd;
use std::path::Path;
use std::process::Command;

/// One extent of an id map: `size` ids from `container` inside map to `host` outside.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct IdMap {
    pub(crate) container: u32,
    pub(crate) host: u32,
    pub(crate) size: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Mapping {
    pub(crate) uids: Vec<IdMap>,
    pub(crate) gids: Vec<IdMap>,
}

impl Mapping {
    /// True when only the user's own id is mapped (no subordinate range).
    pub(crate) fn single(&self) -> bool {
        self.uids.len() == 1 && self.uids[0].size == 1
    }
    /// The highest container uid (and gid) plus one that files may be owned by.
    pub(crate) fn uid_limit(&self) -> u64 {
        self.uids
            .iter()
            .map(|m| m.container as u64 + m.size as u64)
            .max()
            .unwrap_or(1)
    }
    pub(crate) fn gid_limit(&self) -> u64 {
        self.gids
            .iter()
            .map(|m| m.container as u64 + m.size as u64)
            .max()
            .unwrap_or(1)
    }
}

/// What `enter` found; `warning` is for the CLI to print once.
#[derive(Debug)]
pub(crate) struct Entered {
    pub(crate) mapping: Mapping,
    pub(crate) warning: Option<String>,
}

/// Reads `/proc/self/{uid,gid}_map`.
pub(crate) fn current_mapping() -> Result<Mapping> {
    Ok(Mapping {
        uids: parse_map(&std::fs::read_to_string("/proc/self/uid_map")?),
        gids: parse_map(&std::fs::read_to_string("/proc/self/gid_map")?),
    })
}

fn parse_map(s: &str) -> Vec<IdMap> {
    s.lines()
        .filter_map(|l| {
            let v: Vec<u32> = l
                .split_whitespace()
                .filter_map(|x| x.parse().ok())
                .collect();
            (v.len() == 3).then(|| IdMap {
                container: v[0],
                host: v[1],
                size: v[2],
            })
        })
        .collect()
}

/// True when this process already runs in a user namespace (not the initial one).
pub(crate) fn in_userns() -> bool {
    match std::fs::read_to_string("/proc/self/uid_map") {
        Ok(s) => {
            parse_map(&s)
                != [IdMap {
                    container: 0,
                    host: 0,
                    size: u32::MAX,
                }]
        }
        Err(_) => false,
    }
}

/// The user's first range in a subuid/subgid file, by name or by numeric id.
pub(crate) fn sub_range(file: &Path, name: &str, id: u32) -> Option<(u32, u32)> {
    let text = std::fs::read_to_string(file).ok()?;
    let id = id.to_string();
    text.lines().find_map(|l| {
        let mut f = l.trim().split(':');
        let (who, start, count) = (f.next()?, f.next()?, f.next()?);
        if who != name && who != id {
            return None;
        }
        let (start, count) = (start.parse().ok()?, count.parse::<u32>().ok()?);
        (count > 0).then_some((start, count))
    })
}

fn helper(name: &str) -> Option<std::path::PathBuf> {
    ["/usr/bin", "/bin", "/usr/sbin", "/sbin", "/usr/local/bin"]
        .iter()
        .map(|d| Path::new(d).join(name))
        .find(|p| p.exists())
}

/// The mapping this user should get, and the warning to give when it is the single-id fallback.
fn wanted() -> (Mapping, Option<String>) {
    let (uid, gid) = (getuid().as_raw(), getgid().as_raw());
    let name = nix::unistd::User::from_uid(getuid())
        .ok()
        .flatten()
        .map(|u| u.name)
        .unwrap_or_else(|| uid.to_string());
    let single = Mapping {
        uids: vec![IdMap {
            container: 0,
            host: uid,
            size: 1,
        }],
        gids: vec![IdMap {
            container: 0,
            host: gid,
            size: 1,
        }],
    };
    let su = sub_range(Path::new("/etc/subuid"), &name, uid);
    let sg = sub_range(Path::new("/etc/subgid"), &name, uid);
    let why = match (su, sg) {
        (Some(su), Some(sg)) => {
            if helper("newuidmap").is_some() && helper("newgidmap").is_some() {
                return (
                    Mapping {
                        uids: vec![
                            IdMap {
                                container: 0,
                                host: uid,
                                size: 1,
                            },
                            IdMap {
                                container: 1,
                                host: su.0,
                                size: su.1,
                            },
                        ],
                        gids: vec![
                            IdMap {
                                container: 0,
                                host: gid,
                                size: 1,
                            },
                            IdMap {
                                container: 1,
                                host: sg.0,
                                size: sg.1,
                            },
                        ],
                    },
                    None,
                );
            }
            "newuidmap/newgidmap are missing (install the uidmap package)".to_string()
        }
        _ => format!(
            "user {name} has no range in /etc/subuid and /etc/subgid \
             (add one: usermod --add-subuids 100000-165535 --add-subgids 100000-165535 {name})"
        ),
    };
    let warning =
        format!("{why}; running with a single id: every file in the container is owned by root");
    (single, Some(warning))
}

/// Joins the user's namespace, creating its holder first if none is alive. Idempotent.
/// Must be called while the process has a single thread.
pub(crate) fn enter(paths: &Paths) -> Result<Entered> {
    let (want, warning) = wanted();
    if in_userns() {
        return Ok(Entered {
            mapping: current_mapping()?,
            warning: None,
        });
    }
    paths.ensure()?;
    let pidfile = paths.run.join("userns.pid");
    let _lock = Lock::exclusive(&paths.run.join("userns.lock"))?;
    let holder = match live_holder(&pidfile) {
        // A holder made before /etc/subuid changed keeps the old mapping: replace it.
        Some(pid) if holder_mapping(pid).as_ref() == Some(&want) => pid,
        stale => {
            if let Some(pid) = stale {
                let _ = nix::sys::signal::kill(Pid::from_raw(pid), nix::sys::signal::SIGKILL);
            }
            let pid = spawn_holder(&want)?;
            let id = proc::Identity::of(pid).context("the user namespace holder died at once")?;
            let line = format!("{} {}\n", id.pid, id.start);
            store::write_atomic(&pidfile, line.as_bytes(), false)?;
            pid
        }
    };
    let ns = File::open(format!("/proc/{holder}/ns/user"))
        .context("cannot open the user namespace of its holder")?;
    setns(&ns, CloneFlags::CLONE_NEWUSER).context("cannot join the user namespace")?;
    // Inside, our uid is 0 but we still carry the host's supplementary groups (unmapped, so they
    // read as nogroup); that is harmless for store work and containers set their own groups.
    let mapping = current_mapping()?;
    Ok(Entered { mapping, warning })
}

/// Moved to `proc` (process identity); kept here for the engine's callers.
pub(crate) use super::proc::start_time;

fn holder_mapping(pid: i32) -> Option<Mapping> {
    Some(Mapping {
        uids: parse_map(&std::fs::read_to_string(format!("/proc/{pid}/uid_map")).ok()?),
        gids: parse_map(&std::fs::read_to_string(format!("/proc/{pid}/gid_map")).ok()?),
    })
}

/// The live holder's pid, if any (for `tenant` to reuse its sealed helper).
pub(crate) fn holder_pid(paths: &Paths) -> Option<i32> {
    live_holder(&paths.run.join("userns.pid"))
}

/// The mapping skiff's namespace has (its live holder's), or the one `enter` would give it when
/// no holder is alive; for `info`, which must not start a holder to say so.
pub(crate) fn in_use(paths: &Paths) -> Mapping {
    holder_pid(paths)
        .and_then(holder_mapping)
        .unwrap_or_else(|| wanted().0)
}

fn live_holder(pidfile: &Path) -> Option<i32> {
    let s = std::fs::read_to_string(pidfile).ok()?;
    let mut f = s.split_whitespace();
    let pid: i32 = f.next()?.parse().ok()?;
    let start: u64 = f.next()?.parse().ok()?;
    proc::Identity { pid, start }.is_alive().then_some(pid)
}

/// Forks the holder (double fork, new session, all fds closed so it holds no caller's pipe),
/// waits for it to unshare its user namespace, and maps the ids into it.
fn spawn_holder(want: &Mapping) -> Result<i32> {
    // The holder keeps exec's sealed helper (see `tenant`), so an exec need not copy it. Without
    // one (skiff-enter missing), each exec makes its own copy or reports the missing file.
    let enter_copy = super::tenant::sealed_copy().ok();
    let (rd, wr) = nix::unistd::pipe()?;
    // The caller is single-threaded (documented on `enter`, checked by `proc::fork`).
    match proc::fork()? {
        ForkResult::Child => {
            drop(rd);
            let _ = nix::unistd::setsid();
            // The grandchild is the holder, the child exits at once. A failed check or fork
            // leaves the child to hold (it is as good a holder, only not reparented).
            if let Ok(ForkResult::Parent { .. }) = proc::fork() {
                // SAFETY: _exit skips atexit handlers and buffers that belong to the parent.
                unsafe { libc::_exit(0) };
            }
            let ok = unshare(CloneFlags::CLONE_NEWUSER).is_ok();
            let pid = nix::unistd::getpid().as_raw();
            let msg = if ok {
                pid.to_le_bytes()
            } else {
                (-1i32).to_le_bytes()
            };
            let _ = nix::unistd::write(&wr, &msg);
            drop(wr);
            hold(enter_copy)
        }
        ForkResult::Parent { child } => {
            drop(wr);
            let _ = nix::sys::wait::waitpid(child, None);
            let mut buf = [0u8; 4];
            let mut f = File::from(rd);
            f.read_exact(&mut buf)
                .context("the user namespace holder did not start")?;
            let pid = i32::from_le_bytes(buf);
            if pid < 0 {
                bail!("cannot create a user namespace: unprivileged user namespaces are disabled (sysctl user.max_user_namespaces)");
            }
            if let Err(e) = write_maps(pid, want) {
                let _ = nix::sys::signal::kill(Pid::from_raw(pid), nix::sys::signal::SIGKILL);
                return Err(e);
            }
            Ok(pid)
        }
    }
}

/// The descriptor number the holder keeps exec's sealed helper at.
pub(crate) const HELPER_FD: i32 = 3;

/// The holder's life: nothing open but exec's sealed helper, nothing to do, until killed.
fn hold(helper: Option<std::os::fd::OwnedFd>) -> ! {
    // `ps` would show a second `skiff` (the CLI's name, kept across fork) that never ends.
    proc::set_name(proc::HOLDER_NAME);
    let _ = std::env::set_current_dir("/");
    if let Ok(null) = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open("/dev/null")
    {
        for fd in 0..3 {
            // SAFETY: dup2 onto the standard descriptors; null stays valid during the call.
            unsafe { libc::dup2(null.as_raw_fd(), fd) };
        }
    }
    if let Some(h) = &helper {
        // SAFETY: dup2 of a descriptor we own onto HELPER_FD (which the close below skips).
        unsafe { libc::dup2(h.as_raw_fd(), HELPER_FD) };
    }
    let first = if helper.is_some() { HELPER_FD + 1 } else { 3 };
    // SAFETY: closes every descriptor above the kept ones; none is used by this process again
    // (`helper`'s own number is among them: it is forgotten, not dropped, below).
    unsafe { libc::syscall(libc::SYS_close_range, first as u32, u32::MAX, 0u32) };
    std::mem::forget(helper);
    loop {
        // SAFETY: pause has no arguments and just waits for a signal.
        unsafe { libc::pause() };
    }
}

fn map_args(m: &[IdMap]) -> Vec<String> {
    m.iter()
        .flat_map(|e| [e.container, e.host, e.size])
        .map(|n| n.to_string())
        .collect()
}

fn write_maps(pid: i32, want: &Mapping) -> Result<()> {
    if want.uids.len() > 1 {
        for (tool, map) in [("newuidmap", &want.uids), ("newgidmap", &want.gids)] {
            let path = helper(tool).context("newuidmap/newgidmap not found")?;
            let out = Command::new(path)
                .arg(pid.to_string())
                .args(map_args(map))
                .output()
                .with_context(|| format!("cannot run {tool}"))?;
            if !out.status.success() {
                bail!(
                    "{tool} failed: {} (check /etc/subuid and /etc/subgid)",
                    String::from_utf8_lossy(&out.stderr).trim()
                );
            }
        }
        return Ok(());
    }
    // Single id: the kernel wants setgroups denied before gid_map, and gid_map before uid_map.
    let write = |file: &str, data: String| -> Result<()> {
        let p = format!("/proc/{pid}/{file}");
        std::fs::OpenOptions::new()
            .write(true)
            .open(&p)
            .and_then(|mut f| f.write_all(data.as_bytes()))
            .with_context(|| format!("cannot write {p}"))
    };
    write("setgroups", "deny".into())?;
    write("gid_map", format!("0 {} 1\n", want.gids[0].host))?;
    write("uid_map", format!("0 {} 1\n", want.uids[0].host))?;
    Ok(())
}
