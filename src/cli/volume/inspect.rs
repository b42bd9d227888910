//! `skiff volume inspect NAME...`: Docker's fields (Name, Driver, Mountpoint, Labels, Options,
//! Scope, CreatedAt).
use crate::cli::context::Context;
use crate::cli::output::{format, report};
use crate::engine::volume;
use anyhow::Result;

/// Display detailed information on one or more volumes
#[derive(clap::Args, Debug)]
pub(crate) struct Args {
    /// Format the output using a Go template such as '{{.Mountpoint}}', or 'json'
    #[arg(short = 'f', long)]
    pub(crate) format: Option<String>,
    /// Inspect all volumes
    #[arg(short = 'a', long)]
    pub(crate) all: bool,
    /// Volumes to inspect
    #[arg(value_name = "VOLUME", required_unless_present = "all")]
    pub(crate) names: Vec<String>,
}

pub(crate) fn run(ctx: &Context, a: Args) -> Result<i32> {
    let fmt = format::parse_inspect(a.format.as_deref())?;
    let paths = ctx.paths()?;
    let mut vals = Vec::new();
    let mut code = 0;
    let names = match a.all {
        true => volume::list(paths)?.into_iter().map(|v| v.name).collect(),
        false => a.names,
    };
    for n in &names {
        match volume::find(paths, n) {
            Ok(v) => vals.push(volume::inspect(paths, &v)),
            Err(e) => {
                report::error(&e);
                code = 125;
            }
        }
    }
    print!("{}", format::render_inspect(&fmt, &vals)?);
    Ok(code)
}
