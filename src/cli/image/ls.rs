//! `skiff image ls [-a] [-q] [--no-trunc] [--digests] [REPOSITORY[:TAG]]` (also `skiff images`).
use crate::cli::context::Context;
use crate::cli::flags::format::FormatFlag;
use crate::cli::output::format;
use crate::cli::output::images::{
    image_id, ImageLine, IMAGES_COLUMNS, IMAGES_DIGEST_FORMAT, IMAGES_FORMAT,
};
use crate::engine::image::list::{list, ImageRow, ListOptions};
use anyhow::Result;

/// List images
#[derive(clap::Args, Debug)]
#[command(
    after_long_help = "REPOSITORY shows full names (docker.io/library/busybox, localhost/name), as podman does; Docker shortens Docker Hub names.\n\n--format json prints one JSON object per image per line with Docker's keys, as Docker does (podman prints one JSON array). Templates may also read podman's .Created and .Dangling, and .Id for .ID."
)]
pub(crate) struct Args {
    /// Show all images, the untagged images of build steps included (hidden by default)
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
    /// Do not print the header line of the table
    #[arg(long)]
    pub(crate) noheading: bool,
    /// Sort by created (newest first, the default), id, repository, size or tag
    #[arg(long, value_name = "KEY", value_parser = ["created", "id", "repository", "size", "tag"])]
    pub(crate) sort: Option<String>,
    /// Only images whose name matches REPOSITORY[:TAG]
    pub(crate) reference: Option<String>,
}

pub(crate) fn run(ctx: &Context, a: Args) -> Result<i32> {
    let filter = ListOptions {
        filter: a.reference,
    };
    let paths = ctx.paths()?;
    let mut rows = list(paths, &filter)?;
    if !a.all {
        crate::engine::build::cache::hide_steps(paths, &mut rows)?;
    }
    sort(&mut rows, a.sort.as_deref());
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
    let tmpl = format::parse_list(fmt)?.no_heading(a.noheading);
    let now = chrono::Utc::now();
    let out: Vec<_> = rows
        .iter()
        .map(|row| ImageLine {
            row,
            no_trunc: a.no_trunc,
            now,
        })
        .collect();
    print!("{}", tmpl.render_rows(&out, &IMAGES_COLUMNS)?);
    Ok(0)
}

/// podman's `images --sort`: `list` gives the newest first; the others sort ascending (stable,
/// so equal keys keep that order).
fn sort(rows: &mut [ImageRow], key: Option<&str>) {
    match key {
        Some("id") => rows.sort_by_key(|r| r.id.to_string()),
        Some("repository") => rows.sort_by(|a, b| a.repository.cmp(&b.repository)),
        Some("size") => rows.sort_by_key(|r| r.size),
        Some("tag") => rows.sort_by(|a, b| a.tag.cmp(&b.tag)),
        _ => {}
    }
}
