//! The monitor of one detached container (podman's conmon): started by `run -d`/`start`, away
//! from the CLI (own session, stdio on /dev/null). It owns the container's stdout/stderr (or
//! pty) and writes them to the log, reaps the container, records its exit, applies `--rm` and
//! the restart policy, and runs health checks. One process, no threads, no async runtime.
pub mod attach;
pub mod log;

use crate::engine::container::record::{self, Record};
use crate::engine::container::{config, health, start};
use crate::runtime::{self, ChildFds, Launch};
use crate::store::Paths;
use anyhow::{Context, Result};
use log::LogWriter;
use nix::poll::{poll, PollFd, PollFlags, PollTimeout};
use nix::sys::signal::{SigSet, Signal};
use nix::sys::signalfd::SignalFd;
use nix::sys::wait::{waitpid, WaitPidFlag, WaitStatus};
use std::io::Write;
use std::os::fd::{AsFd, OwnedFd};
use std::time::{Duration, Instant};

/// The env var naming the descriptor on which the monitor reports the first start to the CLI:
/// `ok` once the command runs, or `err CODE MESSAGE`.
pub const READY_FD: &str = "SKIFF_MONITOR_READY_FD";

/// The file whose presence tells the monitor the user stopped the container (no restart).
pub fn stop_marker(paths: &Paths, id: &str) -> std::path::PathBuf {
    paths.run_container(id).join("stopped")
}

fn pipe() -> Result<(OwnedFd, OwnedFd)> {
    Ok(nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC)?)
}

/// Runs the monitor for container `id`; returns the process exit code.
pub fn main(paths: &Paths, id: &str, ready: Option<OwnedFd>) -> i32 {
    let mut ready = ready.map(std::fs::File::from);
    let res = supervise(paths, id, &mut ready);
    if let (Err(e), Some(r)) = (&res, ready.as_mut()) {
        let _ = write!(r, "err {} {e:#}", crate::error::exit_code(e));
    }
    i32::from(res.is_err())
}

struct Run {
    pid: nix::unistd::Pid,
    out: Vec<(usize, OwnedFd)>,
    /// Where attached clients' input goes: the stdin pipe (`-i`) or the terminal (`-t`).
    stdin: Option<OwnedFd>,
    /// The terminal, for resizes.
    tty: bool,
}

fn launch(parts: &start::Parts, net: &mut start::NetSlot) -> Result<Run> {
    let tty = parts
        .spec
        .process()
        .as_ref()
        .and_then(|p| p.terminal())
        .unwrap_or(false);
    let (out_r, out_w) = pipe()?;
    let (err_r, err_w) = pipe()?;
    let interactive = rec_interactive(parts);
    let (in_r, in_w) = match interactive && !tty {
        true => {
            let (r, w) = pipe()?;
            (Some(r), Some(w))
        }
        false => (None, None),
    };
    let mut l = Launch {
        spec: &parts.spec,
        rootfs: &parts.rootfs,
        stdin: false,
        seccomp: parts.bpf.as_ref(),
        after_clone: None,
        fds: Some(ChildFds {
            stdin: in_r,
            stdout: out_w,
            stderr: err_w,
        }),
    };
    let needed = net.needed();
    let mut hook = |pid: i32| net.attach(pid);
    if needed {
        l.after_clone = Some(&mut hook);
    }
    let child = runtime::spawn(&mut l)?;
    drop(l);
    let (out, stdin) = match child.master {
        Some(m) if tty => {
            let input = m.try_clone()?;
            (vec![(0, m)], Some(input))
        }
        _ => (vec![(0, out_r), (1, err_r)], in_w),
    };
    Ok(Run {
        pid: child.pid,
        out,
        stdin,
        tty,
    })
}

/// Whether the container keeps stdin open (`-i`): the spec's annotation set by create.
fn rec_interactive(parts: &start::Parts) -> bool {
    parts
        .spec
        .annotations()
        .as_ref()
        .and_then(|a| a.get(crate::engine::container::spec::STDIN_ANNOTATION))
        .is_some_and(|v| v == "true")
}

fn code_of(st: WaitStatus) -> Option<i32> {
    match st {
        WaitStatus::Exited(_, c) => Some(c),
        WaitStatus::Signaled(_, s, _) => Some(128 + s as i32),
        _ => None,
    }
}

