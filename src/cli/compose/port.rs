//! `skiff compose port`: the host address a service's container port is published on.
use super::{Access, ProjectFlags};
use crate::cli::context::Context;
use anyhow::{bail, Result};

/// Print the public port for a port binding
#[derive(clap::Args, Debug)]
pub(crate) struct Args {
    /// Index of the container if the service has multiple replicas
    #[arg(long, default_value_t = 1)]
    pub(crate) index: u32,
    /// tcp or udp
    #[arg(long, default_value = "tcp")]
    pub(crate) protocol: String,
    /// The service
    #[arg(value_name = "SERVICE")]
    pub(crate) service: String,
    /// The container port
    #[arg(value_name = "PRIVATE_PORT")]
    pub(crate) port: u16,
}

pub(crate) fn run(ctx: &Context, flags: &ProjectFlags, a: Args) -> Result<i32> {
    if a.protocol != "tcp" && a.protocol != "udp" {
        bail!("invalid --protocol {:?}: use tcp or udp", a.protocol);
    }
    let (_, members) = flags.members(ctx, std::slice::from_ref(&a.service), Access::Read)?;
    let Some(m) = members.iter().find(|m| m.number == a.index) else {
        bail!(
            "service {:?} has no container number {}",
            a.service,
            a.index
        );
    };
    let args = crate::cli::container::port::Args {
        container: m.record.id.clone(),
        port: Some(format!("{}/{}", a.port, a.protocol)),
    };
    crate::cli::container::port::run(ctx, args)
}
