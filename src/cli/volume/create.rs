//! `skiff volume create [NAME]`: a named volume (a generated name without one).
use crate::cli::context::Context;
use crate::engine::volume::create::{self, VolumeRequest};
use anyhow::Result;

/// Create a volume
#[derive(clap::Args, Debug)]
#[command(
    after_long_help = "DIFFERENCES\n\n-o takes the local driver's options as Docker's, within what a user namespace allows: type=tmpfs (with o=size=...,mode=...) gives each container that mounts the volume a tmpfs of its own (Docker shares one while any container uses it; a rootless engine cannot mount on the host), nosuid,nodev,noexec as --tmpfs unless o= says suid, dev or exec; device=DIR with o=bind mounts a host directory. Other file system types (nfs, ext4...) need privileges and are refused.\n\nCreating a volume that exists prints its name and succeeds, as Docker does (podman fails)."
)]
pub(crate) struct Args {
    /// Specify volume driver name (local, the only one)
    #[arg(short = 'd', long, value_name = "DRIVER", default_value = "local")]
    pub(crate) driver: String,
    /// Set metadata for a volume (KEY=VALUE)
    #[arg(short = 'l', long = "label", value_name = "KEY=VALUE")]
    pub(crate) label: Vec<String>,
    /// Set driver specific options (type=tmpfs, device=DIR, o=OPTIONS)
    #[arg(short = 'o', long = "opt", value_name = "KEY=VALUE")]
    pub(crate) opt: Vec<String>,
    /// Ignore the create request if the volume exists (podman's; the default here)
    #[arg(long)]
    pub(crate) ignore: bool,
    /// The volume's name
    #[arg(value_name = "NAME")]
    pub(crate) name: Option<String>,
}

pub(crate) fn run(ctx: &Context, a: Args) -> Result<i32> {
    let req = VolumeRequest {
        name: a.name,
        driver: Some(a.driver),
        labels: super::key_values(&a.label),
        options: super::key_values(&a.opt),
        anonymous: false,
    };
    let (v, _) = create::create(ctx.paths()?, &req)?;
    println!("{}", v.name);
    Ok(0)
}
