//! `skiff container kill` (also `skiff kill`): send a signal to running containers.
use crate::cli::context::Context;
use crate::cli::output::report;
use crate::engine::container::lifecycle;
use crate::engine::spec::parse as config;
use anyhow::Result;

/// Kill one or more running containers
#[derive(clap::Args, Debug)]
pub(crate) struct Args {
    /// Signal to send to the container
    #[arg(short = 's', long, default_value = "KILL")]
    pub(crate) signal: String,
    /// Containers to signal
    #[arg(value_name = "CONTAINER", required = true)]
    pub(crate) containers: Vec<String>,
}

pub(crate) fn run(ctx: &Context, args: Args) -> Result<i32> {
    config::parse_signal(&args.signal)?;
    let paths = ctx.paths()?;
    report::each(&args.containers, |c| {
        lifecycle::kill(paths, c, &args.signal).map(|_| c.to_string())
    })
}