fn supervise(paths: &Paths, id: &str, ready: &mut Option<std::fs::File>) -> Result<()> {
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
    mask.thread_block()?;
    let sfd = SignalFd::new(&mask)?;
    let mut rec = record::load(paths, id)?.with_context(|| format!("no such container: {id}"))?;
    let (policy, max) = config::restart_policy(&rec.options.restart)?;
    let mut logw = LogWriter::open(&paths.container(id).join("ctr.log"))?;
    let mut server = attach::Server::listen(&paths.run_container(id))?;
    let mut backoff = Duration::from_millis(100);
    loop {
        let _ = std::fs::remove_file(stop_marker(paths, id));
        let parts = match start::parts(paths, &mut rec, None) {
            Ok(p) => p,
            Err(e) => {
                start::mark_finished(paths, id, &Err(anyhow::anyhow!("{e:#}")))?;
                return Err(e);
            }
        };
        let mut net = start::NetSlot::new(paths, &rec);
        let mut run = match launch(&parts, &mut net) {
            Ok(r) => r,
            Err(e) => {
                start::mark_finished(paths, id, &Err(anyhow::anyhow!("{e:#}")))?;
                return Err(e);
            }
        };
        start::mark_started(paths, &mut rec, run.pid.as_raw())?;
        if let Some(mut r) = ready.take() {
            let _ = r.write_all(b"ok");
            shed_startup_memory();
        }
        let code = watch(paths, &mut rec, &mut run, &sfd, &mut logw, &mut server)?;
        server.broadcast(attach::EXIT, code.to_string().as_bytes());
        logw.flush();
        // The network helper ends with the container (restarts get a new one).
        drop(net);
        let stopped = stop_marker(paths, id).exists();
        let Some(r) = start::mark_finished(paths, id, &Ok(code))? else {
            return Ok(());
        };
        rec = r;
        let again = !stopped
            && match policy.as_str() {
                "always" | "unless-stopped" => true,
                "on-failure" => code != 0 && (max == 0 || rec.state.restart_count < max),
                _ => false,
            };
        if !again {
            return Ok(());
        }
        rec.state.restart_count += 1;
        record::save(paths, &rec)?;
        std::thread::sleep(backoff);
        backoff = (backoff * 2).min(Duration::from_secs(5));
    }
}

/// Copies the container's output to the log and to attached clients, passes their input on,
/// and runs health checks, until the container exits.
fn watch(
    paths: &Paths,
    rec: &mut Record,
    run: &mut Run,
    sfd: &SignalFd,
    logw: &mut LogWriter,
    server: &mut attach::Server,
) -> Result<i32> {
    let mut open: Vec<bool> = run.out.iter().map(|_| true).collect();
    let mut buf = vec![0u8; 64 * 1024];
    let mut exit: Option<i32> = None;
    let mut checks = health::Schedule::new(rec);
    loop {
        if exit.is_some() && !open.iter().any(|o| *o) {
            return Ok(exit.unwrap_or(0));
        }
        // Wake at least once a second to notice a container removed under us (an `rm -f` that
        // raced its start): then its process must not run on unsupervised.
        let wake = checks
            .next_in()
            .unwrap_or(Duration::from_secs(1))
            .min(Duration::from_secs(1));
        let timeout = match exit {
            Some(_) => PollTimeout::from(200u16),
            None => PollTimeout::try_from(wake).unwrap_or(PollTimeout::NONE),
        };
        if exit.is_none() && !paths.container(&rec.id).exists() {
            let _ = nix::sys::signal::kill(run.pid, Signal::SIGKILL);
        }
        let idx: Vec<usize> = (0..run.out.len()).filter(|i| open[*i]).collect();
        let nclients = server.client_count();
        let mut fds = vec![
            PollFd::new(sfd.as_fd(), PollFlags::POLLIN),
            PollFd::new(server.listener(), PollFlags::POLLIN),
        ];
        for i in &idx {
            fds.push(PollFd::new(run.out[*i].1.as_fd(), PollFlags::POLLIN));
        }
        fds.extend(server.clients().map(|c| PollFd::new(c, PollFlags::POLLIN)));
        let n = match poll(&mut fds, timeout) {
            Ok(n) => n,
            Err(nix::errno::Errno::EINTR) => continue,
            Err(e) => return Err(e.into()),
        };
        let ready: Vec<bool> = fds.iter().map(|f| f.any().unwrap_or(false)).collect();
        drop(fds);
        if n == 0 && exit.is_some() {
            // The container is gone but a process it left holds the pipe: stop reading.
            return Ok(exit.unwrap_or(0));
        }
        if ready[0] {
            if let Ok(Some(si)) = sfd.read_signal() {
                if si.ssi_signo == Signal::SIGCHLD as u32 {
                    if let Ok(st) = waitpid(run.pid, Some(WaitPidFlag::WNOHANG)) {
                        exit = exit.or(code_of(st));
                    }
                }
            }
        }
        for (k, i) in idx.iter().enumerate() {
            if !ready[k + 2] {
                continue;
            }
            let (stream, fd) = (&run.out[*i].0, &run.out[*i].1);
            match nix::unistd::read(fd, &mut buf) {
                Ok(0) | Err(_) => open[*i] = false,
                Ok(n) => {
                    logw.write(*stream, &buf[..n]);
                    server.broadcast(attach::STDOUT + *stream as u8, &buf[..n]);
                }
            }
        }
        // Clients in reverse, so removing a departed one keeps the others' indexes.
        for c in (0..nclients).rev() {
            if ready[2 + idx.len() + c] {
                input(run, server.read(c));
            }
        }
        if ready[1] {
            server.accept();
        }
        if exit.is_none() && checks.due(Instant::now()) {
            health::run_check(paths, rec)?;
            checks.done(Instant::now());
        }
    }
}

