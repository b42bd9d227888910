//! `skiff builder prune [-a] [-f]`: remove build cache (Docker's verb and output).
use crate::cli::context::Context;
use crate::engine::build::prune::prune;
use crate::engine::container::users_of_image;
use crate::engine::image::human::human_size;
use anyhow::{bail, Result};
use std::io::IsTerminal;

/// Remove build cache
#[derive(clap::Args, Debug)]
#[command(
    after_long_help = "The build cache is the untagged images that build steps made and the entries naming them. Without -a, prune removes what no image uses: entries whose image is gone, and step images that are no step of a tagged image or of a container's image (an older build of a tag that moved, a builder stage). With -a it removes every entry and every step image no container uses; the next build runs every step. Tagged images are never removed.\n\nDIFFERENCES: docker builder prune lists BuildKit's cache record ids; skiff lists the removed entries' keys. --filter and --keep-storage are not supported (an error)."
)]
pub(crate) struct Args {
    /// Remove all build cache, not just what no image uses
    #[arg(short, long)]
    pub(crate) all: bool,
    /// Do not prompt for confirmation
    #[arg(short, long)]
    pub(crate) force: bool,
}

pub(crate) fn run(ctx: &Context, a: Args) -> Result<i32> {
    if !a.force {
        let what = match a.all {
            true => "all build cache",
            false => "all dangling build cache",
        };
        if !std::io::stdin().is_terminal() {
            bail!("builder prune removes {what}: confirm with -f when not on a terminal");
        }
        eprint!("WARNING! This will remove {what}. Are you sure you want to continue? [y/N] ");
        let mut answer = String::new();
        std::io::stdin().read_line(&mut answer)?;
        if !answer.trim().eq_ignore_ascii_case("y") {
            return Ok(0);
        }
    }
    // Step images hold subordinate-owned files: only the namespace's root can delete them.
    ctx.userns()?;
    let paths = ctx.paths()?;
    let report = prune(paths, a.all, &|id| users_of_image(paths, id))?;
    if !report.removed.is_empty() {
        println!("Deleted build cache objects:");
        for k in &report.removed {
            println!("{k}");
        }
        println!();
    }
    println!("Total reclaimed space: {}", human_size(report.reclaimed));
    Ok(0)
}
