//! `skiff image tag SOURCE TARGET` (also `skiff tag`).
use crate::cli::context::Context;
use anyhow::Result;

/// Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE
#[derive(clap::Args, Debug)]
#[command(after_long_help = super::NAMING)]
pub(crate) struct Args {
    /// The image to name (name or id)
    pub(crate) source: String,
    /// The new name, [DOMAIN/]NAME[:TAG] (NAME alone is localhost/NAME, NS/NAME is docker.io/NS/NAME)
    pub(crate) target: String,
}

pub(crate) fn run(ctx: &Context, a: Args) -> Result<i32> {
    crate::engine::image::tag::tag(ctx.paths()?, &a.source, &a.target)?;
    Ok(0)
}