/// An attached client's input, to the container's stdin or terminal.
fn input(run: &mut Run, msg: Option<attach::Input>) {
    match msg {
        Some(attach::Input::Data(d)) => {
            if let Some(fd) = &run.stdin {
                let _ = nix::unistd::write(fd, &d);
            }
        }
        Some(attach::Input::Resize(rows, cols)) if run.tty => {
            if let Some(fd) = &run.stdin {
                let ws = libc::winsize {
                    ws_row: rows,
                    ws_col: cols,
                    ws_xpixel: 0,
                    ws_ypixel: 0,
                };
                // SAFETY: TIOCSWINSZ reads a valid winsize from our stack.
                unsafe { libc::ioctl(std::os::fd::AsRawFd::as_raw_fd(fd), libc::TIOCSWINSZ, &ws) };
            }
        }
        Some(attach::Input::Eof) if !run.tty => run.stdin = None,
        _ => {}
    }
}

/// The monitor lives as long as its container, but most of what start-up touched (argument
/// parsing, JSON, the spawn code, libseccomp) is never used again: give the heap's free pages
/// back, drop our mappings of file pages we never wrote (they stay in the page cache; the few
/// the loop needs fault back in), and drop the stack pages below where the loop runs. This is
/// what keeps a monitor's resident set small.
fn shed_startup_memory() {
    // SAFETY: malloc_trim only returns free heap memory to the kernel.
    unsafe { libc::malloc_trim(0) };
    let Ok(smaps) = std::fs::read_to_string("/proc/self/smaps") else {
        return;
    };
    let mut region: Option<(usize, usize, bool)> = None; // start, end, clean file mapping
    let here = &smaps as *const String as usize;
    for line in smaps.lines() {
        let mut f = line.split_whitespace();
        let first = f.next().unwrap_or_default();
        if let Some((a, b)) = first.split_once('-').filter(|_| !first.ends_with(':')) {
            let (Ok(a), Ok(b)) = (usize::from_str_radix(a, 16), usize::from_str_radix(b, 16))
            else {
                region = None;
                continue;
            };
            let perms = f.next().unwrap_or_default();
            let inode = f.nth(2).unwrap_or("0");
            let name = f.next().unwrap_or_default();
            if name == "[stack]" {
                // Below our own frame (with a margin for the loop's calls) nothing is in use.
                let low = (here.saturating_sub(256 * 1024)) & !4095;
                if low > a {
                    // SAFETY: the pages from the stack's start up to well below our frame hold
                    // no live data; they come back zeroed if a deeper call needs them.
                    unsafe { libc::madvise(a as *mut libc::c_void, low - a, libc::MADV_DONTNEED) };
                }
            }
            region = (inode != "0" && !perms.contains('w') && perms.ends_with('p'))
                .then_some((a, b, true));
            continue;
        }
        // "Anonymous: 0 kB" closes the check: no copied-on-write (relocated) page in it.
        if first == "Anonymous:" {
            if let Some((a, b, true)) = region.take() {
                if f.next() == Some("0") {
                    // SAFETY: a private file mapping with no anonymous pages holds only the
                    // file's own bytes: dropping them loses nothing; the next access reloads them.
                    unsafe { libc::madvise(a as *mut libc::c_void, b - a, libc::MADV_DONTNEED) };
                }
            }
        }
    }
}
