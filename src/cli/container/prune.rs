//! `skiff container prune`: remove every stopped container.
use crate::cli::context::Context;
use crate::engine::container::{record, remove};
use anyhow::{bail, Result};
use std::io::IsTerminal;

/// Remove all stopped containers
#[derive(clap::Args, Debug)]
pub(crate) struct Args {
    /// Do not prompt for confirmation
    #[arg(short = 'f', long)]
    pub(crate) force: bool,
}

pub(crate) fn run(ctx: &Context, args: Args) -> Result<i32> {
    if !args.force {
        if !std::io::stdin().is_terminal() {
            bail!("container prune removes all stopped containers: confirm with -f when not on a terminal");
        }
        eprint!("WARNING! This will remove all stopped containers.\nAre you sure you want to continue? [y/N] ");
        let mut a = String::new();
        std::io::stdin().read_line(&mut a)?;
        if !a.trim().eq_ignore_ascii_case("y") {
            return Ok(0);
        }
    }
    ctx.userns()?;
    let paths = ctx.paths()?;
    let o = remove::RemoveOptions::default();
    println!("Deleted Containers:");
    for r in record::list(paths)? {
        if r.live_status() != record::Status::Running && remove::remove(paths, &r.id, &o).is_ok() {
            println!("{}", r.id);
        }
    }
    Ok(0)
}
