//! `skiff compose start`: start the project's existing containers, in dependency order.
use super::{progress, Access, ProjectFlags};
use crate::cli::context::Context;
use crate::engine::compose::{start_order, up::Event};
use crate::engine::container::detach;
use anyhow::{bail, Result};

/// Start services
#[derive(clap::Args, Debug)]
pub(crate) struct Args {
    /// Services to start; default: all
    #[arg(value_name = "SERVICE")]
    pub(crate) services: Vec<String>,
}

pub(crate) fn run(ctx: &Context, flags: &ProjectFlags, a: Args) -> Result<i32> {
    let (p, mut members) = flags.members(ctx, &a.services, Access::Change)?;
    let paths = ctx.paths()?;
    if members.is_empty() {
        bail!("no containers to start: create them with `compose up`");
    }
    let order = start_order(&p)?;
    members.sort_by_key(|m| order.iter().position(|s| *s == m.service));
    for m in members.iter().filter(|m| !m.running()) {
        detach::start(paths, &m.record.id)?;
        progress::event(Event {
            kind: "Container",
            name: &m.record.name,
            action: "Started",
        });
    }
    Ok(0)
}
