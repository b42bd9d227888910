//! `skiff compose kill`: send a signal to the project's running containers.
use super::{progress, Access, ProjectFlags};
use crate::cli::context::Context;
use crate::engine::compose::up::Event;
use crate::engine::container::lifecycle;
use anyhow::Result;

/// Force stop service containers
#[derive(clap::Args, Debug)]
pub(crate) struct Args {
    /// SIGNAL to send to the container
    #[arg(short = 's', long, default_value = "SIGKILL")]
    pub(crate) signal: String,
    /// Services to kill; default: all
    #[arg(value_name = "SERVICE")]
    pub(crate) services: Vec<String>,
}

pub(crate) fn run(ctx: &Context, flags: &ProjectFlags, a: Args) -> Result<i32> {
    crate::engine::spec::parse::parse_signal(&a.signal)?;
    let (_, members) = flags.members(ctx, &a.services, Access::Change)?;
    let paths = ctx.paths()?;
    for m in members.iter().filter(|m| m.running()) {
        lifecycle::kill(paths, &m.record.id, &a.signal)?;
        progress::event(Event {
            kind: "Container",
            name: &m.record.name,
            action: "Killed",
        });
    }
    Ok(0)
}
