//! `skiff container prune [-f] [--filter F]`: remove every stopped container.
use crate::cli::context::Context;
use crate::cli::system::prune::{confirm, print_report};
use crate::engine::system::prune::{self, Filters};
use anyhow::Result;

/// Remove all stopped containers
#[derive(clap::Args, Debug)]
pub(crate) struct Args {
    /// Do not prompt for confirmation
    #[arg(short = 'f', long)]
    pub(crate) force: bool,
    /// Provide filter values (until=TIME, label=KEY[=VALUE], label!=KEY[=VALUE])
    #[arg(long = "filter", value_name = "FILTER")]
    pub(crate) filter: Vec<String>,
}

pub(crate) fn run(ctx: &Context, args: Args) -> Result<i32> {
    let filters = Filters::parse(&args.filter)?;
    if !args.force
        && !confirm(
            "container prune",
            "This will remove all stopped containers.\n",
        )?
    {
        return Ok(0);
    }
    ctx.userns()?;
    print_report(&prune::container(ctx.paths()?, &filters)?);
    Ok(0)
}
