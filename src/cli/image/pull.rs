//! `skiff image pull [-q] [-a] [--platform P] [--tls-verify] [--creds U:P] REF` (also `skiff pull`).
use crate::cli::context::Context;
use crate::cli::flags::registry::RegistryFlags;
use crate::cli::output::progress::Progress;
use crate::engine::image::pull::{pull, PullOptions};
use anyhow::Result;

/// Download an image from a registry
#[derive(clap::Args, Debug)]
#[command(after_long_help = super::NAMING)]
pub(crate) struct Args {
    /// Download all tagged images in the repository
    #[arg(short, long)]
    pub(crate) all_tags: bool,
    /// Suppress verbose output
    #[arg(short, long)]
    pub(crate) quiet: bool,
    /// Set platform if server is multi-platform capable
    #[arg(long, value_name = "OS/ARCH[/VARIANT]")]
    pub(crate) platform: Option<String>,
    #[command(flatten)]
    pub(crate) registry: RegistryFlags,
    /// The image: NAME[:TAG|@DIGEST]
    pub(crate) image: String,
}

pub(crate) fn run(ctx: &Context, a: Args) -> Result<i32> {
    // Before any thread exists: setns into a user namespace needs a single-threaded process.
    let mapping = ctx.userns()?.clone();
    let opts = PullOptions {
        registry: a.registry.options(ctx.paths()?)?,
        platform: a.platform.clone(),
        all_tags: a.all_tags,
        mapping,
    };
    let mut display = Progress::new(a.quiet);
    let pulled = pull(ctx.paths()?, &a.image, &opts, &mut |e| display.event(e))?;
    display.finish();
    // Docker's last line, and all of `pull -q`: the full reference pulled.
    for img in &pulled {
        if !a.quiet {
            eprintln!("Digest: {}", img.digest);
            let name = img.name.as_deref().unwrap_or(&img.reference);
            eprintln!("Status: Downloaded image for {name}");
        }
        println!("{}", img.reference);
    }
    Ok(0)
}
