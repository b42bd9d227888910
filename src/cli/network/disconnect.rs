//! `skiff network disconnect NETWORK CONTAINER`.
use crate::cli::context::Context;
use crate::engine::network::manage;
use anyhow::Result;

/// Disconnect a container from a network
#[derive(clap::Args, Debug)]
pub(crate) struct Args {
    /// Accepted for Docker's CLI: disconnecting never needs forcing here
    #[arg(short, long)]
    pub(crate) force: bool,
    #[arg(value_name = "NETWORK")]
    pub(crate) network: String,
    #[arg(value_name = "CONTAINER")]
    pub(crate) container: String,
}

pub(crate) fn run(ctx: &Context, a: Args) -> Result<i32> {
    ctx.userns()?;
    manage::disconnect(ctx.paths()?, &a.network, &a.container)?;
    Ok(0)
}
