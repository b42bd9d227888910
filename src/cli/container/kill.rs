//! `skiff container kill` (also `skiff kill`): send a signal to running containers.
use crate::cli::context::Context;
use crate::cli::output::report;
use crate::engine::container::lifecycle;
use crate::engine::container::record::Status;
use crate::engine::container::select::{self, Selection};
use crate::engine::spec::parse as config;
use anyhow::Result;

/// Kill one or more running containers
#[derive(clap::Args, Debug)]
pub(crate) struct Args {
    /// Signal to send to the container
    #[arg(short = 's', long, default_value = "KILL")]
    pub(crate) signal: String,
    /// Signal all running containers
    #[arg(short = 'a', long)]
    pub(crate) all: bool,
    /// Signal the latest created container
    #[arg(short = 'l', long)]
    pub(crate) latest: bool,
    /// Containers to signal
    #[arg(value_name = "CONTAINER", required_unless_present_any = ["all", "latest"])]
    pub(crate) containers: Vec<String>,
}

pub(crate) fn run(ctx: &Context, args: Args) -> Result<i32> {
    config::parse_signal(&args.signal)?;
    let paths = ctx.paths()?;
    let which = Selection::of(args.containers, args.all, args.latest);
    let keys = select::select(paths, &which, |r| r.live_status() == Status::Running)?;
    report::each(&keys, |c| {
        lifecycle::kill(paths, c, &args.signal).map(|_| c.to_string())
    })
}
