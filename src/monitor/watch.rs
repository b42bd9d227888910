//! The monitor's steady state, run by its own small binary `skiff-monitor` (what conmon is to
//! podman). `skiff monitor` starts the container, then execs this with the container's
//! descriptors; the container stays our child across the exec. Here we copy its output to the
//! log and to attached clients, pass their input on, start health checks (as `skiff healthcheck
//! run`) and reap it. At its exit we exec `skiff monitor ID --exited CODE` back, which records
//! the exit and applies `--rm` and the restart policy. Nothing here parses JSON or touches the
//! store, and the binary links little else: a monitor's resident memory is this loop.
use super::attach::{self, Server};
use super::log::{LogWriter, Rotation};
use crate::runtime::code_of;
use anyhow::{bail, Context, Result};
use nix::poll::{poll, PollFd, PollFlags, PollTimeout};
use nix::sys::signal::{kill, SigSet, Signal};
use nix::sys::signalfd::{SfdFlags, SignalFd};
use nix::sys::wait::{waitpid, WaitPidFlag};
use nix::unistd::Pid;
use std::ffi::{CString, OsStr, OsString};
use std::os::fd::{AsFd, AsRawFd, FromRawFd, OwnedFd, RawFd};
use std::os::unix::ffi::OsStrExt;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// The file name of the small binary, installed next to `skiff`.
pub(crate) const BINARY: &str = "skiff-monitor";

/// The signals the monitor takes through its signalfd (blocked from before the container
/// starts, so none is lost between the start and the loop).
pub(crate) fn signals() -> SigSet {
    let mut mask = SigSet::empty();
    for s in [
        Signal::SIGCHLD,
        Signal::SIGTERM,
        Signal::SIGINT,
        Signal::SIGHUP,
        Signal::SIGPIPE,
    ] {
        mask.add(s);
    }
    mask
}

/// What `skiff monitor` hands to the loop, as command-line arguments across the exec.
/// Descriptors are passed by number (inherited, not close-on-exec).
#[derive(Debug, Default, PartialEq)]
pub(crate) struct Handoff {
    pub(crate) id: String,
    /// The container's process.
    pub(crate) pid: i32,
    /// Output to copy: `(stream, fd)`, stream 0 = stdout, 1 = stderr (a terminal is stdout).
    pub(crate) out: Vec<(usize, RawFd)>,
    /// Where clients' input goes: the stdin pipe (`-i`) or the terminal (`-t`).
    pub(crate) stdin: Option<RawFd>,
    pub(crate) tty: bool,
    /// The attach socket, listening.
    pub(crate) listener: RawFd,
    /// The log file (None: `--log-driver none`), and its rotation.
    pub(crate) log: Option<PathBuf>,
    pub(crate) rotation: Rotation,
    /// The container's store directory: if it goes (an `rm -f` that raced the start), the
    /// container must not run on unsupervised.
    pub(crate) dir: PathBuf,
    /// The network helper (pasta, slirp4netns): our child, reaped if it exits early. The exec
    /// back ends it with the rest of what the start acquired (teardown.json).
    pub(crate) helper: Option<i32>,
    /// Descriptors held open for the container's lifetime (slirp4netns' exit fd).
    pub(crate) keep: Vec<RawFd>,
    /// The health check interval in milliseconds (0: none).
    pub(crate) health_ms: u64,
    /// `--timeout` in seconds (0: none): the container is killed that long after its start.
    pub(crate) timeout_s: u64,
    /// The `skiff` binary, for health checks and for the exec back.
    pub(crate) skiff: PathBuf,
    /// The global flags those skiff commands get (after the verb): the store the monitor serves.
    pub(crate) skiff_args: Vec<OsString>,
    /// An attach client connected before the start (`run -it`), served from the first output.
    pub(crate) client: Option<RawFd>,
}

impl Handoff {
    fn interval(&self) -> Duration {
        Duration::from_millis(self.health_ms)
    }

    pub(crate) fn to_args(&self) -> Vec<OsString> {
        let mut a: Vec<OsString> = Vec::new();
        let mut put = |k: &str, v: OsString| {
            a.push(k.into());
            a.push(v);
        };
        put("--id", self.id.clone().into());
        put("--pid", self.pid.to_string().into());
        for (s, fd) in &self.out {
            put("--out", format!("{s}:{fd}").into());
        }
        if let Some(fd) = self.stdin {
            put("--stdin", fd.to_string().into());
        }
        put("--tty", u8::from(self.tty).to_string().into());
        put("--listener", self.listener.to_string().into());
        if let Some(log) = &self.log {
            put("--log", log.clone().into());
        }
        if self.rotation.max_size > 0 {
            put("--log-max-size", self.rotation.max_size.to_string().into());
            put("--log-files", self.rotation.files.to_string().into());
        }
        put("--dir", self.dir.clone().into());
        if let Some(p) = self.helper {
            put("--helper", p.to_string().into());
        }
        for fd in &self.keep {
            put("--keep", fd.to_string().into());
        }
        put("--health-ms", self.health_ms.to_string().into());
        if self.timeout_s > 0 {
            put("--timeout-s", self.timeout_s.to_string().into());
        }
        put("--skiff", self.skiff.clone().into());
        for g in &self.skiff_args {
            put("--skiff-arg", g.clone());
        }
        if let Some(fd) = self.client {
            put("--client", fd.to_string().into());
        }
        a
    }

