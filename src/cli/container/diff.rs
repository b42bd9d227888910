//! `skiff container diff [--format F] CONTAINER` (also `skiff diff`): what a container changed.
use crate::cli::context::Context;
use crate::cli::flags::format::FormatFlag;
use crate::cli::output::format::{self, Columns, Row};
use crate::engine::container::diff::{diff, Change, Kind};
use crate::engine::container::record;
use anyhow::Result;

const COLUMNS: Columns = Columns {
    docker: &[("Kind", "KIND"), ("Path", "PATH")],
    more: &[],
};

/// Inspect changes to files or directories on a container's filesystem
#[derive(clap::Args, Debug)]
#[command(
    after_long_help = "Lines are Docker's: A (added), C (changed), D (deleted), in Docker's order. --format takes a Go template over .Kind and .Path (podman's), or json for podman's {\"changed\": [...], \"added\": [...], \"deleted\": [...]}.\n\nDIFFERENCES: a directory the container removed and made again (an opaque directory in its upper layer) is C, where Docker says D for it and A for what it holds now."
)]
pub(crate) struct Args {
    #[command(flatten)]
    pub(crate) format: FormatFlag,
    /// The container (name or id)
    pub(crate) container: String,
}

struct Line<'a>(&'a Change);

impl Row for Line<'_> {
    fn field(&self, name: &str) -> String {
        match name {
            "Kind" => self.0.kind.letter().into(),
            "Path" => self.0.path.clone(),
            _ => String::new(),
        }
    }
}

pub(crate) fn run(ctx: &Context, a: Args) -> Result<i32> {
    let paths = ctx.paths()?;
    let rec = record::find(paths, &a.container)?;
    // Inside the user namespace: the upper dir holds files of subordinate owners.
    ctx.userns()?;
    let changes = diff(paths, &rec)?;
    match a.format.custom() {
        Some("json") => {
            let of = |k: Kind| -> Vec<&str> {
                changes
                    .iter()
                    .filter(|c| c.kind == k)
                    .map(|c| c.path.as_str())
                    .collect()
            };
            let mut out = serde_json::Map::new();
            for (key, kind) in [
                ("changed", Kind::Changed),
                ("added", Kind::Added),
                ("deleted", Kind::Deleted),
            ] {
                if !of(kind).is_empty() {
                    out.insert(key.into(), serde_json::json!(of(kind)));
                }
            }
            println!("{}", serde_json::to_string_pretty(&out)?);
        }
        f => {
            let tmpl = format::parse_list(f.unwrap_or("{{.Kind}} {{.Path}}"))?;
            let rows: Vec<Line> = changes.iter().map(Line).collect();
            print!("{}", tmpl.render_rows(&rows, &COLUMNS)?);
        }
    }
    Ok(0)
}
