//! `skiff container export [-o FILE] CONTAINER` (also `skiff export`): a container's file
//! system as a tar archive.
use crate::cli::context::Context;
use crate::engine::container::{export::export, record};
use anyhow::{bail, Context as _, Result};
use std::io::{IsTerminal, Write};

/// Export a container's filesystem as a tar archive
#[derive(clap::Args, Debug)]
#[command(
    after_long_help = "The archive holds the container's merged file system: its image's layers with its own changes on top (deleted files absent). Owners are as the container sees them (root inside is 0, not your user id). Symlinks are archived as symlinks, never followed."
)]
pub(crate) struct Args {
    /// Write to a file, instead of STDOUT
    #[arg(short, long, value_name = "FILE")]
    pub(crate) output: Option<String>,
    /// The container (name or id)
    pub(crate) container: String,
}

pub(crate) fn run(ctx: &Context, a: Args) -> Result<i32> {
    let paths = ctx.paths()?;
    let rec = record::find(paths, &a.container)?;
    if a.output.is_none() && std::io::stdout().is_terminal() {
        bail!("cowardly refusing to save to a terminal. Use the -o flag or redirect");
    }
    ctx.userns()?;
    match &a.output {
        Some(path) => to_file(paths, &rec, path)?,
        None => {
            let out = std::io::BufWriter::with_capacity(256 << 10, std::io::stdout().lock());
            export(paths, &rec, out)?
                .flush()
                .context("cannot write the archive to standard output")?;
        }
    }
    Ok(0)
}

/// Writes beside `path` and renames, so a failed export leaves no half-written archive; a
/// device or fifo (`-o /dev/null`) is written to directly.
fn to_file(paths: &crate::store::Paths, rec: &record::Record, path: &str) -> Result<()> {
    if std::fs::metadata(path).is_ok_and(|m| !m.is_file()) {
        let f = std::fs::OpenOptions::new()
            .write(true)
            .open(path)
            .with_context(|| format!("cannot open {path}"))?;
        export(paths, rec, std::io::BufWriter::new(f))?
            .flush()
            .with_context(|| format!("cannot write {path}"))?;
        return Ok(());
    }
    let tmp = format!("{path}.skiff-tmp-{}", std::process::id());
    let res = (|| {
        let f = std::fs::File::create(&tmp).with_context(|| format!("cannot create {tmp}"))?;
        export(paths, rec, std::io::BufWriter::with_capacity(256 << 10, f))?
            .flush()
            .with_context(|| format!("cannot write {tmp}"))?;
        std::fs::rename(&tmp, path).with_context(|| format!("cannot write {path}"))
    })();
    if res.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    res
}
