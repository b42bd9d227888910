//! `skiff image untag IMAGE [NAME...]` (also `skiff untag`, podman's): remove names.
use crate::cli::context::Context;
use anyhow::Result;

/// Remove one or more names from a locally-stored image (all of them when none are given)
#[derive(clap::Args, Debug)]
pub(crate) struct Args {
    /// The image (name or id)
    #[arg(value_name = "IMAGE")]
    pub(crate) image: String,
    /// The names to remove (default: every name of the image)
    #[arg(value_name = "NAME")]
    pub(crate) names: Vec<String>,
}

pub(crate) fn run(ctx: &Context, a: Args) -> Result<i32> {
    crate::engine::image::tag::untag(ctx.paths()?, &a.image, &a.names)?;
    Ok(0)
}
