//! `skiff image push [--tls-verify] [--creds] [--compression-format F] [--digestfile F] IMAGE
//! [DEST]` (also `skiff push`).
use crate::cli::context::Context;
use crate::cli::flags::registry::RegistryFlags;
use crate::engine::image::push::{push, PushEvent, PushOptions};
use anyhow::{Context as _, Result};
use std::path::PathBuf;

/// Upload an image to a registry
#[derive(clap::Args, Debug)]
#[command(after_long_help = super::NAMING)]
pub(crate) struct Args {
    /// Suppress verbose output
    #[arg(short, long)]
    pub(crate) quiet: bool,
    /// Compression format of the layers (gzip or zstd)
    #[arg(long, value_name = "FORMAT", value_parser = ["gzip", "zstd"])]
    pub(crate) compression_format: Option<String>,
    /// Write the digest of the pushed image to the specified file
    #[arg(long, value_name = "FILE")]
    pub(crate) digestfile: Option<PathBuf>,
    #[command(flatten)]
    pub(crate) registry: RegistryFlags,
    /// The local image
    pub(crate) image: String,
    /// The destination (default: the image's name)
    pub(crate) destination: Option<String>,
}

pub(crate) fn run(ctx: &Context, a: Args) -> Result<i32> {
    let opts = PushOptions {
        registry: a.registry.options(ctx.paths()?)?,
        compression: a.compression_format.clone(),
    };
    let quiet = a.quiet;
    let mut show = |e: PushEvent| {
        if quiet {
            return;
        }
        match e {
            PushEvent::Blob { digest, existed } => {
                let short = &digest.hex()[..12];
                let what = if existed {
                    "Layer already exists"
                } else {
                    "Pushed"
                };
                eprintln!("{short}: {what}");
            }
            PushEvent::Manifest => eprintln!("Writing manifest to image destination"),
        }
    };
    let pushed = push(
        ctx.paths()?,
        &a.image,
        a.destination.as_deref(),
        &opts,
        &mut show,
    )?;
    if let Some(f) = &a.digestfile {
        std::fs::write(f, pushed.digest.as_str())
            .with_context(|| format!("cannot write {}", f.display()))?;
    }
    // Docker's: the reference alone with -q, else the tag's digest line last.
    match quiet {
        true => println!("{}", pushed.reference),
        false => println!(
            "{}: digest: {} size: {}",
            pushed.tag, pushed.digest, pushed.size
        ),
    }
    Ok(0)
}
