//! `skiff compose pull`: pull the images of the services that name one.
use super::ProjectFlags;
use crate::cli::context::Context;
use crate::cli::flags::registry::RegistryFlags;
use crate::cli::output::progress::Progress;
use crate::engine::compose::state;
use crate::engine::image::pull::{ensure_image, PullOptions, PullPolicy};
use anyhow::Result;

/// Pull service images
#[derive(clap::Args, Debug)]
pub(crate) struct Args {
    /// Pull without printing progress information
    #[arg(short = 'q', long)]
    pub(crate) quiet: bool,
    /// Ignore images that can be built
    #[arg(long)]
    pub(crate) ignore_buildable: bool,
    /// Services whose images to pull; default: all
    #[arg(value_name = "SERVICE")]
    pub(crate) services: Vec<String>,
}

pub(crate) fn run(ctx: &Context, flags: &ProjectFlags, a: Args) -> Result<i32> {
    let p = super::load(&flags.load_options()?)?.project;
    let paths = ctx.paths()?;
    let chosen = state::chosen(&p, &a.services)?;
    let options = PullOptions {
        registry: RegistryFlags::default().options(paths)?,
        platform: None,
        all_tags: false,
        mapping: ctx.userns()?.clone(),
    };
    for (_, s) in chosen {
        let Some(image) = &s.image else { continue };
        if a.ignore_buildable && s.build.is_some() {
            continue;
        }
        let mut progress = Progress::new(a.quiet);
        let r = ensure_image(paths, image, &options, PullPolicy::Always, &mut |e| {
            progress.event(e)
        });
        progress.finish();
        r?;
    }
    Ok(0)
}
