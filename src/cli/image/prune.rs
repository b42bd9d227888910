//! `skiff image prune [-a] [-f] [--filter F]`: the images no container uses.
use crate::cli::context::Context;
use crate::cli::system::prune::{confirm, print_report};
use crate::engine::system::prune::{self, Filters};
use anyhow::Result;

/// Remove unused images
#[derive(clap::Args, Debug)]
#[command(
    after_long_help = "Without -a, removes the dangling images: untagged ones no container uses (the untagged images of build steps are the build cache's: builder prune removes them). With -a, every image no container uses.\n\nDIFFERENCES: Docker's legacy builder left its intermediate images dangling for image prune; skiff's build steps are the build cache's, removed by builder prune (or image prune -a)."
)]
pub(crate) struct Args {
    /// Remove all unused images, not just dangling ones
    #[arg(short, long)]
    pub(crate) all: bool,
    /// Do not prompt for confirmation
    #[arg(short, long)]
    pub(crate) force: bool,
    /// Provide filter values (until=TIME, label=KEY[=VALUE], label!=KEY[=VALUE])
    #[arg(long = "filter", value_name = "FILTER")]
    pub(crate) filter: Vec<String>,
}

pub(crate) fn run(ctx: &Context, a: Args) -> Result<i32> {
    let filters = Filters::parse(&a.filter)?;
    let what = match a.all {
        true => "This will remove all images without at least one container associated to them.\n",
        false => "This will remove all dangling images.\n",
    };
    if !a.force && !confirm("image prune", what)? {
        return Ok(0);
    }
    ctx.userns()?;
    print_report(&prune::image(ctx.paths()?, a.all, &filters)?);
    Ok(0)
}