    pub(crate) fn parse(args: &[OsString]) -> Result<Handoff> {
        fn num<T: std::str::FromStr>(v: &OsStr) -> Result<T> {
            v.to_str()
                .and_then(|s| s.parse().ok())
                .with_context(|| format!("bad number {v:?}"))
        }
        let mut h = Handoff::default();
        for kv in args.chunks(2) {
            let [k, v] = kv else {
                bail!("odd argument list")
            };
            match k.to_str().unwrap_or_default() {
                "--id" => h.id = v.to_string_lossy().into_owned(),
                "--pid" => h.pid = num(v)?,
                "--out" => {
                    let (s, fd) = v
                        .to_str()
                        .and_then(|s| s.split_once(':'))
                        .context("--out")?;
                    h.out.push((num(s.as_ref())?, num(fd.as_ref())?));
                }
                "--stdin" => h.stdin = Some(num(v)?),
                "--tty" => h.tty = v == "1",
                "--listener" => h.listener = num(v)?,
                "--log" => h.log = Some(v.into()),
                "--log-max-size" => h.rotation.max_size = num(v)?,
                "--log-files" => h.rotation.files = num(v)?,
                "--dir" => h.dir = v.into(),
                "--helper" => h.helper = Some(num(v)?),
                "--keep" => h.keep.push(num(v)?),
                "--health-ms" => h.health_ms = num(v)?,
                "--timeout-s" => h.timeout_s = num(v)?,
                "--skiff" => h.skiff = v.into(),
                "--skiff-arg" => h.skiff_args.push(v.into()),
                "--client" => h.client = Some(num(v)?),
                other => bail!("unknown argument {other}"),
            }
        }
        if h.pid <= 0 || h.id.is_empty() {
            bail!("no container given");
        }
        Ok(h)
    }
}

/// Execs `bin` with `args`, keeping the signal mask (signals stay blocked and pending across
/// it) and the descriptors that are not close-on-exec. Returns only on failure.
pub(crate) fn exec(bin: &std::path::Path, arg0: &str, args: &[OsString]) -> Result<()> {
    let c = |s: &[u8]| CString::new(s).context("argument with a NUL byte");
    let mut argv = vec![c(arg0.as_bytes())?];
    for a in args {
        argv.push(c(a.as_bytes())?);
    }
    let path = c(bin.as_os_str().as_bytes())?;
    let e = nix::unistd::execv(&path, &argv).unwrap_err();
    bail!("cannot run {}: {e}", bin.display())
}

/// Takes ownership of an inherited descriptor and makes it close-on-exec, so health checks
/// and the exec back do not inherit it.
fn adopt(fd: RawFd) -> Result<OwnedFd> {
    // SAFETY: our parent passed `fd` open for us alone; nothing else in this process owns it.
    let fd = unsafe { OwnedFd::from_raw_fd(fd) };
    nix::fcntl::fcntl(
        &fd,
        nix::fcntl::FcntlArg::F_SETFD(nix::fcntl::FdFlag::FD_CLOEXEC),
    )
    .context("bad descriptor")?;
    Ok(fd)
}

struct Watch {
    h: Handoff,
    pid: Pid,
    /// `(stream, fd, still open)`.
    out: Vec<(usize, OwnedFd, bool)>,
    stdin: Option<OwnedFd>,
    server: Server,
    log: Option<LogWriter>,
    sfd: SignalFd,
    exit: Option<i32>,
    /// A running health check, and when the next one is due.
    checking: Option<Pid>,
    next_check: Option<Instant>,
    /// `--timeout`: when the container is killed, and whether it was.
    deadline: Option<Instant>,
    timed_out: bool,
    _keep: Vec<OwnedFd>,
}

/// `skiff-monitor`'s main: watch the container, then exec `skiff monitor ID --exited CODE`.
pub fn main() -> i32 {
    let args: Vec<OsString> = std::env::args_os().skip(1).collect();
    let Ok(h) = Handoff::parse(&args) else {
        return crate::error::ENGINE;
    };
    let pid = h.pid;
    let mut w = match Watch::new(h) {
        Ok(w) => w,
        Err(_) => {
            // We cannot supervise it: it must not run on unsupervised.
            let _ = kill(Pid::from_raw(pid), Signal::SIGKILL);
            return crate::error::ENGINE;
        }
    };
    let code = w.run().unwrap_or_else(|_| {
        let _ = kill(w.pid, Signal::SIGKILL);
        let _ = waitpid(w.pid, None);
        128 + Signal::SIGKILL as i32
    });
    w.finish(code);
    1
}

