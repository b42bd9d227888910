//! `exec` into a running container without ever showing it the skiff binary (CVE-2019-5736).
//!
//! The process that joins the container's namespaces forks the command into its pid namespace,
//! so between that fork and the command's execve a process of ours is visible inside the
//! container. If it were a fork of the CLI, its `/proc/PID/exe` would be the user's own skiff
//! binary (`cargo install` leaves it writable by the user, who is the container's root): a
//! process in the container could open it and, once no skiff runs, rewrite it. So:
//! - the CLI forks and execs `skiff-enter` from a sealed memfd copy (no writes, no resizing, seals
//!   locked), made fresh from the file next to the running skiff: what a container can reach
//!   through `/proc/PID/exe` is that copy, never a host file;
//! - `skiff-enter` makes itself non-dumpable before it joins anything, and the fork into the
//!   container inherits that until the command's execve, so without CAP_SYS_PTRACE a container
//!   cannot even open the copy (nor `/proc/PID/mem` or the fds).
//!
//! The request (the process to start, the descriptors by number, the seccomp program) travels as
//! JSON in a second memfd whose number is `skiff-enter`'s one argument.
use super::{caps, enter, init, pty, seccomp::Bpf, ChildFds, Prepared, Spawned};
use anyhow::{bail, Context, Result};
use nix::sched::CloneFlags;
use rustix::fs::{MemfdFlags, SealFlags};
use serde::{Deserialize, Serialize};
use std::ffi::CString;
use std::fs::File;
use std::io::{Read, Seek, Write};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};
use std::path::PathBuf;

/// The helper's file name, next to the skiff executable.
pub(crate) const BINARY: &str = "skiff-enter";

/// The user namespace last. The helper starts in skiff's user namespace with every capability
/// there, which covers every namespace a descendant user namespace owns (a container's own,
/// `--userns`, or the nested one a `:ro` mount's locked flags need, which owns only the mount
/// namespace); joining the container's user namespace first would leave it no privilege over
/// the namespaces skiff's own owns (net, ipc, uts of a `:ro` container).
const NAMESPACES: [(&str, CloneFlags); 7] = [
    ("ipc", CloneFlags::CLONE_NEWIPC),
    ("uts", CloneFlags::CLONE_NEWUTS),
    ("net", CloneFlags::CLONE_NEWNET),
    ("cgroup", CloneFlags::CLONE_NEWCGROUP),
    ("pid", CloneFlags::CLONE_NEWPID),
    ("mnt", CloneFlags::CLONE_NEWNS),
    ("user", CloneFlags::CLONE_NEWUSER),
];

/// What the exec'd command gets: `Prepared`'s fields that matter for a process entering a
/// running container.
#[derive(Serialize, Deserialize)]
struct Process {
    args: Vec<String>,
    env: Vec<String>,
    cwd: String,
    uid: u32,
    gid: u32,
    groups: Vec<u32>,
    can_setgroups: bool,
    caps: caps::Plan,
    /// (name as in `RLIMIT_NOFILE`, soft, hard)
    rlimits: Vec<(String, u64, u64)>,
    no_new_privs: bool,
    terminal: bool,
    stdin: bool,
}

/// Descriptors are numbers valid in `skiff-enter` (inherited across its execve).
#[derive(Serialize, Deserialize)]
struct Request {
    namespaces: Vec<(RawFd, i32)>,
    err: RawFd,
    tty: Option<RawFd>,
    /// (stdin, stdout, stderr) replacing ours (health checks).
    stdio: Option<(Option<RawFd>, RawFd, RawFd)>,
    process: Process,
    seccomp: Option<Bpf>,
    /// `cgroup.procs` of the container's own cgroups (its limits hold for exec'd processes too).
    #[serde(default)]
    cgroups: Vec<RawFd>,
    /// The v2 one among them: its index there and its directory (see `Prepared::cgroup_into`).
    #[serde(default)]
    cgroup_into: Option<(usize, RawFd)>,
}

