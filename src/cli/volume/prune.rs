//! `skiff volume prune [-a] [-f] [--filter F]`: the volumes no container uses; anonymous ones
//! only unless `-a` (Docker ≥ 23).
use crate::cli::context::Context;
use crate::cli::system::prune::print_report;
use crate::engine::system::prune;
use crate::engine::volume::Filters;
use anyhow::{bail, Result};
use std::io::IsTerminal;

/// Remove unused local volumes
#[derive(clap::Args, Debug)]
pub(crate) struct Args {
    /// Remove all unused volumes, not just anonymous ones
    #[arg(short, long)]
    pub(crate) all: bool,
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
            bail!("volume prune removes unused volumes: confirm with -f when not on a terminal");
        }
        let what = if a.all {
            "all local volumes"
        } else {
            "anonymous local volumes"
        };
        eprint!("WARNING! This will remove {what} not used by at least one container.\nAre you sure you want to continue? [y/N] ");
        let mut answer = String::new();
        std::io::stdin().read_line(&mut answer)?;
        if !answer.trim().eq_ignore_ascii_case("y") {
            return Ok(0);
        }
    }
    ctx.userns()?;
    let report = prune::volumes(ctx.paths()?, a.all, |v| filters.matches(v, false))?;
    print_report(&report);
    Ok(0)
}
