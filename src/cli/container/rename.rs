//! `skiff container rename` (also `skiff rename`): rename a container.
use crate::cli::context::Context;
use crate::engine::container::lifecycle;
use anyhow::Result;

/// Rename a container
#[derive(clap::Args, Debug)]
pub(crate) struct Args {
    /// The container
    pub(crate) container: String,
    /// Its new name
    pub(crate) new_name: String,
}

pub(crate) fn run(ctx: &Context, args: Args) -> Result<i32> {
    lifecycle::rename(ctx.paths()?, &args.container, &args.new_name)?;
    Ok(0)
}
