//! `skiff image rm [-f] [-a] [-i] IMAGE...` (also `skiff rmi`): prints `Untagged: NAME` /
//! `Deleted: ID`.
use crate::cli::context::Context;
use crate::engine::container::users_of_image;
use crate::engine::image::remove::{every_image, remove, RemoveEvent, RemoveOptions};
use crate::error::coded;
use anyhow::{bail, Result};

/// Remove one or more images
#[derive(clap::Args, Debug)]
pub(crate) struct Args {
    /// Force removal: untag images that containers use (their data stays while they need it)
    #[arg(short, long)]
    pub(crate) force: bool,
    /// Remove all images
    #[arg(short, long)]
    pub(crate) all: bool,
    /// Ignore errors when a specified image is missing
    #[arg(short, long)]
    pub(crate) ignore: bool,
    /// Do not delete untagged parents (skiff's images have no parent images: there are none to delete)
    #[arg(long)]
    pub(crate) no_prune: bool,
    /// The images to remove (names or ids)
    #[arg(required_unless_present = "all", value_name = "IMAGE")]
    pub(crate) images: Vec<String>,
}

pub(crate) fn run(ctx: &Context, a: Args) -> Result<i32> {
    if a.all && !a.images.is_empty() {
        bail!("give image names or --all, not both");
    }
    // Layer dirs hold subordinate-owned files: only the namespace's root can delete them.
    ctx.userns()?;
    let paths = ctx.paths()?;
    let opts = RemoveOptions {
        force: a.force,
        ignore_missing: a.ignore,
    };
    let refs = match a.all {
        true => every_image(paths)?,
        false => a.images,
    };
    // The roots come from the container side; remove asks under the images lock.
    let outcomes = remove(paths, &refs, &opts, &|id| users_of_image(paths, id))?;
    let mut failures = Vec::new();
    for o in outcomes {
        match o.result {
            Ok(events) => {
                for e in events {
                    match e {
                        RemoveEvent::Untagged(n) => println!("Untagged: {n}"),
                        RemoveEvent::Deleted(id) => println!("Deleted: {id}"),
                    }
                }
            }
            Err(e) => failures.push(format!("{e:#}")),
        }
    }
    // Docker exits 1 when any image could not be removed; each failure is reported once.
    match failures.len() {
        0 => Ok(0),
        1 => Err(coded(1, failures.remove(0))),
        n => {
            for f in &failures {
                eprintln!("error: {f}");
            }
            Err(coded(
                1,
                format!("{n} of {} images could not be removed", refs.len()),
            ))
        }
    }
}
