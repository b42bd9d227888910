//! `skiff container rm` (also `skiff rm`): remove containers.
use crate::cli::context::Context;
use crate::cli::output::report;
use crate::engine::container::remove::{self, RemoveOptions};
use crate::engine::container::select::{self, Selection};
use anyhow::Result;

/// Remove one or more containers
#[derive(clap::Args, Debug)]
pub(crate) struct Args {
    /// Force the removal of a running container (uses SIGKILL, or a stop with -t)
    #[arg(short = 'f', long)]
    pub(crate) force: bool,
    /// Remove all containers
    #[arg(short = 'a', long)]
    pub(crate) all: bool,
    /// Ignore errors when a specified container is missing
    #[arg(short = 'i', long)]
    pub(crate) ignore: bool,
    /// Seconds to wait for the stop of a running container (with -f) before killing it
    #[arg(short = 't', long = "time", value_name = "SECONDS")]
    pub(crate) time: Option<u64>,
    /// Remove the containers that depend on these (that joined their namespaces) first
    #[arg(long)]
    pub(crate) depend: bool,
    /// Remove anonymous volumes associated with the container (named volumes stay)
    #[arg(short = 'v', long)]
    pub(crate) volumes: bool,
    /// Containers to remove
    #[arg(value_name = "CONTAINER", required_unless_present = "all")]
    pub(crate) containers: Vec<String>,
}

pub(crate) fn run(ctx: &Context, args: Args) -> Result<i32> {
    ctx.userns()?;
    let paths = ctx.paths()?;
    let which = Selection::of(args.containers, args.all, false);
    let mut keys = select::select(paths, &which, |_| true)?;
    if args.depend {
        keys = remove::with_dependents(paths, &keys)?;
    }
    let o = RemoveOptions {
        force: args.force,
        stop_timeout: args.time,
        volumes: args.volumes,
    };
    // Docker's rm exits 1 when any container could not be removed.
    let mut code = 0;
    for c in &keys {
        match remove::remove(paths, c, &o) {
            Ok(_) => println!("{c}"),
            Err(e) if args.ignore && select::is_missing(&e) => {}
            Err(e) => {
                report::error(&e);
                code = 1;
            }
        }
    }
    Ok(code)
}
