//! `skiff volume ls [-q] [--filter F] [--format F]`.
use crate::cli::context::Context;
use crate::cli::flags::format::FormatFlag;
use crate::cli::output::format;
use crate::cli::output::volumes::{VolumeLine, VOLUMES_COLUMNS, VOLUMES_FORMAT};
use crate::engine::volume::{self, Filters};
use anyhow::Result;

/// List volumes
#[derive(clap::Args, Debug)]
pub(crate) struct Args {
    /// Only display volume names
    #[arg(short, long)]
    pub(crate) quiet: bool,
    /// Provide filter values (dangling=true|false, name=NAME, label=KEY[=VALUE], driver=local)
    #[arg(short, long = "filter", value_name = "FILTER")]
    pub(crate) filter: Vec<String>,
    #[command(flatten)]
    pub(crate) format: FormatFlag,
    /// Do not print the header line of the table
    #[arg(long)]
    pub(crate) noheading: bool,
}

pub(crate) fn run(ctx: &Context, a: Args) -> Result<i32> {
    let filters = Filters::parse(&a.filter)?;
    let fmt =
        format::parse_list(a.format.custom().unwrap_or(VOLUMES_FORMAT))?.no_heading(a.noheading);
    let paths = ctx.paths()?;
    let records = match filters.needs_users() {
        true => crate::engine::container::record::list(paths)?,
        false => vec![],
    };
    let used = |name: &str| records.iter().any(|r| volume::uses(&r.config.mounts, name));
    let vols: Vec<_> = volume::list(paths)?
        .into_iter()
        .filter(|v| filters.matches(v, used(&v.name)))
        .collect();
    if a.quiet {
        for v in &vols {
            println!("{}", v.name);
        }
        return Ok(0);
    }
    let rows: Vec<_> = vols.iter().map(|v| VolumeLine { v, paths }).collect();
    print!("{}", fmt.render_rows(&rows, &VOLUMES_COLUMNS)?);
    Ok(0)
}
