//! `skiff volume export [-o FILE] VOLUME` (podman's): the volume's content as a tar.
use crate::cli::context::Context;
use crate::engine::volume::archive;
use anyhow::{bail, Context as _, Result};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

/// Export the content of a volume as a tar archive
#[derive(clap::Args, Debug)]
pub(crate) struct Args {
    /// Write to a file, instead of STDOUT
    #[arg(short, long, value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,
    /// The volume
    #[arg(value_name = "VOLUME")]
    pub(crate) name: String,
}

pub(crate) fn run(ctx: &Context, a: Args) -> Result<i32> {
    ctx.userns()?;
    let paths = ctx.paths()?;
    match &a.output {
        Some(p) => {
            let f = std::fs::File::create(p)
                .with_context(|| format!("cannot create {}", p.display()))?;
            archive::export(paths, &a.name, std::io::BufWriter::new(f))?
                .flush()
                .with_context(|| format!("cannot write {}", p.display()))?;
        }
        None if std::io::stdout().is_terminal() => {
            bail!(
                "refusing to write a tar archive to a terminal: redirect the output or use -o FILE"
            )
        }
        None => {
            let out = std::io::stdout().lock();
            archive::export(paths, &a.name, std::io::BufWriter::new(out))?.flush()?;
        }
    }
    Ok(0)
}
