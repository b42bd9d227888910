//! `skiff compose unpause`: thaw the project's paused containers, through `skiff unpause`'s
//! code.
use super::ProjectFlags;
use crate::cli::context::Context;
use anyhow::Result;

/// Unpause services
#[derive(clap::Args, Debug)]
pub(crate) struct Args {
    /// Services to unpause; default: all
    #[arg(value_name = "SERVICE")]
    pub(crate) services: Vec<String>,
}

pub(crate) fn run(ctx: &Context, flags: &ProjectFlags, a: Args) -> Result<i32> {
    let containers = super::pause::running(ctx, flags, &a.services)?;
    if containers.is_empty() {
        return Ok(0);
    }
    crate::cli::container::unpause::run(
        ctx,
        crate::cli::container::unpause::Args {
            all: false,
            containers,
        },
    )
}
