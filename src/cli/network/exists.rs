//! `skiff network exists NETWORK` (podman's): exit 0 when the network exists, 1 when not.
use crate::cli::context::Context;
use crate::engine::network::user;
use anyhow::Result;

/// Check if a network exists (exit code 0 if it does, 1 if it does not)
#[derive(clap::Args, Debug)]
pub(crate) struct Args {
    /// The network (name, id or id prefix)
    #[arg(value_name = "NETWORK")]
    pub(crate) name: String,
}

pub(crate) fn run(ctx: &Context, a: Args) -> Result<i32> {
    // Silent either way, as podman's: the exit code is the answer.
    Ok(match user::load(ctx.paths()?, &a.name)? {
        Some(_) => 0,
        None => 1,
    })
}
