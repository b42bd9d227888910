//! `skiff container ls` (also `skiff ps`): list containers with Docker's columns, `--format`,
//! `--filter`, `--sort` (podman's), `-s`, and podman's `--ns`, `--pod`, `--noheading`.
use crate::cli::context::Context;
use crate::cli::flags::format::FormatFlag;
use crate::cli::output::containers::{PsRow, COLUMNS, DEFAULT_FORMAT, NS_FORMAT, POD_FORMAT};
use crate::cli::output::format;
use crate::engine::container::filter::{self, Filters};
use crate::engine::container::list::{self, Query};
use anyhow::Result;

/// List containers
#[derive(clap::Args, Debug)]
#[command(
    after_long_help = "--sort created lists the oldest first, as podman's does; with no --sort, ps lists the newest first, as Docker and podman do.\n\n--format json prints one JSON object per container per line with Docker's keys, as Docker does (podman prints one JSON array). Templates may also read podman's fields (.Created, .ImageID, .Pid, .ExitCode, .Exited, .ExitedAt, .StartedAt, .Restarts, .AutoRemove) and .Id for .ID."
)]
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
    /// Sort by created (oldest first), id, image, names, runningfor, size or status
    #[arg(long, value_name = "KEY")]
    pub(crate) sort: Option<filter::SortKey>,
    /// Do not print the header line of the table
    #[arg(long)]
    pub(crate) noheading: bool,
    /// Display the namespaces of running containers (their inode numbers)
    #[arg(long)]
    pub(crate) ns: bool,
    /// Display the pod each container belongs to (skiff has no pods yet: none)
    #[arg(short = 'p', long)]
    pub(crate) pod: bool,
    /// Include containers of other tools in the store (skiff's store holds only its own)
    #[arg(long)]
    pub(crate) external: bool,
}

pub(crate) fn run(ctx: &Context, args: Args) -> Result<i32> {
    let fmt = template(&args);
    let tmpl = format::parse_list(&fmt)?.no_heading(args.noheading);
    tmpl.validate(&COLUMNS)?;
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
    print!("{}", tmpl.render_rows(&rows, &COLUMNS)?);
    Ok(0)
}

/// The template the flags ask for: `-q`, the user's, `--ns`, or the table with `--pod` and
/// `-s` columns.
fn template(args: &Args) -> String {
    match (args.format.custom(), args.quiet) {
        (_, true) => "{{.ID}}".to_string(),
        (Some(f), false) => f.to_string(),
        _ if args.ns => NS_FORMAT.to_string(),
        _ => {
            let mut f = DEFAULT_FORMAT.to_string();
            if args.size {
                f.push_str("\t{{.Size}}");
            }
            if args.pod {
                f.push_str(POD_FORMAT);
            }
            f
        }
    }
}
