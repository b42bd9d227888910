//! `skiff ps` / `container ls`: list containers with Docker's columns, `--format`, `--filter`,
//! `--sort` (podman's) and `-s`.
use crate::cli::{common, output::format};
use crate::engine::container::filter::{self, Filters};
use crate::engine::container::list::{self, command_text, status_text, Entry, Query};
use crate::engine::image::human;
use anyhow::Result;

const DEFAULT_FORMAT: &str =
    "table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}";

/// Docker's column titles for `table` templates.
const HEADER: &[(&str, &str)] = &[
    ("ID", "CONTAINER ID"),
    ("Image", "IMAGE"),
    ("Command", "COMMAND"),
    ("CreatedAt", "CREATED AT"),
    ("RunningFor", "CREATED"),
    ("Ports", "PORTS"),
    ("State", "STATE"),
    ("Status", "STATUS"),
    ("Size", "SIZE"),
    ("Names", "NAMES"),
    ("Labels", "LABELS"),
    ("Mounts", "MOUNTS"),
    ("LocalVolumes", "LOCAL VOLUMES"),
    ("Networks", "NETWORKS"),
];

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Show all containers (default shows just running)
    #[arg(short = 'a', long)]
    pub all: bool,
    /// Only display container IDs
    #[arg(short = 'q', long)]
    pub quiet: bool,
    /// Don't truncate output
    #[arg(long = "no-trunc")]
    pub no_trunc: bool,
    /// Show n last created containers (includes all states)
    #[arg(short = 'n', long = "last", value_name = "N")]
    pub last: Option<usize>,
    /// Show the latest created container (includes all states)
    #[arg(short = 'l', long)]
    pub latest: bool,
    /// Filter output (status=, name=, label=, ancestor=, id=, health=, exited=)
    #[arg(short = 'f', long = "filter", value_name = "FILTER")]
    pub filter: Vec<String>,
    /// Format output with a Go template, 'table TEMPLATE' or 'json'
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Display total file sizes
    #[arg(short = 's', long)]
    pub size: bool,
    /// Sort by created, id, image, names, runningfor, size or status
    #[arg(long, value_name = "KEY")]
    pub sort: Option<filter::SortKey>,
}

pub fn run(args: Args) -> Result<i32> {
    let paths = common::paths()?;
    let fmt = match (&args.format, args.quiet) {
        (_, true) => "{{.ID}}".to_string(),
        (Some(f), false) if f != "table" => f.clone(),
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
    let entries = list::query(&paths, &mut q)?;
    let now = chrono::Utc::now();
    let rows: Vec<_> = entries
        .iter()
        .map(|e| row(e, !args.no_trunc, now))
        .collect();
    print!("{}", tmpl.render(&rows, HEADER)?);
    Ok(0)
}

/// One container as the docker CLI's `ContainerContext` shows it.
fn row(e: &Entry, trunc: bool, now: chrono::DateTime<chrono::Utc>) -> gotmpl::Value {
    let r = &e.record;
    let size = e.size.unwrap_or_default();
    let labels = filter::labels(r)
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join(",");
    let network = match r.options.network.as_str() {
        "private" | "" => "none",
        n => n,
    };
    format::strings([
        (
            "ID",
            if trunc {
                r.short_id().to_string()
            } else {
                r.id.clone()
            },
        ),
        ("Image", r.image.clone()),
        ("Command", command_text(r, trunc)),
        ("CreatedAt", format::go_time(r.created)),
        (
            "RunningFor",
            format!(
                "{} ago",
                human::human_duration((now - r.created).num_seconds())
            ),
        ),
        ("Ports", crate::engine::container::network::ports_text(r)),
        ("State", filter::state_text(r).to_string()),
        ("Status", status_text(r, now)),
        (
            "Size",
            match size.root_fs {
                0 => human::human_size(size.rw),
                v => format!(
                    "{} (virtual {})",
                    human::human_size(size.rw),
                    human::human_size(v)
                ),
            },
        ),
        ("Names", r.name.clone()),
        ("Labels", labels),
        ("Mounts", String::new()),
        ("LocalVolumes", "0".to_string()),
        ("Networks", network.to_string()),
    ])
}
