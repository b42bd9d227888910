//! `skiff info`: the store, the host and what skiff would use there, from the store and /proc
//! (there is no daemon to ask).
use crate::cli::context::Context;
use crate::cli::output::{format, info};
use anyhow::Result;

/// Display system-wide information
#[derive(clap::Args, Debug)]
#[command(after_long_help = DIFFERENCES)]
pub(crate) struct Args {
    /// Format the output using a Go template such as '{{.Driver}}' or '{{.Store.GraphRoot}}', or 'json'
    #[arg(short = 'f', long)]
    pub(crate) format: Option<String>,
}

const DIFFERENCES: &str = "Template fields: Docker's (.Driver, .Containers, .Images, \
.DockerRootDir, .CgroupVersion, .SecurityOptions...) and podman's (.Store.GraphRoot, \
.Store.RunRoot, .Host.IDMappings, .Host.Pasta, .Host.Slirp4NetNS, .Host.CgroupControllers, \
.Registries.Search...) in one object.

Where skiff differs on purpose:

  - skiff is daemonless: what Docker prints under Server describes the local store and host. \
It adds the id mapping in use (the user namespace's, or the one skiff would make: a \
subordinate range or a single id), the network helpers found (the default one marked), and the \
cgroup controllers delegated to the user.
  - The storage driver is overlay, mounted with userxattr; cgroups are written directly \
(cgroupfs).";

pub(crate) fn run(ctx: &Context, a: Args) -> Result<i32> {
    // Parsed before the store is read, so a bad template fails alone.
    let fmt = a.format.filter(|f| !f.is_empty());
    if let Some(f) = fmt.as_deref().filter(|f| *f != "json") {
        format::parse_inspect(Some(f))?;
    }
    let i = crate::engine::info::gather(ctx.paths()?)?;
    match fmt {
        Some(f) => print!("{}", format::render_object(&f, &info::info_value(&i))?),
        None => print!("{}", info::info_text(&i)),
    }
    Ok(0)
}
