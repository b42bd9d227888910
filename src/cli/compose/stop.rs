//! `skiff compose stop`: stop the project's running containers, all at once.
use super::{progress, Access, ProjectFlags};
use crate::cli::context::Context;
use crate::engine::compose::down;
use anyhow::Result;

/// Stop services
#[derive(clap::Args, Debug)]
pub(crate) struct Args {
    /// Specify a shutdown timeout in seconds
    #[arg(short = 't', long, value_name = "SECONDS")]
    pub(crate) timeout: Option<u64>,
    /// Services to stop; default: all
    #[arg(value_name = "SERVICE")]
    pub(crate) services: Vec<String>,
}

pub(crate) fn run(ctx: &Context, flags: &ProjectFlags, a: Args) -> Result<i32> {
    let (_, members) = flags.members(ctx, &a.services, Access::Change)?;
    let paths = ctx.paths()?;
    down::stop_all(paths, &members, a.timeout, &mut progress::event);
    Ok(0)
}
