//! `skiff container wait` (also `skiff wait`): block until containers stop, then print their exit codes.
use crate::cli::context::Context;
use crate::cli::output::report;
use crate::engine::container::lifecycle;
use anyhow::Result;

/// Block until one or more containers stop, then print their exit codes
#[derive(clap::Args, Debug)]
pub(crate) struct Args {
    /// Containers to wait for
    #[arg(value_name = "CONTAINER", required = true)]
    pub(crate) containers: Vec<String>,
}

pub(crate) fn run(ctx: &Context, args: Args) -> Result<i32> {
    let paths = ctx.paths()?;
    report::each(&args.containers, |c| {
        lifecycle::wait(paths, c).map(|code| code.to_string())
    })
}
