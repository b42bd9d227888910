//! `skiff compose pause` and `unpause`: freeze or thaw the project's running containers,
//! through `skiff pause`/`unpause`'s code.
use super::{Access, ProjectFlags};
use crate::cli::context::Context;
use anyhow::Result;

/// Pause services
#[derive(clap::Args, Debug)]
pub(crate) struct Args {
    /// Services to pause; default: all
    #[arg(value_name = "SERVICE")]
    pub(crate) services: Vec<String>,
}

pub(crate) fn run(ctx: &Context, flags: &ProjectFlags, a: Args) -> Result<i32> {
    let containers = running(ctx, flags, &a.services)?;
    if containers.is_empty() {
        return Ok(0);
    }
    let args = crate::cli::container::pause::Args {
        all: false,
        containers,
    };
    crate::cli::container::pause::run(ctx, args)
}

/// The ids of the services' running containers (all services' when none is named).
pub(crate) fn running(
    ctx: &Context,
    flags: &ProjectFlags,
    services: &[String],
) -> Result<Vec<String>> {
    let (_, members) = flags.members(ctx, services, Access::Read)?;
    Ok(members
        .iter()
        .filter(|m| m.running())
        .map(|m| m.record.id.clone())
        .collect())
}