impl Watch {
    fn new(h: Handoff) -> Result<Watch> {
        let mask = signals();
        mask.thread_block()?;
        let sfd = SignalFd::with_flags(&mask, SfdFlags::SFD_NONBLOCK | SfdFlags::SFD_CLOEXEC)?;
        let mut out = Vec::new();
        for (s, fd) in &h.out {
            out.push((*s, adopt(*fd)?, true));
        }
        let stdin = h.stdin.map(adopt).transpose()?;
        let mut server = Server::new(adopt(h.listener)?);
        if let Some(fd) = h.client {
            server.add(adopt(fd)?);
        }
        let keep = h.keep.iter().map(|fd| adopt(*fd)).collect::<Result<_>>()?;
        let log = h
            .log
            .as_deref()
            .map(|p| LogWriter::open(p, h.rotation))
            .transpose()?;
        let next_check = (h.health_ms > 0).then(|| Instant::now() + h.interval());
        let deadline = (h.timeout_s > 0).then(|| Instant::now() + Duration::from_secs(h.timeout_s));
        Ok(Watch {
            pid: Pid::from_raw(h.pid),
            h,
            out,
            stdin,
            server,
            log,
            sfd,
            exit: None,
            checking: None,
            next_check,
            deadline,
            timed_out: false,
            _keep: keep,
        })
    }

    /// Until the container exits and its output is drained: returns its exit code.
    fn run(&mut self) -> Result<i32> {
        // It may have exited before the exec (its SIGCHLD then went to the old image).
        self.reap();
        let mut buf = vec![0u8; 32 * 1024];
        super::memory::shed_startup_memory();
        loop {
            let open: Vec<usize> = (0..self.out.len()).filter(|i| self.out[*i].2).collect();
            if let (Some(code), true) = (self.exit, open.is_empty()) {
                return Ok(self.code(code));
            }
            if self.exit.is_none() && !self.h.dir.exists() {
                let _ = kill(self.pid, Signal::SIGKILL);
            }
            if self.exit.is_none() && self.deadline.is_some_and(|d| Instant::now() >= d) {
                let _ = kill(self.pid, Signal::SIGKILL);
                (self.deadline, self.timed_out) = (None, true);
            }
            // Wake at least once a second to notice the container's removal.
            let wake = self
                .next_check
                .filter(|_| self.checking.is_none())
                .map(|t| t.saturating_duration_since(Instant::now()))
                .unwrap_or(Duration::from_secs(1))
                .min(Duration::from_secs(1))
                .min(self.deadline.map_or(Duration::MAX, |d| {
                    d.saturating_duration_since(Instant::now()) + Duration::from_millis(1)
                }));
            let timeout = match self.exit {
                Some(_) => PollTimeout::from(200u16),
                None => PollTimeout::try_from(wake).unwrap_or(PollTimeout::NONE),
            };
            // A client that has fallen `BACKLOG` behind holds the container's output back.
            let held = self.server.held_back();
            let reading: &[usize] = if held { &[] } else { &open };
            let nclients = self.server.client_count();
            let mut fds = vec![
                PollFd::new(self.sfd.as_fd(), PollFlags::POLLIN),
                PollFd::new(self.server.listener(), PollFlags::POLLIN),
            ];
            for i in reading {
                fds.push(PollFd::new(self.out[*i].1.as_fd(), PollFlags::POLLIN));
            }
            fds.extend(self.server.poll_fds());
            let n = match poll(&mut fds, timeout) {
                Ok(n) => n,
                Err(nix::errno::Errno::EINTR) => continue,
                Err(e) => return Err(e.into()),
            };
            let ready: Vec<bool> = fds.iter().map(|f| f.any().unwrap_or(false)).collect();
            drop(fds);
            if let (0, Some(code), false) = (n, self.exit, held) {
                // The container is gone but a process it left holds the pipe: stop reading.
                return Ok(self.code(code));
            }
            if ready[0] {
                while let Ok(Some(_)) = self.sfd.read_signal() {}
                self.reap();
            }
            for (k, i) in reading.iter().enumerate() {
                if ready[k + 2] {
                    self.copy(*i, &mut buf);
                }
            }
            // Clients leave only at the sweep: until then, the indexes of this poll hold.
            for c in 0..nclients {
                if ready[2 + reading.len() + c] {
                    for msg in self.server.serve(c) {
                        self.input(msg);
                    }
                }
            }
            self.server.sweep();
            if ready[1] {
                self.server.accept();
            }
            self.health();
        }
    }

