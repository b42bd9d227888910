//! `skiff compose restart`: stop the project's containers, then start them in dependency
//! order.
use super::{progress, Access, ProjectFlags};
use crate::cli::context::Context;
use crate::engine::compose::state::Member;
use crate::engine::compose::{down, start_order, up::Event};
use crate::engine::container::detach;
use crate::store::Paths;
use anyhow::Result;

/// Restart service containers
#[derive(clap::Args, Debug)]
pub(crate) struct Args {
    /// Specify a shutdown timeout in seconds
    #[arg(short = 't', long, value_name = "SECONDS")]
    pub(crate) timeout: Option<u64>,
    /// Services to restart; default: all
    #[arg(value_name = "SERVICE")]
    pub(crate) services: Vec<String>,
}

pub(crate) fn run(ctx: &Context, flags: &ProjectFlags, a: Args) -> Result<i32> {
    let (p, mut members) = flags.members(ctx, &a.services, Access::Change)?;
    let paths = ctx.paths()?;
    let order = start_order(&p)?;
    members.sort_by_key(|m| order.iter().position(|s| *s == m.service));
    restart(paths, &members, a.timeout)?;
    Ok(0)
}

/// Stops `members` together, then starts them in their order, each reported "Restarted"
/// (also a watch rule's restart).
pub(crate) fn restart(paths: &Paths, members: &[Member], timeout: Option<u64>) -> Result<()> {
    down::stop_all(paths, members, timeout, &mut |_| {});
    for m in members {
        detach::start(paths, &m.record.id)?;
        progress::event(Event {
            kind: "Container",
            name: &m.record.name,
            action: "Restarted",
        });
    }
    Ok(())
}