/// Starts `p` (the container's spec with the exec's process) inside the container whose init is
/// `target`. Returns the relay process (its exit status is the command's) and the pty.
/// `holder` is the user namespace holder, whose sealed copy of the helper is reused if current.
pub(crate) fn exec_in(
    target: i32,
    holder: Option<i32>,
    p: &Prepared,
    fds: Option<ChildFds>,
    bpf: Option<&Bpf>,
) -> Result<Spawned> {
    let mut ns = Vec::new();
    for (name, flag) in NAMESPACES {
        let path = format!("/proc/{target}/ns/{name}");
        let f =
            File::open(&path).with_context(|| format!("the container is not running ({path})"))?;
        // The host's namespace (`--ipc host`, `--network host`...) is ours already, and joining
        // it anew would need privileges over it that a user namespace lacks.
        if !same_file(&f, &format!("/proc/self/ns/{name}")) {
            ns.push((f, flag));
        }
    }
    let (cgroups, cgroup_into) = super::cgroups::procs_of(target)?;
    let binary = helper_copy(holder)?;
    let (err_r, err_w) = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC)?;
    let (tty_parent, tty_child) = pty::channel(p.terminal)?;
    let req = Request {
        namespaces: ns.iter().map(|(f, c)| (f.as_raw_fd(), c.bits())).collect(),
        err: err_w.as_raw_fd(),
        tty: tty_child.as_ref().map(AsRawFd::as_raw_fd),
        stdio: fds.as_ref().map(|f| {
            let stdin = f.stdin.as_ref().map(AsRawFd::as_raw_fd);
            (stdin, f.stdout.as_raw_fd(), f.stderr.as_raw_fd())
        }),
        process: process_of(p),
        seccomp: bpf.cloned(),
        cgroups: cgroups.iter().map(AsRawFd::as_raw_fd).collect(),
        cgroup_into: cgroup_into.as_ref().map(|(i, d)| (*i, d.as_raw_fd())),
    };
    let req_fd = request_file(&req)?;
    let mut pass: Vec<RawFd> = vec![req_fd.as_raw_fd(), req.err];
    pass.extend(req.namespaces.iter().map(|(fd, _)| *fd));
    pass.extend(req.tty);
    pass.extend(req.cgroups.iter().copied());
    pass.extend(req.cgroup_into.map(|(_, fd)| fd));
    if let Some((i, o, e)) = req.stdio {
        pass.extend(i.into_iter().chain([o, e]));
    }
    let argv = [
        CString::new(BINARY)?,
        CString::new(req_fd.as_raw_fd().to_string())?,
    ];
    // The child only clears descriptor flags and execs (or reports and _exits).
    match super::proc::fork()? {
        nix::unistd::ForkResult::Child => {
            drop(err_r);
            drop(tty_parent);
            if let Some((i, o, e)) = req.stdio {
                // A command given its own stdio (exec -d, health checks) has a relay that holds
                // none of the caller's either: `out=$(skiff exec -d C sleep 30)` must not wait
                // for the relay, which lives as long as the command.
                for (from, to) in [(i, 0), (Some(o), 1), (Some(e), 2)] {
                    if let Some(fd) = from {
                        // SAFETY: dup2 of a descriptor we hold onto a standard one, in the child.
                        unsafe { libc::dup2(fd, to) };
                    }
                }
            }
            let e = exec_helper(&binary, &argv, &pass);
            // The error pipe's protocol: the exit code, then the message.
            let mut msg = vec![crate::error::ENGINE as u8];
            msg.extend_from_slice(format!("cannot run {BINARY}: {e}").as_bytes());
            let _ = nix::unistd::write(&err_w, &msg);
            // SAFETY: _exit ends the forked child without running the parent's destructors.
            unsafe { libc::_exit(crate::error::ENGINE) }
        }
        nix::unistd::ForkResult::Parent { child } => {
            drop((err_w, tty_child, fds, ns, req_fd, binary));
            let master = pty::take_master(tty_parent.as_ref())?;
            super::spawn::exec_result(err_r, child)?;
            Ok(Spawned { pid: child, master })
        }
    }
}

/// True when `f` is the file at `path` (a namespace is named by its device and inode).
fn same_file(f: &File, path: &str) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (f.metadata(), std::fs::metadata(path)) {
        (Ok(a), Ok(b)) => (a.dev(), a.ino()) == (b.dev(), b.ino()),
        _ => false,
    }
}

