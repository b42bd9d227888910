//! `skiff container ls` (also `skiff ps`): list containers with Docker's columns, `--format`,
//! `--filter`, `--sort` (podman's) and `-s`.
use crate::cli::context::Context;
use crate::cli::flags::format::FormatFlag;
use crate::cli::output::containers::{PsRow, DEFAULT_FORMAT, HEADER};
use crate::cli::output::format;
use crate::engine::container::filter::{self, Filters};
use crate::engine::container::list::{self, Query};
use anyhow::Result;

/// List containers
#[derive(clap::Args, Debug)]
pub(crate) struct Args {
    /// Show all containers (default shows just running)
    #[arg(short = 'a', long)]
    pub(crate) all: bool,
    /// Only display container IDs
    #[arg(short = 'q', long)]
    pub(crate) quiet: bool,
    /// Don't truncate output
    #[arg(long = "no-trunc")]
    pub(crate) no_trunc: bool,
    /// Show n last created containers (includes all states)
    #[arg(short = 'n', long = "last", value_name = "N")]
    pub(crate) last: Option<usize>,
    /// Show the latest created container (includes all states)
    #[arg(short = 'l', long)]
    pub(crate) latest: bool,
    /// Filter output (status=, name=, label=, ancestor=, id=, health=, exited=)
    #[arg(short = 'f', long = "filter", value_name = "FILTER")]
    pub(crate) filter: Vec<String>,
    #[command(flatten)]
    pub(crate) format: FormatFlag,
    /// Display total file sizes
    #[arg(short = 's', long)]
    pub(crate) size: bool,
    /// Sort by created, id, image, names, runningfor, size or status
    #[arg(long, value_name = "KEY")]
    pub(crate) sort: Option<filter::SortKey>,
}

pub(crate) fn run(ctx: &Context, args: Args) -> Result<i32> {
    let fmt = match (args.format.custom(), args.quiet) {
        (_, true) => "{{.ID}}".to_string(),
        (Some(f), false) => f.to_string(),
        _ if args.size => format!("{DEFAULT_FORMAT}\t{{{{.Size}}}}"),
        _ => DEFAULT_FORMAT.to_string(),
    };
    let tmpl = format::parse_list(&fmt)?;
    tmpl.validate(HEADER)?;
    let sort = args.sort;
    let mut q = Query {
        all: args.all,
        last: if args.latest { Some(1) } else { args.last },
        filters: Filters::parse(&args.filter)?,
        sort,
        size: args.size || sort == Some(filter::SortKey::Size) || format::uses_field(&fmt, "Size"),
    };
    let entries = list::query(ctx.paths()?, &mut q)?;
    let now = chrono::Utc::now();
    let rows: Vec<_> = entries
        .iter()
        .map(|entry| PsRow {
            entry,
            trunc: !args.no_trunc,
            now,
        })
        .collect();
    print!("{}", tmpl.render_rows(&rows, HEADER)?);
    Ok(0)
}
