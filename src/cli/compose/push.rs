//! `skiff compose push`: push the images of the services that name one, through `skiff
//! push`'s code.
use super::ProjectFlags;
use crate::cli::context::Context;
use crate::cli::flags::registry::RegistryFlags;
use crate::engine::compose::state;
use anyhow::Result;

/// Push service images
#[derive(clap::Args, Debug)]
pub(crate) struct Args {
    /// Push what it can and ignore images that fail
    #[arg(long)]
    pub(crate) ignore_push_failures: bool,
    /// Push without printing progress information
    #[arg(short = 'q', long)]
    pub(crate) quiet: bool,
    #[command(flatten)]
    pub(crate) registry: RegistryFlags,
    /// Services whose images to push; default: all
    #[arg(value_name = "SERVICE")]
    pub(crate) services: Vec<String>,
}

pub(crate) fn run(ctx: &Context, flags: &ProjectFlags, a: Args) -> Result<i32> {
    let p = super::load(&flags.load_options()?)?.project;
    for (name, s) in state::chosen(&p, &a.services)? {
        let Some(image) = &s.image else { continue };
        let args = crate::cli::image::push::Args {
            quiet: a.quiet,
            compression_format: None,
            digestfile: None,
            registry: a.registry.clone(),
            image: image.clone(),
            destination: None,
        };
        match crate::cli::image::push::run(ctx, args) {
            Err(e) if a.ignore_push_failures => {
                crate::cli::output::report::warn(&format!("{name}: {e:#}"))
            }
            other => {
                other?;
            }
        }
    }
    Ok(0)
}
