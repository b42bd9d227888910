//! `skiff compose unpause`: thaw the project's running containers,
//! through `skiff unpause`'s code.
use super::ProjectFlags;
use crate::cli::context::Context;
use crate::engine::compose::down;
use anyhow::Result;

/// Unpause services
#[derive(clap::Args, Debug)]
pub(crate) struct Args {
    /// Services to unpause; default: all
    #[arg(value_name = "SERVICE")]
    pub(crate) services: Vec<String>,
}

pub(crate) fn run(ctx: &Context, flags: &ProjectFlags, a: Args) -> Result<i32> {
    let p = super::load(&flags.load_options()?)?.project;
    let members = down::select(ctx.paths()?, &p, &a.services)?;
    let containers: Vec<String> = members
        .iter()
        .filter(|m| m.running())
        .map(|m| m.record.id.clone())
        .collect();
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
