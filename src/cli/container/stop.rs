//! `skiff container stop` (also `skiff stop`): stop running containers (the stop signal, then SIGKILL after a timeout).
use crate::cli::context::Context;
use crate::cli::output::report;
use crate::engine::container::{lifecycle, record};
use anyhow::Result;

/// Stop one or more running containers
#[derive(clap::Args, Debug)]
pub(crate) struct Args {
    /// Seconds to wait before killing the container
    #[arg(short = 't', long = "time", alias = "timeout", value_name = "SECONDS")]
    pub(crate) time: Option<u64>,
    /// Stop all running containers
    #[arg(short = 'a', long)]
    pub(crate) all: bool,
    /// Containers to stop
    #[arg(value_name = "CONTAINER", required_unless_present = "all")]
    pub(crate) containers: Vec<String>,
}

pub(crate) fn run(ctx: &Context, args: Args) -> Result<i32> {
    let paths = ctx.paths()?;
    let mut names = args.containers.clone();
    if args.all {
        names.extend(
            record::list(paths)?
                .into_iter()
                .filter(|r| r.live_status() == record::Status::Running)
                .map(|r| r.id),
        );
    }
    report::each(&names, |c| {
        lifecycle::stop(paths, c, args.time).map(|_| c.to_string())
    })
}
