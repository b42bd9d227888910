//! `skiff-dns` kept alive by the rootless netns holder. The holder lives exactly as long as the
//! containers of user networks need names, and is already in their namespace: it starts the
//! server as its own child (which dies with it), and when the server dies (`kill -9`, a crash)
//! starts it again after a short backoff, so running containers resolve names again without
//! any skiff command. The server's current identity is `$run/netns-dns.json`, written by the
//! holder alone (one writer, atomic renames: no lock needed, and none is taken, so a CLI that
//! holds `netns.lock` may wait for it).
use crate::runtime::proc::Identity;
use crate::store;
use std::fs::File;
use std::os::fd::{AsRawFd, OwnedFd};
use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The first restart waits this long; each quick death doubles it, up to `MAX_BACKOFF`.
const MIN_BACKOFF: Duration = Duration::from_millis(50);
const MAX_BACKOFF: Duration = Duration::from_secs(2);
/// A server that ran this long before dying restarts after `MIN_BACKOFF` again.
const STEADY: Duration = Duration::from_secs(10);
/// How long a server may take to bind its sockets.
pub(crate) const READY_TIMEOUT: Duration = Duration::from_secs(5);

/// What starting the server takes.
#[derive(Debug, Clone)]
pub(crate) struct Launch {
    pub(crate) bin: PathBuf,
    /// The directory of network DNS files it serves.
    pub(crate) dir: PathBuf,
    /// Where its identity is recorded (`$run/netns-dns.json`).
    pub(crate) record: PathBuf,
}

/// The server the holder last started, if it runs.
pub(crate) fn current(record: &std::path::Path) -> Option<Identity> {
    store::read_json::<Identity>(record)
        .ok()
        .flatten()
        .filter(Identity::is_alive)
}

/// Starts the server as a child of this (single-threaded) process, in its network namespace,
/// killed when this process dies; waits until it serves and records it. Its stderr goes to
/// `log` (else ours). None if it did not start.
pub(crate) fn start(l: &Launch, log: Option<&File>) -> Option<Identity> {
    let (r, w) = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC).ok()?;
    let mut cmd = Command::new(&l.bin);
    cmd.arg("--dir")
        .arg(&l.dir)
        .args(["--ready-fd", "4"])
        .stdin(Stdio::null())
        .stdout(Stdio::null());
    if let Some(f) = log.and_then(|f| f.try_clone().ok()) {
        cmd.stderr(f);
    }
    let parent = nix::unistd::getpid().as_raw();
    let wfd = w.as_raw_fd();
    // SAFETY: the closure runs in the forked child before exec and only makes async-signal-safe
    // calls (prctl, getppid, fcntl, dup2) on a descriptor this process owns.
    unsafe {
        cmd.pre_exec(move || {
            // Dies with the holder: a new holder starts a new server in its new namespace.
            if libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL) != 0 || libc::getppid() != parent
            {
                return Err(std::io::Error::other("the holder is gone"));
            }
            // In the holder (its descriptors closed) the pipe may already be 4: dup2 onto
            // itself would keep close-on-exec, so the flag is cleared instead.
            let placed = if wfd == 4 {
                libc::fcntl(4, libc::F_SETFD, 0)
            } else {
                libc::dup2(wfd, 4)
            };
            if placed < 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let mut child = cmd.spawn().ok()?;
    drop(w);
    let pid = child.id() as i32;
    let id = Identity::of(pid).filter(|_| wait_byte(r, READY_TIMEOUT));
    let Some(id) = id else {
        let _ = child.kill();
        let _ = child.wait();
        return None;
    };
    // Reaped by `keep` with waitpid; the handle must not wait for it.
    std::mem::forget(child);
    if store::write_json_atomic(&l.record, &id, false).is_err() {
        super::rootless::kill(id);
        return None;
    }
    Some(id)
}

/// The holder's life with a server to keep: waits for it to die and starts it again, forever.
pub(crate) fn keep(l: &Launch, first: Identity) -> ! {
    let mut pid = first.pid;
    let mut since = Instant::now();
    let mut backoff = MIN_BACKOFF;
    loop {
        // Any other result means it is gone (ECHILD: it was never our child to wait for).
        let gone = nix::sys::wait::waitpid(nix::unistd::Pid::from_raw(pid), None);
        if gone == Err(nix::errno::Errno::EINTR) {
            continue;
        }
        backoff = if since.elapsed() >= STEADY {
            MIN_BACKOFF
        } else {
            backoff
        };
        loop {
            std::thread::sleep(backoff);
            backoff = (backoff * 2).min(MAX_BACKOFF);
            if let Some(id) = start(l, None) {
                pid = id.pid;
                since = Instant::now();
                break;
            }
        }
    }
}

/// True once `r` delivers a byte within `limit`.
pub(crate) fn wait_byte(r: OwnedFd, limit: Duration) -> bool {
    use nix::poll::{poll, PollFd, PollFlags, PollTimeout};
    let deadline = Instant::now() + limit;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return false;
        }
        let mut fds = [PollFd::new(std::os::fd::AsFd::as_fd(&r), PollFlags::POLLIN)];
        match poll(
            &mut fds,
            PollTimeout::from(left.as_millis().min(1000) as u16),
        ) {
            Ok(0) | Err(nix::errno::Errno::EINTR) => {}
            Ok(_) => {
                let mut b = [0u8; 1];
                return nix::unistd::read(&r, &mut b).unwrap_or(0) == 1;
            }
            Err(_) => return false,
        }
    }
}
