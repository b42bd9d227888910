//! `skiff image ls [-a] [-q] [--no-trunc] [--digests] [REPOSITORY[:TAG]]` (also `skiff images`).
use crate::cli::context::Context;
use crate::cli::flags::format::FormatFlag;
use crate::cli::output::format;
use crate::cli::output::images::{
    image_id, image_row, IMAGES_DIGEST_FORMAT, IMAGES_FORMAT, IMAGES_HEADER,
};
use crate::engine::image::list::{list, ListOptions};
use anyhow::Result;

/// List images
#[derive(clap::Args, Debug)]
#[command(
    after_long_help = "REPOSITORY shows full names (docker.io/library/busybox, localhost/name), as podman does; Docker shortens Docker Hub names."
)]
pub(crate) struct Args {
    /// Show all images (intermediate images too; skiff keeps none, so the same list)
    #[arg(short, long)]
    pub(crate) all: bool,
    /// Only show image IDs
    #[arg(short, long)]
    pub(crate) quiet: bool,
    /// Don't truncate output
    #[arg(long)]
    pub(crate) no_trunc: bool,
    /// Show digests
    #[arg(long)]
    pub(crate) digests: bool,
    #[command(flatten)]
    pub(crate) format: FormatFlag,
    /// Only images whose name matches REPOSITORY[:TAG]
    pub(crate) reference: Option<String>,
}

pub(crate) fn run(ctx: &Context, a: Args) -> Result<i32> {
    let filter = ListOptions {
        filter: a.reference,
    };
    let rows = list(ctx.paths()?, &filter)?;
    if a.quiet {
        let mut seen = std::collections::HashSet::new();
        for r in rows.iter().filter(|r| seen.insert(r.id.clone())) {
            println!("{}", image_id(&r.id, a.no_trunc));
        }
        return Ok(0);
    }
    let fmt = match a.format.custom() {
        Some(f) => f,
        None if a.digests => IMAGES_DIGEST_FORMAT,
        None => IMAGES_FORMAT,
    };
    let tmpl = format::parse_list(fmt)?;
    let now = chrono::Utc::now();
    let out: Vec<_> = rows.iter().map(|r| image_row(r, a.no_trunc, now)).collect();
    print!("{}", tmpl.render(&out, IMAGES_HEADER)?);
    Ok(0)
}
