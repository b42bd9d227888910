//! `skiff compose ls`: the projects of the store, from their containers' labels.
use super::ps::table;
use crate::cli::context::Context;
use crate::engine::compose::state;
use anyhow::Result;

/// List running compose projects
#[derive(clap::Args, Debug)]
pub(crate) struct Args {
    /// Show all stopped Compose projects
    #[arg(short = 'a', long)]
    pub(crate) all: bool,
    /// Only display project names
    #[arg(short = 'q', long)]
    pub(crate) quiet: bool,
}

pub(crate) fn run(ctx: &Context, a: Args) -> Result<i32> {
    let projects: Vec<_> = state::projects(ctx.paths()?)?
        .into_iter()
        .filter(|p| a.all || p.running > 0)
        .collect();
    if a.quiet {
        projects.iter().for_each(|p| println!("{}", p.name));
        return Ok(0);
    }
    let mut rows = vec![["NAME", "STATUS", "CONFIG FILES"].map(String::from)];
    for p in projects {
        let status = match p.running {
            0 => format!("exited({})", p.total),
            n if n == p.total => format!("running({n})"),
            n => format!("running({n}), exited({})", p.total - n),
        };
        rows.push([p.name, status, p.config_files]);
    }
    print!("{}", table(&rows));
    Ok(0)
}
