//! `skiff container exists CONTAINER` (podman's): exit 0 when the container exists, 1 when not.
use crate::cli::context::Context;
use crate::engine::container::{record, select};
use anyhow::Result;

/// Check if a container exists in local storage (exit code 0 if it does, 1 if it does not)
#[derive(clap::Args, Debug)]
pub(crate) struct Args {
    /// The container (name, id or id prefix)
    #[arg(value_name = "CONTAINER")]
    pub(crate) container: String,
}

pub(crate) fn run(ctx: &Context, a: Args) -> Result<i32> {
    // Silent either way, as podman's: the exit code is the answer.
    match record::find(ctx.paths()?, &a.container) {
        Ok(_) => Ok(0),
        Err(e) if select::is_missing(&e) => Ok(1),
        Err(e) => Err(e),
    }
}
