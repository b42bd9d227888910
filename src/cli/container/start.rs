//! `skiff container start` (also `skiff start`): start a created or stopped container.
use crate::cli::context::Context;
use crate::cli::output::report;
use crate::engine::container::{detach, record, start};
use anyhow::{bail, Result};

/// Start one or more stopped containers
#[derive(clap::Args, Debug)]
pub(crate) struct Args {
    /// Attach STDOUT/STDERR and forward signals
    #[arg(short = 'a', long)]
    pub(crate) attach: bool,
    /// Attach container's STDIN
    #[arg(short = 'i', long)]
    pub(crate) interactive: bool,
    /// Containers to start
    #[arg(required = true, value_name = "CONTAINER")]
    pub(crate) containers: Vec<String>,
}

pub(crate) fn run(ctx: &Context, args: Args) -> Result<i32> {
    if args.attach && args.containers.len() > 1 {
        bail!("you cannot start and attach multiple containers at once");
    }
    ctx.userns()?;
    let paths = ctx.paths()?;
    if !args.attach {
        return report::each(&args.containers, |c| {
            let rec = record::find(paths, c)?;
            if rec.live_status() != record::Status::Running {
                detach::start(paths, &rec.id)?;
            }
            Ok(c.to_string())
        });
    }
    let rec = record::find(paths, &args.containers[0])?;
    start::run_foreground(
        paths,
        rec,
        None,
        &start::StartOptions {
            stdin: args.interactive,
            preserve_fds: 0,
        },
    )
}
