//! `skiff volume import VOLUME FILE|-` (podman's): a tar as the volume's content.
use crate::cli::context::Context;
use crate::engine::volume::archive;
use anyhow::{Context as _, Result};

/// Import a tar archive as the content of a volume
#[derive(clap::Args, Debug)]
#[command(
    after_long_help = "DIFFERENCES\n\nThe archive replaces the volume's content (podman adds it to what is there): the import is unpacked beside the volume and swapped in at once, so a failed or interrupted import leaves the volume as it was. A container running with the volume keeps seeing the old content until it is started again."
)]
pub(crate) struct Args {
    /// The volume (it must exist: skiff volume create NAME)
    #[arg(value_name = "VOLUME")]
    pub(crate) name: String,
    /// The tar archive, or - for STDIN
    #[arg(value_name = "FILE")]
    pub(crate) file: String,
}

pub(crate) fn run(ctx: &Context, a: Args) -> Result<i32> {
    let mapping = ctx.userns()?;
    let paths = ctx.paths()?;
    match a.file.as_str() {
        "-" => archive::import(paths, &a.name, std::io::stdin().lock(), mapping)?,
        f => {
            let file = std::fs::File::open(f).with_context(|| format!("cannot open {f}"))?;
            archive::import(paths, &a.name, file, mapping)?
        }
    }
    Ok(0)
}
