//! `skiff-dns --dir DIR [--ready-fd N]`: the DNS server of user networks. It runs in the
//! user's rootless network namespace, serves every `DIR/*.json` (see `skiff::netns::dnsconf`)
//! on port 53 of all its addresses, and answers each client from the networks whose subnets
//! hold the client's address. Once every socket is bound it writes one byte to fd N and closes
//! it, so its launcher waits for exactly that; SIGTERM or SIGINT end it with status 0.
use nix::sys::signal::{SigSet, Signal};
use std::os::fd::{FromRawFd, OwnedFd};
use std::path::PathBuf;

const USAGE: &str = "usage: skiff-dns --dir DIR [--ready-fd N]";

struct Args {
    dir: PathBuf,
    ready_fd: Option<i32>,
}

fn parse_args() -> Result<Args, String> {
    let mut dir = None;
    let mut ready_fd = None;
    let mut args = std::env::args_os().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or(format!("{arg:?} needs a value\n{USAGE}"));
        match arg.to_str() {
            Some("--dir") => dir = Some(PathBuf::from(value()?)),
            Some("--ready-fd") => {
                let v = value()?;
                let n = v
                    .to_str()
                    .and_then(|s| s.parse::<i32>().ok())
                    .filter(|n| *n > 2)
                    .ok_or(format!(
                        "--ready-fd wants a file descriptor above 2, not {v:?}"
                    ))?;
                ready_fd = Some(n);
            }
            _ => return Err(format!("unknown argument {arg:?}\n{USAGE}")),
        }
    }
    let dir = dir.ok_or(format!("--dir is required\n{USAGE}"))?;
    Ok(Args { dir, ready_fd })
}

/// Tells the launcher the sockets are bound: one byte, then the fd is closed (EOF for a reader
/// that waits for either).
fn report_ready(fd: i32) -> Result<(), String> {
    // The fd must be open: fcntl says so without taking it over.
    if nix::fcntl::fcntl(
        // SAFETY: only borrowed for this call; `fd` is checked, not closed.
        unsafe { std::os::fd::BorrowedFd::borrow_raw(fd) },
        nix::fcntl::FcntlArg::F_GETFD,
    )
    .is_err()
    {
        return Err(format!("--ready-fd {fd} is not an open file descriptor"));
    }
    // SAFETY: the launcher handed this fd to us for this one use (checked open above); nothing
    // else in the process owns it, and it is closed when `file` drops.
    let file = std::fs::File::from(unsafe { OwnedFd::from_raw_fd(fd) });
    use std::io::Write;
    (&file)
        .write_all(b"1")
        .map_err(|e| format!("cannot write to --ready-fd {fd}: {e}"))
}

fn main() {
    if let Err(e) = serve() {
        // Only cli/ prints: it says "skiff-dns: …" on stderr and gives exit code 125.
        std::process::exit(skiff::cli::helper_failed("skiff-dns", &e));
    }
}

/// Binds and serves until SIGTERM or SIGINT (exit 0); an error only before serving starts.
fn serve() -> Result<(), String> {
    let args = parse_args()?;
    let _ = rustix::thread::set_name(c"skiff-dns");
    // Blocked before any thread starts, so every thread inherits the mask and the signals wait
    // for `sigwait` below, which ends the process cleanly.
    let mut signals = SigSet::empty();
    signals.add(Signal::SIGTERM);
    signals.add(Signal::SIGINT);
    signals
        .thread_block()
        .map_err(|e| format!("cannot block signals: {e}"))?;
    skiff::netns::dns_net::Sockets::bind(53)
        .and_then(|s| s.serve(&args.dir))
        .map_err(|e| format!("{e:#}"))?;
    if let Some(fd) = args.ready_fd {
        report_ready(fd)?;
    }
    loop {
        if signals.wait().is_ok() {
            std::process::exit(0);
        }
    }
}