/// In the forked child: keeps `pass` open across the exec and runs the sealed helper.
fn exec_helper(binary: &OwnedFd, argv: &[CString], pass: &[RawFd]) -> String {
    for fd in pass {
        // SAFETY: clearing FD_CLOEXEC on a descriptor this process owns.
        unsafe { libc::fcntl(*fd, libc::F_SETFD, 0) };
    }
    let env: [&std::ffi::CStr; 0] = [];
    let Err(e) = nix::unistd::fexecve(binary, argv, &env);
    e.desc().to_lowercase()
}

fn process_of(p: &Prepared) -> Process {
    Process {
        args: p.args.clone(),
        env: p.env.clone(),
        cwd: p.cwd.clone(),
        uid: p.uid,
        gid: p.gid,
        groups: p.groups.clone(),
        can_setgroups: p.can_setgroups,
        caps: p.caps.clone(),
        rlimits: p
            .rlimits
            .iter()
            .map(|(r, s, h)| (format!("{r:?}"), *s, *h))
            .collect(),
        no_new_privs: p.no_new_privs,
        terminal: p.terminal,
        stdin: p.stdin,
    }
}

/// The request as JSON in a memfd, rewound for the helper to read.
fn request_file(req: &Request) -> Result<OwnedFd> {
    let fd = rustix::fs::memfd_create("skiff-enter-request", MemfdFlags::CLOEXEC)
        .context("memfd_create")?;
    let mut f = File::from(fd);
    // One write: serde_json writes token by token, which on an unbuffered file is thousands of
    // syscalls for the seccomp program (~25 ms).
    f.write_all(&serde_json::to_vec(req)?)?;
    f.rewind()?;
    Ok(f.into())
}

/// The sealed helper to exec: the user namespace holder's copy when it is a copy of the file
/// next to us now (same device, inode, size and change time: the memfd's name says which file
/// it copied), else a fresh one (the holder predates an upgrade, or has none).
fn helper_copy(holder: Option<i32>) -> Result<OwnedFd> {
    let path = helper_path()?;
    if let (Some(pid), Ok(md)) = (holder, std::fs::metadata(&path)) {
        let fd_path = format!("/proc/{pid}/fd/{}", super::userns::HELPER_FD);
        let want = format!("/memfd:{} (deleted)", copy_name(&md));
        let same = std::fs::read_link(&fd_path).is_ok_and(|l| l.to_string_lossy() == want);
        if same {
            let flags = rustix::fs::OFlags::RDONLY | rustix::fs::OFlags::CLOEXEC;
            if let Ok(fd) = rustix::fs::open(fd_path.as_str(), flags, rustix::fs::Mode::empty()) {
                let sealed =
                    SealFlags::SEAL | SealFlags::WRITE | SealFlags::GROW | SealFlags::SHRINK;
                if rustix::fs::fcntl_get_seals(&fd).is_ok_and(|s| s.contains(sealed)) {
                    return Ok(fd);
                }
            }
        }
    }
    sealed_copy()
}

/// The memfd name of a copy of the file with metadata `md`: what identifies its source.
fn copy_name(md: &std::fs::Metadata) -> String {
    use std::os::unix::fs::MetadataExt;
    let (dev, ino, size) = (md.dev(), md.ino(), md.size());
    let (ctime, ctime_ns) = (md.ctime(), md.ctime_nsec());
    format!("{BINARY}:{dev}:{ino}:{size}:{ctime}.{ctime_ns}")
}

/// A sealed in-memory copy of `skiff-enter` (from next to the running executable).
pub(super) fn sealed_copy() -> Result<OwnedFd> {
    let path = helper_path()?;
    let mut src = match File::open(&path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => bail!(
            "cannot find {}: skiff runs exec through {BINARY} installed next to it \
             (cargo install --path . installs both)",
            path.display()
        ),
        r => r.with_context(|| format!("cannot open {}", path.display()))?,
    };
    let md = src
        .metadata()
        .with_context(|| format!("cannot stat {}", path.display()))?;
    let flags = MemfdFlags::CLOEXEC | MemfdFlags::ALLOW_SEALING;
    let fd = rustix::fs::memfd_create(copy_name(&md), flags).context("memfd_create")?;
    let mut copy = File::from(fd);
    std::io::copy(&mut src, &mut copy)
        .with_context(|| format!("cannot copy {}", path.display()))?;
    let fd = OwnedFd::from(copy);
    rustix::fs::fcntl_add_seals(
        &fd,
        SealFlags::SEAL | SealFlags::SHRINK | SealFlags::GROW | SealFlags::WRITE,
    )
    .context("cannot seal the copy of skiff-enter")?;
    Ok(fd)
}

