//! The rootless network namespace's holder: a process that made the namespace (owned by skiff's
//! user namespace, which the caller has joined) and does nothing but keep it alive, named
//! `skiff-netns` so `ps` says what it is. It brings `lo` up and turns on IPv4 (and IPv6)
//! forwarding before it reports ready: the bridges of user networks route through it. It also
//! starts `skiff-dns` there and restarts it whenever it dies (`dns_keeper`).
use super::dns_keeper::{self, Launch};
use crate::runtime::proc::{self, Identity};
use anyhow::{bail, Context, Result};
use nix::unistd::ForkResult;
use std::fs::File;
use std::io::Read;
use std::os::fd::AsRawFd;

/// The holder's process name.
pub(crate) const NAME: &std::ffi::CStr = c"skiff-netns";

/// Starts a holder (double fork, new session, nothing inherited): returns its pid once its
/// namespace is set up, and with `dns`, the pid of the `skiff-dns` it started there and keeps
/// running (`dns_keeper`; its first start's stderr goes to `log`). The caller must be
/// single-threaded and inside skiff's user namespace.
pub(crate) fn spawn(dns: Option<&Launch>, log: Option<&File>) -> Result<(i32, Option<i32>)> {
    let (rd, wr) = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC)?;
    match proc::fork()? {
        ForkResult::Child => {
            drop(rd);
            let _ = nix::unistd::setsid();
            if let Ok(ForkResult::Parent { .. }) = proc::fork() {
                // SAFETY: _exit skips the parent's atexit handlers and buffers.
                unsafe { libc::_exit(0) };
            }
            let (msg, server) = match setup() {
                Ok(()) => {
                    let server = dns.map(|l| dns_keeper::start(l, log));
                    (nix::unistd::getpid().as_raw(), server)
                }
                Err(e) => (-e, None),
            };
            let dns_pid = match server {
                None => 0,
                Some(None) => -1,
                Some(Some(id)) => id.pid,
            };
            let mut buf = [0u8; 8];
            buf[..4].copy_from_slice(&msg.to_le_bytes());
            buf[4..].copy_from_slice(&dns_pid.to_le_bytes());
            let _ = nix::unistd::write(&wr, &buf);
            drop(wr);
            if msg < 0 || dns_pid < 0 {
                // SAFETY: as above.
                unsafe { libc::_exit(1) };
            }
            hold(dns.zip(server.flatten()))
        }
        ForkResult::Parent { child } => {
            drop(wr);
            let _ = nix::sys::wait::waitpid(child, None);
            let mut buf = [0u8; 8];
            std::fs::File::from(rd)
                .read_exact(&mut buf)
                .context("the rootless network namespace holder did not start")?;
            let pid = i32::from_le_bytes(buf[..4].try_into().expect("4 bytes"));
            let dns_pid = i32::from_le_bytes(buf[4..].try_into().expect("4 bytes"));
            if pid < 0 {
                let e = std::io::Error::from_raw_os_error(-pid);
                bail!("cannot create the rootless network namespace: {e}");
            }
            if dns_pid < 0 {
                bail!(
                    "skiff-dns did not start serving names in the rootless network namespace: {}",
                    log.map(super::rootless::read_log).unwrap_or_default()
                );
            }
            Ok((pid, (dns_pid > 0).then_some(dns_pid)))
        }
    }
}

/// In the holder: the new namespace, `lo` up, forwarding on. Returns an errno on failure.
fn setup() -> Result<(), i32> {
    nix::sched::unshare(nix::sched::CloneFlags::CLONE_NEWNET).map_err(|e| e as i32)?;
    let mut nl = super::link::Netlink::open().map_err(|_| libc::EIO)?;
    nl.set_up("lo", None).map_err(|_| libc::EIO)?;
    std::fs::write("/proc/sys/net/ipv4/ip_forward", "1")
        .map_err(|e| e.raw_os_error().unwrap_or(libc::EIO))?;
    // IPv6 may be disabled on the host: a network without --ipv6 does not need it.
    let _ = std::fs::write("/proc/sys/net/ipv6/conf/all/forwarding", "1");
    Ok(())
}

/// The holder's life: keeping the namespace (and `skiff-dns` in it, if it started one).
fn hold(dns: Option<(&Launch, Identity)>) -> ! {
    proc::set_name(NAME);
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
    // SAFETY: closes every descriptor above stdio; none is used by this process again.
    unsafe { libc::syscall(libc::SYS_close_range, 3u32, u32::MAX, 0u32) };
    if let Some((launch, first)) = dns {
        dns_keeper::keep(launch, first);
    }
    loop {
        // SAFETY: pause has no arguments and just waits for a signal.
        unsafe { libc::pause() };
    }
}

/// Runs `cmd` inside the network namespace `ns` (the child enters it before exec) and returns
/// its output; a non-zero exit is an error carrying its stderr.
pub(crate) fn run_in(ns: &std::fs::File, mut cmd: std::process::Command) -> Result<String> {
    use std::os::unix::process::CommandExt;
    let fd = ns.as_raw_fd();
    // SAFETY: the closure runs in the forked child before exec and only calls setns(2) on a
    // descriptor this process owns.
    unsafe {
        cmd.pre_exec(move || {
            if libc::setns(fd, libc::CLONE_NEWNET) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let name = format!("{:?}", cmd.get_program());
    let out = cmd
        .stdin(std::process::Stdio::null())
        .output()
        .with_context(|| format!("cannot run {name}"))?;
    if !out.status.success() {
        bail!(
            "{name} failed ({}): {}",
            out.status,
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}
