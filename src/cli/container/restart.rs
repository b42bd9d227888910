//! `skiff container restart` (also `skiff restart`): stop then start containers (detached).
use crate::cli::context::Context;
use crate::cli::output::report;
use crate::engine::container::{detach, lifecycle};
use anyhow::Result;

/// Restart one or more containers
#[derive(clap::Args, Debug)]
pub(crate) struct Args {
    /// Seconds to wait before killing the container
    #[arg(short = 't', long = "time", value_name = "SECONDS")]
    pub(crate) time: Option<u64>,
    /// Containers to restart
    #[arg(value_name = "CONTAINER", required = true)]
    pub(crate) containers: Vec<String>,
}

pub(crate) fn run(ctx: &Context, args: Args) -> Result<i32> {
    ctx.userns()?;
    let paths = ctx.paths()?;
    report::each(&args.containers, |c| {
        let rec = lifecycle::stop(paths, c, args.time)?;
        detach::start(paths, &rec.id)?;
        Ok(c.to_string())
    })
}