fn helper_path() -> Result<PathBuf> {
    let exe = std::env::current_exe().context("cannot find the skiff executable")?;
    Ok(exe.with_file_name(BINARY))
}

/// `skiff-enter FD`: reads the request and becomes the relay (see `enter`). Never returns on
/// success; returns why the request could not be read (the binary prints it, exit 125).
pub(crate) fn main() -> String {
    // Nothing may open our memory or descriptors from inside the container, from now until
    // the command's execve (which the fork into the container inherits).
    let _ = nix::sys::prctl::set_dumpable(false);
    super::proc::set_name(super::proc::ENTER_NAME);
    match read_request() {
        Ok(req) => run(req),
        Err(e) => format!("{BINARY}: {}", crate::error::describe(&e)),
    }
}

fn read_request() -> Result<Request> {
    let Some(arg) = std::env::args().nth(1) else {
        bail!("usage: {BINARY} FD (skiff runs it for exec; it is not for users)");
    };
    let fd: RawFd = arg
        .parse()
        .context("the request is not a descriptor number")?;
    if fd < 3 {
        bail!("the request is not a descriptor number");
    }
    // SAFETY: skiff passes the request memfd as this number; we take ownership once.
    let mut f = unsafe { File::from_raw_fd(fd) };
    let mut text = String::new();
    f.read_to_string(&mut text)
        .context("cannot read the request")?;
    Ok(serde_json::from_str(&text)?)
}

/// Adopts the descriptors named in `req` and runs the relay.
fn run(req: Request) -> ! {
    let own = |fd: RawFd| {
        // SAFETY: each number was passed open by skiff for this process, is named once in the
        // request, and is owned from here on.
        unsafe { OwnedFd::from_raw_fd(fd) }
    };
    let ends = init::ChildEnds {
        err: own(req.err),
        tty: req.tty.map(own),
        go: None,
        maps: None,
        placed: None,
    };
    let ns = req
        .namespaces
        .iter()
        .map(|(fd, flag)| (File::from(own(*fd)), CloneFlags::from_bits_retain(*flag)))
        .collect();
    let fds = req.stdio.map(|(i, o, e)| ChildFds {
        stdin: i.map(own),
        stdout: own(o),
        stderr: own(e),
    });
    let mut p = prepared(req.process);
    p.cgroup_procs = req.cgroups.iter().map(|fd| own(*fd)).collect();
    p.cgroup_into = req.cgroup_into.map(|(i, fd)| (i, own(fd)));
    // The descriptors we hold (the error pipe's end included, whose close tells the CLI the
    // command runs) are marked close-on-exec by `init::finish` before the command's execve.
    enter::intermediate(&p, ns, fds, req.seccomp.as_ref(), ends)
}

fn prepared(p: Process) -> Prepared {
    Prepared {
        clone_flags: 0,
        new_net: false,
        join: Vec::new(),
        join_pid: None,
        hostname: None,
        mounts: Vec::new(),
        masked: Vec::new(),
        readonly: Vec::new(),
        readonly_root: false,
        rlimits: p
            .rlimits
            .iter()
            .filter_map(|(name, s, h)| Some((super::rlimit(name)?, *s, *h)))
            .collect(),
        args: p.args,
        env: p.env,
        cwd: p.cwd,
        uid: p.uid,
        gid: p.gid,
        groups: p.groups,
        can_setgroups: p.can_setgroups,
        caps: p.caps,
        no_new_privs: p.no_new_privs,
        terminal: p.terminal,
        stdin: p.stdin,
        wait_for_go: false,
        init: false,
        lock_mounts: false,
        parent: None,
        preserve_fds: 0,
        timeout: None,
        id_maps: None,
        cgroup_procs: Vec::new(),
        cgroup_into: None,
        oom_score_adj: None,
        unshare_cgroupns: false,
    }
}
