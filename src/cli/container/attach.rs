//! `skiff container attach` (also `skiff attach`): the running container's output live, our
//! input to its stdin or terminal.
use crate::cli::context::Context;
use crate::cli::output::session::{self, End};
use crate::engine::container::{attach, lifecycle};
use anyhow::Result;

/// Attach local standard input, output, and error streams to a running container
#[derive(clap::Args, Debug)]
pub(crate) struct Args {
    /// Override the key sequence for detaching a container
    #[arg(long = "detach-keys", default_value = "ctrl-p,ctrl-q")]
    pub(crate) detach_keys: String,
    /// Do not attach STDIN
    #[arg(long = "no-stdin")]
    pub(crate) no_stdin: bool,
    /// The container
    pub(crate) container: String,
}

pub(crate) fn run(ctx: &Context, args: Args) -> Result<i32> {
    let keys = attach::detach_keys(&args.detach_keys)?;
    let paths = ctx.paths()?;
    let (rec, sock) = attach::connect(paths, &args.container)?;
    match session::relay(sock, rec.config.tty, !args.no_stdin, &keys)? {
        End::Exited(code) => Ok(code),
        End::Detached => Ok(0),
        // The monitor is gone: its container's recorded exit is the answer.
        End::MonitorGone => lifecycle::wait(paths, &rec.id),
    }
}
