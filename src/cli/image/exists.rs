//! `skiff image exists IMAGE` (podman's): exit 0 when the image is here, 1 when it is not.
use crate::cli::context::Context;
use crate::engine::image::{lookup, resolve};
use anyhow::Result;

/// Check if an image exists in local storage (exit code 0 if it does, 1 if it does not)
#[derive(clap::Args, Debug)]
pub(crate) struct Args {
    /// The image (name or id)
    #[arg(value_name = "IMAGE")]
    pub(crate) image: String,
}

pub(crate) fn run(ctx: &Context, a: Args) -> Result<i32> {
    // Silent either way, as podman's: the exit code is the answer. A malformed reference is an
    // error (125), not a "no".
    match resolve(ctx.paths()?, &a.image) {
        Ok(_) => Ok(0),
        Err(e) if lookup::is_not_found(&e) => Ok(1),
        Err(e) => Err(e),
    }
}
