//! `skiff network-proxy --target IP --ports P,...` (hidden): the published-port proxy of a
//! container on user networks, started by its start with the listening sockets inherited.
use crate::cli::context::Context;
use anyhow::Result;

/// Forward published ports into the rootless network namespace (internal)
#[derive(clap::Args, Debug)]
pub(crate) struct Args {
    #[arg(long)]
    pub(crate) target: std::net::IpAddr,
    #[arg(long, value_delimiter = ',')]
    pub(crate) ports: Vec<u16>,
}

pub(crate) fn run(ctx: &Context, a: Args) -> Result<i32> {
    crate::engine::network::proxy::serve(ctx.paths()?, a.target, &a.ports)?;
    Ok(0)
}
