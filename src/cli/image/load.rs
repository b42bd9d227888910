//! `skiff image load [-i FILE] [-q]` (also `skiff load`): images from a docker-archive or
//! oci-archive (plain or gzip).
use crate::cli::context::Context;
use crate::cli::output::report::warn;
use crate::engine::image::load::{load, LoadOptions};
use anyhow::{bail, Context as _, Result};
use std::io::IsTerminal;

/// Load an image from a tar archive or STDIN
#[derive(clap::Args, Debug)]
#[command(after_long_help = super::NAMING)]
pub(crate) struct Args {
    /// Read from tar archive file, instead of STDIN
    #[arg(short, long, value_name = "FILE")]
    pub(crate) input: Option<String>,
    /// Suppress the load output
    #[arg(short, long)]
    pub(crate) quiet: bool,
}

pub(crate) fn run(ctx: &Context, a: Args) -> Result<i32> {
    let mapping = ctx.userns()?.clone();
    let input: Box<dyn std::io::Read> = match a.input.as_deref() {
        None | Some("-") => {
            if std::io::stdin().is_terminal() {
                bail!("requested load from stdin, but stdin is a terminal; use skiff load -i FILE or redirect stdin from an archive");
            }
            Box::new(std::io::stdin())
        }
        Some(f) => Box::new(std::fs::File::open(f).with_context(|| format!("cannot open {f}"))?),
    };
    let report = load(ctx.paths()?, input, &LoadOptions { mapping })?;
    let mut seen = std::collections::HashSet::new();
    for n in report.notes.iter().filter(|n| seen.insert(n.as_str())) {
        warn(n);
    }
    if a.quiet {
        return Ok(0);
    }
    for img in &report.images {
        if img.names.is_empty() {
            println!("Loaded image ID: {}", img.id);
        }
        for n in &img.names {
            println!("Loaded image: {n}");
        }
    }
    Ok(0)
}
