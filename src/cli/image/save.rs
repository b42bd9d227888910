//! `skiff image save [-o FILE] [--format docker-archive|oci-archive] IMAGE...` (also `skiff save`).
use crate::cli::context::Context;
use crate::engine::image::save::{save, save_to_file, SaveFormat, SaveOptions};
use anyhow::{bail, Result};
use std::io::IsTerminal;

/// Save one or more images to a tar archive
#[derive(clap::Args, Debug)]
pub(crate) struct Args {
    /// Write to a file, instead of STDOUT
    #[arg(short, long, value_name = "FILE")]
    pub(crate) output: Option<String>,
    /// Archive format: docker-archive (as docker save) or oci-archive
    #[arg(long, default_value = "docker-archive")]
    pub(crate) format: SaveFormat,
    /// The images to save (names or ids)
    #[arg(required = true)]
    pub(crate) images: Vec<String>,
}

pub(crate) fn run(ctx: &Context, a: Args) -> Result<i32> {
    let paths = ctx.paths()?;
    let opts = SaveOptions {
        format: a.format,
        images: a.images,
    };
    match a.output.as_deref() {
        Some(f) if f != "-" => save_to_file(paths, &opts, std::path::Path::new(f))?,
        _ => {
            let out = std::io::stdout();
            if out.is_terminal() {
                bail!("cowardly refusing to save to a terminal. Use the -o flag or redirect");
            }
            save(paths, &opts, &mut out.lock())?;
        }
    }
    Ok(0)
}
