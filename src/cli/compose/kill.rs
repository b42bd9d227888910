//! `skiff compose kill`: send a signal to the project's running containers.
use super::{progress, ProjectFlags};
use crate::cli::context::Context;
use crate::engine::compose::{down, up::Event};
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
    let p = super::load(&flags.load_options()?)?.project;
    let paths = ctx.paths()?;
    ctx.userns()?;
    crate::engine::spec::parse::parse_signal(&a.signal)?;
    for m in down::select(paths, &p, &a.services)?
        .iter()
        .filter(|m| m.running())
    {
        lifecycle::kill(paths, &m.record.id, &a.signal)?;
        progress::event(Event {
            kind: "Container",
            name: &m.record.name,
            action: "Killed",
        });
    }
    Ok(0)
}
