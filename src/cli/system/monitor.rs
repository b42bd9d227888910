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
    let paths = ctx.paths()?;
    let ready = std::env::var(crate::engine::container::supervise::READY_FD)
        .ok()
        .filter(|_| args.exited.is_none())
        .and_then(|v| v.parse::<i32>().ok())
        // SAFETY: the CLI that exec'd us passed this descriptor open for us alone.
        .map(|fd| unsafe { OwnedFd::from_raw_fd(fd) });
    if let Some(fd) = &ready {
        // Ours alone: no container or exec'd process may inherit it.
        let _ = nix::fcntl::fcntl(
            fd,
            nix::fcntl::FcntlArg::F_SETFD(nix::fcntl::FdFlag::FD_CLOEXEC),
        );
    }
    Ok(crate::engine::container::supervise::main(
        paths,
        &args.id,
        ready,
        args.exited,
    ))
}
