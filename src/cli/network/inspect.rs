//! `skiff network inspect NAME...`: Docker's fields, with the containers on the network.
use crate::cli::context::Context;
use crate::cli::output::{format, report};
use crate::engine::network::manage;
use anyhow::Result;

/// Display detailed information on one or more networks
#[derive(clap::Args, Debug)]
pub(crate) struct Args {
    /// Format the output using a Go template such as '{{.Id}}', or 'json'
    #[arg(short = 'f', long)]
    pub(crate) format: Option<String>,
    /// Networks to inspect
    #[arg(value_name = "NETWORK", required = true)]
    pub(crate) names: Vec<String>,
}

pub(crate) fn run(ctx: &Context, a: Args) -> Result<i32> {
    let fmt = format::parse_inspect(a.format.as_deref())?;
    let paths = ctx.paths()?;
    let mut vals = Vec::new();
    let mut code = 0;
    for n in &a.names {
        match manage::inspect(paths, n) {
            Ok(v) => vals.push(v),
            Err(e) => {
                report::error(&e);
                code = 125;
            }
        }
    }
    print!("{}", format::render_inspect(&fmt, &vals)?);
    Ok(code)
}
