//! `skiff compose down`: stop and remove the project's containers and networks (and, with
//! `-v`, its volumes).
use super::{progress, ProjectFlags};
use crate::cli::context::Context;
use crate::engine::compose::down::{self, DownOptions};
use anyhow::{bail, Result};

/// Stop and remove containers, networks
#[derive(clap::Args, Debug)]
pub(crate) struct Args {
    /// Remove named volumes declared in the "volumes" section of the Compose file and anonymous volumes attached to containers
    #[arg(short = 'v', long)]
    pub(crate) volumes: bool,
    /// Remove containers for services not defined in the Compose file
    #[arg(long)]
    pub(crate) remove_orphans: bool,
    /// Specify a shutdown timeout in seconds
    #[arg(short = 't', long, value_name = "SECONDS")]
    pub(crate) timeout: Option<u64>,
    /// Remove images used by services: "local" removes only images that don't have a custom tag, "all" all of them
    #[arg(long, value_name = "TYPE")]
    pub(crate) rmi: Option<String>,
}

pub(crate) fn run(ctx: &Context, flags: &ProjectFlags, a: Args) -> Result<i32> {
    let rmi = match a.rmi.as_deref() {
        None => None,
        Some(t @ ("local" | "all")) => Some(t == "all"),
        Some(t) => bail!("invalid --rmi {t:?}: use local or all"),
    };
    let p = super::load(&flags.load_options()?)?.project;
    let paths = ctx.paths()?;
    ctx.userns()?;
    let o = DownOptions {
        volumes: a.volumes,
        remove_orphans: a.remove_orphans,
        timeout: a.timeout,
    };
    down::down(paths, &p, &o, &mut progress::event, &mut progress::warn)?;
    if let Some(all) = rmi {
        super::service_image::remove(ctx, &p, all)?;
    }
    Ok(0)
}
