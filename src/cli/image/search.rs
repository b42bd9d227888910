//! `skiff search [--limit N] [--format F] [--no-trunc] [--list-tags] TERM`.
use crate::cli::context::Context;
use crate::cli::flags::format::FormatFlag;
use crate::cli::flags::registry::RegistryFlags;
use crate::cli::output::format::{self, Columns, Row};
use crate::cli::output::report;
use crate::engine::image::search::{search, Found, SearchOptions};
use anyhow::Result;

const SEARCH_FORMAT: &str = "table {{.Name}}\t{{.Description}}\t{{.StarCount}}\t{{.IsOfficial}}";
const TAGS_FORMAT: &str = "table {{.Name}}\t{{.Tag}}";

/// Docker's `SearchContext` fields, then podman's.
const SEARCH_COLUMNS: Columns = Columns {
    docker: &[
        ("Name", "NAME"),
        ("Description", "DESCRIPTION"),
        ("StarCount", "STARS"),
        ("IsOfficial", "OFFICIAL"),
        ("IsAutomated", "AUTOMATED"),
    ],
    more: &[
        ("Index", "INDEX"),
        ("Stars", "STARS"),
        ("Official", "OFFICIAL"),
        ("Automated", "AUTOMATED"),
        ("Tag", "TAG"),
    ],
};

/// Search registries for images
#[derive(clap::Args, Debug)]
#[command(
    after_long_help = "The registries are the one the term names (registry.example.com/app), else those of registries.conf's unqualified-search-registries. Each is asked for its catalog (/v2/_catalog), and the repositories whose name contains the term are listed; with --list-tags, the tags of the repository the term names.\n\nDIFFERENCES: Docker Hub's search API is not used: registries without a catalog (Docker Hub among them) give an error for that registry. Catalogs have no descriptions, stars or official marks: those columns are empty. --filter is not supported."
)]
pub(crate) struct Args {
    /// Max number of search results (per registry)
    #[arg(long, default_value_t = 25)]
    pub(crate) limit: usize,
    #[command(flatten)]
    pub(crate) format: FormatFlag,
    /// Don't truncate output
    #[arg(long)]
    pub(crate) no_trunc: bool,
    /// List the tags of the repository the term names
    #[arg(long)]
    pub(crate) list_tags: bool,
    #[command(flatten)]
    pub(crate) registry: RegistryFlags,
    /// What to search for (TERM, REGISTRY/TERM, or a repository with --list-tags)
    pub(crate) term: String,
}

struct Line<'a> {
    f: &'a Found,
    trunc: bool,
}

impl Row for Line<'_> {
    fn field(&self, name: &str) -> String {
        match name {
            "Name" => self.f.name.clone(),
            "Index" => self.f.index.clone(),
            "Tag" => self.f.tag.clone().unwrap_or_default(),
            "IsOfficial" | "IsAutomated" | "Official" | "Automated" => String::new(),
            "StarCount" | "Stars" => "0".into(),
            "Description" => cut(&self.f.description, self.trunc),
            _ => String::new(),
        }
    }
}

/// Docker cuts descriptions to 45 characters unless `--no-trunc`.
fn cut(s: &str, trunc: bool) -> String {
    match trunc && s.chars().count() > 45 {
        true => s.chars().take(44).chain(['…']).collect(),
        false => s.to_string(),
    }
}

pub(crate) fn run(ctx: &Context, a: Args) -> Result<i32> {
    let default = match a.list_tags {
        true => TAGS_FORMAT,
        false => SEARCH_FORMAT,
    };
    let fmt = format::parse_list(a.format.custom().unwrap_or(default))?;
    let paths = ctx.paths()?;
    let o = SearchOptions {
        registry: a.registry.options(paths)?,
        limit: a.limit,
        list_tags: a.list_tags,
    };
    let found = search(paths, &a.term, &o, &mut |w| report::warn(&w))?;
    let rows: Vec<Line> = found
        .iter()
        .map(|f| Line {
            f,
            trunc: !a.no_trunc,
        })
        .collect();
    print!("{}", fmt.render_rows(&rows, &SEARCH_COLUMNS)?);
    Ok(0)
}
