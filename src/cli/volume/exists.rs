//! `skiff volume exists NAME` (podman's): exit 0 when the volume exists, 1 when not.
use crate::cli::context::Context;
use crate::engine::volume;
use anyhow::Result;

/// Check if a volume exists (exit code 0 if it does, 1 if it does not)
#[derive(clap::Args, Debug)]
pub(crate) struct Args {
    /// The volume's name
    #[arg(value_name = "VOLUME")]
    pub(crate) name: String,
}

pub(crate) fn run(ctx: &Context, a: Args) -> Result<i32> {
    Ok(match volume::load(ctx.paths()?, &a.name)? {
        Some(_) => 0,
        None => 1,
    })
}
