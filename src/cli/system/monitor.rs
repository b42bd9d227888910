//! Hidden `skiff monitor ID`: the supervisor of one detached container (see `monitor`).
use crate::cli::context::Context;
use anyhow::Result;
use std::os::fd::{FromRawFd, OwnedFd};

/// Supervise one detached container (started by run -d and start)
#[derive(clap::Args, Debug)]
pub(crate) struct Args {
    /// The container id
    pub(crate) id: String,
    /// The container exited with this code (from skiff-monitor): record it and restart or end
    #[arg(long, allow_negative_numbers = true)]
    pub(crate) exited: Option<i32>,
}

pub(crate) fn run(ctx: &Context, args: Args) -> Result<i32> {
    use crate::engine::container::supervise::{CLIENT_FD, READY_FD};
    let paths = ctx.paths()?;
    // Handed down by the first start only (never to the start again after an exit).
    let first = args.exited.is_none();
    Ok(crate::engine::container::supervise::main(
        paths,
        &args.id,
        inherited(READY_FD, first),
        inherited(CLIENT_FD, first),
        args.exited,
    ))
}

/// A descriptor the CLI that exec'd us passed in env var `var`, made close-on-exec: ours alone,
/// no container or exec'd process may inherit it.
fn inherited(var: &str, wanted: bool) -> Option<OwnedFd> {
    let fd = std::env::var(var)
        .ok()
        .filter(|_| wanted)
        .and_then(|v| v.parse::<i32>().ok())
        // SAFETY: the CLI that exec'd us passed this descriptor open for us alone.
        .map(|fd| unsafe { OwnedFd::from_raw_fd(fd) })?;
    let _ = nix::fcntl::fcntl(
        &fd,
        nix::fcntl::FcntlArg::F_SETFD(nix::fcntl::FdFlag::FD_CLOEXEC),
    );
    Some(fd)
}
