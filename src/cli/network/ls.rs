//! `skiff network ls [-q] [--filter F] [--format F]`.
use crate::cli::context::Context;
use crate::cli::flags::format::FormatFlag;
use crate::cli::output::format;
use crate::engine::network::manage::Filters;
use crate::engine::network::user::{self, NetworkRecord};
use anyhow::Result;

/// List networks
#[derive(clap::Args, Debug)]
pub(crate) struct Args {
    /// Only display network IDs
    #[arg(short, long)]
    pub(crate) quiet: bool,
    /// Provide filter values (name=, id=, driver=, label=KEY[=VALUE], type=custom)
    #[arg(short, long = "filter", value_name = "FILTER")]
    pub(crate) filter: Vec<String>,
    #[command(flatten)]
    pub(crate) format: FormatFlag,
    /// Do not truncate the output
    #[arg(long)]
    pub(crate) no_trunc: bool,
    /// Do not print the header line of the table
    #[arg(long)]
    pub(crate) noheading: bool,
}

const FORMAT: &str = "table {{.ID}}\t{{.Name}}\t{{.Driver}}\t{{.Scope}}";

const COLUMNS: format::Columns = format::Columns {
    docker: &[
        ("ID", "NETWORK ID"),
        ("Name", "NAME"),
        ("Driver", "DRIVER"),
        ("Scope", "SCOPE"),
        ("IPv6", "IPV6"),
        ("Internal", "INTERNAL"),
        ("Labels", "LABELS"),
        ("CreatedAt", "CREATED AT"),
    ],
    more: &[],
};

struct Line<'a> {
    n: &'a NetworkRecord,
    trunc: bool,
}

impl format::Row for Line<'_> {
    fn field(&self, name: &str) -> String {
        let n = self.n;
        match name {
            "ID" if self.trunc => n.id[..12].to_string(),
            "ID" => n.id.clone(),
            "Name" => n.name.clone(),
            "Driver" => n.driver.clone(),
            "Scope" => "local".into(),
            "IPv6" => n.ipv6.to_string(),
            "Internal" => n.internal.to_string(),
            "Labels" => (n.labels.iter())
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join(","),
            "CreatedAt" => format::go_time(n.created),
            _ => String::new(),
        }
    }
}

pub(crate) fn run(ctx: &Context, a: Args) -> Result<i32> {
    let filters = Filters::parse(&a.filter)?;
    let fmt = format::parse_list(a.format.custom().unwrap_or(FORMAT))?.no_heading(a.noheading);
    let nets: Vec<_> = user::list(ctx.paths()?)?
        .into_iter()
        .filter(|n| filters.matches(n))
        .collect();
    if a.quiet {
        for n in &nets {
            println!("{}", if a.no_trunc { &n.id[..] } else { &n.id[..12] });
        }
        return Ok(0);
    }
    let rows: Vec<_> = nets
        .iter()
        .map(|n| Line {
            n,
            trunc: !a.no_trunc,
        })
        .collect();
    print!("{}", fmt.render_rows(&rows, &COLUMNS)?);
    Ok(0)
}
