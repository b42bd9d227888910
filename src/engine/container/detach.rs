//! Detached start (`run -d`, `start`): fork the monitor (this binary's hidden `monitor` verb,
//! exec'd fresh so it is small) away from the CLI and wait until it says the command runs.
use super::supervise::{CLIENT_FD, READY_FD};
use crate::error::coded;
use crate::store::Paths;
use anyhow::{Context, Result};
use nix::unistd::{fork, ForkResult};
use std::io::Read;
use std::os::fd::{AsRawFd, IntoRawFd, OwnedFd};
use std::os::unix::net::UnixStream;
use std::os::unix::process::CommandExt;

/// Starts container `id` under a new monitor; returns once its command runs (or failed to).
pub(crate) fn start(paths: &Paths, id: &str) -> Result<()> {
    start_with(paths, id, None)
}

/// Like `start`, with an attach session open from before the start (`run -it`, `start -ai`):
/// the monitor serves the returned socket from the container's first output.
pub(crate) fn start_attached(paths: &Paths, id: &str) -> Result<UnixStream> {
    let (ours, theirs) = UnixStream::pair().context("cannot make the attach socket pair")?;
    start_with(paths, id, Some(OwnedFd::from(theirs)))?;
    Ok(ours)
}

fn start_with(paths: &Paths, id: &str, client: Option<OwnedFd>) -> Result<()> {
    // A container whose process just died (`kill`, then `start` or `restart`) may still have
    // its monitor recording that exit: a new start now would be overwritten by that record
    // (and its helpers released by the old monitor's teardown).
    super::lifecycle::wait_recorded(paths, id, std::time::Duration::from_secs(5));
    let exe = std::fs::read_link("/proc/self/exe").context("cannot find the skiff binary")?;
    let (r, w) = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC)?;
    // Through the single-thread check: the children only set up and exec or _exit.
    match crate::runtime::proc::fork()? {
        ForkResult::Child => {
            drop(r);
            let _ = nix::unistd::setsid();
            // SAFETY: the child of a checked fork is single-threaded; the grandchild is the
            // monitor, reparented when we exit.
            if let Ok(ForkResult::Child) = unsafe { fork() } {
                // The monitor must hold nothing of the caller's: a test reading our output
                // through a pipe would otherwise never see its end.
                if let Ok(null) = std::fs::OpenOptions::new()
                    .read(true)
                    .write(true)
                    .open("/dev/null")
                {
                    for fd in 0..3 {
                        // SAFETY: dup2 onto the standard descriptors.
                        unsafe { libc::dup2(null.as_raw_fd(), fd) };
                    }
                }
                let fd = w.into_raw_fd();
                // SAFETY: clearing FD_CLOEXEC so the monitor inherits the ready pipe.
                unsafe { libc::fcntl(fd, libc::F_SETFD, 0) };
                // The store is handed down, as the CLI resolved it (--root, --runroot):
                // after the verb, so `ps` still reads `skiff monitor ID`.
                let mut cmd = std::process::Command::new(&exe);
                cmd.arg0("skiff")
                    .args(["monitor", id])
                    .args(paths.global_args())
                    .env(READY_FD, fd.to_string());
                if let Some(c) = client {
                    let c = c.into_raw_fd();
                    // SAFETY: clearing FD_CLOEXEC so the monitor inherits the client's socket.
                    unsafe { libc::fcntl(c, libc::F_SETFD, 0) };
                    cmd.env(CLIENT_FD, c.to_string());
                }
                let _ = cmd.exec();
            }
            // SAFETY: leaving the intermediate child without running the parent's destructors.
            unsafe { libc::_exit(0) }
        }
        ForkResult::Parent { child } => {
            drop(w);
            let _ = nix::sys::wait::waitpid(child, None);
            let mut msg = String::new();
            std::fs::File::from(r).read_to_string(&mut msg)?;
            if msg == "ok" {
                return Ok(());
            }
            let mut it = msg.strip_prefix("err ").unwrap_or(&msg).splitn(2, ' ');
            let code = it
                .next()
                .and_then(|c| c.parse().ok())
                .unwrap_or(crate::error::ENGINE);
            let text = it.next().unwrap_or("the container monitor failed to start");
            Err(coded(code, text.to_string()))
        }
    }
}
