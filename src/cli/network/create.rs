//! `skiff network create [flags] NAME`: a record; the bridge is made when a container joins.
use crate::cli::context::Context;
use crate::cli::volume::key_values;
use crate::engine::network::user::{self, CreateRequest};
use anyhow::Result;

/// Create a network
#[derive(clap::Args, Debug)]
#[command(
    after_long_help = "DIFFERENCES\n\nNetworks are rootless bridges inside one network namespace of the user's (made when the first container joins, gone with the last); containers reach the outside through pasta. The bridge driver is the only one. Without --subnet, a free 10.89.N.0/24 that no other network and no route of the host uses is chosen (with --ipv6 also a free fd00:89:0:N::/64). --opt takes mtu only. Creating an existing name fails unless --ignore."
)]
pub(crate) struct Args {
    /// Driver to manage the network (bridge, the only one)
    #[arg(short = 'd', long, value_name = "DRIVER")]
    pub(crate) driver: Option<String>,
    /// Subnet in CIDR format (repeat for an IPv6 one)
    #[arg(long, value_name = "SUBNET")]
    pub(crate) subnet: Vec<String>,
    /// Gateway for the subnet (one per --subnet)
    #[arg(long, value_name = "IP")]
    pub(crate) gateway: Vec<String>,
    /// Allocate container addresses from a sub-range (one per --subnet)
    #[arg(long = "ip-range", value_name = "RANGE")]
    pub(crate) ip_range: Vec<String>,
    /// Restrict external access to the network
    #[arg(long)]
    pub(crate) internal: bool,
    /// Enable IPv6 networking
    #[arg(long)]
    pub(crate) ipv6: bool,
    /// Set metadata on a network (KEY=VALUE)
    #[arg(long = "label", value_name = "KEY=VALUE")]
    pub(crate) label: Vec<String>,
    /// Set driver specific options (mtu=N)
    #[arg(short = 'o', long = "opt", value_name = "KEY=VALUE")]
    pub(crate) opt: Vec<String>,
    /// Do not fail if the network exists (podman's)
    #[arg(long)]
    pub(crate) ignore: bool,
    /// The network's name
    #[arg(value_name = "NAME")]
    pub(crate) name: String,
}

pub(crate) fn run(ctx: &Context, a: Args) -> Result<i32> {
    let req = CreateRequest {
        name: a.name,
        driver: a.driver,
        subnets: a.subnet,
        gateways: a.gateway,
        ip_ranges: a.ip_range,
        internal: a.internal,
        ipv6: a.ipv6,
        labels: key_values(&a.label),
        options: key_values(&a.opt),
        ignore: a.ignore,
    };
    let (n, _) = user::create(ctx.paths()?, &req)?;
    println!("{}", n.id);
    Ok(0)
}
