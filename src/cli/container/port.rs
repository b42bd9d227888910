//! `skiff port CONTAINER [PRIVATE_PORT[/PROTO]]`: the container's published ports.
use crate::cli::common;
use crate::engine::container::{network, record};
use anyhow::Result;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The container (name or id)
    pub container: String,
    /// Only this container port (PORT or PORT/PROTO)
    #[arg(value_name = "PRIVATE_PORT[/PROTO]")]
    pub port: Option<String>,
}

pub fn run(args: Args) -> Result<i32> {
    let paths = common::paths()?;
    let rec = record::find(&paths, &args.container)?;
    let lines = network::ports::port_lines(network::live_ports(&rec), args.port.as_deref())?;
    if let (Some(p), true) = (&args.port, lines.is_empty()) {
        anyhow::bail!("no public port {p} published for {}", rec.name);
    }
    for l in lines {
        println!("{l}");
    }
    Ok(0)
}
