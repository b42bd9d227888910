//! `skiff system df [-v] [--format F]`: the store's disk usage (Docker's table).
use crate::cli::context::Context;
use crate::cli::flags::format::FormatFlag;
use crate::cli::output::disk_usage::{verbose, DF_COLUMNS, DF_FORMAT};
use crate::cli::output::format;
use crate::engine::system::df::usage;
use anyhow::{bail, Result};

/// Show skiff disk usage
#[derive(clap::Args, Debug)]
#[command(
    after_long_help = "Sizes are measured on disk, as du -sb counts them: an image's are its unpacked layers (a layer several images share is counted once), a container's its writable layer, a volume's its data, the build cache's the layers of build steps no listed image uses.\n\nDIFFERENCES: the compressed layer blobs skiff keeps for push and save are not counted. --format with -v is not supported (an error)."
)]
pub(crate) struct Args {
    /// Show detailed information on space usage
    #[arg(short, long)]
    pub(crate) verbose: bool,
    #[command(flatten)]
    pub(crate) format: FormatFlag,
}

pub(crate) fn run(ctx: &Context, a: Args) -> Result<i32> {
    if a.verbose && a.format.custom().is_some() {
        bail!("--format with --verbose is not supported: use one or the other");
    }
    let fmt = format::parse_list(a.format.custom().unwrap_or(DF_FORMAT))?;
    // Layer and volume trees may hold directories only the namespace's root can read.
    ctx.userns()?;
    let u = usage(ctx.paths()?)?;
    match a.verbose {
        true => print!("{}", verbose(&u, chrono::Utc::now())),
        false => print!("{}", fmt.render_rows(&u.summary(), &DF_COLUMNS)?),
    }
    Ok(0)
}
