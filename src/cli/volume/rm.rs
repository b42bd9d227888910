//! `skiff volume rm [-f] VOLUME...`: refused while a container (in any state) uses it.
use crate::cli::context::Context;
use crate::cli::output::report;
use crate::engine::volume::remove;
use anyhow::Result;

/// Remove one or more volumes
#[derive(clap::Args, Debug)]
pub(crate) struct Args {
    /// Do not fail when a volume does not exist (a volume in use is still refused, as Docker)
    #[arg(short = 'f', long)]
    pub(crate) force: bool,
    /// Volumes to remove
    #[arg(value_name = "VOLUME", required = true)]
    pub(crate) names: Vec<String>,
}

pub(crate) fn run(ctx: &Context, a: Args) -> Result<i32> {
    ctx.userns()?;
    let paths = ctx.paths()?;
    let mut code = 0;
    for n in &a.names {
        match remove::remove(paths, n, a.force) {
            Ok(true) => println!("{n}"),
            Ok(false) => {}
            Err(e) => {
                report::error(&e);
                code = 125;
            }
        }
    }
    Ok(code)
}