    /// The exit code to record: podman's -1 for a container its `--timeout` ended.
    fn code(&self, code: i32) -> i32 {
        if self.timed_out {
            -1
        } else {
            code
        }
    }

    /// Copies what output stream `i` has to the log and the clients.
    fn copy(&mut self, i: usize, buf: &mut [u8]) {
        let (stream, fd, open) = &mut self.out[i];
        match nix::unistd::read(&*fd, buf) {
            Ok(0) | Err(_) => *open = false,
            Ok(n) => {
                if let Some(log) = &mut self.log {
                    log.write(*stream, &buf[..n]);
                }
                self.server
                    .broadcast(attach::STDOUT + *stream as u8, &buf[..n]);
            }
        }
    }

    /// Reaps what ended: the container (its exit code), a health check, the network helper.
    fn reap(&mut self) {
        while let Ok(st) = waitpid(None, Some(WaitPidFlag::WNOHANG)) {
            let Some(pid) = st.pid() else { break };
            if pid == self.pid {
                self.exit = self.exit.or(code_of(st));
            } else if Some(pid) == self.checking {
                self.checking = None;
                self.next_check = Some(Instant::now() + self.h.interval());
            } else if Some(pid.as_raw()) == self.h.helper {
                self.h.helper = None;
            }
        }
    }

    /// Starts a due health check: `skiff healthcheck run ID` runs it in the container and
    /// records the result, exactly as the user's own call would.
    fn health(&mut self) {
        let due = self.next_check.is_some_and(|t| Instant::now() >= t);
        if self.exit.is_some() || self.checking.is_some() || !due {
            return;
        }
        let null = std::process::Stdio::null;
        let child = std::process::Command::new(&self.h.skiff)
            .args(["healthcheck", "run", &self.h.id])
            .args(&self.h.skiff_args)
            .stdin(null())
            .stdout(null())
            .stderr(null())
            .spawn();
        match child {
            Ok(c) => self.checking = Some(Pid::from_raw(c.id() as i32)),
            Err(_) => self.next_check = Some(Instant::now() + self.h.interval()),
        }
    }

    /// An attached client's input, to the container's stdin or terminal.
    fn input(&mut self, msg: attach::Input) {
        match msg {
            attach::Input::Data(d) => {
                if let Some(fd) = &self.stdin {
                    let _ = nix::unistd::write(fd, &d);
                }
            }
            attach::Input::Resize(rows, cols) if self.h.tty => {
                if let Some(fd) = &self.stdin {
                    let ws = libc::winsize {
                        ws_row: rows,
                        ws_col: cols,
                        ws_xpixel: 0,
                        ws_ypixel: 0,
                    };
                    // SAFETY: TIOCSWINSZ reads a valid winsize from our stack.
                    unsafe { libc::ioctl(fd.as_raw_fd(), libc::TIOCSWINSZ, &ws) };
                }
            }
            attach::Input::Eof if !self.h.tty => self.stdin = None,
            _ => {}
        }
    }

    /// Tells clients the exit code, ends a running check, and execs `skiff monitor ID --exited
    /// CODE` to record the exit and release what the start acquired (the network helper).
    /// Returns only if that exec failed.
    fn finish(&mut self, code: i32) {
        self.server
            .broadcast(attach::EXIT, code.to_string().as_bytes());
        if let Some(log) = &mut self.log {
            log.flush();
        }
        // The exec closes the clients' sockets: a slow one gets what waits for it first.
        self.server.drain(Duration::from_secs(5));
        if let Some(pid) = self.checking {
            let _ = kill(pid, Signal::SIGKILL);
            let _ = waitpid(pid, None);
        }
        let mut args: Vec<OsString> = ["monitor", &self.h.id, &format!("--exited={code}")]
            .map(OsString::from)
            .to_vec();
        args.extend(self.h.skiff_args.iter().cloned());
        let _ = exec(&self.h.skiff, "skiff", &args);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn handoff_round_trips_through_arguments() {
        let h = Handoff {
            id: "abc".into(),
            pid: 42,
            out: vec![(0, 5), (1, 6)],
            stdin: Some(7),
            tty: false,
            listener: 8,
            log: Some("/s/ctr.log".into()),
            rotation: Rotation {
                max_size: 10240,
                files: 2,
            },
            dir: "/s/dir with space".into(),
            helper: Some(99),
            keep: vec![9],
            health_ms: 1500,
            timeout_s: 7,
            skiff: "/usr/bin/skiff".into(),
            skiff_args: vec!["--root".into(), "/s t/r".into()],
            client: Some(10),
        };
        assert_eq!(Handoff::parse(&h.to_args()).unwrap(), h);
        assert!(Handoff::parse(&["--pid".into()]).is_err());
        assert!(Handoff::parse(&["--bogus".into(), "1".into()]).is_err());
    }
}
