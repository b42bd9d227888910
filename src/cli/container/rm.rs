//! `skiff container rm` (also `skiff rm`): remove containers.
use crate::cli::context::Context;
use crate::cli::output::report;
use crate::engine::container::remove::{self, RemoveOptions};
use anyhow::{bail, Result};

/// Remove one or more containers
#[derive(clap::Args, Debug)]
pub(crate) struct Args {
    /// Force the removal of a running container (uses SIGKILL)
    #[arg(short = 'f', long)]
    pub(crate) force: bool,
    /// Remove anonymous volumes associated with the container (skiff has no volumes yet: an error)
    #[arg(short = 'v', long)]
    pub(crate) volumes: bool,
    /// Containers to remove
    #[arg(required = true, value_name = "CONTAINER")]
    pub(crate) containers: Vec<String>,
}

pub(crate) fn run(ctx: &Context, args: Args) -> Result<i32> {
    // Refused rather than ignored, so that no script believes it removed volumes. The volumes
    // issue replaces this error with removing the container's anonymous volumes.
    if args.volumes {
        bail!("rm --volumes: skiff has no volumes yet; remove the container without -v");
    }
    ctx.userns()?;
    let paths = ctx.paths()?;
    let o = RemoveOptions { force: args.force };
    let mut code = 0;
    for c in &args.containers {
        match remove::remove(paths, c, &o) {
            Ok(_) => println!("{c}"),
            Err(e) => {
                report::error(&e);
                code = 1;
            }
        }
    }
    Ok(code)
}
