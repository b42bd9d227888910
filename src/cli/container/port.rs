//! `skiff container port CONTAINER [PRIVATE_PORT[/PROTO]]` (also `skiff port`): the container's published ports.
use crate::cli::context::Context;
use crate::engine::container::{network, record};
use anyhow::Result;

/// List port mappings or a specific mapping for the container
#[derive(clap::Args, Debug)]
pub(crate) struct Args {
    /// The container (name or id)
    pub(crate) container: String,
    /// Only this container port (PORT or PORT/PROTO)
    #[arg(value_name = "PRIVATE_PORT[/PROTO]")]
    pub(crate) port: Option<String>,
}

pub(crate) fn run(ctx: &Context, args: Args) -> Result<i32> {
    let rec = record::find(ctx.paths()?, &args.container)?;
    let lines = network::ports::port_lines(network::live_ports(&rec), args.port.as_deref())?;
    if let (Some(p), true) = (&args.port, lines.is_empty()) {
        anyhow::bail!("no public port {p} published for {}", rec.name);
    }
    for l in lines {
        println!("{l}");
    }
    Ok(0)
}
