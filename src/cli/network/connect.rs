//! `skiff network connect [--alias A] [--ip IP] NETWORK CONTAINER`.
use crate::cli::context::Context;
use crate::engine::network::manage;
use anyhow::Result;

/// Connect a container to a network
#[derive(clap::Args, Debug)]
pub(crate) struct Args {
    /// Add network-scoped alias for the container
    #[arg(long, value_name = "ALIAS")]
    pub(crate) alias: Vec<String>,
    /// IPv4 address
    #[arg(long, value_name = "IP")]
    pub(crate) ip: Option<String>,
    #[arg(value_name = "NETWORK")]
    pub(crate) network: String,
    #[arg(value_name = "CONTAINER")]
    pub(crate) container: String,
}

pub(crate) fn run(ctx: &Context, a: Args) -> Result<i32> {
    ctx.userns()?;
    let ip = a.ip.unwrap_or_default();
    manage::connect(ctx.paths()?, &a.network, &a.container, &a.alias, &ip)?;
    Ok(0)
}
