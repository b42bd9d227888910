//! `skiff compose build`: build the images of the services that have a `build:`, through
//! `skiff build`'s code (so its cache applies).
use super::ProjectFlags;
use crate::cli::context::Context;
use crate::engine::compose::{plan, state};
use anyhow::Result;

/// Build or rebuild services
#[derive(clap::Args, Debug)]
pub(crate) struct Args {
    /// Do not use cache when building the image
    #[arg(long)]
    pub(crate) no_cache: bool,
    /// Always attempt to pull a newer version of the image
    #[arg(long)]
    pub(crate) pull: bool,
    /// Services to build; default: all
    #[arg(value_name = "SERVICE")]
    pub(crate) services: Vec<String>,
}

pub(crate) fn run(ctx: &Context, flags: &ProjectFlags, a: Args) -> Result<i32> {
    let p = super::load(&flags.load_options()?)?.project;
    for (name, s) in state::chosen(&p, &a.services)? {
        let Some(b) = &s.build else { continue };
        let mut b = b.clone();
        b.no_cache |= a.no_cache;
        b.pull |= a.pull;
        super::service_image::build_image(ctx, &plan::image_name(&p, name, s), &b)?;
    }
    Ok(0)
}
