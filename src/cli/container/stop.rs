//! `skiff container stop` (also `skiff stop`): stop running containers (the stop signal, then SIGKILL after a timeout).
use crate::cli::context::Context;
use crate::cli::output::report;
use crate::engine::container::lifecycle;
use crate::engine::container::record::Status;
use crate::engine::container::select::{self, Selection};
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
    /// Stop the latest created container
    #[arg(short = 'l', long)]
    pub(crate) latest: bool,
    /// Ignore errors when a specified container is missing
    #[arg(short = 'i', long)]
    pub(crate) ignore: bool,
    /// Containers to stop
    #[arg(value_name = "CONTAINER", required_unless_present_any = ["all", "latest"])]
    pub(crate) containers: Vec<String>,
}

pub(crate) fn run(ctx: &Context, args: Args) -> Result<i32> {
    let paths = ctx.paths()?;
    let which = Selection::of(args.containers, args.all, args.latest);
    let keys = select::select(paths, &which, |r| r.live_status() == Status::Running)?;
    report::each_some(&keys, |c| match lifecycle::stop(paths, c, args.time) {
        Ok(_) => Ok(Some(c.to_string())),
        Err(e) if args.ignore && select::is_missing(&e) => Ok(None),
        Err(e) => Err(e),
    })
}
