//! `skiff network rm [-f] NETWORK...`: refused while a container (in any state) uses it.
use crate::cli::context::Context;
use crate::cli::output::report;
use crate::engine::network::manage;
use anyhow::Result;

/// Remove one or more networks
#[derive(clap::Args, Debug)]
pub(crate) struct Args {
    /// Do not fail when a network does not exist (a network in use is still refused, as Docker)
    #[arg(short = 'f', long)]
    pub(crate) force: bool,
    /// Networks to remove
    #[arg(value_name = "NETWORK", required = true)]
    pub(crate) names: Vec<String>,
}

pub(crate) fn run(ctx: &Context, a: Args) -> Result<i32> {
    let paths = ctx.paths()?;
    let mut code = 0;
    for n in &a.names {
        match manage::remove(paths, n, a.force) {
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
