//! The parent side of a foreground container: spawn it, then proxy signals, and copy its output
//! (the terminal with `-t`, else its stdout and stderr pipes) to the caller's sink, until it
//! exits.
use super::{pty, Launch};
use anyhow::Result;
use nix::poll::{poll, PollFd, PollFlags, PollTimeout};
use nix::sys::signal::{kill, SigSet, Signal};
use nix::sys::signalfd::SignalFd;
use nix::sys::wait::{waitpid, WaitPidFlag, WaitStatus};
use nix::unistd::Pid;
use std::os::fd::{AsFd, OwnedFd};
use std::time::{Duration, Instant};

/// Signals forwarded to the container (Docker's sig-proxy), plus the two we handle ourselves.
const FORWARD: [Signal; 7] = [
    Signal::SIGINT,
    Signal::SIGTERM,
    Signal::SIGHUP,
    Signal::SIGQUIT,
    Signal::SIGUSR1,
    Signal::SIGUSR2,
    Signal::SIGALRM,
];

/// `mask` plus SIGPIPE: a supervisor blocks it too, so a closed stdout gives EPIPE and does not
/// end the supervision (the container's init resets its mask).
fn with_sigpipe(mut mask: SigSet) -> SigSet {
    mask.add(Signal::SIGPIPE);
    mask
}

/// Where a foreground container's output goes. `pipes` are the read ends of the stdout (0) and
/// stderr (1) pipes given to it as `Launch::fds` (none when its stdio is ours); with a terminal
/// the master is read as stream 0. `sink` gets every chunk (the CLI shows and logs it).
pub(crate) struct Output<'a> {
    pub(crate) pipes: Vec<(usize, OwnedFd)>,
    pub(crate) sink: &'a mut dyn FnMut(usize, &[u8]),
}

/// Our stdout, for output nobody else takes (exec). A closed stdout (EPIPE: SIGPIPE is
/// blocked while we supervise) drops the data and goes on.
pub(crate) fn to_stdout(_stream: usize, data: &[u8]) {
    let _ = write_fd(std::io::stdout().as_fd(), data);
}

