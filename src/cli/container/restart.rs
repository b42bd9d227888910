//! `skiff container restart` (also `skiff restart`): stop then start containers (detached).
use crate::cli::context::Context;
use crate::cli::output::report;
use crate::engine::container::select::{self, Selection};
use crate::engine::container::{detach, lifecycle};
use anyhow::Result;

/// Restart one or more containers
#[derive(clap::Args, Debug)]
pub(crate) struct Args {
    /// Seconds to wait before killing the container
    #[arg(short = 't', long = "time", value_name = "SECONDS")]
    pub(crate) time: Option<u64>,
    /// Restart all containers, whatever their state
    #[arg(short = 'a', long)]
    pub(crate) all: bool,
    /// Restart the latest created container
    #[arg(short = 'l', long)]
    pub(crate) latest: bool,
    /// Containers to restart
    #[arg(value_name = "CONTAINER", required_unless_present_any = ["all", "latest"])]
    pub(crate) containers: Vec<String>,
}

pub(crate) fn run(ctx: &Context, args: Args) -> Result<i32> {
    ctx.userns()?;
    let paths = ctx.paths()?;
    let which = Selection::of(args.containers, args.all, args.latest);
    let keys = select::select(paths, &which, |_| true)?;
    report::each(&keys, |c| {
        let rec = lifecycle::stop(paths, c, args.time)?;
        detach::start(paths, &rec.id)?;
        crate::engine::events::container(paths, &rec, "restart", &[]);
        Ok(c.to_string())
    })
}
