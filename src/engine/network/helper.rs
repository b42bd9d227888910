//! A network helper process (pasta, slirp4netns) bound to one container: started with the
//! container's netns and a readiness pipe as inherited descriptors, killed with the parent (or
//! when its handle drops), its stderr kept in an unlinked file for the error message.
use anyhow::{bail, Context, Result};
use nix::poll::{poll, PollFd, PollFlags, PollTimeout};
use std::fs::File;
use std::io::{Read, Seek};
use std::os::fd::{AsFd, AsRawFd, OwnedFd, RawFd};
use std::os::unix::fs::OpenOptionsExt;
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// How long a helper may take to configure the namespace before the start is abandoned.
const READY_TIMEOUT: Duration = Duration::from_secs(10);

pub(crate) struct Helper {
    pub(crate) name: &'static str,
    child: Child,
    log: File,
    /// Held open: slirp4netns exits when it closes (`--exit-fd`).
    exit: Option<OwnedFd>,
    /// Handed over to another owner (`release`): dropping the handle must not kill it.
    released: bool,
}

/// Descriptors the helper inherits: `(ours, number in the helper)`.
pub(crate) type Inherit<'a> = &'a [(RawFd, RawFd)];

/// Records a helper that outlives its parent (`kind`, pid) in teardown.json, as soon as it
/// exists; the helper is killed if that fails.
pub(crate) type Record<'a> = &'a mut dyn FnMut(&'static str, i32) -> Result<()>;

/// Spawns `cmd`; `fds` are placed at the given numbers in the helper. Nothing else is inherited
/// (everything of ours is close-on-exec). Without `record` the helper dies with us (a
/// foreground run, whose container does too); with it, it outlives us (a monitor's container
/// outlives a killed monitor) and whoever sees the container's exit ends it.
pub(crate) fn spawn(
    name: &'static str,
    mut cmd: Command,
    fds: Inherit,
    run_dir: &Path,
    exit: Option<OwnedFd>,
    record: Option<Record>,
) -> Result<Helper> {
    let log = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .mode(0o600)
        .custom_flags(libc::O_TMPFILE)
        .open(run_dir)
        .with_context(|| {
            format!(
                "cannot create a log file for {name} in {}",
                run_dir.display()
            )
        })?;
    let fds: Vec<(RawFd, RawFd)> = fds.to_vec();
    cmd.stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(log.try_clone()?);
    let parent = nix::unistd::getpid().as_raw();
    let tied = record.is_none();
    // SAFETY: the closure runs in the forked child before exec and only makes async-signal-safe
    // calls (prctl, getppid, fcntl, dup2) on descriptors this process owns.
    unsafe {
        cmd.pre_exec(move || {
            // A tied helper must not outlive us: a killed CLI takes it along.
            if tied
                && (libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL) != 0
                    || libc::getppid() != parent)
            {
                return Err(std::io::Error::other("parent gone"));
            }
            // Move every source out of the way first, so a target number cannot clobber a
            // source that happens to have that number.
            let mut high = Vec::with_capacity(fds.len());
            for (src, _) in &fds {
                let h = libc::fcntl(*src, libc::F_DUPFD_CLOEXEC, 100);
                if h < 0 {
                    return Err(std::io::Error::last_os_error());
                }
                high.push(h);
            }
            for (h, (_, dst)) in high.iter().zip(&fds) {
                if libc::dup2(*h, *dst) < 0 {
                    return Err(std::io::Error::last_os_error());
                }
            }
            Ok(())
        });
    }
    let child = cmd
        .spawn()
        .with_context(|| format!("cannot start {name}: install it, or choose another --network"))?;
    let h = Helper {
        name,
        child,
        log,
        exit,
        released: false,
    };
    if let Some(record) = record {
        // Dropping `h` on an error kills the helper: an untied one exists only once recorded.
        record(name, h.pid())?;
    }
    Ok(h)
}

impl Helper {
    pub(crate) fn pid(&self) -> i32 {
        self.child.id() as i32
    }

    /// What the helper printed, without pasta's syslog noise, on one line.
    pub(crate) fn log_text(&mut self) -> String {
        let mut s = String::new();
        let _ = self.log.rewind();
        let _ = self.log.read_to_string(&mut s);
        s.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.contains("to syslog"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    /// Waits until `ready` has data (the helper finished its setup). EOF there, the helper's
    /// exit, or the timeout is an error carrying the helper's own message.
    pub(crate) fn wait_ready(&mut self, ready: &OwnedFd) -> Result<Vec<u8>> {
        let name = self.name;
        let deadline = Instant::now() + READY_TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                bail!(
                    "{} did not set up the container's network within {}s: {}",
                    name,
                    READY_TIMEOUT.as_secs(),
                    self.log_text()
                );
            }
            // Short slices: a helper that dies keeps the pipe open in no one, but slirp4netns'
            // children might; its exit status is the other way to notice.
            let ms = left.as_millis().min(100) as u16;
            let mut fds = [PollFd::new(ready.as_fd(), PollFlags::POLLIN)];
            match poll(&mut fds, PollTimeout::from(ms)) {
                Ok(0) | Err(nix::errno::Errno::EINTR) => {}
                Ok(_) => {
                    let mut buf = [0u8; 64];
                    let n = nix::unistd::read(ready, &mut buf).unwrap_or(0);
                    if n > 0 {
                        return Ok(buf[..n].to_vec());
                    }
                    let _ = self.child.wait();
                    bail!(
                        "{} failed to set up the container's network: {}",
                        name,
                        self.failure()
                    );
                }
                Err(e) => return Err(e.into()),
            }
            if let Ok(Some(st)) = self.child.try_wait() {
                bail!(
                    "{} failed to set up the container's network ({st}): {}",
                    name,
                    self.failure()
                );
            }
        }
    }

    fn failure(&mut self) -> String {
        let t = self.log_text();
        if t.is_empty() {
            "it printed nothing".into()
        } else {
            t
        }
    }

    /// Stops the helper (it has no state worth a graceful exit). It is not reaped here: pasta
    /// takes tens of milliseconds to exit (it frees ~30 MiB and hundreds of sockets), which the
    /// CLI need not wait for; a dying helper's host ports are waited for by `ports::allocate`,
    /// and a long-lived parent (the monitor) reaps its children anyway.
    pub(crate) fn stop(&mut self) {
        let _ = self.child.kill();
    }

    /// Hands the helper over to whoever gets its pid and exit descriptor (the monitor's loop,
    /// across an exec): it keeps running when this handle drops.
    pub(crate) fn release(mut self) -> (i32, Option<OwnedFd>) {
        self.released = true;
        (self.pid(), self.exit.take())
    }
}

impl Drop for Helper {
    fn drop(&mut self) {
        if !self.released {
            self.stop();
        }
    }
}

/// A pipe whose both ends are close-on-exec (the helper gets its end through `Inherit`).
pub(crate) fn pipe() -> Result<(OwnedFd, OwnedFd)> {
    Ok(nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC)?)
}

pub(crate) fn raw(f: &impl AsRawFd) -> RawFd {
    f.as_raw_fd()
}