/// Writes `data` to `fd` itself, not through std's stdout buffer: after an EPIPE, data left in
/// that buffer would be written again when the process exits, when SIGPIPE is no longer
/// blocked, and kill us (exit 141) instead of returning the container's exit code.
pub(crate) fn write_fd(fd: std::os::fd::BorrowedFd<'_>, mut data: &[u8]) -> nix::Result<()> {
    while !data.is_empty() {
        match nix::unistd::write(fd, data) {
            Ok(n) => data = &data[n..],
            Err(nix::errno::Errno::EINTR) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// Runs the container in the foreground and returns its exit code (128+n if killed by signal n).
/// `started` is called with the host pid once the command has been exec'd.
pub(crate) fn run(
    l: &mut Launch,
    started: &mut dyn FnMut(i32) -> Result<()>,
    out: Output,
) -> Result<i32> {
    let p = super::prepare(l)?;
    let mut mask = SigSet::empty();
    for s in FORWARD.iter().chain(&[Signal::SIGCHLD, Signal::SIGWINCH]) {
        mask.add(*s);
    }
    let old = with_sigpipe(mask).thread_swap_mask(nix::sys::signal::SigmaskHow::SIG_BLOCK)?;
    let res = run_blocked(l, &p, &mask, started, out);
    restore(old);
    res
}

/// Proxies signals (and the terminal) to an already started process until it exits; for
/// `exec`. Returns its exit code.
pub(crate) fn foreground(child: super::Spawned, stdin: bool) -> Result<i32> {
    let mut mask = SigSet::empty();
    for s in FORWARD.iter().chain(&[Signal::SIGCHLD, Signal::SIGWINCH]) {
        mask.add(*s);
    }
    let old = with_sigpipe(mask).thread_swap_mask(nix::sys::signal::SigmaskHow::SIG_BLOCK)?;
    let res = (|| {
        let _raw = child
            .master
            .as_ref()
            .filter(|_| stdin)
            .map(|_| pty::RawMode::enter());
        let proxy = Proxy {
            pid: child.pid,
            sfd: SignalFd::new(&mask)?,
            master: child.master,
            pipes: Vec::new(),
            sink: &mut to_stdout,
            stdin,
            deadline: None,
        };
        proxy.wait()
    })();
    restore(old);
    res
}

/// Restores the caller's signal mask, first taking a SIGPIPE our writes to a closed stdout left
/// pending: unblocked, it would kill us before we report the container's exit code.
fn restore(old: SigSet) {
    let mut pipe = SigSet::empty();
    pipe.add(Signal::SIGPIPE);
    if let Ok(sfd) = SignalFd::with_flags(&pipe, nix::sys::signalfd::SfdFlags::SFD_NONBLOCK) {
        while let Ok(Some(_)) = sfd.read_signal() {}
    }
    let _ = old.thread_set_mask();
}

fn run_blocked(
    l: &mut Launch,
    p: &super::Prepared,
    mask: &SigSet,
    started: &mut dyn FnMut(i32) -> Result<()>,
    out: Output,
) -> Result<i32> {
    let child = super::spawn::spawn_prepared(l, p)?;
    // Our copies of the write ends go, so the pipes end with the container.
    l.fds = None;
    let pid = child.pid;
    let _raw = child
        .master
        .as_ref()
        .filter(|_| p.stdin)
        .map(|_| pty::RawMode::enter());
    let sfd = SignalFd::new(mask)?;
    let proxy = Proxy {
        pid,
        sfd,
        master: child.master,
        pipes: out.pipes.into_iter().map(|(s, fd)| (s, fd, true)).collect(),
        sink: out.sink,
        stdin: p.stdin,
        deadline: p.timeout.map(|t| Instant::now() + t),
    };
    if let Err(e) = started(pid.as_raw()) {
        let _ = kill(pid, Signal::SIGKILL);
        let _ = waitpid(pid, None);
        return Err(e);
    }
    proxy.wait()
}

struct Proxy<'a> {
    pid: Pid,
    sfd: SignalFd,
    master: Option<OwnedFd>,
    /// The container's stdout/stderr pipes: `(stream, fd, still open)`.
    pipes: Vec<(usize, OwnedFd, bool)>,
    sink: &'a mut dyn FnMut(usize, &[u8]),
    stdin: bool,
    /// `--timeout`: when the container is killed.
    deadline: Option<Instant>,
}

/// The exit code of a container killed for its `--timeout` (podman's: `run` exits 255).
pub(crate) const TIMED_OUT: i32 = -1;

/// A wait status as an exit code: the code, or 128 + the signal that ended the process.
pub(crate) fn code_of(st: WaitStatus) -> Option<i32> {
    match st {
        WaitStatus::Exited(_, c) => Some(c),
        WaitStatus::Signaled(_, s, _) => Some(128 + s as i32),
        _ => None,
    }
}

impl Proxy<'_> {
    /// Handles one signal; returns the exit code once the container is gone.
    fn on_signal(&self, signo: u32) -> Option<i32> {
        let sig = Signal::try_from(signo as i32).ok()?;
        match sig {
            Signal::SIGCHLD => code_of(waitpid(self.pid, Some(WaitPidFlag::WNOHANG)).ok()?),
            Signal::SIGWINCH => {
                if let Some(m) = &self.master {
                    pty::copy_winsize(m);
                }
                None
            }
            s => {
                let _ = kill(self.pid, s);
                None
            }
        }
    }

    fn wait(mut self) -> Result<i32> {
        // An exit before our signalfd existed sent a SIGCHLD nobody saw: look once.
        if let Some(code) = waitpid(self.pid, Some(WaitPidFlag::WNOHANG))
            .ok()
            .and_then(code_of)
        {
            self.drain();
            return Ok(code);
        }
        let mut stdin_open = self.stdin && self.master.is_some();
        let mut master_open = self.master.is_some();
        let mut buf = vec![0u8; 32 * 1024];
        let mut timed_out = false;
        loop {
            let wait = match self.deadline {
                Some(d) if d <= Instant::now() => {
                    // Its pid namespace ends with its init.
                    let _ = kill(self.pid, Signal::SIGKILL);
                    (self.deadline, timed_out) = (None, true);
                    PollTimeout::NONE
                }
                Some(d) => PollTimeout::try_from(d - Instant::now() + Duration::from_millis(1))
                    .unwrap_or(PollTimeout::MAX),
                None => PollTimeout::NONE,
            };
            let stdin = std::io::stdin();
            let mut fds = vec![PollFd::new(self.sfd.as_fd(), PollFlags::POLLIN)];
            if let (Some(m), true) = (&self.master, master_open) {
                fds.push(PollFd::new(m.as_fd(), PollFlags::POLLIN));
            }
            let open: Vec<usize> = (0..self.pipes.len()).filter(|i| self.pipes[*i].2).collect();
            for i in &open {
                fds.push(PollFd::new(self.pipes[*i].1.as_fd(), PollFlags::POLLIN));
            }
            if stdin_open {
                fds.push(PollFd::new(stdin.as_fd(), PollFlags::POLLIN));
            }
            match poll(&mut fds, wait) {
                Ok(_) => {}
                Err(nix::errno::Errno::EINTR) => continue,
                Err(e) => return Err(e.into()),
            }
            let ready: Vec<bool> = fds.iter().map(|f| f.any().unwrap_or(false)).collect();
            drop(fds);
            if ready[0] {
                if let Ok(Some(si)) = self.sfd.read_signal() {
                    if let Some(code) = self.on_signal(si.ssi_signo) {
                        self.drain();
                        return Ok(if timed_out { TIMED_OUT } else { code });
                    }
                }
            }
            let mut i = 1;
            if master_open {
                if ready[i] && !self.pump_out(&mut buf) {
                    master_open = false;
                }
                i += 1;
            }
            for k in open {
                if ready[i] && !self.pump_pipe(k, &mut buf) {
                    self.pipes[k].2 = false;
                }
                i += 1;
            }
            if stdin_open && ready[i] && !self.pump_in(&mut buf) {
                stdin_open = false;
            }
        }
    }

    /// Container terminal → the sink. False when the terminal is closed.
    fn pump_out(&mut self, buf: &mut [u8]) -> bool {
        let Some(m) = &self.master else { return false };
        match nix::unistd::read(m, buf) {
            Ok(0) | Err(_) => false,
            Ok(n) => {
                (self.sink)(0, &buf[..n]);
                true
            }
        }
    }

    /// Container pipe `k` → the sink. False at its end (or, draining, when it is empty).
    fn pump_pipe(&mut self, k: usize, buf: &mut [u8]) -> bool {
        let (stream, fd, _) = &self.pipes[k];
        match nix::unistd::read(fd, buf) {
            Ok(0) | Err(_) => false,
            Ok(n) => {
                (self.sink)(*stream, &buf[..n]);
                true
            }
        }
    }

    /// Our stdin → container terminal. False at end of input.
    fn pump_in(&self, buf: &mut [u8]) -> bool {
        let Some(m) = &self.master else { return false };
        match nix::unistd::read(std::io::stdin().as_fd(), buf) {
            Ok(0) | Err(_) => false,
            Ok(n) => nix::unistd::write(m, &buf[..n]).is_ok(),
        }
    }

    /// Copies what the container printed before it exited: without blocking, so a process it
    /// left behind (in a pid namespace it joined) holding a pipe cannot keep us here.
    fn drain(&mut self) {
        let nonblock = |fd: &OwnedFd| {
            let _ = nix::fcntl::fcntl(
                fd,
                nix::fcntl::FcntlArg::F_SETFL(nix::fcntl::OFlag::O_NONBLOCK),
            );
        };
        let mut buf = vec![0u8; 32 * 1024];
        for k in 0..self.pipes.len() {
            nonblock(&self.pipes[k].1);
            while self.pipes[k].2 && self.pump_pipe(k, &mut buf) {}
        }
        if let Some(m) = &self.master {
            nonblock(m);
            while self.pump_out(&mut buf) {}
        }
    }
}
