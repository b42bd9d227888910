//! `skiff network prune [-f] [--filter F]`: the networks no container uses.
use crate::cli::context::Context;
use crate::engine::network::manage::{self, Filters};
use anyhow::{bail, Result};
use std::io::IsTerminal;

/// Remove all unused networks
#[derive(clap::Args, Debug)]
pub(crate) struct Args {
    /// Do not prompt for confirmation
    #[arg(short, long)]
    pub(crate) force: bool,
    /// Provide filter values (label=KEY[=VALUE], label!=KEY[=VALUE], name=NAME)
    #[arg(long = "filter", value_name = "FILTER")]
    pub(crate) filter: Vec<String>,
}

pub(crate) fn run(ctx: &Context, a: Args) -> Result<i32> {
    let filters = Filters::parse(&a.filter)?;
    if !a.force {
        if !std::io::stdin().is_terminal() {
            bail!("network prune removes unused networks: confirm with -f when not on a terminal");
        }
        eprint!("WARNING! This will remove all custom networks not used by at least one container.\nAre you sure you want to continue? [y/N] ");
        let mut answer = String::new();
        std::io::stdin().read_line(&mut answer)?;
        if !answer.trim().eq_ignore_ascii_case("y") {
            return Ok(0);
        }
    }
    let gone = manage::prune(ctx.paths()?, |n| filters.matches(n))?;
    if !gone.is_empty() {
        println!("Deleted Networks:");
        for n in &gone {
            println!("{n}");
        }
    }
    Ok(0)
}
