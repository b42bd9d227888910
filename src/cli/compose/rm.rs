//! `skiff compose rm`: remove the project's stopped containers.
use super::{progress, Access, ProjectFlags};
use crate::cli::context::Context;
use crate::engine::compose::{down, up::Event};
use crate::engine::container::remove;
use anyhow::Result;

/// Removes stopped service containers
#[derive(clap::Args, Debug)]
#[command(
    after_long_help = "Where skiff differs: without -f, skiff asks for confirmation only when stdin is a terminal; otherwise it removes, as with -f."
)]
pub(crate) struct Args {
    /// Don't ask to confirm removal
    #[arg(short = 'f', long)]
    pub(crate) force: bool,
    /// Stop the containers, if required, before removing
    #[arg(short = 's', long)]
    pub(crate) stop: bool,
    /// Remove any anonymous volumes attached to containers
    #[arg(short = 'v', long)]
    pub(crate) volumes: bool,
    /// Services whose containers to remove; default: all
    #[arg(value_name = "SERVICE")]
    pub(crate) services: Vec<String>,
}

pub(crate) fn run(ctx: &Context, flags: &ProjectFlags, a: Args) -> Result<i32> {
    use std::io::IsTerminal;
    let (_, members) = flags.members(ctx, &a.services, Access::Change)?;
    let paths = ctx.paths()?;
    if a.stop {
        down::stop_all(paths, &members, None, &mut progress::event);
    }
    let gone: Vec<_> = members.iter().filter(|m| a.stop || !m.running()).collect();
    if gone.is_empty() {
        eprintln!("No stopped containers");
        return Ok(0);
    }
    if !a.force && std::io::stdin().is_terminal() {
        let names: Vec<&str> = gone.iter().map(|m| m.record.name.as_str()).collect();
        eprint!(
            "Going to remove {}\n? Are you sure? [y/N] ",
            names.join(", ")
        );
        let mut answer = String::new();
        std::io::stdin().read_line(&mut answer)?;
        if !answer.trim().eq_ignore_ascii_case("y") {
            return Ok(0);
        }
    }
    for m in gone {
        let o = remove::RemoveOptions {
            force: true,
            stop_timeout: None,
            volumes: a.volumes,
        };
        remove::remove(paths, &m.record.id, &o)?;
        progress::event(Event {
            kind: "Container",
            name: &m.record.name,
            action: "Removed",
        });
    }
    Ok(0)
}
