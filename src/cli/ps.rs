//! `skiff ps` / `container ls`: list containers with Docker's columns.
use super::common;
use crate::engine::container::list::{self, command_text, status_text, ListOptions};
use crate::engine::image::human;
use anyhow::Result;

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
}

pub fn run(args: Args) -> Result<i32> {
    let paths = common::paths()?;
    let last = if args.latest { Some(1) } else { args.last };
    let recs = list::list(
        &paths,
        &ListOptions {
            all: args.all,
            last,
        },
    )?;
    let id = |r: &crate::engine::container::record::Record| {
        if args.no_trunc {
            r.id.clone()
        } else {
            r.short_id().to_string()
        }
    };
    if args.quiet {
        for r in &recs {
            println!("{}", id(r));
        }
        return Ok(0);
    }
    let now = chrono::Utc::now();
    let mut rows = vec![[
        "CONTAINER ID",
        "IMAGE",
        "COMMAND",
        "CREATED",
        "STATUS",
        "PORTS",
        "NAMES",
    ]
    .map(String::from)
    .to_vec()];
    for r in &recs {
        rows.push(vec![
            id(r),
            r.image.clone(),
            command_text(r, !args.no_trunc),
            format!(
                "{} ago",
                human::human_duration((now - r.created).num_seconds())
            ),
            status_text(r, now),
            String::new(),
            r.name.clone(),
        ]);
    }
    print!("{}", human::table(&rows));
    Ok(0)
}
