//! `skiff images [-a] [-q] [--no-trunc] [--digests] [REPOSITORY[:TAG]]` (also `image ls`).
use crate::cli::output::format;
use crate::engine::image::human::{human_since, human_size};
use crate::engine::image::list::{list, ListOptions};
use anyhow::Result;

const DEFAULT_FORMAT: &str = "table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{if .CreatedSince}}{{.CreatedSince}}{{else}}N/A{{end}}\t{{.Size}}";
const DIGEST_FORMAT: &str = "table {{.Repository}}\t{{.Tag}}\t{{.Digest}}\t{{.ID}}\t{{if .CreatedSince}}{{.CreatedSince}}{{else}}N/A{{end}}\t{{.Size}}";

/// Docker's column titles for `table` templates.
const HEADER: &[(&str, &str)] = &[
    ("ID", "IMAGE ID"),
    ("Repository", "REPOSITORY"),
    ("Tag", "TAG"),
    ("Digest", "DIGEST"),
    ("CreatedSince", "CREATED"),
    ("CreatedAt", "CREATED AT"),
    ("Size", "SIZE"),
    ("Containers", "CONTAINERS"),
    ("VirtualSize", "SIZE"),
];

#[derive(clap::Args, Debug)]
#[command(
    after_long_help = "REPOSITORY shows full names (docker.io/library/busybox, localhost/name), as podman does; Docker shortens Docker Hub names."
)]
pub struct Args {
    /// Show all images (intermediate images too; skiff keeps none, so the same list)
    #[arg(short, long)]
    pub all: bool,
    /// Only show image IDs
    #[arg(short, long)]
    pub quiet: bool,
    /// Don't truncate output
    #[arg(long)]
    pub no_trunc: bool,
    /// Show digests
    #[arg(long)]
    pub digests: bool,
    /// Format output with a Go template, 'table TEMPLATE' or 'json'
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Only images whose name matches REPOSITORY[:TAG]
    pub reference: Option<String>,
}

pub fn run(a: Args) -> Result<i32> {
    let paths = crate::cli::common::paths()?;
    let rows = list(
        &paths,
        &ListOptions {
            filter: a.reference,
        },
    )?;
    let id = |full: &str| match a.no_trunc {
        true => full.to_string(),
        false => full
            .trim_start_matches("sha256:")
            .chars()
            .take(12)
            .collect(),
    };
    if a.quiet {
        let mut seen = std::collections::HashSet::new();
        for r in rows.iter().filter(|r| seen.insert(r.id.clone())) {
            println!("{}", id(&r.id));
        }
        return Ok(0);
    }
    let fmt = match a.format.as_deref() {
        Some(f) if f != "table" => f,
        _ if a.digests => DIGEST_FORMAT,
        _ => DEFAULT_FORMAT,
    };
    let tmpl = format::parse_list(fmt)?;
    let now = chrono::Utc::now();
    let out: Vec<_> = rows
        .iter()
        .map(|r| {
            format::strings([
                ("ID", id(&r.id)),
                ("Repository", r.repository.clone()),
                ("Tag", r.tag.clone()),
                ("Digest", r.digest.clone()),
                (
                    "CreatedSince",
                    r.created
                        .map(|_| human_since(r.created, now))
                        .unwrap_or_default(),
                ),
                ("CreatedAt", format::go_time(r.created.unwrap_or_default())),
                ("Size", human_size(r.size)),
                // Counting users reads every container record: Docker shows N/A too unless asked.
                ("Containers", "N/A".to_string()),
                ("VirtualSize", human_size(r.size)),
            ])
        })
        .collect();
    print!("{}", tmpl.render(&out, HEADER)?);
    Ok(0)
}
