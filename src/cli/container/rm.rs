//! `skiff rm`: remove containers.
use crate::cli::common;
use crate::engine::container::remove::{self, RemoveOptions};
use anyhow::{bail, Result};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Force the removal of a running container (uses SIGKILL)
    #[arg(short = 'f', long)]
    pub force: bool,
    /// Remove anonymous volumes associated with the container (skiff has no volumes yet: an error)
    #[arg(short = 'v', long)]
    pub volumes: bool,
    /// Containers to remove
    #[arg(required = true, value_name = "CONTAINER")]
    pub containers: Vec<String>,
}

pub fn run(args: Args) -> Result<i32> {
    // Refused rather than ignored, so that no script believes it removed volumes. The volumes
    // issue replaces this error with removing the container's anonymous volumes.
    if args.volumes {
        bail!("rm --volumes: skiff has no volumes yet; remove the container without -v");
    }
    let paths = common::paths()?;
    common::enter_userns(&paths)?;
    let o = RemoveOptions { force: args.force };
    let mut code = 0;
    for c in &args.containers {
        match remove::remove(&paths, c, &o) {
            Ok(_) => println!("{c}"),
            Err(e) => {
                common::report_error(&e);
                code = 1;
            }
        }
    }
    Ok(code)
}
